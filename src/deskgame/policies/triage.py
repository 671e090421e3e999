"""Triage: a sensible team working from the articles' good practice.

Priority follows the business impact of the service (never the caller's rank), BYOD
problems are learned, end-runs are redirected to the desk, fake emergencies are
classified by impact, waiting customers hear from the desk, and major incidents get
status broadcasts.  Each practice can be switched off for the ablation study.
"""

from __future__ import annotations

import heapq
import itertools
from dataclasses import dataclass, field
from typing import Any

from deskgame.engine.tickets import Ticket
from deskgame.engine.world import World
from deskgame.policies.base import Policy

PRACTICES = ("prioritise", "learn_byod", "redirect", "classify_fakes", "updates", "broadcast",
             "improve")

INF = float("inf")
# An update falls due at the first tick at or after its time: ticks more than this before
# it are surely quiet.
DUE_MARGIN = 1e-6

# Cards in the order a sensible desk wants them, most telling first.
IMPROVEMENT_PREFERENCE = (
    "service_catalog", "emergency_definition", "knowledge_base", "byod_learning", "empowerment",
    "customer_orientation", "governance", "recognition", "problem_management", "self_service",
    "social_channel", "service_design_workshop",
)

# The practice a card builds on: an ablated team lacks the practice and so never buys its card.
CARD_NEEDS = {"emergency_definition": "classify_fakes", "byod_learning": "learn_byod",
              "customer_orientation": "redirect"}


@dataclass
class TriagePolicy(Policy):
    name: str = "triage"
    practices: frozenset[str] = field(default_factory=lambda: frozenset(PRACTICES))
    update_at: float = 0.6       # send an update once a wait reaches this share of the expectation
    max_updates: int = 2
    broadcast_gap: float = 20.0  # minutes between the two status broadcasts
    # When each waiting customer is next due an update: (due time, order, ticket).  A heap,
    # so a tick looks only at who is due, not at the whole queue (an overloaded desk has
    # thousands waiting).
    _updates_due: list[tuple[float, int, Ticket]] = field(default_factory=list, repr=False)
    _order: Any = field(default_factory=itertools.count, repr=False)

    def attach(self, world: World) -> None:
        """Join a world (perhaps mid-round, on resume): customers already waiting are known."""
        super().attach(world)
        if self.uses("updates"):
            for ticket in world.queue:
                if ticket.linked is None:
                    self._schedule_update(world, ticket)

    def uses(self, practice: str) -> bool:
        return practice in self.practices

    def react(self, world: World, reason: str, subject: Any) -> None:
        if reason == "arrival" and isinstance(subject, Ticket):
            self._triage(world, subject)
            if self.uses("updates") and subject.linked is None and not subject.hidden:
                self._schedule_update(world, subject)
        elif reason == "event":
            self._broadcast(world)
            world.wake_after(world.now)  # an outage's later broadcasts are sent at ticks
        elif reason == "tick":
            self._broadcast(world)
            if self.uses("updates"):
                self._send_updates(world)

    def quiet_until(self, world: World) -> float:
        """Its ticks have work when an update falls due, or while a major incident needs
        its status broadcasts."""
        if self.uses("broadcast") and world.active_incidents():
            return -INF
        heap = self._updates_due
        return heap[0][0] - DUE_MARGIN if heap else INF

    def _triage(self, world: World, ticket: Ticket) -> None:
        if ticket.call_pending:
            if ticket.kind == "end_run":
                choice = "redirect" if self.uses("redirect") else "take"
            elif ticket.kind == "byod":
                choice = "learn" if self.uses("learn_byod") else "unsupported"
            else:
                choice = "deprioritise" if self.uses("classify_fakes") else "serve"
            world.try_command("answer", ticket=ticket.id, choice=choice)
            if choice in ("take", "unsupported", "serve"):
                return
        if self.uses("prioritise") and ticket.is_open and not ticket.hidden and ticket.priority is None:
            world.try_command("set_priority", ticket=ticket.id, priority=ticket.true_priority)

    def _broadcast(self, world: World) -> None:
        if not self.uses("broadcast"):
            return
        for incident in world.active_incidents():
            due = incident.started + incident.broadcasts * self.broadcast_gap
            if incident.broadcasts < 2 and world.now >= due:
                world.try_command("broadcast")

    def _schedule_update(self, world: World, ticket: Ticket) -> None:
        due = ticket.arrived + world.expectation(ticket) * self.update_at * (ticket.updates + 1)
        heapq.heappush(self._updates_due, (due, next(self._order), ticket))
        world.wake_after(due - DUE_MARGIN)

    def _send_updates(self, world: World) -> None:
        """Tell each customer still waiting how things stand, when their update falls due."""
        heap, now = self._updates_due, world.now
        later: list[Ticket] = []
        while heap and heap[0][0] <= now:
            ticket = heapq.heappop(heap)[2]
            if not ticket.is_open or ticket.updates >= self.max_updates:
                continue  # done with: no more updates
            if ticket not in world.queue:
                later.append(ticket)  # being worked or held: look again next tick
                continue
            step = world.expectation(ticket) * self.update_at
            if now - ticket.arrived >= step * (ticket.updates + 1):
                world.try_command("update", ticket=ticket.id)
            if ticket.updates < self.max_updates:
                later.append(ticket)
        for ticket in later:
            due = ticket.arrived + world.expectation(ticket) * self.update_at * (ticket.updates + 1)
            heapq.heappush(heap, (max(due, now + 1e-9), next(self._order), ticket))

    def choose_improvements(self, world: World, offer: tuple[str, ...], budget: int) -> list[str]:
        """Cards for what went wrong this round, most needed first, within the budget."""
        if not self.uses("improve"):
            return []
        return suggest_cards(world, offer, budget, self.practices)


@dataclass(frozen=True)
class Evidence:
    """Why a card would help, read from the round just played.

    ``need`` ranks the cards (the bot buys the most needed first); ``problem`` says in
    words which of the round's problems the card answers, or "" when the round showed
    none (a card with only a standing reason, such as problem management).
    """

    need: float
    problem: str = ""


def card_evidence(world: World) -> dict[str, Evidence]:
    """How much each card would help, and the problem behind it, from the round just played.

    The one reading of the round both the triage bot (``choose_improvements``) and the Will
    screen (the cards' "answers" and "suggested") use, so they never disagree.
    """
    start = world.round_start
    round_tickets = [t for t in world.tickets.values() if t.arrived >= start]
    count = len(round_tickets) or 1
    waited = [t.started - t.arrived for t in round_tickets if t.started is not None and not t.hidden]
    mean_wait = sum(waited) / len(waited) if waited else 0.0
    kinds = {kind: sum(1 for t in round_tickets if t.demand.startswith(kind) or t.kind == kind)
             for kind in ("byod", "fake_emergency", "end_run")}
    # BYOD: what the card helps with is a device the desk does not know yet.  Who met one
    # this round (learned on their ticket, or still unknown), and what is still unknown now.
    known = world.known_devices
    strangers = sum(1 for t in round_tickets if t.kind == "byod" and t.device is not None
                    and (t.learning or t.device not in known))
    unknown_left = sorted({d for demand in world.scenario.demand if demand.kind == "byod"
                           for d in (demand.devices or ()) if d not in known})
    escalations = sum(1 for t in round_tickets if t.escalated)
    escalated = escalations / count
    posts = sum(1 for p in world.satisfaction.posts if p.t >= start)
    in_force = len(world.improvements_in_force)
    morale = world.mean_morale()

    def said(condition: bool, words: str) -> str:
        return words if condition else ""

    return {
        # without published times every wait disappoints
        "service_catalog": Evidence(3.0 + mean_wait / 10, said(
            world.effects.catalogue < 0.5,
            f"customers expected an answer now; the first answer took {mean_wait:.0f} min on average")),
        "emergency_definition": Evidence(0.5 + 2.0 * kinds["fake_emergency"] / count * 10, said(
            kinds["fake_emergency"] > 0, f"{_count(kinds['fake_emergency'], 'call')} claimed an emergency "
            "the business impact did not bear out")),
        # Nothing left to learn: the card would change nothing (a room bought it after every
        # device had been learned in round 1).
        "byod_learning": Evidence(0.5 + strangers / count * 10 if unknown_left else 0.0, said(
            strangers > 0 and bool(unknown_left), f"{_count(strangers, 'person', 'people')} brought a "
            f"device the desk did not know; still unknown: {', '.join(unknown_left)}")),
        "customer_orientation": Evidence(0.5 + kinds["end_run"] / count * 10, said(
            kinds["end_run"] > 0, f"{_count(kinds['end_run'], 'caller')} went round the desk to a "
            "specialist")),
        "empowerment": Evidence(0.5 + escalated * 10, said(
            escalations > 0, f"{_count(escalations, 'ticket')} ({escalated:.0%}) had to be passed on")),
        "knowledge_base": Evidence(1.0 + mean_wait / 30, said(
            mean_wait >= 10, f"the first answer took {mean_wait:.0f} min on average")),
        # keep what is already in place alive
        "governance": Evidence(2.5 if in_force >= 2 else 0.0, said(
            in_force >= 2, f"{in_force} changes in force fade each round without owners")),
        "recognition": Evidence(3.0 * max(0.0, 0.6 - morale) * 10, said(
            morale < 0.6, f"the team's morale is down to {morale:.0%}")),
        "social_channel": Evidence(0.2 * posts, said(posts > 0, f"{_count(posts, 'public post')} "
                                                     "spread the word")),
        "problem_management": Evidence(0.8),
        "self_service": Evidence(0.8),
        "service_design_workshop": Evidence(0.6),
    }


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def card_needs(world: World) -> dict[str, float]:
    """How much each card would help, read from what happened in the round just played."""
    return {card: evidence.need for card, evidence in card_evidence(world).items()}


def suggest_cards(world: World, offer: tuple[str, ...], budget: int,
                  practices: frozenset[str] = frozenset(PRACTICES)) -> list[str]:
    """The cards a sensible desk buys after this round: most needed first, within the budget.

    A team without a card's practice does not see the point of its card (``CARD_NEEDS``),
    and a card the round gave no reason for (need 0: nothing left to learn, nothing in force
    to keep alive, morale fine) is not bought whatever the points left.
    """
    from deskgame.scenario.model import IMPROVEMENT_COSTS

    need = card_needs(world)
    ranked = sorted(IMPROVEMENT_PREFERENCE, key=lambda card: (-need.get(card, 0.0),
                                                             IMPROVEMENT_PREFERENCE.index(card)))
    chosen, left = [], budget
    for card in ranked:
        if CARD_NEEDS.get(card, "improve") not in practices or need.get(card, 0.0) <= 0.0:
            continue
        if card in offer and card not in world.improvements_in_force and IMPROVEMENT_COSTS[card] <= left:
            chosen.append(card)
            left -= IMPROVEMENT_COSTS[card]
    return chosen
