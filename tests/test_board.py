"""The play board, headless: fair calls, answers whatever is selected, danger and causes in sight.

Each test drives the real app with key and mouse events and checks what reached the
screen (texts recorded where they are drawn, pixels) or what the engine recorded.
"""

from __future__ import annotations

import pygame
import pytest

from deskgame.scenario import load_scenario
from deskgame.ui import engine_view, text, theme
from deskgame.ui.app import App, SaveOptions
from deskgame.ui.board.layout import why_waiting
from deskgame.ui.board.topbar import trust_colour
from deskgame.ui.scenes.play import CALL_SECONDS, PlayScene
from deskgame.ui.sound import Sounds, waves

from .conftest import SCENARIOS, play_until_incident

MONDAY = SCENARIOS / "standard-monday.yaml"


@pytest.fixture
def app(monday_board):  # type: ignore[no-untyped-def]
    return monday_board


def texts_drawn(app: App) -> list[str]:
    seen: list[text.Drawn] = []
    with text.recording(seen.append, lambda what, rect: None):
        app.draw()
    return [d.text for d in seen]


def until_a_call(app: App, step: float = 0.25) -> None:
    for _ in range(20000):
        if app.live.world.calls:
            return
        app.step(step)
    raise AssertionError("no call rang")


def test_a_ringing_call_gives_the_table_15_real_seconds_at_8x(app):
    app.live.set_speed(8)
    until_a_call(app)
    call = next(iter(app.live.world.calls.values()))
    window = engine_view.call_window(app.live.world)
    real = 0.0
    while call.call_pending:
        before = app.live.world.now
        app.step(0.25)
        real += 0.25
        if call.call_pending or app.live.world.calls:
            assert app.live.world.now - before <= 0.25 * window / CALL_SECONDS + 1e-9
        assert real < 120, "the call never stopped ringing"
    assert real >= CALL_SECONDS - 0.25 - 0.25  # rang part-way through a frame: up to a frame and a step
    assert app.live.speed == 8  # the speed setting is untouched: only the clock slowed


def test_the_call_s_answer_buttons_show_whatever_is_selected_and_work_on_the_first_click(app):
    until_a_call(app)
    app.live.set_speed(0)
    call = next(iter(app.live.world.calls.values()))
    scene: PlayScene = app.scenes.top
    other = next((t for t in app.live.world.queue), None)
    scene.selected = other.id if other else None
    scene.lay_out()
    answers = [b for b in scene.board.buttons if b.action.endswith(f":{call.id}")]
    assert len(answers) == 2  # on the ringing card itself
    # a click before any frame was drawn: the targets were laid out outside draw
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=answers[0].rect.center, button=1))
    app.handle(pygame.event.get()[0])
    decision = app.live.world.decisions[-1]
    assert decision["action"] == "answer" and decision["ticket"] == call.id
    assert not call.call_pending


def test_hints_queue_instead_of_replacing_each_other(app):
    """Two calls ring at once: the second call's hint waits for the first's (both still ring)."""
    scene: PlayScene = app.scenes.top
    app.live.set_speed(8)
    while len(app.live.world.tickets) < 2:
        app.step(0.5)
    app.live.set_speed(0)
    one, two = list(app.live.world.tickets.values())[:2]
    for ticket in (one, two):
        ticket.call_pending, ticket.kind = True, "byod"
    scene.message_frames = 0
    scene._hint("first hint", "byod", one.id)
    scene._hint("second hint", "byod", two.id)
    assert scene.message == "first hint" and [text for text, _, _ in scene.hints] == ["second hint"]
    for _ in range(scene.message_frames):
        scene.update(0.0)
    assert scene.message == "second hint"


def test_a_call_hint_never_stands_beside_another_kind_of_call(app):
    """The BYOD hint is up, but the room has selected a fake emergency: its own hint shows."""
    from deskgame.ui.hints import CALL_HINTS

    scene: PlayScene = app.scenes.top
    app.live.set_speed(8)
    while not app.live.world.tickets:
        app.step(0.5)
    ticket = next(iter(app.live.world.tickets.values()))
    scene.message_frames = 0  # nothing on the board yet: the hint shows at once
    scene._hint(CALL_HINTS["byod"], "byod", ticket.id)
    scene.selected = ticket.id
    ticket.call_pending, ticket.kind = True, "fake_emergency"
    assert scene.shown_message() == CALL_HINTS["fake_emergency"]
    ticket.kind = "byod"
    assert scene.shown_message() == CALL_HINTS["byod"]
    ticket.call_pending = False  # plain work selected: the hint stays as it was
    ticket.kind = "incident"
    assert scene.shown_message() == CALL_HINTS["byod"]


def test_the_trust_bar_is_coloured_against_the_line_and_the_line_is_labelled(app):
    assert trust_colour(60, 25) == theme.GOOD
    assert trust_colour(30, 25) == theme.WARN  # 60 would be orange on a 0-100 scale; not here
    assert trust_colour(20, 25) == theme.BAD
    line = app.live.scenario.scoring.outsourcing_below
    app.step(1 / 60)
    assert f"line {line:g}" in texts_drawn(app)


def test_meters_read_as_a_room_expects(app):
    app.step(1 / 60)
    drawn = texts_drawn(app)
    assert "—" in drawn  # nothing is due at 08:00: no SLA figure yet
    assert any(t.endswith("%") and t[:-1].isdigit() for t in drawn)  # morale in %
    for _ in range(200):
        app.step(1.0)
        drawn = texts_drawn(app)
        assert not any(("-0.0" in t or "−0.0" in t) for t in drawn)
        assert not any(t.count("off the books") > 1 for t in drawn)


def test_a_waiting_ticket_says_who_could_do_it_and_why_they_do_not(app):
    world = app.live.world
    for _ in range(4000):
        busy = [t for t in world.queue if why_waiting(t, world.agents)]
        if busy:
            break
        app.step(1.0)
    ticket = busy[0]
    reason = why_waiting(ticket, world.agents)
    assert reason.startswith(f"needs {sorted(ticket.skills)[0]}")
    able = [a.name for a in world.agents if a.can_do(ticket)]
    assert any(name in reason for name in able) or "nobody" in reason
    app.live.set_speed(0)
    scene: PlayScene = app.scenes.top
    scene.scroll = list(scene.visible()).index(ticket)
    scene.lay_out()
    assert any(line in texts_drawn(app) for line in text.wrap(reason, theme.SIZE_BODY, 1000)[:1]) or any(
        reason.startswith(t) for t in texts_drawn(app) if t.startswith("needs")
    )


def test_the_service_down_band_says_what_is_down_who_can_fix_it_and_the_key(tmp_path):
    app = App(
        load_scenario(SCENARIOS / "byod-after-holidays.yaml"), seed=7, saves=SaveOptions(folder=tmp_path)
    )
    app.start_play()
    try:
        live = app.live
        play_until_incident(app)
        live.acknowledge_incident()
        app.step(1 / 60)
        drawn = " ".join(texts_drawn(app))
        outage = engine_view.outages(live.world)[-1]
        assert f"{outage.service} DOWN" in drawn
        assert "back by itself in" in drawn and "B: tell everyone" in drawn and "B Broadcast (" in drawn
        assert all(name in drawn for name in outage.fixers)
        band = app.scenes.top.board.team.y  # the columns moved down under the band
        assert band > 84 + 40
    finally:
        app.close()


def test_every_sound_is_audible_and_distinct():
    made = waves()
    assert {"ring", "chime", "click", "breach", "alarm", "notice", "danger"} <= set(made)
    for name, wave in made.items():
        assert abs(wave).max() > 0.2, name
        assert abs(wave).max() <= 1.0, name
    assert len({len(w) for w in made.values()}) == len(made)  # no two effects are the same length


def test_without_an_audio_device_the_game_is_silent_and_fine(monkeypatch):
    def no_device(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise pygame.error("no audio device")

    monkeypatch.setattr(pygame.mixer, "init", no_device)
    sounds = Sounds()
    assert not sounds.enabled
    sounds.play("ring")  # nothing happens, nothing breaks
    assert sounds.toggle_mute().startswith("Sound off")
    assert sounds.change_volume(-0.2) == "Volume 50%"


def test_a_ticket_assigned_to_a_busy_agent_waits_under_them_and_lights_up(app):
    world = app.live.world
    pair = None
    for _ in range(4000):
        pair = next(
            ((t, a) for t in world.queue for a in world.agents if a.ticket is not None and a.can_do(t)), None
        )
        if pair is not None:
            break
        app.step(1.0)
    assert pair is not None
    ticket, agent = pair
    app.live.set_speed(0)
    scene: PlayScene = app.scenes.top
    scene.selected = ticket.id
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_1 + agent.index, mod=0, unicode=""))
    app.step(0.0)
    assert ticket in agent.reserved
    slot = next(s for s in scene.board.agents if s.agent is agent)
    assert any(ticket.id in line for line in slot.lines)  # queued visibly under the agent
    assert ticket.id in scene.feedback.glows
    app.draw()
    edge = slot.rect.inflate(6, 6)
    assert app.canvas.get_at((edge.x + 12, edge.y + 1))[:3] == theme.YELLOW  # the card lights up


def test_trust_moving_toward_the_line_pulses_the_meter_and_sounds_a_sting(app, monkeypatch):
    heard: list[str] = []
    scene: PlayScene = app.scenes.top
    scene.feedback.play = heard.append
    monkeypatch.setattr(scene.feedback, "trust_zone", lambda: 1)  # trust fell within 10 of the line
    app.step(0.0)
    assert "danger" in heard and scene.feedback.pulse > 0
    scene.flash = 0  # the pulse's bright half-beat
    app.draw()
    trust_meter = next(rect for rect, key in scene.board.meters if key == "trust")
    frame = trust_meter.inflate(8, 2)
    colours = {app.canvas.get_at((frame.x + 20, frame.y + dy))[:3] for dy in range(3)}
    assert theme.ORANGE in colours  # the pulse's frame around the meter
    heard.clear()
    app.step(0.0)
    assert "danger" not in heard  # once per crossing, not every frame


def test_a_ringing_call_rings_and_a_byod_call_chimes(app):
    heard: list[str] = []
    scene: PlayScene = app.scenes.top
    scene.feedback.play = heard.append
    app.live.set_speed(8)
    kinds: set[str] = set()
    for _ in range(20000):
        app.step(0.5)
        kinds |= {c.kind for c in app.live.world.calls.values()}
        resolved = any(t.resolved is not None for t in app.live.world.tickets.values())
        if "byod" in kinds and kinds - {"byod"} and resolved:
            break
    assert "chime" in heard and "ring" in heard
    assert "click" in heard  # a resolution clicks


def test_a_card_with_no_room_for_a_long_title_says_its_work_shorter_and_whole(tmp_path):
    """Under bands the team panel is short: a title that does not fit is cut at a word (no
    "…", no line left out), never turned into "T0008 for Finance" (read as a title)."""
    from deskgame.ui.board import layout

    app = App(load_scenario(SCENARIOS / "standard-monday.yaml"), seed=7, saves=SaveOptions(folder=tmp_path))
    app.start_play()
    try:
        world = app.live.world
        app.live.set_speed(8)
        while sum(1 for a in world.agents if a.ticket is not None and not a.ticket.hidden) < 3:
            app.step(0.5)
        board = layout.Board()
        board.team.height = 44 + 8 + len(world.agents) * 40  # as if two bands took the rest
        layout.lay_out_team(board, world.agents, world.now)
        for slot in board.agents:
            assert slot.dropped == "", slot.agent.name
            ticket = slot.agent.ticket
            whole = f"{ticket.id} {ticket.title}" if ticket is not None else ""  # as the card says it
            if ticket is not None and not ticket.hidden and " ".join(slot.lines) != whole:
                said = " ".join(slot.lines)
                assert said.startswith(ticket.id) and f"for {ticket.customer}" not in said
                cut = said.removeprefix(ticket.id).split(" · ")[0].split()
                assert cut == [] or whole.split()[1:len(cut)] == cut[:-1], slot.lines
    finally:
        app.close()
