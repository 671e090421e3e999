"""Frame time of the play scene with N tickets in the queue, rendered headless.

Usage: python benchmarks/frame_time.py --tickets 200 --frames 600
The last line is JSON: {"p50_ms": ..., "p95_ms": ..., "tickets": N}.  Bar: p95 <= 12 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from deskgame.engine.arrivals import Arrival  # noqa: E402
from deskgame.scenario import load_scenario  # noqa: E402
from deskgame.scenario.catalog import resolve_scenario  # noqa: E402
from deskgame.ui.app import App, SaveOptions  # noqa: E402


def flood(app: App, tickets: int) -> None:
    """Fill the queue with ``tickets`` waiting tickets nobody on the team can take yet."""
    world = app.live.world
    for agent in world.agents:
        agent.absent = True  # everyone is in a meeting: the queue only grows
    for i in range(tickets):
        a = Arrival(
            t=world.now,
            order=i,
            kind="incident",
            demand="flood",
            customer="Sales",
            channel="phone",
            title=f"Flooded ticket number {i}",
            service="orders",
            impact="medium",
            urgency="medium",
            stated_priority="P3",
            true_priority="P3",
            effort=30.0,
            skills=frozenset({"orders"}),
            device=None,
            chance=0.0,
            thin=1.0,
        )
        world.intake.arrive(a)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tickets", type=int, default=200)
    parser.add_argument("--frames", type=int, default=600)
    args = parser.parse_args()
    app = App(load_scenario(resolve_scenario("standard-monday")), seed=7, saves=SaveOptions(enabled=False))
    app.start_play()
    flood(app, args.tickets)
    for _ in range(30):  # warm the text caches
        app.step(1 / 60)
    times = []
    for _ in range(args.frames):
        start = time.perf_counter()
        app.step(1 / 60)
        times.append((time.perf_counter() - start) * 1000)
    app.close()
    times.sort()
    p50 = statistics.median(times)
    p95 = times[int(len(times) * 0.95) - 1]
    print(
        f"{args.frames} frames with {len(app.live.world.queue)} waiting: p50 {p50:.2f} ms, p95 {p95:.2f} ms"
    )
    print(json.dumps({"p50_ms": round(p50, 3), "p95_ms": round(p95, 3), "tickets": args.tickets}))


if __name__ == "__main__":
    main()
