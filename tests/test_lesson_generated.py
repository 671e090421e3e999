"""The lesson holds in scenarios nobody tuned: triage wins on generated desks (issue 10).

CI's slice of ``benchmarks/validity.py``: 10 generated scenarios (offered load spread
over 0.45-0.85) x 2 paired seeds; triage's mean score must beat both servant's and
fifo's in at least 9 of the 10.
"""

from __future__ import annotations

import statistics

from deskgame.report.sweep import run_tasks
from deskgame.scenario import load_scenario_text
from deskgame.scenario.generator import generate

SCENARIOS = 10
SEEDS = (1, 2)
POLICIES = ("fifo", "triage", "servant")


def test_triage_beats_servant_and_fifo_in_nine_of_ten_generated_scenarios():
    scenarios = {}
    for i in range(SCENARIOS):
        target = 0.45 + 0.4 * i / (SCENARIOS - 1)
        scenarios[f"g{i + 1}"] = load_scenario_text(generate(i + 1, target).text, f"generated-{i + 1}.yaml")
    tasks = [(key, policy, seed) for key in scenarios for policy in POLICIES for seed in SEEDS]
    results = run_tasks(scenarios, tasks, jobs=2)
    wins, table = 0, []
    for key in scenarios:
        mean = {p: statistics.fmean(results[(key, p, s)].score for s in SEEDS) for p in POLICIES}
        won = mean["triage"] > mean["servant"] and mean["triage"] > mean["fifo"]
        wins += won
        table.append(f"{key}: " + ", ".join(f"{p} {mean[p]:.1f}" for p in POLICIES))
    assert wins >= 9, "\n".join(table)
