"""Domain events: the append-only log the UI, reports and tests read through a cursor."""

from __future__ import annotations

from typing import Any, NamedTuple

EVENT_KINDS = (
    "round_started", "round_ended", "ticket_arrived", "call_ringing", "call_answered", "call_unanswered",
    "ticket_assigned", "ticket_started", "job_ended", "ticket_paused", "ticket_escalated", "ticket_updated",
    "ticket_resolved", "priority_set", "end_run_taken", "end_run_redirected", "byod_learned",
    "byod_unsupported", "fake_served", "fake_deprioritised", "fake_classified", "sla_breached", "moment",
    "post", "major_incident_started", "major_incident_ended", "broadcast", "agent_absent",
    "agent_back", "social_storm", "command_refused", "event_injected",
)


class DomainEvent(NamedTuple):
    """One thing that happened (a NamedTuple: cheap to make, immutable)."""

    t: float
    kind: str
    data: dict[str, Any]


class EventLog:
    """Append-only; readers keep their own cursor (an index) and ask for what is new."""

    keeps = True  # False for a log nobody reads: the world may skip what only the feed shows

    def __init__(self) -> None:
        self._events: list[DomainEvent] = []

    def append(self, t: float, event_kind: str, /, **data: Any) -> None:
        self._events.append(DomainEvent(t, event_kind, data))

    def since(self, cursor: int) -> tuple[list[DomainEvent], int]:
        new = self._events[cursor:]
        return new, cursor + len(new)

    def __len__(self) -> int:
        return len(self._events)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._events)


class NoLog(EventLog):
    """The log of a run nobody watches (headless): events are dropped as they happen.

    A headless session's results come from the world's state, not from the feed, and
    keeping every event of a long run would cost more memory than the tickets do.
    """

    keeps = False

    def append(self, t: float, event_kind: str, /, **data: Any) -> None:
        return None
