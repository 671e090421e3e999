"""A session played in real time: the clock, the speed, rounds and the change cycle.

The screens own a ``LiveSession`` and call ``tick(real_seconds)`` once a frame; it
turns real time x speed into a simulated target time and calls the world's
``advance_to`` — the only way the world moves.  No pygame here, so the same flow is
tested headless.  Player actions go through ``command`` and become decisions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from deskgame.engine.cards import effects_for
from deskgame.engine.world import World
from deskgame.policies.base import Policy
from deskgame.scenario.model import Scenario
from deskgame.session.runner import SessionOutcome, choose_cards, close_round

SPEEDS = (0, 1, 2, 4, 8)
REAL_SECONDS_PER_ROUND_AT_1X = 600.0  # an 8 h round plays in about 10 minutes at 1x


@dataclass
class LiveSession:
    scenario: Scenario
    seed: int | None = None
    policy: Policy | None = None
    world: World = field(init=False)
    outcome: SessionOutcome = field(init=False)
    speed: int = 1
    phase: str = "playing"  # playing, round_over, ended
    incident_alert: bool = False  # a major incident is waiting to be seen (the game is paused)
    adopted_this_break: bool = False
    _cursor: int = 0

    def __post_init__(self) -> None:
        self.world = World(self.scenario, self.seed)
        if self.policy is not None:
            self.policy.attach(self.world)
        self.outcome = SessionOutcome(self.world)
        self.world.start_round(1)

    @classmethod
    def resumed(cls, outcome: SessionOutcome, policy: Policy | None = None) -> LiveSession:
        """Carry on from a rebuilt world (see ``session.saves``); the bot, if any, rejoins now."""
        live = cls.__new__(cls)
        live.scenario, live.seed, live.policy = outcome.world.scenario, outcome.world.seed, policy
        live.world, live.outcome = outcome.world, outcome
        live.speed, live.incident_alert, live.adopted_this_break = 1, False, False
        live._cursor = len(outcome.world.log)
        world = outcome.world
        finished = bool(outcome.rounds) and outcome.rounds[-1]["round"] == world.round \
            and world.now >= world.round_end
        if outcome.ended == "in_progress":
            outcome.ended = "completed"  # the rebuilt run stopped at the save; play carries on
        if not finished:
            live.phase = "playing"
        elif outcome.ended == "outsourced" or world.round >= live.scenario.rounds:
            live.phase = "ended"
        else:
            live.phase = "round_over"
        if policy is not None:
            policy.attach(world)
        return live

    # -------------------------------------------------------------- time
    @property
    def minutes_per_real_second(self) -> float:
        """Simulated minutes per real second at 1x: a round of any length takes ~10 minutes."""
        return max(self.scenario.round.length / REAL_SECONDS_PER_ROUND_AT_1X, 0.8)

    def set_speed(self, speed: int) -> None:
        if speed in SPEEDS:
            self.speed = speed

    def faster(self) -> None:
        self.set_speed(SPEEDS[min(len(SPEEDS) - 1, SPEEDS.index(self.speed) + 1)])

    def slower(self) -> None:
        self.set_speed(SPEEDS[max(0, SPEEDS.index(self.speed) - 1)])

    def tick(self, real_seconds: float) -> None:
        """Advance the world by ``real_seconds`` of real time at the current speed."""
        if self.phase != "playing" or self.speed == 0 or self.incident_alert:
            return
        world = self.world
        target = world.now + real_seconds * self.speed * self.minutes_per_real_second
        if target >= world.round_end - 1e-6:
            target = world.round_end  # land exactly on the round's end, never a rounding error short
        world.advance_to(target)
        self._watch_events()
        if world.now >= world.round_end and not self.incident_alert:
            self._finish_round()

    def _watch_events(self) -> None:
        new, self._cursor = self.world.log.since(self._cursor)
        for event in new:
            if event.kind == "major_incident_started":
                # Only a major incident stops the clock, and fast-forward drops to 1x.
                self.incident_alert = True
                self.speed = 1

    def acknowledge_incident(self) -> None:
        self.incident_alert = False

    # -------------------------------------------------------------- rounds
    def _finish_round(self) -> None:
        self.phase = "ended" if close_round(self.outcome) else "round_over"

    @property
    def on_notice(self) -> bool:
        """The desk is on notice: the last round ended below the outsourcing line."""
        return self.outcome.on_notice

    def suggested_cards(self) -> list[str]:
        """The bot's choice of cards (none when a team plays)."""
        return choose_cards(self.world, self.policy, "auto") if self.policy is not None else []

    def adopt(self, cards: list[str], commitment: str = "") -> str | None:
        """Will: record the cards and commitment as a decision; returns a refusal reason or None."""
        if self.phase != "round_over" or self.adopted_this_break:
            return "not between rounds"
        reason = self.world.try_command("improve", cards=cards, commitment=commitment)
        if reason is None:
            self.adopted_this_break = True
        return reason

    def upcoming_strengths(self) -> dict[str, float]:
        """How strongly each card in force will work in the next round (at today's morale)."""
        return effects_for(self.world.adopted, self.world.round + 1, self.world.mean_morale())[1]

    def begin_next_round(self) -> None:
        """Action: open the desk for the next round (with no cards if none were adopted)."""
        if self.phase != "round_over":
            return
        if not self.adopted_this_break:
            self.adopt([], "")
        self.adopted_this_break = False
        self.world.start_round(self.world.round + 1)
        self._cursor = len(self.world.log)
        self.phase = "playing"

    def next_round(self, cards: list[str] | None = None, commitment: str = "") -> None:
        """Both steps at once: adopt ``cards`` (the bot's own choice when None), then play on."""
        self.adopt(self.suggested_cards() if cards is None else cards, commitment)
        self.begin_next_round()

    # -------------------------------------------------------------- player
    def command(self, action: str, **fields: Any) -> str | None:
        """A player's command; returns the refusal reason, or None when applied."""
        if self.phase != "playing":
            return "the round is over"
        return self.world.try_command(action, **fields)

    @property
    def clock(self) -> float:
        """Minutes after midnight on the round's clock."""
        return self.scenario.round.start + (self.world.now - self.world.round_start)
