"""Intake holds only the arrivals still to come.

Why: a round's arrivals are drawn when it starts; held to the end, each would sit beside
its ticket for the whole round (about a quarter of the world's memory per arrival on a
long round, benchmarks/engine.py).  Each arrival leaves intake as it arrives.
"""

from __future__ import annotations

from deskgame.engine.world import World
from deskgame.scenario import load_scenario_text
from deskgame.scenario.reference import mmc_text


def test_arrivals_leave_intake_as_they_arrive() -> None:
    world = World(load_scenario_text(mmc_text(3, 12.0, 12.0, "8h")), 5, keep_log=False)
    world.start_round(1)
    drawn = list(world.intake.arrivals)
    assert len(drawn) > 60  # 12 an hour for 8 hours
    halfway = world.round_start + 4 * 60
    world.advance_to(halfway)
    still_to_come = [a for a in drawn if a.t > halfway]
    assert list(world.intake.arrivals) == still_to_come
    assert 0 < len(still_to_come) < len(drawn)
    arrived = sum(1 for a in drawn if a.t <= halfway)
    assert len(world.tickets) == arrived  # every arrival that left made its ticket
    world.advance_to(world.round_end)
    assert not world.intake.arrivals
