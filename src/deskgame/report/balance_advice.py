"""What ``deskgame balance`` tells a facilitator to change: the Change and Caution lines.

Each piece of advice names a lever that was measured to move the figure it is about
(docs/scenarios.md, "balance"): the busiest skill for a desk that sinks its good team,
the line or the file's own events at a moderate load, the department whose fall cost
trust most, the loud demand and the load for a lesson that is faint.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from dataclasses import dataclass

from deskgame.report.sweep import RunResult
from deskgame.report.trap import LOUD_KINDS
from deskgame.scenario.model import Scenario
from deskgame.scenario.units import format_rate
from deskgame.scenario.workload import LOAD_AIM, LoadReport

CAUTION_GAP = 10.0      # a score lead under this many points is a faint lesson
FIFO_AS_OFTEN = 1.5     # fifo on notice under this many times triage's share: doing nothing is as safe
AIM = f"{LOAD_AIM[0]:g}-{LOAD_AIM[1]:g}"


def median_score(runs: list[RunResult]) -> float:
    return statistics.median(r.score for r in runs) if runs else math.nan


@dataclass(frozen=True)
class Caution:
    """A lesson that passes but is faint or inverted: what was found and what to change."""

    kind: str                   # "faint" | "inverted"
    found: tuple[str, ...]      # the reasons, each a clause
    fixes: tuple[str, ...]      # what to change, in the order to try

    def __str__(self) -> str:
        return (f"Caution: the lesson is {self.kind} here: {'; '.join(self.found)}. "
                f"To sharpen it: {'; '.join(self.fixes)}.")


def caution(triage: list[RunResult], servant: list[RunResult], load: LoadReport, scenario: Scenario,
            fifo: list[RunResult] | None = None) -> str:
    """The Caution as one line ("" when the lesson is clear); ``caution_parts`` keeps its pieces."""
    parts = caution_parts(triage, servant, load, scenario, fifo)
    return str(parts) if parts else ""


def caution_parts(triage: list[RunResult], servant: list[RunResult], load: LoadReport, scenario: Scenario,
                  fifo: list[RunResult] | None = None) -> Caution | None:
    """A lesson that passes the verdict but is faint or inverted, with what to change (None if clear).

    (Triage on notice as often as servant is not a Caution: it is "too harsh".)"""
    found: list[str] = []
    noticed, servant_noticed = sum(r.put_on_notice for r in triage), sum(r.put_on_notice for r in servant)
    fifo = fifo or []
    fifo_noticed = sum(r.put_on_notice for r in fifo)
    idle = bool(fifo) and noticed > 0 and fifo_noticed * len(triage) < FIFO_AS_OFTEN * noticed * len(fifo)
    if idle:
        found.append(f"fifo, the do-nothing bot, was put on notice in {fifo_noticed} of {len(fifo)} runs, "
                     f"about as often as triage ({noticed} of {len(triage)}) or less, so 'good practice "
                     "pays' is not shown")
    nobody = not noticed and not servant_noticed and not fifo_noticed
    if nobody:
        every = len(triage) + len(servant) + len(fifo)
        found.append(f"no team was put on notice in any of the {every} runs: the outsourcing line never "
                     "bites, so serving whoever shouts costs points only")
    behind = []
    for k in range(scenario.rounds):   # compared as printed: equal figures are never a lead
        good = [r.trust[k] for r in triage if len(r.trust) > k]
        bad = [r.trust[k] for r in servant if len(r.trust) > k]
        if good and bad and round(statistics.median(bad), 1) > round(statistics.median(good), 1):
            behind.append(f"servant's median trust at the end of round {k + 1} is "
                          f"{statistics.median(bad):.1f}, triage's {statistics.median(good):.1f}")
    found += behind
    gap = round(median_score(triage) - median_score(servant), 1)
    if gap <= 0:
        behind.append("score")
        found.append(f"triage's median score ({median_score(triage):.1f}) does not lead servant's "
                     f"({median_score(servant):.1f})")
    elif gap < CAUTION_GAP:
        found.append(f"triage's median score leads by only {gap:.1f} points (under {CAUTION_GAP:g})")
    if not found:
        return None
    fixes = []
    if idle:
        sinking = sinking_department(triage, scenario)
        fixes.append(department_levers(scenario, sinking) if sinking else
                     f"find what sinks triage (lower scoring.outsourcing_below, now "
                     f"{scenario.scoring.outsourcing_below:g}, or soften the events)")
    # Compared as printed: "offered load 0.75; aim for 0.75-0.9" read as a contradiction.
    busier = (f", or a busier desk (offered load {load.overall:.2f}; aim for {AIM})"
              if round(load.overall, 2) < LOAD_AIM[0] else "")
    if nobody:
        servant_trust = statistics.median(r.trust[-1] for r in servant if r.trust) if servant else math.nan
        line = scenario.scoring.outsourcing_below
        fixes.append(f"raise the line (scoring.outsourcing_below, now {line:g}) towards servant's median "
                     f"trust at the end ({servant_trust:.0f}){busier}")
        busier = ""
    if behind or gap < CAUTION_GAP:   # servant's side of the lesson is weak
        louder = "" if idle else ("more end_run or fake_emergency demand (servant drops the real work for "
                                  "them), ")
        fixes.append(f"{'then ' if idle else ''}make serving whoever shouts cost more: {louder}shorter "
                     f"patience for the departments whose calls wait behind the loud ones{busier}")
    return Caution("inverted" if behind else "faint", tuple(found), tuple(fixes))


@dataclass(frozen=True)
class Sinking:
    """The department whose fall cost trust most in the round triage was put on notice."""

    name: str
    count: int       # of triage's runs on notice, those in which it cost trust most
    runs: int        # triage's runs on notice (with department figures)
    median: float    # its median satisfaction at the end of those rounds


def sinking_department(triage: list[RunResult], scenario: Scenario) -> Sinking | None:
    """Which department's fall (from its starting level, weighted by its share of trust) cost
    trust most, most often, in triage's runs that were put on notice.  Weighted: a department
    with no influence cannot put a desk on notice, however low it sinks (a facilitator was told
    to give one with 0% of trust "less influence")."""
    share = scenario.influence()
    start = {c.name: c.satisfaction for c in scenario.customers}

    def cost(pair: tuple[str, float]) -> tuple[float, str]:
        name, value = pair
        return (-share.get(name, 0.0) * (start.get(name, value) - value), name)

    lowest: list[tuple[str, float]] = []
    for run in triage:
        if not run.put_on_notice:
            continue
        k = run.on_notice.index(True)
        if k < len(run.satisfaction_end) and run.satisfaction_end[k]:
            worst = min(run.satisfaction_end[k], key=cost)
            if cost(worst)[0] < 0:  # it fell, and it counts in trust
                lowest.append(worst)
    if not lowest:
        return None
    counts = Counter(name for name, _ in lowest)
    name = min(counts, key=lambda n: (-counts[n], n))
    return Sinking(name, counts[name], len(lowest),
                   statistics.median(value for n, value in lowest if n == name))


def department_levers(scenario: Scenario, sinking: Sinking) -> str:
    """The department that cost trust most and its levers: its influence and its calls.

    Not its patience: a facilitator moved a sinking department's patience from 1 minute to 8
    hours and triage was put on notice 13 times in 40 runs every time."""
    customer = next(c for c in scenario.customers if c.name == sinking.name)
    share = scenario.influence().get(sinking.name, 0.0)
    given = "not given" if customer.influence is None else f"{customer.influence:g}"
    rates = written_rates(scenario)
    its = [d for d in scenario.demand if isinstance(d.customers, tuple) and sinking.name in d.customers]
    # Loud calls first (the redirected and shouted ones), then the most of this department's calls.
    calls = sorted(its, key=lambda d: (d.kind not in LOUD_KINDS, -d.rate / len(d.customers), str(d.id)))
    listed = ", ".join(f"{d.id} {d.kind} {rates.get(str(d.id), format_rate(d.rate))}"
                       + ("" if len(d.customers) == 1 else f" shared by {len(d.customers)} departments")
                       for d in calls[:3])
    if len(calls) > 3:
        listed += f" and {len(calls) - 3} more"
    fewer = f"fewer calls ({listed or 'none name it'})"
    levers = (f"give it less influence (now {given}, {share:.0%} of trust) or {fewer}"
              if len(scenario.customers) > 1 else f"give it {fewer}")
    return (f"{sinking.name} cost trust most in {sinking.count} of {sinking.runs} of triage's runs on notice "
            f"(median satisfaction {sinking.median:.0f} at that round's end): {levers}")


def harsh_change(load: LoadReport, scenario: Scenario, triage: list[RunResult] | None = None) -> str:
    """What to change when good play is punished: the busiest skill first when it is loaded at
    0.8 or more (a facilitator followed the department advice at 0.82 and nothing moved;
    adding a specialist for the busiest skill fixed it), else the line or the file's events;
    the department that cost trust most comes after, as a second thing to try."""
    busiest = load.most_loaded_skill()
    sinking = sinking_department(triage or [], scenario)
    department = department_levers(scenario, sinking) if sinking else ""
    then = f"; then, if that is not enough, {department}" if department else ""
    if busiest is not None and math.isinf(busiest[1]):
        return (f"nobody at work can do the {busiest[0]} work (whoever holds it is absent): add someone with "
                f"{busiest[0]} or shorten the absence")
    if busiest is not None and busiest[1] >= 0.8:
        skill, value = busiest
        return f"{skill} is loaded at {value:.2f}: add a specialist with {skill} or lower its rate{then}"
    line = scenario.scoring.outsourcing_below
    worst = max(load.by_round, default=0.0)
    kinds = {event.kind for event in scenario.events}
    named = [words for kind, words in (("major_incident", "major incidents"), ("wave", "waves"),
                                       ("social_storm", "social storms"), ("absence", "absences"))
             if kind in kinds]
    events = f" or soften its {' and '.join(named)}" if named else ""
    return (f"the load is moderate ({load.overall:.2f}, {worst:.2f} in the busiest round), so the line"
            f"{' or the events are' if named else ' is'} too hard: lower scoring.outsourcing_below (now "
            f"{line:g}){events}{then}")


def easy_change(load: LoadReport) -> str:
    trap = ("add end_run and fake_emergency demand (or raise their rates) so that serving whoever "
            "shouts costs something")
    if load.overall < LOAD_AIM[0]:
        return f"raise the rates towards an offered load of {AIM} (now {load.overall:.2f}), or {trap}"
    return f"the desk is busy enough (offered load {load.overall:.2f}): {trap}"


def written_rates(scenario: Scenario) -> dict[str, str]:
    """Each demand entry's rate as the file writes it ('12/d'), by id; the model keeps per minute."""
    import yaml

    try:
        raw = yaml.safe_load(scenario.text) if scenario.text else None
        entries = raw.get("demand") if isinstance(raw, dict) else None
    except yaml.YAMLError:
        entries = None
    if not isinstance(entries, list) or len(entries) != len(scenario.demand):
        return {}
    return {str(d.id): str(entry["rate"]).strip() for d, entry in zip(scenario.demand, entries, strict=True)
            if isinstance(entry, dict) and isinstance(entry.get("rate"), str)}
