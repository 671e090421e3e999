"""What the P key does on the board: the first press sets the priority the ticket's business
impact and urgency give, later presses cycle; and what the message box says about it."""

from __future__ import annotations

from deskgame.engine.tickets import Ticket

PRIORITY_ORDER = ("P1", "P2", "P3", "P4")


def next_priority(ticket: Ticket) -> str:
    """P's first press sets what the ticket's impact and urgency give (the ITIL matrix the
    detail panel's facts lead to), not the caller's word: for ordinary tickets the two agree,
    but a shouted "emergency" left unanswered said P1, and one press made the servant's choice
    for the team.  Later presses cycle P1-P4, so the team can still overrule it."""
    if ticket.priority is None:
        return ticket.true_priority
    return PRIORITY_ORDER[(PRIORITY_ORDER.index(ticket.priority) + 1) % len(PRIORITY_ORDER)]


def priority_said(ticket: Ticket) -> str:
    """What P did and why, in the box: the matrix in words, and the caller's claim beside it."""
    given = f"{ticket.impact} impact and {ticket.urgency} urgency give {ticket.true_priority}"
    if ticket.priority == ticket.true_priority:
        said = "" if ticket.stated_priority == ticket.true_priority else \
            f" (the caller said {ticket.stated_priority})"
        return f"{ticket.id} is {ticket.priority}: {given}{said}. P again changes it."
    return f"{ticket.id} is {ticket.priority} ({given}). P again changes it."
