"""The scenario keys ``difficulty`` and ``tutorial``: validated, in the schema, and honest.

A bundled scenario's ``difficulty`` is a promise on the title screen, so it must agree
with what ``deskgame balance`` finds (the mapping is documented in docs/scenarios.md:
easy <-> "too easy", normal or hard <-> "teaches the lesson").  Six seeds per bot (from the
file's own seed, as balance plays them) keep the check to a few seconds; test_balance.py
runs the full 20 seeds of the verdict itself.
"""

from __future__ import annotations

import jsonschema
import pytest
import yaml

from deskgame.report.balance import POLICIES, balance
from deskgame.report.balance import VERDICTS_FOR_DIFFICULTY as VERDICT_FOR
from deskgame.scenario import ScenarioError, load_scenario, load_scenario_text
from deskgame.scenario.catalog import bundled_scenarios
from deskgame.scenario.definition import json_schema

from .conftest import MINIMAL, SCENARIOS

SEEDS = 6
MAIN = sorted(SCENARIOS.glob("*.yaml"))
VALIDATOR = jsonschema.Draft202012Validator(json_schema())


@pytest.mark.parametrize("path", MAIN, ids=lambda p: p.stem)
def test_each_bundled_scenario_states_the_difficulty_balance_finds(path) -> None:  # type: ignore[no-untyped-def]
    scenario = load_scenario(path)
    assert scenario.difficulty in VERDICT_FOR, f"{path.name} states no difficulty"
    report = balance(scenario, POLICIES, runs=SEEDS, jobs=1, progress=False)
    assert report.verdict.label in VERDICT_FOR[scenario.difficulty], (scenario.difficulty, report.verdict)


def test_exactly_one_bundled_scenario_is_the_tutorial_and_it_is_easy() -> None:
    tutorials = [s for s in map(load_scenario, MAIN) if s.tutorial]
    assert [s.title for s in tutorials] == [load_scenario(SCENARIOS / "first-day.yaml").title]
    assert tutorials[0].difficulty == "easy"
    names = {b.name for b in bundled_scenarios(include_examples=False)}
    assert "first-day" in names


def _accepted(text: str) -> tuple[bool, bool]:
    try:
        load_scenario_text(text, "s.yaml")
        validator = True
    except ScenarioError:
        validator = False
    return validator, VALIDATOR.is_valid(yaml.safe_load(text))


def test_the_keys_are_optional_with_their_defaults() -> None:
    scenario = load_scenario_text(MINIMAL)
    assert scenario.difficulty is None and scenario.tutorial is False
    schema = json_schema()["properties"]
    assert schema["difficulty"]["enum"] == ["easy", "normal", "hard"]
    assert schema["tutorial"]["default"] is False and schema["tutorial"]["description"]


ACCEPTED = ["difficulty: hard", "difficulty: easy", "tutorial: true", "tutorial: false"]


@pytest.mark.parametrize("line", ACCEPTED)
def test_validator_and_schema_accept(line: str) -> None:
    assert _accepted(MINIMAL + line + "\n") == (True, True)
    scenario = load_scenario_text(MINIMAL + line + "\n")
    key, value = line.split(": ")
    assert str(getattr(scenario, key)).lower() == value


@pytest.mark.parametrize("line", ["difficulty: brutal", "difficulty: 3", "tutorial: maybe", "tutorial: 1"])
def test_validator_and_schema_reject(line: str) -> None:
    assert _accepted(MINIMAL + line + "\n") == (False, False)


def test_a_misspelt_difficulty_says_what_is_allowed() -> None:
    with pytest.raises(ScenarioError) as caught:
        load_scenario_text(MINIMAL + "difficulty: medium\n", "s.yaml")
    assert "s.yaml:15:13: difficulty:" in str(caught.value) and "easy, normal, hard" in str(caught.value)
