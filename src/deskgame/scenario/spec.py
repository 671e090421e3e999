"""A tiny schema language: one definition gives both the loader's checks and the JSON Schema.

Each ``Spec`` knows how to turn a composed YAML node into a Python value (recording
problems with their line, column and path instead of raising) and how to describe
itself as JSON Schema.  ``definition.py`` writes the scenario format with these
pieces, so the validator and ``deskgame schema`` cannot drift apart.  This module is the
core (context, problems, the ``Spec`` base, mapping keys); the pieces are in
``spec_scalars.py`` (single values) and ``spec_records.py`` (containers).
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from deskgame.scenario.errors import Problem
from deskgame.scenario.limits import MAX_NODES


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
            return ctx.problem(node, path, f"expected {self.expected}, found {describe(node)}"
                               f"{colon_hint(node)}")
        return scalar_value(node)

    def _with_description(self, schema: dict[str, Any]) -> dict[str, Any]:
        if self.description:
            schema["description"] = self.description
        return schema



def closest(word: str, options: Sequence[str]) -> str | None:
    """The option ``word`` is most likely a misspelling of, if any is close enough."""
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return close[0] if close else None


def suggest(word: str, options: Sequence[str]) -> str:
    close = closest(word, options)
    return f" (did you mean {close!r}?)" if close else ""


def as_sentence(text: str) -> str:
    """``text`` as a sentence ready for another one after it ('' stays '')."""
    text = text.strip()
    if not text:
        return ""
    return f"{text[0].upper()}{text[1:]}{'' if text.endswith(('.', '?', '!')) else '.'} "


def comma_hint(mapping: Node, key: str, value: Node, before: tuple[str, Node] | None) -> str:
    """A bare word in a flow mapping (``{name: Smith, Jones, ...}``) is a comma in an unquoted value."""
    if not (getattr(mapping, "flow_style", False) and isinstance(value, ScalarNode) and value.value == ""
            and value.tag == "tag:yaml.org,2002:null"):
        return ""
    example = "name: \"Smith, Jones\""
    if before is not None and isinstance(before[1], ScalarNode) and before[1].value:
        example = f"{before[0]}: \"{before[1].value}, {key}\""
    return (f". Inside {{...}} a comma ends a value: if {key!r} belongs to the value before it, "
            f"quote names that contain a comma: {example}")


def colon_hint(node: Node) -> str:
    """A one-pair mapping where a text was expected is a text holding ': ' (``- Ward 3: out of ink``).

    YAML reads ``word: more`` as a key and a value wherever it stands, in a list as in a
    mapping; quoting the whole text keeps it one text.
    """
    if not (isinstance(node, MappingNode) and len(node.value) == 1):
        return ""
    key, value = node.value[0]
    if not (isinstance(key, ScalarNode) and isinstance(value, ScalarNode) and not key.style
            and not value.style and key.value and value.value):
        return ""
    return f'; a text that holds \': \' needs quotes, as in "{key.value}: {value.value}"'


def mapping_items(node: MappingNode, path: str, ctx: Context) -> list[tuple[str, Node, Node]]:
    """The (key, key node, value node) pairs of a mapping, reporting odd and duplicate keys.

    Several keys given twice in one entry of a list is two entries run together: a ``- ``
    was forgotten.  That gets one line saying so instead of one "duplicate key" per key.
    """
    items: list[tuple[str, Node, Node]] = []
    seen: dict[str, int] = {}
    twice: list[tuple[str, Node, int]] = []
    for key_node, value_node in node.value:
        if not isinstance(key_node, ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
            what = "a merge key (<<)" if isinstance(key_node, ScalarNode) else describe(key_node)
            ctx.problem(key_node, path, f"keys must be plain names, found {what}")
            continue
        key = key_node.value
        if key in seen:
            twice.append((key, key_node, seen[key]))
            continue
        seen[key] = key_node.start_mark.line + 1
        items.append((key, key_node, value_node))
    if len(twice) > 1 and path.endswith("]"):
        key_node, first = twice[0][1], [line for _, _, line in twice]
        line = key_node.start_mark.line + 1
        lines = f"line {first[0]}" if len(set(first)) == 1 else f"lines {min(first)}-{max(first)}"
        ctx.problem(key_node, path, f"the keys {', '.join(key for key, _, _ in twice)} are each given "
                    f"twice (first on {lines}): two entries run together. Each entry of a list starts "
                    f"with \"- \"; is one missing on line {line} or just above it?")
        return items
    for key, key_node, first_line in twice:
        ctx.problem(key_node, join(path, key), f"duplicate key {key!r} (first given on line {first_line})")
    return items
