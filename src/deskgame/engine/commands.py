"""Commands: what a player, a bot or a facilitator may ask of the world, each a small type.

Why typed: a command's fields are checked when it is built (unknown or missing fields
are a refusal, not a ``TypeError`` from deep inside a handler), and each type is
registered with its handler explicitly, so nothing is looked up by name at run time.
A handler either changes the world or raises ``CommandRefused`` having changed nothing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from deskgame.engine.calls import CALL_CHOICES
from deskgame.engine.cards import CARDS, card_problem, culture
from deskgame.engine.priority import RANK
from deskgame.engine.tickets import Ticket
from deskgame.scenario import model as m

if TYPE_CHECKING:
    from deskgame.engine.world import World


class CommandRefused(Exception):
    """A command that cannot be applied; the world is unchanged."""


@dataclass(frozen=True)
class SetPriority:
    ticket: str
    priority: str


@dataclass(frozen=True)
class Assign:
    ticket: str
    agent: str


@dataclass(frozen=True)
class Escalate:
    ticket: str


@dataclass(frozen=True)
class Update:
    ticket: str


@dataclass(frozen=True)
class Answer:
    ticket: str
    choice: str


@dataclass(frozen=True)
class Improve:
    cards: list[str]
    commitment: str = ""


@dataclass(frozen=True)
class Broadcast:
    pass


@dataclass(frozen=True)
class Inject:
    """A facilitator's live event (DESIGN.md section 3's console).

    ``event`` is the event as plain data, in the engine's units: ``kind`` (major_incident,
    wave, absence, social_storm) and that kind's keys, durations in minutes and the surge
    as calls per minute, for example ``{"kind": "absence", "agent": "Ben", "duration": 60}``.
    """

    event: dict[str, Any]


def _open_ticket(world: World, ticket_id: str) -> Ticket:
    ticket = world.tickets.get(ticket_id)
    if ticket is None:
        raise CommandRefused(f"no ticket {ticket_id}")
    if not ticket.is_open:
        raise CommandRefused(f"{ticket_id} is already closed")
    return ticket


# Why an outage's fix (the team's own job, which no customer rates) refuses a command.
FIX_REFUSES = {
    "set_priority": "is the outage's fix: it always comes first (P1)",
    "update": "is the outage's fix: nobody waits on it by name; broadcast to the callers instead",
    "escalate": "is the outage's fix: it goes to whoever holds its skills; assign it",
}


def _refuse_fix(ticket: Ticket, action: str) -> None:
    if ticket.repair:
        raise CommandRefused(f"{ticket.id} {FIX_REFUSES[action]}")


def _is_waiting_call(ticket: Ticket) -> bool:
    return ticket.call_pending and ticket.kind in ("end_run", "byod")


def set_priority(world: World, cmd: SetPriority) -> None:
    t = _open_ticket(world, cmd.ticket)
    if cmd.priority not in RANK:
        raise CommandRefused(f"no priority {cmd.priority!r}; use P1, P2, P3 or P4")
    if t.hidden:
        raise CommandRefused(f"{cmd.ticket} is an end-run call")
    _refuse_fix(t, "set_priority")
    world.set_priority(t, cmd.priority)


def assign(world: World, cmd: Assign) -> None:
    t = _open_ticket(world, cmd.ticket)
    a = world.agent_by_name.get(cmd.agent)
    if a is None:
        raise CommandRefused(f"nobody called {cmd.agent!r} on the team")
    if not a.can_do(t):
        raise CommandRefused(f"{cmd.agent} lacks the skills for {cmd.ticket}")
    if a.absent:
        raise CommandRefused(f"{cmd.agent} is not here")
    if _is_waiting_call(t):
        raise CommandRefused(f"{cmd.ticket} is a call waiting for an answer")
    if any(other.ticket is t for other in world.agents):
        raise CommandRefused(f"{cmd.ticket} is already being worked on")
    if t.logged:
        raise CommandRefused(f"{cmd.ticket} waits for the outage to end")
    if t.repair and a.ticket is not None and not a.ticket.repair:
        # Restoring a service comes first: the work in hand goes back to the queue.
        world.work.interrupt(a, morale_loss=False)
    world.work.release(t)
    t.assigned_to = a.name
    world.log.append(world.env.now, "ticket_assigned", ticket=t.id, agent=a.name)
    world.work.enqueue(t)


def escalate(world: World, cmd: Escalate) -> None:
    t = _open_ticket(world, cmd.ticket)
    _refuse_fix(t, "escalate")
    if t.escalated:
        raise CommandRefused(f"{cmd.ticket} is already with a specialist")
    if t.hidden:
        raise CommandRefused(f"{cmd.ticket} is off the books: there is no ticket to hand over")
    if t.linked is not None:
        raise CommandRefused(f"{cmd.ticket} is a caller about the outage: the fix is what helps them")
    if not any(t.skills <= a.skills and a.role != "desk" for a in world.agents):
        raise CommandRefused(f"no specialist has the skills for {cmd.ticket}")
    if _is_waiting_call(t):
        raise CommandRefused(f"{cmd.ticket} is a call waiting for an answer")
    world.work.release(t)
    t.assigned_to = None
    world.work.escalate(t, automatic=False)


def update(world: World, cmd: Update) -> None:
    t = _open_ticket(world, cmd.ticket)
    if t.hidden or t.call_pending:
        raise CommandRefused(f"{cmd.ticket} is a call, not a waiting ticket")
    _refuse_fix(t, "update")
    t.updates += 1  # not a rating of its own: it changes how the wait is experienced
    if world.log.keeps:  # a triage bot sends two per waiting customer
        world.log.append(world.env.now, "ticket_updated", ticket=t.id, updates=t.updates)


def answer(world: World, cmd: Answer) -> None:
    t = world.tickets.get(cmd.ticket)
    if t is None:
        raise CommandRefused(f"no ticket {cmd.ticket}")
    if not t.call_pending:
        raise CommandRefused(f"{cmd.ticket} is not a call waiting for an answer")
    choices = CALL_CHOICES.get(t.kind, ())
    if cmd.choice not in choices:
        raise CommandRefused(f"{cmd.choice!r} is not an answer to a {t.kind}; choose {', '.join(choices)}")
    world.phone.answer(t, cmd.choice)


def improve(world: World, cmd: Improve) -> None:
    """Between rounds: adopt improvement cards within the budget (they act from now on)."""
    if not isinstance(cmd.cards, list | tuple) or not all(isinstance(c, str) for c in cmd.cards):
        raise CommandRefused("cards must be a list of card ids")
    problem = card_problem(list(cmd.cards), world.scenario)
    if problem:
        raise CommandRefused(problem)
    new = [c for c in dict.fromkeys(cmd.cards) if c not in world.adopted]
    next_round = world.round + 1
    world.improvements_by_round[next_round] = new
    world.commitments[next_round] = cmd.commitment
    morale = world.mean_morale()
    for card_id in new:
        world.adopted[card_id] = next_round
        card = CARDS[card_id]
        amount = card.once_amount * culture(morale)
        if card.once == "morale":
            for agent in world.agents:
                world.team.change_morale(agent, amount)
        elif card.once == "satisfaction":
            world.satisfaction.uplift(world.env.now, amount)


def broadcast(world: World, cmd: Broadcast) -> None:
    count = world.scripted.broadcast()
    if not count:
        raise CommandRefused("there is no major incident to broadcast about")
    world.log.append(world.env.now, "broadcast", count=count)


INJECTABLE: dict[str, dict[str, Any]] = {
    # kind -> its keys and their defaults; what the console offers.  An absence without a
    # duration lasts the rest of the session; an outage without a title gets a plain one.
    # An outage's fix ({"skills": [...], "effort": minutes}) is the team's way to restore it
    # sooner; without one only time restores it (``suggested_fix`` offers the scenario's).
    "major_incident": {"service": None, "duration": 60.0, "surge": 0.2, "title": None, "fix": None},
    "wave": {"demand": None, "duration": 60.0, "factor": 2.0},
    "absence": {"agent": None, "duration": None},
    "social_storm": {"customers": "all", "duration": 60.0, "hit": 5.0, "amplify": 2.0},
}
REQUIRED = {"major_incident": "service", "wave": "demand", "absence": "agent"}


def _number(fields: dict[str, Any], key: str, low: float, high: float) -> float:
    value = fields[key]
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise CommandRefused(f"{key}: expected a number from {low:g} to {high:g}, found {value!r}")
    return float(value)


def _names(fields: dict[str, Any], key: str, known: list[str]) -> tuple[str, ...]:
    value = fields[key]
    if value == "all":
        return tuple(known)
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple) or not value or not all(isinstance(v, str) for v in value):
        raise CommandRefused(f"{key}: expected a name or a list of names")
    unknown = [v for v in value if v not in known]
    if unknown:
        raise CommandRefused(f"{key}: unknown {unknown[0]!r}; choose from {', '.join(known)}")
    return tuple(dict.fromkeys(value))


def injected_event(world: World, data: Any) -> m.Event:
    """The scenario event a console's data describes; refuse anything the engine cannot play."""
    if not isinstance(data, dict) or data.get("kind") not in INJECTABLE:
        raise CommandRefused(f"event: expected a kind from {', '.join(INJECTABLE)}")
    kind = data["kind"]
    allowed = INJECTABLE[kind]
    unknown = sorted(set(data) - set(allowed) - {"kind"})
    if unknown:
        raise CommandRefused(f"event: a {kind} has no key {unknown[0]!r}")
    fields = {**allowed, **{k: v for k, v in data.items() if k != "kind"}}
    if kind in REQUIRED and fields[REQUIRED[kind]] is None:
        raise CommandRefused(f"event: a {kind} needs {REQUIRED[kind]!r}")
    scenario = world.scenario
    at = m.EventTime(world.round, 0.0)
    if kind == "major_incident":
        service = _names(fields, "service", [s.id for s in scenario.services])
        if len(service) != 1:
            raise CommandRefused("service: name one service")
        title = fields["title"]
        if title is not None and not isinstance(title, str):
            raise CommandRefused("title: expected text")
        return m.MajorIncident(at, service[0], _number(fields, "duration", 1, 1440),
                               _number(fields, "surge", 0, 10), fix=_fix(fields["fix"], scenario),
                               title=title)
    if kind == "wave":
        demand = _names(fields, "demand", [d.id for d in scenario.demand if d.id])
        return m.Wave(at, _number(fields, "duration", 1, 1440), demand, _number(fields, "factor", 1, 10))
    if kind == "absence":
        agent = _names(fields, "agent", [a.name for a in scenario.team])
        duration = None if fields["duration"] is None else _number(fields, "duration", 1, 100_000)
        if len(agent) != 1:
            raise CommandRefused("agent: name one person")
        return m.Absence(at, agent[0], duration)
    return m.SocialStorm(at, _number(fields, "duration", 1, 1440),
                         _names(fields, "customers", [c.name for c in scenario.customers]),
                         _number(fields, "hit", 0, 50), _number(fields, "amplify", 1, 10))


def _fix(data: Any, scenario: m.Scenario) -> m.Fix | None:
    """An injected outage's fix, checked as the scenario's own are: someone must hold its skills."""
    if data is None:
        return None
    if not isinstance(data, dict) or set(data) != {"skills", "effort"}:
        raise CommandRefused("fix: expected skills and effort (minutes), or none")
    skills = data["skills"]
    if not isinstance(skills, list | tuple) or not skills or not all(isinstance(k, str) for k in skills):
        raise CommandRefused("fix: skills must be a list of skill names")
    if not scenario.someone_holds(skills):
        raise CommandRefused(f"fix: nobody on the team has {', '.join(skills)}")
    return m.Fix(tuple(skills), m.Effort("fixed", value=_number(data, "effort", 1, 1440)))


def suggested_fix(scenario: m.Scenario, service: str) -> dict[str, Any] | None:
    """The fix a console offers for an outage of ``service``: the scenario's own fix for that
    service if it scripts one, else the skills of the first demand on the service (if someone
    holds them all) and half an hour's work; None when nobody on the team could fix it."""
    for event in scenario.events:
        if isinstance(event, m.MajorIncident) and event.service == service and event.fix is not None:
            return {"skills": list(event.fix.skills), "effort": float(event.fix.effort.expected)}
    for demand in scenario.demand:
        skills = list(demand.skills)
        if demand.service == service and skills and scenario.someone_holds(skills):
            return {"skills": skills, "effort": 30.0}
    return None


def inject(world: World, cmd: Inject) -> None:
    event = injected_event(world, cmd.event)
    if world.now >= world.round_end:
        raise CommandRefused("the round is over")
    if isinstance(event, m.Absence) and world.agent_by_name[event.agent].absent:
        raise CommandRefused(f"{event.agent} is already away")
    world.scripted.inject(event)


Handler = Callable[["World", Any], None]

# The registry: a command's name in decisions and results -> (its type, its handler).
COMMANDS: dict[str, tuple[type, Handler]] = {
    "set_priority": (SetPriority, set_priority),
    "assign": (Assign, assign),
    "escalate": (Escalate, escalate),
    "update": (Update, update),
    "answer": (Answer, answer),
    "improve": (Improve, improve),
    "broadcast": (Broadcast, broadcast),
    "inject": (Inject, inject),
}


_FIELD_NAMES: dict[type, frozenset[str]] = {}


def build(action: str, fields: dict[str, Any]) -> tuple[Any, Handler]:
    """The typed command for ``action`` with ``fields``, and its handler; refuse what does not fit."""
    known = COMMANDS.get(action)
    if known is None:
        raise CommandRefused(f"unknown command {action!r}")
    kind, handler = known
    names = _FIELD_NAMES.get(kind)
    if names is None:  # a bot issues tens of thousands of commands: look the fields up once
        names = _FIELD_NAMES[kind] = frozenset(f.name for f in dataclasses.fields(kind))
    if not names.issuperset(fields):
        unknown = sorted(set(fields) - names)
        raise CommandRefused(f"{action} has no field {', '.join(unknown)}")
    try:
        return kind(**fields), handler
    except TypeError as error:  # a missing field: the dataclass names it
        raise CommandRefused(f"bad fields for {action}: {error}") from None
