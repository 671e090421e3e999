"""Intake: the day's drawn arrivals become tickets, or are prevented, or ring as calls.

One factory makes every ticket (arrivals, a major incident's fix, an end-run that comes
back off the books), so numbering and bookkeeping live in one place.
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING, Any

import simpy

from deskgame.engine.arrivals import Arrival

if TYPE_CHECKING:
    from deskgame.engine.world import World

from deskgame.engine.tickets import Ticket


class Intake:
    """Schedules the round's arrivals one at a time and routes each new ticket."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.count = 0                    # tickets made so far (the next id's number)
        # The round's arrivals not yet arrived, in time order.  Each leaves as it arrives:
        # a long round would otherwise hold every drawn arrival beside its ticket to the end
        # (about a quarter of the world's memory per arrival, benchmarks/engine.py).
        self.arrivals: deque[Arrival] = deque()
        self._patience = {c.name: c.patience for c in world.scenario.customers}

    def make(self, **fields: Any) -> Ticket:
        """A new ticket with the next id, registered with the world."""
        self.count += 1
        return self._register(Ticket(id=f"T{self.count:04d}", seq=self.count, round=self.world.round,
                                     **fields))

    def _register(self, ticket: Ticket) -> Ticket:
        self.world.tickets[ticket.id] = ticket
        self.world.recorder.sla.arrived(ticket)
        return ticket

    # ---------------------------------------------------------------- the day's arrivals
    def begin(self, arrivals: list[Arrival]) -> None:
        self.arrivals = deque(arrivals)
        self._schedule_next()

    def add_feed(self, arrivals: list[Arrival]) -> None:
        """More arrivals (an injected event's), in time order, on a chain of their own."""
        env = self.world.env
        pending = iter(arrivals)

        def schedule_next() -> None:
            a = next(pending, None)
            if a is not None:
                env.at(a.t - env.now, lambda: (schedule_next(), self.arrive(a)))

        schedule_next()

    def _schedule_next(self) -> None:
        if self.arrivals:
            env = self.world.env
            env.call_later(max(0.0, self.arrivals[0].t - env.now), self._on_arrival)

    def _on_arrival(self, _event: simpy.Event) -> None:
        a = self.arrivals.popleft()
        self._schedule_next()
        self.arrive(a)

    def arrive(self, a: Arrival) -> Ticket | None:
        """``a`` arrives now: its ticket (None when it never reaches the desk), routed."""
        ticket = self._admit(a)
        if ticket is not None:
            self._route(ticket, a)
        return ticket

    def _admit(self, a: Arrival) -> Ticket | None:
        """The ticket this arrival makes, or None when it never reaches the desk."""
        world = self.world
        if a.linked is not None:
            incident = world.incidents.get(a.linked)
            if incident is None or not incident.active:
                return None
            kept_away = min(2, incident.broadcasts) * world.params.work.broadcast_call_cut
            if a.thin < kept_away:
                return None
            ticket = self._ticket(a)
            incident.tickets.append(ticket)
            return ticket
        if a.thin < world.effects.thinning(a):
            return None  # prevented by problem management or self-service
        return self._ticket(a)

    def _ticket(self, a: Arrival) -> Ticket:
        world = self.world
        self.count = count = self.count + 1
        # Positional, in Ticket's field order: one per arrival, and keywords cost twice as much.
        ticket = Ticket(f"T{count:04d}", count, world.round, a.kind, a.demand, a.customer, a.channel,
                        a.title, a.service, a.impact, a.urgency, a.true_priority, a.stated_priority,
                        a.effort, a.skills, world.env.now, None, a.effort, device=a.device,
                        linked=a.linked)
        self._register(ticket)
        if a.kind == "incident" and a.chance > world.desk_fcr():
            ticket.needs_specialist = world.team.specialist_can(a.skills)
        if a.linked is None:
            ticket.chase_at = ticket.arrived + self._patience[ticket.customer]
        return ticket

    def _route(self, ticket: Ticket, a: Arrival) -> None:
        world = self.world
        if world.log.keeps:
            world.log.append(world.env.now, "ticket_arrived", ticket=ticket.id, kind=ticket.kind,
                             customer=ticket.customer, priority=ticket.stated_priority)
        calls = world.phone
        if ticket.kind == "end_run":
            calls.ring_end_run(ticket)
        elif ticket.kind == "byod":
            calls.ring(ticket, default=calls.unsupported)
        elif ticket.kind == "fake_emergency":
            defined = a.chance < world.effects.emergency_definition
            if defined or not calls.shouts(ticket):
                # Classified by impact on arrival, or the caller did not shout this time.
                if world.log.keeps:  # the journey says why this "emergency" never rang
                    world.log.append(world.env.now, "fake_classified", ticket=ticket.id,
                                     said=ticket.stated_priority, priority=ticket.true_priority,
                                     reason="definition" if defined else "quiet")
                ticket.kind = "request"
                ticket.shouted = ticket.stated_priority
                ticket.stated_priority = ticket.true_priority
                world.recorder.sla.retarget(ticket)
                world.work.enqueue(ticket)
            else:
                calls.ring(ticket, default=world.work.enqueue)
        else:
            world.work.enqueue(ticket)
        world.notify("arrival", ticket)
