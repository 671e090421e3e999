"""A customer's service journey and the team's own voice, read back from the event log.

Why: a figure ("mean wait 42 min") tells a room that something went wrong; one customer's
journey (rang at 09:12, waited 40 min, passed on, updated once, fixed at 11:05, and how
each of those moments felt against what they expected) tells it *where*.  And the people
in the service factory have a view too: who was flat out, who kept being pulled away,
who is proud of a fix.  Both are drawn from facts the live session already records (the
domain events and the rated moments); nothing here changes the world, and nothing here
draws (the journey scene does).

An agent's busy time is exact: the engine logs every job's start (``ticket_started``) and
end (``job_ended``, whatever ended it: a fix, a hand-over, a louder caller, a command, an
outage caller logged); a job already running when the round began counts from its start.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from deskgame.engine.events import DomainEvent
from deskgame.engine.world import World
from deskgame.report.moment_words import moment_words
from deskgame.report.prompts import ticket_words
from deskgame.scenario.units import format_clock

AS_EXPECTED = 5.0   # a rating within this of neutral met expectations ("as expected")
FLAT_OUT = 0.85     # busy share from which an agent felt overloaded
QUIET = 0.35        # and below which the round felt quiet
MANY = 3            # interruptions, calls or hand-overs worth a word
PROUD = 72.0        # a fix rated at least this is one to be proud of


# ---------------------------------------------------------------- the round's events
def round_span(world: World, round_no: int) -> tuple[float, float]:
    """(start, end) in engine minutes of round ``round_no`` (from its ``round_started``)."""
    starts = [e.t for e in world.log if e.kind == "round_started" and e.data.get("round") == round_no]
    start = starts[0] if starts else world.round_start
    return start, start + world.round_length


def round_events(world: World, round_no: int) -> list[DomainEvent]:
    """The events of one round, in the order they happened."""
    start, end = round_span(world, round_no)
    return [e for e in world.log if start <= e.t <= end]


def when(world: World, t: float, round_no: int) -> str:
    """A time as the round it fell in reads it: "09:40" in ``round_no``, "R1 15:30" in another
    (a ticket carried over, or a customer who came back)."""
    starts = [(e.data.get("round"), e.t) for e in world.log if e.kind == "round_started"]
    number, start = next(((n, s) for n, s in reversed(starts) if s <= t), (round_no, world.round_start))
    said = format_clock(world.scenario.round.start + t - start)
    return said if number == round_no else f"R{number} {said}"


def clock(world: World, t: float, round_no: int) -> str:
    """Engine minutes as the round's wall clock ("09:40")."""
    start, _ = round_span(world, round_no)
    return format_clock(world.scenario.round.start + t - start)


# ---------------------------------------------------------------- a customer's journey
# How a customer reached the desk, in words ("P1 by phone", "P3 by walking up to the desk").
CHANNEL_WORDS = {"walk_up": "walking up to the desk", "portal": "the portal", "social": "social media"}
# How the first contact reads as a step, to the desk and to someone directly, by channel: a
# journey that said "by walking up to the desk" and then "Rang the desk" lost the room.
CONTACT_WORDS = {
    "phone": ("Rang the desk", "Rang {} directly"),
    "walk_up": ("Walked up to the desk", "Walked over to {} directly"),
    "email": ("Wrote to the desk", "Wrote to {} directly"),
    "portal": ("Logged it on the portal", "Logged it on the portal for {}"),
    "social": ("Posted about it to the desk", "Posted about it to {}"),
}
# Tickets whose title is what the caller said ("You fixed it last time, could you do it
# again?"), not what was wrong: a fix of one reads oddly quoted as the thing someone is proud of.
SPOKEN_TITLES = ("end_run", "fake_emergency")


@dataclass(frozen=True)
class Step:
    """One touch point: when, what happened (plain words), who, and how it felt."""

    t: float
    words: str
    who: str | None = None
    rating: float | None = None
    felt: str = ""            # "better than expected", "as expected", "worse than expected"
    kind: str = ""


@dataclass
class Journey:
    ticket: str
    customer: str
    title: str
    priority: str
    channel: str
    steps: list[Step] = field(default_factory=list)
    outcome: str = "still open at the round's end"
    shouted: str | None = None  # a fake emergency told its real priority: what the caller said
    outage: bool = False        # a caller about an outage: waits for the service, not an answer

    def summary(self) -> str:
        """One sentence for the top of the screen."""
        answered = [s for s in self.steps if s.kind in ANSWERED]
        first = self.steps[0].t if self.steps else 0.0
        wait = f", first answer after {answered[0].t - first:.0f} min" if answered else ", never answered"
        if self.outage:  # as every wait and SLA figure has it: the outage is what they waited for
            wait = ", a caller about the outage (in no wait or SLA figure)"
        channel = CHANNEL_WORDS.get(self.channel, self.channel.replace("_", " "))
        priority = self.priority
        if self.shouted and self.shouted != self.priority:
            priority = f"{self.priority} (the caller said {self.shouted})"
        return f"{self.customer} · '{self.title}' · {priority} by {channel}{wait}; {self.outcome}."


def felt(rating: float, neutral: float) -> str:
    """A rating against what the customer expected, in words."""
    if rating >= neutral + AS_EXPECTED:
        return "better than expected"
    if rating <= neutral - AS_EXPECTED:
        return "worse than expected"
    return "as expected"


# The steps at which a customer heard back from the desk for the first time.
ANSWERED = ("ticket_started", "call_answered", "byod_unsupported", "end_run_redirected", "fake_served",
            "fake_deprioritised", "end_run_taken")

ANSWERS = {
    "take": "{target} took the call and dropped their own work (off the books)",
    "redirect": "asked to log it with the desk",
    "learn": "told the desk would learn their {device}",
    "unsupported": "told their {device} is not supported",
    "serve": "treated as an emergency",
    "deprioritise": "told its real priority and response time",
    "queue": "logged as the {said} the caller said, in the queue",
}
# What the engine does with a call nobody answers in time, by the call's kind (calls.py).
DEFAULT_ANSWER = {"end_run": "take", "byod": "unsupported", "fake_emergency": "queue"}
# The event an answer logs at the same instant, saying it again in other words ("Call answered:
# told the device is not supported", then "Told their laptop is not supported"): said once.
ANSWER_ECHO = {"take": ("end_run_taken",), "redirect": ("end_run_redirected",),
               "unsupported": ("byod_unsupported", "ticket_resolved"), "serve": ("fake_served",)}


def answer_words(choice: str, ticket: Any) -> str:
    """An answer to a call with this ticket's particulars (who took it, which device)."""
    said = ticket.shouted or ticket.stated_priority or "priority"
    return ANSWERS.get(choice, choice.replace("_", " ")).format(
        target=ticket.call_target or "the specialist", device=ticket.device or "device", said=said)


def unanswered_words(kind: str, ticket: Any) -> str:
    """A call that rang out: nobody pressed a key, the desk's default answered for them (a
    room reading "Told … not supported" alone thought someone had refused it)."""
    choice = DEFAULT_ANSWER.get(kind, "")
    default = answer_words(choice, ticket) if choice else "the call rang out"
    return f"Nobody answered in time: the desk's default, {default}"


def minutes_words(minutes: float) -> str:
    """A response time as a room says it: "30 min", "1 h", "1.5 h"."""
    return f"{minutes:.0f} min" if minutes < 60 else f"{minutes / 60:g} h"


def declined_words(ticket: Any, targets: dict[str, float]) -> str:
    """The one step a 'not an emergency' answer (D) makes: what the caller shouted against what
    they were told.  The engine logs three facts for it at one instant (the answer, the new
    priority, the decline); said one by one, a room read "the priority was set" twice."""
    told = ticket.true_priority
    said = ticket.shouted or ticket.stated_priority
    target = targets.get(told)
    within = f": a first answer within {minutes_words(target)}" if target is not None else ""
    return (f"Call answered: not an emergency, judged by its business impact. The caller said {said} "
            f"and was told {told}{within}")


# Logged with a 'not an emergency' answer at the same instant, and said by its one step.
DECLINE_PARTS = ("priority_set", "fake_deprioritised")


def _words(event: DomainEvent, ticket: Any, arrived: float, answered: bool) -> tuple[str, str | None] | None:
    """How one logged event reads in a journey (None: not part of the customer's story).

    ``answered``: someone already picked the ticket up once (later waits are counted from
    the first contact, and said so).
    """
    d, kind = event.data, event.kind
    waited = event.t - arrived
    if kind == "ticket_started" and answered:
        return f"{d['agent']} took it on, {waited:.0f} min after the first contact", d["agent"]
    if kind == "sla_breached" and answered:
        return f"Waiting again, past the SLA time: {waited:.0f} min since the first contact", None
    if kind == "ticket_arrived":
        return f"First contact: '{ticket.title}', said to be {d.get('priority', '?')}", None
    if kind == "call_ringing":
        target = d.get("target")
        desk, direct = CONTACT_WORDS.get(ticket.channel, CONTACT_WORDS["phone"])
        return (direct.format(target) if target else desk), target
    if kind == "call_answered":
        return f"Call answered: {answer_words(d['choice'], ticket)}", None
    if kind == "call_unanswered":
        return unanswered_words(d.get("kind", ""), ticket), None
    if kind == "priority_set":
        return f"The desk set the priority to {d['priority']}", None
    if kind == "ticket_assigned":
        return f"Assigned to {d['agent']}", d["agent"]
    if kind == "ticket_started":
        return f"{d['agent']} picked it up after {waited:.0f} min", d["agent"]
    if kind == "ticket_paused":
        return f"{d['agent']} was pulled away; back in the queue", d["agent"]
    if kind == "ticket_escalated":
        if not d.get("automatic"):
            return "Hand-over: escalated by the desk", None
        by = f" by {d['agent']}" if d.get("agent") else ""
        return f"Hand-over: passed on to a specialist{by}", d.get("agent")
    if kind == "ticket_updated":
        return f"The desk sent an update (number {d['updates']})", None
    if kind == "sla_breached":
        return f"Still waiting, past the SLA time ({waited:.0f} min)", None
    if kind == "ticket_resolved":
        if d.get("outcome") == "unsupported":
            return "Closed as unsupported", d.get("agent")
        return f"Fixed by {d['agent']} after {waited:.0f} min" if d.get("agent") else "Closed", d.get("agent")
    if kind == "end_run_taken":
        return f"{d['agent']} dropped their work for it (off the books)", d["agent"]
    if kind == "end_run_redirected":
        return "Redirected to the desk", None
    if kind == "byod_unsupported":
        return f"Told their {d.get('device') or 'device'} is not supported", None
    if kind == "fake_served":
        return "Got everyone's attention as an 'emergency'", None
    if kind == "fake_classified":
        if d.get("reason") == "definition":
            return (f"Judged by its real impact on arrival (the emergency definition): {d['priority']}, "
                    f"not the {d['said']} the caller said"), None
        return (f"The caller did not ring to insist this time: logged as a request at its real "
                f"priority {d['priority']} (they had said {d['said']})"), None
    if kind == "fake_deprioritised":
        return "Told it is not an emergency, with its real response time", None
    if kind == "byod_learned":
        return f"The desk learned the {d.get('device') or 'device'}", None
    return None


def journey(world: World, ticket_id: str) -> Journey:
    """Every touch point of one ticket, first contact to fix, with how each moment rated."""
    ticket = world.tickets[ticket_id]
    neutral = world.satisfaction.neutral_rating
    outage = ticket.linked is not None
    story = Journey(ticket.id, ticket.customer, ticket.title, ticket.desk_priority, ticket.channel,
                    shouted=ticket.shouted, outage=outage)
    steps: list[Step] = []
    moments = []
    declined_at: float | None = None  # when the desk answered "not an emergency" (D)
    echo: tuple[float, tuple[str, ...]] | None = None  # (when, kinds) an answer logs, said by the answer
    for event in world.log:
        if event.t < ticket.arrived:
            continue
        if event.kind == "moment":
            moment = event.data["moment"]
            if moment.ticket == ticket_id:
                moments.append(moment)
            continue
        if event.data.get("ticket") != ticket_id or (outage and event.kind == "sla_breached"):
            continue  # an outage caller has no response target to pass
        if event.kind == "call_answered" and event.data.get("choice") == "deprioritise":
            declined_at = event.t
            steps.append(Step(event.t, declined_words(ticket, world.sla_targets), kind=event.kind))
            continue
        if event.kind in DECLINE_PARTS and declined_at is not None and event.t == declined_at:
            if event.kind == "fake_deprioritised":
                declined_at = None  # the last of the three: a later priority is the desk's own
            continue
        if echo is not None and event.t == echo[0] and event.kind in echo[1]:
            continue
        if event.kind in ("call_answered", "call_unanswered"):
            choice = event.data.get("choice") or DEFAULT_ANSWER.get(event.data.get("kind", ""), "")
            echo = (event.t, ANSWER_ECHO[choice]) if choice in ANSWER_ECHO else None
        said = _words(event, ticket, ticket.arrived, any(st.kind == "ticket_started" for st in steps))
        if said is not None:
            steps.append(Step(event.t, said[0], said[1], kind=event.kind))
    for moment in moments:  # a rated moment belongs to the step it happened with
        match = next((i for i, s in enumerate(steps) if abs(s.t - moment.t) < 1e-6 and s.rating is None
                      and s.kind not in ("ticket_arrived", "call_ringing", "priority_set")), None)
        rated = dict(rating=moment.rating, felt=felt(moment.rating, neutral))
        if match is None:
            words = moment_words(moment.text)
            steps.append(Step(moment.t, words, moment.touch.agent, kind="moment", **rated))
        else:
            old = steps[match]
            steps[match] = Step(old.t, old.words, old.who or moment.touch.agent, kind=old.kind, **rated)
    steps.sort(key=lambda s: s.t)  # stable: same-time steps keep the order they happened in
    story.steps = steps
    if ticket.outcome == "resolved":
        story.outcome = f"fixed after {ticket.resolved - ticket.arrived:.0f} min"
    elif ticket.outcome == "unsupported":
        story.outcome = "closed as unsupported"
    elif ticket.outcome == "outage_over":
        story.outcome = f"closed when the service came back, {ticket.resolved - ticket.arrived:.0f} min later"
    elif ticket.outcome == "hidden":
        story.outcome = f"fixed off the books after {ticket.resolved - ticket.arrived:.0f} min"
    elif ticket.outcome == "overtaken":
        story.outcome = "closed when the outage ended before the fix"
    elif ticket.resolved is not None:
        story.outcome = "closed"
    return story


# How a ticket ended, in a list row's few words: "closed" alone left a room asking how.
OUTCOME_LABELS = {"resolved": "fixed", "unsupported": "device refused", "outage_over": "outage ended",
                  "hidden": "fixed off the books", "overtaken": "outage ended first"}


def outcome_label(ticket: Any) -> str:
    """A ticket's state in two or three words: fixed, device refused, outage ended, open."""
    if ticket.resolved is None:
        return "open"
    return OUTCOME_LABELS.get(ticket.outcome or "", "closed")


def worst_first(world: World, ticket_ids: list[str]) -> list[str]:
    """The tickets with the lowest rating first (unrated last, then in arrival order): the
    room looks for the customer who fared worst."""
    def key(ticket_id: str) -> tuple[bool, float]:
        rating = world.tickets[ticket_id].rating
        return rating is None, rating if rating is not None else 0.0
    return sorted(ticket_ids, key=key)


def journey_tickets(world: World, round_no: int) -> list[str]:
    """Tickets of the round whose journey can be followed (desk tickets, in arrival order)."""
    return [t.id for t in world.tickets.values() if t.round == round_no and not t.hidden]


def which_ticket(world: World, ticket_id: str | None, round_no: int) -> str:
    """A moment's ticket as a room can find it again: "ticket T0020, in at 09:10" (twins share
    a customer and a title; the id and the arrival tell them apart), or "off the books"."""
    ticket = world.tickets.get(ticket_id) if ticket_id else None
    if ticket_id is None or (ticket is not None and ticket.hidden):
        return ticket_words(None, None)
    return ticket_words(ticket_id, when(world, ticket.arrived, round_no) if ticket is not None else None)


def moment_tickets(moments: Iterable[dict[str, Any]]) -> list[str | None]:
    """The ticket of each moment (None when it was off the books), for opening its journey."""
    return [m.get("ticket") for m in moments]
