"""The world's clock: a SimPy environment that counts its steps and moves only when told.

Why a subclass: the world is driven from outside (a frame loop, a headless runner, a
replay), so it needs "process everything up to ``t``, then stand at ``t``" and "process
exactly ``n`` events" — and every decision records how many events came before it.
SimPy's ``run(until=...)`` stops *before* events at ``until`` and schedules an extra
event to do so; these two methods give the exact semantics the game needs, with the
clock moved by its own class rather than by a caller reaching into SimPy.
"""

from __future__ import annotations

from collections.abc import Callable

import simpy


class SteppedEnvironment(simpy.Environment):
    """A SimPy environment with ``advance_to``, ``run_until_step`` and a step count."""

    def __init__(self) -> None:
        super().__init__()
        self.steps = 0  # events processed so far: the position a decision is recorded at

    def advance_to(self, t: float) -> None:
        """Process every event scheduled at or before ``t``, then set the clock to ``t``."""
        peek, step = self.peek, self.step
        while peek() <= t:
            self.steps += 1  # before the step: a decision made inside it records this count
            step()
        if t > self._now:
            self._now = t

    def run_until_step(self, steps: int, t: float) -> None:
        """Process events until ``steps`` are done, then stand at ``t`` (replaying a decision)."""
        while self.steps < steps:
            self.steps += 1
            self.step()
        if t > self._now:
            if self.peek() < t:
                raise ValueError(f"decision at t={t} is after the next event at {self.peek()}")
            self._now = t

    def at(self, delay: float, action: Callable[[], None]) -> None:
        """Call ``action`` after ``delay`` simulated minutes (never in the past)."""
        self.timeout(max(0.0, delay)).callbacks.append(lambda _event: action())

    def call_later(self, delay: float, callback: Callable[[simpy.Event], None]) -> None:
        """The hot-path form of ``at``: the callback receives the event (no extra closure)."""
        self.timeout(delay).callbacks.append(callback)
