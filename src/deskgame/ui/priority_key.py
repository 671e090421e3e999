"""What the P key does on the board, and what the message box says about it.

The first press sets the caller's own priority and later presses cycle P1-P4; the box puts
the facts the triage lead judges by (the service's business impact, the urgency) beside the
caller's word, and leaves the judging to the team.  (For a while the first press set the
priority the facts give: a newcomer then pressed P on every card and learned nothing.)
"""

from __future__ import annotations

from deskgame.engine.tickets import Ticket

PRIORITY_ORDER = ("P1", "P2", "P3", "P4")


def next_priority(ticket: Ticket) -> str:
    """The caller's word first, then the next one round P1-P4."""
    if ticket.priority is None:
        return ticket.stated_priority
    return PRIORITY_ORDER[(PRIORITY_ORDER.index(ticket.priority) + 1) % len(PRIORITY_ORDER)]


def priority_said(ticket: Ticket, service: str) -> str:
    """What P did, and the facts to judge it by: "T0021 is P1, as the caller said. Printing:
    low impact, high urgency. P again changes it." """
    said = ", as the caller said" if ticket.priority == ticket.stated_priority else ""
    return (f"{ticket.id} is {ticket.priority}{said}. {service}: {ticket.impact} impact, "
            f"{ticket.urgency} urgency. P again changes it.")
