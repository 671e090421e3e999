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


def final_trust(policy: str, scenario: str) -> list[float]:
    return [o.rounds[-1]["kpis"]["trust"] for o in sessions(policy, scenario)]


BUNDLED_LESSONS = ["standard-monday", "byod-after-holidays"]


@pytest.mark.parametrize("scenario", BUNDLED_LESSONS)
def test_triage_clearly_beats_fifo_and_servant(scenario):
    # Whether servant or fifo does worse is not a lesson of its own: only triage's lead is.
    assert mean_score("triage", scenario) > mean_score("servant", scenario) + 10
    assert mean_score("triage", scenario) > mean_score("fifo", scenario) + 8


@pytest.mark.parametrize("scenario", BUNDLED_LESSONS)
def test_signal_over_dice(scenario):
    """The seeds move triage's first round a little; good against bad practice moves it a lot."""
    first_round = [o.rounds[0]["kpis"]["trust"] for o in sessions("triage", scenario)]
    spread = statistics.stdev(first_round)
    assert spread <= 6.0
    triage, servant = (statistics.fmean(final_trust(p, scenario)) for p in ("triage", "servant"))
    gap = triage - servant
    assert gap >= 3 * spread


@pytest.mark.parametrize("scenario", BUNDLED_LESSONS)
def test_the_stakes_are_real_but_nobody_is_thrown_out_before_learning(scenario):
    def counts(policy: str) -> tuple[int, int]:
        runs = sessions(policy, scenario)
        return (sum(any(r["on_notice"] for r in o.rounds) for o in runs),
                sum(o.ended == "outsourced" for o in runs))

    for bad in ("servant", "fifo"):
        notice, outsourced = counts(bad)
        assert notice >= len(SEEDS) / 2 and outsourced >= 1
    assert counts("triage") == (0, 0)
    # Nobody is outsourced after round 1: a notice always comes first, with a change cycle after it.
    assert all(len(o.rounds) >= 2 for p in ("servant", "fifo") for o in sessions(p, scenario)
               if o.ended == "outsourced")


@pytest.mark.parametrize("practice", PRACTICES)
def test_taking_away_any_good_practice_costs_points(practice):
    assert mean_score(f"triage-no-{practice.replace('_', '-')}") < mean_score("triage")


@pytest.mark.parametrize("scenario", BUNDLED_LESSONS)
@pytest.mark.parametrize(
    "exploit", ["exploit-unsupported", "exploit-update-spam", "exploit-downgrade", "exploit-watermelon"]
)
def test_exploits_lose(exploit, scenario):
    assert mean_score(exploit, scenario) < mean_score("triage", scenario)


def test_servant_is_tempting_early_and_loses_late():
    hour = [s.rounds[0]["series"]["trust"][12] > t.rounds[0]["series"]["trust"][12]
            for s, t in zip(sessions("servant"), sessions("triage"), strict=True)]
    assert sum(hour) > len(SEEDS) / 2                      # ahead after the first hour in most seeds
    assert mean_trust_at("servant", 12) > mean_trust_at("triage", 12)
    assert mean_trust_at("servant", 96) < mean_trust_at("triage", 96)  # behind by the round's end
