"""What every bot policy is: a listener on the world plus a way to pick improvement cards."""

from __future__ import annotations

from typing import Any

from deskgame.engine.world import World


class Policy:
    """The do-nothing team: every call gets its default, agents pull in arrival order."""

    name = "fifo"

    def attach(self, world: World) -> None:
        if type(self).react is not Policy.react:  # a team that never reacts need not be told
            world.listeners.append(self.react)

    def react(self, world: World, reason: str, subject: Any) -> None:
        """Called at each arrival, scripted event and 5-minute tick."""

    def choose_improvements(self, world: World, offer: tuple[str, ...], budget: int) -> list[str]:
        return []
