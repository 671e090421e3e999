"""The debrief's screens meet DESIGN.md section 7's floors, measured by benchmarks/legibility.py.

The benchmark walks the change cycle in demo mode (round 1's Awareness, Will, Action, the
ending); this measures the states it does not reach: Awareness after round 2 with the
comparison, a customer's journey, the team's voice, Will with dimmed cards and a refusal,
and Action with a card in force.
"""

from __future__ import annotations

import os

import pygame

from deskgame.scenario import load_scenario
from deskgame.ui.app import App, SaveOptions
from deskgame.ui.scenes.cycle import AwarenessScene, WillScene

from .conftest import SCENARIOS
from .test_legibility import _benchmark
from .test_ui_debrief import key, play_round


def _states(app: App):  # type: ignore[no-untyped-def]
    play_round(app)
    yield "awareness-round-1"
    key(app, pygame.K_RETURN)
    key(app, pygame.K_SPACE)        # the service catalogue ...
    key(app, pygame.K_DOWN)
    key(app, pygame.K_DOWN)
    key(app, pygame.K_SPACE)        # ... and the knowledge base, which no longer fits
    assert isinstance(app.scenes.top, WillScene) and app.scenes.top.message
    yield "will-dimmed-refused"
    key(app, pygame.K_RETURN)
    yield "action-new-card"
    key(app, pygame.K_RETURN)
    play_round(app)
    assert isinstance(app.scenes.top, AwarenessScene)
    yield "awareness-round-2"
    key(app, pygame.K_t)
    yield "journey-list"
    key(app, pygame.K_RETURN)
    yield "journey"
    key(app, pygame.K_TAB)
    yield "team-voice"
    key(app, pygame.K_ESCAPE)
    key(app, pygame.K_RETURN)
    key(app, pygame.K_RETURN)
    yield "action-card-in-force"


def test_the_debrief_screens_meet_the_floors():
    bench = _benchmark()
    report = bench.Report()
    shots = os.environ.get("DESKGAME_SHOTS")
    app = App(load_scenario(SCENARIOS / "standard-monday.yaml"), seed=7, saves=SaveOptions(enabled=False))
    app.start_play()
    bench._install_watch()
    bench.WATCH.stray.clear()
    seen = []
    try:
        for state in _states(app):
            seen.append(state)
            app.step(1 / 60)
            bench.measure(app, state, report, None if shots is None else __import__("pathlib").Path(shots))
    finally:
        bench._uninstall_watch()
        app.close()
    assert len(seen) == 8
    assert report.small == [], report.small[:5]
    assert report.faint == [], report.faint[:5]
    assert report.cuts == [], report.cuts[:5]
    assert report.overlaps == [], report.overlaps[:5]
    assert bench.WATCH.stray == [], bench.WATCH.stray[:5]
    assert report.caps["1280x720"]["body"] >= 17
    assert report.texts > 300
