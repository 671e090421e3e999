"""A facilitator's live events: they act now, are decisions, replay, and leave the day alone."""

from __future__ import annotations

import subprocess
import sys

import pytest

from deskgame.engine.arrivals import rate_segments
from deskgame.engine.world import World
from deskgame.policies import make_policy
from deskgame.scenario import load_scenario
from deskgame.session.live import LiveSession
from deskgame.session.results import build_results, dumps
from deskgame.session.runner import run_session

from .conftest import SCENARIOS

MONDAY = SCENARIOS / "standard-monday.yaml"


def world_at(minutes: float, seed: int = 7) -> World:
    world = World(load_scenario(MONDAY), seed)
    world.start_round(1)
    world.advance_to(minutes)
    return world


def test_an_injected_outage_starts_now_and_brings_its_own_callers():
    world = world_at(100.0)
    service = world.scenario.services[0].id
    own = [(a.t, a.customer, a.title) for a in world.intake.arrivals]
    assert world.try_command("inject", event={"kind": "major_incident", "service": service,
                                              "duration": 60, "surge": 0.5}) is None
    started = [e for e in world.log if e.kind == "major_incident_started"]
    assert started[-1].t == pytest.approx(100.0) and started[-1].data["service"] == service
    world.advance_to(200.0)
    linked = [t for t in world.tickets.values() if t.linked is not None and 100 <= t.arrived <= 160]
    assert len(linked) >= 10                          # 0.5 a minute for an hour, some kept away
    assert not any(t.linked is not None for t in world.tickets.values() if t.arrived > 160.0001)
    # The day is unchanged: what is still to come is the day's own, and nothing else
    # (arrivals leave intake as they arrive).
    assert [(a.t, a.customer, a.title) for a in world.intake.arrivals] == [x for x in own if x[0] > 200.0]
    decision = world.decisions[-1]
    assert decision["action"] == "inject" and decision["event"]["kind"] == "major_incident"
    assert decision["t"] == pytest.approx(100.0)


def test_an_injected_wave_adds_calls_for_its_window_only():
    plain, waved = world_at(120.0), world_at(120.0)
    demand = plain.scenario.demand[0].id
    waved.try_command("inject", event={"kind": "wave", "demand": [demand], "duration": 120, "factor": 4})
    plain.advance_to(plain.round_end)
    waved.advance_to(waved.round_end)

    def count(world: World, lo: float, hi: float) -> int:
        return sum(1 for t in world.tickets.values() if t.demand == demand and lo <= t.arrived < hi)

    # (factor - 1) x the demand's rate over the window, its profile included
    expected = sum(3 * rate * max(0.0, min(b, 240) - max(a, 120))
                   for a, b, rate in rate_segments(plain.scenario.demand[0], plain.scenario, 1, 0.0))
    extra = count(waved, 120, 240) - count(plain, 120, 240)
    assert abs(extra - expected) <= 3.5 * expected ** 0.5, (extra, expected)  # Poisson spread
    assert count(waved, 240, 480) == count(plain, 240, 480)  # afterwards: the same day


def test_absence_and_storm_act_at_once():
    world = world_at(60.0)
    name = world.agents[0].name
    before = world.satisfaction.value("Sales", 60.0)
    assert world.try_command("inject", event={"kind": "absence", "agent": name, "duration": 30}) is None
    assert world.agent_by_name[name].absent
    storm = {"kind": "social_storm", "customers": ["Sales"], "hit": 8}
    assert world.try_command("inject", event=storm) is None
    assert world.satisfaction.value("Sales", 60.0) < before - 3
    world.advance_to(91.0)
    assert not world.agent_by_name[name].absent


@pytest.mark.parametrize(("event", "reason"), [
    ({"kind": "flood"}, "expected a kind"),
    ({"kind": "wave", "demand": ["nope"]}, "unknown 'nope'"),
    ({"kind": "absence"}, "needs 'agent'"),
    ({"kind": "major_incident", "service": "email", "surge": -1}, "surge: expected a number"),
    ({"kind": "social_storm", "colour": "red"}, "no key 'colour'"),
    ("major_incident", "expected a kind"),
])
def test_a_bad_injection_is_refused_and_changes_nothing(event, reason):
    world = world_at(60.0)
    decisions, tickets = list(world.decisions), len(world.tickets)
    refused = world.try_command("inject", event=event)
    assert refused is not None and reason in refused
    assert world.decisions == decisions and len(world.tickets) == tickets


def test_a_session_with_injections_replays_identically(tmp_path):
    scenario = load_scenario(MONDAY)
    live = LiveSession(scenario, 7, make_policy("triage"))
    live.set_speed(8)
    while live.world.now < 150:
        live.tick(0.1)
        if live.incident_alert:
            live.acknowledge_incident()
    service = scenario.services[0].id
    assert live.command("inject", event={"kind": "major_incident", "service": service, "surge": 0.3}) is None
    assert live.command("inject", event={"kind": "absence", "agent": scenario.team[1].name}) is None
    while live.phase != "ended":
        if live.incident_alert:
            live.acknowledge_incident()
        if live.phase == "round_over":
            live.next_round()
        live.tick(0.5)
    again = run_session(scenario, 7, decisions=live.world.decisions)
    assert again.rounds == live.outcome.rounds
    path = tmp_path / "injected.json"
    path.write_text(dumps(build_results(live.outcome, "triage", "Blue")))
    done = subprocess.run([sys.executable, "-m", "deskgame", "replay", str(path)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_an_injected_outage_with_a_fix_is_restored_when_the_team_fixes_it():
    """An injected outage with the scenario's fix for its service gives the team a fix ticket,
    and fixing it ends the outage early, as a scripted outage's fix does."""
    from deskgame.engine.commands import suggested_fix

    world = world_at(100.0)
    scenario = world.scenario
    scripted = next(e for e in scenario.events if getattr(e, "fix", None) is not None)
    fix = suggested_fix(scenario, scripted.service)
    assert fix == {"skills": list(scripted.fix.skills), "effort": scripted.fix.effort.expected}
    assert world.try_command("inject", event={"kind": "major_incident", "service": scripted.service,
                                              "duration": 240, "surge": 0.2, "fix": fix}) is None
    incident = world.active_incidents()[-1]
    assert incident.fix_ticket is not None and incident.fix_ticket.effort == fix["effort"]
    assert incident.fix_ticket.skills == frozenset(fix["skills"])
    world.advance_to(100.0 + 239)
    ended = [e for e in world.log if e.kind == "major_incident_ended"]
    assert ended and ended[-1].data["fixed"] is True  # restored by the fix, before its 4 hours
    assert incident.fix_ticket.outcome == "resolved"


def test_an_injected_fix_nobody_can_do_is_refused_and_changes_nothing():
    world = world_at(100.0)
    service = world.scenario.services[0].id
    before = len(world.decisions)
    reason = world.try_command("inject", event={"kind": "major_incident", "service": service,
                                                "fix": {"skills": ["astrology"], "effort": 30}})
    assert reason is not None and "nobody on the team has astrology" in reason
    assert len(world.decisions) == before and not world.active_incidents()
    assert world.try_command("inject", event={"kind": "major_incident", "service": service,
                                              "fix": {"skills": ["orders"]}}) is not None
