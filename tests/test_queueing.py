"""The queueing core is exact: M/M/c scenarios match Erlang C and obey Little's law.

Runs are long and pooled over independent seeds; the check is a confidence interval
built from the spread of the per-seed means (a single short run varies by 10-25%).
"""

from __future__ import annotations

import math
import statistics

import pytest

from deskgame.engine.world import World
from deskgame.scenario import load_scenario, load_scenario_text
from deskgame.scenario.reference import mmc_text

from .conftest import SCENARIOS


def erlang_c(c: int, offered: float) -> float:
    """Probability that an arrival waits in an M/M/c queue with offered load ``offered``."""
    term, total = 1.0, 1.0
    for k in range(1, c):
        term *= offered / k
        total += term
    top = term * offered / c * c / (c - offered)
    return top / (total + top)


def measure(scenario, seed: int) -> tuple[float, float, float, float]:
    """(share that waited, mean wait, time-average queue length, arrival rate) after warm-up."""
    world = World(scenario, seed)
    world.start_round(1)
    end = scenario.round.length
    world.advance_to(end)
    while world.queue:  # let everyone who arrived start, without new arrivals
        world.advance_to(world.env.peek())
    warm = scenario.round.warmup
    tickets = [t for t in world.tickets.values() if warm <= t.arrived < end]
    waits = [t.started - t.arrived for t in tickets]
    window = end - warm
    queued_area = sum(max(0.0, min(t.started, end) - max(t.arrived, warm))
                      for t in world.tickets.values() if t.started > warm and t.arrived < end)
    return (sum(w > 1e-9 for w in waits) / len(waits), statistics.fmean(waits),
            queued_area / window, len(tickets) / window)


def pooled(scenario, seeds: range):
    rows = [measure(scenario, seed) for seed in seeds]
    return [list(col) for col in zip(*rows, strict=True)]


def within_ci(samples: list[float], theory: float, z: float = 3.0) -> bool:
    mean = statistics.fmean(samples)
    se = statistics.stdev(samples) / math.sqrt(len(samples))
    return abs(mean - theory) <= z * se


def test_erlang_c_formula_against_a_textbook_value():
    # M/M/2 with offered load 1 (utilisation 0.5): C = 1/3.
    assert erlang_c(2, 1.0) == pytest.approx(1 / 3)


@pytest.mark.parametrize(("c", "rate", "mean", "length", "warmup", "seeds"), [
    (10, 9, 60, "7d", "12h", 24),      # the bundled example's queue, run longer
    (2, 1.5, 60, "7d", "12h", 24),
    (5, 21, 10, "3d", "4h", 16),
])
def test_mmc_matches_erlang_c_and_littles_law(c, rate, mean, length, warmup, seeds):
    scenario = load_scenario_text(mmc_text(c, rate, mean, length, warmup))
    offered = rate * mean / 60
    p_wait = erlang_c(c, offered)
    mean_wait = p_wait / (c / mean - rate / 60)   # minutes: C / (c*mu - lambda)
    waited, waits, queue_len, arrival_rate = pooled(scenario, range(1, seeds + 1))
    assert within_ci(waited, p_wait), (statistics.fmean(waited), p_wait)
    assert within_ci(waits, mean_wait), (statistics.fmean(waits), mean_wait)
    assert statistics.fmean(waits) == pytest.approx(mean_wait, rel=0.25)
    # Little's law over the pooled runs: Lq = lambda * Wq (up to edge effects of each window).
    little = statistics.fmean(lam * wq for lam, wq in zip(arrival_rate, waits, strict=True))
    assert statistics.fmean(queue_len) == pytest.approx(little, rel=0.08)
    assert statistics.fmean(arrival_rate) == pytest.approx(rate / 60, rel=0.05)


def test_bundled_mmc_example_is_the_queue_it_claims():
    scenario = load_scenario(SCENARIOS / "examples" / "mmc.yaml")
    assert len(scenario.team) == 10 and scenario.fatigue is False
    assert scenario.demand[0].rate * 60 == pytest.approx(9)
    assert scenario.demand[0].effort.dist == "exponential" and scenario.demand[0].effort.mean == 60
    waited, waits, _, _ = pooled(scenario, range(1, 9))
    assert statistics.fmean(waits) == pytest.approx(erlang_c(10, 9) * 60, rel=0.35)
