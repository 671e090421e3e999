"""A round's tickets as the results file lists them, held as columns rather than dicts.

Why: a results record keeps every ticket of every round, and a dict per ticket costs
about 0.75 KB — more than the ticket itself.  Columns of shared strings and packed
floats cost about 0.1 KB.  The table reads like the list of dicts the results file holds
(iterate, index, ``len``, compare with a list), and is written out in chunks.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, overload

TEXT = ("id", "kind", "customer", "channel", "priority")
TIMES = ("arrived", "started", "resolved")
LATER = ("agent", "title", "outcome")
FIELDS = (*TEXT, *TIMES, *LATER, "rating")  # the results file's order (DESIGN.md section 5)
NAN = float("nan")


class TicketTable(Sequence[dict[str, Any]]):
    """Rows of ``FIELDS``; ``None`` times and ratings are kept as NaN and given back as None."""

    __slots__ = ("_text", "_numbers")

    def __init__(self) -> None:
        self._text: dict[str, list[Any]] = {name: [] for name in (*TEXT, *LATER)}
        self._numbers: dict[str, array] = {name: array("d") for name in (*TIMES, "rating")}

    @classmethod
    def from_rows(cls, rows: Iterable[tuple]) -> TicketTable:
        """Rows as tuples in ``FIELDS`` order."""
        table = cls()
        columns = [table._text[name] if name in table._text else table._numbers[name] for name in FIELDS]
        numeric = [name in table._numbers for name in FIELDS]
        for row in rows:
            for column, is_number, value in zip(columns, numeric, row, strict=True):
                column.append((NAN if value is None else value) if is_number else value)
        return table

    def __len__(self) -> int:
        return len(self._text["id"])

    def _row(self, index: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in FIELDS:
            if name in self._text:
                out[name] = self._text[name][index]
            else:
                value = self._numbers[name][index]
                out[name] = None if math.isnan(value) else value
        return out

    @overload
    def __getitem__(self, index: int) -> dict[str, Any]: ...

    @overload
    def __getitem__(self, index: slice) -> list[dict[str, Any]]: ...

    def __getitem__(self, index: int | slice) -> dict[str, Any] | list[dict[str, Any]]:
        if isinstance(index, slice):
            return [self._row(i) for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self._row(index)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return (self._row(i) for i in range(len(self)))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, TicketTable | list):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    def __repr__(self) -> str:
        return f"TicketTable({len(self)} tickets)"

    def chunks(self, size: int = 4096) -> Iterator[list[dict[str, Any]]]:
        """The rows in lists of ``size`` (for writing without building them all at once)."""
        for start in range(0, len(self), size):
            yield self[start:start + size]
