"""Game validity on paired seeds: scores of every policy on one scenario.

Usage: python benchmarks/policies.py [SCENARIO] [--seeds N]
Prints mean session score, final trust and trust after the first hour per policy.
"""

from __future__ import annotations

import argparse
import statistics

from deskgame.policies import POLICIES, make_policy
from deskgame.scenario import load_scenario
from deskgame.scenario.catalog import resolve_scenario
from deskgame.session.runner import run_session


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("scenario", nargs="?", default="standard-monday")
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--policies", default=",".join(POLICIES))
    args = parser.parse_args()
    scenario = load_scenario(resolve_scenario(args.scenario))
    print(f"{'policy':<26}{'score':>8}{'trust end':>11}{'trust 1h':>10}{'outsourced':>12}")
    for name in args.policies.split(","):
        scores, trust, early, out = [], [], [], 0
        for seed in range(1, args.seeds + 1):
            outcome = run_session(scenario, seed, make_policy(name))
            scores.append(outcome.score)
            trust.append(outcome.rounds[-1]["kpis"]["trust"])
            early.append(outcome.rounds[0]["series"]["trust"][12])
            out += outcome.ended == "outsourced"
        print(f"{name:<26}{statistics.fmean(scores):8.1f}{statistics.fmean(trust):11.1f}"
              f"{statistics.fmean(early):10.1f}{out:12d}")


if __name__ == "__main__":
    main()
