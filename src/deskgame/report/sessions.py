"""The debrief's input: results files read once into typed, checked records.

Why a layer of its own: a results file comes from a colleague's laptop, a USB stick or
an old version, so everything the debrief uses is checked here, once, with the file's
name in every message (``deskgame debrief`` turns a ``DebriefInputError`` into exit 2).
The rest of the report then works on plain dataclasses and cannot meet a missing key.
The files are read through ``session.results.read_results``, the same reader replay
and resume use.
"""

from __future__ import annotations

import math
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from deskgame.scenario.model import Scenario

KPI_KEYS = ("trust", "csat", "sla_met", "fcr", "mean_wait_min", "backlog_end", "morale",
            "hidden_work_min", "resolved")
# Decisions whose action names a facilitator's live injection (the F9 console of issue 13).
# Assumed shape: {"round", "step", "t", "action": "inject", "event": {"kind": ..., ...}};
# the event's keys may also stand beside "action" instead of inside "event".
INJECT_ACTIONS = ("inject", "inject_event", "facilitator_inject")


class DebriefInputError(Exception):
    """An input the debrief cannot use; the message is one line naming the file."""


class NoRoundPlayed(DebriefInputError):
    """A save with no finished round: left out of a report of several files, with a warning."""


@dataclass(frozen=True)
class Ticket:
    priority: str
    arrived: float
    started: float | None
    outcome: str | None
    id: str = ""              # names a moment's ticket: two tickets often share a title
    kind: str = ""            # incident, request, end_run, byod, fake_emergency ("" in an old file)


@dataclass(frozen=True)
class Moment:
    round: int
    t: float
    customer: str
    rating: float
    text: str
    ticket: str | None = ""  # None: off the books (no ticket); "": the file does not say


@dataclass(frozen=True)
class Injection:
    """A facilitator's live event.  ``t`` is minutes from the start of *its round* (the
    decision records the engine's clock, minutes from the session's start: ``load_session``
    takes the round's start off), so it reads on the round's clock like a scripted event."""

    round: int
    t: float
    kind: str
    details: tuple[tuple[str, str], ...]
    # The event's keys and values as recorded, in the engine's units (minutes, calls per
    # minute), for the report to word them as it words the scripted events.
    fields: tuple[tuple[str, Any], ...] = ()

    def key(self) -> tuple[int, str, tuple[tuple[str, str], ...]]:
        """What makes two teams' injections 'the same' (the minute may differ by a frame)."""
        return (self.round, self.kind, self.details)


@dataclass(frozen=True)
class RoundData:
    number: int
    kpis: dict[str, float]
    arrived: int | None
    score: float
    on_notice: bool
    series_t: tuple[float, ...]
    series_trust: tuple[float, ...]
    tickets: tuple[Ticket, ...]
    moments: tuple[Moment, ...]
    posts: int
    improvements: tuple[str, ...]
    commitment: str
    # Each department's satisfaction at the round's last sample (empty for an old file without it).
    satisfaction_end: dict[str, float] = field(default_factory=dict)


@dataclass
class Session:
    """One team's session as the debrief sees it."""

    name: str
    file: str
    title: str
    sha256: str
    seed: int
    policy: str
    ended: str
    score: float
    scenario: Scenario
    rounds: list[RoundData] = field(default_factory=list)
    injections: list[Injection] = field(default_factory=list)
    # What the team did, counted from its decisions: "set_priority", "update", ... and each
    # answer by its choice ("answer:take", "answer:redirect", ...); cards are shown apart.
    actions: dict[str, int] = field(default_factory=dict)
    # Calls claiming an emergency that the desk served ("drop everything"): ticket id -> the
    # (round, minute of that round) of the answer, so a moment they rated well can say its cost.
    served: dict[str, tuple[int, float]] = field(default_factory=dict)

    @property
    def total_hidden_work(self) -> float:
        return sum(r.kpis["hidden_work_min"] for r in self.rounds)


# ---- finding the files ---------------------------------------------------------------

def collect_paths(arguments: list[str]) -> list[Path]:
    """Files as given, and the ``*.json`` files directly inside each folder given (sorted).

    Only regular files are read: a FIFO or device named on the command line would hang or
    never end, so it is refused by name.  Hidden files (editor locks, temporary files of an
    atomic write) in a folder are skipped.
    """
    paths: list[Path] = []
    for argument in arguments:
        path = Path(argument)
        try:
            mode = path.stat().st_mode
        except FileNotFoundError:
            raise DebriefInputError(f"{argument}: no such file or folder") from None
        except OSError as error:
            raise DebriefInputError(f"{argument}: cannot read ({error.strerror or error})") from None
        if stat.S_ISDIR(mode):
            found = sorted(child for child in path.iterdir()
                           if child.suffix.lower() == ".json" and not child.name.startswith(".")
                           and _is_regular(child))
            if not found:
                raise DebriefInputError(f"{argument}: a folder with no results files (*.json) in it")
            paths.extend(found)
        elif stat.S_ISREG(mode):
            paths.append(path)
        else:
            raise DebriefInputError(f"{argument}: not a regular file (a device, pipe or socket?)")
    unique: list[Path] = []
    seen: set[str] = set()
    for path in paths:
        key = os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique


def _is_regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False


# ---- reading one file ----------------------------------------------------------------

def load_session(path: Path) -> Session:
    """Read and check one results file; every problem is a one-line DebriefInputError."""
    from deskgame.scenario import ScenarioError, load_scenario_text
    from deskgame.session.results import ResultsError, read_results

    name = str(path)
    try:
        results = read_results(path)
    except ResultsError as error:
        raise DebriefInputError(str(error)) from None
    try:
        scenario = load_scenario_text(results["scenario"]["text"], f"{name}:scenario.text")
    except ScenarioError as error:
        raise DebriefInputError(f"{name}: the embedded scenario is invalid: {error.problems[0]}") from None
    reader = _Reader(name)
    rounds = [reader.round(r, i) for i, r in enumerate(reader.list_of(results, "rounds"))]
    if not rounds:
        raise NoRoundPlayed(f"{name}: rounds: no round was played, so there is nothing to compare")
    team = results.get("team")
    policy = results["policy"]
    return Session(
        name=team if isinstance(team, str) and team.strip() and team != policy else short_name(path.stem),
        file=name, title=reader.text(results["scenario"], "title", "scenario.title", scenario.title),
        sha256=results["scenario"]["sha256"], seed=results["seed"], policy=policy,
        ended=reader.text(results, "ended", "ended", "completed"),
        score=reader.number(results, "score", "score"), scenario=scenario, rounds=rounds,
        injections=[reader.injection(d, scenario.round.length) for d in results["decisions"]
                    if d["action"] in INJECT_ACTIONS],
        actions=count_actions(results["decisions"]),
        served=served_emergencies(results["decisions"], scenario.round.length))


NAME_MAX = 24  # characters of a team named by its file: a save's 41-character name overflowed tables


def short_name(stem: str) -> str:
    """A file's name as a team's name, cut at a separator when long ("monday-at-northwind…"); the
    Teams table gives the whole file name beside it."""
    if len(stem) <= NAME_MAX:
        return stem
    cut = max(stem.rfind(sep, 0, NAME_MAX) for sep in "-_ .")
    return stem[:cut if cut > NAME_MAX // 2 else NAME_MAX - 1] + "\u2026"


def served_emergencies(decisions: list[dict[str, Any]], round_length: float) -> dict[str, tuple[int, float]]:
    """Each call the desk answered "serve" (an emergency treated as one): its ticket and when."""
    return {d["ticket"]: (d["round"], round_minutes(float(d["t"]), d["round"], round_length))
            for d in decisions if d["action"] == "answer" and d.get("choice") == "serve"
            and isinstance(d.get("ticket"), str)}


def count_actions(decisions: list[dict[str, Any]]) -> dict[str, int]:
    """How many of each decision a team made (answers split by their choice)."""
    counts: dict[str, int] = {}
    for d in decisions:
        action = d["action"]
        if action == "improve" or action in INJECT_ACTIONS:
            continue
        if action == "answer" and isinstance(d.get("choice"), str):
            action = f"answer:{d['choice']}"
        counts[action] = counts.get(action, 0) + 1
    return counts


class _Reader:
    """Typed access to one file's fields, naming the file and field when one is wrong."""

    def __init__(self, name: str):
        self.name = name

    def fail(self, where: str, message: str) -> DebriefInputError:
        return DebriefInputError(f"{self.name}: {where}: {message}")

    def list_of(self, data: dict[str, Any], key: str, where: str | None = None) -> list[Any]:
        value = data.get(key)
        if not isinstance(value, list):
            raise self.fail(where or key, "expected a list")
        return value

    def object_of(self, data: Any, where: str) -> dict[str, Any]:
        if not isinstance(data, dict):
            raise self.fail(where, "expected an object")
        return data

    def number(self, data: dict[str, Any], key: str, where: str, optional: bool = False) -> Any:
        value = data.get(key)
        if value is None and optional:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) \
                or abs(value) > 1e12:
            raise self.fail(where, "expected a number")
        return value

    def text(self, data: dict[str, Any], key: str, where: str, default: str | None = None) -> str:
        value = data.get(key, default)
        if not isinstance(value, str):
            raise self.fail(where, "expected text")
        return value

    def round(self, data: Any, index: int) -> RoundData:
        where = f"rounds[{index}]"
        data = self.object_of(data, where)
        number = self.number(data, "round", f"{where}.round")
        if not isinstance(number, int) or not 1 <= number <= 6:
            raise self.fail(f"{where}.round", "expected a round number from 1 to 6")
        kpis_raw = self.object_of(data.get("kpis"), f"{where}.kpis")
        kpis = {key: float(self.number(kpis_raw, key, f"{where}.kpis.{key}")) for key in KPI_KEYS}
        series = self.object_of(data.get("series"), f"{where}.series")
        times = [float(self.number({"v": v}, "v", f"{where}.series.t")) for v in
                 self.list_of(series, "t", f"{where}.series.t")]
        trust = [float(self.number({"v": v}, "v", f"{where}.series.trust")) for v in
                 self.list_of(series, "trust", f"{where}.series.trust")]
        if len(times) != len(trust):
            raise self.fail(f"{where}.series", "t and trust have different lengths")
        by_department = self.object_of(series.get("satisfaction", {}), f"{where}.series.satisfaction")
        satisfaction_end = {}
        for name, values in by_department.items():
            if not isinstance(values, list) or len(values) != len(times):
                raise self.fail(f"{where}.series.satisfaction.{name}", "expected one value per sample")
            if values:
                satisfaction_end[str(name)] = float(self.number({"v": values[-1]}, "v",
                                                               f"{where}.series.satisfaction.{name}"))
        tickets = [self.ticket(t, f"{where}.tickets[{i}]")
                   for i, t in enumerate(self.list_of(data, "tickets", f"{where}.tickets"))]
        moments = [self.moment(mo, number, f"{where}.moments[{i}]")
                   for i, mo in enumerate(self.list_of(data, "moments", f"{where}.moments"))]
        cards = self.list_of(data, "improvements", f"{where}.improvements")
        if not all(isinstance(card, str) for card in cards):
            raise self.fail(f"{where}.improvements", "expected a list of card ids")
        arrived = self.number(data, "arrived", f"{where}.arrived", optional=True)
        return RoundData(
            number=number, kpis=kpis, arrived=int(arrived) if arrived is not None else None,
            score=float(self.number(data, "score", f"{where}.score")),
            on_notice=bool(data.get("on_notice", False)), series_t=tuple(times), series_trust=tuple(trust),
            tickets=tuple(tickets), moments=tuple(moments),
            posts=len(data["posts"]) if isinstance(data.get("posts"), list) else 0,
            improvements=tuple(cards), commitment=self.text(data, "commitment", f"{where}.commitment", ""),
            satisfaction_end=satisfaction_end)

    def ticket(self, data: Any, where: str) -> Ticket:
        data = self.object_of(data, where)
        priority = self.text(data, "priority", f"{where}.priority")
        started = self.number(data, "started", f"{where}.started", optional=True)
        outcome = data.get("outcome")
        return Ticket(priority=priority, arrived=float(self.number(data, "arrived", f"{where}.arrived")),
                      started=None if started is None else float(started),
                      outcome=outcome if isinstance(outcome, str) else None,
                      id=data["id"] if isinstance(data.get("id"), str) else "",
                      kind=data["kind"] if isinstance(data.get("kind"), str) else "")

    def moment(self, data: Any, round_no: int, where: str) -> Moment:
        data = self.object_of(data, where)
        rating = data.get("rating", data.get("delta"))
        return Moment(round=round_no, t=float(self.number(data, "t", f"{where}.t")),
                      customer=self.text(data, "customer", f"{where}.customer", ""),
                      rating=float(self.number({"v": rating}, "v", f"{where}.rating")),
                      text=self.text(data, "text", f"{where}.text", ""),
                      ticket=_ticket_of(data))

    def injection(self, data: dict[str, Any], round_length: float) -> Injection:
        event = data.get("event")
        fields = dict(event) if isinstance(event, dict) else {
            k: v for k, v in data.items() if k not in ("round", "step", "t", "action")}
        kind = fields.pop("kind", None)
        details = tuple(sorted((str(k), _short(v)) for k, v in fields.items()))
        return Injection(round=data["round"], t=round_minutes(float(data["t"]), data["round"], round_length),
                         kind=kind if isinstance(kind, str) else "event", details=details,
                         fields=tuple((str(k), _frozen(v)) for k, v in fields.items()))


def _ticket_of(moment: dict[str, Any]) -> str | None:
    """A moment's ticket id; None when the file says it had none (off the books), "" when
    the file does not say (older files)."""
    ticket = moment.get("ticket", "")
    return ticket if ticket is None or isinstance(ticket, str) else ""


def round_minutes(t: float, round_no: int, round_length: float) -> float:
    """A decision's ``t`` (the engine's clock: minutes from the session's start, rounds back to
    back) as minutes from the start of its round.  A time already smaller than the round's
    start is taken as round minutes (a hand-written or older file), never made negative."""
    start = (round_no - 1) * round_length
    return t - start if t >= start else t


def _frozen(value: Any) -> Any:
    """A recorded value made hashable (a list of demand ids becomes a tuple)."""
    return tuple(value) if isinstance(value, list) else value


def _short(value: Any) -> str:
    text = ", ".join(str(v) for v in value) if isinstance(value, list) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


# ---- several files -------------------------------------------------------------------

def load_sessions(arguments: list[str]) -> tuple[list[Session], list[str]]:
    """Every session named (files or folders) and notes about files left out."""
    notes: list[str] = []
    sessions: list[Session] = []
    fingerprints: dict[tuple[Any, ...], str] = {}
    paths = collect_paths(arguments)
    for path in paths:
        try:
            session = load_session(path)
        except NoRoundPlayed:
            if len(paths) == 1:
                raise
            # A save made before the first round ended stopped the whole report: left out, said so.
            notes.append(f"{path} left out: a save with no round finished yet, so nothing to compare")
            continue
        fingerprint = (session.sha256, session.seed, session.policy, session.name,
                       tuple(r.score for r in session.rounds), session.ended)
        if fingerprint in fingerprints:
            notes.append(f"{path} is the same session as {fingerprints[fingerprint]}; shown once")
            continue
        fingerprints[fingerprint] = str(path)
        sessions.append(session)
    if not sessions:
        raise DebriefInputError("no round was finished in any of the files given, so there is nothing "
                                "to compare")
    _unique_names(sessions)
    return sessions, notes


def _unique_names(sessions: list[Session]) -> None:
    """Two files with the same team name get their file's name added, so rows stay apart."""
    counts: dict[str, int] = {}
    for session in sessions:
        counts[session.name] = counts.get(session.name, 0) + 1
    for session in sessions:
        if counts[session.name] > 1:
            session.name = f"{session.name} ({Path(session.file).name})"


def comparability_warnings(sessions: list[Session]) -> list[str]:
    """What makes the comparison unfair: different scenarios, seeds, injected events, unfinished play."""
    warnings: list[str] = []
    scenarios = {(s.sha256, s.title) for s in sessions}
    if len(scenarios) > 1:
        listing = "; ".join(f"{s.name}: {s.title!r} ({s.sha256[:8]})" for s in sessions)
        warnings.append("These files come from different scenarios, so the teams did not face the same "
                        f"day and their numbers are not a fair comparison: {listing}.")
    seeds = {s.seed for s in sessions}
    if len(seeds) > 1:
        listing = "; ".join(f"{s.name}: seed {s.seed}" for s in sessions)
        warnings.append("These files were played with different seeds, so the arrivals differed and "
                        f"the numbers are not a fair comparison: {listing}.")
    injected = {tuple(i.key() for i in s.injections) for s in sessions}
    if len(injected) > 1:
        listing = "; ".join(f"{s.name}: {len(s.injections)}" for s in sessions)
        warnings.append("The facilitator injected different events for different teams (injected "
                        f"events per team: {listing}); see 'Events' below before comparing.")
    for s in sessions:
        if s.ended == "in_progress":
            warnings.append(f"{s.name} ({s.file}) is a save of a session still in progress: "
                            f"{len(s.rounds)} of {s.scenario.rounds} rounds finished"
                            + ("; the prompts compare only the rounds every team played." if len(sessions) > 1
                               else "."))
    return warnings
