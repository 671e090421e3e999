"""A problem's cause comes before its consequences: a misspelt required key is one line
that names the misspelling first, and a negative duration or rate says it must be above
zero (as ``0m`` does), not that it is spelt wrong."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from deskgame.scenario import ScenarioError, load_scenario_text

from .conftest import MINIMAL


def problem_lines(text: str) -> list[str]:
    with pytest.raises(ScenarioError) as caught:
        load_scenario_text(text, "s.yaml")
    return [str(p) for p in caught.value.problems]


def test_a_misspelt_required_key_is_one_line_naming_the_misspelling() -> None:
    lines = problem_lines(MINIMAL.replace("    effort:", "    efort:"))
    assert len(lines) == 1, lines
    assert "demand[0].efort: unknown key 'efort' (did you mean 'effort'? effort is required)" in lines[0]
    assert "missing required key" not in lines[0]


def test_a_required_key_that_is_simply_absent_is_still_missing() -> None:
    text = MINIMAL.replace("    effort: {dist: exponential, mean: 10m}\n", "")
    assert [line.split(": ", 1)[1] for line in problem_lines(text)] == [
        "demand[0]: missing required key 'effort'"]


def test_a_misspelt_optional_key_keeps_its_plain_did_you_mean() -> None:
    lines = problem_lines(MINIMAL.replace("{name: Sales}", "{name: Sales, patiense: 10m}"))
    assert len(lines) == 1 and "unknown key 'patiense' (did you mean 'patience'?);" in lines[0], lines


def test_the_folder_listing_shows_the_cause_of_a_misspelt_key(tmp_path: Path) -> None:
    (tmp_path / "typo.yaml").write_text(MINIMAL.replace("    effort:", "    efort:"))
    done = subprocess.run([sys.executable, "-m", "deskgame", "scenarios", str(tmp_path)],
                          capture_output=True, text=True, timeout=120)
    listed = [line for line in (done.stdout + done.stderr).splitlines() if "typo.yaml:" in line]
    assert len(listed) == 1 and "unknown key 'efort' (did you mean 'effort'?" in listed[0], listed


@pytest.mark.parametrize(("old", "new", "words"), [
    ("rate: 4/h", "rate: -1/h", "demand[0].rate: expected a rate above zero, found '-1/h'"),
    ("mean: 10m", "mean: -1h", "demand[0].effort.mean: expected a duration above zero, found '-1h'"),
    ("{name: Sales}", "{name: Sales, patience: -30m}",
     "customers[0].patience: expected a duration above zero, found '-30m'"),
])
def test_a_negative_duration_or_rate_must_be_above_zero(old: str, new: str, words: str) -> None:
    [line] = problem_lines(MINIMAL.replace(old, new))
    assert words in line and "cannot be negative" in line and "such as" not in line, line
