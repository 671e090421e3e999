"""The play screen's per-frame update at the end of a 10,000-ticket round, apart from drawing.

Usage: python benchmarks/frame_update.py [--arrivals 10000] [--frames 600]

A long M/M/6 desk round is played headless to just before its end, then the play scene's
update (the engine's advance at 8x and the board's reading of the figures it shows) is
timed frame by frame, without drawing.  Bar (issue 14): p95 under 1 ms.  It also times
the old way of reading the figures (a full scan of the round's tickets) for comparison.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

sys.path.insert(0, str(Path(__file__).resolve().parent))
from engine import desk_text, minutes_for  # noqa: E402

from deskgame.scenario import load_scenario_text  # noqa: E402
from deskgame.session.kpis import round_kpis, sla_counts  # noqa: E402
from deskgame.ui.app import App, SaveOptions  # noqa: E402


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(len(ordered) * share) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--arrivals", type=int, default=10_000)
    parser.add_argument("--frames", type=int, default=600)
    args = parser.parse_args()
    scenario = load_scenario_text(desk_text(7.0, minutes_for(args.arrivals, 7.0)))
    app = App(scenario, seed=1, saves=SaveOptions(enabled=False))
    app.start_play()
    live = app.live
    scene = app.scenes.top
    world = live.world
    live.set_speed(8)
    per_frame = 8 * live.minutes_per_real_second / 60
    # Headless up to where the timed frames end just before the round does.
    live.session.advance(world.round_end - (args.frames + 40) * per_frame)
    for _ in range(30):
        scene.update(1 / 60)
    update, facts, scan = [], [], []
    for _ in range(args.frames):
        start = time.perf_counter()
        scene.update(1 / 60)
        middle = time.perf_counter()
        scene.facts()
        end = time.perf_counter()
        update.append((middle - start) * 1000)
        facts.append((end - middle) * 1000)
    for _ in range(20):
        start = time.perf_counter()
        round_kpis(world, world.round, world.now)
        sla_counts(world, world.now)
        scan.append((time.perf_counter() - start) * 1000)
    assert live.phase == "playing", "the round ended during the timed frames"
    app.close()
    tickets = sum(1 for t in world.tickets.values() if t.round == world.round)
    total = [u + f for u, f in zip(update, facts, strict=True)]
    figures = {"tickets": tickets, "update_p50_ms": round(statistics.median(total), 3),
               "update_p95_ms": round(percentile(total, 0.95), 3),
               "figures_p95_ms": round(percentile(facts, 0.95), 3),
               "full_scan_ms": round(statistics.median(scan), 3)}
    print(f"{tickets} tickets in the round, {args.frames} frames at 8x: update + figures p50 "
          f"{figures['update_p50_ms']} ms, p95 {figures['update_p95_ms']} ms [< 1 ms]; the figures alone "
          f"p95 {figures['figures_p95_ms']} ms; a full scan of the round costs {figures['full_scan_ms']} ms")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
