"""Every hint's words, in one place: the tutorial's boxes and the first-time call hints.

The tutorial (a scenario with ``tutorial: true``) explains each thing the first time it
appears on the board, in a box that points at it (``ui.tutorial``).  In other scenarios
the calls still get a short first-time line on the board (``CALL_HINTS``).  The help
screen lists the tutorial's hints afterwards through ``hint_pages()``, so nothing said
once is lost.  ``ui.help_texts`` holds the meters' tooltips; these are the longer lessons.

A hint's text may name what it is about (``{agent}``, ``{ticket}``, ``{customer}``,
``{end}``); ``GENERIC`` fills the same places with general words for the help pages.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Hint:
    """One lesson: ``target`` names the part of the board its box points at (ui.tutorial)."""

    id: str
    title: str
    text: str
    target: str  # "queue" (the ticket's card, else the queue), "ticket" (its card wherever it is),
    #              "agent" (the agent's card), "clock" or "moments" (the ticker on the right)

    def words(self, **facts: str) -> str:
        """The text with what it is about filled in (general words for anything not known)."""
        said = self.text.format(**{**GENERIC, **{k: v for k, v in facts.items() if v}})
        return said[:1].upper() + said[1:]  # "a ticket has just come in" starts a sentence


GENERIC = {"agent": "an agent", "ticket": "a ticket", "customer": "a customer", "end": "the round's end",
           "keys": "their number", "reached": "went to"}

# How a call reached someone, in the words of the call's own channel: a tutorial box said
# "Editorial rang Ola" over a card that showed a walk-up.
REACHED_BY = {"phone": "rang", "walk_up": "walked up to", "email": "emailed", "portal": "wrote to",
              "social": "messaged"}


def reached(channel: str | None) -> str:
    """The verb for a call that came by ``channel`` ("walked up to"); general words otherwise."""
    return REACHED_BY.get(channel or "", GENERIC["reached"])

# In the order they usually first appear in the tutorial round.
HINTS: tuple[Hint, ...] = (
    Hint(
        "first_ticket", "Work arrives", "{ticket} has just come in from {customer}. Work that nobody has "
        "started yet waits in the queue on the left, one card per ticket: what is wrong, its priority "
        "(a shape and a label) and a ring that fills as the wait nears its response target. Click a "
        "card or use Up and Down to select it; P changes its priority, U sends the customer an update.",
        "queue",
    ),
    Hint(
        "first_start", "Someone picks it up", "{ticket} is {agent}'s now. Free agents take the next "
        "ticket they have the skills for, in the queue's order, all by themselves. Your job is to shape "
        "that order: set priorities, or drag a card onto an agent (or select it and press {keys}) to "
        "choose who does it.", "agent",
    ),
    Hint(
        "moments", "Moments of truth", "{customer} just met the desk: a moment of truth. Every contact "
        "(an answer, an update, the fix, a refusal) is one, listed here newest first and rated 0 to 100 "
        "against what the customer expected. Good ones raise their department's satisfaction, bad ones "
        "lower it; trust, the bar the desk is judged by, follows all the departments' satisfaction.",
        "moments",
    ),
    Hint(
        "end_run", "An end-run", "{customer} {reached} {agent} directly instead of the desk. T takes "
        "the call: quick, but the work is off the books (no ticket, no credit) and the habit grows. "
        "R redirects them to the desk: a small dip now, fewer end-runs later. If nobody answers, the "
        "specialist takes it.", "ticket",
    ),
    Hint(
        "byod", "A device nobody knows yet", "{customer} brought a personal device the desk has never "
        "seen. L learns and helps: slow the first time, quick every time after. N refuses it as "
        "unsupported: fast, but the customer is let down and may say so in public. If nobody answers, "
        "it is refused as unsupported.", "ticket",
    ),
    Hint(
        "fake_emergency", "\"It's an emergency!\"", "{customer} says this cannot wait. Ask what it "
        "does to the business. S serves it now: the caller is delighted while someone else's real work "
        "waits. D gives it the priority its impact deserves: one person disappointed, the business "
        "served. If nobody answers, it joins the queue at the priority the caller claimed.", "ticket",
    ),
    Hint(
        "sla_breach", "A response target missed", "{ticket} has waited longer than its priority's "
        "response target: its ring turned red. SLA met at the top counts the tickets started within "
        "their target. An assignment, an update while they wait, or a priority that matches the "
        "business impact are the ways to help.", "ticket",
    ),
    Hint(
        "round_end", "The round is nearly over", "At {end} the desk closes for this round. Then the "
        "team talks it through: Awareness (what happened and why), Will (choose improvements within a "
        "budget) and Action. If trust ends a round below the line on its bar, the desk is put on "
        "notice; twice in a row and it is outsourced.", "clock",
    ),
)
HINT_BY_ID = {hint.id: hint for hint in HINTS}
# The queue's lesson when its card did not just arrive (the first tickets were taken at once,
# and this one waited, was queued by a call's answer or redirected): the same lesson (same
# id, shown once), pointing at the card.  It waits for a card: a newcomer read "work waits in
# the queue on the left" over a queue that said "Nobody is waiting".
FIRST_QUEUED = Hint(
    "first_ticket", "Work waits", "{ticket} from {customer} is waiting: nobody has started it yet. "
    "Work that nobody has started waits in the queue on the left, one card per ticket: what is "
    "wrong, its priority (a shape and a label) and a ring that fills as the wait nears its response "
    "target. Click a card or use Up and Down to select it; P changes its priority, U sends the "
    "customer an update.",
    "queue",
)
# The round's end when it is the session's last: no Will and Action follow it.
LAST_ROUND_END = Hint(
    "round_end", "The round is nearly over", "At {end} the desk closes and the session ends. Then the "
    "team looks back: Awareness (what happened and why), then the summary of the session. In a longer "
    "session, each break between rounds also has Will (choose improvements within a budget) and "
    "Action (what will change). If trust ends a round below the line on its bar, the desk is put on "
    "notice; twice in a row and it is outsourced.", "clock",
)
CALL_KINDS = ("end_run", "byod", "fake_emergency")  # hints whose id is a call's kind


def hint_pages() -> list[tuple[str, str]]:
    """(title, text) of every tutorial hint, in order, for the help screen."""
    return [(hint.title, hint.words()) for hint in HINTS]


# The one-line hint a call gets on the board the first time its kind rings (outside the
# tutorial, where the box above says more).
CALL_HINTS = {
    "end_run": "An end-run: a customer went straight to a specialist. T: take it (quick, invisible, the "
    "habit grows). R: redirect to the desk (a small dip now, fewer later). If nobody answers, the "
    "specialist takes it.",
    "byod": "A personal device nobody knows yet. L: learn and help (slow once, quick after). "
    "N: refuse it as unsupported (fast, but they are let down and will go round you). If nobody "
    "answers, it is refused as unsupported.",
    "fake_emergency": "'It's an emergency!' Judge by business impact. S: serve now (someone's real work "
    "waits). D: give it its true priority (one person disappointed). If nobody answers, it keeps the "
    "priority the caller claimed.",
}
