"""Reference queues: an M/M/c desk as a scenario text, for the checks DESIGN.md promises.

One builder for the queueing tests (Erlang C, long rounds, quiet ticks) and the engine
benchmarks (speed and memory against bare SimPy): a desk of ``agents`` who all do the one
kind of work, Poisson arrivals at ``rate_per_hour``, exponential work of ``mean_minutes``,
no fatigue, so the engine's numbers can be checked against queueing theory.
"""

from __future__ import annotations


def mmc_text(agents: int, rate_per_hour: float, mean_minutes: float, length: str, warmup: str = "0h",
             title: str | None = None) -> str:
    """The scenario text of an M/M/``agents`` desk over one round of ``length`` ("4000h")."""
    team = "\n".join(f"  - {{name: A{i:02d}, role: desk, skills: [work]}}" for i in range(agents))
    return f"""format: deskgame/1
title: {title or f"M/M/{agents}"}
round: {{length: {length}, start: "00:00", warmup: {warmup}}}
fatigue: false
team:
{team}
customers: [{{name: Everyone}}]
services: [{{id: work, name: Work}}]
demand:
  - {{kind: incident, service: work, rate: {rate_per_hour}/h,
     effort: {{dist: exponential, mean: {mean_minutes}m}}, skills: [work]}}
"""
