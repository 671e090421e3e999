"""The results file ``deskgame-results/1``: building, atomic writing, safe reading.

One JSON file per session; it is also the replay record (seed + decisions) and,
later, the autosave.  Writes go to a temporary file in the same folder, are flushed
and fsynced, then renamed over the target, so a crash never leaves half a file.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import numpy as np

from deskgame import __version__
from deskgame.files import FileProblem, read_regular
from deskgame.scenario.limits import MAX_ARRIVALS_PER_ROUND
from deskgame.session.runner import SessionOutcome
from deskgame.session.ticket_table import FIELDS as TICKET_FIELDS
from deskgame.session.ticket_table import TicketTable

FORMAT = "deskgame-results/1"
# Results written before this version come from an earlier engine (0.2: the satisfaction
# model and ending rule; 0.3: ticks run before events at the same time and are not
# counted as steps; 0.4: "unsupported" posts when it bites; 0.5: an outage's fix is the
# team's own job, rated by no customer; 0.6: public posts say what the customer lived
# through, and assigning an outage's fix pulls a busy agent off their work; 0.7: an outage
# is never a neutral moment, morale gains shrink near the top and overload wears in
# proportion to the queue): their decisions would not replay to the same outcome, so they
# are refused by name.
OLDEST_COMPATIBLE = (0, 7)
# A session of the largest round the loader allows (1,000,000 expected arrivals) writes
# about 0.5 KB per ticket; the limit leaves room for long titles.
MAX_RESULTS_BYTES = MAX_ARRIVALS_PER_ROUND * 1024


class ResultsError(Exception):
    """A results file that cannot be used; the message names the file and the problem."""


def scenario_sha256(text: str) -> str:
    normalised = text.replace("\r\n", "\n").replace("\r", "\n")
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def build_results(outcome: SessionOutcome, policy: str, team: str | None) -> dict[str, Any]:
    world = outcome.world
    scenario = world.scenario
    last = outcome.rounds[-1] if outcome.rounds else None
    return {
        "format": FORMAT,
        "deskgame_version": __version__,
        "numpy_version": np.__version__,
        "scenario": {"title": scenario.title, "file": scenario.file,
                     "sha256": scenario_sha256(scenario.text), "text": scenario.text},
        "seed": world.seed,
        "policy": policy,
        "team": team or policy,
        "rounds": outcome.rounds,
        "decisions": world.decisions,
        "score": outcome.score,
        "ended": outcome.ended,
        "reached": {"round": last["round"] if last else 0,
                    "t": world.round_length if last else 0.0},
    }


def dumps(results: dict[str, Any]) -> str:
    """The file's text (see ``iter_dumps``)."""
    return "".join(iter_dumps(results))


def _encode(value: Any) -> str:
    # Compact, so the C encoder writes it (``indent`` forces the pure-Python one).
    return json.dumps(value, separators=(",", ":"), allow_nan=False)


def _open_object(value: dict[str, Any]) -> str:
    """``value`` encoded without its closing brace, ready for one more key."""
    text = _encode(value)
    return text[:-1] + ("," if len(value) else "")


def iter_dumps(results: dict[str, Any]) -> Iterator[str]:
    """The file's text in pieces, so a long session is never one giant string or list.

    Each round's tickets (a ``TicketTable``) are encoded a few thousand at a time; the
    rounds come last in the file and the tickets last in each round (JSON readers do not
    care about key order; this order is fixed, so files stay byte-identical).
    """
    head = {key: value for key, value in results.items() if key != "rounds"}
    yield _open_object(head) + '"rounds":['
    for index, record in enumerate(results.get("rounds", [])):
        tickets = record.get("tickets", [])
        rest = {key: value for key, value in record.items() if key != "tickets"}
        yield ("," if index else "") + _open_object(rest) + '"tickets":['
        chunks = tickets.chunks() if isinstance(tickets, TicketTable) else [list(tickets)]
        first = True
        for chunk in chunks:
            if chunk:
                yield ("" if first else ",") + _encode(chunk)[1:-1]
                first = False
        yield "]}"
    yield "]}\n"


def write_atomic(path: str | os.PathLike[str], text: str | Iterable[str]) -> None:
    """Write ``text`` (or its pieces) to ``path`` so that readers see the old file or the new, never half."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            if isinstance(text, str):
                out.write(text)
            else:
                out.writelines(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, target)
        _sync_folder(folder)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); harmless where folders cannot be opened."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def read_results(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Load and check a results file; every problem is a one-line ResultsError.

    Only a regular file is opened and at most MAX_RESULTS_BYTES are read (a FIFO or
    /dev/zero must neither hang nor fill the memory); numbers beyond what the format
    holds, NaN and lone surrogates are refused here so nothing downstream meets them.
    """
    name = str(path)
    try:
        data = read_regular(path, MAX_RESULTS_BYTES, name, what="results file")
    except FileProblem as error:
        raise ResultsError(str(error)) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ResultsError(f"{name}: not UTF-8 text (is it a results file?)") from None
    del data  # a long session's file is hundreds of MB: parse without its bytes still held
    try:
        results = json.loads(text, parse_int=_bounded_int, parse_float=_finite_float,
                             parse_constant=_no_constant)
    except (ValueError, RecursionError) as error:
        raise parse_problem(name, error) from None
    where = lone_surrogate(results)
    if where is not None:
        raise surrogate_problem(name, where)
    check_results(results, name)
    return results


def results_decoder() -> json.JSONDecoder:
    """The decoder ``read_results`` uses, for readers that parse a file piece by piece."""
    return json.JSONDecoder(parse_int=_bounded_int, parse_float=_finite_float, parse_constant=_no_constant)


def parse_problem(name: str, error: ValueError | RecursionError,
                  end: tuple[int, int] | None = None, detect: bool = True) -> ResultsError:
    """The one line for a file the JSON decoder refused (positions are the decoder's own).

    A file that stops in the middle (a copy cut short, a disk that filled up) makes json say
    "Unterminated string" or "Expecting value" somewhere near the end, which does not say
    what happened: that is worded as a file that ends early, at the line and column where
    it ends.  ``end`` is that place when the caller knows the file was cut (the streaming
    reader); otherwise, unless ``detect`` is False (an error made up without the text), it is
    worked out from the decoder's text.
    """
    if isinstance(error, json.JSONDecodeError) and end is None and detect and _ends_early(error):
        doc = error.doc
        end = (doc.count("\n") + 1, len(doc) - doc.rfind("\n"))
    if end is not None:
        return ResultsError(f"{name}:{end[0]}:{end[1]}: the file ends early (cut short?), so it is not "
                            "valid JSON: a results file written by deskgame ends with '}'; copy the whole "
                            "file again")
    if isinstance(error, json.JSONDecodeError):
        return ResultsError(f"{name}:{error.lineno}:{error.colno}: not valid JSON ({error.msg}); "
                            "expected a results file written by deskgame")
    if isinstance(error, _BadNumber):
        return ResultsError(f"{name}: {error}")
    if isinstance(error, RecursionError):
        return ResultsError(f"{name}: JSON nested too deeply")
    return ResultsError(f"{name}: not valid JSON ({error})")  # anything else json refuses


def _ends_early(error: json.JSONDecodeError) -> bool:
    """The decoder ran into the end of the text: a string never closed, or nothing but space
    after where it wanted more."""
    return error.msg.startswith("Unterminated string") or not error.doc[error.pos:].strip()


def surrogate_problem(name: str, where: str) -> ResultsError:
    return ResultsError(f"{name}: {where}: text holds a lone surrogate (not valid Unicode)")


def compact_rounds(results: dict[str, Any]) -> None:
    """Hold each round's tickets as a ``TicketTable`` instead of a dict per ticket.

    For the readers that keep a long session's file while replaying it (replay, resume):
    a parsed ticket costs about 0.75 KB as a dict and a tenth of that as columns with
    shared strings.  A round whose rows are not exactly the format's (a foreign or
    tampered file) is left as it is, so comparing with it still names the difference.
    """
    for record in results.get("rounds") or ():
        tickets = record.get("tickets") if isinstance(record, dict) else None
        if isinstance(tickets, list) and tickets and all(map(_is_plain_row, tickets)):
            record["tickets"] = TicketTable.from_rows(_shared_row(t) for t in tickets)


_ROW_TYPES = tuple((str,) if name in ("id", "kind", "customer", "channel", "priority") else
                   (float, int, type(None)) if name in ("arrived", "started", "resolved", "rating") else
                   (str, type(None)) for name in TICKET_FIELDS)


def _is_plain_row(row: object) -> bool:
    return (isinstance(row, dict) and tuple(row) == TICKET_FIELDS
            and all(type(value) in kinds
                    for value, kinds in zip(row.values(), _ROW_TYPES, strict=True)))


def _shared_row(row: dict[str, Any]) -> tuple[Any, ...]:
    """The row as a tuple, its repeated words (kind, customer, agent, title, ...) shared."""
    return tuple(sys.intern(value) if type(value) is str and name != "id" else value
                 for name, value in row.items())


class _BadNumber(ValueError):
    """A number the results format never holds."""


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > 19 or not -(2**63) <= int(text) < 2**63:
        raise _BadNumber(f"the whole number {text[:20]}{'...' if len(text) > 20 else ''} "
                         f"({len(text.lstrip('-')):,} digits) is out of range; results files hold "
                         "whole numbers below 2^63")
    return int(text)


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _BadNumber(f"the number {text[:20]} is too large for a results file")
    return value


def _no_constant(text: str) -> float:
    raise _BadNumber(f"{text} is not a number a results file can hold")


def lone_surrogate(value: Any, start: tuple[str | int, ...] = ()) -> str | None:
    """The field path of the first text holding a lone surrogate, else None (iterative: any depth).

    ``start`` is where ``value`` sits in the file, for a reader that checks it piece by piece.
    """
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(value, start)]
    while stack:
        item, path = stack.pop()
        if isinstance(item, str):
            bad = _has_surrogate(item)
        elif isinstance(item, dict):
            bad = False
            for key, child in item.items():
                if _has_surrogate(key):
                    return _field(path) + " (a key)"
                stack.append((child, (*path, key)))
        elif isinstance(item, list):
            bad = False
            stack.extend((child, (*path, i)) for i, child in enumerate(item))
        else:
            bad = False
        if bad:
            return _field(path)
    return None


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _field(path: tuple[str | int, ...]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top)"


def _need(cond: bool, name: str, field: str, message: str) -> None:
    if not cond:
        raise ResultsError(f"{name}: {field}: {message}")


def _version_tuple(version: str) -> tuple[int, ...]:
    parts = []
    for part in version.split(".")[:2]:
        if not part.isdigit() or len(part) > 6:
            return (-1,)
        parts.append(int(part))
    return tuple(parts)


def check_results(results: Any, name: str) -> None:
    """The fields replay and resume rely on, with their types."""
    _need(isinstance(results, dict), name, "(top)", "expected a JSON object")
    _need(results.get("format") == FORMAT, name, "format",
          f"expected {FORMAT!r}, found {results.get('format')!r}")
    version = results.get("deskgame_version")
    _need(isinstance(version, str), name, "deskgame_version", "missing: not a results file deskgame wrote")
    _need(_version_tuple(version) >= OLDEST_COMPATIBLE, name,
          "deskgame_version", f"written by deskgame {version}, whose satisfaction model and rules differ; "
          f"this deskgame {__version__} cannot replay or resume it")
    scenario = results.get("scenario")
    _need(isinstance(scenario, dict), name, "scenario", "missing or not an object")
    _need(isinstance(scenario.get("text"), str) and scenario["text"] != "", name, "scenario.text",
          "missing: the scenario text is needed to replay")
    _need(isinstance(scenario.get("sha256"), str), name, "scenario.sha256", "missing")
    _need(scenario_sha256(scenario["text"]) == scenario["sha256"], name, "scenario.sha256",
          "does not match scenario.text (the file was edited?)")
    _need(isinstance(scenario.get("file", ""), str), name, "scenario.file", "expected text (a file name)")
    _need(isinstance(scenario.get("title", ""), str), name, "scenario.title", "expected text")
    seed = results.get("seed")
    _need(isinstance(seed, int) and not isinstance(seed, bool) and 0 <= seed < 2**63, name, "seed",
          "expected a whole number from 0 to 2^63-1")
    _need(isinstance(results.get("policy"), str), name, "policy", "expected text")
    _need(results.get("team") is None or isinstance(results.get("team"), str), name, "team", "expected text")
    decisions = results.get("decisions")
    _need(isinstance(decisions, list), name, "decisions", "expected a list")
    last = FIRST_DECISION
    for i, d in enumerate(decisions):
        last = check_decision(d, i, last, name)
    _need(isinstance(results.get("rounds"), list), name, "rounds", "expected a list")


FIRST_DECISION = (0, -1)  # (round, step) before any decision


def check_decision(d: Any, i: int, last: tuple[int, int], name: str) -> tuple[int, int]:
    """Decision ``i`` (one at a time, for a reader that streams them); returns its (round, step)."""
    if type(d) is dict:  # the usual case in one test (a long session has millions)
        r, s, t = d.get("round"), d.get("step"), d.get("t")
        if (type(r) is int and type(s) is int and type(d.get("action")) is str
                and type(t) in (int, float) and 0 <= t < 1e9 and 0 < r <= 6 and 0 <= s < 10**9
                and (r, s) >= last):
            return (r, s)
    where = f"decisions[{i}]"
    _need(isinstance(d, dict), name, where, "expected an object")
    for key, kind in (("round", int), ("step", int), ("action", str)):
        _need(isinstance(d.get(key), kind) and not isinstance(d.get(key), bool), name,
              f"{where}.{key}", f"expected {'a whole number' if kind is int else 'text'}")
    _need(isinstance(d.get("t"), int | float) and not isinstance(d.get("t"), bool)
          and 0 <= d["t"] < 1e9, name, f"{where}.t", "expected a time in minutes")
    _need(0 < d["round"] <= 6 and 0 <= d["step"] < 10**9, name, where, "round or step out of range")
    _need((d["round"], d["step"]) >= last, name, where, "decisions are out of order")
    return (d["round"], d["step"])
