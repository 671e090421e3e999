"""A customer's journey and the team's voice, read back from a live session's event log."""

from __future__ import annotations

import pytest

from deskgame.policies import make_policy
from deskgame.report.journey import journey
from deskgame.report.team_voice import AgentRound, agent_rounds, team_voices, voice
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
    flat_out = AgentRound("Ben", 0.93, 4, 2, 3, 0, ("Sales", "'VPN down'", 85.0), None, 0.4,
                          hidden_minutes=40.0)
    assert voice(flat_out) == ("Overloaded: busy 93% of the round; 40 min of work nobody sees: 2 people "
                               "rang me directly and I dropped my work; pulled off my work 4 times; 3 fixes; "
                               "morale 40% at the end. Proud of fixing 'VPN down' for Sales.")
    quiet = AgentRound("Asha", 0.2, 0, 0, 0, 0, None, None, 0.7)
    assert voice(quiet) == "A quiet round: busy 20% of the time; morale 70% at the end."
    stuck = AgentRound("Lin", 0.6, 1, 0, 0, 3, None, 90.0, 0.5)
    assert voice(stuck, "11:30") == ("Away from 11:30; busy 60% of the round; interrupted 1 time; "
                                     "I had to pass 3 tickets on; morale 50% at the end. Nothing finished, "
                                     "and that wears on you.")


def test_an_agent_away_all_round_says_away_from_when_and_why_not_quiet():
    """Ravi, off sick from 08:30, was told "A quiet round: busy 0%" in the team's voice."""
    ravi = AgentRound("Ravi", 0.0, 0, 0, 0, 0, None, 30.0, 0.7)
    assert voice(ravi, "08:30", "off sick") == "Away from 08:30, off sick."
    assert voice(ravi, "08:30") == "Away from 08:30."
    assert "quiet" not in voice(ravi).lower()


def test_every_job_that_starts_ends_in_the_log_outage_logging_too():
    """The engine logs each job's end, so busy time is read, not guessed: per agent, starts and
    ends alternate (an outage caller's logging and a hand-over included)."""
    from deskgame.session.runner import run_session

    scenario = load_scenario(SCENARIOS / "byod-after-holidays.yaml")
    for policy in ("triage", "servant", "fifo"):
        world = run_session(scenario, 3, make_policy(policy)).world
        on_job: dict[str, bool] = {}
        ended = 0
        for event in world.log:
            who = event.data.get("agent")
            if event.kind == "ticket_started":
                assert not on_job.get(who), f"{policy}: {who} started a job while on another"
                on_job[who] = True
            elif event.kind == "job_ended":
                assert on_job.get(who), f"{policy}: {who} ended a job they had not started"
                on_job[who] = False
                ended += 1
        assert ended > 50
        logged = [e for e in world.log if e.kind == "ticket_started"
                  and world.tickets[e.data["ticket"]].linked is not None]
        assert logged, "the scenario's outage should bring callers to log"


def test_busy_share_matches_the_queue_s_utilisation():
    """An M/M/6 desk (7/h, 40 min): each agent is busy rho = 7 x 40/60 / 6 = 0.778 of the time."""
    from deskgame.scenario import load_scenario_text

    from .test_queueing import mmc_text

    text = mmc_text(6, 7, 40, "300h", "0m")
    session = LiveSession(load_scenario_text(text), 4, make_policy("fifo"))
    while session.phase == "playing":
        session.tick(1000)
    rounds = agent_rounds(session.world, 1)
    mean_busy = sum(a.busy for a in rounds) / len(rounds)
    assert mean_busy == pytest.approx(7 * 40 / 60 / 6, abs=0.03)


def test_an_emergency_that_never_rang_says_why_in_its_journey():
    """A loud caller who did not insist this time becomes a request at its real priority; the
    journey must say so, or it reads "said to be P1" and then P3 with nothing between."""
    from deskgame.session.runner import run_session

    world = run_session(load_scenario(SCENARIOS / "standard-monday.yaml"), 1, make_policy("fifo")).world
    quiet = [e for e in world.log if e.kind == "fake_classified"]
    assert quiet, "standard-monday's loud callers should not all insist"
    event = quiet[0]
    ticket = world.tickets[event.data["ticket"]]
    assert ticket.kind == "request" and event.data["priority"] == ticket.true_priority
    words = [step.words for step in journey(world, ticket.id).steps]
    said = next(w for w in words if "did not ring to insist" in w or "emergency definition" in w)
    assert event.data["priority"] in said and event.data["said"] in said
    assert words.index(said) == 1  # right after the first contact


def _ravi_at_nine(scenario, tmp_path):  # type: ignore[no-untyped-def]
    """(the chart's event markers, Ravi's own line) a little after Ravi went away."""
    from deskgame.ui.app import App, SaveOptions
    from deskgame.ui.debrief_chart import chart_markers
    from deskgame.ui.scenes.journey import team_voices_with_reasons

    app = App(scenario, seed=3, saves=SaveOptions(folder=tmp_path))
    try:
        app.start_play()
        app.fair_calls = False
        live = app.live
        live.set_speed(8)
        for _ in range(20000):
            if live.incident_alert:
                live.acknowledge_incident()
            if live.clock >= 9 * 60:
                break
            app.step(1.0)
        record = {"round": 1, "moments": []}
        words = [m.words for m in chart_markers(live, record) if m.kind == "event"]
        return words, dict(team_voices_with_reasons(live, 1))["Ravi"]
    finally:
        app.close()


def test_an_absence_s_reason_reaches_chart_and_voice(tmp_path):
    """byod-after-holidays says Ravi is off sick: the chart marker and Ravi's own line say that
    (not "called away"), and Ravi's round is not called quiet."""
    from deskgame.scenario import load_scenario

    from .conftest import SCENARIOS

    words, ravi = _ravi_at_nine(load_scenario(SCENARIOS / "byod-after-holidays.yaml"), tmp_path)
    assert "Ravi was away (off sick)" in words
    assert ravi.startswith("Away from 08:30, off sick")
    assert "quiet" not in ravi.lower()


def test_the_events_reason_wins_and_the_briefing_is_the_fallback(tmp_path):
    from deskgame.scenario import load_scenario_text
    from deskgame.ui.absence import absence_reason

    from .conftest import SCENARIOS

    assert absence_reason("Ravi is off sick, and mid-morning the mail fails.", "Ravi") == "off sick"
    assert absence_reason("Ravi is the only one who knows claims.", "Ravi") == ""
    assert absence_reason("Ravi is off sick.", "Ravi", "on a course") == "on a course"
    text = (SCENARIOS / "byod-after-holidays.yaml").read_text()
    assert "reason: off sick" in text and "Ravi is off sick" in text
    course = load_scenario_text(text.replace("reason: off sick", "reason: on a course"))
    words, ravi = _ravi_at_nine(course, tmp_path / "course")
    assert "Ravi was away (on a course)" in words and ravi.startswith("Away from 08:30, on a course")
    briefed = load_scenario_text(text.replace(", reason: off sick", ""))  # the briefing's words
    words, ravi = _ravi_at_nine(briefed, tmp_path / "briefed")
    assert "Ravi was away (off sick)" in words and ravi.startswith("Away from 08:30, off sick")


def test_a_fake_emergency_answered_d_says_once_what_was_shouted_and_what_was_told(live):
    """After D ("not an emergency") the journey read "The desk set the priority to P3" as well as
    two steps saying the same: one step now says what the caller said against what they were
    told, and the summary keeps the contrast the board shows."""
    world = live.world
    declined = [t for t in world.tickets.values() if t.answer == "deprioritise" and t.shouted]
    assert declined, "triage answers standard-monday's loud callers with D"
    for ticket in declined:
        story = journey(world, ticket.id)
        told, said = ticket.true_priority, ticket.shouted
        assert said != told
        mentions = [s for s in story.steps if f" {told}" in s.words and s.kind != "ticket_arrived"]
        assert len(mentions) == 1, [s.words for s in story.steps]
        step = mentions[0]
        assert f"The caller said {said} and was told {told}" in step.words
        assert "not an emergency" in step.words
        assert not any("set the priority" in s.words or s.kind == "fake_deprioritised" for s in story.steps)
        assert f"{told} (the caller said {said})" in story.summary()
        # The decline is the rated moment of that step, and it disappointed.
        assert step.rating is not None and step.felt != "better than expected"
    # A priority the desk sets itself (P) still reads as the desk's own.
    set_by_desk = next(t for t in world.tickets.values() if t.answer is None and t.priority and not t.hidden)
    assert any(s.words == f"The desk set the priority to {set_by_desk.priority}"
               for s in journey(world, set_by_desk.id).steps)
