"""Reading a YAML file into composed nodes, safely, with every position kept.

Why compose instead of load: nodes keep line and column for every value (so errors
point into the file), duplicate keys are still visible (PyYAML's loader silently
keeps the last one), and no constructor ever runs for a tag we did not allow.
"""

from __future__ import annotations

import os
import re

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from deskgame.files import FileProblem, read_regular
from deskgame.scenario.errors import Problem, ScenarioError
from deskgame.scenario.limits import MAX_FILE_BYTES

SAFE_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp", "merge")
}
MAX_DEPTH = 64
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_file_text(path: str | os.PathLike[str], shown_as: str | None = None) -> str:
    """The text of a scenario file, refusing what is too large, binary or not UTF-8.

    Only a regular file is opened (a FIFO would hang, /dev/zero never ends) and the size
    limit is counted while reading (deskgame.files.read_regular).
    """
    name = shown_as or str(path)
    try:
        data = read_regular(path, MAX_FILE_BYTES, name, what="scenario file")
    except FileProblem as problem:
        raise _one(name, str(problem).removeprefix(f"{name}: ")) from None
    return decode_text(data, name)


def decode_text(data: bytes, name: str) -> str:
    if b"\x00" in data:
        raise _one(name, "this is a binary file, not a YAML scenario")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ScenarioError([Problem(line, 1, "", "the file is not UTF-8 text", name)]) from None
    return text


def compose(text: str, name: str) -> Node:
    """The single document of ``text`` as a node tree; every problem as a ScenarioError."""
    if len(text.encode("utf-8")) > MAX_FILE_BYTES:
        raise _one(name, f"text is over {MAX_FILE_BYTES:,} bytes (1 MiB)")
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise _one(name, "the file is empty; a scenario starts with 'format: deskgame/1'")
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = " ".join(str(part) for part in (error.context, error.problem) if part)
        tab = _indenting_tab(text, line)
        if tab is not None or "'\\t'" in str(error.problem):
            line, col = (line, tab + 1) if tab is not None else (line, col)
            message = "tab characters are not allowed in YAML indentation; indent with spaces"
            raise ScenarioError([Problem(line, col, "", message, name)]) from None
        if mark is not None and mark.index >= len(text.rstrip()):   # a copy cut short, a {...} never closed
            message += "; the file ends early (cut short?), or a { or [ is never closed"
        elif "mapping values are not allowed" in message:  # "title: PACS down: no images"
            message += _plain_colon_hint(text, line)
        elif "flow mapping" in message and "expected ',' or '}'" in message:  # {name: Ward 7: Cardiology}
            message += _flow_colon_hint(text, line, col)
        elif "flow sequence" in message:   # titles: [My {device} will not connect]
            message += _flow_brace_hint(text, line, col)
        elif any(words in message for words in _MISALIGNED):
            message += _brace_text_hint(text, line) or _align_hint(text, line)
        raise ScenarioError([Problem(line, col, "", f"YAML syntax error: {message}", name)]) \
            from None
    except yaml.YAMLError as error:
        raise _one(name, f"YAML error: {error}") from None
    except RecursionError:
        raise _one(name, "the document is nested too deeply") from None
    if node is None:
        raise _one(name, "the file is empty; a scenario starts with 'format: deskgame/1'")
    check_tags_and_depth(node, name)
    return node


# What PyYAML (libyaml, then the pure-Python reader) says when a line does not line up
# with the keys or list entries around it.
_MISALIGNED = ("did not find expected key", "did not find expected '-' indicator", "expected <block end>")


def _line_above(lines: list[str], line: int) -> tuple[str, int]:
    """The nearest line above ``line`` (from 1) that holds something, and the column (from 0)
    where its key or value starts (after any ``- ``)."""
    above = next((t for t in reversed(lines[:line - 1]) if t.strip() and not t.lstrip().startswith("#")), "")
    match = re.match(r"^(\s*(?:-\s+)*)", above)
    return above, len(match.group(1)) if match else 0


def _align_hint(text: str, line: int) -> str:
    """Where the misaligned line starts and where the line above it starts its key, in columns
    as the message counts them (``- id: x`` starts its key after the ``- ``)."""
    lines = text.splitlines()
    general = ("keys of one mapping, and the '- ' of one list, start in the same column; a text that "
               "starts with { must be in quotes")
    if not 1 < line <= len(lines):
        return f"; {general}"
    here = len(lines[line - 1]) - len(lines[line - 1].lstrip(" "))
    above, column = _line_above(lines, line)
    if not above or column == here:
        return f"; {general}"
    return (f"; line {line} starts in column {here + 1}, the line above it in column {column + 1}: "
            f"{general}")


def _brace_text_hint(text: str, line: int) -> str:
    """``- {device} will not connect``: YAML reads ``{device}`` as a mapping and then trips over
    the words after it; the whole text needs quotes (shown with the file's own words)."""
    lines = text.splitlines()
    content = lines[line - 1] if 0 < line <= len(lines) else ""
    match = re.match(r"^(\s*(?:-\s+|[\w.-]+:\s+))(\{[^{}]*\}\s*[^\s#].*)$", content)
    if not match:
        return ""
    value = match.group(2).rstrip().replace('"', '\\"')
    return f'; a text that starts with {{ must be in quotes: {match.group(1).strip()} "{value}"'


def _flow_brace_hint(text: str, line: int, col: int) -> str:
    """``[My {device} will not connect]``: inside ``[...]`` a ``{`` starts a mapping, so a text
    that holds one needs quotes (PyYAML only says a ',' or ']' is missing)."""
    lines = text.splitlines()
    if not 0 < line <= len(lines):
        return ""
    content, at = lines[line - 1], col - 1
    if at >= len(content) or content[at] not in "{}":
        return ""
    start = max(content.rfind(",", 0, at), content.rfind("[", 0, at)) + 1
    ends = [i for i in (content.find(",", at), content.find("]", at)) if i >= 0]
    piece = content[start:min(ends) if ends else len(content)].strip().replace('"', '\\"')
    return f'; inside [...] a text that holds {{ or }} must be in quotes, as in ["{piece}"]'


def _plain_colon_hint(text: str, line: int) -> str:
    """What to quote when a plain value holds ': ' (PyYAML says mapping values are not allowed
    here), shown with the file's own words where the line reads ``key: value: more``."""
    lines = text.splitlines()
    content = lines[line - 1] if 0 < line <= len(lines) else ""
    lead, key, value = re.match(r"^(\s*(?:-\s+)?)(?:([\w.-]+):\s+)?(.*)$", content).groups()
    if key and ": " in value and not value.lstrip().startswith(("{", "[", "'", '"')):
        quoted = value.strip().replace('"', '\\"')
        return f"; a value that holds ': ' needs quotes: {key}: \"{quoted}\""
    previous, column = _line_above(lines, line)
    if key and previous and len(lead) > column and ":" in previous:   # a key indented under a text value
        return (f"; line {line} starts in column {len(lead) + 1}, the line above it in column {column + 1}, "
                "so YAML reads it as more of the text above: keys of one mapping start in the same column")
    return "; a value that holds ': ' needs quotes, as in title: \"Printers down: no labels\""


def _flow_colon_hint(text: str, line: int, col: int) -> str:
    """What to quote when a value inside ``{...}`` holds ': ' (PyYAML only says a ',' is missing).

    The value is the stretch of the line between the ',' or '{' before the error and the
    ',' or '}' after it; a colon and a space inside it is the likely cause.
    """
    lines = text.splitlines()
    if not 0 < line <= len(lines):
        return ""
    content, at = lines[line - 1], col - 1
    start = max(content.rfind(",", 0, at), content.rfind("{", 0, at)) + 1
    ends = [i for i in (content.find(",", at), content.find("}", at)) if i >= 0]
    piece = content[start:min(ends) if ends else len(content)].strip()
    key, sep, value = piece.partition(": ")
    if not sep or ": " not in value:
        return ""
    return (f"; inside {{...}} a value that holds ': ' needs quotes, as in "
            f"{key.strip()}: \"{value.strip()}\" (if it does not, a ',' is missing before the ': ')")


def _indenting_tab(text: str, line: int) -> int | None:
    """The column (from 0) of a tab in the indentation of ``line`` (from 1), if there is one.

    PyYAML reports such a tab as "found character '\\t' that cannot start any token",
    which does not tell a facilitator what to change.
    """
    lines = text.splitlines()
    if not 0 < line <= len(lines):
        return None
    content = lines[line - 1]
    indent = content[: len(content) - len(content.lstrip(" \t"))]
    return indent.index("\t") if "\t" in indent else None


def check_tags_and_depth(root: Node, name: str) -> None:
    """Reject tags that could construct objects (``!!python/...``) and absurd nesting."""
    problems: list[Problem] = []
    seen: set[int] = set()
    stack: list[tuple[Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        where = (node.start_mark.line + 1, node.start_mark.column + 1)
        if node.tag not in SAFE_TAGS:
            problems.append(Problem(*where, "", f"the YAML tag {node.tag!r} is not allowed in "
                                    "scenarios (only plain values, lists and mappings)", name))
        if depth > MAX_DEPTH:
            problems.append(Problem(*where, "", f"nested more than {MAX_DEPTH} levels deep", name))
            break
        if isinstance(node, SequenceNode):
            stack.extend((child, depth + 1) for child in node.value)
        elif isinstance(node, MappingNode):
            for key, value in node.value:
                stack.append((key, depth + 1))
                stack.append((value, depth + 1))
        elif not isinstance(node, ScalarNode):  # pragma: no cover - compose yields only these
            problems.append(Problem(*where, "", "unexpected YAML node", name))
    if problems:
        raise ScenarioError(problems)


def _one(name: str, message: str) -> ScenarioError:
    return ScenarioError([Problem(1, 1, "", message, name)])
