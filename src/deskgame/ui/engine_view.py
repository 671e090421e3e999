"""The board's one window onto engine facts, each read through the engine's public API.

Kept as one module so the board's needs are listed in one place: what is down and who
can fix it, how long a call rings, what a routine moment rates.
"""

from __future__ import annotations

from dataclasses import dataclass

from deskgame.engine.tickets import Agent, Ticket
from deskgame.engine.world import World
from deskgame.scenario import model as scenario_model


def service_name(world: World, service_id: str) -> str:
    """The service as the business calls it ("Order entry"), not its id ("orders")."""
    return world.service_name(service_id)


def call_window(world: World) -> float:
    """Simulated minutes a call rings before its default answer happens."""
    return float(world.call_window)


def call_minutes_left(world: World, ticket: Ticket) -> float:
    """Simulated minutes before a ringing call is answered by default."""
    return max(0.0, world.call_deadline(ticket) - world.now)


@dataclass(frozen=True)
class Outage:
    """A major incident as the board shows it: what is down, for how long, who can fix it."""

    service: str
    minutes_left: float
    fixers: tuple[str, ...]  # who has the skills for the restore ticket
    fixing: str | None  # who is working on it now
    broadcasts: int
    has_fix: bool = True  # False: nothing the team does ends it (an injected one, a file without `fix`)
    fix_minutes: float | None = None  # while someone works the fix: minutes of work left at their pace
    fix_ticket: str | None = None  # the restore ticket's id, to select before pressing a fixer's key
    fixer_keys: tuple[int, ...] = ()  # the number key (1-9) of each of ``fixers``, in the same order


def outages(world: World) -> list[Outage]:
    """The major incidents running now, newest last."""
    found = []
    for incident in world.active_incidents():
        fix = incident.fix_ticket
        fixers = tuple(world.incident_fixers(incident))
        keys = {a.name: i + 1 for i, a in enumerate(world.agents) if i < 9}
        worker = None if fix is None else next((a for a in world.agents if a.ticket is fix), None)
        fix_minutes = None
        if fix is not None and worker is not None and worker.job_speed > 0:
            done = (world.now - worker.job_started) * worker.job_speed
            fix_minutes = max(0.0, fix.remaining - done) / worker.job_speed
        found.append(
            Outage(
                service_name(world, incident.service),
                max(0.0, incident.ends_at - world.now),
                fixers,
                None if worker is None else worker.name,
                incident.broadcasts,
                fix is not None,
                fix_minutes,
                None if fix is None else fix.id,
                tuple(keys[name] for name in fixers if name in keys),
            )
        )
    return found


@dataclass(frozen=True)
class Restored:
    """A major incident that has ended: which service is back, when (engine minutes), and
    whose fix ended it (None: it came back by itself, before any fix was done)."""

    service: str
    at: float
    fixed_by: str | None
    fix_ticket: str | None
    early: float = 0.0  # minutes sooner than it would have come back by itself
    had_fix: bool = True  # False: nothing the team could do would have ended it sooner


class OutageWatch:
    """The outages that ended, taken from the event log as it grows (a cursor, never a scan per
    frame): "major_incident_started" names the service, "major_incident_ended" says whether the
    fix ended it, and the fix's ticket (remembered while the outage runs) says who did it."""

    def __init__(self) -> None:
        self.cursor = 0
        self.services: dict[int, str] = {}  # incident index -> service id
        self.fixes: dict[int, Ticket] = {}  # incident index -> its fix ticket
        self.ends: dict[int, float] = {}  # incident index -> when it would end by itself
        self.ended: list[Restored] = []

    def now(self, world: World) -> list[Restored]:
        """Every outage ended so far (this round and before), oldest first."""
        for incident in world.active_incidents():  # the fix is only reachable while it runs
            self.ends[incident.index] = incident.ends_at
            if incident.fix_ticket is not None:
                self.fixes[incident.index] = incident.fix_ticket
        new, self.cursor = world.log.since(self.cursor)
        for event in new:
            data = event.data
            if event.kind == "major_incident_started":
                self.services[int(data["index"])] = str(data["service"])
            elif event.kind == "major_incident_ended":
                index = int(data["index"])
                fix = self.fixes.get(index)
                if fix is None and data.get("fixed"):  # started and fixed between two looks
                    fix = next((t for t in world.tickets.values() if t.repair and t.resolved == event.t),
                               None)
                fixed = bool(data.get("fixed")) and fix is not None
                early = max(0.0, self.ends.get(index, event.t) - event.t) if fixed else 0.0
                self.ended.append(Restored(service_name(world, self.services.get(index, "")), event.t,
                                           fix.agent if fixed and fix is not None else None,
                                           fix.id if fixed and fix is not None else None,
                                           early, fix is not None))
        return list(self.ended)


def device_known(world: World, ticket: Ticket) -> bool:
    """Whether the desk already knows the BYOD call's device (it is then helped at normal speed)."""
    return ticket.device is not None and ticket.device in world.known_devices


def neutral_rating(world: World) -> float:
    """The rating of a moment that met expectations exactly (the ticker colours around it)."""
    return float(world.satisfaction.neutral_rating)


def reserved(agent: Agent) -> list[Ticket]:
    """Tickets assigned to ``agent`` that wait until they are free (in the order they will start)."""
    return list(agent.reserved)


@dataclass(frozen=True)
class Storm:
    """A social storm as the board shows it: who is storming, until when (engine minutes), and
    how much further their posts spread meanwhile."""

    customers: tuple[str, ...]
    until: float
    amplify: float


class StormWatch:
    """The social storms running now, taken from the event log as it grows (a cursor, never a
    scan per frame); each "social_storm" event says whom, until when and how far posts spread."""

    def __init__(self) -> None:
        self.cursor = 0
        self.storms: list[Storm] = []

    def now(self, world: World) -> list[Storm]:
        """The storms still blowing at ``world.now``, oldest first."""
        new, self.cursor = world.log.since(self.cursor)
        for event in new:
            if event.kind == "social_storm":
                data = event.data
                self.storms.append(Storm(tuple(data.get("customers", ())), float(data["until"]),
                                         float(data["amplify"])))
        self.storms = [s for s in self.storms if s.until > world.now]
        return list(self.storms)


@dataclass(frozen=True)
class Away:
    """Someone away from the desk as the board says it: why (the event's or the briefing's
    words, or ""), and until when (engine minutes; None: they are not coming back)."""

    agent: str
    since: float
    until: float | None
    reason: str = ""


def _absence_length(world: World, agent: str, t: float) -> float | None:
    """How long the absence that began at ``t`` lasts: a scripted one's ``duration`` from the
    scenario, an injected one's from the console's decision (the "agent_absent" event names
    neither; see the helper's report)."""
    scenario = world.scenario
    for event in scenario.events:
        if not isinstance(event, scenario_model.Absence) or event.agent != agent:
            continue
        if event.at.round != world.round:
            continue
        if abs(world.round_start + event.at.offset(scenario.round) - t) < 1e-6:
            return event.duration
    for decision in reversed(world.decisions):
        data = decision.get("event")
        if decision.get("action") != "inject" or not isinstance(data, dict) or data.get("kind") != "absence":
            continue
        named = data.get("agent")
        if (named == agent or (isinstance(named, list) and agent in named)) and abs(decision["t"] - t) < 1e-6:
            duration = data.get("duration")
            return None if duration is None else float(duration)
    return None


class AbsenceWatch:
    """Who is away now, taken from the event log as it grows (a cursor, never a scan per frame):
    "agent_absent" says who and why, "agent_back" that they returned."""

    def __init__(self) -> None:
        self.cursor = 0
        self.away: dict[str, Away] = {}

    def now(self, world: World, briefing: str = "") -> dict[str, Away]:
        from deskgame.ui.absence import absence_reason

        new, self.cursor = world.log.since(self.cursor)
        for event in new:
            name = str(event.data.get("agent", ""))
            if event.kind == "agent_absent":
                length = _absence_length(world, name, event.t)
                reason = absence_reason(briefing, name, str(event.data.get("reason") or ""))
                self.away[name] = Away(name, event.t, None if length is None else event.t + length, reason)
            elif event.kind == "agent_back":
                self.away.pop(name, None)
        return dict(self.away)
