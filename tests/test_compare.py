"""This round beside the last: the words follow from hand-made numbers (report/compare.py)."""

from __future__ import annotations

from typing import Any

from deskgame.report.compare import compare_rounds, headline, ratio_words
from deskgame.report.round_figures import department_waits, sla_by_priority

TARGETS = {"P1": 15.0, "P2": 30.0, "P3": 120.0, "P4": 480.0}


def ticket(customer: str, arrived: float, started: float | None, priority: str = "P3",
           outcome: str | None = "resolved") -> dict[str, Any]:
    return {"id": f"T{arrived:.0f}{customer}", "customer": customer, "priority": priority,
            "arrived": arrived, "started": started, "resolved": None, "outcome": outcome}


def record(tickets: list[dict[str, Any]], trust: float = 50.0, hidden: float = 0.0, posts: int = 0,
           sales: float = 50.0, finance: float = 50.0) -> dict[str, Any]:
    return {
        "kpis": {"trust": trust, "hidden_work_min": hidden},
        "tickets": tickets,
        "series": {"t": [0.0, 240.0, 480.0], "trust": [50, 50, trust],
                   "satisfaction": {"Sales": [50, 50, sales], "Finance": [50, 50, finance]}},
        "posts": [{"t": 10.0 * i, "customer": "Sales", "text": "meh"} for i in range(posts)],
    }


def by_label(changes, group: str, label: str):  # type: ignore[no-untyped-def]
    return next(c for c in changes if c.group == group and c.label == label)


def test_sales_waited_half_as_long_and_hidden_work_doubled():
    last = record([ticket("Sales", 0, 40), ticket("Sales", 100, 140), ticket("Finance", 0, 10)], hidden=30)
    this = record([ticket("Sales", 0, 20), ticket("Sales", 100, 120), ticket("Finance", 0, 10)], hidden=60)
    changes = compare_rounds(last, this, TARGETS)
    sales = by_label(changes, "wait", "Sales")
    assert (sales.last, sales.this) == (40.0, 20.0)
    assert sales.words == "Sales waited half as long"
    assert sales.direction == "down" and sales.better is True
    hidden = by_label(changes, "hidden", "Hidden work")
    assert hidden.words == "hidden work doubled" and hidden.direction == "up" and hidden.better is False
    finance = by_label(changes, "wait", "Finance")
    assert finance.direction == "same" and finance.weight == 0
    assert headline(changes) == "Sales waited half as long; hidden work doubled."


def test_trust_satisfaction_and_posts_in_points_and_counts():
    last = record([ticket("Sales", 0, 5)], trust=48.4, sales=40, finance=61, posts=5)
    this = record([ticket("Sales", 0, 5)], trust=55.2, sales=52, finance=60, posts=2)
    changes = compare_rounds(last, this, TARGETS)
    trust = by_label(changes, "trust", "Business trust")
    assert trust.words == "trust rose 7 points to 55" and trust.better is True
    assert (trust.shown_last, trust.shown_this) == ("48", "55")
    assert by_label(changes, "satisfaction", "Sales").words == "Sales satisfaction rose 12 points to 52"
    assert by_label(changes, "satisfaction", "Finance").direction == "same"  # 1 point is noise
    posts = by_label(changes, "posts", "Public posts")
    assert posts.words == "2 public posts, down from 5" and posts.better is True
    # the biggest change leads the sentence
    assert headline(changes).startswith("Sales satisfaction rose 12 points")


def test_sla_per_priority_counts_answered_tickets_against_their_target():
    last = record([ticket("Sales", 0, 10, "P1"), ticket("Sales", 0, 30, "P1"), ticket("Sales", 0, 60, "P2")])
    this = record([ticket("Sales", 0, 10, "P1"), ticket("Sales", 0, 12, "P1"), ticket("Sales", 0, 20, "P2")])
    assert sla_by_priority(last, TARGETS)[:2] == [("P1", 0.5, 2), ("P2", 0.0, 1)]
    changes = compare_rounds(last, this, TARGETS)
    p1 = by_label(changes, "sla", "P1 SLA met")
    assert p1.words == "P1 SLA met 100%, up from 50%" and p1.better is True
    assert not [c for c in changes if c.label in ("P3 SLA met", "P4 SLA met")]  # none either round


def test_a_ticket_nobody_answered_waits_until_the_round_ends():
    waits = department_waits(record([ticket("Sales", 80, None, outcome=None)]))
    assert waits == {"Sales": 400.0}


def test_nothing_moved_says_so():
    same = record([ticket("Sales", 0, 10)], trust=50, hidden=0)
    changes = compare_rounds(same, same, TARGETS)
    assert all(c.direction == "same" for c in changes)
    assert headline(changes) == "Little changed from last round."


def test_ratios_in_words():
    assert ratio_words(0.5) == "half"
    assert ratio_words(2.0) == "twice"
    assert ratio_words(3.1) == "3 times"
    assert ratio_words(0.33) == "a third"
    assert ratio_words(1.3) == "30% more"
    assert ratio_words(0.78) == "20% less"


def test_hidden_work_that_appears_or_goes_is_said_plainly():
    tickets = [ticket("Sales", 0, 5)]
    appeared = compare_rounds(record(tickets, hidden=0), record(tickets, hidden=45), TARGETS)
    assert by_label(appeared, "hidden", "Hidden work").words == "hidden work appeared: 45 min off the books"
    gone = compare_rounds(record(tickets, hidden=45), record(tickets, hidden=0), TARGETS)
    assert by_label(gone, "hidden", "Hidden work").words == "hidden work all but gone (was 45 min)"


def test_resolved_says_what_was_carried_over():
    from deskgame.report.compare import resolved_split, resolved_words

    fixed = "resolved"
    tickets = [{"resolved": 10.0, "outcome": fixed}, {"resolved": 470.0, "outcome": fixed},
               {"resolved": None, "outcome": None}, {"resolved": 500.0, "outcome": fixed},
               {"resolved": 20.0, "outcome": "unsupported"}, {"resolved": 30.0, "outcome": "outage_over"}]
    rec = {"kpis": {"resolved": 4}, "tickets": tickets}
    assert resolved_split(rec, 480.0) == (4, 2, 2)  # a "no" and a closed outage call are not fixes
    assert resolved_words(rec, 480.0) == "4 (2 new, 2 carried over)"
    assert resolved_words({"kpis": {"resolved": 2}, "tickets": tickets[:2]}, 480.0) == "2"


def test_the_score_parts_add_up_to_the_round_score():
    from deskgame.report.compare import score_parts
    from deskgame.session.kpis import round_score

    kpis = {"trust": 62.0, "sla_met": 0.8, "morale": 0.55, "resolved": 45}
    weights = {"trust": 0.4, "sla": 0.3, "morale": 0.2, "throughput": 0.1}
    parts = score_parts({"kpis": kpis, "arrived": 50}, weights)
    assert [p[0] for p in parts] == ["trust", "SLA met", "morale", "work done (resolved / arrived)"]
    assert abs(sum(p[3] for p in parts) - round_score(kpis, 50, weights)) < 1e-6


def test_worst_is_only_a_moment_that_went_badly():
    from deskgame.report.compare import best_and_worst

    happy = [{"rating": 70, "delta": 1.0}, {"rating": 58, "delta": 0.2}, {"rating": 81, "delta": 0.5}]
    best, worst = best_and_worst(happy, neutral=55)
    assert best["rating"] == 81 and worst is None  # the lowest (58) was still above neutral
    best, worst = best_and_worst([*happy, {"rating": 12, "delta": -3.0}], neutral=55)
    assert worst["rating"] == 12


def test_trends_over_the_rounds():
    from deskgame.report.compare import trend_words

    assert trend_words([48, 55, 61], "trust") == "trust rose over 3 rounds (48 to 55 to 61)"
    assert trend_words([60, 40], "trust") == "trust fell over 2 rounds (60 to 40)"
    assert trend_words([50, 51], "trust") == "trust held steady over 2 rounds (50 to 51)"


def test_the_chart_band_holds_every_curve_and_the_line():
    from deskgame.ui.debrief_chart import value_range

    series = {"trust": [55, 51], "satisfaction": {"Sales": [48, 62]}}
    assert value_range(series, 46) == (30.0, 70.0)   # 41..67 in tens, widened down to 40 points
    assert value_range({"trust": [5, 99], "satisfaction": {}}, 30) == (0.0, 100.0)


def test_rounds_dealt_different_events_are_said_before_the_figures():
    """Round 1 had every event, round 2 none: the headline says so before crediting the team."""
    from deskgame.report.compare import events_said, events_words, headline_with_events

    last = record([ticket("Sales", 0, 40), ticket("Finance", 0, 50)])
    this = record([ticket("Sales", 0, 8), ticket("Finance", 0, 10)])
    dealt = events_words(1, ["absence", "wave", "major_incident", "social_storm"], [])
    assert dealt == ("round 1 had someone away, a wave of calls, an outage and a social storm; "
                     "this round had nothing unusual")
    said = headline_with_events(compare_rounds(last, this, TARGETS), dealt)
    assert said.startswith("Round 1 had someone away, a wave of calls, an outage and a social storm; "
                           "this round had nothing unusual. Sales waited a fifth as long")
    assert events_words(2, ["major_incident", "social_storm"], ["social_storm", "major_incident"]) is None
    assert events_words(1, [], ["major_incident", "major_incident"]) == (
        "round 1 had nothing unusual; this round had 2 outages")
    assert events_said(["social_storm", "major_incident"]) == "an outage and a social storm"
    assert headline_with_events(compare_rounds(last, this, TARGETS), None) == headline(
        compare_rounds(last, this, TARGETS))
