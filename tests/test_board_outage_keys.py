"""The outage's words say what each key does, its pop-up promises a fix only when one exists,
and the "RESTORED" band goes after its time whatever the speed.

Found by a reviewer: "fix it sooner: Felix · press B" read as "press B to fix" (B only
broadcasts); "A specialist ... can restore it sooner" over an injected outage with no fix;
"RESTORED at 10:31" still up at 11:43 at 8x.
"""

from __future__ import annotations

import pygame

from deskgame.scenario import load_scenario
from deskgame.ui import engine_view, text, theme
from deskgame.ui.app import App, SaveOptions
from deskgame.ui.board.overlays import incident_box
from deskgame.ui.scenes.boxes import IncidentBox
from deskgame.ui.scenes.play import RESTORED_SECONDS

from .conftest import SCENARIOS
from .test_board_room2 import band_texts, on_board
from .ui_driver import drawn

BYOD = SCENARIOS / "byod-after-holidays.yaml"


def _box_words(has_fix: bool) -> str:
    pygame.font.init()
    surface = pygame.Surface(theme.LOGICAL_SIZE)
    seen: list[text.Drawn] = []
    with text.recording(seen.append, lambda what, rect: None):
        incident_box(surface, "Email", has_fix)
    screen = surface.get_rect()
    assert all(screen.contains(d.rect) for d in seen)
    return " ".join(d.text for d in seen)


def test_the_pop_up_promises_a_quicker_restore_only_when_there_is_a_fix():
    assert "restore it sooner" in _box_words(True)
    without = _box_words(False)
    assert "restore it sooner" not in without and "specialist" not in without
    assert "comes back by itself" in without


def _play_to_outage(app: App) -> None:
    live = app.live
    live.set_speed(8)
    for _ in range(20000):
        if live.incident_alert:
            return
        app.step(0.25)
    raise AssertionError("no outage")


def test_the_band_names_the_fixer_s_key_and_what_b_does(tmp_path):
    app = App(load_scenario(BYOD), seed=2027, saves=SaveOptions(enabled=False))
    app.start_play()
    app.fair_calls = False
    try:
        _play_to_outage(app)
        assert isinstance(app.scenes.top, IncidentBox) or app.live.incident_alert
        said = " ".join(d.text for d in drawn(app))
        assert "restore it sooner" in said  # this outage has a fix
        on_board(app)
        outage = engine_view.outages(app.live.world)[-1]
        assert outage.has_fix and outage.fixers and outage.fix_ticket
        band = " ".join(band_texts(app))
        assert "press B" not in band and "B: tell everyone" in band, band
        if outage.fixing is None:
            world = app.live.world
            keys = [str(i + 1) for i, a in enumerate(world.agents) if a.name in outage.fixers]
            assert f"can fix it sooner: select {outage.fix_ticket}, press {keys[0]}" in band, band
    finally:
        app.close()


def test_restored_goes_within_its_seconds_of_play_at_8x_and_stays_through_a_pause(tmp_path):
    app = App(load_scenario(BYOD), seed=2027, saves=SaveOptions(enabled=False))
    app.start_play()
    app.fair_calls = False
    live, world = app.live, app.live.world
    try:
        _play_to_outage(app)
        on_board(app)
        live.set_speed(8)
        for _ in range(40000):
            if any(e.kind == "major_incident_ended" for e in world.log):
                break
            on_board(app)
            app.step(0.25)
        app.step(1 / 60)
        assert any("RESTORED" in s for s in band_texts(app))
        live.set_speed(0)  # a pause keeps it
        for _ in range(int(RESTORED_SECONDS * 8)):
            app.step(0.25)
        assert any("RESTORED" in s for s in band_texts(app))
        live.set_speed(8)
        ended = next(e.t for e in world.log if e.kind == "major_incident_ended")
        steps = 0
        while any("RESTORED" in s for s in band_texts(app)):
            app.step(0.25)
            steps += 1
            assert steps <= RESTORED_SECONDS * 4, "still up after its seconds of play"
        # gone before the clock read an hour on: the room saw "RESTORED at 10:31" at 11:43
        assert world.now - ended < 40, world.now - ended
        assert steps >= 4 * 4  # but up long enough to read
    finally:
        app.close()
