"""The lessons are true in the numbers (DESIGN.md section 2, "Calibration").

Paired seeds: every policy plays the same days.  Figures for the note come from
``benchmarks/policies.py``; these tests hold the orderings.
"""

from __future__ import annotations

import statistics
from functools import cache

import pytest

from deskgame.policies import make_policy
from deskgame.policies.triage import PRACTICES
from deskgame.scenario import load_scenario
from deskgame.session.runner import run_session

from .conftest import SCENARIOS

SEEDS = range(1, 9)


@cache
def mean_score(policy: str, scenario: str = "standard-monday") -> float:
    loaded = load_scenario(SCENARIOS / f"{scenario}.yaml")
    return statistics.fmean(run_session(loaded, seed, make_policy(policy)).score for seed in SEEDS)


def test_triage_clearly_beats_fifo_and_servant():
    assert mean_score("triage") > mean_score("servant") + 10
    assert mean_score("triage") > mean_score("fifo") + 10
    assert mean_score("servant") > mean_score("fifo")


@pytest.mark.parametrize("practice", PRACTICES)
def test_taking_away_any_good_practice_costs_points(practice):
    assert mean_score(f"triage-no-{practice.replace('_', '-')}") < mean_score("triage")


@pytest.mark.parametrize("exploit", ["exploit-unsupported", "exploit-update-spam", "exploit-downgrade",
                                     "exploit-watermelon"])
def test_exploits_lose(exploit):
    assert mean_score(exploit) < mean_score("triage")


def test_triage_also_wins_the_byod_scenario():
    assert mean_score("triage", "byod-after-holidays") > mean_score("servant", "byod-after-holidays")
    assert mean_score("triage", "byod-after-holidays") > mean_score("fifo", "byod-after-holidays")
