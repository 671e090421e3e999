"""The ITIL priority matrix: impact x urgency -> P1..P4."""

from __future__ import annotations

_MATRIX = {
    ("high", "high"): "P1",
    ("high", "medium"): "P2",
    ("medium", "high"): "P2",
    ("high", "low"): "P3",
    ("medium", "medium"): "P3",
    ("low", "high"): "P3",
}
RANK = {"P1": 1, "P2": 2, "P3": 3, "P4": 4}
UNSET_RANK = 3  # a ticket nobody prioritised waits among the P3s, in arrival order


def priority_of(impact: str, urgency: str) -> str:
    return _MATRIX.get((impact, urgency), "P4")


def lower(priority: str) -> str:
    return f"P{min(4, RANK[priority] + 1)}"


def raise_(priority: str) -> str:
    return f"P{max(1, RANK[priority] - 1)}"
