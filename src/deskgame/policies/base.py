"""What every bot policy is: a listener on the world plus a way to pick improvement cards."""

from __future__ import annotations

from typing import Any

from deskgame.engine.world import World

INF = float("inf")


class Policy:
    """The do-nothing team: every call gets its default, agents pull in arrival order."""

    name = "fifo"

    def attach(self, world: World) -> None:
        if type(self).react is not Policy.react:  # a team that never reacts need not be told
            world.listen(self.react, lambda: self.quiet_until(world))

    def react(self, world: World, reason: str, subject: Any) -> None:
        """Called at each arrival, scripted event and 5-minute tick (when it has work)."""

    def quiet_until(self, world: World) -> float:
        """Before when this team has nothing to do at a tick (``-inf``: it looks at every one).

        A team that acts at ticks later than this says so with ``world.wake_after``.
        """
        return -INF

    def choose_improvements(self, world: World, offer: tuple[str, ...], budget: int) -> list[str]:
        return []
