"""A customer's journey and the team's voice, read back from a live session's event log."""

from __future__ import annotations

import pytest

from deskgame.policies import make_policy
from deskgame.report.journey import AgentRound, agent_rounds, journey, team_voices, voice
from deskgame.scenario import load_scenario
from deskgame.session.live import LiveSession

from .conftest import SCENARIOS


@pytest.fixture(scope="module")
def live() -> LiveSession:
    session = LiveSession(load_scenario(SCENARIOS / "standard-monday.yaml"), 7, make_policy("triage"))
    while session.phase == "playing":
        session.tick(1000)
        session.acknowledge_incident()
    return session


def test_a_handed_over_ticket_tells_its_whole_story(live):
    world = live.world
    ticket = next(t for t in world.tickets.values() if t.escalated and t.outcome == "resolved" and t.updates)
    story = journey(world, ticket.id)
    kinds = [step.kind for step in story.steps]
    assert kinds[0] == "ticket_arrived" and kinds[-1] == "ticket_resolved"
    assert "ticket_escalated" in kinds and "ticket_updated" in kinds
    assert kinds.count("ticket_started") >= 2                     # the desk, then the specialist
    second = [s for s in story.steps if s.kind == "ticket_started"][1]
    assert "after the first contact" in second.words and second.who == ticket.agent
    assert [s.t for s in story.steps] == sorted(s.t for s in story.steps)
    rated = [s for s in story.steps if s.rating is not None]
    feelings = ("better than expected", "as expected", "worse than expected")
    assert rated and all(s.felt in feelings for s in rated)
    assert story.outcome == f"fixed after {ticket.resolved - ticket.arrived:.0f} min"


def test_each_agent_s_round_is_drawn_from_what_happened_to_them(live):
    world = live.world
    rounds = agent_rounds(world, 1)
    assert [a.name for a in rounds] == [a.name for a in world.agents]
    fixes = {a.name: 0 for a in world.agents}
    for event in world.log:
        data = event.data
        if event.kind == "ticket_resolved" and data.get("outcome") == "resolved" and data["agent"]:
            fixes[data["agent"]] += 1
    assert {a.name: a.fixes for a in rounds} == fixes
    assert all(0.0 <= a.busy <= 1.0 for a in rounds) and max(a.busy for a in rounds) > 0.5
    assert len(team_voices(world, 1)) == len(world.agents)


def test_a_line_says_how_the_round_felt_and_why():
    flat_out = AgentRound("Ben", 0.93, 4, 2, 3, 0, ("Sales", "VPN down", 85.0), None, 0.4)
    assert voice(flat_out) == ("Overloaded: busy 93% of the round; pulled off my work 4 times; 2 people "
                               "rang me directly, work nobody sees; 3 fixes. Proud of fixing 'VPN down' "
                               "for Sales.")
    quiet = AgentRound("Asha", 0.2, 0, 0, 0, 0, None, None, 0.7)
    assert voice(quiet) == "A quiet round: busy 20% of the time."
    stuck = AgentRound("Lin", 0.6, 1, 0, 0, 3, None, 90.0, 0.5)
    assert voice(stuck, "11:30") == ("Busy 60% of the round; I was called away at 11:30; interrupted 1 time; "
                                     "I had to pass 3 tickets on. Nothing finished, and that wears on you.")
