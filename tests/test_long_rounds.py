"""Rounds longer than a day: DESIGN's limit is arrivals, not days.

A queueing check wants one long round (an M/M/c over thousands of hours); a facilitator
may want a week.  Events name which day they fall on, map profiles repeat daily.
"""

from __future__ import annotations

import math
import statistics

import pytest

from deskgame.engine.world import World
from deskgame.scenario import ScenarioError, load_scenario_text

from .test_queueing import erlang_c, mmc_text


def test_one_round_of_4000_hours_matches_erlang_c():
    # M/M/3, offered load 2.4 (utilisation 0.8): one long round, batch means over 40 batches.
    c, rate, mean = 3, 6.0, 24.0
    scenario = load_scenario_text(mmc_text(c, rate, mean, "4000h", "20h"))
    world = World(scenario, 5, keep_log=False)
    world.start_round(1)
    world.advance_to(world.round_end)
    waits = sorted((t.arrived, t.started - t.arrived) for t in world.tickets.values()
                   if t.started is not None and t.arrived >= scenario.round.warmup)
    assert len(waits) > 20_000  # 6/h for 4000 h
    batches = [statistics.fmean(w for _, w in waits[i::40]) for i in range(40)]  # interleaved
    theory = erlang_c(c, rate * mean / 60) / (c / mean - rate / 60)
    assert statistics.fmean(batches) == pytest.approx(theory, rel=0.12)


def long_desk(extra: str, length: str = "3d", start: str = "00:00") -> str:
    return f"""format: deskgame/1
title: A long week
round: {{length: {length}, start: "{start}"}}
fatigue: false
team: [{{name: Ann, role: desk, skills: [work]}}, {{name: Bo, role: specialist, skills: [work]}}]
customers: [{{name: Everyone}}]
services: [{{id: work, name: Work}}]
demand:
  - {{kind: incident, service: work, rate: 4/h, effort: {{dist: fixed, value: 5m}}, skills: [work]{extra}}}
"""


def test_a_map_profile_repeats_every_day_of_a_long_round():
    scenario = load_scenario_text(long_desk(', profile: {"00:00": 1, "12:00": 0}'))
    world = World(scenario, 3)
    world.start_round(1)
    clock = [a.t % 1440 for a in world.intake.arrivals]
    days = {math.floor(a.t / 1440) for a in world.intake.arrivals}
    assert days == {0, 1, 2}                      # every day has arrivals ...
    assert max(clock) < 720                       # ... and none in any afternoon
    assert len(clock) == pytest.approx(3 * 12 * 8, rel=0.25)   # rate doubled in the mornings


def test_an_event_on_day_two_happens_on_day_two():
    text = long_desk("", start="08:00") + """events:
  - {at: {round: 1, time: "07:00", day: 2}, kind: absence, agent: Ann, duration: 1h}
"""
    world = World(load_scenario_text(text), 3)
    world.start_round(1)
    world.advance_to(world.round_end)
    away = [e.t for e in world.log if e.kind == "agent_absent"]
    # 07:00 first shows 23 h after an 08:00 start; day 2 is the next time: 47 h in.
    assert away == [pytest.approx((23 + 24) * 60)]


def test_an_event_day_past_the_round_is_refused_with_the_round_times():
    text = long_desk("", length="2d") + """events:
  - {at: {round: 1, time: "10:00", day: 3}, kind: absence, agent: Ann}
"""
    with pytest.raises(ScenarioError) as error:
        load_scenario_text(text, "week.yaml")
    assert "events[0].at" in str(error.value.problems[0])


def test_replaying_past_the_last_event_ends_cleanly():
    # A step beyond every event: the clock runs out of events (and ticks) and says so.
    import simpy

    world = World(load_scenario_text(long_desk("", length="2h")), 1)
    world.start_round(1)
    with pytest.raises(simpy.core.EmptySchedule):
        world.run_until_step(10**9, 1.0)
    assert len(world.series[1]["t"]) == 120 // 5 + 1   # every tick of the round, and no more
