"""The servant: whoever shouts loudest is served first (the trap the game teaches)."""

from __future__ import annotations

from typing import Any

from deskgame.engine.priority import raise_
from deskgame.engine.tickets import Ticket
from deskgame.engine.world import World
from deskgame.policies.base import Policy


class ServantPolicy(Policy):
    """Takes every end-run, believes every stated urgency, serves fake emergencies first,
    says "unsupported" to what it does not know, and bumps the influential callers."""

    name = "servant"

    def react(self, world: World, reason: str, subject: Any) -> None:
        if reason != "arrival" or not isinstance(subject, Ticket):
            return
        ticket = subject
        answers = {"end_run": "take", "byod": "unsupported", "fake_emergency": "serve"}
        if ticket.call_pending and ticket.kind in answers:
            world.try_command("answer", ticket=ticket.id, choice=answers[ticket.kind])
            return
        if ticket.is_open and ticket.started is None and not ticket.hidden and not ticket.repair:
            influence = world.influence[ticket.customer]
            mean = 1 / len(world.influence)
            priority = ticket.stated_priority
            if influence > mean:
                priority = raise_(priority)
            world.try_command("set_priority", ticket=ticket.id, priority=priority)

    def quiet_until(self, world: World) -> float:
        return float("inf")  # it acts on arrivals only
