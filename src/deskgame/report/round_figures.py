"""The figures of one round that the debrief compares: waits, satisfaction, SLA met.

Which tickets count: the same as the SLA figures (``session.kpis.sla_counts``, the
engine's ``sla_meter``).  Callers about an outage are left out of every wait and every
"past target": the engine rates them once, when the service comes back (an "outage"
moment, not a first answer), and a caller whose call was never picked up was not waiting
for the desk until the round's end but for the service.  They are counted on their own
where the outage is told.  An "unsupported" answer and the warm-up are left out too.

Every input is a round record as ``session.outcome.round_record`` makes it; the live
screen adds two facts of the world a record does not hold (``WorldFacts``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

PRIORITIES = ("P1", "P2", "P3", "P4")
OUTAGE_OVER = "outage_over"   # a caller's call, closed when the outage ended


@dataclass(frozen=True)
class WorldFacts:
    """What the live world knows that a round record does not: which tickets were callers
    about an outage (a caller whose outage outlasted the round is still open in its record,
    not yet ``outage_over``), the updates the desk sent per round, and the warm-up."""

    outage_callers: frozenset[str] = frozenset()
    updates: dict[int, int] = field(default_factory=dict)
    warmup: float = 0.0


def world_facts(world: Any) -> WorldFacts:
    """``WorldFacts`` of the engine's World (duck-typed: ``tickets``, ``decisions``, ``scenario``)."""
    updates: dict[int, int] = {}
    for decision in world.decisions:
        if decision["action"] == "update":
            updates[decision["round"]] = updates.get(decision["round"], 0) + 1
    return WorldFacts(frozenset(t.id for t in world.tickets.values() if t.linked is not None), updates,
                      float(world.scenario.round.warmup))


def outage_caller(row: dict[str, Any], facts: WorldFacts | None = None) -> bool:
    """A caller about an outage (a linked ticket), as a record's row shows it."""
    return row.get("outcome") == OUTAGE_OVER or (facts is not None and row["id"] in facts.outage_callers)


def desk_rows(record: dict[str, Any], facts: WorldFacts | None = None) -> list[dict[str, Any]]:
    """The round's tickets the SLA figures count: not a caller about an outage, not answered
    "unsupported", not in the warm-up (work taken off the books is not in a record)."""
    warmup = facts.warmup if facts is not None else 0.0
    return [row for row in record["tickets"] if row.get("outcome") != "unsupported"
            and not outage_caller(row, facts) and row["arrived"] >= warmup]


def outage_callers(record: dict[str, Any], facts: WorldFacts | None = None) -> int:
    """How many of the round's tickets were callers about an outage."""
    return sum(outage_caller(row, facts) for row in record["tickets"])


def department_waits(record: dict[str, Any], facts: WorldFacts | None = None) -> dict[str, float]:
    """Each department's mean wait (minutes) from arrival to the first answer, in the round,
    over the tickets the SLA counts (``desk_rows``: no outage callers).

    Tickets that never started are counted up to the round's end: a queue nobody touched is
    the longest wait of all, not no wait.
    """
    end = _round_end(record)
    waits: dict[str, list[float]] = {}
    for ticket in desk_rows(record, facts):
        started = ticket["started"] if ticket["started"] is not None else end
        if started is None:
            continue
        waits.setdefault(ticket["customer"], []).append(max(0.0, started - ticket["arrived"]))
    return {name: sum(values) / len(values) for name, values in waits.items() if values}


def _round_end(record: dict[str, Any]) -> float | None:
    ts = record.get("series", {}).get("t") or []
    return float(ts[-1]) if ts else None


def department_satisfaction(record: dict[str, Any]) -> dict[str, float]:
    """Each department's satisfaction at the round's end (the last sample of its curve)."""
    return {name: values[-1] for name, values in record["series"]["satisfaction"].items() if values}


def sla_by_priority(record: dict[str, Any], targets: dict[str, float],
                    facts: WorldFacts | None = None) -> list[tuple[str, float, int]]:
    """(priority, share met, tickets counted) per desk priority, as the SLA figure counts:
    a ticket counts once its work started or its target passed unstarted before the round
    ended; it is met when its work started within the target (``desk_rows``: no outage
    callers).  By the priority the desk gave it (the results' ``sla_met`` also holds a
    downgraded ticket to its real priority's target)."""
    end = _round_end(record)
    rows = []
    counted = desk_rows(record, facts)
    for priority in PRIORITIES:
        target = targets[priority]
        mine = [t for t in counted if t["priority"] == priority]
        due = [t for t in mine if t["started"] is not None
               or (end is not None and t["arrived"] + target < end)]
        met = [t for t in due if t["started"] is not None and t["started"] - t["arrived"] <= target]
        rows.append((priority, len(met) / len(due) if due else 0.0, len(due)))
    return rows
