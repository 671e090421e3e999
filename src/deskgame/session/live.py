"""A session played in real time: the clock and the speed over the one session loop.

The screens own a ``LiveSession`` and call ``tick(real_seconds)`` once a frame; it
turns real time x speed into a simulated target time and asks the session loop
(``session.loop.Session``) to advance — the only way the world moves.  No pygame here,
so the same flow is tested headless.  Player actions go through ``command`` and become
decisions.
"""

from __future__ import annotations

from typing import Any

from deskgame.engine.cards import effects_for
from deskgame.engine.world import World
from deskgame.policies.base import Policy
from deskgame.scenario.model import Scenario
from deskgame.session.loop import Session
from deskgame.session.outcome import SessionOutcome
from deskgame.session.runner import choose_cards

SPEEDS = (0, 1, 2, 4, 8)
REAL_SECONDS_PER_ROUND_AT_1X = 600.0  # an 8 h round plays in about 10 minutes at 1x


class LiveSession:
    """Speed, the incident pause and the event feed around a ``Session``."""

    def __init__(self, scenario: Scenario, seed: int | None = None, policy: Policy | None = None,
                 session: Session | None = None) -> None:
        self.scenario = scenario
        self.policy = policy
        if session is None:
            session = Session(scenario, seed, policy)
            session.start()
        self.session = session
        self.seed = session.world.seed
        self.speed = 1
        self.incident_alert = False  # a major incident is waiting to be seen (the game is paused)
        self._cursor = len(session.world.log)

    @classmethod
    def resumed(cls, outcome: SessionOutcome, policy: Policy | None = None) -> LiveSession:
        """Carry on from a rebuilt world (see ``session.saves``); the bot, if any, rejoins now."""
        world = outcome.world
        session = Session(world.scenario, world.seed, policy, world=world)
        session.outcome = outcome
        finished = bool(outcome.rounds) and outcome.rounds[-1]["round"] == world.round \
            and world.now >= world.round_end
        if outcome.ended == "in_progress":
            outcome.ended = "completed"  # the rebuilt run stopped at the save; play carries on
        if not finished:
            session.phase = "playing"
        elif outcome.ended == "outsourced" or world.round >= world.scenario.rounds:
            session.phase = "ended"
        else:
            session.phase = "round_over"
        return cls(world.scenario, world.seed, policy, session=session)

    # -------------------------------------------------------------- state
    @property
    def world(self) -> World:
        return self.session.world

    @property
    def outcome(self) -> SessionOutcome:
        return self.session.outcome

    @property
    def phase(self) -> str:
        """playing, round_over or ended."""
        return self.session.phase

    @phase.setter
    def phase(self, value: str) -> None:
        self.session.phase = value

    @property
    def adopted_this_break(self) -> bool:
        return self.session.adopted_this_break

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
        session = self.session
        session.advance(self.world.now + real_seconds * self.speed * self.minutes_per_real_second)
        self._watch_events()
        if session.at_round_end and not self.incident_alert:
            session.finish_round()

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
    @property
    def on_notice(self) -> bool:
        """The desk is on notice: the last round ended below the outsourcing line."""
        return self.outcome.on_notice

    def suggested_cards(self) -> list[str]:
        """The bot's choice of cards (none when a team plays)."""
        return choose_cards(self.world, self.policy, "auto") if self.policy is not None else []

    def adopt(self, cards: list[str], commitment: str = "") -> str | None:
        """Will: record the cards and commitment as a decision; returns a refusal reason or None."""
        return self.session.adopt(cards, commitment)

    def upcoming_strengths(self) -> dict[str, float]:
        """How strongly each card in force will work in the next round (at today's morale)."""
        return effects_for(self.world.adopted, self.world.round + 1, self.world.mean_morale())[1]

    def begin_next_round(self) -> None:
        """Action: open the desk for the next round (with no cards if none were adopted)."""
        if self.phase != "round_over":
            return
        self.session.begin_next_round()
        self._cursor = len(self.world.log)

    def next_round(self, cards: list[str] | None = None, commitment: str = "") -> None:
        """Both steps at once: adopt ``cards`` (the bot's own choice when None), then play on."""
        self.adopt(self.suggested_cards() if cards is None else cards, commitment)
        self.begin_next_round()

    # -------------------------------------------------------------- player
    def command(self, action: str, **fields: Any) -> str | None:
        """A player's command; returns the refusal reason, or None when applied.

        A facilitator's injected major incident starts at once: its alert is raised now,
        not at the next tick, so the incident box comes up even while the game is paused.
        """
        if self.phase != "playing":
            return "the round is over"
        reason = self.world.try_command(action, **fields)
        if reason is None:
            self._watch_events()
        return reason

    @property
    def clock(self) -> float:
        """Minutes after midnight on the round's clock."""
        return self.scenario.round.start + (self.world.now - self.world.round_start)
