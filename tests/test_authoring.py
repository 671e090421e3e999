"""Messages a facilitator can act on, and the limits that keep a valid file runnable.

Each case is a small edit of the minimal scenario; the test checks the exact place and
words of the message (issue 13's "name the cause") or that the engine runs what the
validator accepts (issue 15: nothing that validates may crash the engine).
"""

from __future__ import annotations

import math

import pytest

from deskgame.policies import make_policy
from deskgame.scenario import ScenarioError, load_scenario_text
from deskgame.session.runner import run_session

from .conftest import MINIMAL


def problems_of(text: str) -> list[str]:
    with pytest.raises(ScenarioError) as caught:
        load_scenario_text(text, "s.yaml")
    return [str(p) for p in caught.value.problems]


def with_effort(effort: str) -> str:
    return MINIMAL.replace("{dist: exponential, mean: 10m}", effort)


def test_a_tab_in_the_indentation_is_named() -> None:
    assert problems_of(MINIMAL.replace("  - {name: Asha", "\t- {name: Asha")) == [
        "s.yaml:4:1: tab characters are not allowed in YAML indentation; indent with spaces"]
    assert problems_of(MINIMAL.replace("    service: email\n", "  \tservice: email\n")) == [
        "s.yaml:11:3: tab characters are not allowed in YAML indentation; indent with spaces"]


def test_a_comma_in_an_unquoted_flow_name_says_to_quote_it() -> None:
    [problem] = problems_of(MINIMAL.replace("{name: Sales}", "{name: Smith, Jones, size: 3}"))
    assert problem.startswith("s.yaml:6:19: customers[0].Jones: unknown key 'Jones'")
    assert problem.endswith('quote names that contain a comma: name: "Smith, Jones"')
    quoted = load_scenario_text(MINIMAL.replace("{name: Sales}", '{name: "Smith, Jones"}')
                                .replace("customers: all", ""))
    assert quoted.customers[0].name == "Smith, Jones"


def test_event_and_profile_times_outside_the_round_give_the_rounds_times() -> None:
    storm = MINIMAL + 'events:\n  - {kind: social_storm, at: {time: "17:30"}, duration: 30m}\n'
    assert problems_of(storm) == ["s.yaml:16:37: events[0].at.time: this time is outside the round "
                                  "(the round runs 08:00\u201316:00)"]
    profile = MINIMAL.replace("rate: 4/h", 'rate: 4/h\n    profile: {"07:00": 1, "09:00": 2, "18:00": 1}')
    assert problems_of(profile) == [
        's.yaml:13:15: demand[0].profile."07:00": this time is outside the round (the round runs '
        '08:00\u201316:00); give times within it',
        's.yaml:13:39: demand[0].profile."18:00": this time is outside the round (the round runs '
        '08:00\u201316:00); give times within it']
    long_round = MINIMAL + 'round: {length: 2d}\nevents:\n  - {kind: social_storm, at: {time: "07:00"}, ' \
                           'duration: 30m}\n'
    assert load_scenario_text(long_round).events[0].at.time == 420.0


def test_triangular_with_min_equal_max_runs_as_a_fixed_effort() -> None:
    scenario = load_scenario_text(with_effort("{dist: triangular, min: 5m, mode: 5m, max: 5m}"))
    outcome = run_session(scenario, 1, make_policy("fifo"))
    assert outcome.rounds[0]["kpis"]["resolved"] > 0
    assert problems_of(with_effort("{dist: triangular, min: 5m, mode: 6m, max: 5m}")) == [
        "s.yaml:13:13: demand[0].effort: a triangular effort needs min <= mode <= max"]


@pytest.mark.parametrize("effort", [
    "{dist: lognormal, mean: 0." + "0" * 200 + "1m, sd: 15m}",
    "{dist: exponential, mean: 0.5s}",
    "{dist: fixed, value: 0.0001m}",
    "{dist: uniform, min: 0.1s, max: 1m}",
])
def test_efforts_below_a_second_are_refused(effort: str) -> None:
    [problem] = problems_of(with_effort(effort))
    assert "at least 1s" in problem and problem.startswith("s.yaml:13:")


def test_the_smallest_efforts_allowed_run_without_nan() -> None:
    scenario = load_scenario_text(with_effort("{dist: lognormal, mean: 1s, sd: 7d}"))
    outcome = run_session(scenario, 1, make_policy("triage"))
    kpis = outcome.rounds[0]["kpis"]
    assert all(math.isfinite(v) for v in kpis.values()) and math.isfinite(outcome.score)


@pytest.mark.parametrize(("name", "message"), [
    ('"As\\0ha"', "a name contains a NUL character; use plain printable text"),
    ('"As\\x1bha"', "a name contains the control character U+001B; use plain printable text"),
    ('"As\\u0085ha"', "a name contains the control character U+0085; use plain printable text"),
    ("A" * 41, "a name of 41 characters; the limit is 40"),
])
def test_agent_names_must_be_short_printable_text(name: str, message: str) -> None:
    assert problems_of(MINIMAL.replace("{name: Asha,", f"{{name: {name},")) == [
        f"s.yaml:4:12: team[0].name: {message}"]


def test_names_titles_and_lists_at_their_limits() -> None:
    at_limit = (MINIMAL.replace("title: Tiny", "title: " + "T" * 120)
                .replace("{name: Sales}", "{name: " + "S" * 40 + "}")
                .replace("{id: email, name: Email}", "{id: email, name: " + "E" * 40 + "}"))
    load_scenario_text(at_limit)
    assert problems_of(MINIMAL.replace("title: Tiny", "title: " + "T" * 121)) == [
        "s.yaml:2:8: title: a title of 121 characters; the limit is 120"]
    long_service = MINIMAL.replace("{id: email, name: Email}", "{id: email, name: " + "E" * 41 + "}")
    assert problems_of(long_service) == [
        "s.yaml:8:23: services[0].name: a name of 41 characters; the limit is 40"]
    assert any("demand[0].titles[0]: a title of 121 characters" in p for p in problems_of(
        MINIMAL + '    titles: ["' + "x" * 121 + '"]\n'))
    many = MINIMAL.replace("customers:\n  - {name: Sales}\n", "customers:\n" + "".join(
        f"  - {{name: C{i}}}\n" for i in range(201)))
    assert problems_of(many) == ["s.yaml:6:3: customers: expected at most 200 items, found 201"]


def test_facilitator_notes_are_read_and_a_briefing_may_be_empty() -> None:
    scenario = load_scenario_text(MINIMAL + 'facilitator_notes: "Storm at 11:00"\nbriefing: ""\n')
    assert scenario.facilitator_notes == "Storm at 11:00" and scenario.briefing == ""
