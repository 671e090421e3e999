"""The journey screen as a room reads it (review 3): a call nobody answered says so, an answer
is said once, the ticket list names the problem and its rating, and the team's lines say what
each person did, not only counts."""

from __future__ import annotations

import pytest

from deskgame.policies import make_policy
from deskgame.report.journey import journey
from deskgame.scenario import load_scenario
from deskgame.session.live import LiveSession

from .conftest import SCENARIOS


def _played(policy: str | None) -> LiveSession:
    session = LiveSession(load_scenario(SCENARIOS / "standard-monday.yaml"), 7,
                          make_policy(policy) if policy else None)
    for _ in range(3000):
        if session.phase != "playing":
            break
        session.tick(1000)
        session.acknowledge_incident()
    return session


@pytest.fixture(scope="module")
def idle() -> LiveSession:
    """Nobody at the keys: every call rings out to its default answer."""
    return _played(None)


@pytest.fixture(scope="module")
def triage() -> LiveSession:
    return _played("triage")


def test_a_call_nobody_answered_says_so_with_the_default(idle):
    world = idle.world
    rang_out = [e for e in world.log if e.kind == "call_unanswered"]
    kinds = {e.data["kind"] for e in rang_out}
    assert {"byod", "end_run", "fake_emergency"} <= kinds
    for event in rang_out:
        story = journey(world, event.data["ticket"])
        step = next(s for s in story.steps if s.kind == "call_unanswered")
        assert step.words.startswith("Nobody answered in time: the desk's default, "), step.words
        assert not any(s.words.startswith("Call answered") for s in story.steps)
        if event.data["kind"] == "byod":
            assert "is not supported" in step.words
            assert sum("not supported" in s.words for s in story.steps) == 1, [s.words for s in story.steps]
            assert "never answered" in story.summary()


def test_an_answer_is_said_once_not_again_in_the_same_minute(triage):
    world = triage.world
    answered = [e for e in world.log if e.kind == "call_answered"]
    assert answered
    for event in answered:
        steps = journey(world, event.data["ticket"]).steps
        at = [s for s in steps if s.t == event.t and s.kind != "moment"]
        assert not any(s.kind in ("byod_unsupported", "end_run_taken", "end_run_redirected", "fake_served")
                       for s in at), [s.words for s in at]


def test_the_team_s_lines_say_what_each_did_that_mattered(idle):
    """Nobody answered: the refused devices came back to a specialist on the quiet, and end-runs
    were taken by default; those agents' lines say the hidden minutes and what they were."""
    from deskgame.report.team_voice import agent_rounds, team_voices

    world = idle.world
    rounds = {a.name: a for a in agent_rounds(world, 1)}
    lines = dict(team_voices(world, 1))
    quiet = [e.data["agent"] for e in world.log if e.kind == "end_run_taken" and e.data.get("shadow")]
    taken = [e.data["agent"] for e in world.log if e.kind == "end_run_taken" and not e.data.get("shadow")]
    assert quiet and taken
    for name in set(quiet):
        n = quiet.count(name)
        assert rounds[name].quiet_fixes == n and rounds[name].hidden_minutes >= 1
        assert f"fixed {n} refused device{'s' if n > 1 else ''} on the quiet" in lines[name], lines[name]
        assert f"{rounds[name].hidden_minutes:.0f} min of work nobody sees" in lines[name]
    for name in set(taken):
        assert "rang me directly and I dropped my work" in lines[name]
    for agent in world.agents:
        assert f"morale {agent.morale:.0%} at the end" in lines[agent.name]
