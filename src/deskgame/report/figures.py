"""Figures the debrief derives from a session beyond the KPIs stored in the file.

Pure functions on ``sessions.Session``: no HTML, no charts, so the prompts, the tables
and the tests all read the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

from deskgame.report.sessions import Moment, RoundData, Session
from deskgame.scenario.model import PRIORITIES
from deskgame.scenario.units import format_clock

# Ticket outcomes that never count towards a response target (as in session/kpis.py):
# an "unsupported" answer, and calls closed by the end of an outage (linked tickets).
NOT_IN_SLA = ("unsupported", "outage_over")


@dataclass(frozen=True)
class SlaShare:
    met: int
    pool: int

    @property
    def share(self) -> float | None:
        return self.met / self.pool if self.pool else None


def sla_by_priority(session: Session) -> dict[str, SlaShare]:
    """Share of tickets per desk priority whose work started within that priority's target.

    Counted over the whole session from the tickets in the file: a ticket counts once it
    started, or once its target passed unstarted before the session stopped.  Tickets in a
    round's warm-up are left out, as the KPIs leave them out.
    """
    targets = session.scenario.sla_targets
    shape = session.scenario.round
    played = session.rounds[-1].number
    counts = {p: [0, 0] for p in PRIORITIES}
    for r in session.rounds:
        horizon = (played - r.number + 1) * shape.length   # minutes from this round's start to the end
        for ticket in r.tickets:
            if ticket.priority not in counts or ticket.outcome in NOT_IN_SLA or ticket.arrived < shape.warmup:
                continue
            target = targets[ticket.priority]
            if ticket.started is not None:
                counts[ticket.priority][1] += 1
                counts[ticket.priority][0] += ticket.started - ticket.arrived <= target
            elif ticket.arrived + target < horizon:
                counts[ticket.priority][1] += 1
    return {p: SlaShare(met, pool) for p, (met, pool) in counts.items()}


def clock(session: Session, t: float) -> str:
    """Minutes from a round's start as the clock time the team saw."""
    return format_clock(session.scenario.round.start + t)


def best_and_worst(session: Session, count: int = 3) -> tuple[list[Moment], list[Moment]]:
    """The highest- and lowest-rated moments of truth of the whole session."""
    moments = [m for r in session.rounds for m in r.moments]
    ordered = sorted(moments, key=lambda m: (m.rating, m.round, m.t))
    worst = ordered[:count]
    best = [m for m in reversed(ordered) if m not in worst][:count]
    return best, worst


def trust_at(r: RoundData, minute: float) -> float | None:
    """Trust in the round's series at ``minute`` (the last sample at or before it)."""
    value = None
    for t, trust in zip(r.series_t, r.series_trust, strict=True):
        if t > minute:
            break
        value = trust
    return value


def round_state(session: Session, round_no: int) -> str:
    """'ok', 'on notice', 'outsourced' or 'not played' for one round of a session."""
    played = {r.number: r for r in session.rounds}
    if round_no not in played:
        return "not played"
    r = played[round_no]
    if session.ended == "outsourced" and round_no == session.rounds[-1].number:
        return "outsourced"
    return "on notice" if r.on_notice else "ok"


def throughput(r: RoundData) -> str:
    """``resolved/arrived`` as the run table prints it (``arrived`` may be absent)."""
    resolved = int(r.kpis["resolved"])
    return f"{resolved}/{r.arrived}" if r.arrived is not None else str(resolved)


def cards_played(session: Session) -> list[str]:
    return [card for r in session.rounds for card in r.improvements]


def trap_cost(session: Session, moment: Moment) -> str | None:
    """What a well-rated moment cost when it was a call claiming an emergency that the desk
    served by dropping everything (None for any other moment).

    The caller rates it highly, so it tops "best moments"; presented as praise it teaches
    the opposite of the workshop's lesson (DESIGN section 2: the servant trap).  Its cost
    is counted from the file: the other tickets of the round waiting for a first answer
    when the desk served it."""
    if not moment.ticket or moment.ticket not in session.served:
        return None
    round_no, served_at = session.served[moment.ticket]
    record = next((r for r in session.rounds if r.number == round_no), None)
    waiting = 0 if record is None else sum(
        1 for t in record.tickets if t.id != moment.ticket and t.outcome not in NOT_IN_SLA
        and t.arrived <= served_at and (t.started is None or t.started > served_at))
    meanwhile = f" while {waiting} other ticket{'s' if waiting != 1 else ''} waited" if waiting else ""
    return (f"A trap, not a success: a call claiming an emergency, served ahead of everything{meanwhile}; "
            "the caller learns that insisting works, and more such calls follow.")
