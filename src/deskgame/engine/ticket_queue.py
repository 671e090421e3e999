"""The order of waiting work: an indexed priority queue grouped by what a ticket needs.

Why not a sorted list: on an overloaded desk the queue holds thousands of tickets and
every re-prioritisation, removal and "what can this agent do next?" scanned it
(quadratic).  Here tickets sit in one heap per *requirement* (skills needed, specialists
only or not).  A desk has few distinct requirements, so the first ticket an agent can do
is the best head among the heaps that agent qualifies for: O(groups + log n).
Removal and re-prioritisation mark the old heap entry stale (lazy deletion).
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator

from deskgame.engine.tickets import Agent, Ticket

Entry = tuple[int, int, int, Ticket]  # (priority rank, arrival sequence, stamp, ticket)


class TicketQueue:
    """Waiting tickets in desk order (priority rank, then arrival)."""

    def __init__(self) -> None:
        self._groups: dict[tuple[frozenset[str], bool], list[Entry]] = {}
        self._live: dict[int, Entry] = {}            # ticket seq -> its current entry
        self._for_agent: dict[int, list[list[Entry]]] = {}   # agent index -> heaps it can serve
        self._agents: list[Agent] = []
        self._ordered: list[Ticket] | None = None    # cached iteration order
        self._stamp = 0  # makes every entry unique, so heap comparisons never reach a ticket

    def serve(self, agents: list[Agent]) -> None:
        """Tell the queue who takes work from it (each agent's heaps are kept ready)."""
        self._agents = list(agents)
        self._for_agent = {a.index: [] for a in agents}
        for (skills, specialist_only), heap in self._groups.items():
            self._link(heap, skills, specialist_only)

    def _link(self, heap: list[Entry], skills: frozenset[str], specialist_only: bool) -> None:
        for agent in self._agents:
            if skills <= agent.skills and not (specialist_only and agent.role == "desk"):
                self._for_agent[agent.index].append(heap)

    def _heap(self, ticket: Ticket) -> list[Entry]:
        key = (ticket.skills, ticket.specialist_only)
        heap = self._groups.get(key)
        if heap is None:
            heap = self._groups[key] = []
            self._link(heap, *key)
        return heap

    # ---------------------------------------------------------------- changes
    def put(self, ticket: Ticket) -> None:
        rank, seq = ticket.queue_key
        self._stamp += 1
        entry = (rank, seq, self._stamp, ticket)
        self._live[seq] = entry
        heapq.heappush(self._heap(ticket), entry)
        self._ordered = None

    def remove(self, ticket: Ticket) -> bool:
        """Take ``ticket`` out wherever it is; False when it was not waiting."""
        if self._live.pop(ticket.seq, None) is None:
            return False
        self._ordered = None
        return True

    def reprioritise(self, ticket: Ticket) -> None:
        """Call after ``ticket.priority`` changed: it moves to its new place if waiting."""
        if self.remove(ticket):
            self.put(ticket)

    def first_for(self, agent: Agent) -> Ticket | None:
        """The first ticket in desk order that ``agent`` can do, taken out of the queue."""
        live = self._live
        best: list[Entry] | None = None
        best_key: tuple[int, int] | None = None
        for heap in self._for_agent.get(agent.index, ()):
            while heap:
                rank, seq, _stamp, _ticket = head = heap[0]
                if live.get(seq) is head:
                    if best_key is None or (rank, seq) < best_key:
                        best, best_key = heap, (rank, seq)
                    break
                heapq.heappop(heap)  # a stale entry: removed or moved
        if best is None:
            return None
        ticket = heapq.heappop(best)[3]
        del live[ticket.seq]
        self._ordered = None
        return ticket

    # ---------------------------------------------------------------- reading
    def __contains__(self, ticket: object) -> bool:
        return isinstance(ticket, Ticket) and ticket.seq in self._live \
            and self._live[ticket.seq][3] is ticket

    def __len__(self) -> int:
        return len(self._live)

    def __bool__(self) -> bool:
        return bool(self._live)

    def __iter__(self) -> Iterator[Ticket]:
        """Waiting tickets in desk order (sorted once per change, then cached)."""
        if self._ordered is None:
            self._ordered = [entry[3] for entry in sorted(self._live.values(), key=_order)]
        return iter(self._ordered)

    def head(self, count: int) -> list[Ticket]:
        """The first ``count`` waiting tickets in desk order, without sorting them all."""
        if self._ordered is not None:
            return self._ordered[:count]
        return [entry[3] for entry in heapq.nsmallest(count, self._live.values(), key=_order)]


def _order(entry: Entry) -> tuple[int, int]:
    return entry[0], entry[1]
