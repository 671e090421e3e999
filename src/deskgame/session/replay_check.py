"""Comparing a replay with the results file it came from: the first place they differ.

Apart from the command because it is the meaning of "identical": which fields a replay
may differ in (the versions, where the scenario file was) and how a difference is named
(``rounds[2].tickets[3].agent: 'Nobody' != 'Priya'``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

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


_PLAIN = (dict, list, str, int, float)


def first_difference(a: object, b: object, path: str = "") -> str | None:
    """The first place two JSON-like values differ, as ``path: a != b``."""
    if path in IGNORED:
        return None
    if type(a) is type(b) and type(a) in _PLAIN and a == b:
        return None  # the usual case, decided in C (a ticket, a round's figures)
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


class StreamedRounds:
    """``RoundChecker`` for a file read piece by piece: each replayed round is compared with
    the file's next round as that round is parsed, one ticket at a time, so neither the
    file's rounds nor its text are ever held whole.  The order of comparison is
    ``first_difference``'s (the file's keys in order, then the replay's other keys), so a
    difference is named at the same place as when the file was read whole.
    """

    def __init__(self, rounds: Iterator[Iterator[tuple[str, Any, Any]]]) -> None:
        self._rounds = rounds
        self.count_replayed = 0
        self.difference: str | None = None
        self.file_failed = False   # the file itself broke while being read (the stream is spent)

    def check(self, record: dict[str, Any]) -> None:
        index = self.count_replayed
        self.count_replayed += 1
        try:
            pieces = next(self._rounds, None)
            if pieces is None:
                return  # more rounds than the file: the count says so at the end
            found = _compare_round(pieces, record, f"rounds[{index}]", compare=self.difference is None)
        except BaseException:
            self.file_failed = True
            raise
        if self.difference is None:
            self.difference = found
        record["tickets"] = []  # compared; nothing after this reads a replayed round's tickets


def _compare_round(pieces: Iterator[tuple[str, Any, Any]], replayed: dict[str, Any], path: str,
                   compare: bool) -> str | None:
    """Read one round's pieces to the end; the first difference from ``replayed`` if ``compare``."""
    found: str | None = None
    seen: set[str] = set()
    whole = False
    tickets: Sequence[Any] = ()
    for kind, key, value in pieces:
        if not compare or found is not None:
            continue  # still read: a broken file further on must be told
        if kind == "value":
            whole = True
            found = first_difference(value, replayed, path)
        elif kind == "field":
            seen.add(key)
            found = first_difference(value, replayed.get(key), f"{path}.{key}")
        elif kind == "tickets":
            seen.add("tickets")
            tickets = replayed.get("tickets")  # type: ignore[assignment]
            if not isinstance(tickets, Sequence) or isinstance(tickets, str | bytes):
                found = f"{path}.tickets: a list != {_short(tickets)}"
        elif kind == "ticket":
            if key < len(tickets):
                found = first_difference(value, tickets[key], f"{path}.tickets[{key}]")
        elif kind == "tickets_end" and key != len(tickets):
            found = f"{path}.tickets: {key} items != {len(tickets)} items"
    if compare and found is None and not whole:
        for key in replayed:
            if key not in seen:
                found = first_difference(None, replayed[key], f"{path}.{key}")
                if found:
                    break
    return found


def difference_with_streamed(original: dict[str, Any], again: dict[str, Any],
                             streamed: dict[str, Callable[[], Iterable[Any]]]) -> str | None:
    """``first_difference(original, again)`` where the lists named in ``streamed`` are not in
    ``original`` but read again, one item at a time, from the file (a long session's decisions)."""
    for key in list(original) + [k for k in again if k not in original]:
        if key in streamed:
            found = _list_difference(streamed[key](), again.get(key), key)
        else:
            found = first_difference(original.get(key), again.get(key), key)
        if found:
            return found
    return None


def _list_difference(items: Iterable[Any], other: Any, path: str) -> str | None:
    """``first_difference`` of a list given as an iterable and ``other``, item by item."""
    if not isinstance(other, Sequence) or isinstance(other, str | bytes):
        return f"{path}: a list != {_short(other)}"
    count = 0
    for i, item in enumerate(items):
        count += 1
        if i < len(other):
            found = first_difference(item, other[i], f"{path}[{i}]")
            if found:
                return found
    if count != len(other):
        return f"{path}: {count} items != {len(other)} items"
    return None
