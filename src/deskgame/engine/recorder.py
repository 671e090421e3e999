"""Measuring, kept apart from modelling: the round's series, hidden work and SLA breaches.

The series has a point at the round's start and at every tick.  The points are written
when someone reads the series (``catch_up``), from the satisfaction model's history:
between two experiences nothing moves but time, so a quiet tick need not wake the world.

The recorder watches waiting tickets through deadline heaps instead of scanning the
whole queue every tick: a ticket's SLA deadline and its customer's patience are pushed
when it starts to wait and looked at only when they fall due.  A breach only feeds the
board (the "SLA breached" flash and event); nothing a result reads depends on it, so a
headless world, whose log nobody reads, does not watch breaches at all.
"""

from __future__ import annotations

import heapq
import itertools
from array import array
from typing import TYPE_CHECKING, Any

from deskgame.engine.sla_meter import SlaMeter
from deskgame.engine.tickets import Ticket

if TYPE_CHECKING:
    from deskgame.engine.world import World

INF = float("inf")
# A breach falls due at a tick within a microsecond of its deadline (``due``): ticks more
# than this before the deadline are surely quiet.
BREACH_MARGIN = 1e-5


class Recorder:
    """Series every sample, hidden minutes per round, and due dates of waiting tickets."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.series: dict[int, dict[str, Any]] = {}
        self.hidden_work: dict[int, float] = {}
        # (deadline, unique number, ticket): the number keeps heap comparisons off tickets
        self._breach_due: list[tuple[float, int, Ticket]] = []
        self._chase_due: list[tuple[float, int, Ticket]] = []
        self._numbers = itertools.count()
        self._columns: list[tuple[str, float, array]] = []
        self._t = array("d")
        self._trust = array("d")
        self._sampled = 0  # ticks of this round already in the series
        self.sla = SlaMeter(world)
        self._watch_breaches = world.log.keeps

    def begin_round(self, round_no: int) -> None:
        world = self.world
        self.hidden_work[round_no] = 0.0
        # Packed doubles: a long round samples hundreds of thousands of points.
        series = self.series[round_no] = {"t": array("d"), "trust": array("d"), "satisfaction": {
            name: array("d") for name in world.customers}}
        # What a sample reads, looked up once per round rather than once per sample.
        # In the model's own order, as its values() come.
        self._columns = [(name, world.influence[name], series["satisfaction"][name])
                         for name in world.satisfaction.names()]
        self._t, self._trust = series["t"], series["trust"]
        self._sampled = 0
        self.sla.begin_round()

    def hidden(self, minutes: float) -> None:
        """A specialist stopped off-the-books work after ``minutes`` of it in this round."""
        round_no = self.world.round
        self.hidden_work[round_no] = self.hidden_work.get(round_no, 0.0) + minutes

    def hidden_in_hand(self) -> float:
        """Minutes of this round that specialists have spent so far on off-the-books work
        still in their hands (counted when it stops, or here while it goes on)."""
        world = self.world
        now, start = world.env.now, world.round_start
        return sum(now - max(a.job_started, start) for a in world.agents
                   if a.ticket is not None and a.ticket.hidden)

    def bank_hidden(self) -> None:
        """The round ends: work still off the books counts in it up to now (the rest, later)."""
        in_hand = self.hidden_in_hand()
        if in_hand:
            self.hidden(in_hand)

    def catch_up(self) -> None:
        """Write the series' points for every tick passed so far (rounded when the results are
        written), then let the model forget the history they needed."""
        world = self.world
        env = world.env
        passed = env.ticks_passed
        if passed > self._sampled:
            times = [env.tick_time(k) for k in range(self._sampled + 1, passed + 1)]
            start = world.round_start
            self._t.extend([t - start for t in times])
            trust = [0.0] * len(times)
            for (_, influence, values), column in zip(self._columns, world.satisfaction.sample(times),
                                                      strict=True):
                values.extend(column)
                trust = [sum_ + influence * now for sum_, now in zip(trust, column, strict=True)]
            self._trust.extend(trust)
            self._sampled = passed
        world.satisfaction.settle()

    def quiet_until(self) -> float:
        """Before when no tick has a deadline to look at (a safe bound: a tick at it may find
        nothing due, which is harmless).

        Entries of tickets no longer waiting are dropped from the top first, as ``due``
        would drop them: a ticket that waits again is watched again (``waits``).
        """
        queue = self.world.queue
        chase = self._chase_due
        while chase and (chase[0][2].chase_at == INF or chase[0][2] not in queue):
            heapq.heappop(chase)
        breach = self._breach_due
        while breach and not self._may_breach(breach[0][2]):
            heapq.heappop(breach)
        quiet = chase[0][0] if chase else INF  # a chase falls due at a tick after its time
        if breach:
            quiet = min(quiet, breach[0][0] - BREACH_MARGIN)
        return quiet

    def sample(self) -> None:
        """The round's first point, at its start (the ticks' points: ``catch_up``)."""
        world = self.world
        t = world.env.now
        self._t.append(t - world.round_start)
        trust = 0.0
        for (_, influence, values), now in zip(self._columns, world.satisfaction.values(t), strict=True):
            trust += influence * now
            values.append(now)
        self._trust.append(trust)

    # ---------------------------------------------------------------- waiting tickets
    def waits(self, ticket: Ticket) -> None:
        """``ticket`` (re)joined the queue: watch its SLA deadline and its customer's patience."""
        # The SLA is about the first answer (DESIGN section 5): a ticket whose work started
        # once (then paused, or handed to a specialist) has had its answer and cannot breach.
        if self._watch_breaches and not ticket.breached and ticket.started is None:
            self._watch_breach(ticket.arrived + self.world.sla_target(ticket), ticket)
        if ticket.chase_at < INF:
            heapq.heappush(self._chase_due, (ticket.chase_at, next(self._numbers), ticket))
            self.world.env.wake_after(ticket.chase_at)  # a tick after it looks

    def _watch_breach(self, deadline: float, ticket: Ticket) -> None:
        heapq.heappush(self._breach_due, (deadline, next(self._numbers), ticket))
        self.world.env.wake_after(deadline - BREACH_MARGIN)

    def anything_due(self, now: float) -> bool:
        """Is a deadline due (the cheap test a tick makes before ``due``)?"""
        breach, chase = self._breach_due, self._chase_due
        return bool((breach and breach[0][0] <= now + 1e-6) or (chase and chase[0][0] < now))

    def due(self, now: float) -> list[Ticket]:
        """Log SLA breaches that fell due; return waiting tickets whose patience ran out.

        A ticket is judged by the same test a full scan of the queue would apply, so an
        entry made stale by a new priority or by the ticket leaving the queue is dropped
        (it is pushed again when the ticket waits again or its priority changes).
        """
        world = self.world
        queue = world.queue
        heap = self._breach_due
        while heap and heap[0][0] <= now + 1e-6:
            _, _, ticket = heapq.heappop(heap)
            if not self._may_breach(ticket):
                continue
            if now - ticket.arrived > world.sla_target(ticket):
                ticket.breached = True
                world.log.append(now, "sla_breached", ticket=ticket.id)
            else:
                self._watch_breach(max(ticket.arrived + world.sla_target(ticket), now + 2e-6), ticket)
        chased: dict[int, Ticket] = {}
        heap = self._chase_due
        while heap and heap[0][0] < now:
            _, _, ticket = heapq.heappop(heap)
            if now > ticket.chase_at and ticket in queue:
                chased[ticket.seq] = ticket
        # In desk order, as a scan of the queue would meet them (each chase is a rated touch).
        return sorted(chased.values(), key=lambda t: t.queue_key)

    def _may_breach(self, ticket: Ticket) -> bool:
        """Still waiting for its first answer, and not yet breached (the SLA is about that)."""
        return not ticket.breached and ticket.started is None and ticket in self.world.queue

    def retarget(self, ticket: Ticket) -> None:
        """The ticket's priority changed: its SLA deadline may now be earlier."""
        if self._watch_breaches and self._may_breach(ticket):
            self._watch_breach(ticket.arrived + self.world.sla_target(ticket), ticket)
