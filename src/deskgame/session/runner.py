"""Playing a whole session headless: rounds, a bot (or a decision list), the change cycle.

``run_session`` with a policy plays like a team would; with ``decisions`` it replays
them at exactly their recorded engine steps.  Both go through the same loop, so a
replay differs from its original only if the engine is not deterministic.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from deskgame.engine.cards import parse_card_list
from deskgame.engine.world import World
from deskgame.policies.base import Policy
from deskgame.scenario.model import Scenario
from deskgame.session.kpis import arrived_in_round, round_kpis, round_score


@dataclass
class SessionOutcome:
    world: World
    rounds: list[dict[str, Any]] = field(default_factory=list)
    ended: str = "completed"
    on_notice: bool = False   # the business put the desk on notice at the last round's end

    @property
    def ended_on_notice(self) -> bool:
        """The last round played ended below the line without an earlier notice (not outsourced)."""
        return self.ended == "completed" and bool(self.rounds) and self.rounds[-1]["on_notice"]

    @property
    def score(self) -> float:
        total = sum(r["score"] for r in self.rounds)
        return round(total / self.world.scenario.rounds, 4)


def _rel(value: float | None, origin: float) -> float | None:
    return None if value is None else value - origin


def round_record(world: World, round_no: int) -> dict[str, Any]:
    """Everything the results file keeps about a finished round."""
    origin = world.round_start
    kpis = round_kpis(world, round_no)
    weights = dict(world.scenario.scoring.weights)
    tickets = [
        {"id": t.id, "kind": t.kind, "customer": t.customer, "channel": t.channel,
         "priority": t.desk_priority, "arrived": t.arrived - origin,
         "started": _rel(t.started, origin), "resolved": _rel(t.resolved, origin),
         "agent": t.agent, "title": t.title, "outcome": t.outcome,
         "rating": None if t.outcome != "resolved" or t.rating is None else round(t.rating, 4)}
        for t in world.tickets.values() if t.round == round_no and not t.hidden
    ]
    return {
        "round": round_no,
        "kpis": kpis,
        "arrived": arrived_in_round(world),
        "tickets": tickets,
        "series": rounded_series(world.series[round_no]),
        "moments": [{"t": mo.t - origin, "customer": mo.customer, "ticket": mo.ticket,
                     "rating": round(mo.rating, 4), "delta": round(mo.delta, 4), "text": mo.text}
                    for mo in world.satisfaction.notable(round_no)],
        "posts": [{"t": p.t - origin, "customer": p.customer, "text": p.text}
                  for p in world.satisfaction.posts if p.round == round_no],
        "improvements": world.improvements_by_round.get(round_no, []),
        "commitment": world.commitments.get(round_no, ""),
        "score": round_score(kpis, arrived_in_round(world), weights),
        "on_notice": kpis["trust"] < world.scenario.scoring.outsourcing_below,
    }


def close_round(outcome: SessionOutcome) -> bool:
    """Record the round just played and apply the business's verdict; True when the session ends.

    The one place the rule of DESIGN.md section 2 ("Score and ending") lives: a round that
    ends below the line puts the desk on notice; a desk on notice that ends another round
    below the line is outsourced; a round at or above the line lifts the notice.  Headless
    runs, live play, replay and resume all come through here.
    """
    world = outcome.world
    record = round_record(world, world.round)
    outcome.rounds.append(record)
    if record["on_notice"] and outcome.on_notice:
        outcome.ended = "outsourced"
        return True
    outcome.on_notice = record["on_notice"]
    return world.round >= world.scenario.rounds


def rounded_series(series: dict[str, Any]) -> dict[str, Any]:
    return {"t": [round(t, 6) for t in series["t"]],
            "trust": [round(v, 3) for v in series["trust"]],
            "satisfaction": {name: [round(v, 3) for v in values]
                             for name, values in series["satisfaction"].items()}}


def choose_cards(world: World, policy: Policy | None, improve: str) -> list[str]:
    imp = world.scenario.improvements
    if improve == "none" or policy is None:
        return []
    if improve == "auto":
        return policy.choose_improvements(world, imp.offer, imp.budget)
    return parse_card_list(improve)


def run_session(scenario: Scenario, seed: int | None = None, policy: Policy | None = None,
                improve: str = "auto",
                decisions: list[dict[str, Any]] | None = None,
                stop_at: tuple[int, float] | None = None) -> SessionOutcome:
    """Play every round (or until outsourcing); replay ``decisions`` when given.

    ``stop_at=(round, t)`` stops a replay where a save was made: ``t`` minutes into that
    round (``t`` at or past the round's length: after the round, before the change cycle).
    """
    world = World(scenario, seed)
    if policy is not None and decisions is None:
        policy.attach(world)
    outcome = SessionOutcome(world)
    pending = list(decisions or [])
    for round_no in range(1, scenario.rounds + 1):
        world.start_round(round_no)
        end = world.round_end
        stop = None
        if stop_at is not None and stop_at[0] == round_no and stop_at[1] < world.round_length:
            stop = world.round_start + stop_at[1]
        while pending and pending[0]["round"] == round_no and pending[0]["action"] != "improve" and (
                stop is None or pending[0]["t"] <= stop):
            _apply(world, pending.pop(0))
        if stop is not None:
            world.advance_to(stop)
            outcome.ended = "in_progress"
            break
        world.advance_to(end)
        if close_round(outcome):
            break
        if stop_at is not None and stop_at[0] == round_no:
            outcome.ended = "in_progress"  # saved at the round's end, before the change cycle
            break
        if decisions is not None:
            while pending and pending[0]["round"] == round_no:
                _apply(world, pending.pop(0))
        else:
            cards = choose_cards(world, policy, improve)
            if cards or improve != "none":
                world.command("improve", cards=cards, commitment="")
    if pending:
        raise ReplayError(f"{len(pending)} decision(s) were never reached, the first at round "
                          f"{pending[0]['round']} step {pending[0]['step']}")
    return outcome


class ReplayError(Exception):
    """The decision list does not fit the run (a decision was refused or never reached)."""


def _apply(world: World, decision: dict[str, Any]) -> None:
    fields = {k: v for k, v in decision.items() if k not in ("round", "step", "t", "action")}
    world.run_until_step(int(decision["step"]), float(decision["t"]))
    reason = world.try_command(decision["action"], **fields)
    if reason is not None:
        raise ReplayError(f"decision at round {decision['round']} step {decision['step']} "
                          f"({decision['action']}) was refused: {reason}")
