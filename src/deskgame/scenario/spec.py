"""A tiny schema language: one definition gives both the loader's checks and the JSON Schema.

Each ``Spec`` knows how to turn a composed YAML node into a Python value (recording
problems with their line, column and path instead of raising) and how to describe
itself as JSON Schema.  ``definition.py`` writes the scenario format with these
pieces, so the validator and ``deskgame schema`` cannot drift apart.
"""

from __future__ import annotations

import difflib
import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from deskgame.scenario.errors import Problem
from deskgame.scenario.limits import MAX_NODES
from deskgame.scenario.units import (
    DURATION_UNITS,
    format_clock,
    format_duration,
    format_rate,
    parse_clock,
    parse_duration,
    parse_rate,
)


class Invalid:
    """Marker for a value that failed to convert (its problem is already recorded)."""

    def __repr__(self) -> str:
        return "INVALID"


INVALID = Invalid()

_STR = "tag:yaml.org,2002:str"
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


@dataclass
class Context:
    """Collects problems and node positions while a file is converted."""

    file: str
    problems: list[Problem] = field(default_factory=list)
    positions: dict[str, tuple[int, int]] = field(default_factory=dict)
    nodes_seen: int = 0
    too_many_nodes: bool = False

    def where(self, node: Node) -> tuple[int, int]:
        return node.start_mark.line + 1, node.start_mark.column + 1

    def problem(self, node: Node | None, path: str, message: str) -> Invalid:
        line, col = self.where(node) if node is not None else self.positions.get(path, (1, 1))
        self.problems.append(Problem(line, col, path, message, self.file))
        return INVALID

    def problem_at(self, path: str, message: str) -> None:
        """A problem found after conversion, placed at the recorded position of ``path``."""
        line, col = self.lookup(path)
        self.problems.append(Problem(line, col, path, message, self.file))

    def lookup(self, path: str) -> tuple[int, int]:
        while path and path not in self.positions:
            cut = max(path.rfind("."), path.rfind("["))
            path = path[:cut] if cut > 0 else ""
        return self.positions.get(path, (1, 1))

    def visit(self, node: Node, path: str) -> bool:
        """Count a node (aliases expand, so a bomb is caught here); False once over the cap."""
        self.nodes_seen += 1
        self.positions.setdefault(path, self.where(node))
        if self.nodes_seen > MAX_NODES:
            if not self.too_many_nodes:
                self.too_many_nodes = True
                self.problem(node, path, f"the document expands to more than {MAX_NODES:,} "
                             "values (too many aliases?); refusing to read further")
            return False
        return True


def join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def describe(node: Node) -> str:
    """How a found value is named in messages: the text as written, or its kind."""
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    text = node.value
    if text == "" or node.tag == "tag:yaml.org,2002:null":
        return "nothing (an empty value)"
    if len(text) > 40:
        text = text[:37] + "..."
    return repr(text)


def scalar_value(node: ScalarNode) -> Any:
    """The Python value of a scalar, using YAML's safe rules (ints, floats, bools, null)."""
    if node.tag == _STR:
        return node.value
    try:
        return _CONSTRUCTOR.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError, OverflowError):
        return node.value


class Spec:
    """Base of every spec: ``convert`` a node, describe as ``schema``."""

    description: str = ""
    expected: str = "a value"

    def convert(self, node: Node, path: str, ctx: Context) -> Any:  # pragma: no cover
        raise NotImplementedError

    def schema(self) -> dict[str, Any]:  # pragma: no cover
        raise NotImplementedError

    def node_kind(self) -> type[Node]:
        """Which YAML node kind this spec takes (used by ``Choice``)."""
        return ScalarNode

    def to_json(self, value: Any) -> Any:
        """A converted value written back as a facilitator would write it (for schema defaults)."""
        return value

    def _scalar(self, node: Node, path: str, ctx: Context) -> Any:
        if not isinstance(node, ScalarNode):
            return ctx.problem(node, path, f"expected {self.expected}, found {describe(node)}")
        return scalar_value(node)

    def _with_description(self, schema: dict[str, Any]) -> dict[str, Any]:
        if self.description:
            schema["description"] = self.description
        return schema


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


@dataclass
class Number(Spec):
    description: str = ""
    minimum: float | None = None
    maximum: float | None = None
    exclusive_minimum: bool = False
    integer: bool = False

    @property
    def expected(self) -> str:  # type: ignore[override]
        kind = "a whole number" if self.integer else "a number"
        bounds = []
        if self.minimum is not None:
            bounds.append(f"{'above' if self.exclusive_minimum else 'at least'} {self.minimum:g}")
        if self.maximum is not None:
            bounds.append(f"at most {self.maximum:g}")
        return kind + (f" ({' and '.join(bounds)})" if bounds else "")

    def convert(self, node: Node, path: str, ctx: Context) -> Any:
        value = self._scalar(node, path, ctx)
        if value is INVALID:
            return value
        ok_type = (int,) if self.integer else (int, float)
        if isinstance(value, bool) or not isinstance(value, ok_type) or not math.isfinite(value):
            return ctx.problem(node, path, f"expected {self.expected}, found {describe(node)}")
        too_low = self.minimum is not None and (
            value <= self.minimum if self.exclusive_minimum else value < self.minimum
        )
        too_high = self.maximum is not None and value > self.maximum
        if too_low or too_high:
            return ctx.problem(node, path, f"expected {self.expected}, found {describe(node)}")
        return int(value) if self.integer else float(value)

    def schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "integer" if self.integer else "number"}
        if self.minimum is not None:
            schema["exclusiveMinimum" if self.exclusive_minimum else "minimum"] = self.minimum
        if self.maximum is not None:
            schema["maximum"] = self.maximum
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
        if minutes is None:
            extra = " (add a unit: s, m, h or d)" if isinstance(value, int | float) else ""
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
        if per_minute is None:
            extra = " (add a unit: /h or /d)" if isinstance(value, int | float) else ""
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


@dataclass
class ListOf(Spec):
    item: Spec = field(default_factory=Str)
    description: str = ""
    min_items: int = 0
    max_items: int = 1000
    unique: bool = False

    @property
    def expected(self) -> str:  # type: ignore[override]
        return "a list"

    def node_kind(self) -> type[Node]:
        return SequenceNode

    def convert(self, node: Node, path: str, ctx: Context) -> Any:
        if not isinstance(node, SequenceNode):
            return ctx.problem(node, path, f"expected a list, found {describe(node)}")
        if len(node.value) < self.min_items:
            return ctx.problem(node, path, f"expected at least {self.min_items} "
                               f"item{'s' if self.min_items != 1 else ''}, found {len(node.value)}")
        if len(node.value) > self.max_items:
            return ctx.problem(node, path, f"expected at most {self.max_items} items, "
                               f"found {len(node.value)}")
        items = []
        for index, child in enumerate(node.value):
            child_path = join(path, index)
            if not ctx.visit(child, child_path):
                return INVALID
            items.append(self.item.convert(child, child_path, ctx))
        if any(item is INVALID for item in items):
            return INVALID
        if self.unique:
            seen: set[Any] = set()
            for index, item in enumerate(items):
                if item in seen:
                    ctx.problem(node.value[index], join(path, index), f"{item!r} is listed twice")
                seen.add(item)
        return tuple(items)

    def to_json(self, value: Any) -> Any:
        return [self.item.to_json(v) for v in value]

    def schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "array", "items": self.item.schema(), "maxItems": self.max_items}
        if self.min_items:
            schema["minItems"] = self.min_items
        if self.unique:
            schema["uniqueItems"] = True
        return self._with_description(schema)


def suggest(word: str, options: Sequence[str]) -> str:
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _sentence(text: str) -> str:
    """``text`` as a sentence ready for another one after it ('' stays '')."""
    text = text.strip()
    if not text:
        return ""
    return f"{text[0].upper()}{text[1:]}{'' if text.endswith(('.', '?', '!')) else '.'} "


def _comma_hint(mapping: Node, key: str, value: Node, before: tuple[str, Node] | None) -> str:
    """A bare word in a flow mapping (``{name: Smith, Jones, ...}``) is a comma in an unquoted value."""
    if not (getattr(mapping, "flow_style", False) and isinstance(value, ScalarNode) and value.value == ""
            and value.tag == "tag:yaml.org,2002:null"):
        return ""
    example = "name: \"Smith, Jones\""
    if before is not None and isinstance(before[1], ScalarNode) and before[1].value:
        example = f"{before[0]}: \"{before[1].value}, {key}\""
    return (f". Inside {{...}} a comma ends a value: if {key!r} belongs to the value before it, "
            f"quote names that contain a comma: {example}")


def mapping_items(node: MappingNode, path: str, ctx: Context) -> list[tuple[str, Node, Node]]:
    """The (key, key node, value node) pairs of a mapping, reporting odd and duplicate keys."""
    items: list[tuple[str, Node, Node]] = []
    seen: dict[str, int] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
            what = "a merge key (<<)" if isinstance(key_node, ScalarNode) else describe(key_node)
            ctx.problem(key_node, path, f"keys must be plain names, found {what}")
            continue
        key = key_node.value
        if key in seen:
            ctx.problem(key_node, join(path, key),
                        f"duplicate key {key!r} (first given on line {seen[key]})")
            continue
        seen[key] = key_node.start_mark.line + 1
        items.append((key, key_node, value_node))
    return items


@dataclass
class Field:
    """One key of a record: its spec, whether it is required, and its default."""

    spec: Spec
    required: bool = False
    default: Any = None
    doc: str = ""


@dataclass
class Record(Spec):
    """A mapping with known keys, built into ``build(**values)`` (usually a dataclass)."""

    fields: dict[str, Field] = field(default_factory=dict)
    build: Callable[..., Any] = dict
    description: str = ""
    title: str = "a mapping"

    @property
    def expected(self) -> str:  # type: ignore[override]
        return self.title

    def node_kind(self) -> type[Node]:
        return MappingNode

    def convert(self, node: Node, path: str, ctx: Context) -> Any:
        if not isinstance(node, MappingNode):
            return ctx.problem(node, path, f"expected {self.title} with keys "
                               f"{', '.join(self.fields)}; found {describe(node)}")
        return self.convert_items(node, mapping_items(node, path, ctx), path, ctx)

    def convert_items(self, node: MappingNode, items: list[tuple[str, Node, Node]], path: str,
                      ctx: Context, skip: Sequence[str] = ()) -> Any:
        values: dict[str, Any] = {}
        failed = False
        previous: tuple[str, Node] | None = None
        for key, key_node, value_node in items:
            before, previous = previous, (key, value_node)
            if key in skip:
                continue
            child_path = join(path, key)
            if key not in self.fields:
                ctx.problem(key_node, child_path, f"unknown key {key!r}"
                            f"{suggest(key, list(self.fields))}; known keys: {', '.join(self.fields)}"
                            f"{_comma_hint(node, key, value_node, before)}")
                failed = True
                continue
            if not ctx.visit(value_node, child_path):
                return INVALID
            value = self.fields[key].spec.convert(value_node, child_path, ctx)
            failed = failed or value is INVALID
            values[key] = value
        for name, spec_field in self.fields.items():
            if name in values:
                continue
            if spec_field.required:
                ctx.problem(node, path, f"missing required key {name!r}")
                failed = True
            else:
                values[name] = self._default(spec_field)
        if failed:
            return INVALID
        return self.build(**values)

    @staticmethod
    def _default(spec_field: Field) -> Any:
        default = spec_field.default
        return default() if callable(default) else default

    def to_json(self, value: Any) -> Any:
        if isinstance(value, tuple):     # a record built as (key, value) pairs, such as sla
            value = dict(value)
        out = {}
        for name, spec_field in self.fields.items():
            item = value.get(name) if isinstance(value, dict) else getattr(value, name, None)
            if item is not None:
                out[name] = spec_field.spec.to_json(item)
        return out

    def schema(self) -> dict[str, Any]:
        properties = {}
        for name, spec_field in self.fields.items():
            prop = spec_field.spec.schema()
            text = spec_field.doc or prop.get("description", "")
            if not spec_field.required and spec_field.default is not None:
                default = spec_field.spec.to_json(self._default(spec_field))
                prop["default"] = default
                shown = default if isinstance(default, str) else json.dumps(default)
                text = _sentence(text) + f"Default: {shown}."
            elif spec_field.required:
                text = _sentence(text) + "Required."
            prop["description"] = text.strip()
            properties[name] = prop
        schema: dict[str, Any] = {"type": "object", "properties": properties,
                                  "additionalProperties": False}
        required = [name for name, spec_field in self.fields.items() if spec_field.required]
        if required:
            schema["required"] = required
        return self._with_description(schema)


@dataclass
class Tagged(Spec):
    """A mapping whose ``tag_key`` (such as ``kind`` or ``dist``) selects one of several records."""

    tag_key: str = "kind"
    variants: dict[str, Record] = field(default_factory=dict)
    description: str = ""

    @property
    def expected(self) -> str:  # type: ignore[override]
        return f"a mapping with {self.tag_key}: one of {', '.join(self.variants)}"

    def node_kind(self) -> type[Node]:
        return MappingNode

    def convert(self, node: Node, path: str, ctx: Context) -> Any:
        if not isinstance(node, MappingNode):
            return ctx.problem(node, path, f"expected {self.expected}, found {describe(node)}")
        items = mapping_items(node, path, ctx)
        tag_items = [item for item in items if item[0] == self.tag_key]
        if not tag_items:
            return ctx.problem(node, path, f"missing required key {self.tag_key!r} "
                               f"(one of {', '.join(self.variants)})")
        _, _, tag_node = tag_items[0]
        tag_path = join(path, self.tag_key)
        tag = Enum(values=tuple(self.variants)).convert(tag_node, tag_path, ctx)
        if tag is INVALID:
            return INVALID
        ctx.visit(tag_node, tag_path)
        return self.variants[tag].convert_items(node, items, path, ctx, skip=(self.tag_key,))

    def to_json(self, value: Any) -> Any:
        tag = getattr(value, self.tag_key, None)
        if tag not in self.variants:
            return None
        return {self.tag_key: tag, **self.variants[tag].to_json(value)}

    def schema(self) -> dict[str, Any]:
        options = []
        for tag, record in self.variants.items():
            schema = record.schema()
            what = f"{self.description}: " if self.description else ""
            schema["properties"] = {self.tag_key: {"const": tag, "description": f"{what}{tag}. Required."},
                                    **schema["properties"]}
            schema["required"] = [self.tag_key, *schema.get("required", [])]
            options.append(schema)
        return self._with_description({"oneOf": options})


@dataclass
class ProbabilityMap(Spec):
    """Probabilities over named levels; levels left out are 0 and the rest must sum to 1."""

    levels: Sequence[str] = ()
    description: str = ""
    total: float = 1.0
    what: str = "probabilities"

    @property
    def expected(self) -> str:  # type: ignore[override]
        return f"a mapping of {'/'.join(self.levels)} to {self.what} summing to {self.total:g}"

    def node_kind(self) -> type[Node]:
        return MappingNode

    def convert(self, node: Node, path: str, ctx: Context) -> Any:
        if not isinstance(node, MappingNode):
            return ctx.problem(node, path, f"expected {self.expected}, found {describe(node)}")
        values: dict[str, float] = {}
        failed = False
        for key, key_node, value_node in mapping_items(node, path, ctx):
            child_path = join(path, key)
            if key not in self.levels:
                ctx.problem(key_node, child_path, f"unknown level {key!r}{suggest(key, self.levels)};"
                            f" levels: {', '.join(self.levels)}")
                failed = True
                continue
            value = Number(minimum=0, maximum=self.total).convert(value_node, child_path, ctx)
            if value is INVALID:
                failed = True
            else:
                values[key] = value
        if failed:
            return INVALID
        total = sum(values.values())
        if abs(total - self.total) > 1e-6:
            return ctx.problem(node, path, f"{self.what} must sum to {self.total:g}, "
                               f"they sum to {total:g}")
        return tuple((level, values.get(level, 0.0)) for level in self.levels)

    def to_json(self, value: Any) -> Any:
        return {level: p for level, p in value if p}

    def schema(self) -> dict[str, Any]:
        one = self.what[:-1] if self.what.endswith("s") else self.what
        props = {level: {"type": "number", "minimum": 0, "maximum": self.total, "default": 0,
                         "description": f"the {one} of {level}; levels left out are 0 and the rest "
                                        f"sum to {self.total:g}"}
                 for level in self.levels}
        return self._with_description({"type": "object", "properties": props,
                                       "additionalProperties": False})


@dataclass
class ClockMap(Spec):
    """A mapping of clock times to non-negative numbers (a rate profile)."""

    description: str = ""
    expected: str = 'a mapping of clock times to multipliers, such as {"08:00": 1.5}'

    def node_kind(self) -> type[Node]:
        return MappingNode

    def convert(self, node: Node, path: str, ctx: Context) -> Any:
        if not isinstance(node, MappingNode):
            return ctx.problem(node, path, f"expected {self.expected}, found {describe(node)}")
        points: list[tuple[float, float]] = []
        seen: dict[float, int] = {}
        failed = False
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            key_text = key_node.value if isinstance(key_node, ScalarNode) else "?"
            child_path = join(path, f'"{key_text}"')
            ctx.positions.setdefault(child_path, ctx.where(key_node))
            time = clock_from_node(key_node, child_path, ctx, 'a clock time "HH:MM"')
            value = Number(minimum=0, maximum=1000).convert(value_node, child_path, ctx)
            if time is INVALID or value is INVALID:
                failed = True
                continue
            if time in seen:
                ctx.problem(key_node, child_path, f"duplicate time (first given on line {seen[time]})")
                failed = True
                continue
            seen[time] = line
            points.append((time, value))
        if failed:
            return INVALID
        if not points:
            return ctx.problem(node, path, "a profile needs at least one time")
        if all(value == 0 for _, value in points):
            return ctx.problem(node, path, "a profile needs at least one multiplier above zero")
        return tuple(sorted(points))

    def schema(self) -> dict[str, Any]:
        return self._with_description({
            "type": "object",
            "patternProperties": {r"^\s*([01]?\d|2[0-3]):[0-5]\d\s*$": {
                "type": "number", "minimum": 0, "maximum": 1000,
                "description": "the multiplier from this time to the next listed one"}},
            "additionalProperties": False,
            "minProperties": 1,
        })

    def to_json(self, value: Any) -> Any:
        return {format_clock(t): f for t, f in value}


@dataclass
class Choice(Spec):
    """One of several specs, picked by the kind of node given (text, list or mapping)."""

    options: Sequence[Spec] = ()
    description: str = ""

    @property
    def expected(self) -> str:  # type: ignore[override]
        return " or ".join(option.expected for option in self.options)

    def convert(self, node: Node, path: str, ctx: Context) -> Any:
        for option in self.options:
            if isinstance(node, option.node_kind()):
                return option.convert(node, path, ctx)
        return ctx.problem(node, path, f"expected {self.expected}, found {describe(node)}")

    def to_json(self, value: Any) -> Any:
        if isinstance(value, str):
            return value
        for option in self.options:
            if isinstance(value, tuple) and option.node_kind() is not ScalarNode:
                return option.to_json(value)
        return value

    def schema(self) -> dict[str, Any]:
        return self._with_description({"anyOf": [option.schema() for option in self.options]})
