"""UI tests, headless (SDL dummy driver): real key and mouse events, engine outcomes checked.

Screenshots of every scene are saved to ``DESKGAME_SHOTS`` (default: pytest's tmp dir) so a
person can look at them.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pygame
import pytest

from deskgame.policies import make_policy
from deskgame.scenario import load_scenario
from deskgame.ui import theme
from deskgame.ui.app import App, SaveOptions
from deskgame.ui.scenes.boxes import HelpBox
from deskgame.ui.scenes.menus import BriefingScene, TitleScene
from deskgame.ui.scenes.play import PlayScene

from .conftest import SCENARIOS, play_until_incident
from .ui_driver import post_key as key

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
MONDAY = SCENARIOS / "standard-monday.yaml"


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("DESKGAME_SHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def app(tmp_path):
    made = App(load_scenario(MONDAY), seed=7, saves=SaveOptions(folder=tmp_path))
    made.start_play()
    yield made
    made.close()


def frames(app: App, n: int, seconds: float = 1 / 60) -> None:
    for _ in range(n):
        app.step(seconds)


def run_until_queue(app: App, size: int) -> None:
    for _ in range(4000):
        if len(app.live.world.queue) >= size:
            return
        app.step(1.0)
    raise AssertionError("the queue never grew")


def test_pause_stops_the_clock_and_speed_keys_change_it(app):
    app.fair_calls = False  # a ringing call would slow the clock (tested on its own)
    frames(app, 30)
    assert app.live.world.now > 0
    key(app, pygame.K_SPACE)
    stopped = app.live.world.now
    frames(app, 60)
    assert app.live.world.now == stopped
    key(app, pygame.K_SPACE)
    key(app, pygame.K_EQUALS)
    key(app, pygame.K_EQUALS)
    assert app.live.speed == 4
    before = app.live.world.now
    frames(app, 60)
    assert app.live.world.now - before == pytest.approx(4 * app.live.minutes_per_real_second, rel=1e-6)
    key(app, pygame.K_MINUS)
    assert app.live.speed == 2


def test_pressing_3_assigns_the_selected_ticket_to_the_third_agent(app):
    third = app.live.world.agents[2]
    waiting = []
    for _ in range(4000):
        waiting = [t for t in app.live.world.queue if third.can_do(t)]
        if waiting:
            break
        app.step(1.0)
    assert waiting, "need a ticket the third agent can do"
    key(app, pygame.K_SPACE)  # pause so nothing moves under us
    scene = app.scenes.top
    scene.selected = waiting[0].id
    key(app, pygame.K_3)
    decision = app.live.world.decisions[-1]
    assert decision["action"] == "assign"
    assert decision == {**decision, "ticket": waiting[0].id, "agent": app.live.world.agents[2].name}
    assert waiting[0].assigned_to == app.live.world.agents[2].name


def test_dragging_a_card_onto_an_agent_assigns_it(app, shots):
    scene: PlayScene = app.scenes.top

    def draggable():  # type: ignore[no-untyped-def]
        return next(
            (
                s
                for s in scene.board.slots
                if not s.ticket.call_pending and any(a.agent.can_do(s.ticket) for a in scene.board.agents)
            ),
            None,
        )

    for _ in range(4000):
        if draggable() is not None:
            break
        app.step(1.0)
    key(app, pygame.K_SPACE)
    slot = draggable()
    assert slot is not None, "no card an agent could take"
    rect, agent = next((a.rect, a.agent) for a in scene.board.agents if a.agent.can_do(slot.ticket))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=slot.rect.center, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=rect.center, rel=(0, 0), buttons=(1, 0, 0)))
    app.step(0.0)
    pygame.image.save(app.canvas, str(shots / "play-dragging.png"))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=rect.center, button=1))
    app.step(0.0)
    decision = app.live.world.decisions[-1]
    assert (decision["action"], decision["ticket"], decision["agent"]) == (
        "assign",
        slot.ticket.id,
        agent.name,
    )


def test_a_ringing_call_is_shown_and_answering_it_records_the_decision(shots, tmp_path):
    app = App(load_scenario(MONDAY), seed=7, saves=SaveOptions(folder=tmp_path))
    app.start_play()
    try:
        world = app.live.world
        for _ in range(20000):
            if world.calls:
                break
            app.step(0.25)
        assert world.calls, "no call rang"
        call = next(iter(world.calls.values()))
        app.draw()
        pygame.image.save(app.canvas, str(shots / "play-call.png"))
        # the ringing card is drawn with its call colour around it
        scene: PlayScene = app.scenes.top
        slot = next(s for s in scene.board.slots if s.ticket is call)
        assert app.canvas.get_at((slot.rect.x + 1, slot.rect.centery))[:3] == theme.CALL_COLOUR[call.kind]
        choice = {"end_run": pygame.K_r, "byod": pygame.K_l, "fake_emergency": pygame.K_d}[call.kind]
        scene.selected = call.id
        key(app, choice)
        decision = world.decisions[-1]
        assert decision["action"] == "answer" and decision["ticket"] == call.id
        assert not call.call_pending
    finally:
        app.close()


def test_a_major_incident_pauses_until_seen_and_drops_to_1x(shots):
    app = App(load_scenario(SCENARIOS / "byod-after-holidays.yaml"), seed=7)
    app.start_play()
    try:
        live = app.live
        play_until_incident(app)
        assert live.incident_alert and live.speed == 1
        frozen = live.world.now
        frames(app, 30)
        assert live.world.now == frozen
        pygame.image.save(app.canvas, str(shots / "play-major-incident.png"))
        key(app, pygame.K_b)  # broadcast and carry on
        assert live.world.decisions[-1]["action"] == "broadcast"
        frames(app, 30)
        assert live.world.now > frozen
    finally:
        app.close()


def test_every_scene_draws_readably(app, shots):
    frames(app, 300, 1.0)
    pygame.image.save(app.canvas, str(shots / "play.png"))
    key(app, pygame.K_F1)
    pygame.image.save(app.canvas, str(shots / "play-help.png"))
    assert isinstance(app.scenes.top, HelpBox)
    key(app, pygame.K_ESCAPE)
    title = App(None, saves=SaveOptions(folder=shots / "no-saves-here"))
    try:
        title.step(0.0)
        assert isinstance(title.scenes.top, TitleScene)
        pygame.image.save(title.canvas, str(shots / "title.png"))
        key(title, pygame.K_RETURN)
        assert isinstance(title.scenes.top, BriefingScene)
        title.draw()
        pygame.image.save(title.canvas, str(shots / "briefing.png"))
        key(title, pygame.K_RETURN)
        assert isinstance(title.scenes.top, PlayScene)
    finally:
        title.close()


def test_demo_mode_walks_through_the_ending_and_plays_again(shots):
    from deskgame.ui.scenes.cycle import AwarenessScene
    from deskgame.ui.scenes.ending import EndScene, SummaryScene

    app = App(load_scenario(SCENARIOS / "first-day.yaml"), seed=11, policy=make_policy("triage"))
    try:
        first = app.live
        first.set_speed(8)
        seen: list[type] = [PlayScene]
        for _ in range(20000):
            app.step(1.0)
            if type(app.scenes.top) is not seen[-1]:
                seen.append(type(app.scenes.top))
                if seen[-1] is EndScene:
                    app.draw()
                    pygame.image.save(app.canvas, str(shots / "demo-end.png"))
            if app.live is not first:
                break
        assert seen == [PlayScene, AwarenessScene, SummaryScene, EndScene, PlayScene]
        assert first.phase == "ended" and first.outcome.rounds[0]["kpis"]["resolved"] > 0
        assert app.live.world.round == 1 and app.live.world.seed == first.world.seed
    finally:
        app.close()


def test_play_command_makes_the_same_screenshot_twice(tmp_path):
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    pictures = []
    for name in ("a.png", "b.png"):
        out = tmp_path / name
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "deskgame",
                "play",
                "--autoplay",
                "triage",
                "--frames",
                "240",
                "--screenshot",
                str(out),
            ],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        pictures.append(pygame.image.load(str(out)))
    assert pictures[0].get_size() == theme.LOGICAL_SIZE
    assert pygame.image.tobytes(pictures[0], "RGB") == pygame.image.tobytes(pictures[1], "RGB")


def test_play_without_a_display_says_so_in_one_line():
    env = {k: v for k, v in os.environ.items() if k not in ("SDL_VIDEODRIVER", "DISPLAY", "WAYLAND_DISPLAY")}
    done = subprocess.run(
        [sys.executable, "-m", "deskgame", "play", "first-day"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert done.stderr.strip().count("\n") == 0 and "deskgame run" in done.stderr


def test_the_change_cycle_screens_record_cards_and_commitment(shots):
    from deskgame.ui.scenes.cycle import ActionScene, AwarenessScene, WillScene

    app = App(load_scenario(MONDAY), seed=3, policy=None)
    app.start_play()
    try:
        app.live.set_speed(8)
        for _ in range(20000):
            app.step(1.0)
            if not isinstance(app.scenes.top, PlayScene):
                break
        assert isinstance(app.scenes.top, AwarenessScene), app.live.outcome.ended
        awareness = app.scenes.top
        app.draw()
        pygame.image.save(app.canvas, str(shots / "awareness.png"))
        rect, index = next((r, i) for r, i in awareness.marks if i != awareness.chosen)
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=rect.center, button=1))
        app.step(0.0)
        assert awareness.chosen == index                     # clicking a marker shows that moment
        key(app, pygame.K_RETURN)
        will = app.scenes.top
        assert isinstance(will, WillScene)
        key(app, pygame.K_SPACE)                             # the first card: service_catalog
        key(app, pygame.K_TAB)
        for letter in "Answer by impact":
            pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=letter))
        app.step(0.0)
        key(app, pygame.K_RETURN)                            # leave the text box
        app.draw()
        pygame.image.save(app.canvas, str(shots / "will.png"))
        key(app, pygame.K_RETURN)                            # confirm
        assert isinstance(app.scenes.top, ActionScene)
        app.draw()
        pygame.image.save(app.canvas, str(shots / "action.png"))
        decision = app.live.world.decisions[-1]
        assert decision["action"] == "improve"
        assert decision["cards"] == ["service_catalog"] and decision["commitment"] == "Answer by impact"
        key(app, pygame.K_RETURN)
        assert isinstance(app.scenes.top, PlayScene) and app.live.world.round == 2
        assert app.live.world.effects.catalogue > 0.5
    finally:
        app.close()
