"""The schema language's single values: text, numbers, flags, names, durations, rates, clock times.

The core (context, problems, the ``Spec`` base) is ``spec.py``; containers are ``spec_records.py``."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal
from typing import Any

from yaml.nodes import Node, ScalarNode

from deskgame.scenario.scales import (
    LEVEL,
    SHARE,
    level_below_one_message,
    percent_hint,
    percent_of,
    share_above_one_hint,
)
from deskgame.scenario.spec import (
    INVALID,
    Context,
    Spec,
    describe,
    suggest,
)
from deskgame.scenario.units import (
    DURATION_UNITS,
    compound_duration_meant,
    duration_meant,
    format_clock,
    format_duration,
    format_rate,
    parse_clock,
    parse_duration,
    parse_rate,
    rate_meant,
)

# Control characters (C0, DEL, C1) cannot be drawn on the board or printed in a report;
# multi-line texts (a briefing) may still hold line breaks and tabs.
_CONTROL = "".join(chr(c) for c in [*range(0x20), *range(0x7F, 0xA0)])
_CONTROL_MULTILINE = _CONTROL.replace("\t", "").replace("\n", "").replace("\r", "")


def _regex_class(chars: str) -> str:
    return "".join(f"\\u{ord(c):04x}" for c in chars)


@dataclass
class Str(Spec):
    """Text: a name, a title or a briefing.  A plain number is taken as its text (``id: 42``)."""

    description: str = ""
    expected: str = "some text"
    max_length: int = 10_000
    multiline: bool = False

    def convert(self, node: Node, path: str, ctx: Context) -> Any:
        value = self._scalar(node, path, ctx)
        if value is INVALID:
            return value
        if isinstance(value, bool) or value is None:
            return ctx.problem(node, path, f"expected {self.expected}, found {describe(node)}")
        text = node.value if isinstance(node, ScalarNode) else str(value)
        if not text.strip() and not self.multiline:   # an empty briefing is harmless; an empty name is not
            return ctx.problem(node, path, f"expected {self.expected}, found an empty text")
        if len(text) > self.max_length:
            return ctx.problem(node, path, f"{self.expected} of {len(text):,} characters; the limit is "
                               f"{self.max_length:,}")
        forbidden = _CONTROL_MULTILINE if self.multiline else _CONTROL
        bad = next((c for c in text if c in forbidden), None)
        if bad is not None:
            what = "a NUL character" if bad == "\0" else f"the control character U+{ord(bad):04X}"
            return ctx.problem(node, path, f"{self.expected} contains {what}; use plain printable text")
        return text

    def schema(self) -> dict[str, Any]:
        if self.multiline:
            forbidden = _regex_class(_CONTROL_MULTILINE)
            return self._with_description({"type": "string", "maxLength": self.max_length,
                                           "pattern": f"^[^{forbidden}]*$"})
        forbidden = _regex_class(_CONTROL)
        text = {"type": "string", "maxLength": self.max_length,
                "pattern": f"^[^{forbidden}]*[^{forbidden}\\s][^{forbidden}]*$"}
        return self._with_description({"anyOf": [text, {"type": "number"}]})


def _bound(limit: float) -> str:
    """A limit as a facilitator reads it: 1000000 as 1,000,000, 2^63-1 as 2^63-1, 0.5 as 0.5."""
    if limit == 2**63 - 1:
        return "2^63-1"
    return f"{limit:,}" if float(limit).is_integer() and abs(limit) >= 10_000 else f"{limit:g}"


@dataclass
class Number(Spec):
    description: str = ""
    minimum: float | None = None
    maximum: float | None = None
    exclusive_minimum: bool = False
    integer: bool = False
    # What the number is on (``scales.py``: a share of 1, a 0-100 level, a multiplier, a
    # weight), and ``meaning``, how messages say so ("satisfaction is on the 0-100 scale").
    # A percentage, a share written as a percent (30 for 0.3), or a level written as a share
    # (0.6 for 60: refused, since a level between 0 and 1 is never meant) gets the number meant.
    scale: str = ""
    meaning: str = ""

    @property
    def expected(self) -> str:  # type: ignore[override]
        kind = "a whole number" if self.integer else "a number"
        bounds = []
        if self.minimum is not None:
            bounds.append(f"{'above' if self.exclusive_minimum else 'at least'} {_bound(self.minimum)}")
        if self.maximum is not None:
            bounds.append(f"at most {_bound(self.maximum)}")
        return kind + (f" ({' and '.join(bounds)})" if bounds else "")

    def convert(self, node: Node, path: str, ctx: Context) -> Any:
        value = self._scalar(node, path, ctx)
        if value is INVALID:
            return value
        ok_type = (int,) if self.integer else (int, float)
        if isinstance(value, bool) or not isinstance(value, ok_type) or not math.isfinite(value):
            percent = percent_of(value) if isinstance(value, str) else None
            hint = "" if percent is None else percent_hint(
                percent, self.scale, self.meaning, self.minimum if self.minimum is not None else -math.inf,
                self.maximum if self.maximum is not None else math.inf)
            return ctx.problem(node, path, f"expected {self.expected}, found {describe(node)}{hint}")
        too_low = self.minimum is not None and (
            value <= self.minimum if self.exclusive_minimum else value < self.minimum
        )
        too_high = self.maximum is not None and value > self.maximum
        if too_low or too_high:
            hint = share_above_one_hint(value, self.meaning) if self.scale == SHARE and too_high else ""
            return ctx.problem(node, path, f"expected {self.expected}, found {describe(node)}{hint}")
        if self.scale == LEVEL and 0 < value < 1:
            return ctx.problem(node, path, level_below_one_message(value, self.meaning))
        return int(value) if self.integer else float(value)

    def schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "integer" if self.integer else "number"}
        if self.minimum is not None:
            schema["exclusiveMinimum" if self.exclusive_minimum else "minimum"] = self.minimum
        if self.maximum is not None:
            schema["maximum"] = self.maximum
        if self.scale == LEVEL:
            schema["not"] = {"exclusiveMinimum": 0, "exclusiveMaximum": 1}
        return self._with_description(schema)


@dataclass
class Bool(Spec):
    description: str = ""
    expected: str = "true or false"

    def convert(self, node: Node, path: str, ctx: Context) -> Any:
        value = self._scalar(node, path, ctx)
        if value is INVALID:
            return value
        if not isinstance(value, bool):
            return ctx.problem(node, path, f"expected {self.expected}, found {describe(node)}")
        return value

    def schema(self) -> dict[str, Any]:
        return self._with_description({"type": "boolean"})


@dataclass
class Enum(Spec):
    values: Sequence[str] = ()
    description: str = ""

    @property
    def expected(self) -> str:  # type: ignore[override]
        return "one of " + ", ".join(self.values)

    def convert(self, node: Node, path: str, ctx: Context) -> Any:
        value = self._scalar(node, path, ctx)
        if value is INVALID:
            return value
        if not isinstance(value, str) or value not in self.values:
            hint = suggest(str(value), self.values)
            return ctx.problem(node, path, f"expected {self.expected}, found {describe(node)}{hint}")
        return value

    def schema(self) -> dict[str, Any]:
        return self._with_description({"type": "string", "enum": list(self.values)})


@dataclass
class Const(Spec):
    value: str = ""
    description: str = ""

    @property
    def expected(self) -> str:  # type: ignore[override]
        return repr(self.value)

    def convert(self, node: Node, path: str, ctx: Context) -> Any:
        value = self._scalar(node, path, ctx)
        if value is INVALID:
            return value
        if value != self.value:
            return ctx.problem(node, path, f"expected {self.expected}, found {describe(node)}")
        return value

    def schema(self) -> dict[str, Any]:
        return self._with_description({"const": self.value})


@dataclass
class Duration(Spec):
    """A duration such as ``90s``, ``15m``, ``1.5h`` or ``2d``; converted to minutes."""

    description: str = ""
    allow_zero: bool = False
    maximum_minutes: float = 30 * 1440
    minimum_minutes: float = 0.0
    expected: str = "a duration such as 90s, 15m, 1.5h or 2d"

    def convert(self, node: Node, path: str, ctx: Context) -> Any:
        value = self._scalar(node, path, ctx)
        if value is INVALID:
            return value
        if self.allow_zero and value == 0 and not isinstance(value, bool):
            return 0.0
        minutes = parse_duration(value) if isinstance(value, str) else None
        if minutes is None and _negative(value, parse_duration):
            least = "0 or more" if self.allow_zero else "above zero"
            return ctx.problem(node, path, f"expected a duration {least}, found {describe(node)}: "
                               "a duration cannot be negative")
        if minutes is None:
            extra = " (add a unit: s, m, h or d)" if isinstance(value, int | float) else ""
            meant = duration_meant(value) if isinstance(value, str) else None
            extra = f" (did you mean {meant}?)" if meant else extra
            joined = compound_duration_meant(value) if isinstance(value, str) else None
            extra = f" (write {joined}: one unit per duration)" if joined else extra
            return ctx.problem(node, path, f"expected {self.expected}, found {describe(node)}{extra}")
        if minutes == 0 and not self.allow_zero:
            return ctx.problem(node, path, f"expected a duration above zero, found {describe(node)}")
        if 0 < minutes < self.minimum_minutes:
            return ctx.problem(node, path, f"expected {'0 or ' if self.allow_zero else ''}at least "
                               f"{format_duration(self.minimum_minutes)}, found {describe(node)}")
        if minutes > self.maximum_minutes:
            return ctx.problem(node, path, f"expected a duration of at most "
                               f"{self.maximum_minutes / 1440:g}d, found {describe(node)}")
        return minutes

    def to_json(self, value: Any) -> Any:
        return 0 if value == 0 else format_duration(value)

    def schema(self) -> dict[str, Any]:
        pattern = r"^\s*(\d+(\.\d*)?|\.\d+)\s*[smhd]\s*$"
        zero = r"^\s*0*\.?0*\s*[smhd]\s*$"
        text: dict[str, Any] = {"type": "string", "pattern": pattern}
        refused: list[dict[str, Any]] = [] if self.allow_zero else [{"pattern": zero}]
        if self.minimum_minutes > 0:
            below = "|".join(f"(?:{_below(self.minimum_minutes / DURATION_UNITS[unit])})\\s*{unit}"
                             for unit in "smhd")
            refused.append({"allOf": [{"pattern": f"^\\s*(?:{below})\\s*$"}, {"not": {"pattern": zero}}]})
        if refused:
            text["not"] = refused[0] if len(refused) == 1 else {"anyOf": refused}
        return self._with_description({"anyOf": [text, {"const": 0}]} if self.allow_zero else text)


def _negative(value: Any, parse: Callable[[str], float | None]) -> bool:
    """True for a text that would be a valid duration or rate but for a minus sign
    (``-1h``, ``- 2/h``): the problem is the sign, not the spelling."""
    if not isinstance(value, str) or not value.strip().startswith("-"):
        return False
    return parse(value.strip()[1:]) is not None


def _below(threshold: float, digits: int = 12) -> str:
    """A regex for the decimals (as the duration syntax writes them) below ``threshold``.

    Exact for thresholds of 1 or more in whole numbers; below 1 the threshold is cut to
    ``digits`` decimals, so the schema and the validator can disagree only within 1e-12.
    """
    if threshold > 1:
        whole = int(threshold)
        return f"0*[0-{whole - 1}](?:\\.\\d*)?|\\.\\d+" if whole <= 10 else "\\.\\d+"
    if threshold == 1:
        return "0*(?:\\.\\d*)?|\\.\\d+"
    fraction = str(Decimal(threshold).quantize(Decimal(10) ** -digits, rounding=ROUND_DOWN)).split(".")[1]
    options = []
    for i, digit in enumerate(fraction):
        prefix = fraction[:i]
        if digit != "0":
            options.append(f"{prefix}(?:[0-{int(digit) - 1}]\\d*)?")
    return f"0*\\.(?:{'|'.join(options)})|0*\\.?"


@dataclass
class Rate(Spec):
    """A mean rate such as ``6/h``, ``2.5/h`` or ``30/d``; converted to arrivals per minute."""

    description: str = ""
    expected: str = "a rate such as 6/h, 2.5/h or 30/d"

    def convert(self, node: Node, path: str, ctx: Context) -> Any:
        value = self._scalar(node, path, ctx)
        if value is INVALID:
            return value
        per_minute = parse_rate(value) if isinstance(value, str) else None
        if per_minute is None and _negative(value, parse_rate):
            return ctx.problem(node, path, f"expected a rate above zero, found {describe(node)}: "
                               "a rate cannot be negative")
        if per_minute is None:
            extra = " (add a unit: /h or /d)" if isinstance(value, int | float) else ""
            meant = rate_meant(value) if isinstance(value, str) else None
            extra = f" (did you mean {meant}?)" if meant else extra
            return ctx.problem(node, path, f"expected {self.expected}, found {describe(node)}{extra}")
        if per_minute <= 0:
            return ctx.problem(node, path, f"expected a rate above zero, found {describe(node)}")
        return per_minute

    def to_json(self, value: Any) -> Any:
        return format_rate(value)

    def schema(self) -> dict[str, Any]:
        pattern = r"^\s*(\d+(\.\d*)?|\.\d+)\s*/\s*[mhd]\s*$"
        return self._with_description({"type": "string", "pattern": pattern,
                                       "not": {"pattern": r"^\s*0*\.?0*\s*/"}})


def clock_from_node(node: Node, path: str, ctx: Context, expected: str) -> Any:
    """A clock time ``"HH:MM"`` in minutes after midnight.

    YAML 1.1 reads an unquoted ``10:30`` as the base-60 number 630; the composed node
    still holds the text as written, so the clock time is recovered from it.
    """
    if not isinstance(node, ScalarNode):
        return ctx.problem(node, path, f"expected {expected}, found {describe(node)}")
    minutes = parse_clock(node.value)
    if minutes is None:
        return ctx.problem(node, path, f"expected {expected}, found {describe(node)}")
    return minutes


@dataclass
class Clock(Spec):
    description: str = ""
    expected: str = 'a clock time "HH:MM" such as "08:00"'

    def convert(self, node: Node, path: str, ctx: Context) -> Any:
        return clock_from_node(node, path, ctx, self.expected)

    def to_json(self, value: Any) -> Any:
        return format_clock(value)

    def schema(self) -> dict[str, Any]:
        # A YAML 1.1 reader (PyYAML) turns an unquoted 10:30 into the number 630, which the
        # loader still reads as 10:30 from the text; so a whole number is accepted here too.
        return self._with_description({"anyOf": [
            {"type": "string", "pattern": r"^\s*([01]?\d|2[0-3]):[0-5]\d\s*$"},
            {"type": "integer", "minimum": 0}]})
