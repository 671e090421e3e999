"""Each mechanic against a hand calculation, on hand-crafted days."""

from __future__ import annotations

import statistics

import pytest

from deskgame.engine.arrivals import Arrival
from deskgame.engine.params import ModelParams, WorkParams
from deskgame.engine.priority import priority_of
from deskgame.engine.satisfaction import rating_curve
from deskgame.engine.world import CommandRefused, World
from deskgame.scenario import load_scenario_text

TEAM = """\
format: deskgame/1
title: Mechanics
fatigue: false
team:
  - {name: Asha, role: desk, skills: [email, devices]}
  - {name: Ben, role: specialist, skills: [network, email], known_by: [Sales]}
  - {name: Cara, role: specialist, skills: [network]}
customers:
  - {name: Sales, size: 10}
  - {name: Finance, size: 10}
services:
  - {id: email, name: Email, impact: high}
  - {id: net, name: Network}
demand:
  - {kind: incident, service: net, rate: 1/d, effort: {dist: fixed, value: 10m}, skills: [network]}
  - {kind: end_run, service: email, customers: [Sales], rate: 1/d, effort: {dist: fixed, value: 10m},
     skills: [email]}
  - {kind: byod, service: email, rate: 1/d, effort: {dist: fixed, value: 10m}, skills: [devices]}
"""


def arrival(t: float, kind: str = "incident", effort: float = 10.0, skills=("network",),
            customer: str = "Finance", device: str | None = None, linked=None, order=0) -> Arrival:
    return Arrival(t=t, order=order, kind=kind, demand=f"{kind}-d", customer=customer, channel="phone",
                   title=f"{kind} at {t}", service="net", impact="medium", urgency="medium",
                   stated_priority="P3", true_priority="P3", effort=effort, skills=frozenset(skills),
                   device=device, chance=0.0, thin=1.0, linked=linked)


ALWAYS_END_RUN = ModelParams(work=WorkParams(habit_start=1.0))  # every end-run call really rings


def world_with(arrivals: list[Arrival], text: str = TEAM) -> World:
    world = World(load_scenario_text(text), params=ALWAYS_END_RUN)
    world.start_round(1, arrivals=arrivals)
    return world


def test_an_end_run_preempts_exactly_the_targeted_specialist():
    world = world_with([
        arrival(0.0, effort=60), arrival(0.0, effort=60, order=1),
        arrival(10.0, kind="end_run", effort=20, skills=("email",), customer="Sales", order=2),
    ])
    world.listeners.append(lambda w, why, t: why == "arrival" and t.kind == "end_run"
                           and w.command("answer", ticket=t.id, choice="take"))
    world.advance_to(10.0)
    ben, cara = world.agent_by_name["Ben"], world.agent_by_name["Cara"]
    paused = world.tickets["T0002"] if world.tickets["T0001"].agent == "Cara" else world.tickets["T0001"]
    assert ben.ticket is not None and ben.ticket.kind == "end_run"       # Ben dropped his work
    assert paused.remaining == pytest.approx(50.0)                       # with 50 of 60 min left
    assert cara.ticket is not None and cara.ticket.kind == "incident"    # Cara untouched
    world.advance_to(200.0)
    assert paused.resolved == pytest.approx(80.0)    # 10 done + 20 end-run + 50 resumed
    assert world.hidden_work[1] == pytest.approx(20.0)
    assert world.tickets["T0003"].hidden


def test_an_unanswered_end_run_is_taken_after_the_call_window():
    world = world_with([arrival(5.0, kind="end_run", skills=("email",), customer="Sales")])
    world.advance_to(5.0 + world.params.work.call_window - 0.01)
    assert world.tickets["T0001"].call_pending
    world.advance_to(100.0)
    assert world.tickets["T0001"].hidden and world.tickets["T0001"].answer == "default"


def test_a_learned_byod_problem_is_faster_the_second_time():
    world = world_with([arrival(0.0, kind="byod", skills=("devices",), device="tablet"),
                        arrival(100.0, kind="byod", skills=("devices",), device="tablet", order=1)])
    world.listeners.append(lambda w, why, t: why == "arrival" and t.call_pending
                           and w.command("answer", ticket=t.id, choice="learn"))
    world.advance_to(300.0)
    first, second = world.tickets["T0001"], world.tickets["T0002"]
    factor = world.params.work.unknown_device_factor
    assert first.resolved - first.started == pytest.approx(10.0 * factor)
    assert second.resolved - second.started == pytest.approx(10.0)
    assert "tablet" in world.known_devices


def test_unsupported_closes_at_once_and_disappoints():
    world = world_with([arrival(0.0, kind="byod", skills=("devices",), device="watch")])
    before = world.satisfaction.value("Finance", 0.0)
    world.listeners.append(lambda w, why, t: why == "arrival" and t.call_pending
                           and w.command("answer", ticket=t.id, choice="unsupported"))
    world.advance_to(1.0)
    ticket = world.tickets["T0001"]
    assert ticket.outcome == "unsupported" and ticket.resolved == 0.0
    sp = world.params.satisfaction
    assert ticket.rating == pytest.approx(rating_curve(-sp.unsupported_penalty, sp))   # about 18 of 100
    assert world.satisfaction.value("Finance", 0.0) < before - 1


MAJOR = TEAM.replace("demand:", """events:
  - {at: {time: "09:00"}, kind: major_incident, service: email, duration: 60m, surge: 30/h}
demand:""")


def outage_loss(broadcast: bool) -> tuple[float, int]:
    world = World(load_scenario_text(MAJOR), seed=5)
    if broadcast:
        world.listeners.append(lambda w, why, s: why == "event" and w.command("broadcast"))
    world.start_round(1)
    world.advance_to(480.0)
    linked = [t for t in world.tickets.values() if t.linked is not None]
    # How far below a neutral experience the callers rated the outage, on average.
    neutral = world.params.satisfaction.neutral_rating
    return statistics.fmean(t.rating - neutral for t in linked), len(linked)


def test_a_broadcast_lowers_the_callers_loss_and_their_number():
    quiet_loss, quiet_calls = outage_loss(broadcast=False)
    told_loss, told_calls = outage_loss(broadcast=True)
    assert quiet_loss < told_loss < 0
    assert told_calls < quiet_calls


def test_invalid_commands_are_refused_and_change_nothing():
    world = world_with([arrival(0.0, effort=60), arrival(1.0, effort=60, order=1)])
    world.advance_to(2.0)
    before = (len(world.decisions), [t.priority for t in world.tickets.values()])
    for action, fields, reason in [
        ("assign", {"ticket": "T9999", "agent": "Ben"}, "no ticket"),
        ("assign", {"ticket": "T0001", "agent": "Asha"}, "lacks the skills"),
        ("assign", {"ticket": "T0001", "agent": "Zed"}, "nobody called"),
        ("set_priority", {"ticket": "T0001", "priority": "P9"}, "no priority"),
        ("broadcast", {}, "no major incident"),
        ("answer", {"ticket": "T0001", "choice": "take"}, "not a call"),
        ("fly", {}, "unknown command"),
    ]:
        with pytest.raises(CommandRefused, match=reason):
            world.command(action, **fields)
    world.advance_to(500.0)
    with pytest.raises(CommandRefused, match="already closed"):
        world.command("update", ticket="T0001")
    assert (len(world.decisions), [t.priority for t in world.tickets.values()][:2]) == \
        (before[0], before[1][:2])


def test_assign_reserves_the_ticket_for_that_agent():
    world = world_with([arrival(0.0, effort=30), arrival(0.0, effort=30, order=1),
                        arrival(1.0, effort=30, order=2)])
    world.advance_to(1.0)           # Ben and Cara busy, T0003 queued
    world.command("assign", ticket="T0003", agent="Cara")
    world.advance_to(200.0)
    assert world.tickets["T0003"].agent == "Cara"
    assert world.tickets["T0003"].started == pytest.approx(30.0)


@pytest.mark.parametrize(("impact", "urgency", "priority"), [
    ("high", "high", "P1"), ("high", "medium", "P2"), ("medium", "high", "P2"), ("high", "low", "P3"),
    ("medium", "medium", "P3"), ("low", "high", "P3"), ("medium", "low", "P4"), ("low", "medium", "P4"),
    ("low", "low", "P4"),
])
def test_itil_priority_matrix(impact, urgency, priority):
    assert priority_of(impact, urgency) == priority


def test_an_escalation_that_cannot_happen_says_why() -> None:
    from deskgame.engine.commands import CommandRefused
    from deskgame.engine.world import World
    from deskgame.scenario import load_scenario

    from .conftest import SCENARIOS

    world = World(load_scenario(SCENARIOS / "standard-monday.yaml"), 3)
    world.start_round(1)
    world.advance_to(world.round_start + 120)
    ticket = next(t for t in world.tickets.values()
                  if t.is_open and not t.escalated and t.linked is None and not t.call_pending
                  and any(t.skills <= a.skills and a.role != "desk" for a in world.agents))
    world.command("escalate", ticket=ticket.id)
    try:
        world.command("escalate", ticket=ticket.id)
    except CommandRefused as refused:
        assert str(refused) == f"{ticket.id} is already with a specialist"
    else:
        raise AssertionError("a second escalation was accepted")


def test_a_byod_callers_title_names_their_own_device() -> None:
    """Built-in BYOD titles are about the device drawn with the ticket (a card saying 'tablet'
    beside a feed saying 'smart ring' confused a newcomer)."""
    from deskgame.engine.world import World
    from deskgame.scenario import load_scenario

    from .conftest import SCENARIOS

    world = World(load_scenario(SCENARIOS / "byod-after-holidays.yaml"), 2)
    world.start_round(1)
    byod = [a for a in world.intake.arrivals if a.kind == "byod"]
    assert len(byod) >= 5
    assert all(a.device and a.device in a.title and "{device}" not in a.title for a in byod)


def test_hidden_work_counts_the_minutes_spent_including_work_still_in_hand() -> None:
    """Hidden work is the specialists' time off the books in the round: a job still going on
    at a reading (or at the round's end) counts up to then, and the next round gets the rest."""
    from deskgame.engine.world import World
    from deskgame.policies import make_policy
    from deskgame.scenario import load_scenario

    from .conftest import SCENARIOS

    world = World(load_scenario(SCENARIOS / "standard-monday.yaml"), 2)
    make_policy("servant").attach(world)
    world.start_round(1)
    in_hand = None
    while world.now < world.round_end and in_hand is None:
        world.advance_to(world.now + 1)
        in_hand = next((a for a in world.agents if a.ticket is not None and a.ticket.hidden), None)
    assert in_hand is not None, "the servant takes end-runs on this day"
    banked = world.recorder.hidden_work.get(1, 0.0)
    assert world.hidden_work[1] == pytest.approx(banked + world.now - in_hand.job_started)
    world.advance_to(world.round_end)
    total = world.hidden_work[1]
    specialists = sum(1 for a in world.agents if a.role != "desk")
    assert 0 < total <= specialists * world.round_length
    carried = [a for a in world.agents if a.ticket is not None and a.ticket.hidden]
    world.start_round(2)
    assert world.recorder.hidden_work[1] == pytest.approx(total)  # banked when round 2 began
    assert world.hidden_work.get(2, 0.0) == pytest.approx(0.0)  # nothing of round 2 yet
    assert all(a.job_started <= world.round_start for a in carried)
