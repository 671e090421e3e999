"""How sure a ``balance`` verdict is: a sample of 40 days is not the scenario.

The verdict's rules read shares and medians of a sample of runs, so another ``--seed`` can
flip it.  Here are the 95% intervals that say when it might: a Wilson interval for triage's
on-notice share (honest at 0 of n, where k/n +- z*se collapses to a point) and a paired
bootstrap of triage's median score lead (a fixed random seed, so the same runs always give
the same interval and the output stays the same for any ``--jobs``).  When the verdict's
limit lies inside an interval, a "Too close to call" line says so and how many runs to try.
"""

from __future__ import annotations

import math
import statistics

from deskgame.report.sweep import RunResult

HARSH_NOTICE_SHARE = 0.10   # the 'too harsh' limit (balance.judge's rule)
EASY_MARGIN = 5.0           # the 'too easy' score margin (balance.judge's rule)
CONFIDENCE_Z = 1.96     # 95% intervals (Wilson for shares, paired bootstrap for the score gap)
BOOTSTRAP = 1000        # resamples of the paired seeds for the score gap's interval (fixed seed)
CLOSE_CALL_RUNS = 100   # the --runs a too-close verdict suggests first


def quantile(ordered: list[float], q: float) -> float:
    if not ordered:
        return math.nan
    position = q * (len(ordered) - 1)
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def wilson(k: int, n: int, z: float = CONFIDENCE_Z) -> tuple[float, float]:
    """Wilson score interval of a share k/n: honest at 0 of n and near the edges, where the
    plain k/n +- z*se collapses to a point (0 of 20 runs is not a share of 0)."""
    if n <= 0:
        return 0.0, 1.0
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def more_runs(runs: int) -> str:
    """The --runs to suggest when a sample of ``runs`` cannot tell."""
    if runs < CLOSE_CALL_RUNS:
        return f"run --runs {CLOSE_CALL_RUNS} (or more) to tell"
    return (f"run --runs {4 * runs} to narrow it; a share this near the limit is better moved than "
            "measured (the levers that follow)")


def notice_close_call(noticed: int, runs: int) -> str:
    """Why the sample cannot tell: the 10% limit of 'too harsh' lies inside the 95% interval of
    triage's on-notice share ("" when it does not)."""
    low, high = wilson(noticed, runs)
    if not low <= HARSH_NOTICE_SHARE <= high:
        return ""
    share = f"{noticed / runs:.1%}" if runs >= CLOSE_CALL_RUNS else f"{noticed / runs:.0%}"
    return (f"triage was on notice in {noticed} of {runs} runs ({share}), and the 95% interval of that "
            f"share, {low:.0%}-{high:.0%}, holds the {HARSH_NOTICE_SHARE:.0%} limit of 'too harsh'")


def close_call(whys: list[str], runs: int) -> str:
    """The "Too close to call" line from its reasons, with how many runs to try ("" if none)."""
    whys = [why for why in whys if why]
    if not whys:
        return ""
    return (f"Too close to call: {'; and '.join(whys)}, so another sample of days may give another "
            f"verdict: {more_runs(runs)}.")


def gap_interval(triage: list[RunResult], servant: list[RunResult]) -> tuple[float, float] | None:
    """95% interval of triage's median score lead, by resampling the paired seeds (a fixed
    random seed, so the same runs always give the same interval)."""
    import random

    servant_by_seed = {r.seed: r.score for r in servant}
    pairs = [(r.score, servant_by_seed[r.seed]) for r in triage if r.seed in servant_by_seed]
    if len(pairs) < 2:
        return None
    rng = random.Random(0)
    gaps = []
    for _ in range(BOOTSTRAP):
        sample = [pairs[rng.randrange(len(pairs))] for _ in pairs]
        gaps.append(statistics.median(g for g, _ in sample) - statistics.median(b for _, b in sample))
    gaps.sort()
    return quantile(gaps, 0.025), quantile(gaps, 0.975)


def easy_close_call(triage: list[RunResult], servant: list[RunResult]) -> str:
    """Words when servant was never on notice and the 5-point margin of 'too easy' lies inside
    the 95% interval of the score gap."""
    interval = gap_interval(triage, servant)
    if interval is None or not interval[0] <= EASY_MARGIN <= interval[1]:
        return ""
    return (f"servant was never on notice and the 95% interval of triage's median score lead, "
            f"{interval[0]:.1f} to {interval[1]:.1f} points, holds the {EASY_MARGIN:g}-point margin of "
            "'too easy'")
