"""Quiet ticks: a tick with nothing to do does not run, and nothing anyone sees changes.

The clock passes ticks that no bot, deadline or tired team needs; the series is written
from the satisfaction model's history.  Each test plays the same world twice, once with
a plain listener that forces every tick to run (as before quiet ticks), and compares
everything: every experience heard, every decision, every series point.
"""

from __future__ import annotations

import pytest

from deskgame.engine.world import SETTLE_AFTER, World
from deskgame.policies import make_policy
from deskgame.scenario import load_scenario_text

from .test_queueing import mmc_text


def _played(scenario, listen: bool, advance_in: int = 1, policy: str | None = None):
    """A world played to the round's end; ``listen`` adds a listener that looks at every tick
    (so every tick runs); ``advance_in`` splits the advance, as a frame loop would; ``policy``
    attaches a bot team."""
    world = World(scenario, 3, keep_log=False)
    if policy:
        make_policy(policy).attach(world)
    ran, heard = [], []
    touch = world.touch

    def told(ticket, kind, *args, **fields):  # type: ignore[no-untyped-def]
        heard.append((ticket.id, kind, world.now))
        return touch(ticket, kind, *args, **fields)

    world.touch = told  # type: ignore[method-assign]
    world.heard = heard  # type: ignore[attr-defined]
    # What a tick saw as it began, before its own chases: how the series used to be written.
    world.seen = []  # type: ignore[attr-defined]
    on_tick = world._on_tick

    def tick() -> None:
        world.seen.append(world.satisfaction.values(world.now)[0])  # type: ignore[attr-defined]
        on_tick()

    world._on_tick = tick  # type: ignore[method-assign]
    world.start_round(1)
    if listen:
        world.listeners.append(lambda w, why, _s: why == "tick" and ran.append(w.now))
    end = world.round_end
    for part in range(1, advance_in + 1):
        world.advance_to(end * part / advance_in)
    return world, ran


def test_quiet_ticks_pass_without_running_and_the_series_is_the_same_as_when_every_tick_runs():
    # M/M/2 at load 0.9 over 300 h: customers wait, patience runs out, so some ticks have work.
    scenario = load_scenario_text(mmc_text(2, 4.5, 24.0, "300h", "0h"))
    ticks = int(300 * 60 // 5)
    quiet_runs = []
    original = World._on_tick
    World._on_tick = lambda self: (quiet_runs.append(self.now), original(self))[1]  # type: ignore[method-assign]
    try:
        quiet, _ = _played(scenario, listen=False, advance_in=7)
    finally:
        World._on_tick = original  # type: ignore[method-assign]
    eager, ran = _played(scenario, listen=True)
    assert len(ran) == ticks                     # a listener sees every tick
    assert 0 < len(quiet_runs) < ticks // 3      # without one, most ticks have nothing to do
    for key in ("t", "trust"):
        assert list(quiet.series[1][key]) == list(eager.series[1][key])
    assert len(quiet.series[1]["t"]) == ticks + 1
    everyone = list(eager.series[1]["satisfaction"]["Everyone"])
    assert list(quiet.series[1]["satisfaction"]["Everyone"]) == everyone
    assert everyone[1:] == eager.seen  # type: ignore[attr-defined]
    # Every experience, the chases (patience running out, found at ticks) among them, is the same.
    assert quiet.heard == eager.heard  # type: ignore[attr-defined]
    chases = [h for h in quiet.heard if h[1] == "chase"]  # type: ignore[attr-defined]
    assert 0 < len(chases) < len(quiet.tickets)


def test_a_listener_added_mid_round_wakes_the_clock():
    scenario = load_scenario_text(mmc_text(2, 1.0, 24.0, "20h", "0h"))
    world = World(scenario, 3, keep_log=False)
    world.start_round(1)
    world.advance_to(600.0)
    seen: list[float] = []
    world.listeners.append(lambda w, why, _s: why == "tick" and seen.append(w.now))
    world.advance_to(630.0)
    assert seen == [605.0, 610.0, 615.0, 620.0, 625.0, 630.0]


def test_a_long_rounds_satisfaction_history_stays_short():
    scenario = load_scenario_text(mmc_text(3, 6.0, 24.0, "4000h", "0h"))
    world = World(scenario, 5, keep_log=False)
    world.start_round(1)
    world.advance_to(world.round_end)
    assert len(world.tickets) > 20_000                  # 40,000 touches or more were heard
    kept = sum(len(m.history) // 4 for m in world.satisfaction.memories.values())
    assert kept <= SETTLE_AFTER + 1


OUTAGE_DESK = """format: deskgame/1
title: A quiet desk with an outage
round: {length: 30h, start: "00:00"}
fatigue: false
team: [{name: Ann, role: desk, skills: [work]}, {name: Bo, role: desk, skills: [work]},
       {name: Cy, role: specialist, skills: [work, mail], known_by: [Sales]}]
customers: [{name: Sales, influence: 2}, {name: Ops}]
services: [{id: work, name: Work, impact: medium}, {id: mail, name: Mail, impact: high}]
demand:
  - {kind: incident, service: work, rate: 3/h, effort: {dist: exponential, mean: 25m}, skills: [work]}
  - {kind: end_run, service: work, rate: 0.5/h, effort: {dist: fixed, value: 20m}, skills: [work]}
  - {kind: fake_emergency, service: work, rate: 0.5/h, effort: {dist: fixed, value: 20m}, skills: [work]}
events:
  - {at: {round: 1, time: "10:00"}, kind: major_incident, service: mail, duration: 2h, surge: 6/h}
"""


@pytest.mark.parametrize("policy", ["triage", "servant", "exploit-update-spam", "exploit-watermelon"])
def test_a_bot_team_plays_the_same_whether_or_not_quiet_ticks_run(policy):
    scenario = load_scenario_text(OUTAGE_DESK)
    quiet, _ = _played(scenario, listen=False, advance_in=5, policy=policy)
    eager, ran = _played(scenario, listen=True, policy=policy)
    assert len(ran) == 30 * 12
    assert quiet.decisions == eager.decisions
    assert quiet.heard == eager.heard  # type: ignore[attr-defined]
    assert list(quiet.series[1]["trust"]) == list(eager.series[1]["trust"])
    kinds = {d["action"] for d in quiet.decisions}
    if policy == "triage":  # it sent updates and status broadcasts, at ticks
        assert {"update", "broadcast", "set_priority", "answer"} <= kinds
        assert sum(d["action"] == "broadcast" for d in quiet.decisions) == 2
