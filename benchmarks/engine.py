"""Engine speed: the full deskgame world against a bare SimPy M/M/c model of the same queue.

Usage: python benchmarks/engine.py [--days N] [--repeat R]
Prints tickets per second for both and the ratio (full / bare time); bar: at most 3x.
"""

from __future__ import annotations

import argparse
import json
import time

import numpy as np
import simpy

from deskgame.engine.world import World
from deskgame.scenario import load_scenario_text
from deskgame.scenario.catalog import scenarios_dir

RATE, MEAN, AGENTS = 9 / 60, 60.0, 10


def bare_simpy(minutes: float, seed: int) -> int:
    env = simpy.Environment()
    desk = simpy.Resource(env, capacity=AGENTS)
    rng = np.random.default_rng(seed)
    done = [0]

    def customer(effort: float):
        with desk.request() as request:
            yield request
            yield env.timeout(effort)
        done[0] += 1

    def source():
        while True:
            yield env.timeout(rng.exponential(1 / RATE))
            env.process(customer(rng.exponential(MEAN)))

    env.process(source())
    env.run(until=minutes)
    return done[0]


def full_engine(text: str, minutes: float, seed: int) -> int:
    world = World(load_scenario_text(text), seed)
    world.start_round(1)
    world.advance_to(minutes)
    return sum(1 for t in world.tickets.values() if t.resolved is not None)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--days", type=float, default=7.0, help="at most 7 (the longest round)")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    text = (scenarios_dir() / "examples" / "mmc.yaml").read_text()
    text = text.replace("length: 2d", f"length: {args.days:g}d")
    minutes = args.days * 1440
    timings = {"bare": [], "full": []}
    counts = {"bare": 0, "full": 0}
    for seed in range(args.repeat):
        for name, run in (("bare", lambda s=seed: bare_simpy(minutes, s)),
                          ("full", lambda s=seed: full_engine(text, minutes, s))):
            start = time.perf_counter()
            counts[name] = run()
            timings[name].append(time.perf_counter() - start)
    best = {name: min(values) for name, values in timings.items()}
    rates = {name: counts[name] / best[name] for name in best}
    print(f"bare SimPy : {counts['bare']} tickets in {best['bare'] * 1000:.1f} ms -> {rates['bare']:,.0f}/s")
    print(f"deskgame   : {counts['full']} tickets in {best['full'] * 1000:.1f} ms -> {rates['full']:,.0f}/s")
    from deskgame.scenario import load_scenario
    from deskgame.scenario.catalog import resolve_scenario
    monday = load_scenario(resolve_scenario("standard-monday"))
    start = time.perf_counter()
    world = World(monday)
    world.start_round(1)
    world.advance_to(monday.round.length)
    round_ms = (time.perf_counter() - start) * 1000
    print(f"standard-monday round 1 headless: {round_ms:.1f} ms")
    print(json.dumps({"bare_per_s": round(rates["bare"]), "full_per_s": round(rates["full"]),
                      "ratio": round(best["full"] / best["bare"] * counts["bare"] / counts["full"], 2),
                      "default_round_ms": round(round_ms, 1)}))


if __name__ == "__main__":
    main()
