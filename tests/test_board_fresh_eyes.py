"""What a fresh-eyes reviewer found on and around the play board (standard-monday, seed 7),
each checked on what the app draws:

2. a team card said "T0008 for Finance" (read as a ticket titled "for Finance") beside cards
   showing two-line titles: a card shows its ticket's title, cut at a word for want of room;
3. board cues the F2 legend did not explain (the frames on cards, the frame round Trust, the
   rising "T0026 Operations -4", the dash of no priority, the field role);
4. the major-incident box said "The game is paused" over a highlighted 1x;
5. the title listed Kestrel (hard) before Monday (normal, the default) and did not mark the
   default.
"""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from deskgame.scenario import load_scenario
from deskgame.scenario.catalog import DEFAULT_SCENARIO
from deskgame.ui import text, theme
from deskgame.ui.app import App, SaveOptions
from deskgame.ui.board import legend
from deskgame.ui.board.layout import TEAM_HEAD, TEAM_RECT, Board, lay_out_team
from deskgame.ui.board.work_lines import cut_title, fit_work
from deskgame.ui.scenes.boxes import HelpBox, IncidentBox
from deskgame.ui.scenes.play import PlayScene
from deskgame.ui.settings import Settings

from .conftest import SCENARIOS, play_until_incident
from .ui_driver import drawn, post_key

CALL_KEYS = {"end_run": pygame.K_r, "byod": pygame.K_l, "fake_emergency": pygame.K_d}


def reviewers_start(app: App, minutes: float) -> None:
    """The reviewer's first minutes at 4x: every call answered, every priority set by its keys."""
    live, world = app.live, app.live.world
    live.set_speed(4)
    while world.now <= minutes:
        scene = app.scenes.top
        assert isinstance(scene, PlayScene)
        for ticket in list(world.calls.values()):
            if ticket.call_pending and ticket.kind in CALL_KEYS:
                scene.selected = ticket.id
                post_key(app, CALL_KEYS[ticket.kind])
        for ticket in list(world.queue):
            if ticket.priority is None and not ticket.call_pending and ticket.linked is None:
                scene.selected = ticket.id
                for _ in range(5):
                    if ticket.priority == ticket.true_priority:
                        break
                    post_key(app, pygame.K_p)
        app.step(0.25)


def card_words(app: App, rect: pygame.Rect) -> str:
    return " ".join(d.text for d in drawn(app) if rect.contains(d.rect))


def is_word_cut_of(shown: str, title: str) -> bool:
    """``shown`` is the first words of ``title`` (its last word may have lost a comma)."""
    said, whole = shown.split(), title.split()
    return 0 < len(said) <= len(whole) and said[:-1] == whole[:len(said) - 1] \
        and whole[len(said) - 1].rstrip(",;:") == said[-1].rstrip(",;:")


# --------------------------------------------------------------------- 2. the title on a team card
def test_every_busy_card_on_the_reviewers_board_shows_its_ticket_s_title(monday_board: App) -> None:
    reviewers_start(monday_board, 20)
    scene = monday_board.scenes.top
    busy = [s for s in scene.board.agents if s.agent.ticket is not None and not s.hidden]
    assert len(busy) >= 4
    for slot in busy:
        ticket = slot.agent.ticket
        said = card_words(monday_board, slot.rect)
        first_two = " ".join(ticket.title.split()[:2]).rstrip(",;:")
        assert first_two in said, (slot.agent.name, said)
        assert f"for {ticket.customer}" not in said or f"for {ticket.customer}" in ticket.title


def test_a_card_with_one_line_cuts_the_title_at_a_word_and_never_says_for_whom(monday_board: App) -> None:
    world = monday_board.live.world
    monday_board.live.set_speed(8)
    while sum(1 for a in world.agents if a.ticket is not None and not a.ticket.hidden) < 3:
        monday_board.step(0.5)
    monday_board.live.set_speed(0)
    busy = [a for a in world.agents if a.ticket is not None and not a.ticket.hidden]
    for agent in busy:
        agent.ticket.title = "Nothing prints on the third floor since the move, not even the test page"
    board = Board()
    tight = TEAM_HEAD + 8 + len(world.agents) * 74  # every card one line of work, none to spare
    board.team = pygame.Rect(TEAM_RECT.x, TEAM_RECT.y, TEAM_RECT.width, tight)
    lay_out_team(board, world.agents, world.now)
    for slot in board.agents:
        ticket = slot.agent.ticket
        if ticket is None or ticket.hidden:
            continue
        assert not slot.compact and len(slot.lines) == 1
        number, _, shown = slot.lines[0].partition(" ")
        assert number == ticket.id
        assert len(shown.split()) >= 2 and is_word_cut_of(shown, ticket.title), slot.lines
        assert "…" not in shown and not shown.endswith(("the", "not", ","))
        assert f"for {ticket.customer}" not in slot.lines[0]


def test_the_card_s_tooltip_says_the_whole_title(monday_board: App) -> None:
    from deskgame.ui import tooltips

    reviewers_start(monday_board, 20)
    scene = monday_board.scenes.top
    slot = next(s for s in scene.board.agents if s.agent.ticket is not None and not s.hidden)
    monday_board.draw()
    said = " ".join(tip.words for tip in tooltips.items() if tip.rect == slot.rect)
    assert slot.agent.ticket.title in said


def test_with_no_room_for_two_words_the_card_says_the_number_alone(monday_board: App) -> None:
    world = monday_board.live.world
    monday_board.live.set_speed(8)
    while not any(a.ticket is not None and not a.ticket.hidden for a in world.agents):
        monday_board.step(0.5)
    agent = next(a for a in world.agents if a.ticket is not None and not a.ticket.hidden)
    narrow = text.width(f"{agent.ticket.id} W", theme.SIZE_BODY) + 2
    lines = fit_work(agent, 1, narrow)
    assert lines[0] == agent.ticket.id  # cannot be read as a title
    assert agent.ticket.customer not in " ".join(lines)


@pytest.mark.parametrize(("title", "words", "cut"), [
    ("I need this report right now, it is critical", 8, "I need this report right now"),
    ("Mail will not send", 3, "Mail"),
    ("Quick one, can you just have a look?", 5, "Quick one"),
    ("My tablet from the airport shop will not join the wifi", 6, "My tablet from the airport shop"),
])
def test_a_title_cut_at_a_word_does_not_end_on_a_dangling_word(title: str, words: int, cut: str) -> None:
    assert cut_title(title, words) == cut


# --------------------------------------------------------------------- 3. the legend
LEGEND_CUES = {  # the cue on the board -> words its F2 legend row must say
    "frame on a card": "just answered or assigned",
    "selected ticket": "selected",
    "frame round Trust": "trust near the line",
    "rising number": "a moment moved a department",
    "no priority dash": "no priority set yet",
    "field role": "field",
    "specialist role": "specialist",
}


def cap_height(drawn_text: text.Drawn) -> int:
    """The height of a capital H at the size and weight a text was drawn in (measured)."""
    image = text.font(drawn_text.size, drawn_text.bold).render("H", True, (255, 255, 255))
    return image.get_bounding_rect(min_alpha=128).height


def open_legend_pages(app: App) -> list[list[text.Drawn]]:
    """Press F2 until the legend hides again; the texts drawn on each page."""
    pages = []
    post_key(app, pygame.K_F2)
    while app.legend_page is not None:
        pages.append(drawn(app))
        post_key(app, pygame.K_F2)
        assert len(pages) < 6
    return pages


@pytest.mark.parametrize("size", ["normal", "large"])
def test_the_f2_legend_explains_every_board_cue_legibly_and_whole(tmp_path: Path, size: str) -> None:
    app = App(load_scenario(SCENARIOS / "standard-monday.yaml"), seed=7, saves=SaveOptions(enabled=False),
              settings=Settings(text_size=size))
    try:
        app.start_play()
        app.live.set_speed(0)
        app.step(0.0)
        pages = open_legend_pages(app)
        assert len(pages) >= 2  # too many cues for one page under the top bar
        top = app.scenes.top.board.queue.y
        said = []
        for page, texts in enumerate(pages):
            box = legend.compact_rect(top, page)
            assert app.canvas.get_rect().contains(box) and box.top >= top
            inside = [d for d in texts if box.contains(d.rect)]
            words = " ".join(d.text for d in inside)
            said.append(words)
            assert f"{page + 1}/{len(pages)}" in words
            body = [d for d in inside if d.size == theme.SIZE_BODY]
            assert body and min(cap_height(d) for d in body) >= 17
        everything = " ".join(said)
        for cue, words in LEGEND_CUES.items():
            assert words in everything, cue
        assert "F2 hides it" in said[-1] and "F2: next page" in said[0]
        assert sum(len(p) for p in legend.compact_pages(top)) == len(legend.ROWS)
    finally:
        app.close()


def test_the_legend_draws_each_new_cue_as_the_board_does() -> None:
    """The rows draw the board's own marks: the yellow glow, the orange frame, the dash, the
    rising number's fill and a field avatar distinct from a specialist's."""
    from deskgame.ui.board.icons import avatar

    pygame.font.init()
    text.reset()
    rows = {row.short: row for row in legend.ROWS}
    surface = pygame.Surface((400, 60))

    def colours(short: str) -> set[tuple[int, int, int]]:
        surface.fill(theme.BLACK)
        rows[short].draw(surface, 4, 14)
        return {tuple(surface.get_at((x, y)))[:3] for x in range(400) for y in range(60)}

    assert theme.YELLOW in colours("selected · just answered or assigned")
    assert theme.ORANGE in colours("trust near the line (red: below)")
    assert theme.PRIORITY_COLOUR[None] in colours("no priority set yet")
    assert theme.VERMILLION in colours("a moment moved a department")
    shapes = []
    for role in ("specialist", "field"):
        surface.fill(theme.BLACK)
        avatar(surface, role, 0, (30, 30), role)
        filled = pygame.mask.from_threshold(surface, theme.BLACK, (1, 1, 1, 255))
        filled.invert()
        shapes.append({(x, y) for x in range(60) for y in range(30, 60) if filled.get_at((x, y))})
    assert shapes[0] != shapes[1]  # a field agent is not drawn as a specialist


# --------------------------------------------------------------------- 4. paused while the box is up
def speed_highlighted(app: App) -> list[str]:
    app.draw()
    board = app.scenes.scenes[0].board
    return [b.action for b in board.buttons if b.action.startswith("speed:") and b.selected]


def test_the_pause_button_is_the_highlighted_one_while_the_incident_box_is_up(monday_board: App) -> None:
    play_until_incident(monday_board)
    monday_board.step(0.0)
    assert isinstance(monday_board.scenes.top, IncidentBox)
    assert speed_highlighted(monday_board) == ["speed:0"]
    pause = next(b for b in monday_board.scenes.scenes[0].board.buttons if b.action == "speed:0")
    edge = monday_board.canvas.get_at((pause.rect.centerx, pause.rect.y))[:3]
    one = next(b for b in monday_board.scenes.scenes[0].board.buttons if b.action == "speed:1")
    assert edge != monday_board.canvas.get_at((one.rect.centerx, one.rect.y))[:3]  # framed, visibly
    post_key(monday_board, pygame.K_RETURN)  # seen: the game carries on at 1x
    assert not isinstance(monday_board.scenes.top, IncidentBox)
    assert speed_highlighted(monday_board) == ["speed:1"]


def test_a_box_that_stops_time_shows_the_game_paused(monday_board: App) -> None:
    monday_board.live.set_speed(4)
    monday_board.step(0.0)
    assert speed_highlighted(monday_board) == ["speed:4"]
    post_key(monday_board, pygame.K_F1)
    assert isinstance(monday_board.scenes.top, HelpBox)
    before = monday_board.live.world.now
    monday_board.step(1.0)
    assert monday_board.live.world.now == before  # the world waits under help
    assert speed_highlighted(monday_board) == ["speed:0"]


# --------------------------------------------------------------------- 5. the title screen
@pytest.mark.parametrize("tutorial_played", [False, True])
def test_the_title_lists_the_tutorial_then_easy_to_hard_and_marks_the_default(
        tmp_path: Path, data: Path, tutorial_played: bool) -> None:
    from deskgame.ui.scenes.menus import DEFAULT_MARK, TitleScene

    app = App(None, saves=SaveOptions(enabled=False))
    try:
        if tutorial_played:
            app.userdata.mark_tutorial_played()
            app.scenes.replace(TitleScene(app))
        scene = app.scenes.top
        items = scene.items
        assert items[0].scenario is not None and items[0].scenario.tutorial
        order = {"easy": 0, "normal": 1, "hard": 2}
        ranks = [order[item.scenario.difficulty] for item in items[1:]]
        assert ranks == sorted(ranks)
        marked = [item for item in items if DEFAULT_MARK in item.details]
        assert [item.name for item in marked] == [DEFAULT_SCENARIO]
        words = " ".join(d.text for d in drawn(app))
        default_row = scene.rows[items.index(marked[0])]
        assert DEFAULT_MARK in " ".join(d.text for d in drawn(app) if default_row.contains(d.rect))
        assert words.index("Monday at Northwind") < words.index("January at Kestrel")
    finally:
        app.close()
