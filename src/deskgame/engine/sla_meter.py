"""The SLA meter, kept up to date as things happen (the board reads it every frame).

DESIGN.md section 5: a ticket is *due* once its work started in the round or its
response target passed without it starting; it is *met* when its work started within
the target.  Counting that by scanning every ticket of the round costs a frame about
1 ms per thousand tickets; here each ticket is counted when it starts, and a heap of
response deadlines finds the ones whose target passed unstarted, so a reading costs
only the deadlines that fell due since the last one.

The meter wakes on its first reading (a full count once, then kept up to date), so a
headless run, which never reads it, pays nothing for it.

Counted: tickets that arrived in this round after the warm-up, on the desk's books (not
an end-run taken off the books), not an outage caller, not answered "unsupported".
``session.kpis.sla_counts`` is the same definition by a full scan (it checks this).
"""

from __future__ import annotations

import heapq
import itertools
from typing import TYPE_CHECKING

from deskgame.engine.tickets import Ticket

if TYPE_CHECKING:
    from deskgame.engine.world import World


class SlaMeter:
    """(met, due) of the current round at the current time, maintained incrementally."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.met = 0
        self.started = 0           # counted tickets whose work started in the round
        self.overdue = 0           # counted tickets past their target, not started
        self._late: set[int] = set()   # seq of the tickets counted in ``overdue``
        self._deadlines: list[tuple[float, int, Ticket]] = []
        self._numbers = itertools.count()
        self._warm = 0.0
        self._round = 0
        self.active = False        # set by the first reading

    def begin_round(self) -> None:
        world = self.world
        self.met = self.started = self.overdue = 0
        self._late.clear()
        self._deadlines.clear()
        self._warm = world.round_start + world.scenario.round.warmup
        self._round = world.round

    def _counts(self, ticket: Ticket) -> bool:
        return (ticket.round == self._round and ticket.arrived >= self._warm and not ticket.hidden
                and ticket.linked is None and ticket.outcome != "unsupported")

    # ---------------------------------------------------------------- what happens
    def arrived(self, ticket: Ticket) -> None:
        """A new ticket: watch its response deadline."""
        if self.active and self._counts(ticket):
            self._watch(ticket)

    def _watch(self, ticket: Ticket) -> None:
        deadline = ticket.arrived + self.world.sla_target(ticket)
        heapq.heappush(self._deadlines, (deadline, next(self._numbers), ticket))

    def retarget(self, ticket: Ticket) -> None:
        """Its priority changed, so its target may have: watch the new deadline."""
        if not self.active or ticket.started is not None or not self._counts(ticket):
            return
        if ticket.seq in self._late and ticket.arrived + self.world.sla_target(ticket) >= self.world.now:
            self._late.discard(ticket.seq)   # a later target: not missed (yet)
            self.overdue -= 1
        self._watch(ticket)

    def first_start(self, ticket: Ticket) -> None:
        """Work on ``ticket`` started for the first time (now)."""
        if not self.active:
            return
        if ticket.seq in self._late:
            self._late.discard(ticket.seq)
            self.overdue -= 1
        world = self.world
        if self._counts(ticket) and world.now < world.round_end:
            self.started += 1
            self.met += ticket.started - ticket.arrived <= world.sla_target(ticket)

    def excluded(self, ticket: Ticket) -> None:
        """``ticket`` left the desk's books (taken off the books, or "unsupported")."""
        if ticket.seq in self._late:
            self._late.discard(ticket.seq)
            self.overdue -= 1

    # ---------------------------------------------------------------- reading
    def _wake(self) -> None:
        """The first reading: count the round so far once, then keep it up to date."""
        world = self.world
        self.active = True
        for ticket in world.tickets.values():
            if not self._counts(ticket):
                continue
            if ticket.started is None:
                self._watch(ticket)
            elif ticket.started < world.round_end:
                self.started += 1
                self.met += ticket.started - ticket.arrived <= world.sla_target(ticket)

    def counts(self) -> tuple[int, int]:
        """(met, due) now."""
        if not self.active:
            self._wake()
        world = self.world
        now = min(world.now, world.round_end)
        heap = self._deadlines
        while heap and heap[0][0] < now:
            deadline, _, ticket = heapq.heappop(heap)
            if ticket.started is not None or ticket.seq in self._late or not self._counts(ticket):
                continue
            if deadline != ticket.arrived + world.sla_target(ticket):
                continue  # an old deadline: the ticket's priority changed, a newer entry waits
            self._late.add(ticket.seq)
            self.overdue += 1
        return self.met, self.started + self.overdue
