"""Fuzzing: mutated scenarios either load or raise the project's own ScenarioError."""

from __future__ import annotations

import contextlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deskgame.scenario import Scenario, ScenarioError, load_scenario_text

from .conftest import SCENARIOS

SOURCES = [(SCENARIOS / name).read_text() for name in
           ("first-day.yaml", "standard-monday.yaml", "byod-after-holidays.yaml")]
TOKENS = ["-1", "0", "0/h", "1e999", "abc", "10:30", "25:99", "[", "]", "{", "}", "~", "", "null",
          "!!python/object:os.system", "*a", "&a x", "true", "3/x", "99999999999999999999/h", "'", '"',
          "- x", ": :", "\t", "0m", "2d", "P1", "all", "high", "\x00", "é", "1.5h", "[1, 2]", "{a: 1}"]


@st.composite
def mutated(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(SOURCES))
    lines = text.splitlines()
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        index = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["delete", "duplicate", "token", "cut", "indent"]))
        if op == "delete":
            del lines[index]
        elif op == "duplicate":
            lines.insert(index, lines[index])
        elif op == "token":
            words = lines[index].split(" ")
            w = draw(st.integers(0, len(words) - 1))
            words[w] = draw(st.sampled_from(TOKENS))
            lines[index] = " ".join(words)
        elif op == "cut":
            line = lines[index]
            lines[index] = line[: draw(st.integers(0, len(line)))]
        else:
            lines[index] = "  " + lines[index]
    return "\n".join(lines) + "\n"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_scenarios_load_or_raise_scenario_error(text):
    try:
        result = load_scenario_text(text, "fuzz.yaml")
    except ScenarioError as error:
        assert error.problems
        for problem in error.problems:
            assert str(problem).startswith("fuzz.yaml:")
            assert problem.line >= 1 and problem.column >= 1
    else:
        assert isinstance(result, Scenario)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_loads_or_raises_scenario_error(text):
    with contextlib.suppress(ScenarioError):
        load_scenario_text(text, "fuzz.yaml")
