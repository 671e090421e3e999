"""What a newcomer found on the board (a clean clone, played through the UI harness):
the queue's header counts ringing calls, the team's cards keep their words apart and show
the title of the work, the rising numbers stay with their card, and the detail bar speaks
plainly.

Each test drives the real app headless and checks what reached the screen (texts recorded
where they are drawn) or the layout the drawing follows.
"""

from __future__ import annotations

import re

import pygame
import pytest

from deskgame.scenario import load_scenario
from deskgame.ui import text
from deskgame.ui.app import App, SaveOptions

from .conftest import SCENARIOS
from .ui_driver import drawn

MONDAY = SCENARIOS / "standard-monday.yaml"


@pytest.fixture
def app(monday_board):  # type: ignore[no-untyped-def]
    return monday_board


def until_a_call(app: App) -> None:
    app.live.set_speed(8)
    for _ in range(20000):
        if app.live.world.calls:
            return
        app.step(0.25)
    raise AssertionError("no call rang")


def test_the_queue_header_counts_the_ringing_calls_shown_under_it(app):
    until_a_call(app)
    world = app.live.world
    header = next(d.text for d in drawn(app) if d.text.startswith("Incoming") or " waiting" in d.text)
    assert f"{len(world.queue)} waiting" in header
    assert f"{len(world.calls)} ringing" in header, header


# ------------------------------------------------------------------ 6. one word for one thing
def test_the_briefing_names_sla_met_as_the_board_does_and_explains_it_once() -> None:
    from deskgame.ui.scenes.menus import briefing_rules

    rules = " ".join(briefing_rules(load_scenario(MONDAY)))
    assert "response targets met" not in rules
    assert "SLA met " in rules and "SLA met: the share of tickets started within" in rules


def test_the_refuse_button_and_the_hints_say_the_same_word() -> None:
    from deskgame.ui.board.layout import CHOICE_TIPS, SHORT_CHOICE
    from deskgame.ui.hints import CALL_HINTS, HINT_BY_ID

    verb = SHORT_CHOICE["unsupported"].split(" ", 1)[1].lower()  # "N Refuse" -> "refuse"
    for said in (HINT_BY_ID["byod"].text, CALL_HINTS["byod"], CHOICE_TIPS["unsupported"]):
        assert re.search(rf"(\bn:? |^){verb}", said.lower()), said


def test_the_detail_bar_says_priorities_and_kinds_in_plain_words(app):
    until_a_call(app)
    scene = app.scenes.top
    call = next(iter(app.live.world.calls.values()))
    scene.selected = call.id
    facts = " ".join(d.text for d in drawn(app) if d.rect.y > 590)
    assert "stated" not in facts and "set none" not in facts
    assert f"says {call.stated_priority}" in facts and "no priority set yet" in facts, facts
    assert "end run" not in facts


def test_a_ringing_call_s_flag_explains_itself_under_the_pointer(app):
    from deskgame.ui import help_texts, tooltips

    until_a_call(app)
    app.draw()
    call = next(iter(app.live.world.calls.values()))
    card = next(slot.rect for slot in app.scenes.top.board.slots if slot.ticket.id == call.id)
    flag = pygame.Rect(card.x + 50, card.y + 8, 20, 20)  # the flag leads the card's top line
    tip = tooltips.hit(flag.center)
    assert tip is not None and tip.words == help_texts.CALL_LABEL_TIPS[call.kind]


def test_the_title_says_what_a_seed_is_where_the_word_first_shows(tmp_path, monkeypatch):
    from deskgame.ui import help_texts, tooltips

    monkeypatch.setenv("DESKGAME_DATA_DIR", str(tmp_path / "data"))
    title = App(None, saves=SaveOptions(enabled=False))
    try:
        seen = drawn(title)
        line = next(d for d in seen if "seed" in d.text)
        tip = tooltips.hit(line.rect.center)
        assert tip is not None and tip.words == help_texts.SEED_TIP
    finally:
        title.close()


# ------------------------------------------------------------------ 1. the team's words apart
def team_texts(app: App, height: int | None = None) -> tuple[list, list[text.Drawn]]:
    """The team panel laid out (``height``: as if bands over the board left only that) and
    drawn alone; its slots and the texts it drew."""
    from deskgame.ui.board import layout
    from deskgame.ui.board.team import draw_team

    world = app.live.world
    board = layout.Board()
    if height is not None:
        board.team.height = height
    layout.lay_out_team(board, world.agents, world.now)
    seen: list[text.Drawn] = []
    with text.recording(seen.append, lambda what, rect: None):
        draw_team(app.canvas, board, world.now, None)
    return board.agents, seen


def wrap_widths(app: App, height: int) -> list[int]:
    """The widths the team's layout wraps work to (read by watching ``text.wrap``)."""
    from deskgame.ui.board import layout

    seen: list[int] = []
    real = text.wrap

    def watching(words: str, size: int, width: int, bold: bool = False) -> list[str]:
        seen.append(width)
        return real(words, size, width, bold)

    layout.text.wrap = watching  # type: ignore[assignment]
    try:
        team_texts(app, height)
    finally:
        layout.text.wrap = real  # type: ignore[assignment]
    return seen


def filling(lead: str, width: int) -> str:
    """Words after ``lead`` that fill a line of ``width`` to within 2 px (the worst case for
    whatever stands at the line's end)."""
    from deskgame.ui import theme

    line = lead.rstrip()
    for piece in ("wide", "mm", "word", "ab", "i", "l", ".", "'"):
        while text.width(f"{line} {piece}", theme.SIZE_BODY) <= width:
            line = f"{line} {piece}"
    return line[len(lead):].strip()


@pytest.mark.parametrize("size", ["normal", "large"])
def test_a_compact_team_card_keeps_its_work_clear_of_the_morale(tmp_path, size):
    from deskgame.ui.settings import Settings

    app = App(load_scenario(MONDAY), seed=7, saves=SaveOptions(folder=tmp_path),
              settings=Settings(text_size=size))
    app.start_play()
    try:
        world = app.live.world
        app.live.set_speed(8)
        while sum(1 for a in world.agents if a.ticket is not None) < 4:
            app.step(0.5)
        # A band took the rest: a pixel a card short of tight cards with skills (68 each), so
        # compact rows, most with two lines.
        height = 44 + 8 + len(world.agents) * 67
        widths = wrap_widths(app, height)
        for agent in world.agents:  # the widest morale, and titles that fill their line to the pixel
            agent.morale = 1.0
            if agent.ticket is not None:
                agent.ticket.title = filling(f"{agent.ticket.id} ", max(widths)) + " and more"
        slots, seen = team_texts(app, height)
        assert any(len(slot.lines) == 2 for slot in slots)
        assert all(slot.compact for slot in slots)
        checked = 0
        for slot in slots:
            inside = [d for d in seen if slot.rect.contains(d.rect)]
            morale = next(d for d in inside if d.text.endswith("%"))
            for d in inside:
                if d is not morale:
                    assert not d.rect.colliderect(morale.rect), (size, d.text, d.rect, morale.rect)
                    checked += 1
        assert checked >= 2 * len(slots)  # names and work were there to check
    finally:
        app.close()


# ------------------------------------------------------------------ 2. the title of the work
def test_five_busy_people_under_no_band_each_show_their_ticket_s_title(tmp_path):
    """A ticket being worked is in no queue: its card is the only place its title shows.  Five
    people, three of them on titles that take two lines, one free (the newcomer's board at
    14:03): every title is shown whole, none turned into "T0069 for Finance"."""
    app = App(load_scenario(MONDAY), seed=7, saves=SaveOptions(folder=tmp_path))
    app.start_play()
    try:
        world = app.live.world
        app.live.set_speed(8)
        while sum(1 for a in world.agents if a.ticket is not None and not a.ticket.hidden) < 4:
            app.step(0.5)
        busy = [a for a in world.agents if a.ticket is not None and not a.ticket.hidden][:4]
        for agent in world.agents:
            if agent.ticket is not None and agent not in busy:
                pytest.skip("a fifth person was busy too")
        widths = wrap_widths(app, None)
        for agent in busy[:3]:  # titles of two lines
            agent.ticket.title = filling(f"{agent.ticket.id} ", max(widths)) + " again"
        busy[3].ticket.title = "Mail will not send"
        slots, _ = team_texts(app)
        assert not any(slot.compact for slot in slots)
        for slot in slots:
            ticket = slot.agent.ticket
            if ticket is not None and slot.agent in busy:
                assert " ".join(slot.lines).startswith(f"{ticket.id} {ticket.title}"), slot.lines
    finally:
        app.close()


# ------------------------------------------------------------------ 3. the rising numbers
def busy_board(minutes: float) -> App:
    from deskgame.policies import make_policy

    app = App(load_scenario(MONDAY), seed=7, policy=make_policy("servant"), saves=SaveOptions(enabled=False))
    app.start_play()
    app.live.set_speed(8)
    while app.live.world.now < minutes:
        app.step(0.5)
    return app


def overlays_drawn(app: App, said: list[text.Drawn] | None = None) -> list[pygame.Rect]:
    boxes: list[pygame.Rect] = []

    def on_mark(what: str, rect: pygame.Rect | None) -> None:
        if what == "overlay" and rect is not None:
            boxes.append(rect.copy())

    app.scenes.top.message_frames = 0  # no toast: only the numbers mark overlays
    with text.recording(lambda d: said.append(d) if said is not None else None, on_mark):
        app.draw()
    return boxes


@pytest.mark.parametrize("minutes", [30, 300])
def test_a_number_sits_in_its_own_card_or_on_the_bare_panel_never_across_an_edge(minutes):
    from deskgame.ui.board.feedback import _place
    from deskgame.ui.board.overlays import Floater

    app = busy_board(minutes)
    try:
        scene = app.scenes.top
        board = scene.board
        cards = [s.rect for s in board.slots] + [s.rect for s in board.agents]
        tickets = [s.ticket.id for s in board.slots] + [
            s.agent.ticket.id for s in board.agents if s.agent.ticket is not None]
        drawn_any = 0
        for ticket in tickets:
            own = _place(board, ticket)
            number = Floater("Sales -4.0", False, own.right - 60, own.y + 10, ticket=ticket)
            scene.feedback.floaters[:] = [number]
            for age in (0, 40, 80):
                scene.feedback.floaters[0].age = age
                said: list[text.Drawn] = []
                for badge in overlays_drawn(app, said):
                    drawn_any += 1
                    if not own.contains(badge):  # away from its card, it says whose it is
                        words = next(d.text for d in said if badge.contains(d.rect))
                        assert words.startswith(f"{ticket} "), words
                    for card in cards:
                        if card == own:
                            assert card.contains(badge) or not badge.colliderect(card), (ticket, badge, card)
                        else:
                            assert not badge.colliderect(card), (ticket, "on another card", badge, card)
        # The quiet board must show them; on a full one there may be no clear place, and then the
        # ticker says it (the queue fills its column now rather than leave a third of it bare).
        assert drawn_any or minutes >= 300, "no number was drawn at all"
    finally:
        app.close()


def test_a_number_follows_its_card_and_leaves_with_its_ticket():
    from deskgame.ui.board.overlays import Floater

    app = busy_board(300)
    try:
        scene = app.scenes.top
        assert len(scene.board.slots) >= 2
        first, second = scene.board.slots[0], scene.board.slots[1]
        feedback = scene.feedback
        feedback.floaters[:] = [Floater("Sales -4.0", False, first.rect.right - 60, first.rect.y + 10,
                                        ticket=first.ticket.id),
                                Floater("HR +0.3", True, second.rect.right - 60, second.rect.y + 10,
                                        ticket=second.ticket.id)]
        scene.scroll += 1  # the first card leaves the screen, the second takes its place
        scene.lay_out()
        feedback.watch(scene.board)
        assert [f.words for f in feedback.floaters] == ["HR +0.3"]
        moved = next(s.rect for s in scene.board.slots if s.ticket.id == second.ticket.id)
        assert moved.y < second.rect.y
        assert abs(feedback.floaters[0].y - (moved.y + 10)) <= 1  # it went with its card
    finally:
        app.close()


def test_a_one_line_card_counts_the_work_held_for_its_person_rather_than_cut_the_list(tmp_path):
    """Seen on a servant's board under an outage band: "off the books for Sales · then T0026,"
    (the list cut at a comma).  With one line and a list that does not fit, the card counts."""
    app = App(load_scenario(MONDAY), seed=7, saves=SaveOptions(folder=tmp_path))
    app.start_play()
    try:
        world = app.live.world
        app.live.set_speed(8)
        while sum(1 for a in world.agents if a.ticket is not None) < 2 or len(world.queue) < 4:
            app.step(0.5)
        holder = next(a for a in world.agents if a.ticket is not None)
        held = list(world.queue)[:4]
        holder.reserved.extend(held)
        height = 44 + 8 + len(world.agents) * 30  # bands leave one compact line each
        slots, _ = team_texts(app, height)
        slot = next(s for s in slots if s.agent is holder)
        said = " ".join(slot.lines)
        assert not said.rstrip().endswith(","), slot.lines
        assert said.endswith(("4 more held for them", "+4 held")) or all(t.id in said for t in held), \
            slot.lines
    finally:
        app.close()
