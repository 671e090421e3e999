"""The one session loop: rounds, the round's end, the business's verdict, the change cycle.

Headless runs, live play, replay and resume all drive a session through this class, so
each rule is written once: a round ends when the clock reaches the round's end; closing
it records the round and applies the notice/outsourcing rule (``close_round``); between
rounds the cards and commitment are one ``improve`` decision; the next round opens with
``begin_next_round``.  What differs between drivers is only *when* they ask for time
(a frame loop, a replay's recorded steps, a bot running flat out).
"""

from __future__ import annotations

from typing import Any

from deskgame.engine.world import World
from deskgame.policies.base import Policy
from deskgame.scenario.model import Scenario
from deskgame.session.outcome import SessionOutcome, close_round


class ReplayError(Exception):
    """The decision list does not fit the run (a decision was refused or never reached)."""


class Session:
    """A session's world and outcome, moved through its phases: playing, round_over, ended."""

    def __init__(self, scenario: Scenario, seed: int | None = None, policy: Policy | None = None,
                 keep_log: bool = True, world: World | None = None) -> None:
        self.world = world or World(scenario, seed, keep_log=keep_log)
        self.outcome = SessionOutcome(self.world)
        self.policy = policy
        if policy is not None:
            policy.attach(self.world)
        self.phase = "playing"
        self.adopted_this_break = False

    # ---------------------------------------------------------------- rounds
    def start(self) -> None:
        """Open round 1."""
        self.world.start_round(1)

    @property
    def at_round_end(self) -> bool:
        world = self.world
        return world.now >= world.round_end

    def advance(self, target: float) -> None:
        """Move the clock toward ``target``, never past the round's end."""
        world = self.world
        if target >= world.round_end - 1e-6:
            target = world.round_end  # land exactly on the end, never a rounding error short
        world.advance_to(target)

    def finish_round(self) -> bool:
        """Close the round just played; True when the session has ended."""
        ended = close_round(self.outcome)
        self.phase = "ended" if ended else "round_over"
        return ended

    def adopt(self, cards: list[str], commitment: str = "") -> str | None:
        """Will: record the cards and commitment as a decision; returns a refusal reason or None."""
        if self.phase != "round_over" or self.adopted_this_break:
            return "not between rounds"
        reason = self.world.try_command("improve", cards=cards, commitment=commitment)
        if reason is None:
            self.adopted_this_break = True
        return reason

    def begin_next_round(self, record_no_cards: bool = True) -> None:
        """Action: open the desk for the next round.

        A team that chose nothing has chosen "no cards", and that is recorded as its
        decision; a headless run with ``--improve none`` records nothing (``record_no_cards``).
        """
        if self.phase != "round_over":
            return
        if not self.adopted_this_break and record_no_cards:
            self.adopt([], "")
        self.adopted_this_break = False
        self.world.start_round(self.world.round + 1)
        self.phase = "playing"

    # ---------------------------------------------------------------- decisions
    def apply(self, decision: dict[str, Any]) -> None:
        """Apply a recorded decision at exactly its engine step (replay and resume)."""
        world = self.world
        fields = {k: v for k, v in decision.items() if k not in ("round", "step", "t", "action")}
        world.run_until_step(int(decision["step"]), float(decision["t"]))
        if decision["action"] == "improve":
            reason = self.adopt(**fields)
        else:
            reason = world.try_command(decision["action"], **fields)
        if reason is not None:
            raise ReplayError(f"decision at round {decision['round']} step {decision['step']} "
                              f"({decision['action']}) was refused: {reason}")
