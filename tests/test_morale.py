"""Morale: finished work lifts it, overload wears it down, and neither is forgotten at 100%.

A workshop room watched morale sit at 97-100% through an outage with 22 people waiting:
finishing tickets (+0.012 each) outran the overload (-0.006 every 5 minutes), and a team
at 100% had nothing left to lose it from.  Above the starting level a finished job now
lifts morale by less the higher it is, so overload shows.
"""

from __future__ import annotations

import pytest

from deskgame.engine.params import DEFAULT_PARAMS
from deskgame.engine.team import Team
from deskgame.engine.world import World
from deskgame.scenario import load_scenario_text
from deskgame.scenario.reference import mmc_text

MP = DEFAULT_PARAMS.morale


def _desk(agents: int, rate_per_hour: float, length: str) -> World:
    text = mmc_text(agents, rate_per_hour, 30.0, length).replace("fatigue: false", "fatigue: true")
    world = World(load_scenario_text(text), 4, keep_log=False)
    world.start_round(1)
    return world


def test_a_finished_job_lifts_morale_by_less_the_higher_it_is():
    team = Team(load_scenario_text(mmc_text(1, 1.0, 30.0, "8h").replace("fatigue: false", "fatigue: true")),
                MP)
    agent = team.agents[0]
    agent.morale = 0.4                      # below the start: the full gain
    team.finished(agent)
    assert agent.morale == pytest.approx(0.4 + MP.finish_gain)
    agent.morale = MP.start
    for _ in range(10):                     # above it: 1 - m shrinks by a share g / (1 - start)
        team.finished(agent)
    share = MP.finish_gain / (1 - MP.start)
    assert agent.morale == pytest.approx(1 - (1 - MP.start) * (1 - share) ** 10)
    for _ in range(200):
        team.finished(agent)
    assert agent.morale < 1.0               # never carried all the way by work alone


def test_calm_days_lift_morale_but_not_to_the_top():
    world = _desk(4, 4.0, "24h")            # offered load 0.5, three working days
    world.advance_to(world.round_end)
    done = sum(1 for t in world.tickets.values() if t.resolved is not None)
    assert done > 60                        # about 20 jobs each: +0.25 at a flat 0.012 a job
    assert MP.start + 0.1 < world.mean_morale() < 0.92


def test_an_overloaded_team_at_high_morale_loses_it_though_it_finishes_work():
    world = _desk(3, 18.0, "8h")            # three times what three people can do
    for agent in world.agents:
        agent.morale = 0.95                 # a good morning behind them
    world.advance_to(world.round_start + 240)
    finished = sum(1 for t in world.tickets.values() if t.resolved is not None)
    assert finished >= 20                   # they kept finishing work ...
    assert len(world.queue) > MP.overload_queue_per_agent * 3
    assert world.mean_morale() < 0.85       # ... and still felt the queue (a flat gain kept 0.88)


def test_overload_wears_morale_down_in_proportion_to_the_queue():
    team = Team(load_scenario_text(mmc_text(5, 1.0, 30.0, "8h").replace("fatigue: false", "fatigue: true")),
                MP)
    team.agents[4].absent = True            # four present: overload above 8 waiting

    def loss(waiting: int) -> float:
        for agent in team.agents:
            agent.morale = 0.8
        team.overload(waiting)
        return 0.8 - team.agents[0].morale

    assert loss(8) == 0.0
    assert loss(12) == pytest.approx(MP.overload_loss * 1)   # one ticket per person above
    assert loss(20) == pytest.approx(MP.overload_loss * 3)   # three above: three times the wear
    assert team.agents[4].morale == 0.8                      # nobody away is worn by the queue
