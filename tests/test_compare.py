"""This round beside the last: the words follow from hand-made numbers (report/compare.py)."""

from __future__ import annotations

from typing import Any

from deskgame.report.compare import (
    compare_rounds,
    department_waits,
    headline,
    ratio_words,
    sla_by_priority,
)

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
    p1 = by_label(changes, "sla", "P1 on time")
    assert p1.words == "P1 on time 100%, up from 50%" and p1.better is True
    assert not [c for c in changes if c.label in ("P3 on time", "P4 on time")]  # none either round


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
