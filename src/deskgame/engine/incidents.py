"""Scripted events: major incidents, absences and social storms, at their times in a round.

A major incident takes a service down: calls about it pour in (drawn with the day's
arrivals), a fix ticket goes to whoever has the skills, and the outage ends when the fix
is done or its duration runs out.  Broadcasting keeps some of those calls away.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from deskgame.engine.arrivals import injected_arrivals
from deskgame.engine.distributions import draw_efforts
from deskgame.engine.rng import stream
from deskgame.engine.tickets import Agent, Ticket
from deskgame.scenario import model as m

if TYPE_CHECKING:
    from deskgame.engine.world import World


@dataclass
class MajorIncidentState:
    index: int
    service: str
    started: float
    broadcasts: int = 0
    ends_at: float = float("inf")      # when it ends by itself if nobody restores the service
    fix_ticket: Ticket | None = None
    tickets: list[Ticket] = field(default_factory=list)
    active: bool = True


class ScriptedEvents:
    """Schedules a round's scripted events and plays them out."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.incidents: dict[int, MajorIncidentState] = {}
        self._fixes: dict[int, int] = {}   # fix ticket seq -> incident index
        self.service_names = {s.id: s.name for s in world.scenario.services}
        self.injected = 0                  # events a facilitator injected so far

    def schedule(self, round_no: int) -> None:
        """Put round ``round_no``'s events on the clock; called as the round starts."""
        scenario = self.world.scenario
        for index, event in enumerate(scenario.events):
            if event.at.round == round_no:
                offset = event.at.offset(scenario.round)
                self.world.env.at(offset, lambda index=index, event=event: self.happen(index, event))

    def inject(self, event: m.Event) -> int:
        """A facilitator's event, now: it plays out like a scripted one; returns its index.

        Its callers (an outage's surge, a wave's extra calls) are drawn from streams named
        by the decision, so the scenario's own arrivals stay exactly as they were.
        """
        world = self.world
        index = len(world.scenario.events) + self.injected
        self.injected += 1
        key = (world.round, world.env.steps)
        arrivals = injected_arrivals(world.scenario, world.seed, key, world.round_start, world.env.now,
                                     index, event, world.params.work.surge_effort)
        world.log.append(world.env.now, "event_injected", index=index, event_kind=event.kind)
        self.happen(index, event)
        if arrivals:
            world.intake.add_feed(arrivals)
        return index

    def happen(self, index: int, event: m.Event) -> None:
        world = self.world
        now = world.env.now
        if isinstance(event, m.MajorIncident):
            self._start_incident(index, event)
        elif isinstance(event, m.Absence):
            agent = world.agent_by_name[event.agent]
            agent.absent = True
            world.work.interrupt(agent, morale_loss=False)
            for ticket in agent.reserved:
                if not ticket.hidden:
                    ticket.assigned_to = None
                    world.wait(ticket)
            agent.reserved = [t for t in agent.reserved if t.hidden]
            world.log.append(now, "agent_absent", agent=agent.name, reason=event.reason)
            if event.duration is not None:
                world.env.at(event.duration, lambda: self._back(agent))
        elif isinstance(event, m.SocialStorm):
            world.satisfaction.storm(now, event.customers, event.hit, event.amplify)
            world.log.append(now, "social_storm", customers=list(event.customers),
                             until=now + event.duration, amplify=event.amplify)
            world.env.at(event.duration, lambda: world.satisfaction.storm_over(world.env.now))
        world.notify("event", event)

    def _back(self, agent: Agent) -> None:
        world = self.world
        agent.absent = False
        agent.idle_since = world.env.now
        world.log.append(world.env.now, "agent_back", agent=agent.name)
        world.work.pull(agent)

    # ---------------------------------------------------------------- major incidents
    def _start_incident(self, index: int, event: m.MajorIncident) -> None:
        world = self.world
        now = world.env.now
        incident = MajorIncidentState(index, event.service, now, ends_at=now + event.duration)
        self.incidents[index] = incident
        world.log.append(now, "major_incident_started", index=index, service=event.service,
                         title=event.title or "A major incident")
        if event.fix is not None:
            rng = stream(world.seed, "fix", index, world.round)
            effort = float(draw_efforts(event.fix.effort, rng, 1)[0])
            skills = frozenset(event.fix.skills)
            fix = world.intake.make(
                kind="incident", demand=f"major-incident-{index}-fix", customer=self._biggest_customer(),
                channel="phone", title=f"Restore {self.service_name(event.service)}",
                service=event.service, impact="high", urgency="high", true_priority="P1",
                stated_priority="P1", effort=effort, remaining=effort,
                skills=skills, arrived=now, priority="P1", repair=True,
                specialist_only=any(a.role != "desk" and skills <= a.skills for a in world.agents),
            )
            incident.fix_ticket = fix
            self._fixes[fix.seq] = index
            world.work.enqueue(fix)
        world.env.at(event.duration, lambda: self._end_incident(index, fixed=False))

    def _biggest_customer(self) -> str:
        world = self.world
        return max(world.customers.values(), key=lambda c: (world.influence[c.name], c.size)).name

    def service_name(self, service_id: str) -> str:
        """The service's display name (its id when the scenario names none)."""
        return self.service_names.get(service_id, service_id)

    def fixed(self, ticket: Ticket) -> None:
        """A ticket was resolved: if it was an outage's fix, the outage ends."""
        index = self._fixes.get(ticket.seq)
        if index is not None and self.incidents[index].active:
            self._end_incident(index, fixed=True)

    def _end_incident(self, index: int, fixed: bool) -> None:
        world = self.world
        incident = self.incidents[index]
        if not incident.active:
            return
        incident.active = False
        now = world.env.now
        for ticket in incident.tickets:
            if not ticket.is_open:
                continue
            world.work.release(ticket, pull_at_once=True)
            world.touch(ticket, "outage", wait=now - ticket.arrived, broadcasts=incident.broadcasts)
            ticket.resolved = now
            ticket.outcome = "outage_over"
        fix = incident.fix_ticket
        if fix is not None and fix.is_open:  # the outage ended on its own: the fix is moot
            world.work.release(fix, pull_at_once=True)
            fix.resolved = now
            fix.outcome = "overtaken"
        world.log.append(now, "major_incident_ended", index=index, fixed=fixed)

    def broadcast(self) -> int:
        """A status broadcast to everyone hit by an active outage; returns the count so far."""
        active = self.active()
        for incident in active:
            incident.broadcasts += 1
        return active[0].broadcasts if active else 0

    def active(self) -> list[MajorIncidentState]:
        return [i for i in self.incidents.values() if i.active]
