"""The facilitator console (F9): real keys and clicks, engine outcomes and what was drawn.

The console injects live events as recorded decisions; the game waits while it is open;
a refusal stays on screen in words; the scenario's notes appear only after N; and the
room can read it (the legibility benchmark's floors, over the console's own states).
"""

from __future__ import annotations

import dataclasses
import importlib.util
import sys
from pathlib import Path

import pygame
import pytest

from deskgame.scenario import load_scenario
from deskgame.ui import text
from deskgame.ui.app import App, SaveOptions
from deskgame.ui.scenes.boxes import IncidentBox
from deskgame.ui.scenes.console import Console, event_of, settings_for
from deskgame.ui.scenes.play import PlayScene

from .conftest import ROOT, SCENARIOS
from .ui_driver import post_key as key

MONDAY = SCENARIOS / "standard-monday.yaml"
NOTES = "Inject an outage on Email at 10:30 if nobody has broadcast yet."


def open_app(tmp_path: Path, notes: str | None = None) -> App:
    scenario = load_scenario(MONDAY)
    if notes is not None:
        scenario = dataclasses.replace(scenario, facilitator_notes=notes)
    app = App(scenario, seed=7, saves=SaveOptions(enabled=False, folder=tmp_path))
    app.start_play()
    app.fair_calls = False
    for _ in range(40):  # some time into the round: about half an hour
        app.step(1.0)
    return app


@pytest.fixture
def app(tmp_path):
    made = open_app(tmp_path)
    yield made
    made.close()


def click(app: App, pos: tuple[int, int]) -> None:
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=pos))
    app.step(0.0)


def drawn(app: App) -> list[str]:
    """Every text the next frame draws (through ``ui.text.blit``'s recorder)."""
    texts: list[str] = []
    with text.recording(lambda d: texts.append(d.text), lambda what, rect: None):
        app.draw()
    return texts


def test_f9_opens_the_console_and_the_clock_waits_until_it_closes(app):
    key(app, pygame.K_F9)
    assert isinstance(app.scenes.top, Console)
    frozen = app.live.world.now
    assert frozen > 30
    for _ in range(30):
        app.step(1.0)
    assert app.live.world.now == frozen  # the room loses no time while the facilitator types
    key(app, pygame.K_F9)
    assert isinstance(app.scenes.top, PlayScene)
    app.step(1.0)
    assert app.live.world.now > frozen


def test_an_absence_from_the_console_takes_that_person_away_now_and_is_a_decision(app):
    world = app.live.world
    key(app, pygame.K_F9)
    key(app, pygame.K_3)  # absence
    for _ in range(3):
        key(app, pygame.K_RIGHT)  # Asha, Marco, Lin -> Ben
    console = app.scenes.top
    assert console.settings[1].show(console.settings[1].value) == "1 hour"  # the default: an hour
    now = world.now
    key(app, pygame.K_RETURN)
    assert isinstance(app.scenes.top, PlayScene)  # closed
    assert world.agent_by_name["Ben"].absent
    decision = world.decisions[-1]
    assert decision["action"] == "inject"
    assert decision["event"] == {"kind": "absence", "agent": "Ben", "duration": 60}
    assert decision["t"] == pytest.approx(now)
    absent = [e for e in world.log if e.kind == "agent_absent"]
    assert absent[-1].t == pytest.approx(now) and absent[-1].data["agent"] == "Ben"
    assert "Facilitator: Ben is away for 1 hour, back at " in " ".join(drawn(app))  # the board says it
    app.live.set_speed(8)
    for _ in range(200):
        if world.now > now + 61:
            break
        app.step(0.5)
    assert world.now > now + 61 and not world.agent_by_name["Ben"].absent  # back after the hour


def test_a_major_incident_from_the_console_starts_now_and_brings_up_the_incident_box(app):
    world = app.live.world
    key(app, pygame.K_F9)
    key(app, pygame.K_1)
    key(app, pygame.K_RIGHT)  # the second service: Email
    now = world.now
    key(app, pygame.K_RETURN)
    started = [e for e in world.log if e.kind == "major_incident_started"]
    assert started and started[-1].t == pytest.approx(now)
    assert started[-1].data["service"] == "email"
    # By default the team gets a fix to work, as a scripted outage has: no scripted outage of
    # Email here, so the skills of its calls (mail faults need email) and half an hour.
    assert world.decisions[-1]["event"] == {"kind": "major_incident", "service": "email",
                                            "duration": 60, "surge": 0.2,
                                            "fix": {"skills": ["email"], "effort": 30.0}}
    fix = world.active_incidents()[-1].fix_ticket
    assert fix is not None and fix.skills == frozenset({"email"})
    app.step(1 / 60)
    assert isinstance(app.scenes.top, IncidentBox)  # the normal pause and box
    assert world.now == pytest.approx(now)


def test_a_major_incident_injected_while_paused_still_raises_its_box(app):
    key(app, pygame.K_SPACE)  # paused
    assert app.live.speed == 0
    key(app, pygame.K_F9)
    key(app, pygame.K_1)
    key(app, pygame.K_RETURN)
    app.step(1 / 60)
    assert isinstance(app.scenes.top, IncidentBox)


def test_a_refusal_keeps_the_console_open_and_says_why(app):
    world = app.live.world
    for _ in range(2):
        key(app, pygame.K_F9)
        key(app, pygame.K_3)
        key(app, pygame.K_RETURN)  # Asha, for an hour; the second time she is away
    assert isinstance(app.scenes.top, Console)
    assert sum(1 for d in world.decisions if d["action"] == "inject") == 1
    assert "Not injected: Asha is already away." in drawn(app)
    key(app, pygame.K_RIGHT)  # someone else
    assert "Not injected: Asha is already away." not in drawn(app)
    key(app, pygame.K_RETURN)
    assert isinstance(app.scenes.top, PlayScene)
    assert world.agent_by_name["Marco"].absent


def test_clicks_choose_set_and_inject(app):
    key(app, pygame.K_F9)
    console = app.scenes.top
    assert isinstance(console, Console)
    box = console._box()
    click(app, console._kind_rect(box, 3).center)  # social storm
    assert console.kind == "social_storm"
    _, right = console._arrows(box, 2)
    click(app, right.center)  # the hit: 5 -> 6 points
    assert console.settings[2].value == 6
    before = app.live.world.satisfaction.value("Sales", app.live.world.now)
    click(app, console._inject_rect(box).center)
    assert isinstance(app.scenes.top, PlayScene)
    event = app.live.world.decisions[-1]["event"]
    assert event == {"kind": "social_storm", "customers": "all", "duration": 60, "hit": 6, "amplify": 2.0}
    assert app.live.world.satisfaction.value("Sales", app.live.world.now) < before - 3


def test_notes_are_drawn_only_after_n(tmp_path):
    app = open_app(tmp_path, notes=NOTES)
    try:
        key(app, pygame.K_F9)
        assert NOTES not in drawn(app)
        key(app, pygame.K_n)
        assert NOTES in drawn(app)
        key(app, pygame.K_n)
        assert NOTES not in drawn(app)
        key(app, pygame.K_1)
        assert NOTES not in drawn(app)  # choosing an event does not show them either
    finally:
        app.close()


def test_a_scenario_without_notes_says_so(app):
    key(app, pygame.K_F9)
    key(app, pygame.K_n)
    assert "This scenario has no facilitator notes." in drawn(app)
    key(app, pygame.K_ESCAPE)  # hides the notes, the console stays
    assert isinstance(app.scenes.top, Console)
    key(app, pygame.K_ESCAPE)
    assert isinstance(app.scenes.top, PlayScene)


def test_every_kind_starts_from_the_engines_defaults_and_the_scenarios_first_names():
    """Two exceptions: the console starts an absence at an hour (the engine's default is for
    good, which a facilitator rarely means), and offers an outage the scenario's fix for its
    service (the engine's default is none: only time restores it)."""
    scenario = load_scenario(MONDAY)
    events = {kind: event_of(kind, settings_for(kind, scenario))
              for kind in ("major_incident", "wave", "absence", "social_storm")}
    assert events == {
        "major_incident": {"kind": "major_incident", "service": "orders", "duration": 60, "surge": 0.2,
                           "fix": {"skills": ["orders", "network"], "effort": 40.0}},
        "wave": {"kind": "wave", "demand": ["order-faults"], "duration": 60, "factor": 2.0},
        "absence": {"kind": "absence", "agent": "Asha", "duration": 60},  # the console's hour
        "social_storm": {"kind": "social_storm", "customers": "all", "duration": 60, "hit": 5,
                         "amplify": 2.0},
    }


def test_the_room_can_read_every_state_of_the_console():
    spec = importlib.util.spec_from_file_location("legibility_console", ROOT / "benchmarks" / "legibility.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    sys.modules["legibility_console"] = bench
    spec.loader.exec_module(bench)
    report = bench.Report()
    names = []
    for state, app in bench._console():
        names.append(state)
        bench.measure(app, state, report, None)
    assert {"console-kinds", "console-major-incident", "console-refused", "console-notes"} <= set(names)
    for window in ("1280x720", "1024x768"):
        assert report.caps[window]["body"] >= 13 and report.caps[window]["heading"] >= 18
    assert not report.small and not report.faint and not report.cuts and not report.overlaps
    assert report.texts > 150


def test_the_console_names_calls_departments_and_lengths_in_words():
    """A reviewer read "new-gadgets" (a demand's id), "every customer lose 5 points" and an
    absence that defaulted to the rest of the session."""
    from deskgame.ui.scenes.console import described, settings_for

    byod = load_scenario(SCENARIOS / "byod-after-holidays.yaml")
    wave = settings_for("wave", byod)
    said = described("wave", wave)
    assert "new-gadgets" not in said and wave[0].show("new-gadgets") in said
    assert "own-device (BYOD) calls about Email" in said, said
    storm = settings_for("social_storm", byod)
    storm[0].choose("all")
    said = described("social_storm", storm)
    assert "every department loses 5 points of satisfaction at once" in said, said
    away = settings_for("absence", byod)
    assert away[1].value == 60 and away[1].show(away[1].value) == "1 hour"
    said = described("absence", away, lambda m: "11:43")
    assert said == f"{away[0].value} is away for 1 hour, back at 11:43"


def test_the_console_offers_the_scenarios_fix_or_none(app):
    """The fix setting reads the scenario's own fix for the chosen service, and "none" sends no fix."""
    from deskgame.ui.scenes.console import described, event_of, settings_for

    scenario = app.live.scenario
    settings = settings_for("major_incident", scenario)
    service, fix = settings[0], settings[-1]
    scripted = next(e for e in scenario.events if getattr(e, "fix", None) is not None)
    service.choose(scripted.service)
    assert fix.key == "fix" and fix.value is True
    assert fix.show(True) == f"{' and '.join(scripted.fix.skills)} work, 40 minutes"
    assert event_of("major_incident", settings)["fix"] == {"skills": list(scripted.fix.skills),
                                                           "effort": scripted.fix.effort.expected}
    assert described("major_incident", settings).endswith("; the team can fix it sooner")
    fix.step(1)
    assert fix.show(fix.value) == "none: only time brings it back"
    assert event_of("major_incident", settings)["fix"] is None
    assert "fix it sooner" not in described("major_incident", settings)
