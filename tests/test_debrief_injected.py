"""A fresh-eyes review of a whole byod-after-holidays session with the facilitator's live events
(F9), kept fixed:

- injected events sit in their own round at their own clock time, in the HTML's Events table
  and on its trust chart, worded in the scripted rows' words and units;
- Awareness names the facilitator's events in its headline, as theirs, and marks each on the
  chart (a wave too); an outage with no fix ticket is not asked "Why no fix?";
- CSAT is said to be the rating of fixes, beside the Satisfaction the board showed;
- a served "emergency" among the best moments says what it cost;
- the chosen moment's words are never cut.

Round 2 gets four injections at 61, 121, 180 and 240 minutes, as the review's console did.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pygame
import pytest

from deskgame.report import charts
from deskgame.report.compare import events_words
from deskgame.report.debrief import CSAT_HEADING, build_report
from deskgame.report.event_words import event_details
from deskgame.report.figures import clock, trap_cost
from deskgame.report.round_questions import OutageFacts, RoundFacts, round_questions
from deskgame.report.sessions import Moment, load_session, round_minutes
from deskgame.session.results import build_results, dumps
from deskgame.ui.app import App
from deskgame.ui.debrief_awareness import AwarenessScene

from .test_debrief import tables_of
from .test_debrief_review import app_for, end_round, next_round
from .ui_driver import drawn
from .ui_driver import post_key as key

SCREEN = pygame.Rect(0, 0, 1280, 720)
INJECTIONS = (
    (61, {"kind": "major_incident", "service": "email", "duration": 60, "surge": 0.2}),
    (121, {"kind": "wave", "demand": ["new-gadgets"], "duration": 60, "factor": 2.0}),
    (180, {"kind": "absence", "agent": "Grace", "duration": None}),
    (240, {"kind": "social_storm", "customers": "all", "duration": 60, "hit": 5, "amplify": 2.0}),
)


@pytest.fixture(scope="module")
def injected() -> Iterator[App]:
    """byod-after-holidays at 2027: round 1 played, round 2 with the four injections, its Awareness open."""
    app = app_for("byod-after-holidays", seed=2027)
    try:
        end_round(app)
        next_round(app)
        live = app.live
        for minute, event in INJECTIONS:
            live.session.advance(live.world.round_start + minute)
            live.acknowledge_incident()
            assert live.command("inject", event=event) is None
        end_round(app)
        yield app
    finally:
        app.close()


@pytest.fixture(scope="module")
def results_file(injected: App, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("injected") / "injected.json"
    path.write_text(dumps(build_results(injected.live.outcome, "player", "Injected")), encoding="utf-8")
    return path


# ---------------------------------------------------------------- 1. the HTML debrief
def test_decisions_record_the_sessions_clock_and_the_debrief_reads_round_minutes(results_file: Path):
    decisions = [d for d in json.loads(results_file.read_text())["decisions"] if d["action"] == "inject"]
    assert [d["round"] for d in decisions] == [2, 2, 2, 2]
    assert decisions[0]["t"] == pytest.approx(480 + 61)  # the engine's clock, as recorded
    session = load_session(results_file)
    assert [round(i.t) for i in session.injections] == [61, 121, 180, 240]
    assert [clock(session, i.t) for i in session.injections] == ["09:31", "10:31", "11:30", "12:30"]
    assert round_minutes(95.0, 2, 480.0) == 95.0  # a time already in round minutes stays as it is


def test_the_events_table_lists_injections_in_their_round_at_their_time_in_the_scripted_words(
        results_file: Path):
    session = load_session(results_file)
    rows = tables_of(build_report([session]))["Injected live by the facilitator"][1:]
    assert [row[1:4] for row in rows] == [["2", "09:31", "major incident"], ["2", "10:31", "wave"],
                                         ["2", "11:30", "absence"], ["2", "12:30", "social storm"]]
    details = [row[4] for row in rows]
    assert details == ["service email, duration 60 min, surge 12/h",
                       "demand new-gadgets, duration 60 min, factor \u00d72",
                       "agent Grace, until the end of the session",
                       "customers every department, duration 60 min, hit 5, amplify \u00d72"]
    scripted = tables_of(build_report([session]))["Scripted in the scenario (the same for every team)"][1:]
    assert scripted[2][3] == ("service email, duration 60 min, surge 15/h, title Nobody can send or "
                              "receive mail")   # the same words and units as the injected rows
    assert "None" not in " ".join(details) and "duration 60," not in " ".join(details)


def test_the_trust_chart_marks_injections_inside_round_2(results_file: Path):
    session = load_session(results_file)
    length = session.scenario.round.length
    injected = [(hours, letter) for hours, letter, team in charts.event_marks([session], length) if team]
    assert [letter for _, letter in injected] == ["M", "W", "A", "S"]
    for (hours, _), (minute, _) in zip(injected, INJECTIONS, strict=True):
        assert length / 60 < hours < 2 * length / 60  # round 2's span on the session's axis
        assert hours == pytest.approx((length + minute) / 60, abs=0.01)


def test_event_details_say_units_and_defaults_alike():
    assert event_details("absence", [("agent", "Ravi"), ("duration", None)]) == (
        "agent Ravi, until the end of the session")
    assert event_details("absence", [("agent", "Ravi")]) == "agent Ravi, until the end of the session"
    assert event_details("wave", [("demand", "all"), ("duration", 30.0), ("factor", 1.5)]) == (
        "demand all, duration 30 min, factor \u00d71.5")
    assert event_details("social_storm", [("duration", "30m")]) == "duration 30m"  # as written


def test_csat_is_said_to_be_the_rating_of_fixes_beside_the_boards_satisfaction(results_file: Path):
    session = load_session(results_file)
    page = build_report([session])
    rows = tables_of(page)["Score and figures per round"]
    header = rows[0]
    assert header[4].startswith("Satisfaction") and header[5].startswith(CSAT_HEADING)
    assert "rating of fixes" in CSAT_HEADING
    for row, r in zip(rows[1:], session.rounds, strict=True):
        values = list(r.satisfaction_end.values())
        assert row[4] == f"{sum(values) / len(values):.1f}"  # the board's meter at the round's end
        assert row[5] == f"{r.kpis['csat']:.1f}"
    assert "not the board's Satisfaction" in page


def test_a_served_emergency_among_the_best_says_what_it_cost(results_file: Path):
    session = load_session(results_file)
    r = session.rounds[0]
    ticket = next(t for t in r.tickets if t.kind == "fake_emergency")
    session.served = {ticket.id: (1, ticket.arrived)}
    moment = Moment(1, ticket.arrived + 1, "Board", 94.0, "Board got everyone's attention.", ticket.id)
    waiting = sum(1 for t in r.tickets if t.id != ticket.id and t.outcome != "outage_over"
                  and t.arrived <= ticket.arrived and (t.started is None or t.started > ticket.arrived))
    cost = trap_cost(session, moment)
    assert cost is not None and cost.startswith("A trap, not a success")
    assert "insisting works" in cost
    assert (f"while {waiting} other ticket" in cost) if waiting else "waited" not in cost
    other = Moment(1, 5.0, "Claims", 90.0, "Fixed at once.", r.tickets[0].id)
    assert trap_cost(session, other) is None or r.tickets[0].id == ticket.id


# ---------------------------------------------------------------- 2. the in-game Awareness
def test_awareness_names_the_facilitators_events_and_marks_each(injected: App):
    scene = injected.scenes.top
    assert isinstance(scene, AwarenessScene)
    assert "in this round the facilitator brought" in scene.headline
    for kind in ("an outage", "a wave of calls", "someone away", "a social storm"):
        assert kind in scene.headline.split("the facilitator brought", 1)[1], kind
    events = [m.words for m in scene.markers if m.kind == "event"]
    facilitators = [w for w in events if w.startswith("The facilitator")]
    assert len(facilitators) == 4, events
    assert any("wave of calls" in w for w in facilitators)
    assert "The facilitator took Grace off the desk for the rest of the session" in facilitators
    words = " ".join(d.text for d in drawn(injected) if d.rect.bottom <= scene.chart.y)
    assert "the facilitator brought" in words  # drawn, not only composed


def test_no_why_no_fix_for_an_outage_without_a_fix_ticket(injected: App):
    scene = injected.scenes.top
    outage = [q for q in scene.questions if q.startswith("Email and mobile sync")]
    assert outage, scene.questions
    assert "Why no fix?" not in outage[0] and "no fix to work" in outage[0]


KPIS = {"trust": 60.0, "hidden_work_min": 0.0, "fcr": 1.0, "morale": 0.9, "sla_met": 1.0,
        "mean_wait_min": 2.0}


def test_why_no_fix_only_when_a_fix_existed():
    base = OutageFacts("Order entry", 40.0, 8, 0, fixed=False)
    asked = round_questions(RoundFacts(outage=base, kpis=KPIS))
    assert any(q.endswith("Why no fix?") for q in asked)
    none = OutageFacts("Order entry", 40.0, 8, 0, fixed=False, had_fix=False)
    asked = round_questions(RoundFacts(outage=none, kpis=KPIS))
    assert not any("Why no fix?" in q for q in asked)


def test_priorities_set_by_impact_are_not_called_the_callers():
    by_impact = round_questions(RoundFacts(set_by_hand=8, off_impact=0, kpis=KPIS))
    assert any("8 priorities, each by business impact" in q for q in by_impact), by_impact
    assert not any("each as the caller said" in q for q in by_impact)
    by_word = round_questions(RoundFacts(set_by_hand=8, off_impact=3, kpis=KPIS))
    assert any("each as the caller said. Judged by what?" in q for q in by_word), by_word


def test_the_headline_says_whose_events_they_were():
    said = events_words(1, ["absence", "major_incident"], ["major_incident"], (19, 9),
                        ([], ["major_incident"]))
    assert said == ("round 1 had someone away and an outage (19 callers, not in the waits); in this "
                    "round the facilitator brought an outage (9 callers, not in the waits)")
    assert events_words(1, ["wave"], ["wave", "social_storm"], injected=([], ["social_storm"])) == (
        "round 1 had a wave of calls; this round had a wave of calls, and the facilitator brought a "
        "social storm")
    assert events_words(1, ["wave"], ["wave"]) is None  # the same day, nobody's hand: nothing to say


def test_every_moment_is_drawn_whole_and_nothing_overlaps(injected: App):
    scene = injected.scenes.top
    for _ in scene.markers:
        seen = drawn(injected)
        said = " ".join(d.text for d in seen)
        marker = scene.markers[scene.chosen]
        assert marker.words.split()[-1] in said, marker.words  # its last word is on the screen
        assert not any(d.text.endswith("\u2026") for d in seen), [d.text for d in seen if "\u2026" in d.text]
        assert all(SCREEN.contains(d.rect) for d in seen)
        boxes = [d.image.get_bounding_rect().move(d.rect.topleft) for d in seen]
        for i in range(len(boxes)):
            for j in range(i + 1, len(boxes)):
                assert not boxes[i].colliderect(boxes[j]), (seen[i].text, seen[j].text)
        key(injected, pygame.K_RIGHT)


def test_an_sla_figure_one_round_lacked_is_said_plainly():
    from deskgame.report.compare import compare_rounds
    from deskgame.ui.debrief_comparison import NONE_THIS_ROUND, apart_words

    from .test_compare import TARGETS, record, ticket

    had = record([ticket("Sales", 0, 5, "P1"), ticket("Sales", 10, 20, "P3")])
    lacked = record([ticket("Sales", 10, 20, "P3")])
    p1 = next(c for c in compare_rounds(had, lacked, TARGETS) if c.label == "P1 SLA met")
    assert apart_words(p1) == NONE_THIS_ROUND == "none this round"  # not "100%  none"
    back = next(c for c in compare_rounds(lacked, had, TARGETS) if c.label == "P1 SLA met")
    assert apart_words(back) == "100% (none before)"
    same = next(c for c in compare_rounds(had, had, TARGETS) if c.label == "P1 SLA met")
    assert apart_words(same) is None


def test_round_1_says_the_facilitators_events_though_there_is_nothing_to_compare():
    app = app_for("byod-after-holidays", seed=2027)
    try:
        live = app.live
        live.session.advance(live.world.round_start + 200)
        live.acknowledge_incident()
        assert live.command("inject", event=dict(INJECTIONS[0][1])) is None
        end_round(app)
        scene = app.scenes.top
        assert scene.headline.startswith("The facilitator brought an outage (")
        assert scene.headline.endswith("The first round: the next one will be compared with this.")
        words = " ".join(d.text for d in drawn(app) if d.rect.bottom <= scene.chart.y)
        assert "The facilitator brought an outage" in words
    finally:
        app.close()
