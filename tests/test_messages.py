"""Words a newcomer reads: misspelt names get a suggestion, hints say what is really needed."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from deskgame.engine.satisfaction import Touch
from deskgame.engine.tickets import Agent, Ticket
from deskgame.engine.touch_words import words_of as _words
from deskgame.session.results import ResultsError, read_results
from deskgame.ui.board.layout import why_waiting


def deskgame(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "deskgame", *args], capture_output=True, text=True,
                          timeout=60)


def test_a_misspelt_bundled_scenario_or_policy_gets_a_suggestion():
    done = deskgame("run", "standard-mondy")
    assert done.returncode == 2 and "did you mean 'standard-monday'" in done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    done = deskgame("run", "standard-monday", "--policy", "triag")
    assert done.returncode == 2 and "did you mean 'triage'" in done.stderr


def test_a_json_file_without_a_version_is_not_called_old(tmp_path):
    path = tmp_path / "other.json"
    path.write_text(json.dumps({"format": "deskgame-results/1"}))
    with pytest.raises(ResultsError, match="deskgame_version: missing: not a results file deskgame wrote"):
        read_results(path)


def test_a_scenario_given_for_a_results_file_says_what_was_expected(tmp_path):
    path = tmp_path / "desk.yaml"
    path.write_text("format: deskgame/1\ntitle: x\n")
    done = deskgame("replay", str(path))
    assert done.returncode == 2 and "expected a results file written by deskgame" in done.stderr


def ticket(**fields) -> Ticket:  # type: ignore[no-untyped-def]
    base = dict(id="T0001", seq=1, round=1, kind="incident", demand="d", customer="Sales", channel="phone",
                title="Order screen times out", service="orders", impact="high", urgency="medium",
                true_priority="P2", stated_priority="P2", effort=30.0, skills=frozenset({"orders"}),
                arrived=0.0)
    return Ticket(**{**base, **fields})


def test_a_handed_over_ticket_says_it_needs_a_specialist():
    desk = Agent("Marco", 0, "desk", frozenset({"orders"}), 0.7, 0.7)
    priya = Agent("Priya", 1, "specialist", frozenset({"orders"}), 0.7, 0.7)
    priya.ticket = ticket(id="T0002", seq=2)
    waiting = ticket(specialist_only=True, escalated=True)
    assert why_waiting(waiting, [desk, priya]) == "needs a specialist in orders: Priya is busy"
    assert why_waiting(ticket(), [desk, priya]) == ""   # Marco is free and may take it


def test_an_answer_after_a_while_is_not_called_quick():
    def touch(wait: float) -> Touch:
        return Touch(0.0, "first_answer", "Doctors", "T1", 1, "Login fails", wait, 30.0, 0.7, "high", 0, 0,
                     False, 0.0, 0, False, "Ann", None, "")
    assert "quick" in _words(touch(2.0))[0]
    assert "quick" not in _words(touch(19.0))[0]


def test_the_hint_says_who_is_away_and_who_is_busy():
    ravi = Agent("Ravi", 0, "desk", frozenset({"orders"}), 0.7, 0.7, absent=True)
    noor = Agent("Noor", 1, "desk", frozenset({"orders"}), 0.7, 0.7)
    noor.ticket = ticket(id="T0002", seq=2)
    assert why_waiting(ticket(), [ravi, noor]) == "needs orders: Ravi is away, Noor is busy"


def test_a_value_with_a_colon_and_a_bare_effort_say_how_to_write_them(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Two mistakes a facilitator made from the docs: an unquoted title holding ': ', and an
    effort written as a single duration."""
    import subprocess
    import sys

    title = tmp_path / "title.yaml"
    title.write_text("format: deskgame/1\ntitle: VLE down: no timetable\n")
    done = subprocess.run([sys.executable, "-m", "deskgame", "validate", str(title)],
                          capture_output=True, text=True)
    assert done.returncode == 2
    # The file's own words come back quoted (it used to show a hospital's example to everyone).
    assert "needs quotes: title: \"VLE down: no timetable\"" in done.stdout + done.stderr
    from deskgame.scenario import ScenarioError, load_scenario_text

    from .conftest import MINIMAL

    text = MINIMAL.replace("effort: {dist: exponential, mean: 10m}", "effort: 15m")
    assert text != MINIMAL
    try:
        load_scenario_text(text, "bare.yaml")
    except ScenarioError as error:
        assert "(a single value is written {dist: fixed, value: 15m})" in str(error.problems[0])
    else:
        raise AssertionError("a bare effort was accepted")
