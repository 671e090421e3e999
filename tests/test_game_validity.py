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

SEEDS = range(1, 21)  # DESIGN.md: 20 paired seeds


@cache
def sessions(policy: str, scenario: str = "standard-monday") -> tuple:
    loaded = load_scenario(SCENARIOS / f"{scenario}.yaml")
    return tuple(run_session(loaded, seed, make_policy(policy)) for seed in SEEDS)


def mean_score(policy: str, scenario: str = "standard-monday") -> float:
    return statistics.fmean(outcome.score for outcome in sessions(policy, scenario))


def mean_trust_at(policy: str, sample: int) -> float:
    """Mean business trust ``sample`` x 5 minutes into round 1."""
    return statistics.fmean(o.rounds[0]["series"]["trust"][sample] for o in sessions(policy))


def test_triage_clearly_beats_fifo_and_servant():
    assert mean_score("triage") > mean_score("servant") + 10
    assert mean_score("triage") > mean_score("fifo") + 10
    assert mean_score("servant") > mean_score("fifo")


@pytest.mark.parametrize("practice", PRACTICES)
def test_taking_away_any_good_practice_costs_points(practice):
    assert mean_score(f"triage-no-{practice.replace('_', '-')}") < mean_score("triage")


@pytest.mark.parametrize(
    "exploit", ["exploit-unsupported", "exploit-update-spam", "exploit-downgrade", "exploit-watermelon"]
)
def test_exploits_lose(exploit):
    assert mean_score(exploit) < mean_score("triage")


def test_triage_also_wins_the_byod_scenario():
    assert mean_score("triage", "byod-after-holidays") > mean_score("servant", "byod-after-holidays")
    assert mean_score("triage", "byod-after-holidays") > mean_score("fifo", "byod-after-holidays")


def test_servant_is_tempting_early_and_loses_late():
    assert mean_trust_at("servant", 12) > mean_trust_at("triage", 12)  # after one hour
    early = range(12, 37)  # hours 1 to 3
    assert statistics.fmean(mean_trust_at("servant", i) for i in early) > statistics.fmean(
        mean_trust_at("triage", i) for i in early
    )
    assert mean_trust_at("servant", 96) < mean_trust_at("triage", 96)  # by the round's end
    final = {
        p: statistics.fmean(o.rounds[-1]["kpis"]["trust"] for o in sessions(p)) for p in ("servant", "triage")
    }
    assert final["triage"] > final["servant"] + 30
