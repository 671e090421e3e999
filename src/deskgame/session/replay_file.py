"""``deskgame replay``'s work: re-run a results file and find the first place the replay differs.

The file is streamed (``results_stream``): its header is read, the session re-run from
the seed and decisions, and each round compared as the replay closes it and the file's
copy is parsed, so a session of a million arrivals replays in about the memory it took
to play.  A file that cannot be read from the front (deskgame never writes one) is read
whole, as before.  Either way a problem anywhere in the file is told before the replay's
own verdict, as when every file was read whole first.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from deskgame.scenario import ScenarioError, load_scenario_text
from deskgame.session.replay_check import (
    RoundChecker,
    StreamedRounds,
    difference_with_streamed,
    first_difference,
)
from deskgame.session.results import ResultsError, build_results, compact_rounds, read_results
from deskgame.session.results_stream import NotStreamable, ResultsStream, StreamedDecisions
from deskgame.session.runner import SessionOutcome
from deskgame.session.saves import check_reached, replay_decisions


@dataclass(frozen=True)
class Verdict:
    difference: str | None   # None: the replay is identical
    decisions: int
    score: float
    streamed: bool           # False when the file had to be read whole


def replay_file(path: str | os.PathLike[str], name: str | None = None) -> Verdict:
    """Replay ``path``; ResultsError or ScenarioError (one line) when the file cannot be replayed."""
    name = str(path) if name is None else name
    try:
        with ResultsStream(path, name) as stream:
            return _replay_streamed(stream, name)
    except NotStreamable:
        return replay_whole(path, name)


def _replay_streamed(stream: ResultsStream, name: str) -> Verdict:
    header = stream.header
    rounds = StreamedRounds(stream.rounds())
    try:
        if stream.header_problem is not None:
            raise stream.header_problem
        scenario, stop_at, reached = _prepare(header, name)
        outcome = replay_decisions(scenario, {**header, "decisions": StreamedDecisions(stream)}, name,
                                   stop_at=stop_at, on_round=rounds.check, keep_log=False)
    except (ResultsError, ScenarioError):
        if not rounds.file_failed:
            stream.finish()  # a broken file further on is told first, as when it was read whole
        raise
    stream.finish()
    difference = rounds.difference
    if difference is None:
        again = _again(outcome, header, stop_at, reached)
        difference = difference_with_streamed({**header, "rounds": stream.rounds_seen},
                                              {**again, "rounds": rounds.count_replayed},
                                              {"decisions": stream.decisions})
    return Verdict(difference, stream.decisions_count, outcome.score, streamed=True)


def replay_whole(path: str | os.PathLike[str], name: str | None = None) -> Verdict:
    """The file read whole, then replayed (its rounds held compactly, let go as compared)."""
    name = str(path) if name is None else name
    original = read_results(path)  # names the file by its path, as it always has
    compact_rounds(original)
    scenario, stop_at, reached = _prepare(original, name)
    rounds = RoundChecker(original)
    outcome = replay_decisions(scenario, original, name, stop_at=stop_at, on_round=rounds.check,
                               keep_log=False)
    difference = rounds.difference or first_difference(
        {**original, "rounds": rounds.count_in_file},
        {**_again(outcome, original, stop_at, reached), "rounds": rounds.count_replayed})
    return Verdict(difference, len(original["decisions"]), outcome.score, streamed=False)


def _prepare(header: dict[str, Any], name: str) -> tuple[Any, tuple[int, float] | None, Any]:
    """The embedded scenario, and where a save stopped (None for a finished session)."""
    scenario = load_scenario_text(header["scenario"]["text"], f"{name}:scenario.text",
                                  file=header["scenario"].get("file", ""))
    stop_at = None
    reached = header.get("reached")
    if header.get("ended") == "in_progress":  # a save: replay up to where it stopped
        reached = check_reached(header, name)
        stop_at = (reached["round"], float(reached["t"]))
    return scenario, stop_at, reached


def _again(outcome: SessionOutcome, original: dict[str, Any], stop_at: tuple[int, float] | None,
           reached: Any) -> dict[str, Any]:
    """The replay's results, as the file should hold them."""
    again = build_results(outcome, original["policy"], original.get("team"))
    if stop_at is not None:
        again["ended"], again["reached"] = "in_progress", reached
    return again
