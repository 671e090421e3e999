"""An outage's fix is the team's own job: it refuses what only a customer's ticket takes, and
assigning it to someone busy pulls them off their work at once (restoring the service first)."""

from __future__ import annotations

import pytest

from deskgame.engine.world import CommandRefused, World
from deskgame.scenario import load_scenario_text

DESK = """format: deskgame/1
title: One specialist, one outage
round: {length: 8h, start: "08:00"}
fatigue: false
team: [{name: Ann, role: desk, skills: [work]}, {name: Priya, role: specialist, skills: [work, mail]}]
customers: [{name: Sales}]
services: [{id: work, name: Work}, {id: mail, name: Mail, impact: high}]
demand:
  - {kind: incident, service: work, rate: 6/h, effort: {dist: fixed, value: 50m}, skills: [work]}
events:
  - at: {round: 1, time: "09:00"}
    kind: major_incident
    service: mail
    duration: 3h
    surge: 2/h
    fix: {skills: [mail], effort: {dist: fixed, value: 20m}}
"""


def _at_the_outage() -> tuple[World, object]:
    world = World(load_scenario_text(DESK), 2, keep_log=True)
    world.start_round(1)
    world.advance_to(61.0)
    incident = world.active_incidents()[0]
    return world, incident.fix_ticket


def test_the_fix_refuses_priority_update_and_escalate_with_reasons():
    world, fix = _at_the_outage()
    for action, fields, words in (("set_priority", {"priority": "P3"}, "always comes first"),
                                  ("update", {}, "broadcast to the callers"),
                                  ("escalate", {}, "assign it")):
        with pytest.raises(CommandRefused, match=words):
            world.command(action, ticket=fix.id, **fields)
    assert fix.priority == "P1" and fix.updates == 0 and not world.decisions


def test_assigning_the_fix_to_a_busy_specialist_starts_it_at_once():
    world, fix = _at_the_outage()
    priya = world.agent_by_name["Priya"]
    busy_with = priya.ticket
    assert busy_with is not None and busy_with is not fix  # she is on routine work
    world.command("assign", ticket=fix.id, agent="Priya")
    assert priya.ticket is fix and fix.started == pytest.approx(61.0)
    assert busy_with in world.queue and busy_with.remaining > 0  # back in the queue, effort kept
    world.advance_to(61.0 + 20.0 + 1e-6)
    assert not world.active_incidents()  # the service is back after the fix's 20 minutes
    assert fix.outcome == "resolved"
