"""The second workshop-room review of the debrief: what the room's questions rank first, that
none is dropped unseen, the comparison's better/worse without colour, large text, wording."""

from __future__ import annotations

from pathlib import Path

import pytest

from deskgame.scenario import load_scenario
from tests.test_debrief_words import make_policy

SCENARIOS = Path(__file__).resolve().parents[1] / "scenarios"


# ---------------------------------------------------------------- 2. what mattered comes first
@pytest.fixture(scope="module")
def monday_triage():  # type: ignore[no-untyped-def]
    from deskgame.session.runner import run_session

    return run_session(load_scenario(SCENARIOS / "standard-monday.yaml"), 7, make_policy("triage"))


def test_an_outage_round_asks_about_the_outage_first_in_its_own_facts(monday_triage):
    from deskgame.report.prompts import round_facts, round_questions

    played = monday_triage
    record = played.rounds[1]
    world = played.world
    start = next(e.t for e in world.log if e.kind == "round_started" and e.data.get("round") == 2)
    began = next(e for e in world.log if e.kind == "major_incident_started" and e.t >= start)
    ended = next(e for e in world.log if e.kind == "major_incident_ended" and e.t >= began.t)
    sent = sum(e.kind == "broadcast" and began.t <= e.t <= ended.t for e in world.log)
    callers = sum(t.round == 2 and t.demand.startswith("major-incident") and not t.repair
                  for t in world.tickets.values())
    assert callers > 0 and sent > 0 and ended.data["fixed"]
    questions = round_questions(round_facts(world, record))
    assert questions[0] == (f"{world.service_name(began.data['service'])}: down {ended.t - began.t:.0f} min, "
                            f"{callers} callers waited, {sent} broadcasts. Enough?")
    # the waits (a mean of 34 min) come next, and the desk's own choices keep a place
    assert questions[1].startswith(f"A first answer took {record['kpis']['mean_wait_min']:.0f} min")
    assert "emergenc" in questions[2]
    # a round without an outage asks about none
    assert not any("down" in q for q in round_questions(round_facts(world, played.rounds[0])))


def test_ranking_puts_what_mattered_first_but_keeps_the_lesson():
    from deskgame.report.prompts import OutageFacts, RoundFacts, round_questions

    kpis = {"trust": 40.0, "hidden_work_min": 0.0, "mean_wait_min": 50.0, "fcr": 0.9, "morale": 0.8,
            "sla_met": 0.7}
    facts = RoundFacts(emergencies=3, declined=3, set_by_hand=4, lowered=2, kpis=kpis, late=9,
                       outage=OutageFacts("Order entry", 75.0, 16, 0, False), on_notice=True, line=46)
    asked = round_questions(facts)
    assert asked[0] == "Order entry: down 75 min, 16 callers waited, no broadcast. Why no fix?"
    assert asked[1] == ("Trust ended at 40, under the line of 46: on notice. What were the first "
                        "warning signs?")
    assert asked[2].startswith("3 callers insisted on an emergency")  # the lesson keeps its place
    calm = dict(kpis, mean_wait_min=25.0, trust=70.0)
    quiet = round_questions(RoundFacts(emergencies=3, declined=3, set_by_hand=4, lowered=2, kpis=calm))
    assert quiet[0].startswith("3 callers insisted") and quiet[1].startswith("The desk set 4 priorities")
    assert quiet[2].startswith("A first answer took 25 min")  # not far past: after the lesson
