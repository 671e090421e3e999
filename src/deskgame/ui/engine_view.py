"""The board's one window onto engine facts, each read through the engine's public API.

Kept as one module so the board's needs are listed in one place: what is down and who
can fix it, how long a call rings, what a routine moment rates.
"""

from __future__ import annotations

from dataclasses import dataclass

from deskgame.engine.tickets import Agent, Ticket
from deskgame.engine.world import World


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


def outages(world: World) -> list[Outage]:
    """The major incidents running now, newest last."""
    found = []
    for incident in world.active_incidents():
        fix = incident.fix_ticket
        fixers = tuple(world.incident_fixers(incident))
        fixing = None if fix is None else next((a.name for a in world.agents if a.ticket is fix), None)
        found.append(
            Outage(
                service_name(world, incident.service),
                max(0.0, incident.ends_at - world.now),
                fixers,
                fixing,
                incident.broadcasts,
                fix is not None,
            )
        )
    return found


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
