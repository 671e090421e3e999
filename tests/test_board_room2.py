"""What a workshop room missed on the play board (standard-monday and the tutorial): an outage's
end never said, the moments ticker hidden under every confirmation, team cards that differed,
rising numbers in tenths under a bar of whole numbers, a tutorial hint that said "rang" for a
walk-up, thin wait rings and channel glyphs.

Each test checks words or pixels that reach the screen, where they must be.
"""

from __future__ import annotations

import pygame
import pytest

from deskgame.engine.satisfaction import Post
from deskgame.scenario import load_scenario
from deskgame.ui import theme
from deskgame.ui.app import App, SaveOptions
from deskgame.ui.board.bands import outage_words
from deskgame.ui.board.feedback import moment_words
from deskgame.ui.board.icons import CHANNEL_STROKE, RING_RADIUS, RING_STROKE, channel_icon, wait_ring
from deskgame.ui.engine_view import Outage
from deskgame.ui.hints import reached
from deskgame.ui.scenes.play import RESTORED_SECONDS, PlayScene
from deskgame.ui.tutorial import HintBox

from .conftest import SCENARIOS
from .test_onboarding import hint_over_board, tutorial_app
from .ui_driver import drawn, handle_key

BYOD = SCENARIOS / "byod-after-holidays.yaml"
SCREEN = pygame.Rect((0, 0), theme.LOGICAL_SIZE)


def on_board(app: App) -> PlayScene:
    """The board, past a major incident's box (Enter goes on)."""
    for _ in range(3):
        if isinstance(app.scenes.top, PlayScene):
            break
        handle_key(app, pygame.K_RETURN)
    assert isinstance(app.scenes.top, PlayScene)
    return app.scenes.top


def band_texts(app: App) -> list[str]:
    """The texts drawn above the columns: the bands under the top bar."""
    scene = on_board(app)
    scene.lay_out()
    return [d.text for d in drawn(app) if theme.LOGICAL_SIZE[1] > d.rect.y >= 84
            and d.rect.bottom <= scene.board.queue.y and SCREEN.contains(d.rect)]


# --------------------------------------------------------------------- 1. an outage's end
def test_a_fix_under_way_leads_the_band_and_the_end_of_the_outage_is_said(tmp_path):
    app = App(load_scenario(BYOD), seed=1, saves=SaveOptions(folder=tmp_path))
    app.start_play()
    app.fair_calls = False
    live, world = app.live, app.live.world
    live.set_speed(8)
    fixing_said = ""
    try:
        for _ in range(4000):
            on_board(app)
            for call in list(world.calls.values()):  # an end-run left to ring pulls the fixer away
                answer = {"end_run": "redirect", "byod": "learn", "fake_emergency": "deprioritise"}[call.kind]
                assert live.command("answer", ticket=call.id, choice=answer) is None
            fix = next((t for t in world.queue if t.repair), None)
            if fix is not None and not fix.assigned_to:
                able = next(a for a in world.agents if a.can_do(fix) and not a.absent)
                assert live.command("assign", ticket=fix.id, agent=able.name) is None
            if any(a.ticket is not None and a.ticket.repair for a in world.agents) and not fixing_said:
                fixing_said = " ".join(band_texts(app))
            if any(e.kind == "major_incident_ended" for e in world.log):
                break
            app.step(0.25)
        ended = next(e for e in world.log if e.kind == "major_incident_ended")
        assert ended.data["fixed"]
        fix = next(t for t in world.tickets.values() if t.repair)
        # While the fix was worked, the band led with it, and still said the natural end.
        assert f"{fix.agent}'s fix: about " in fixing_said and "by itself: " in fixing_said, fixing_said
        app.step(1 / 60)
        said = band_texts(app)
        assert "Email RESTORED" in said or any("RESTORED" in s for s in said), said
        line = " ".join(said[next(i for i, s in enumerate(said) if s.startswith("at ")):])  # wrapped or not
        assert f"by {fix.agent}'s fix" in line and "sooner than by itself" in line, line
        band = on_board(app).bands[-1]
        assert band.fill == theme.GREEN and band.sign == "done"
        assert app.canvas.get_at((40, 84 + 8))[:3] == theme.GREEN  # the band is on screen, green
        live.set_speed(0)  # a pause for talk keeps it
        for _ in range(int(RESTORED_SECONDS * 8)):
            app.step(0.25)
        assert any("RESTORED" in s for s in band_texts(app))
        live.set_speed(1)
        for _ in range(int(RESTORED_SECONDS * 4) + 4):
            app.step(0.25)
            on_board(app)
        assert not any("RESTORED" in s for s in band_texts(app))  # after a while of play, gone
    finally:
        app.close()


def test_the_outage_band_says_what_the_team_can_do():
    def words(**changes: object) -> str:
        return " · ".join(outage_words(outage(**changes)))

    def outage(**changes: object) -> Outage:
        base = dict(service="Order entry", minutes_left=36.0, fixers=("Marco", "Lin", "Priya"), fixing=None,
                    broadcasts=0, has_fix=True, fix_minutes=None)
        base.update(changes)
        return Outage(**base)  # type: ignore[arg-type]

    assert words() == ("back by itself in 36 min · Marco, Lin or Priya can fix it sooner: select the fix "
                       "and assign it · B: tell everyone")
    assert words(fix_ticket="T0027", fixer_keys=(1, 2, 3)) == (
        "back by itself in 36 min · Marco, Lin or Priya can fix it sooner: select T0027, press 1, 2 or 3"
        " · B: tell everyone")
    assert words(fixing="Priya", fix_minutes=5.6) == (
        "Priya's fix: about 6 min to go · by itself: 36 min · B: tell everyone")
    assert words(fixing="Priya", fix_minutes=50.0) == (
        "back by itself in 36 min, before Priya's fix · B: tell everyone")
    assert words(has_fix=False) == "back by itself in 36 min · B: tell everyone"
    assert words(fixers=()) == "back by itself in 36 min · nobody here can fix it · B: tell everyone"


# --------------------------------------------------------------------- 2. the ticker under a message
def ticker_in_sight(app: App, scene: PlayScene, above: int) -> None:
    """The moments' heading and the newest moment's words are drawn in the feed, above ``above``."""
    world = app.live.world
    feed = [d for d in drawn(app) if scene.board.feed.contains(d.rect)]
    heading = next(d for d in feed if d.text == "Moments of truth")
    assert heading.rect.bottom <= above
    newest = world.satisfaction.recent[-1].text.split()[0]
    below = [d for d in feed if heading.rect.bottom <= d.rect.top and d.rect.bottom <= above
             and not d.text.isdigit()]  # the words, not the rating on the chip beside them
    assert below and below[0].text.split()[0] == newest, [d.text for d in below]
    assert not any("…" in d.text for d in feed)


@pytest.mark.parametrize("size", ["normal", "large"])
@pytest.mark.parametrize("outage", [False, True])
@pytest.mark.parametrize("posted", [False, True])
def test_p_and_u_are_confirmed_in_the_ticket_s_panel_and_the_ticker_stays(tmp_path, size, outage, posted):
    from deskgame.ui.board.feed import feed_floor
    from deskgame.ui.board.layout import DETAIL_RECT
    from deskgame.ui.board.overlays import toast_box
    from deskgame.ui.settings import Settings

    app = App(load_scenario(SCENARIOS / "standard-monday.yaml"), seed=7, saves=SaveOptions(folder=tmp_path),
              settings=Settings(text_size=size))
    app.start_play()
    app.fair_calls = False
    live, world = app.live, app.live.world
    try:
        live.set_speed(8)
        while len(world.satisfaction.recent) < 2 or not any(not t.call_pending for t in world.queue):
            app.step(0.25)
            on_board(app)
        live.set_speed(0)
        if outage:  # a band over the board: the feed column is shorter
            assert live.command("inject", event={"kind": "major_incident", "service": "orders",
                                                 "duration": 45, "surge": 6}) is None
            app.step(0.0)
            assert on_board(app).bands
        if posted:
            post = "IT got round to my locked account at last. Half my morning gone, and nobody told me."
            world.satisfaction.posts.append(Post(world.now, "Sales", post, world.round))
        scene = on_board(app)
        chosen = next(t for t in world.queue if not t.call_pending)
        scene.selected = chosen.id
        presses = ((pygame.K_p, "P again changes it."), (pygame.K_u, f"Update sent to {chosen.customer}"))
        for key, words in presses:
            handle_key(app, key)
            note = scene.panel_note()
            assert note and words in " ".join(note)
            assert scene.board_message() == ""  # nothing at the feed's foot
            panel = " ".join(d.text for d in drawn(app) if DETAIL_RECT.contains(d.rect))
            assert " ".join(note) in panel and chosen.title.split()[0] in panel  # the title stays
            ticker_in_sight(app, scene, scene.board.feed.bottom)
            if posted:  # the newest post, whole
                feed = " ".join(d.text for d in drawn(app) if scene.board.feed.contains(d.rect))
                assert " ".join(f"@Sales: {post}".split()) in " ".join(feed.split())
        # A message about no ticket stays at the feed's foot, above the moments; one too long
        # for a short column gives way to its short form rather than cover the newest moment.
        short = "Saved. The game goes on."
        full = "Saved. " + "The facilitator's console wants you to know something long and winding. " * 2
        scene._say(full, frames=180, short=short)
        column = scene.board.feed
        height = feed_floor(scene.board, world) + toast_box(short, column)[0].height + 8 + 2
        scene.board.feed = pygame.Rect(column.x, column.bottom - height, column.width, height)
        assert scene.board_message() == short
        box = toast_box(short, scene.board.feed)[0]
        assert " ".join(d.text for d in drawn(app) if box.contains(d.rect)) == short
        ticker_in_sight(app, scene, box.top)
    finally:
        app.close()


# --------------------------------------------------------------------- 3. team cards alike
def test_a_card_at_full_morale_keeps_its_skills_beside_the_name(monday_board):
    app = monday_board
    world = app.live.world
    scene = app.scenes.top
    world.agents[-1].morale = 1.0  # Priya at 100%
    scene.lay_out()
    seen = drawn(app)
    spacing = {slot.spacing for slot in scene.board.agents}
    assert len(spacing) == 1  # one chip spacing for the whole team
    for slot in scene.board.agents:
        assert not slot.skills_below, slot.agent.name
        name_row = pygame.Rect(slot.rect.x, slot.rect.y, slot.rect.width, 34)
        for skill in slot.agent.skills:
            assert any(d.text == skill and name_row.contains(d.rect) for d in seen), (slot.agent.name, skill)
    assert any(d.text == "100%" for d in seen)


# --------------------------------------------------------------------- 4. whole points
def test_rising_numbers_are_whole_points_and_none_under_half_a_point():
    assert moment_words("Sales", 0.3) is None and moment_words("Sales", -0.49) is None
    assert moment_words("Sales", 0.5) == "Sales +1" and moment_words("Sales", 1.2) == "Sales +1"
    assert moment_words("Finance", -2.6) == "Finance -3"


def test_a_big_moment_floats_whole_points_on_screen_and_a_small_one_does_not(monday_board):
    app = monday_board
    live, world = app.live, app.live.world
    live.set_speed(8)
    while not world.satisfaction.recent or not any(a.ticket is not None for a in world.agents):
        app.step(0.25)
    live.set_speed(0)
    scene = on_board(app)
    scene.feedback.watch(scene.board)  # what happened so far is old news
    scene.feedback.floaters.clear()
    agent = next(a for a in world.agents if a.ticket is not None and not a.ticket.hidden)
    template = world.satisfaction.recent[-1]
    small = template._replace(ticket=agent.ticket.id, delta=0.3, customer="Small")
    big = template._replace(ticket=agent.ticket.id, delta=1.7, customer="Big")
    world.satisfaction.recent.append(small)
    world.satisfaction.recent.append(big)
    scene.feedback.watch(scene.board)
    words = [f.words for f in scene.feedback.floaters]
    assert words == ["Big +2"]
    texts = [d for d in drawn(app) if "Big +2" in d.text]
    assert texts and scene.board.team.contains(texts[0].rect)
    assert not any("." in d.text and d.text.startswith(("Big", "Small")) for d in drawn(app))


# --------------------------------------------------------------------- 5. the call's real channel
def test_the_end_run_hint_names_the_way_the_caller_came(data):
    assert reached("walk_up") == "walked up to" and reached("phone") == "rang"
    app = tutorial_app()
    try:
        box, play = hint_over_board(app, "end_run")
        assert isinstance(box, HintBox)
        call = app.live.world.tickets[box.due.ticket]
        said = " ".join(" ".join(d.text for d in drawn(app)).split())
        assert f"{call.customer} {reached(call.channel)} {call.call_target} directly" in said
        if call.channel != "phone":
            assert " rang " not in said
    finally:
        app.close()


# --------------------------------------------------------------------- 6. readable at 3 m
def test_the_wait_ring_and_channel_glyphs_have_thick_strokes():
    surface = pygame.Surface((80, 80))
    surface.fill(theme.CARD)
    wait_ring(surface, (40, 40), 1.2)  # past its target: a full red ring
    ring = [surface.get_at((40, 40 - RING_RADIUS + i))[:3] for i in range(RING_STROKE)]
    assert all(colour == theme.BAD for colour in ring) and RING_STROKE >= 6
    surface.fill(theme.CARD)
    channel_icon(surface, "email", (40, 40), theme.TEXT)
    edge = [surface.get_at((28 + i, 40))[:3] for i in range(CHANNEL_STROKE)]
    assert all(colour == theme.TEXT for colour in edge) and CHANNEL_STROKE >= 3


def test_every_ring_on_the_board_sits_inside_its_card(monday_board):
    app = monday_board
    live, world = app.live, app.live.world
    live.set_speed(8)
    while len(world.queue) < 3:
        app.step(0.25)
    live.set_speed(0)
    scene = app.scenes.top
    scene.lay_out()
    app.draw()
    for slot in scene.board.slots:
        if slot.ticket.call_pending:
            continue
        centre = (slot.rect.right - 20 - 2, slot.rect.y + 6 + 14 + 2)
        ring = pygame.Rect(0, 0, 2 * RING_RADIUS, 2 * RING_RADIUS)
        ring.center = centre
        assert slot.rect.contains(ring)
        assert app.canvas.get_at((centre[0], centre[1] - RING_RADIUS + 2))[:3] != theme.CARD  # drawn
