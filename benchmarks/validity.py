"""Game validity over generated scenarios: do the lessons hold in files nobody tuned?

Usage: python benchmarks/validity.py [--scenarios 100] [--seeds 3] [--jobs N]
                                     [--low 0.45] [--high 0.85] [--csv FILE]

Generates ``--scenarios`` scenarios (generator seeds 1..N, offered load spread evenly
over ``--low``..``--high``), plays fifo, triage and servant on S session seeds of each
(paired: the same seeds for every policy) in worker processes, prints a row per scenario
and the totals against issue 10's targets:

1. triage's mean score beats both servant's and fifo's in at least 95% of scenarios;
2. triage is put on notice in at most 2% of sessions (counted at every round's end:
   the split shows round 1 and later rounds) and never outsourced at load <= 0.85;
3. servant is put on notice in at least 30% of sessions at offered load >= 0.75;
4. servant leads triage on trust an hour into round 1 (series sample 12) in at least
   half of the scenarios where BYOD does not dominate that hour (BYOD calls do not
   outnumber the loud callers in it), and the raw share over all scenarios, reported;
5. (reported) how often BYOD-dominated scenarios (BYOD >= 25% of the work) see servant
   behind from the start, and the first hour split by what rang in it.

Why target 4 is counted where BYOD does not dominate the first hour: the issue expects
it ("a servant that answers BYOD surprises 'unsupported' may lose from the start where
BYOD dominates; say how often"), and DESIGN's servant says "unsupported" to what it does
not know, a let-down on the spot, while triage's answer to the same call is a prompt
first answer.  Whether BYOD dominates is judged where the lead is measured, in the first
hour's calls: a scenario whose BYOD work is small may still draw two BYOD calls and no
loud caller in its first hour, and one whose BYOD share is large may not ring at all.

Each scenario gets seeds of its own (``session_seeds``).  The generator gives every
scenario the same demand ids ("gadgets", "loud-callers", ...) and the engine draws each
demand's arrivals from a stream named by the session seed and the demand id, so seed 2
of one generated scenario and seed 2 of another share their random draws: with seeds
1..S everywhere, the first BYOD call of seed 2 came early in *every* scenario and the
"100 scenarios" held only S independent first hours.  (Within one scenario the pairing
of seeds across policies stays, which is what a fair comparison needs.)
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

from deskgame.report.sweep import RunResult, run_tasks
from deskgame.report.trap import first_hour_calls
from deskgame.scenario import load_scenario_text
from deskgame.scenario.generator import Generated, generate

POLICIES = ("fifo", "triage", "servant")
BYOD_DOMINATED = 0.25
LOUD_FIRST = "more loud calls than BYOD"
BYOD_FIRST = "more BYOD calls than loud"
KIND_LETTERS = {"incident": "i", "request": "r", "end_run": "e", "byod": "b", "fake_emergency": "f"}
EVENT_LETTERS = {"major_incident": "M", "wave": "W", "absence": "A", "social_storm": "S"}


def session_seeds(index: int, count: int) -> list[int]:
    """Scenario ``index``'s own session seeds (see the module's docstring for why)."""
    return [index * 1000 + j for j in range(1, count + 1)]


@dataclass
class Row:
    key: str
    generated: Generated
    runs: dict[str, list[RunResult]]
    seeds: list[int]

    def mean(self, policy: str) -> float:
        return statistics.fmean(r.score for r in self.runs[policy])

    @property
    def triage_wins(self) -> bool:
        return self.mean("triage") > self.mean("servant") and self.mean("triage") > self.mean("fifo")

    def first_hour(self, policy: str) -> float:
        values = [r.trust_first_hour for r in self.runs[policy] if r.trust_first_hour is not None]
        return statistics.fmean(values) if values else float("nan")

    @property
    def servant_leads_early(self) -> bool:
        return self.first_hour("servant") > self.first_hour("triage")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenarios", type=int, default=100)
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--low", type=float, default=0.45)
    parser.add_argument("--high", type=float, default=0.85)
    parser.add_argument("--csv", default=None, help="also write one row per session here")
    args = parser.parse_args()
    started = time.perf_counter()
    generated = {}
    for i in range(args.scenarios):
        target = args.low + (args.high - args.low) * (i / max(1, args.scenarios - 1))
        generated[f"g{i + 1:03d}"] = generate(i + 1, round(target, 4))
    scenarios = {key: load_scenario_text(g.text, f"{key}.yaml") for key, g in generated.items()}
    seeds = {key: session_seeds(index, args.seeds) for index, key in enumerate(generated, start=1)}
    tasks = [(key, policy, seed) for key in scenarios for policy in POLICIES for seed in seeds[key]]
    results = run_tasks(scenarios, tasks, args.jobs, label=f"{len(tasks)} sessions")
    rows = [Row(key, g, {p: [results[(key, p, s)] for s in seeds[key]] for p in POLICIES}, seeds[key])
            for key, g in generated.items()]
    print_table(rows)
    print_totals(rows, args.seeds)
    if args.csv:
        write_csv(args.csv, rows)
    print(f"\n{len(tasks)} sessions in {time.perf_counter() - started:.0f} s on {args.jobs} processes")


def print_table(rows: list[Row]) -> None:
    print(f"{'scen':<5}{'load':>5} {'team':>4}{'dep':>4}{'rnd':>4} {'kinds':<6}{'events':<5}{'byod':>5}"
          f"{'fifo':>7}{'triage':>7}{'servant':>8} {'win':<4}{'notice t/s/f':>13}{'out t/s/f':>10}"
          f"{'1h t/s':>12}")
    for row in rows:
        spec = row.generated.spec
        kinds = "".join(KIND_LETTERS[k] for k in spec.kinds)
        events = "".join(EVENT_LETTERS[k] for k in spec.events) or "-"
        order = ("triage", "servant", "fifo")
        notice = "/".join(str(sum(r.put_on_notice for r in row.runs[p])) for p in order)
        out = "/".join(str(sum(r.outsourced for r in row.runs[p])) for p in order)
        early = f"{row.first_hour('triage'):.0f}/{row.first_hour('servant'):.0f}"
        won = "yes" if row.triage_wins else "NO"
        print(f"{row.key:<5}{spec.offered_load:5.2f} {spec.team_size:4d}{spec.departments:4d}"
              f"{spec.rounds:4d} {kinds:<6}{events:<5}{spec.byod_share:5.0%}"
              f"{row.mean('fifo'):7.1f}{row.mean('triage'):7.1f}{row.mean('servant'):8.1f} "
              f"{won:<4}{notice:>13}{out:>10}{early:>12}")


def _check(label: str, value: float, target: str, ok: bool) -> None:
    print(f"  {'PASS' if ok else 'FAIL'}  {label}: {value:.1%} (target {target})")


def print_totals(rows: list[Row], seeds: int) -> None:
    n = len(rows)
    print(f"\nTotals over {n} scenarios x {seeds} seeds (paired) x {len(POLICIES)} policies")
    wins = sum(r.triage_wins for r in rows)
    _check("triage's mean score beats servant and fifo", wins / n, ">= 95%", wins >= 0.95 * n)
    triage = [run for r in rows for run in r.runs["triage"]]
    noticed = sum(run.put_on_notice for run in triage)
    first = sum(bool(run.on_notice and run.on_notice[0]) for run in triage)
    later = sum(any(run.on_notice[1:]) for run in triage)
    _check("triage sessions put on notice", noticed / len(triage), "<= 2%", noticed <= 0.02 * len(triage))
    print(f"        (at the end of round 1: {first}, at the end of a later round: {later}, of {len(triage)})")
    light = [run for r in rows if r.generated.spec.offered_load <= 0.85 + 1e-9 for run in r.runs["triage"]]
    outsourced = sum(run.outsourced for run in light)
    _check("triage sessions outsourced at load <= 0.85", outsourced / max(1, len(light)), "0",
           outsourced == 0)
    busy = [run for r in rows if r.generated.spec.offered_load >= 0.75 - 1e-9 for run in r.runs["servant"]]
    servant_noticed = sum(run.put_on_notice for run in busy)
    _check(f"servant sessions put on notice at load >= 0.75 ({len(busy)})",
           servant_noticed / max(1, len(busy)), ">= 30%", servant_noticed >= 0.3 * len(busy))
    groups = _first_hour_groups(rows)
    trap = [r for label, members in groups.items() if label != BYOD_FIRST for r in members]
    leads = sum(r.servant_leads_early for r in trap)
    _check(f"scenarios where servant leads triage on trust at the first hour, BYOD not dominating "
           f"it ({len(trap)})", leads / max(1, len(trap)), ">= 50%", leads >= 0.5 * len(trap))
    everywhere = sum(r.servant_leads_early for r in rows)
    print(f"        (over all {n} scenarios: {everywhere / n:.1%}; where BYOD calls outnumber the loud "
          f"callers in the first hour, servant says 'unsupported' and leads in "
          f"{sum(r.servant_leads_early for r in groups[BYOD_FIRST])} of {len(groups[BYOD_FIRST])})")
    _print_first_hour_split(groups)
    byod = [r for r in rows if r.generated.spec.byod_share >= BYOD_DOMINATED]
    behind = sum(not r.servant_leads_early for r in byod)
    others = [r for r in rows if r.generated.spec.byod_share < BYOD_DOMINATED]
    print(f"        BYOD-dominated scenarios (BYOD >= {BYOD_DOMINATED:.0%} of the work): servant behind "
          f"at the first hour in {behind} of {len(byod)}; elsewhere in "
          f"{sum(not r.servant_leads_early for r in others)} of {len(others)}")
    for policy in POLICIES:
        scores = [run.score for r in rows for run in r.runs[policy]]
        outs = sum(run.outsourced for r in rows for run in r.runs[policy])
        print(f"  {policy:<8} mean score {statistics.fmean(scores):5.1f}, "
              f"outsourced in {outs} of {len(scores)}")


def _first_hour_groups(rows: list[Row]) -> dict[str, list[Row]]:
    """Scenarios grouped by what rang in round 1's first hour on their seeds.

    DESIGN's servant is tempting because the loud callers are delighted; a BYOD caller told
    "unsupported" is a let-down on the spot.  So the lead should follow the first hour's mix.
    """
    groups: dict[str, list[Row]] = {LOUD_FIRST: [], "as many (some)": [], BYOD_FIRST: [],
                                    "no such call": []}
    for row in rows:
        scenario = load_scenario_text(row.generated.text, f"{row.key}.yaml")
        loud, byod, _ = first_hour_calls(scenario, row.seeds)  # drawn, before any thinning
        key = ("no such call" if byod == loud == 0 else LOUD_FIRST if loud > byod
               else "as many (some)" if loud == byod else BYOD_FIRST)
        groups[key].append(row)
    return groups


def _print_first_hour_split(groups: dict[str, list[Row]]) -> None:
    for label, members in groups.items():
        leads = sum(r.servant_leads_early for r in members)
        ties = sum(r.first_hour("servant") == r.first_hour("triage") for r in members)
        print(f"        first hour with {label}: servant leads in {leads} of {len(members)}"
              f" (ties {ties})")


def write_csv(path: str, rows: list[Row]) -> None:
    lines = ["scenario,load,team,departments,rounds,byod_share,policy,seed,score,ended,put_on_notice,"
             "trust_first_hour"]
    for row in rows:
        spec = row.generated.spec
        for policy in POLICIES:
            for run in row.runs[policy]:
                lines.append(f"{row.key},{spec.offered_load:.4f},{spec.team_size},{spec.departments},"
                             f"{spec.rounds},{spec.byod_share:.4f},{policy},{run.seed},{run.score:.4f},"
                             f"{run.ended},{int(run.put_on_notice)},{run.trust_first_hour}")
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
