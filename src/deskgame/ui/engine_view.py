"""The board's one window onto engine facts that have no public accessor yet.

The engine is being decomposed; until it offers these facts publicly, every read of a
private attribute or of a parameter block lives here, so the rest of the UI never
reaches into engine internals and the switch to public accessors is one file's change.
(Wanted from the engine, in the order of this file: ``World.service_name(service_id)``,
``World.call_deadline(ticket)``, ``World.incident_ends_at(incident)`` and
``World.incident_fixers(incident)``, ``SatisfactionModel.neutral_rating``.)
"""

from __future__ import annotations

from dataclasses import dataclass

from deskgame.engine.tickets import Agent, Ticket
from deskgame.engine.world import World


def service_name(world: World, service_id: str) -> str:
    """The service as the business calls it ("Order entry"), not its id ("orders")."""
    return world._service_name(service_id)


def call_window(world: World) -> float:
    """Simulated minutes a call rings before its default answer happens."""
    return float(world.params.work.call_window)


def call_minutes_left(world: World, ticket: Ticket) -> float:
    """Simulated minutes before a ringing call is answered by default."""
    return max(0.0, ticket.arrived + call_window(world) - world.now)


@dataclass(frozen=True)
class Outage:
    """A major incident as the board shows it: what is down, for how long, who can fix it."""

    service: str
    minutes_left: float
    fixers: tuple[str, ...]  # who has the skills for the restore ticket
    fixing: str | None  # who is working on it now
    broadcasts: int


def outages(world: World) -> list[Outage]:
    """The major incidents running now, newest last."""
    found = []
    for incident in world.active_incidents():
        event = world.scenario.events[incident.index]
        duration = float(getattr(event, "duration", 0.0))
        fix = incident.fix_ticket
        fixers: tuple[str, ...] = ()
        fixing = None
        if fix is not None:
            fixers = tuple(a.name for a in world.agents if a.can_do(fix))
            fixing = next((a.name for a in world.agents if a.ticket is fix), None)
        found.append(
            Outage(
                service_name(world, incident.service),
                max(0.0, incident.started + duration - world.now),
                fixers,
                fixing,
                incident.broadcasts,
            )
        )
    return found


def neutral_rating(world: World) -> float:
    """The rating of a moment that met expectations exactly (the ticker colours around it)."""
    return float(world.params.satisfaction.neutral_rating)


def reserved(agent: Agent) -> list[Ticket]:
    """Tickets assigned to ``agent`` that wait until they are free (in the order they will start)."""
    return list(agent.reserved)
