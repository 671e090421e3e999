"""The command line explains itself: help for every argument, all the bots named, examples
and exit codes on the top-level help, and a run table whose status says why."""

from __future__ import annotations

import contextlib
import io

from deskgame.cli import main
from deskgame.cli_run_table import print_run_table
from deskgame.policies import POLICIES
from deskgame.scenario import load_scenario
from deskgame.session.results import build_results
from deskgame.session.runner import run_session

from .conftest import SCENARIOS


def help_text(*argv: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main([*argv, "--help"]) == 0
    return out.getvalue()


def test_the_top_level_help_has_examples_and_exit_codes() -> None:
    text = help_text()
    assert "examples:" in text and "deskgame validate" in text and "deskgame balance" in text
    assert "exit codes: 0 success, 1 runtime failure, 2 bad input" in text
    assert all(len(line) <= 79 for line in text.splitlines()), text


def test_validate_describes_its_file_argument() -> None:
    text = help_text("validate")
    [line] = [line for line in text.splitlines() if line.strip().startswith("FILE ")]
    assert "a scenario YAML file" in line


def test_run_help_names_every_bot_it_accepts() -> None:
    text = " ".join(help_text("run").split()).replace("- ", "-")  # argparse breaks at hyphens
    missing = [name for name in POLICIES if name not in text]
    assert missing == []


def run_table(tmp_policy: str, scenario_name: str) -> list[str]:
    scenario = load_scenario(SCENARIOS / f"{scenario_name}.yaml")
    results = build_results(run_session(scenario, None, POLICIES[tmp_policy](), keep_log=False),
                            tmp_policy, None)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        print_run_table(results, scenario.scoring.outsourcing_below)
    return out.getvalue().splitlines()


def test_a_round_on_notice_reads_on_one_line_and_says_trust_and_the_line() -> None:
    lines = run_table("servant", "byod-after-holidays")
    rows = [line for line in lines if line.split()[:1] == ["1"]]
    assert len(rows) == 1 and rows[0].rstrip().endswith("on notice"), lines
    assert all(len(line) <= 80 for line in lines)
    assert not any(line.strip() == "notice" for line in lines)   # never split over two lines
    trust = rows[0].split()[1]
    note = [line for line in lines if line.startswith("Round 1 on notice")]
    assert note == [f"Round 1 on notice: trust {trust} below the outsourcing line 43."], lines
    assert any("Trust weighs each department's satisfaction by its influence" in line for line in lines)
