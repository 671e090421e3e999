"""Reading a results file piece by piece: the header first, then one round and one ticket at a time.

Why: a session of a million arrivals writes a file of about 400 MB; ``json.loads`` of it
holds the text and every parsed ticket at once (gigabytes), while a replay needs only the
header (scenario, seed) before it starts, each decision as it falls due, and one ticket of
the file at a time to compare with the replayed one.  The decisions come before the
rounds, so they are checked once while the header is read, kept nowhere, and read again
from a second handle when the replay (and then the comparison) reaches them.

How: deskgame writes the header before the rounds and each round's tickets last
(``results.iter_dumps``), so the file is read through a sliding window and only the
structure around the rounds (the top object, the ``rounds`` list, each round object and
its ``tickets`` list) is walked here; every other value — a header field, a round's
figures, one ticket — is parsed whole by the standard library's C decoder, with the same
number checks as ``read_results`` and its error messages and positions.  No dependency:
ijson (yajl2_c backend) reads a 300,000-arrival file's tickets and decisions in about the
same time (6.1 s against 6.6 s here, which also checks every decision and surrogate), but
words errors and positions its own way and would need the number and surrogate checks
written again.

A file this reader cannot replay from the front — its header is not complete before its
rounds, a key it has already used comes again, or anything before the rounds is not
plain JSON — raises ``NotStreamable``, and the caller reads it whole as before (deskgame
never writes such a file; the whole-file reader words the problem exactly as it did).
"""

from __future__ import annotations

import codecs
import json
import os
import re
import stat
from collections.abc import Iterator
from typing import Any

from deskgame.session.results import (
    FIRST_DECISION,
    MAX_RESULTS_BYTES,
    ResultsError,
    check_decision,
    check_results,
    lone_surrogate,
    parse_problem,
    results_decoder,
    surrogate_problem,
)

CHUNK_BYTES = 1 << 20        # read a megabyte at a time
MAX_ROW_CHARS = 1 << 20      # a ticket this long is broken, not cut short by the window
# The header keys a replay uses before it starts: all of them must come before "rounds".
NEEDED_FIRST = ("format", "deskgame_version", "scenario", "seed", "policy", "decisions")
# Keys that change how the replay runs: seen again after the rounds began, the replay is void.
REPLAY_KEYS = (*NEEDED_FIRST, "ended", "reached", "rounds")
_SPACE = re.compile(r"[ \t\n\r]*")
_ESCAPED_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")  # the only way JSON text can hold one

# What one round gives its reader, in file order:
#   ("value", None, v)      the round is not an object (compared whole)
#   ("field", key, v)       a round's field other than a streamed ticket list
#   ("tickets", None, None) the ticket list starts
#   ("ticket", j, row)      one ticket
#   ("tickets_end", n, None) the list ended after n tickets
Piece = tuple[str, Any, Any]


class NotStreamable(Exception):
    """The file must be read whole (see the module's docstring)."""


class SurrogateProblem(ResultsError):
    """A text holding a lone surrogate (the reader has stepped past it and may go on)."""


class _Text:
    """The file's text through a window that slides forward; positions are absolute characters."""

    def __init__(self, handle: int, name: str, limit: int) -> None:
        self.handle, self.name, self.limit = handle, name, limit
        self.decoder = codecs.getincrementaldecoder("utf-8")("strict")
        self.buf = ""
        self.base = 0        # absolute position of buf[0]
        self.pos = 0         # the reading position, an index into buf
        self.eof = False
        self.read_bytes = 0
        self.lines_before = 0       # newlines before buf[0]
        self.last_newline = -1      # absolute position of the last newline before buf[0]

    # ------------------------------------------------------------------ the window
    def fill(self, want: int | None = None) -> None:
        """Drop what has been read and add at least ``want`` bytes' worth of text (default: a
        chunk), or reach the end."""
        if self.eof:
            return
        want = CHUNK_BYTES if want is None else want
        if self.pos:
            dropped = self.buf[:self.pos]
            self.lines_before += dropped.count("\n")
            newline = dropped.rfind("\n")
            if newline >= 0:
                self.last_newline = self.base + newline
            self.base += self.pos
            self.buf = self.buf[self.pos:]
            self.pos = 0
        parts = [self.buf]
        got = 0
        while got < want and not self.eof:
            try:
                data = os.read(self.handle, max(CHUNK_BYTES, want - got))
            except OSError as error:
                raise ResultsError(f"{self.name}: cannot read ({error.strerror or error})") from None
            self.read_bytes += len(data)
            got += len(data)
            if self.read_bytes > self.limit:
                raise ResultsError(f"{self.name}: file is over {self.limit:,} bytes; a results file "
                                   f"is limited to {self.limit:,}")
            try:
                parts.append(self.decoder.decode(data, final=not data))
            except UnicodeDecodeError:
                raise ResultsError(f"{self.name}: not UTF-8 text (is it a results file?)") from None
            self.eof = not data
        self.buf = "".join(parts)

    def skip_space(self) -> None:
        while True:
            self.pos = _SPACE.match(self.buf, self.pos).end()  # type: ignore[union-attr]
            if self.pos < len(self.buf) or self.eof:
                return
            self.fill()

    def peek(self) -> str:
        """The next character after any space ('' at the end of the file)."""
        self.skip_space()
        return self.buf[self.pos] if self.pos < len(self.buf) else ""

    def error(self, message: str, at: int | None = None) -> ResultsError:
        """A JSON error at absolute position ``at`` (default: here), with json's line and column."""
        at = self.base + self.pos if at is None else at
        index = at - self.base
        line = self.lines_before + self.buf.count("\n", 0, index) + 1
        newline = self.buf.rfind("\n", 0, index)
        column = at - (self.base + newline if newline >= 0 else self.last_newline)
        if self.eof and not self.buf[index:].strip():
            return self.cut_short()
        problem = json.JSONDecodeError(message, " ", 0)
        problem.lineno, problem.colno = line, column
        return parse_problem(self.name, problem, detect=False)

    def cut_short(self) -> ResultsError:
        """The file ends in the middle of a value: said as such, at the file's last line and column."""
        end = self.base + len(self.buf)
        line = self.lines_before + self.buf.count("\n") + 1
        newline = self.buf.rfind("\n")
        column = end - (self.base + newline if newline >= 0 else self.last_newline)
        return parse_problem(self.name, ValueError("cut short"), end=(line, column))

    # ------------------------------------------------------------------ values
    def value(self, decoder: json.JSONDecoder, path: tuple[str | int, ...], limit: int | None = None,
              check: bool = True) -> Any:
        """The JSON value at the reading position, parsed whole and checked for lone surrogates.

        A value may run past the window: then the window grows (doubling, so a long value
        costs linear time) until the value ends or the file does.  A number at the very
        end of the window might continue, so a value counts as complete only when a
        character follows it.
        """
        self.skip_space()
        while True:
            start = self.pos
            try:
                found, end = decoder.raw_decode(self.buf, start)
            except json.JSONDecodeError as problem:
                if self.eof and (problem.msg.startswith("Unterminated string")
                                 or not self.buf[problem.pos:].strip()):
                    raise self.cut_short() from None
                if self.eof or (limit is not None and len(self.buf) - start > limit):
                    raise self.error(problem.msg, self.base + problem.pos) from None
            except (ValueError, RecursionError) as problem:  # a number out of range, nesting
                raise parse_problem(self.name, problem) from None
            else:
                if end < len(self.buf) or self.eof:
                    self.pos = end  # past the value even when it is refused: a reader may go on
                    if check and _ESCAPED_SURROGATE.search(self.buf, start, end):
                        where = lone_surrogate(found, path)
                        if where is not None:
                            raise SurrogateProblem(str(surrogate_problem(self.name, where)))
                    return found
            self.fill(want=max(CHUNK_BYTES, 2 * (len(self.buf) - start)))

    def key(self, decoder: json.JSONDecoder, path: tuple[str | int, ...]) -> str:
        """An object key and its colon (a key with a lone surrogate: SurrogateProblem, after the colon)."""
        if self.peek() != '"':
            raise self.error("Expecting property name enclosed in double quotes")
        found = self.value(decoder, path, check=False)
        if not isinstance(found, str):  # cannot happen after a '"'; a guard for the type checker
            raise self.error("Expecting property name enclosed in double quotes")
        if self.peek() != ":":
            raise self.error("Expecting ':' delimiter")
        self.pos += 1
        where = lone_surrogate({found: None}, path)
        if where is not None:
            raise SurrogateProblem(str(surrogate_problem(self.name, where)))
        return found

    def items(self, decoder: json.JSONDecoder, path: tuple[str | int, ...],
              limit: int | None = None) -> Iterator[Any]:
        """The values of the list that starts here, one at a time (the window never holds it whole)."""
        if self.peek() != "[":
            raise self.error("Expecting value")
        self.pos += 1
        if self.peek() == "]":
            self.pos += 1
            return
        index = 0
        more = True
        while more:
            yield self.value(decoder, (*path, index), limit)
            index += 1
            more = self.after_item("]")

    def after_item(self, closing: str) -> bool:
        """After a member: True when another follows (a comma), False at ``closing``."""
        char = self.peek()
        if char == ",":
            self.pos += 1
            return True
        if char == closing:
            self.pos += 1
            return False
        raise self.error("Expecting ',' delimiter")

    def opens(self, char: str) -> bool:
        """Step into an object or list that starts here; False (not moved) if none does."""
        if self.peek() != char:
            return False
        self.pos += 1
        return True




class ResultsStream:
    """A results file opened for streaming: ``header`` now, then ``rounds()``, then ``finish()``.

    ``header`` holds the top-level keys in file order, with ``rounds`` standing in place
    (as ``None``) and ``decisions`` as an empty list: the decisions are checked while the
    header is read and dropped; ``decisions()`` reads them again, one at a time, from a
    second handle on the same file, as often as needed (the replay, then the comparison).
    After ``finish()`` the header also holds any keys written after the rounds.

    Problems in the header are kept in ``header_problem`` rather than raised, so the rest
    of the file can be read first: a file cut short or not JSON further on is told
    first, as when every file was read whole before anything was checked.
    """

    def __init__(self, path: str | os.PathLike[str], name: str | None = None,
                 limit: int = MAX_RESULTS_BYTES) -> None:
        self.path, self.limit = path, limit
        self.name = str(path) if name is None else name
        self.decoder = results_decoder()
        self.header: dict[str, Any] = {}
        self.header_problem: ResultsError | None = None
        self.decisions_count = 0
        self.rounds_seen = 0
        self._state = "header"   # header -> rounds -> after -> done
        self._first_round = True
        self._handle, self._identity = _open_regular(path, self.name, limit)
        try:
            self.text = _Text(self._handle, self.name, limit)
            self._read_header()
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        if self._handle >= 0:
            os.close(self._handle)
            self._handle = -1

    def __enter__(self) -> ResultsStream:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ the header
    def _read_header(self) -> None:
        text, decoder = self.text, self.decoder
        key_problem: ResultsError | None = None     # a lone surrogate in a top-level key
        value_problem: ResultsError | None = None   # the last in a value (where read_results looks first)
        decisions_problem: ResultsError | None = None
        try:
            text.fill()
            if text.buf.startswith("\ufeff") or not text.opens("{") or text.peek() != '"':
                raise NotStreamable("not an object of keys")
            while True:
                try:
                    key = text.key(decoder, ())
                except SurrogateProblem as problem:
                    key, key_problem = "", key_problem or problem
                if key == "rounds":
                    break
                if key in self.header:
                    raise NotStreamable(f"{key} given twice")
                if key == "decisions" and text.peek() == "[":
                    self.header[key] = []
                    found, decisions_problem = self._skim_decisions()
                    value_problem = found or value_problem
                else:
                    try:
                        self.header[key] = text.value(decoder, (key,))
                    except SurrogateProblem as problem:
                        self.header[key], value_problem = None, problem
                if not text.after_item("}"):
                    raise NotStreamable("no rounds")
        except ResultsError as problem:
            if "not valid JSON" in str(problem) or "not UTF-8" in str(problem):
                raise NotStreamable("not plain JSON before the rounds") from None
            raise  # a number out of range: told at once, as read_results tells it
        if any(name not in self.header for name in NEEDED_FIRST) or text.peek() != "[":
            raise NotStreamable("the header does not come first")
        self.header["rounds"] = None
        text.pos += 1
        self._state = "rounds"
        try:
            check_results({**self.header, "rounds": []}, self.name)
        except ResultsError as problem:
            self.header_problem = problem
        # read_results' order: lone surrogates first, then the fields in check_results' order
        self.header_problem = key_problem or value_problem or self.header_problem or decisions_problem

    def _skim_decisions(self) -> tuple[ResultsError | None, ResultsError | None]:
        """Read the decisions through, checking each and keeping none: (the last lone
        surrogate met, the first decision check_results would refuse)."""
        text = self.text
        surrogate: ResultsError | None = None
        refused: ResultsError | None = None
        last = FIRST_DECISION
        text.pos += 1  # the "["
        more = text.peek() != "]"
        if not more:
            text.pos += 1
        while more:
            index = self.decisions_count
            self.decisions_count += 1
            try:
                decision = text.value(self.decoder, ("decisions", index))
            except SurrogateProblem as problem:  # the reader stepped past it: go on
                surrogate, decision = problem, None
            if refused is None and surrogate is None:
                try:
                    last = check_decision(decision, index, last, self.name)
                except ResultsError as problem:
                    refused = problem
            more = text.after_item("]")
        return surrogate, refused

    def decisions(self) -> Iterator[dict[str, Any]]:
        """The file's decisions, one at a time, from a new handle on the same file."""
        handle, identity = _open_regular(self.path, self.name, self.limit)
        try:
            if identity != self._identity:
                raise ResultsError(f"{self.name}: the file changed while it was being replayed")
            text = _Text(handle, self.name, self.limit)
            text.fill()
            text.opens("{")
            while text.key(self.decoder, ()) != "decisions":
                text.value(self.decoder, (), check=False)
                text.after_item("}")
            yield from text.items(self.decoder, ("decisions",))  # checked when the header was read
        finally:
            os.close(handle)

    # ------------------------------------------------------------------ the rounds
    def rounds(self) -> Iterator[Iterator[Piece]]:
        """Each round of the file in turn; each must be read to its end before the next."""
        text = self.text
        while self._state == "rounds":
            if self._first_round:
                self._first_round = False
                if text.peek() == "]":
                    text.pos += 1
                    self._state = "after"
                    return
            elif not text.after_item("]"):
                self._state = "after"
                return
            index = self.rounds_seen
            self.rounds_seen += 1
            yield self._round(index)

    def _round(self, index: int) -> Iterator[Piece]:
        text, decoder = self.text, self.decoder
        where: tuple[str | int, ...] = ("rounds", index)
        if not text.opens("{"):
            yield ("value", None, text.value(decoder, where))
            return
        if text.peek() == "}":
            text.pos += 1
            return
        seen: set[str] = set()
        more = True
        while more:
            key = text.key(decoder, where)
            if key in seen:
                raise NotStreamable(f"rounds[{index}].{key} given twice")
            seen.add(key)
            if key == "tickets" and text.peek() == "[":
                yield ("tickets", None, None)
                count = 0
                for row in text.items(decoder, (*where, "tickets"), MAX_ROW_CHARS):
                    yield ("ticket", count, row)
                    count += 1
                yield ("tickets_end", count, None)
            else:
                yield ("field", key, text.value(decoder, (*where, key)))
            more = text.after_item("}")

    # ------------------------------------------------------------------ the end
    def finish(self) -> None:
        """Read what is left: rounds not yet read (parsed, checked, dropped), the keys after
        the rounds, and nothing but space after the object.  Raises the header's problem last."""
        for pieces in self.rounds():
            for _ in pieces:
                pass
        text = self.text
        if self._state == "after":
            later = False
            while text.after_item("}"):
                later = True
                key = text.key(self.decoder, ())
                if key in REPLAY_KEYS or key in self.header:
                    raise NotStreamable(f"{key} after the rounds")
                self.header[key] = text.value(self.decoder, (key,))
            if text.peek() != "":
                raise text.error("Extra data")
            self._state = "done"
            if self.header_problem is None and later:
                check_results({**self.header, "rounds": []}, self.name)  # keys after the rounds
        if self.header_problem is not None:
            raise self.header_problem


def _open_regular(path: str | os.PathLike[str], name: str, limit: int) -> tuple[int, tuple[int, ...]]:
    """A read handle on a regular file within the limit, and what identifies that file's
    contents (device, inode, size, time changed); anything else is NotStreamable, so the
    whole-file reader refuses it in its own words (it never blocks on a FIFO nor reads /dev/zero)."""
    try:
        before = os.stat(path)
        if not stat.S_ISREG(before.st_mode) or before.st_size > limit or before.st_size == 0:
            raise NotStreamable("not a regular file within the limit")
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | \
            getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
        handle = os.open(path, flags)
    except (OSError, ValueError, UnicodeError):
        raise NotStreamable("cannot open") from None
    try:
        info = os.fstat(handle)
    except OSError:
        os.close(handle)
        raise NotStreamable("cannot open") from None
    if not stat.S_ISREG(info.st_mode):
        os.close(handle)
        raise NotStreamable("not a regular file")
    return handle, (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)


class StreamedDecisions:
    """A file's decisions for ``run_session``: read from the file as the replay reaches them
    (a ``len`` for the count, a fresh pass over the file for each iteration)."""

    def __init__(self, stream: ResultsStream) -> None:
        self.stream = stream

    def __len__(self) -> int:
        return self.stream.decisions_count

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return self.stream.decisions()


def read_checked_header(path: str | os.PathLike[str], name: str | None = None) -> dict[str, Any]:
    """Check the whole file as ``read_results`` does, one round at a time, and return its
    header with ``decisions`` streamed (``StreamedDecisions``) and ``rounds`` left out.

    For a resume, which re-runs the seed and decisions and never reads the rounds: a save of
    a million arrivals is checked without holding its tickets.  Raises ``NotStreamable``
    when the file must be read whole instead (the caller does so)."""
    with ResultsStream(path, name) as stream:
        stream.finish()  # every round parsed, checked and dropped; the header's problem last
        header = {key: value for key, value in stream.header.items() if key != "rounds"}
        header["decisions"] = StreamedDecisions(stream)
        return header

