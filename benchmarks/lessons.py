"""The lessons on the bundled scenarios, per policy over paired seeds (DESIGN.md section 2).

Usage: python benchmarks/lessons.py [SCENARIO ...] [--seeds N] [--policies a,b] [--jobs N]
Prints per policy: mean session score; round-1 trust mean and standard deviation; final
trust; trust after the first hour; how many sessions were put on notice and outsourced.
"""

from __future__ import annotations

import argparse
import statistics
from concurrent.futures import ProcessPoolExecutor

from deskgame.policies import make_policy
from deskgame.scenario import load_scenario
from deskgame.scenario.catalog import resolve_scenario
from deskgame.session.runner import run_session


def one(job: tuple[str, str, int]) -> tuple[str, str, int, dict]:
    scenario_name, policy, seed = job
    outcome = run_session(load_scenario(resolve_scenario(scenario_name)), seed, make_policy(policy))
    rounds = outcome.rounds
    return scenario_name, policy, seed, {
        "score": outcome.score,
        "trust1": rounds[0]["kpis"]["trust"],
        "final": rounds[-1]["kpis"]["trust"],
        "hour": rounds[0]["series"]["trust"][12],
        "notice": any(r["on_notice"] for r in rounds),
        "out": outcome.ended == "outsourced",
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("scenarios", nargs="*", default=["standard-monday", "byod-after-holidays"])
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--policies", default="triage,servant,fifo")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    jobs = [(s, p, seed) for s in args.scenarios for p in args.policies.split(",")
            for seed in range(1, args.seeds + 1)]
    with ProcessPoolExecutor(args.jobs) as pool:
        results = list(pool.map(one, jobs, chunksize=4))
    for scenario in args.scenarios:
        print(f"\n{scenario} ({args.seeds} paired seeds)")
        print(f"{'policy':<26}{'score':>7}{'trust r1':>10}{'sd r1':>7}{'final':>7}{'1h':>7}"
              f"{'notice':>8}{'out':>5}")
        for policy in args.policies.split(","):
            rows = [r for s, p, _, r in results if s == scenario and p == policy]
            print(f"{policy:<26}{statistics.fmean(r['score'] for r in rows):7.1f}"
                  f"{statistics.fmean(r['trust1'] for r in rows):10.1f}"
                  f"{statistics.stdev(r['trust1'] for r in rows):7.1f}"
                  f"{statistics.fmean(r['final'] for r in rows):7.1f}"
                  f"{statistics.fmean(r['hour'] for r in rows):7.1f}"
                  f"{sum(r['notice'] for r in rows):8d}{sum(r['out'] for r in rows):5d}")


if __name__ == "__main__":
    main()
