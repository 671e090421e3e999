"""An outage is never a neutral moment, so broadcasting about it pays.

A room measured the opposite on standard-monday: callers who rang shortly before the fix
rated the outage about 53, above the ordinary waiting on that busy desk, so the
broadcasts that kept some callers away *lowered* trust.  An outage now costs
``outage_penalty`` however short it was, before the hourly term.
"""

from __future__ import annotations

import statistics

import numpy as np
import pytest

from deskgame.engine.events import NoLog
from deskgame.engine.params import DEFAULT_PARAMS
from deskgame.engine.satisfaction import MemoryModel, Touch, rating_curve
from deskgame.policies import make_policy
from deskgame.scenario import load_scenario
from deskgame.session.loop import Session

from .conftest import SCENARIOS

P = DEFAULT_PARAMS.satisfaction


def _rating(minutes: float, broadcasts: int) -> float:
    model = MemoryModel.for_customers([("Sales", 60.0, 1.0, 20, 60.0)], P, np.random.default_rng(1), NoLog())
    return model.hear(Touch(100.0, "outage", "Sales", "T1", 1, "x", minutes, broadcasts=broadcasts))


def test_even_a_short_outage_is_a_let_down_and_a_broadcast_softens_it():
    assert _rating(0.0, 0) == pytest.approx(rating_curve(-P.outage_penalty, P))
    assert _rating(0.0, 0) < P.neutral_rating - 15                # not a neutral moment
    silent = _rating(20.0, 0)
    assert silent == pytest.approx(rating_curve(-(P.outage_penalty + P.outage_penalty_per_hour / 3), P))
    told = _rating(20.0, 2)
    assert silent < told < P.neutral_rating                       # calmer, still not good news
    assert told == pytest.approx(rating_curve(-(P.outage_penalty + P.outage_penalty_per_hour / 3)
                                              * (1 - 2 * P.broadcast_relief), P))


def _trust_after_the_outage_round(policy: str, seed: int) -> float:
    session = Session(load_scenario(SCENARIOS / "standard-monday.yaml"), seed, make_policy(policy),
                      keep_log=False)
    session.start()
    world = session.world
    session.advance(world.round_end)
    session.finish_round()
    session.begin_next_round()             # round 2 has the order-entry outage
    session.advance(world.round_end)
    return world.satisfaction.trust(world.now)


def test_broadcasting_during_the_outage_ends_the_round_with_more_trust():
    seeds = (7, 8, 9)
    told = statistics.fmean(_trust_after_the_outage_round("triage", s) for s in seeds)
    silent = statistics.fmean(_trust_after_the_outage_round("triage-no-broadcast", s) for s in seeds)
    assert told > silent + 0.5
