"""The schema language's containers: lists, records of fields, tagged variants, maps and choices.

The core is ``spec.py``; single values are ``spec_scalars.py``."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from deskgame.scenario.scales import SHARE, TIMES, percent_of
from deskgame.scenario.spec import (
    INVALID,
    Context,
    Spec,
    as_sentence,
    closest,
    colon_hint,
    comma_hint,
    describe,
    join,
    mapping_items,
    suggest,
)
from deskgame.scenario.spec_scalars import Enum, Number, Str, clock_from_node
from deskgame.scenario.units import (
    format_clock,
)


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
        present = {key for key, _, _ in items}
        explained: set[str] = set()  # required keys a misspelt key stands in for
        for key, key_node, value_node in items:
            before, previous = previous, (key, value_node)
            if key in skip:
                continue
            child_path = join(path, key)
            if key not in self.fields:
                ctx.problem(key_node, child_path, self._unknown_key(key, present, explained)
                            + comma_hint(node, key, value_node, before))
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
                if name not in explained:  # else the misspelt key's line already says so
                    ctx.problem(node, path, f"missing required key {name!r}")
                failed = True
            else:
                values[name] = self._default(spec_field)
        if failed:
            return INVALID
        return self.build(**values)

    def _unknown_key(self, key: str, present: set[str], explained: set[str]) -> str:
        """The words for an unknown key.  When it is a misspelling of a required key that
        is missing, one line says both, cause first: "unknown key 'efort' (did you mean
        'effort'? effort is required)"; the missing key gets no line of its own."""
        known = f"; known keys: {', '.join(self.fields)}"
        meant = closest(key, list(self.fields))
        if meant is None:
            return f"unknown key {key!r}{known}"
        if self.fields[meant].required and meant not in present and meant not in explained:
            explained.add(meant)
            return f"unknown key {key!r} (did you mean {meant!r}? {meant} is required){known}"
        return f"unknown key {key!r} (did you mean {meant!r}?){known}"

    def salvage(self, node: Node, path: str, ctx: Context, skip: Sequence[str] = ()) -> Any:
        """What can still be read of a mapping that failed to convert, so that the loader's
        cross-checks (unknown service, missing skill, ...) still look at it.

        Unknown keys are ignored, a value that fails is INVALID (salvaged in turn when it is
        itself a record), a missing required key is INVALID, a missing optional key takes
        its default.  Problems go to ``ctx``: the caller passes a scratch context, since
        ``convert`` has already reported them.
        """
        if not isinstance(node, MappingNode):
            return INVALID
        values: dict[str, Any] = {}
        for key, _, value_node in mapping_items(node, path, ctx):
            if key in skip or key not in self.fields:
                continue
            spec = self.fields[key].spec
            value = spec.convert(value_node, join(path, key), ctx)
            if value is INVALID:
                value = salvage(spec, value_node, join(path, key), ctx)
            values[key] = value
        for name, spec_field in self.fields.items():
            if name not in values:
                values[name] = INVALID if spec_field.required else self._default(spec_field)
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
                text = as_sentence(text) + f"Default: {shown}."
            elif spec_field.required:
                text = as_sentence(text) + "Required."
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
    # How to write a single value in this form, shown when one is given ("{dist: fixed,
    # value: 15m}" for an effort written as "15m"); {} is the value given.
    scalar_form: str = ""

    @property
    def expected(self) -> str:  # type: ignore[override]
        return f"a mapping with {self.tag_key}: one of {', '.join(self.variants)}"

    def node_kind(self) -> type[Node]:
        return MappingNode

    def convert(self, node: Node, path: str, ctx: Context) -> Any:
        if not isinstance(node, MappingNode):
            hint = ""
            if self.scalar_form and isinstance(node, ScalarNode) and node.value:
                hint = f" (a single value is written {self.scalar_form.format(node.value)})"
            return ctx.problem(node, path, f"expected {self.expected}, found {describe(node)}{hint}")
        items = mapping_items(node, path, ctx)
        tag_items = [item for item in items if item[0] == self.tag_key]
        if not tag_items:
            return ctx.problem(node, path, f"missing required key {self.tag_key!r} "
                               f"(one of {', '.join(self.variants)})")
        _, _, tag_node = tag_items[0]
        tag_path = join(path, self.tag_key)
        tag = Enum(values=tuple(self.variants)).convert(tag_node, tag_path, ctx)
        if tag is INVALID:
            self._check_common(items, path, ctx)
            return INVALID
        ctx.visit(tag_node, tag_path)
        return self.variants[tag].convert_items(node, items, path, ctx, skip=(self.tag_key,))

    def _check_common(self, items: list[tuple[str, Node, Node]], path: str, ctx: Context) -> None:
        """With a wrong tag, still check the keys every variant shares (an event's ``at``), so
        that fixing the tag does not bring a second round of problems."""
        records = list(self.variants.values())
        for key, _, value_node in items:
            specs = [record.fields[key].spec if key in record.fields else None for record in records]
            shared = specs[0] is not None and all(spec is specs[0] for spec in specs)
            if shared and ctx.visit(value_node, join(path, key)):
                specs[0].convert(value_node, join(path, key), ctx)  # type: ignore[union-attr]

    def salvage(self, node: Node, path: str, ctx: Context) -> Any:
        """What can be read of a broken entry whose tag is valid (``Record.salvage``); with no
        valid tag nothing can be, since the tag decides which keys and checks apply."""
        if not isinstance(node, MappingNode):
            return INVALID
        tags = [value for key, _, value in mapping_items(node, path, ctx) if key == self.tag_key]
        tag = Enum(values=tuple(self.variants)).convert(tags[0], join(path, self.tag_key), ctx) \
            if tags else INVALID
        if tag is INVALID:
            return INVALID
        return self.variants[tag].salvage(node, path, ctx, skip=(self.tag_key,))

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
            return ctx.problem(node, path, f"expected {self.expected}, found {describe(node)}"
                               f"{self._scalar_hint(node)}")
        values: dict[str, float] = {}
        failed = False
        for key, key_node, value_node in mapping_items(node, path, ctx):
            child_path = join(path, key)
            if key not in self.levels:
                ctx.problem(key_node, child_path, f"unknown level {key!r}{suggest(key, self.levels)};"
                            f" levels: {', '.join(self.levels)}")
                failed = True
                continue
            value = Number(minimum=0, maximum=self.total, scale=SHARE if self.total == 1 else "",
                           meaning=f"{self.what} are shares of 1").convert(value_node, child_path, ctx)
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

    def _scalar_hint(self, node: Node) -> str:
        """One level (``impact: high``) or one share (``urgency: 30%``) where a map is expected."""
        if not isinstance(node, ScalarNode) or not node.value:
            return ""
        level = node.value.strip()
        if level in self.levels:
            return f" (write {{{level}: 1}} for all {level})"
        if self.total == 1 and len(self.levels) > 1 and (percent_of(level) is not None or _is_number(level)):
            return f" (a share of 1 for each, as in {{{self.levels[0]}: 0.7, {self.levels[1]}: 0.3}})"
        return ""

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


_MULTIPLIER = Number(minimum=0, maximum=1000, scale=TIMES, meaning="profile multipliers are plain numbers")


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
            value = _MULTIPLIER.convert(value_node, child_path, ctx)
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
        return ctx.problem(node, path, f"expected {self.expected}, found {describe(node)}{colon_hint(node)}")

    def to_json(self, value: Any) -> Any:
        if isinstance(value, str):
            return value
        for option in self.options:
            if isinstance(value, tuple) and option.node_kind() is not ScalarNode:
                return option.to_json(value)
        return value

    def schema(self) -> dict[str, Any]:
        return self._with_description({"anyOf": [option.schema() for option in self.options]})


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def salvage(spec: Spec, node: Node, path: str, ctx: Context) -> Any:
    """``spec.salvage`` for records and tagged records; anything else that failed stays INVALID
    (a list with one bad name is not guessed at: checks skip it)."""
    if isinstance(spec, (Record, Tagged)):
        return spec.salvage(node, path, ctx)
    return INVALID
