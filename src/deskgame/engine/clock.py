"""The world's clock: a SimPy environment that counts its steps, ticks, and moves only when told.

Why a subclass: the world is driven from outside (a frame loop, a headless runner, a
replay), so it needs "process everything up to ``t``, then stand at ``t``" and "process
exactly ``n`` events" — and every decision records how many events came before it.
SimPy's ``run(until=...)`` stops *before* events at ``until`` and schedules an extra
event to do so; these methods give the exact semantics the game needs, with the clock
moved by its own class rather than by a caller reaching into SimPy.

Ticks (the world's every-5-minutes look) are not SimPy events: the clock runs them as
it passes their times, *before* any event at the same time.  That keeps SimPy's heap to
real work and saves an event per tick; since ticks are not steps, a decision's step
count means "real events before it", and replay runs every tick at or before a
decision's time before applying it — exactly what happened when it was made.

A tick with nothing to do is not run at all.  After each tick it runs, the clock asks the
world until when its ticks are quiet (``quiet_until``) and sets its next tick after that;
whatever gives a tick work earlier (a customer starts to wait, a bot starts listening)
wakes the clock (``wake_after``).  Quiet ticks still pass (``ticks_passed``): the round's
series has a point at every tick time, read from the satisfaction model's history when
someone looks rather than written by running each tick.
"""

from __future__ import annotations

import gc
from collections.abc import Callable

import simpy

INF = float("inf")
GC_EVERY = 50_000  # allocations between collections of the youngest generation, while running


class SteppedEnvironment(simpy.Environment):
    """A SimPy environment with ``advance_to``, ``run_until_step``, ticks and a step count."""

    def __init__(self) -> None:
        super().__init__()
        self.steps = 0  # events processed so far: the position a decision is recorded at
        self._tick_at = INF
        self._tick_origin = 0.0
        self._tick_period = 1.0
        self._tick_number = 0  # the next tick to run (its time: _tick_at)
        self._tick_count = 0
        self._on_tick: Callable[[], None] = lambda: None
        self._quiet_until: Callable[[], float] = lambda: -INF

    # ---------------------------------------------------------------- ticks
    def tick_every(self, period: float, count: int, on_tick: Callable[[], None],
                   quiet_until: Callable[[], float] | None = None) -> None:
        """Ticks every ``period`` minutes from now, ``count`` of them (replacing any): each
        that has work calls ``on_tick``.

        ``quiet_until()``, asked after each tick that runs, returns a time up to which ticks
        have nothing to do (``-inf``: every tick has); the clock's next tick is the first
        after it, unless ``wake_after`` brings it forward.
        """
        self._tick_origin, self._tick_period, self._on_tick = self.now, period, on_tick
        self._quiet_until = quiet_until or (lambda: -INF)
        self._tick_count = count
        self._tick_number = 0
        self._schedule_tick(1)

    def tick_time(self, number: int) -> float:
        """When tick ``number`` (1, 2, ...) falls: the one formula, so samples and ticks agree."""
        return self._tick_origin + number * self._tick_period

    @property
    def ticks_passed(self) -> int:
        """Ticks of the current run at or before now, run or passed quietly."""
        return self._first_tick_after(self._now) - 1

    def wake_after(self, t: float) -> None:
        """A tick after ``t`` (and after now) may have work: make sure the first one runs."""
        if t >= self._tick_at:
            return  # a tick at or before it runs anyway, and asks again what is quiet
        number = self._first_tick_after(max(t, self._now))
        if number < self._tick_number:
            self._schedule_tick(number)

    def _first_tick_after(self, t: float) -> int:
        """The number of the first tick at a time after ``t`` (count + 1 when none is)."""
        count = self._tick_count
        if t == INF:
            return count + 1
        if t < self._tick_origin:
            return 1
        # Jump by division, then settle the edges with the very formula the ticks use.
        number = min(count + 1, max(1, int((t - self._tick_origin) // self._tick_period)))
        while number <= count and self.tick_time(number) <= t:
            number += 1
        while number > 1 and self.tick_time(number - 1) > t:
            number -= 1
        return number

    def _schedule_tick(self, number: int) -> None:
        if number <= self._tick_count:
            self._tick_number, self._tick_at = number, self.tick_time(number)
        else:
            self._tick_number, self._tick_at = self._tick_count + 1, INF

    def _ticks_until(self, t: float) -> None:
        """Run every tick due at or before ``t`` (the clock stands at each as it runs)."""
        while self._tick_at <= t and self._tick_at != INF:  # INF: none due (t may be INF)
            self._now = self._tick_at
            number = self._tick_number
            self._schedule_tick(number + 1)  # before running: a wake inside may bring it forward
            self._on_tick()
            quiet = self._quiet_until()
            if quiet >= self._tick_at:  # the next tick is quiet too: look for the first that is not
                later = self._first_tick_after(quiet)
                if later > self._tick_number:
                    self._schedule_tick(later)

    # ---------------------------------------------------------------- moving
    def advance_to(self, t: float) -> None:
        """Process every tick and event at or before ``t``, then set the clock to ``t``."""
        threshold = gc.get_threshold()
        # A run allocates many short-lived objects and few cycles: collecting the youngest
        # generation every 700 allocations cost about a tenth of a long run (measured in
        # benchmarks/engine.py); every 50,000 costs next to nothing.  Restored afterwards.
        gc.set_threshold(max(threshold[0], GC_EVERY), *threshold[1:])
        try:
            self._advance_to(t)
        finally:
            gc.set_threshold(*threshold)

    def _advance_to(self, t: float) -> None:
        peek, step = self.peek, self.step
        while True:
            upcoming = peek()
            if self._tick_at <= upcoming and self._tick_at <= t and self._tick_at != INF:
                self._ticks_until(min(upcoming, t))
                continue
            if upcoming > t:
                break
            self.steps += 1  # before the step: a decision made inside it records this count
            step()
        if t > self._now:
            self._now = t

    def run_until_step(self, steps: int, t: float) -> None:
        """Process events until ``steps`` are done, then stand at ``t`` (replaying a decision)."""
        while self.steps < steps:
            self._ticks_until(self.peek())
            self.steps += 1
            self.step()
        if self.peek() < t:
            raise ValueError(f"decision at t={t} is after the next event at {self.peek()}")
        self._ticks_until(t)
        if t > self._now:
            self._now = t

    # ---------------------------------------------------------------- scheduling
    def at(self, delay: float, action: Callable[[], None]) -> None:
        """Call ``action`` after ``delay`` simulated minutes (never in the past)."""
        self.timeout(max(0.0, delay)).callbacks.append(lambda _event: action())

    def call_later(self, delay: float, callback: Callable[[simpy.Event], None]) -> None:
        """The hot-path form of ``at``: the callback receives the event (no extra closure)."""
        self.timeout(delay).callbacks.append(callback)
