"""SIGHUP and SIGTERM end the game like closing it in demo mode: the loop stops, and the
caller saves and writes the results.

Without this SIGHUP (the terminal closed) kills the process unsaved, and SDL turns SIGTERM
(shutdown, kill) into a window close, which mid-round only asks "Leave the game?" and never
ends.
"""

from __future__ import annotations

import signal
from collections.abc import Callable


class StopSignals:
    """Catches the stop signals while the game runs; ``restore`` gives them back."""

    def __init__(self) -> None:
        self._previous: dict[int, object] = {}

    def catch(self, on_stop: Callable[[str], None]) -> None:
        """Call ``on_stop`` with the signal's name (SIGHUP, SIGTERM) when one arrives."""
        def stop(signum: int, _frame: object) -> None:
            on_stop(signal.Signals(signum).name)

        for name in ("SIGHUP", "SIGTERM"):
            number = getattr(signal, name, None)
            if number is not None:
                try:
                    self._previous[number] = signal.signal(number, stop)
                except ValueError:  # not the main thread (tests may build an App elsewhere)
                    return

    def restore(self) -> None:
        for number, previous in self._previous.items():
            signal.signal(number, previous if previous is not None else signal.SIG_DFL)  # type: ignore[arg-type]
        self._previous = {}
