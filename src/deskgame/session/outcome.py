"""What a session has produced so far: the finished rounds and how it ended.

``close_round`` is the one place the rule of DESIGN.md section 2 ("Score and ending")
lives; every way of playing comes through it (see ``session.loop``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from deskgame.engine.world import World
from deskgame.session.kpis import arrived_in_round, round_kpis, round_score
from deskgame.session.ticket_table import TicketTable


@dataclass
class SessionOutcome:
    world: World
    rounds: list[dict[str, Any]] = field(default_factory=list)
    ended: str = "completed"
    on_notice: bool = False   # the business put the desk on notice at the last round's end
    # False when nothing will write or read the rounds' tickets (a sweep, ``run`` without
    # --out): the round record then holds none, which saves a tenth of a long run.
    keep_tickets: bool = True

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


def round_record(world: World, round_no: int, keep_tickets: bool = True) -> dict[str, Any]:
    """Everything the results file keeps about a finished round (its tickets only if kept)."""
    origin = world.round_start
    kpis = round_kpis(world, round_no)
    weights = dict(world.scenario.scoring.weights)
    tickets = TicketTable() if not keep_tickets else TicketTable.from_rows(
        (t.id, t.kind, t.customer, t.channel, t.desk_priority, t.arrived - origin,
         _rel(t.started, origin), _rel(t.resolved, origin), t.agent, t.title, t.outcome,
         None if t.outcome != "resolved" or t.rating is None else round(t.rating, 4))
        for t in world.tickets.values() if t.round == round_no and not t.hidden)
    arrived = arrived_in_round(world)
    return {
        "round": round_no,
        "kpis": kpis,
        "arrived": arrived,
        "tickets": tickets,
        "series": rounded_series(world.series[round_no]),
        "moments": [{"t": mo.t - origin, "customer": mo.customer, "ticket": mo.ticket,
                     "rating": round(mo.rating, 4), "delta": round(mo.delta, 4), "text": mo.text}
                    for mo in world.satisfaction.notable(round_no)],
        "posts": [{"t": p.t - origin, "customer": p.customer, "text": p.text}
                  for p in world.satisfaction.posts if p.round == round_no],
        "improvements": world.improvements_by_round.get(round_no, []),
        "commitment": world.commitments.get(round_no, ""),
        "score": round_score(kpis, arrived, weights),
        "on_notice": kpis["trust"] < world.scenario.scoring.outsourcing_below,
    }


def close_round(outcome: SessionOutcome) -> bool:
    """Record the round just played and apply the business's verdict; True when the session ends.

    A round that ends below the line puts the desk on notice; a desk on notice that ends
    another round below the line is outsourced; a round at or above the line lifts the
    notice.  The session also ends after its last round.
    """
    world = outcome.world
    record = round_record(world, world.round, outcome.keep_tickets)
    outcome.rounds.append(record)
    if record["on_notice"] and outcome.on_notice:
        outcome.ended = "outsourced"
        return True
    outcome.on_notice = record["on_notice"]
    return world.round >= world.scenario.rounds


def rounded_series(series: dict[str, Any]) -> dict[str, Any]:
    # Ticks fall on whole minutes, which round to themselves: skipping them is the same list,
    # five times faster for a long round's hundred thousand points.
    return {"t": [t if t.is_integer() else round(t, 6) for t in series["t"]],
            "trust": [round(v, 3) for v in series["trust"]],
            "satisfaction": {name: [round(v, 3) for v in values]
                             for name, values in series["satisfaction"].items()}}
