"""Playing a whole session headless: rounds, a bot (or a decision list), the change cycle.

``run_session`` with a policy plays like a team would; with ``decisions`` it replays
them at exactly their recorded engine steps.  Both drive the one session loop
(``session.loop.Session``), so a replay differs from its original only if the engine
is not deterministic.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from deskgame.engine.cards import parse_card_list
from deskgame.engine.commands import CommandRefused
from deskgame.engine.world import World
from deskgame.policies.base import Policy
from deskgame.scenario.model import Scenario
from deskgame.session.loop import ReplayError, Session
from deskgame.session.outcome import SessionOutcome, close_round, round_record, rounded_series

__all__ = ["ReplayError", "SessionOutcome", "choose_cards", "close_round", "round_record",
           "rounded_series", "run_session"]


def choose_cards(world: World, policy: Policy | None, improve: str) -> list[str]:
    imp = world.scenario.improvements
    if improve == "none" or policy is None:
        return []
    if improve == "auto":
        return policy.choose_improvements(world, imp.offer, imp.budget)
    return parse_card_list(improve)


def run_session(scenario: Scenario, seed: int | None = None, policy: Policy | None = None,
                improve: str = "auto",
                decisions: Iterable[dict[str, Any]] | None = None,
                stop_at: tuple[int, float] | None = None,
                keep_log: bool = True,
                on_round: Callable[[dict[str, Any]], None] | None = None,
                keep_tickets: bool = True) -> SessionOutcome:
    """Play every round (or until outsourcing); replay ``decisions`` when given.

    ``stop_at=(round, t)`` stops a replay where a save was made: ``t`` minutes into that
    round (``t`` at or past the round's length: after the round, before the change cycle).
    ``keep_log=False`` drops the domain-event feed nobody reads in a headless run.
    ``on_round`` sees each round's record as it closes (a replay compares it there and
    need not hold two whole sessions at once).  ``keep_tickets=False`` leaves the rounds'
    ticket lists empty, for callers that write no results file.
    """
    replaying = decisions is not None
    session = Session(scenario, seed, None if replaying else policy, keep_log=keep_log)
    world, outcome = session.world, session.outcome
    outcome.keep_tickets = keep_tickets
    pending = _Pending(decisions or ())
    session.start()
    while True:
        round_no = world.round
        stop = None
        if stop_at is not None and stop_at[0] == round_no and stop_at[1] < world.round_length:
            stop = world.round_start + stop_at[1]
        while pending and pending.first["round"] == round_no and pending.first["action"] != "improve" and (
                stop is None or pending.first["t"] <= stop):
            session.apply(pending.popleft())
        if stop is not None:
            world.advance_to(stop)
            outcome.ended = "in_progress"
            break
        session.advance(world.round_end)
        ended = session.finish_round()
        if on_round is not None:
            on_round(outcome.rounds[-1])
        if ended:
            break
        if stop_at is not None and stop_at[0] == round_no:
            outcome.ended = "in_progress"  # saved at the round's end, before the change cycle
            break
        if replaying:
            while pending and pending.first["round"] == round_no:
                session.apply(pending.popleft())
        else:
            cards = choose_cards(world, policy, improve)
            if cards or improve != "none":
                reason = session.adopt(cards, "")
                if reason is not None:
                    raise CommandRefused(reason)
        session.begin_next_round(record_no_cards=False)
    if pending:
        first = pending.first
        raise ReplayError(f"{pending.count_left()} decision(s) were never reached, the first at round "
                          f"{first['round']} step {first['step']}")
    return outcome


class _Pending:
    """The decisions still to apply, taken one at a time from a list or from a stream
    (``deskgame replay`` reads a long session's decisions from its file as they are due,
    so they are never all held at once)."""

    __slots__ = ("_rest", "first")

    def __init__(self, decisions: Iterable[dict[str, Any]]) -> None:
        self._rest = iter(decisions)
        self.first: dict[str, Any] = _NONE_LEFT
        self.popleft()

    def __bool__(self) -> bool:
        return self.first is not _NONE_LEFT

    def popleft(self) -> dict[str, Any]:
        taken, self.first = self.first, next(self._rest, _NONE_LEFT)
        return taken

    def count_left(self) -> int:
        return (1 if self else 0) + sum(1 for _ in self._rest)


_NONE_LEFT: dict[str, Any] = {}  # told apart by identity: an empty decision is still a decision
