"""Shared helpers: paths to the bundled scenarios and a way to write scenario files."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
# Saves made by tests go to a throw-away folder, never the user's data folder.
os.environ["DESKGAME_DATA_DIR"] = tempfile.mkdtemp(prefix="deskgame-tests-")
# ...and read settings from an empty folder: the defaults, whatever the user chose.
os.environ["DESKGAME_CONFIG_DIR"] = tempfile.mkdtemp(prefix="deskgame-tests-config-")

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios"
BUNDLED = sorted(SCENARIOS.glob("*.yaml")) + sorted((SCENARIOS / "examples").glob("*.yaml"))

MINIMAL = """\
format: deskgame/1
title: Tiny
team:
  - {name: Asha, role: desk, skills: [email]}
customers:
  - {name: Sales}
services:
  - {id: email, name: Email}
demand:
  - kind: incident
    service: email
    rate: 4/h
    effort: {dist: exponential, mean: 10m}
    skills: [email]
"""


# A desk with one printer specialist (Ravi) and a printing entry only he can work: the
# validator's absence checks start from it.
PRINTERS = (MINIMAL.replace("title: Tiny", "title: Printers\nrounds: 2")
            .replace("skills: [email]}\n", "skills: [email]}\n  - {name: Ravi, role: specialist, "
                     "skills: [email, printing]}\n")
            .replace("name: Email}\n", "name: Email}\n  - {id: print, name: Printing}\n")
            + "  - kind: incident\n    service: print\n    rate: 1/h\n"
            "    effort: {dist: fixed, value: 20m}\n    skills: [printing]\n"
            'events:\n  - {at: {round: 1, time: "10:00"}, kind: absence, agent: Ravi}\n')


def scenario_problems(text: str, name: str = "s.yaml") -> list[str]:
    """Every problem the validator finds in ``text`` (empty when it loads)."""
    from deskgame.scenario import ScenarioError, load_scenario_text

    try:
        load_scenario_text(text, name)
    except ScenarioError as error:
        return [str(problem) for problem in error.problems]
    return []


@pytest.fixture
def write(tmp_path: Path):
    """write(text, name='s.yaml') -> path of a new scenario file."""
    def _write(text: str, name: str = "s.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path
    return _write


def play_until_incident(app) -> None:  # type: ignore[no-untyped-def]
    """Play at 8x (no cards between rounds) until a major incident's alert is up."""
    live = app.live
    live.set_speed(8)
    for _ in range(100000):
        if live.phase == "round_over":
            live.next_round([])
            app.start_play()
        if live.incident_alert:
            return
        app.step(1.0)


@pytest.fixture
def monday_board(tmp_path: Path):  # type: ignore[no-untyped-def]
    """The app on standard-monday (seed 7), playing: the board tests' common start."""
    from deskgame.scenario import load_scenario
    from deskgame.ui.app import App, SaveOptions

    made = App(load_scenario(SCENARIOS / "standard-monday.yaml"), seed=7, saves=SaveOptions(folder=tmp_path))
    made.start_play()
    yield made
    made.close()


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh user data folder for each test (the app reads it when it starts: no hints
    turned off, no tutorial played, no bests)."""
    folder = tmp_path / "data"
    monkeypatch.setenv("DESKGAME_DATA_DIR", str(folder))
    return folder

