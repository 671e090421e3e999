"""Round figures and scores, as DESIGN.md section 5 defines them."""

from __future__ import annotations

from typing import Any

from deskgame.engine.world import World


def sla_counts(world: World, at: float | None = None) -> tuple[int, int]:
    """(met, due) of the current round at simulated time ``at`` (default: the round's end).

    DESIGN.md section 5: a ticket is due once its work started in the round or its
    priority's target passed without it starting; it is met when its work started within
    the target.  A ticket still waiting inside its target is neither (mid-round it has not
    missed anything yet).  Tickets in the warm-up, linked to a major incident or answered
    "unsupported" are not counted.
    """
    start = world.round_start
    end = world.round_end if at is None else min(at, world.round_end)
    warm = start + world.scenario.round.warmup
    met = due = 0
    for t in world.tickets.values():
        if t.hidden or t.arrived < warm or t.linked is not None or t.outcome == "unsupported":
            continue
        target = world.sla_target(t)
        if t.started is not None and start <= t.started < end:
            due += 1
            met += t.started - t.arrived <= target
        elif (t.started is None or t.started >= end) and t.arrived + target < end:
            due += 1
    return met, due


def round_kpis(world: World, round_no: int, at: float | None = None) -> dict[str, Any]:
    """The figures of round ``round_no`` at ``at`` (default: the round's end, where the
    results record them; the board passes the current time)."""
    start = world.round_start
    end = world.round_end if at is None else min(at, world.round_end)
    warm = start + world.scenario.round.warmup
    desk = [t for t in world.tickets.values() if not t.hidden]
    in_stats = [t for t in desk if t.arrived >= warm]
    started = [t for t in in_stats if t.started is not None and start <= t.started < end
               and t.outcome not in ("unsupported",) and t.linked is None]
    met, due = sla_counts(world, at)
    # Work finished is work fixed: an "unsupported" answer, an outage caller's call closed
    # when the outage ended and a fix the outage's end made moot closed nothing by work.
    worked = [t for t in desk if t.resolved is not None and start <= t.resolved < end
              and t.outcome == "resolved"]
    fcr = [t for t in worked if not t.escalated and t.first_agent == t.agent]
    rated = [t for t in worked if t.arrived >= warm and not t.repair]  # a fix is rated by nobody
    agents = world.agents
    return {
        "trust": round(world.satisfaction.trust(end), 4),
        # The satisfaction model's own rating of each resolution (its last touch).
        "csat": round(sum(t.rating or 0.0 for t in rated) / len(rated), 4) if rated else 0.0,
        "sla_met": round(met / due, 4) if due else 1.0,
        "fcr": round(len(fcr) / len(worked), 4) if worked else 0.0,
        "mean_wait_min": round(sum(t.started - t.arrived for t in started) / len(started), 4)
        if started else 0.0,
        "backlog_end": sum(1 for t in desk if t.arrived < end and (t.resolved is None or t.resolved >= end)),
        "morale": round(sum(a.morale for a in agents) / len(agents), 4),
        "hidden_work_min": round(world.hidden_work.get(round_no, 0.0), 4),
        "resolved": len(worked),
    }


def arrived_in_round(world: World) -> int:
    """Desk work that arrived in the current round (the throughput denominator): not an
    outage's callers, whose calls are logged and closed by the outage, not worked one by one."""
    start, end = world.round_start, world.round_end
    return sum(1 for t in world.tickets.values()
               if not t.hidden and t.linked is None and start <= t.arrived < end)


def round_score(kpis: dict[str, Any], arrived: int, weights: dict[str, float]) -> float:
    throughput = min(1.0, kpis["resolved"] / arrived) if arrived else 1.0
    score = 100 * (weights["trust"] * kpis["trust"] / 100 + weights["sla"] * kpis["sla_met"]
                   + weights["morale"] * kpis["morale"] + weights["throughput"] * throughput)
    return round(score, 4)
