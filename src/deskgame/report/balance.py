"""``deskgame balance``: how hard is this scenario, and does it teach the lesson?

A facilitator's check before a workshop (DESIGN.md section 3): the offered load per
skill first (deskgame.scenario.workload), then ``runs`` seeds per bot policy played
headless, the spread of their results, how often each was put on notice or
outsourced, and a verdict with what to change.

Seeds are ``runs`` consecutive ones from the scenario's own ``seed:`` (or ``--seed``), the
same for every policy (paired: each policy plays the same days), so two facilitators with
the same file get the same figures, and any run can be watched again with ``deskgame run
FILE --seed S --policy P``.  Every figure is computed from the runs sorted by (policy,
seed), so the output and the CSV are byte-identical whatever ``--jobs`` is.

The verdict, in this order:

* **too harsh** - triage (the good team) was put on notice in more than 10% of the runs
  or was ever outsourced: a team that plays well must be able to keep the desk;
* **too easy** - servant was never put on notice and its median score is within 5
  points of triage's: serving whoever shouts costs nothing, so nothing is learned;
* otherwise **teaches the lesson**.
"""

from __future__ import annotations

import io
import math
import statistics
from dataclasses import dataclass

from deskgame.report.sweep import RunResult, run_tasks, sorted_results
from deskgame.scenario.model import Scenario
from deskgame.scenario.workload import LoadReport, offered_load

POLICIES = ("fifo", "triage", "servant")
HARSH_NOTICE_SHARE = 0.10
EASY_MARGIN = 5.0
QUANTILES = ("min", "p10", "median", "p90", "max")


@dataclass(frozen=True)
class Verdict:
    label: str           # "teaches the lesson" | "too easy" | "too harsh" | "incomplete"
    reason: str
    change: str          # what to change ("" when nothing needs to)


@dataclass(frozen=True)
class BalanceReport:
    scenario: Scenario
    load: LoadReport
    policies: tuple[str, ...]
    runs: tuple[RunResult, ...]          # sorted by (policy, seed)
    verdict: Verdict
    first_seed: int = 1                  # the runs played seeds first_seed .. first_seed + runs - 1

    def of(self, policy: str) -> list[RunResult]:
        return [r for r in self.runs if r.policy == policy]


SEED_LIMIT = 2**63   # seeds are 0 .. 2^63-1, as results files hold them


def seeds_for(first: int, runs: int) -> range:
    """The seeds a balance plays; ValueError (with what to do) past the last seed there is."""
    if first + runs > SEED_LIMIT:
        raise ValueError(f"seeds {first}..{first + runs - 1} pass the largest seed, 2^63-1: "
                         "give a smaller --seed")
    return range(first, first + runs)


def balance(scenario: Scenario, policies: tuple[str, ...], runs: int, jobs: int,
            progress: bool = True, first_seed: int | None = None) -> BalanceReport:
    """Play ``runs`` seeds of every policy, from ``first_seed`` (default: the scenario's own
    seed), in ``jobs`` processes, and judge the scenario."""
    first = scenario.seed if first_seed is None else first_seed
    seeds = seeds_for(first, runs)
    tasks = [("scenario", policy, seed) for policy in policies for seed in seeds]
    label = f"{len(tasks)} sessions on {jobs} process{'es' if jobs > 1 else ''}" if progress else None
    done = run_tasks({"scenario": scenario}, tasks, jobs, label=label)
    results = tuple(sorted_results(done.values(), policies))
    load = offered_load(scenario)
    return BalanceReport(scenario, load, policies, results, judge(results, load, scenario), first)


# ---------------------------------------------------------------------------- figures
def spread(values: list[float]) -> tuple[float, ...]:
    """min, p10, median, p90, max (linear interpolation between order statistics)."""
    ordered = sorted(values)
    return tuple(_quantile(ordered, q) for q in (0.0, 0.1, 0.5, 0.9, 1.0))


def _quantile(ordered: list[float], q: float) -> float:
    if not ordered:
        return math.nan
    position = q * (len(ordered) - 1)
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def median_score(runs: list[RunResult]) -> float:
    return statistics.median(r.score for r in runs) if runs else math.nan


def judge(runs: tuple[RunResult, ...], load: LoadReport, scenario: Scenario) -> Verdict:
    """The verdict of the module docstring, with its reason and a concrete change."""
    triage = [r for r in runs if r.policy == "triage"]
    servant = [r for r in runs if r.policy == "servant"]
    if not triage:
        return Verdict("incomplete", "the verdict compares triage with servant", "run with --policy all")
    noticed = sum(r.put_on_notice for r in triage)
    outsourced = sum(r.outsourced for r in triage)
    if noticed > HARSH_NOTICE_SHARE * len(triage) or outsourced:
        reason = (f"triage, the good team, was put on notice in {noticed} of {len(triage)} runs"
                  f" ({noticed / len(triage):.0%}) and outsourced in {outsourced}")
        return Verdict("too harsh", reason, _harsh_change(load, scenario))
    if not servant:
        return Verdict("incomplete", "triage keeps the desk; judging 'too easy' needs servant too",
                       "run with --policy all")
    gap = median_score(triage) - median_score(servant)
    servant_noticed = sum(r.put_on_notice for r in servant)
    if servant_noticed == 0 and gap < EASY_MARGIN:
        reason = (f"servant was never put on notice and its median score ({median_score(servant):.1f}) is "
                  f"within {EASY_MARGIN:g} points of triage's ({median_score(triage):.1f})")
        return Verdict("too easy", reason, _easy_change(load))
    reason = (f"triage's median score {median_score(triage):.1f} leads servant's "
              f"{median_score(servant):.1f} by {gap:.1f} points; servant was put on notice in "
              f"{servant_noticed} of {len(servant)} runs, triage in {noticed}")
    return Verdict("teaches the lesson", reason, "")


def _harsh_change(load: LoadReport, scenario: Scenario) -> str:
    busiest = load.most_loaded_skill()
    if busiest is not None and busiest[1] >= 0.8:
        skill, value = busiest
        return f"{skill} is loaded at {value:.2f}: add a specialist with {skill} or lower its rate"
    line = scenario.scoring.outsourcing_below
    worst = max(load.by_round, default=0.0)
    return (f"the load is moderate ({load.overall:.2f}, {worst:.2f} in the busiest round), so the line "
            f"or the events are too hard: lower scoring.outsourcing_below (now {line:g}) or soften the "
            "major incidents and social storms")


def _easy_change(load: LoadReport) -> str:
    trap = ("add end_run and fake_emergency demand (or raise their rates) so that serving whoever "
            "shouts costs something")
    if load.overall < 0.75:
        return f"raise the rates towards an offered load of 0.75-0.85 (now {load.overall:.2f}), or {trap}"
    return f"the desk is busy enough (offered load {load.overall:.2f}): {trap}"


# ---------------------------------------------------------------------------- output
def render(report: BalanceReport, width: int = 100) -> str:
    """The whole report as text (what ``deskgame balance`` prints)."""
    from rich.console import Console
    from rich.table import Table

    out = io.StringIO()
    console = Console(file=out, width=width, force_terminal=False, color_system=None, highlight=False)
    scenario, load = report.scenario, report.load
    console.print(f"[b]{scenario.title}[/b]: {scenario.rounds} round{'s' if scenario.rounds > 1 else ''}, "
                  f"{len(scenario.team)} people, outsourcing below {scenario.scoring.outsourcing_below:g}")
    rounds = ", ".join(f"{v:.2f}" for v in load.by_round)
    console.print(f"Offered load {load.overall:.2f} (busiest group; all work over all time {load.mean:.2f}); "
                  f"by round: {rounds}", soft_wrap=True)
    skills = Table(title="Offered load per skill", title_justify="left")
    for column, justify in (("skill", "left"), ("work per hour", "right"), ("people", "right"),
                            ("load", "right"), ("its people alone", "right")):
        skills.add_column(column, justify=justify)  # type: ignore[arg-type]
    hours = scenario.round.length * scenario.rounds / 60
    order = sorted(load.by_skill.items(), key=lambda kv: (-kv[1], -load.own_ratio.get(kv[0], 0.0), kv[0]))
    for skill, value in order:
        work = sum(s.total for s in load.streams if skill in s.skills) / hours
        people = sum(1 for a in scenario.team if skill in a.skills)
        skills.add_row(skill, f"{work:.0f} min", str(people), f"{value:.2f}",
                       f"{load.own_ratio.get(skill, 0.0):.2f}")
    console.print(skills)
    console.print("load: of the group of people who share this work (skills overlap, so a whole desk "
                  "often shares one figure). its people alone: this skill's work over the time of "
                  "the people who hold it, if they did nothing else; the highest is where one more "
                  "person with the skill helps most.", soft_wrap=True)
    runs = len(report.of(report.policies[0])) if report.policies else 0
    first, last = report.first_seed, report.first_seed + runs - 1
    source = "the scenario's seed" if first == scenario.seed else "--seed"
    table = Table(title=f"Results over seeds {first}..{last} per policy (from {source}, {first})",
                  title_justify="left")
    table.add_column("policy")
    table.add_column("figure")
    for name in QUANTILES:
        table.add_column(name, justify="right")
    table.add_column("runs", justify="right")
    for policy in report.policies:
        for label, values, fmt in _figures(report.of(policy), scenario.rounds):
            cells = [fmt.format(v) for v in spread(values)] if values else ["-"] * len(QUANTILES)
            table.add_row(policy, label, *cells, str(len(values)))
        table.add_section()
    console.print(table)
    for policy in report.policies:
        runs_of = report.of(policy)
        noticed = sum(r.put_on_notice for r in runs_of)
        out_count = sum(r.outsourced for r in runs_of)
        console.print(f"{policy:<8} put on notice in {noticed} of {len(runs_of)} runs, "
                      f"outsourced in {out_count}")
    trap = servant_trap(report.runs)
    if trap:
        console.print(trap, soft_wrap=True)
    verdict = report.verdict
    console.print(f"Verdict: [b]{verdict.label}[/b]: {verdict.reason}.", soft_wrap=True)
    meant_easy = scenario.difficulty == "easy" and verdict.label == "too easy"  # a tutorial is meant to be
    if verdict.change and not meant_easy:
        console.print(f"Change: {verdict.change}.", soft_wrap=True)
    stated = difficulty_note(scenario.difficulty, verdict.label)
    if stated:
        console.print(stated, soft_wrap=True)
    return out.getvalue()


def servant_trap(runs: tuple[RunResult, ...]) -> str:
    """Whether serving whoever shouts looks good at first: the temptation the workshop needs.

    DESIGN section 2: servant leads on trust in the first hour (the loud callers are
    delighted), then falls behind.  Counted over paired runs (the same seed for both
    policies); not part of the verdict, which is about the end of the session.
    """
    triage = {r.seed: r.trust_first_hour for r in runs if r.policy == "triage"}
    pairs = [(r.trust_first_hour, triage[r.seed]) for r in runs if r.policy == "servant"
             and r.trust_first_hour is not None and triage.get(r.seed) is not None]
    if not pairs:
        return ""
    leads = sum(servant > good for servant, good in pairs)
    said = (f"The trap: an hour into round 1, servant leads triage on trust in {leads} of {len(pairs)} "
            f"paired runs")
    if leads * 2 >= len(pairs):
        return said + " (serving whoever shouts looks good at first, as the lesson needs)."
    return (said + ": here serving whoever shouts does not look good even at first. If it should "
            "tempt, let loud callers ring early (end_run or fake_emergency demand from the round's "
            "start, more of them than BYOD calls: a BYOD caller told 'unsupported' is let down at once).")


# The verdicts a stated ``difficulty`` promises (docs/scenarios.md): an easy scenario is one
# where servitude goes unpunished (a tutorial); normal and hard ones teach the lesson.
VERDICTS_FOR_DIFFICULTY = {"easy": ("too easy",), "normal": ("teaches the lesson",),
                           "hard": ("teaches the lesson",)}


def difficulty_note(stated: str | None, verdict: str) -> str:
    """What the file's ``difficulty`` says beside the verdict, and what to write when it does not fit."""
    if verdict == "incomplete":
        return ""
    fitting = [d for d, verdicts in VERDICTS_FOR_DIFFICULTY.items() if verdict in verdicts]
    if verdict == "too harsh":
        said = f"The file says difficulty: {stated}, but" if stated else "Whatever the difficulty,"
        return (f"{said} no difficulty fits a scenario that puts the good team on notice: soften it "
                "first (see Change above).")
    suggestion = " or ".join(fitting)
    if stated is None:
        return f"The file states no difficulty; by this verdict it would be difficulty: {suggestion}."
    if stated in fitting:
        return f"The file says difficulty: {stated}, which agrees with this verdict."
    return (f"The file says difficulty: {stated}, but the verdict is {verdict!r}: write difficulty: "
            f"{suggestion} (the title screen shows it), or change the scenario.")


def _figures(runs: list[RunResult], rounds: int) -> list[tuple[str, list[float], str]]:
    rows: list[tuple[str, list[float], str]] = [("score", [r.score for r in runs], "{:.1f}")]
    rows.append(("trust, 1 h into round 1", [r.trust_first_hour for r in runs
                                              if r.trust_first_hour is not None], "{:.1f}"))
    for k in range(rounds):
        rows.append((f"trust, round {k + 1}", [r.trust[k] for r in runs if len(r.trust) > k], "{:.1f}"))
    rows.append(("SLA met (mean of rounds)", [statistics.fmean(r.sla_met) for r in runs if r.sla_met],
                 "{:.0%}"))
    return rows


def csv_text(report: BalanceReport) -> str:
    """One row per run, sorted by (policy, seed); rounds not played are empty cells."""
    rounds = report.scenario.rounds
    header = ["policy", "seed", "score", "ended", "rounds_played", "put_on_notice", "outsourced",
              "trust_first_hour"]
    header += [f"trust_r{k}" for k in range(1, rounds + 1)]
    header += [f"sla_met_r{k}" for k in range(1, rounds + 1)]
    header += [f"on_notice_r{k}" for k in range(1, rounds + 1)]
    lines = [",".join(header)]
    for r in report.runs:
        row = [r.policy, str(r.seed), f"{r.score:.4f}", r.ended, str(len(r.trust)), str(int(r.put_on_notice)),
               str(int(r.outsourced)), "" if r.trust_first_hour is None else f"{r.trust_first_hour:.4f}"]
        row += _cells([f"{v:.4f}" for v in r.trust], rounds)
        row += _cells([f"{v:.4f}" for v in r.sla_met], rounds)
        row += _cells([str(int(v)) for v in r.on_notice], rounds)
        lines.append(",".join(row))
    return "\n".join(lines) + "\n"


def _cells(values: list[str], rounds: int) -> list[str]:
    return values + [""] * (rounds - len(values))
