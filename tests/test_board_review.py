"""What a workshop-room reviewer found on the play board, each checked on the drawn screen.

1. the triage lead had nothing to judge priority by (no service, impact or urgency);
2. "why it waits" named two people and left out the others who could help;
3. trust 59 green beside satisfaction 59 amber;
4. a first-time call hint queued behind a hint for a call already answered;
5. a storm band saying departments were posting while the feed said "Quiet so far", and a
   band pushing a ringing call off the screen;
6. team cards switching between a ticket's title and "T0128 for Sales" for no visible reason.

Each test drives the real app headless (standard-monday, seed 7) and reads the texts a frame
draws, where they land, or the values the board was given.
"""

from __future__ import annotations

import pygame
import pytest

from deskgame.engine.tickets import Agent, Ticket
from deskgame.ui import text, theme
from deskgame.ui.app import App
from deskgame.ui.board.layout import DETAIL_RECT, why_waiting
from deskgame.ui.board.topbar import trust_colour
from deskgame.ui.hints import CALL_HINTS
from deskgame.ui.scenes.play import PlayScene

from .ui_driver import drawn, handle_key


@pytest.fixture
def app(monday_board):  # type: ignore[no-untyped-def]
    monday_board.fair_calls = False
    return monday_board


def words_in(app: App, rect: pygame.Rect) -> str:
    return " ".join(d.text for d in drawn(app) if rect.contains(d.rect))


def play_until(app: App, done, limit: int = 40000) -> None:  # type: ignore[no-untyped-def]
    live = app.live
    live.set_speed(8)
    for _ in range(limit):
        if live.incident_alert:
            live.acknowledge_incident()
        if done():
            break
        app.step(0.1)
    live.set_speed(0)
    app.scenes.top.lay_out()


# --------------------------------------------------------------------- 1. impact and priority
def test_the_detail_panel_names_the_service_its_impact_and_urgency(app):
    world = app.live.world
    play_until(app, lambda: any(t.is_open and not t.call_pending for t in world.queue))
    ticket = next(t for t in world.queue if not t.call_pending)
    scene: PlayScene = app.scenes.top
    scene.selected = ticket.id
    scene.lay_out()
    said = words_in(app, DETAIL_RECT)
    service = world.service_name(ticket.service)
    assert f"{service}: {ticket.impact} impact, {ticket.urgency} urgency" in " ".join(said.split()), said
    assert f"needs {', '.join(sorted(ticket.skills))}" in said  # the skills were not pushed out


@pytest.mark.parametrize("size", ["normal", "large"])
def test_every_fact_of_a_long_ticket_fits_the_panel_in_both_text_sizes(tmp_path, size):
    """An 'emergency' call's facts are the longest: with the impact added they take a third
    line under a body-size title, and nothing is cut (the legibility benchmark's "cut:" mark)."""
    from deskgame.scenario import load_scenario
    from deskgame.ui.app import SaveOptions
    from deskgame.ui.settings import Settings

    from .conftest import SCENARIOS

    made = App(load_scenario(SCENARIOS / "standard-monday.yaml"), seed=7, saves=SaveOptions(folder=tmp_path),
               settings=Settings(text_size=size))
    made.start_play()
    made.fair_calls = False
    try:
        world = made.live.world
        play_until(made, lambda: bool(world.calls))
        call = next(iter(world.calls.values()))
        scene: PlayScene = made.scenes.top
        scene.selected = call.id
        scene.lay_out()
        marks: list[str] = []
        seen: list[text.Drawn] = []
        with text.recording(seen.append, lambda what, rect: marks.append(what)):
            made.draw()
        inside = " ".join(d.text for d in seen if DETAIL_RECT.contains(d.rect))
        assert f"{call.impact} impact" in inside and "needs" in inside, inside
        assert not [m for m in marks if isinstance(m, str) and m.startswith("cut:") and "impact" in m]
        assert all(d.rect.bottom <= DETAIL_RECT.bottom for d in seen if DETAIL_RECT.contains(d.rect))
    finally:
        made.close()


def test_a_queue_card_marks_its_impact_with_a_tooltip_in_words(app):
    from deskgame.ui import tooltips

    world = app.live.world
    scene: PlayScene = app.scenes.top
    play_until(app, lambda: any(not s.ticket.call_pending for s in scene.board.slots))
    slot = next(s for s in scene.board.slots if not s.ticket.call_pending)
    ticket = slot.ticket
    app.draw()
    said = [t.words for t in tooltips.items()
            if slot.rect.contains(t.rect) and t.words.startswith("Business impact")]
    assert said and f"{ticket.impact} ({world.service_name(ticket.service)})" in said[0]


def test_p_first_sets_the_caller_s_word_and_puts_the_facts_beside_it(app):
    """P leaves the judging to the team: its first press sets what the caller said (a first
    press that set the facts' priority had a newcomer press P on every card and learn nothing);
    the box puts impact and urgency beside it.  A ringing call is answered, not prioritised."""
    world = app.live.world
    play_until(app, lambda: bool(world.calls))
    call = next(iter(world.calls.values()))
    scene: PlayScene = app.scenes.top
    scene.selected = call.id
    handle_key(app, pygame.K_p)
    assert call.priority is None and "answer the call first" in scene.message
    play_until(app, lambda: any(t.priority is None and not t.call_pending and t.stated_priority != "P4"
                                for t in world.queue))
    ticket = next(t for t in world.queue
                  if t.priority is None and not t.call_pending and t.stated_priority != "P4")
    scene.selected = ticket.id
    handle_key(app, pygame.K_p)
    assert ticket.priority == ticket.stated_priority
    service = world.service_name(ticket.service)
    assert scene.message == (f"{ticket.id} is {ticket.stated_priority}, as the caller said. {service}: "
                             f"{ticket.impact} impact, {ticket.urgency} urgency. P again changes it.")
    handle_key(app, pygame.K_p)  # the team's own judgement from here
    order = ["P1", "P2", "P3", "P4"]
    assert ticket.priority == order[(order.index(ticket.stated_priority) + 1) % 4]
    assert "as the caller said" not in scene.message


# --------------------------------------------------------------------- 2. who could help
def _ticket(skills: set[str]) -> Ticket:
    return Ticket(id="T0009", seq=9, round=1, kind="incident", demand="d", customer="Sales", channel="phone",
                  title="Mail will not sync", service="email", impact="high", urgency="medium",
                  true_priority="P2", stated_priority="P2", effort=30.0, skills=frozenset(skills),
                  arrived=0.0)


def _busy(name: str, skills: set[str], absent: bool = False) -> Agent:
    agent = Agent(name, 0, "desk", frozenset(skills), 0.7, 0.7, absent=absent)
    agent.ticket = None if absent else _ticket(skills)
    return agent


def test_why_it_waits_names_everyone_who_could_help():
    team = [_busy("Asha", {"email"}), _busy("Marco", {"email"}), _busy("Ben", {"email"}),
            _busy("Lin", {"devices"})]
    assert why_waiting(_ticket({"email"}), team) == "needs email: Asha, Marco and Ben are busy"
    team.append(_busy("Priya", {"email"}, absent=True))
    assert why_waiting(_ticket({"email"}), team) == "needs email: all 4 who can are busy or away"
    everyone = [_busy(n, {"email"}) for n in ("Asha", "Marco", "Ben", "Lin")]
    assert why_waiting(_ticket(set()), everyone) == "needs the desk: all 4 who can are busy"


def test_the_card_says_every_able_person_on_screen(app):
    world = app.live.world
    scene: PlayScene = app.scenes.top
    play_until(app, lambda: any(s.why for s in scene.board.slots))
    slot = next(s for s in scene.board.slots if s.why)
    able = [a.name for a in world.agents if a.can_do(slot.ticket)]
    said = words_in(app, slot.rect)
    assert all(name in said for name in able) or f"all {len(able)} who can" in said, (able, said)


# --------------------------------------------------------------------- 3. one value, one colour
def test_satisfaction_and_trust_of_the_same_value_are_drawn_in_the_same_colour(app):
    scene: PlayScene = app.scenes.top
    line = app.live.scenario.scoring.outsourcing_below
    facts = scene.facts()
    facts["trust"] = facts["satisfaction"] = line + 13  # 59 on a line of 46: what the room saw
    from deskgame.ui.board.topbar import draw_top

    surface = pygame.Surface(theme.LOGICAL_SIZE)
    draw_top(surface, scene.board, facts, pulse=False)
    colours = {}
    for rect, key in scene.board.meters:
        if key in ("trust", "satisfaction"):
            track = pygame.Rect(rect.x + 60, rect.y + 49, rect.width - 60, 1)  # through both bars
            colours[key] = {tuple(surface.get_at((x, track.y)))[:3] for x in range(track.x, track.right)}
    expected = trust_colour(line + 13, line)
    assert expected in colours["trust"] and expected in colours["satisfaction"], colours


# --------------------------------------------------------------------- 4. hints about calls
def test_a_ringing_call_s_hint_wins_and_an_answered_call_s_hint_is_dropped(app):
    """The reviewer's sequence: a call's hint is covered by a confirmation, the call is answered,
    then a call of another kind rings: its hint shows at once, the stale one never does."""
    world = app.live.world
    scene: PlayScene = app.scenes.top
    play_until(app, lambda: bool(world.calls))
    first = next(iter(world.calls.values()))
    assert scene.message == CALL_HINTS[first.kind]
    scene.say("Update sent to Sales (T0004).")  # the comms lead did something else meanwhile
    scene.selected = first.id
    handle_key(app, {"end_run": pygame.K_r, "byod": pygame.K_l, "fake_emergency": pygame.K_d}[first.kind])
    assert not first.call_pending
    seen: list[str] = []

    def rang_another() -> bool:
        seen.append(scene.message if scene.message_frames else "")
        return any(c.kind != first.kind for c in world.calls.values())

    play_until(app, rang_another)
    second = next(c for c in world.calls.values() if c.kind != first.kind)
    assert CALL_HINTS[first.kind] not in seen  # dropped once its call was answered
    assert scene.message == CALL_HINTS[second.kind] and scene.message_frames
    feed_words = " ".join(words_in(app, scene.board.feed).split())
    assert CALL_HINTS[second.kind].split(".")[0] in feed_words


# --------------------------------------------------------------------- 5. a storm on the board
def storm_app(tmp_path, size: str) -> App:  # type: ignore[no-untyped-def]
    """standard-monday at 08:13, three calls ringing, a storm over four departments injected."""
    from deskgame.scenario import load_scenario
    from deskgame.ui.app import SaveOptions
    from deskgame.ui.settings import Settings

    from .conftest import SCENARIOS

    made = App(load_scenario(SCENARIOS / "standard-monday.yaml"), seed=7, saves=SaveOptions(folder=tmp_path),
               settings=Settings(text_size=size))
    made.start_play()
    world = made.live.world
    made.live.set_speed(4)
    while len(world.calls) < 2:
        made.step(0.1)
    made.live.set_speed(0)
    names = [c.name for c in made.live.scenario.customers][:4]
    storm = {"kind": "social_storm", "customers": names, "duration": 60}
    assert made.live.command("inject", event=storm) is None
    made.step(0.0)
    return made


@pytest.mark.parametrize("size", ["normal", "large"])
def test_a_storm_band_and_the_feed_agree_and_every_ringing_call_stays_in_sight(tmp_path, size):
    made = storm_app(tmp_path, size)
    try:
        world, scene = made.live.world, made.scenes.top
        assert not [p for p in world.satisfaction.posts if p.round == world.round]  # nobody posted yet
        seen = drawn(made)
        band = " ".join(d.text for d in seen if d.rect.bottom <= scene.board.queue.y and d.rect.y > 84)
        feed = " ".join(d.text for d in seen if scene.board.feed.contains(d.rect))
        assert "angry about IT" in band and "posting" not in band, band
        assert "Quiet so far" not in feed and "storm is on" in feed, feed
        screen = pygame.Rect((0, 0), theme.LOGICAL_SIZE)
        for call in world.calls.values():  # two or three ring: each card, countdown and answers on screen
            slot = next(s for s in scene.board.slots if s.ticket is call)
            assert scene.board.queue.contains(slot.rect) and screen.contains(slot.rect)
            inside = [d.text for d in seen if slot.rect.contains(d.rect)]
            assert any(t.endswith(" s") and t[:-2].isdigit() for t in inside), inside
            answers = [b for b in scene.board.buttons
                       if b.action.endswith(f":{call.id}") and b.rect.colliderect(scene.board.queue)]
            assert answers and all(slot.rect.contains(b.rect) for b in answers)  # on the card itself
    finally:
        made.close()


def test_under_a_two_line_band_the_team_keeps_its_skills_and_faces(tmp_path):
    made = storm_app(tmp_path, "normal")
    try:
        scene = made.scenes.top
        assert not any(slot.compact for slot in scene.board.agents)
        inside = [d.text for d in drawn(made) if scene.board.agents[0].rect.contains(d.rect)]
        assert all(skill in inside for skill in made.live.world.agents[0].skills), inside
    finally:
        made.close()


def test_the_newest_post_is_shown_whole_even_in_large_text(tmp_path):
    from deskgame.engine.satisfaction import Post

    made = storm_app(tmp_path, "large")
    try:
        world, scene = made.live.world, made.scenes.top
        scene.message_frames = 0  # no message at the column's foot
        long = "Still waiting on IT. 31 minutes and counting for 'Prices missing on the order form'."
        world.satisfaction.posts.append(Post(world.now, "Finance", long, world.round))
        feed = " ".join(d.text for d in drawn(made) if scene.board.feed.contains(d.rect))
        assert " ".join(f"@Finance: {long}".split()) in " ".join(feed.split())
    finally:
        made.close()


# --------------------------------------------------------------------- 6. steady team cards
def test_a_team_card_keeps_its_words_while_its_work_lasts(app):
    """Cut short for want of room ("T0001 Nothing prints on the third floor"), a card gets its
    whole title as soon as a line frees up (a room saw a card say "T0017 for Sales" through a
    long job), and a title said whole keeps its lines first."""
    from deskgame.ui.board.layout import TEAM_HEAD, TEAM_RECT, Board, lay_out_team

    world = app.live.world
    play_until(app, lambda: any(a.ticket is not None and not a.ticket.hidden for a in world.agents))
    agent = next(a for a in world.agents if a.ticket is not None and not a.ticket.hidden)
    agent.ticket.title = "Nothing prints on the third floor since the move, not even the test page"

    def card(height: int, held: dict) -> list[str]:  # type: ignore[type-arg]
        board = Board()
        board.team = pygame.Rect(TEAM_RECT.x, TEAM_RECT.y, TEAM_RECT.width, height)
        lay_out_team(board, world.agents, world.now, held)
        slot = next(s for s in board.agents if s.agent is agent)
        assert not slot.compact
        return slot.lines

    tight = TEAM_HEAD + 8 + len(world.agents) * 74  # every card one line of work, none to spare
    roomy = tight + 200
    held: dict = {}  # type: ignore[type-arg]
    short = card(tight, held)
    assert len(short) == 1 and short[0].startswith(f"{agent.ticket.id} Nothing prints on")  # cut at a word
    assert not held[agent.name][2]  # not whole: it takes the next line that frees up
    assert card(roomy, held)[0].startswith(f"{agent.ticket.id} Nothing prints")  # room: the title
    assert held[agent.name][2]  # said whole: it keeps its lines first from now on
    assert card(roomy, {})[0].startswith(f"{agent.ticket.id} Nothing prints")  # fresh: the title


@pytest.mark.parametrize("size", ["normal", "large"])
def test_the_moments_heading_never_stands_over_nothing(tmp_path, size):
    """The room saw "Moments of truth" with nothing under it (large text) whenever a post or a
    message took the feed's room: the heading now shows only with the newest moment under it."""
    from deskgame.engine.satisfaction import Post
    from deskgame.ui.board.feed import _beside_chip

    made = storm_app(tmp_path, size)
    try:
        world, scene = made.live.world, made.scenes.top
        made.live.set_speed(8)
        while len(world.satisfaction.recent) < 3:
            made.step(0.25)
        made.live.set_speed(0)
        headings = 0
        for words in range(1, 30, 3):  # posts of growing length, with and without a message
            world.satisfaction.posts.append(Post(world.now, "Finance", "IT again. " * words, world.round))
            for message in (False, True):
                if message:
                    scene._say("T0001 goes to Asha.", frames=120)
                else:
                    scene.message_frames = 0
                made.step(0.0)
                width = scene.board.feed.width - 24
                firsts = {_beside_chip(m.text, width, 0)[0].split()[0] for m in world.satisfaction.recent}
                feed = [d for d in drawn(made) if scene.board.feed.contains(d.rect)]
                heads = [d for d in feed if d.text == "Moments of truth"]
                if heads:
                    headings += 1
                    below = [d.text for d in feed if d.rect.top > heads[0].rect.bottom]
                    assert any(line.split() and line.split()[0] in firsts for line in below), below
        if size == "normal":
            assert headings > 0  # short posts leave room for the moments
    finally:
        made.close()


def test_a_crowded_queue_fills_its_column_rather_than_leave_it_empty():
    """Large text, a band over the board, 20 waiting: a room saw one card over "+ 19 more" and
    a third of the column empty; a card that does not fit with its reason comes without it."""
    from deskgame.ui.board.layout import Board, lay_out_queue
    from deskgame.ui.settings import Settings, apply

    pygame.font.init()
    apply(Settings(text_size="large"))
    try:
        board = Board()
        board.queue.y += 60  # a band pushes the columns down
        board.queue.height -= 60
        busy = [_busy(name, {"devices"}) for name in ("Asha", "Marco", "Lin", "Ben", "Priya")]
        waiting = []
        for n in range(20):
            ticket = _ticket({"devices"})
            ticket.id, ticket.seq = f"T{100 + n:04d}", 100 + n
            ticket.title = "Order entry is down for everyone in the building"
            waiting.append(ticket)
        lay_out_queue(board, waiting, busy, 0)
        assert len(board.slots) >= 2
        assert board.slots[0].why and not board.slots[-1].why  # the first says why; the rest need not
        last = board.slots[-1].rect
        assert last.bottom <= board.queue.bottom - 8
    finally:
        apply(Settings())


def test_after_d_the_panel_keeps_what_the_caller_shouted(app):
    """D told a fake emergency its real priority; the panel then said "caller says P3 · you set
    P3", and the contrast the lesson needs was gone."""
    world = app.live.world
    play_until(app, lambda: any(c.kind == "fake_emergency" for c in world.calls.values()))
    call = next(c for c in world.calls.values() if c.kind == "fake_emergency")
    shouted = call.stated_priority
    assert shouted != call.true_priority
    scene: PlayScene = app.scenes.top
    scene.selected = call.id
    handle_key(app, pygame.K_d)
    assert call.answer == "deprioritise" and call.shouted == shouted
    scene.selected = call.id
    scene.lay_out()
    said = " ".join(words_in(app, DETAIL_RECT).split())
    assert f"said {shouted}, was told {call.true_priority}" in said, said


def test_the_team_s_key_hint_counts_the_team(app):
    said = [d.text for d in drawn(app)]
    team = len(app.live.world.agents)
    assert f"1-{team} assigns" in said and (team == 9 or "1-9 assigns" not in said)
