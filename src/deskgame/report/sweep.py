"""Many headless sessions of one scenario, in worker processes, summarised per run.

Why a module of its own: ``deskgame balance`` and ``benchmarks/validity.py`` both play
(policy, seed) pairs in parallel and need the same few facts from each session.  A
worker returns a small ``RunResult`` (never the whole world), and results are sorted
by (policy, seed) before anyone reads them, so every figure is the same whatever the
number of processes or the order in which they finish.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import signal
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from deskgame.scenario import load_scenario_text
from deskgame.scenario.model import Scenario

FIRST_HOUR_SAMPLE = 12   # series samples are 5 minutes apart: index 12 is 60 minutes in


@dataclass(frozen=True)
class RunResult:
    """What one session tells a sweep: its score, how it ended, and each round's figures."""

    policy: str
    seed: int
    score: float
    ended: str                       # completed | outsourced
    trust: tuple[float, ...]         # business trust at the end of each round played
    sla_met: tuple[float, ...]       # SLA met in each round played
    on_notice: tuple[bool, ...]      # the round ended below the outsourcing line
    trust_first_hour: float | None   # round 1, an hour in (None for a round under an hour)
    # Each department's satisfaction at the end of each round played, in the scenario's
    # customer order: which one sank when a good team was put on notice.
    satisfaction_end: tuple[tuple[tuple[str, float], ...], ...] = ()

    @property
    def put_on_notice(self) -> bool:
        return any(self.on_notice)

    @property
    def outsourced(self) -> bool:
        return self.ended == "outsourced"


def _on_notice(round_record: dict[str, Any], scenario: Scenario) -> bool:
    """Did this round end below the line?  The session's own flag when it records one."""
    flag = round_record.get("on_notice")
    if flag is not None:
        return bool(flag)
    return bool(round_record["kpis"]["trust"] < scenario.scoring.outsourcing_below)


def run_one(scenario: Scenario, policy: str, seed: int) -> RunResult:
    """Play one headless session with a bot policy and keep the figures a sweep needs."""
    from deskgame.policies import make_policy
    from deskgame.session.runner import run_session

    outcome = run_session(scenario, seed, make_policy(policy), keep_log=False, keep_tickets=False)
    rounds = outcome.rounds
    trust_series = rounds[0]["series"]["trust"] if rounds else []
    return RunResult(
        policy=policy, seed=seed, score=float(outcome.score), ended=str(outcome.ended),
        trust=tuple(float(r["kpis"]["trust"]) for r in rounds),
        sla_met=tuple(float(r["kpis"]["sla_met"]) for r in rounds),
        on_notice=tuple(_on_notice(r, scenario) for r in rounds),
        trust_first_hour=float(trust_series[FIRST_HOUR_SAMPLE]) if len(trust_series) > FIRST_HOUR_SAMPLE
        else None,
        satisfaction_end=tuple(_satisfaction_end(r) for r in rounds),
    )


def _satisfaction_end(round_record: dict[str, Any]) -> tuple[tuple[str, float], ...]:
    """(department, satisfaction) at the round's last series sample."""
    series = round_record.get("series", {}).get("satisfaction", {})
    return tuple((str(name), float(values[-1])) for name, values in series.items() if values)


# A worker keeps the scenarios it was given, parsed once.
_WORKER_SCENARIOS: dict[str, Scenario] = {}


def _init_worker(texts: dict[str, str]) -> None:
    # Ctrl-C is the parent's to handle: it stops the workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER_SCENARIOS.clear()
    for key, text in texts.items():
        _WORKER_SCENARIOS[key] = load_scenario_text(text, key)


def _work(task: tuple[str, str, int]) -> tuple[str, RunResult]:
    key, policy, seed = task
    return key, run_one(_WORKER_SCENARIOS[key], policy, seed)


Task = tuple[str, str, int]   # (scenario key, policy, seed)


def run_tasks(scenarios: dict[str, Scenario], tasks: list[Task], jobs: int,
              label: str | None = None) -> dict[Task, RunResult]:
    """Play every (scenario key, policy, seed) task; ``jobs`` processes (1 = in this one).

    With a ``label`` a progress bar runs on stderr.  The workers are started before the
    bar (so no thread is running when they fork).  Ctrl-C stops them at once (the pool
    is terminated) and re-raises ``KeyboardInterrupt``: nothing half-done is returned.
    """
    results: dict[Task, RunResult] = {}
    pool = None
    if jobs > 1 and len(tasks) > 1:
        texts = {key: scenario.text for key, scenario in scenarios.items()}
        pool = multiprocessing.Pool(min(jobs, len(tasks)), initializer=_init_worker, initargs=(texts,))
    try:
        done: Iterator[tuple[str, RunResult]]
        if pool is not None:
            # Small chunks keep every process busy to the end; results come back in any order.
            done = pool.imap_unordered(_work, tasks, chunksize=_chunk(len(tasks), jobs))
        else:
            done = ((key, run_one(scenarios[key], policy, seed)) for key, policy, seed in tasks)
        with _progress(label, len(tasks)) as advance:
            for key, result in done:
                results[(key, result.policy, result.seed)] = result
                advance()
        if pool is not None:
            pool.close()
    except BaseException:
        if pool is not None:
            pool.terminate()
        raise
    finally:
        if pool is not None:
            pool.join()
    return results


@contextlib.contextmanager
def _progress(label: str | None, total: int) -> Iterator[Callable[[], None]]:
    """A rich progress bar on stderr (or nothing without a label)."""
    if label is None:
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=False) as progress:
        task = progress.add_task(label, total=total)
        yield lambda: progress.advance(task)


def _chunk(count: int, jobs: int) -> int:
    return max(1, min(8, count // (jobs * 8)))


def sorted_results(results: Iterable[RunResult], policies: Iterable[str]) -> list[RunResult]:
    """Runs in (policy as listed, seed) order: the one order every figure is computed in."""
    order = {name: i for i, name in enumerate(policies)}
    return sorted(results, key=lambda r: (order.get(r.policy, len(order)), r.policy, r.seed))
