"""The servant trap in a facilitator's file: does serving whoever shouts look good at first?

DESIGN section 2 asks that *servant* lead on trust in the first hour (the loud callers
are delighted) and then fall behind as the real work starves: that temptation is what
the workshop discusses.  It comes from the first hour's mix of calls, so ``balance``
counts what round 1's first hour drew on its seeds and words advice that fits: loud
callers missing or outnumbered by BYOD calls (told "unsupported", let down at once), or
present but not front-loaded, from departments that weigh little, or too few (a rate
rise, priced in offered load).  Only levers measured to move the lead are advised (see
``_trap_advice``).  Advice only: the verdict is about the end of the session
(``balance.judge``).
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import replace

from deskgame.report.sweep import RunResult
from deskgame.scenario.model import Scenario
from deskgame.scenario.workload import offered_load

COIN_TOSS = 1.0         # a median trust lead an hour in under this many points is no temptation
MOSTLY = 0.75           # ... unless servant leads in this share of the runs: steady, if slight
LOUD_KINDS = ("end_run", "fake_emergency")


def first_hour_calls(scenario: Scenario, seeds: Iterable[int]) -> tuple[int, int, int]:
    """Loud (end_run, fake_emergency), BYOD and all calls drawn in round 1's first hour, over ``seeds``.

    The round's arrivals are drawn when it starts, before anything is played, so this is
    what every policy met on those seeds (the servant trap depends on this mix).
    """
    from deskgame.engine.world import World

    loud = byod = total = 0
    for seed in seeds:
        world = World(scenario, seed, keep_log=False)
        world.start_round(1)
        for arrival in world.intake.arrivals:
            if arrival.t < world.round_start + 60:
                loud += arrival.kind in LOUD_KINDS
                byod += arrival.kind == "byod"
                total += 1
    return loud, byod, total


def servant_trap(runs: tuple[RunResult, ...], scenario: Scenario | None = None,
                 calls: tuple[int, int, int] | None = None) -> str:
    """The trap's finding and, when it is weak, the advice, as one paragraph ("" with no
    paired runs).  ``balance`` prints the two apart: the finding with the reasons, the
    advice with what to change (``trap_parts``)."""
    finding, advice = trap_parts(runs, scenario, calls)
    return f"{finding} {advice}".strip()


def trap_parts(runs: tuple[RunResult, ...], scenario: Scenario | None = None,
               calls: tuple[int, int, int] | None = None) -> tuple[str, str]:
    """Whether serving whoever shouts looks good at first (the finding), and what would make
    it tempt when it does not (the advice, "" when it does).

    DESIGN section 2: servant leads on trust in the first hour (the loud callers are
    delighted), then falls behind.  Counted over paired runs (the same seed for both
    policies), with the size of the lead (median trust an hour in); not part of the
    verdict, which is about the end of the session.  ``calls`` (loud, byod, all: what round
    1's first hour drew on these seeds) decides which advice fits when the temptation is weak.
    The medians are compared as printed: two medians that read the same are never a lead.
    """
    triage = {r.seed: r.trust_first_hour for r in runs if r.policy == "triage"}
    pairs = [(r.trust_first_hour, triage[r.seed]) for r in runs if r.policy == "servant"
             and r.trust_first_hour is not None and triage.get(r.seed) is not None]
    if not pairs:
        return "", ""
    leads = sum(servant > good for servant, good in pairs)
    servant_median = round(statistics.median(servant for servant, _ in pairs), 1)
    triage_median = round(statistics.median(good for _, good in pairs), 1)
    lead = round(servant_median - triage_median, 1)
    medians = (f"median trust {servant_median:.1f} each" if lead == 0
               else f"median trust {servant_median:.1f} vs {triage_median:.1f}")
    ahead = f"servant is ahead of triage on trust in {leads} of {len(pairs)} paired runs"
    if lead >= COIN_TOSS and leads * 2 >= len(pairs):
        return (f"The trap: an hour into round 1, servant leads triage on trust in {leads} of {len(pairs)} "
                f"paired runs ({medians}): serving whoever shouts looks good at first, as the lesson "
                "needs."), ""
    if lead == 0 and leads * 2 >= len(pairs):
        finding = (f"The trap: an hour into round 1, {ahead}, but by so little that the medians are level "
                   f"({servant_median:.1f} each): a room sees no lead, so serving whoever shouts does not "
                   "tempt.")
    elif 0 < lead < COIN_TOSS and leads >= MOSTLY * len(pairs):
        finding = (f"The trap: an hour into round 1, {ahead} ({medians}): a steady but slight lead (under "
                   f"{COIN_TOSS:g} point), which a room may not see on the trust bar.")
    elif abs(lead) < COIN_TOSS and leads * 2 >= len(pairs):
        finding = (f"The trap: an hour into round 1, {ahead} ({medians}): a coin toss (the medians are "
                   f"under {COIN_TOSS:g} point apart), so serving whoever shouts does not really tempt.")
    else:  # behind in most runs, whatever the size
        finding = (f"The trap: an hour into round 1, {ahead} ({medians}): here serving whoever shouts "
                   "does not look good even at first.")
    return finding, _trap_advice(scenario, calls, len({r.seed for r in runs}))


QUIET_SHARE = 0.5       # loud departments holding less of trust than this: delighting them moves it little
FRONT_LOADED = 2.0      # the first hour already draws this many times a flat hour's loud calls
RATE_FACTOR = 2.0       # the rate rise the advice prices in offered load

# What each lever did to servant's first-hour lead (median trust an hour in, servant minus
# triage, 20 paired seeds), measured on a facilitator's university file and on generated
# scenarios (docs/scenarios.md, "The trap"); only the levers that moved it are advised:
# * a profile that front-loads the loud calls: +2.8 and +6.0 points on generated files whose
#   first hour drew about a flat hour's share; +0.1 and -2.1 on files already front-loaded
#   (2.6 and 4.6 times a flat hour), so it is advised only below FRONT_LOADED;
# * more influence (x3) for the loud departments: +0.5 to +2.6 on the university file, +0.4
#   and -0.2 on the generated ones;
# * the loud rates x2.5: +1.7 to +13 everywhere, but the load rose with them (0.80 -> 0.99),
#   and on the busy file nearly all the lead came from triage's early dip (on the quiet one,
#   0.53, from servant rising), so the advice prices the load;
# * their patience (5m or 2h): no change at load 0.53 or 0.70; at 0.80 and 0.85 a shorter
#   patience widened the lead (+5.1, +0.6) only by sinking triage (servant unchanged), which
#   is the harsh verdict's cause, so it is not advised (the Change line may say to give a
#   sinking department more).


def _trap_advice(scenario: Scenario | None, calls: tuple[int, int, int] | None, seeds: int = 0) -> str:
    """What would make servant look good at first, in the words of what the first hour drew.
    Never advises what is already so: loud calls that outnumber the BYOD ones are said to,
    and a profile is advised only when they are not already front-loaded."""
    want = "If serving whoever shouts should tempt at first"
    early = ("let loud callers ring early (end_run or fake_emergency demand from the round's start, more "
             "of them than BYOD calls: a BYOD caller told 'unsupported' is let down at once)")
    if scenario is None or calls is None:
        return f"{want}: {early}."
    loud, byod, total = calls
    if loud == 0 or loud < byod:
        return f"{want}: {early}; the first hour drew {loud} loud and {byod} BYOD calls over these seeds."
    louds = [d for d in scenario.demand if d.kind in LOUD_KINDS]
    departments = sorted({name for d in louds if isinstance(d.customers, tuple) for name in d.customers})
    influence = scenario.influence()
    share = sum(influence.get(name, 0.0) for name in departments)
    levers = []
    flat = seeds * 60 * sum(d.rate for d in louds)
    if flat > 0 and loud < FRONT_LOADED * flat:
        levers.append(f"front-load the loud calls with a profile: the first hour drew {loud} loud calls, "
                      f"{loud / flat:.1f} times a flat hour's share ({flat:.0f}); measured, a profile helped "
                      f"below {FRONT_LOADED:g} times")
    if departments and share < QUIET_SHARE:
        levers.append(f"raise the influence of the loud callers' departments ({', '.join(departments)}): "
                      f"they hold only {share:.0%} of trust, so delighting them moves it little")
    before, after = offered_load(scenario).overall, _load_with_loud_rates(scenario, RATE_FACTOR)
    levers.append(f"raise the loud rates (x{RATE_FACTOR:g}: offered load {before:.2f} -> {after:.2f}; "
                  "a busier desk widens the lead partly by sinking triage early, not only by delighting "
                  "the loud callers)")
    return (f"{want}: the first hour's mix is already right ({loud} loud against {byod} BYOD calls over "
            f"these seeds), so {'; or '.join(levers)}.")


def _load_with_loud_rates(scenario: Scenario, factor: float) -> float:
    """The offered load if every loud demand entry's rate were ``factor`` times what it is."""
    demand = tuple(replace(d, rate=d.rate * factor) if d.kind in LOUD_KINDS else d for d in scenario.demand)
    return offered_load(replace(scenario, demand=demand)).overall
