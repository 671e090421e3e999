"""Demo mode keeps the speed asked for (``play --autoplay POLICY --speed N``): on the first
loop, on every "play again" loop after it, and after a major incident the bot has read.

A review saw a first-day demo at 8x fall back to 1x on its second loop.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from deskgame.cli import main
from deskgame.policies import make_policy
from deskgame.scenario import load_scenario_text
from deskgame.ui import app as app_module
from deskgame.ui.app import FRAME_SECONDS, App, SaveOptions
from deskgame.ui.scenes.base import Go
from deskgame.ui.scenes.boxes import AUTOPLAY_INCIDENT_FRAMES, IncidentBox

from .conftest import MINIMAL


def _minutes_per_frame(app: App) -> float:
    """How far one frame of demo mode moves the simulated clock now (no call ringing)."""
    before = app.live.world.now
    app.step(FRAME_SECONDS)
    return app.live.world.now - before


@pytest.mark.parametrize("loops", [1, 2, 3])
def test_every_loop_of_a_demo_runs_at_the_speed_asked_for(monkeypatch, tmp_path: Path, loops: int) -> None:  # type: ignore[no-untyped-def]
    seen: list[tuple[int, float, float]] = []

    class Looping(App):
        def run(self, frames=None, screenshot=None):  # type: ignore[no-untyped-def]
            for _ in range(loops - 1):
                self.go(Go("again"))  # what the end screen asks for in demo mode
            live = self.live
            seen.append((live.speed, _minutes_per_frame(self), FRAME_SECONDS * live.minutes_per_real_second))

    monkeypatch.setattr(app_module, "App", Looping)
    code = main(["play", "first-day", "--autoplay", "triage", "--speed", "8", "--frames", "2",
                 "--autosave", str(tmp_path / "demo.json")])
    assert code == 0
    speed, moved, at_1x = seen[-1]
    assert speed == 8
    assert moved == pytest.approx(8 * at_1x)


def test_a_demo_goes_back_to_its_speed_once_the_bot_has_read_the_incident_box() -> None:
    text = MINIMAL + ("events:\n  - {kind: major_incident, at: {round: 1, time: '08:05'}, service: email,"
                      " duration: 30m, surge: 6/h}\n")
    app = App(load_scenario_text(text, "mi.yaml"), seed=3, policy=make_policy("triage"),
              saves=SaveOptions(enabled=False))
    try:
        app.start_speed = 4  # as ``play --speed 4`` sets it
        app.live.set_speed(4)
        for _ in range(2000):
            app.step(FRAME_SECONDS)
            if isinstance(app.scenes.top, IncidentBox):
                break
        assert isinstance(app.scenes.top, IncidentBox)
        assert app.live.speed == 1  # the incident drops fast-forward, as for a team
        for _ in range(AUTOPLAY_INCIDENT_FRAMES + 2):
            app.step(FRAME_SECONDS)
        assert not isinstance(app.scenes.top, IncidentBox)
        assert app.live.speed == 4
    finally:
        app.close()


def test_a_team_stays_at_1x_after_the_incident_box(monday_board: App) -> None:
    """People keep the design's rule: the incident drops the game to 1x and it stays there."""
    from .conftest import play_until_incident

    monday_board.start_speed = 8
    play_until_incident(monday_board)
    monday_board.step(0.0)
    assert isinstance(monday_board.scenes.top, IncidentBox)
    monday_board.go(Go("close"))
    monday_board.live.acknowledge_incident()
    monday_board.step(FRAME_SECONDS)
    assert monday_board.live.speed == 1
