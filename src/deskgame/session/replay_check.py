"""Comparing a replay with the results file it came from: the first place they differ.

Apart from the command because it is the meaning of "identical": which fields a replay
may differ in (the versions, where the scenario file was) and how a difference is named
(``rounds[2].tickets[3].agent: 'Nobody' != 'Priya'``).
"""

from __future__ import annotations

from collections.abc import Sequence

IGNORED = ("deskgame_version", "numpy_version", "scenario.file")  # may differ in a faithful replay


class RoundChecker:
    """Compares each replayed round with the file's as the round closes, then lets both go.

    A long session's rounds are most of its results (every ticket): holding the file's and
    the replay's at once would double the memory a replay needs.
    """

    def __init__(self, original: dict[str, object]) -> None:
        rounds = original.get("rounds")
        self.in_file: list[object] = rounds if isinstance(rounds, list) else []
        self.count_in_file = len(self.in_file)
        self.count_replayed = 0
        self.difference: str | None = None

    def check(self, record: dict[str, object]) -> None:
        index = self.count_replayed
        self.count_replayed += 1
        if index >= len(self.in_file):
            return  # more rounds than the file: the count says so at the end
        if self.difference is None:
            self.difference = first_difference(self.in_file[index], record, f"rounds[{index}]")
        self.in_file[index] = None
        record["tickets"] = []  # compared; nothing after this reads a replayed round's tickets


def _short(value: object) -> str:
    shown = repr(value)
    return shown if len(shown) <= 80 else shown[:77] + "..."


def first_difference(a: object, b: object, path: str = "") -> str | None:
    """The first place two JSON-like values differ, as ``path: a != b``."""
    if path in IGNORED:
        return None
    if isinstance(a, dict) and isinstance(b, dict):
        for key in list(a) + [k for k in b if k not in a]:
            found = first_difference(a.get(key), b.get(key), f"{path}.{key}" if path else key)
            if found:
                return found
        return None
    if isinstance(a, Sequence) and isinstance(b, Sequence) and not isinstance(a, str | bytes) \
            and not isinstance(b, str | bytes):  # lists, and a round's TicketTable
        for i, (x, y) in enumerate(zip(a, b, strict=False)):
            found = first_difference(x, y, f"{path}[{i}]")
            if found:
                return found
        if len(a) != len(b):
            return f"{path}: {len(a)} items != {len(b)} items"
        return None
    if a != b:
        return f"{path}: {_short(a)} != {_short(b)}"
    return None
