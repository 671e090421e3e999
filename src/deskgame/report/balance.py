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
  or was ever outsourced: a team that plays well must be able to keep the desk; or it was
  put on notice at least as often as servant (and at all), so the file punishes good play
  rather than servitude (issue 10's rules called such a file "teaches the lesson" with an
  "inverted" Caution beside it, and a facilitator read the label);
* **too easy** - servant was never put on notice and its median score is within 5
  points of triage's: serving whoever shouts costs nothing, so nothing is learned;
* otherwise **teaches the lesson**.

The labels are a contract.  A lesson that passes can still be faint or inverted (triage
on notice as often as servant, fifo - the do-nothing bot - on notice about as often as
triage or less, servant ahead on trust at the end of a round, a score gap under
``CAUTION_GAP``): the Caution.

The rules read a sample of days, so the verdict can flip with ``--seed``: when the 10%
limit lies inside the 95% (Wilson) interval of triage's on-notice share, or the 5-point
margin inside the 95% (paired bootstrap, fixed seed) interval of the score gap while servant
was never on notice, the verdict is a close call, with how many runs to try.  The load
says how to read the verdict when it is outside ``LOAD_AIM``.

The printed report ends with one verdict line that says all of that at once (the label,
fit for a workshop or not, how sure), then Why and What to change (``balance_verdict``).
"""

from __future__ import annotations

import io
import math
import statistics
from dataclasses import dataclass
from typing import TYPE_CHECKING

from deskgame.report.balance_advice import (
    AIM,
    Caution,
    caution_parts,
    easy_change,
    harsh_change,
    median_score,
    written_rates,
)
from deskgame.report.balance_verdict import render_section, verdict_section
from deskgame.report.close_call import (
    EASY_MARGIN,
    HARSH_NOTICE_SHARE,
    close_call,
    easy_close_call,
    notice_close_call,
    quantile,
    wilson,
)
from deskgame.report.sweep import RunResult, run_tasks, sorted_results
from deskgame.report.trap import first_hour_calls, trap_parts
from deskgame.scenario.model import Demand, Scenario
from deskgame.scenario.units import format_duration, format_rate
from deskgame.scenario.workload import (
    LOAD_AIM,
    LOAD_QUIET,
    LoadReport,
    describe_load,
    expected_arrivals,
    offered_load,
)

if TYPE_CHECKING:
    from rich.console import Console

POLICIES = ("fifo", "triage", "servant")
QUANTILES = ("min", "p10", "median", "p90", "max")


@dataclass(frozen=True)
class Verdict:
    label: str           # "teaches the lesson" | "too easy" | "too harsh" | "incomplete"
    reason: str
    change: str          # what to change ("" when nothing needs to)
    caution: str = ""    # a lesson that passes but is faint or inverted, and what to change
    close: str = ""      # the sample cannot tell this verdict from its neighbour, and how many runs would
    # The same, in pieces for the printed report (balance_verdict): the Caution's reasons and
    # fixes, why the sample cannot tell, and which verdicts another sample might give.
    caution_parts: Caution | None = None
    close_whys: tuple[str, ...] = ()
    close_to: tuple[str, ...] = ()


@dataclass(frozen=True)
class BalanceReport:
    scenario: Scenario
    load: LoadReport
    policies: tuple[str, ...]
    runs: tuple[RunResult, ...]          # sorted by (policy, seed)
    verdict: Verdict
    first_seed: int = 1                  # the runs played seeds first_seed .. first_seed + runs - 1
    first_hour_calls: tuple[int, int, int] | None = None   # (loud, byod, all) drawn in round 1's first hour

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
    return BalanceReport(scenario, load, policies, results, judge(results, load, scenario), first,
                         first_hour_calls(scenario, seeds))


# ---------------------------------------------------------------------------- figures
def spread(values: list[float]) -> tuple[float, ...]:
    """min, p10, median, p90, max (linear interpolation between order statistics)."""
    ordered = sorted(values)
    return tuple(quantile(ordered, q) for q in (0.0, 0.1, 0.5, 0.9, 1.0))


def judge(runs: tuple[RunResult, ...], load: LoadReport, scenario: Scenario) -> Verdict:
    """The verdict of the module docstring, with its reason and a concrete change."""
    triage = [r for r in runs if r.policy == "triage"]
    servant = [r for r in runs if r.policy == "servant"]
    if not triage:
        return Verdict("incomplete", "the verdict compares triage with servant", "run with --policy all")
    noticed = sum(r.put_on_notice for r in triage)
    outsourced = sum(r.outsourced for r in triage)
    harsh_close = notice_close_call(noticed, len(triage)) if not outsourced else ""
    whys = [harsh_close]
    if noticed > HARSH_NOTICE_SHARE * len(triage) or outsourced:
        reason = (f"triage, the good team, was put on notice in {noticed} of {len(triage)} runs"
                  f" ({noticed / len(triage):.0%}) and outsourced in {outsourced}")
        return _verdict("too harsh", reason, harsh_change(load, scenario, triage), whys, len(triage))
    if not servant:
        return Verdict("incomplete", "triage keeps the desk; judging 'too easy' needs servant too",
                       "run with --policy all")
    gap = median_score(triage) - median_score(servant)
    servant_noticed = sum(r.put_on_notice for r in servant)
    if noticed and noticed >= servant_noticed:
        reason = (f"triage, the good team, was put on notice in {noticed} of {len(triage)} runs, servant "
                  f"in {servant_noticed} of {len(servant)}: this file punishes good play, not servitude")
        return _verdict("too harsh", reason, harsh_change(load, scenario, triage), whys, len(triage))
    easy_why = easy_close_call(triage, servant) if servant_noticed == 0 else ""
    whys.append(easy_why)
    if servant_noticed == 0 and gap < EASY_MARGIN:
        never = wilson(0, len(servant))[1]
        reason = (f"servant was never put on notice (in {len(servant)} runs: its share may still be up to "
                  f"{never:.0%}) and its median score ({median_score(servant):.1f}) is "
                  f"within {EASY_MARGIN:g} points of triage's ({median_score(triage):.1f})")
        return _verdict("too easy", reason, easy_change(load), whys, len(triage))
    notices = (f"servant was put on notice in {servant_noticed} of {len(servant)} runs, triage in {noticed}")
    if round(gap, 1) > 0:
        reason = (f"triage's median score {median_score(triage):.1f} leads servant's "
                  f"{median_score(servant):.1f} by {gap:.1f} points; {notices}")
    else:   # the notices alone carry the lesson: never call a gap of 0 or less a lead
        reason = (f"{notices}, though triage's median score {median_score(triage):.1f} does not lead "
                  f"servant's {median_score(servant):.1f}")
    fifo = [r for r in runs if r.policy == "fifo"]
    return _verdict("teaches the lesson", reason, "", whys, len(triage),
                    caution_parts(triage, servant, load, scenario, fifo))


def _verdict(label: str, reason: str, change: str, whys: list[str], runs: int,
             warned: Caution | None = None) -> Verdict:
    """A Verdict with its close call: the reasons the sample cannot tell (``whys``: the
    harsh limit's, then the easy margin's) and which other verdicts they point at."""
    neighbours = []
    for why, limit in zip(whys, ("too harsh", "too easy"), strict=False):
        if why:
            neighbours.append(limit if limit != label else "teaches the lesson")
    return Verdict(label, reason, change, str(warned) if warned else "", close_call(whys, runs),
                   warned, tuple(why for why in whys if why), tuple(dict.fromkeys(neighbours)))


def arrivals_table(scenario: Scenario) -> list[tuple[Demand, str, list[float]]]:
    """(demand entry, rate as written, expected arrivals in each round): profiles and waves included."""
    rates = written_rates(scenario)
    return [(d, rates.get(str(d.id), format_rate(d.rate)),
             [expected_arrivals(scenario, d, r) for r in range(1, scenario.rounds + 1)])
            for d in scenario.demand]


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
    rounds = ", ".join(describe_load(v) for v in load.by_round)
    console.print(f"Offered load {describe_load(load.overall)} (busiest group; all work over all time "
                  f"{describe_load(load.mean)}); by round: {rounds}", soft_wrap=True)
    orphans = [stream.label for stream in load.streams if math.isinf(stream.load)]
    if orphans:
        console.print(f"Some work has nobody left to do it: nobody at work can do {'; '.join(orphans)} (the "
                      "people who hold those skills are absent), so that work waits all day.", soft_wrap=True)
    _print_skills(console, scenario, load)
    _print_arrivals(console, scenario)
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
    trap = trap_parts(report.runs, scenario, report.first_hour_calls)
    verdict = report.verdict
    stated = difficulty_note(scenario.difficulty, verdict.label, bool(verdict.close))
    section = verdict_section(report, trap, load_parts(load, verdict), stated)
    out.write(render_section(section, width))
    return out.getvalue()


def load_note(load: LoadReport, verdict: Verdict) -> str:
    """One line when the offered load is outside ``LOAD_AIM``: how to read the verdict beside it
    ("" inside the aim).  ``load_parts`` keeps the finding and the fix apart.

    The verdict measures the lesson (the score gap, who is put on notice); the load says how
    the day feels.  A quiet desk can still teach the lesson (servant neglects work even when
    there is time for it) but without the pressure of a queue; a hard one may be harsh
    because of the load, not the line or the events.
    """
    found, fix = load_parts(load, verdict)
    if not found:
        return ""
    return f"Load note: {found[:-1]}{'; ' + fix if fix else ''}."


def load_parts(load: LoadReport, verdict: Verdict) -> tuple[str, str]:
    """(what the load means for the verdict, what to change for it): ("", "") inside the aim."""
    low, high = LOAD_AIM
    shown = round(load.overall, 2)   # judged as printed, so "0.60" is never called below 0.6
    if low <= shown <= high or math.isinf(load.overall) or verdict.label == "incomplete":
        return "", ""
    if shown < low:
        feel = ("a quiet desk with short queues" if shown < LOAD_QUIET
                else "a light desk: queues form only at peaks")
        return (f"offered load {load.overall:.2f} is below the aim ({AIM}): {feel}. The verdict still holds "
                "for this file (it measures the score gap and the notices, not the load), but players "
                "feel little pressure.",
                "to make the day busier, raise the rates towards the aim and balance again")
    if verdict.label == "too harsh":
        return (f"offered load {load.overall:.2f} is above the aim ({AIM}): the queue is long most of the "
                "day, so the harsh verdict may be the load rather than the line or the events.",
                "lower the rates or add people towards the aim")
    return (f"offered load {load.overall:.2f} is above the aim ({AIM}): the queue is long most of the day; "
            "a harder day than most teams expect.", "")


def _print_skills(console: Console, scenario: Scenario, load: LoadReport) -> None:
    """Offered load per skill.  The group load (of the people who share the work) is a column
    only when it differs between skills: skills overlap, so a whole desk often shares one
    figure, and a column of the same number read as a mistake; then the title says it once."""
    from rich.table import Table

    shared = {describe_load(value) for value in load.by_skill.values()}
    one_group = len(shared) == 1
    if one_group:
        console.print(f"Skills overlap, so the whole desk shares its work as one group: load "
                      f"{shared.pop()} for every skill.", soft_wrap=True)
    skills = Table(title="Offered load per skill", title_justify="left")
    columns = [("skill", "left"), ("work per hour", "right"), ("people", "right")]
    columns += [] if one_group else [("group load", "right")]
    columns += [("its people alone", "right")]
    for column, justify in columns:
        skills.add_column(column, justify=justify)  # type: ignore[arg-type]
    hours = scenario.round.length * scenario.rounds / 60
    order = sorted(load.by_skill.items(), key=lambda kv: (-kv[1], -load.own_ratio.get(kv[0], 0.0), kv[0]))
    for skill, value in order:
        work = sum(s.total for s in load.streams if skill in s.skills) / hours
        people = sum(1 for a in scenario.team if skill in a.skills)
        group = [] if one_group else [describe_load(value)]
        skills.add_row(skill, f"{work:.0f} min", str(people), *group,
                       describe_load(load.own_ratio.get(skill, 0.0)))
    console.print(skills)
    group_words = ("" if one_group else "group load: of the people who share this work (skills overlap, "
                   "so several skills may share one figure). ")
    console.print(f"{group_words}its people alone: this skill's work over the time of the people who hold "
                  "it, if they did nothing else; the highest is where one more person with the skill helps "
                  "most.", soft_wrap=True)


def _print_arrivals(console: Console, scenario: Scenario) -> None:
    """Expected arrivals per round of each demand entry: what a rate means on this round."""
    from rich.table import Table

    rows = arrivals_table(scenario)
    table = Table(title=f"Expected arrivals per round ({format_duration(scenario.round.length)} rounds)",
                  title_justify="left")
    table.add_column("demand")
    table.add_column("kind")
    table.add_column("rate", justify="right")
    per_round = scenario.rounds <= 5
    for k in range(scenario.rounds if per_round else 1):
        table.add_column(f"round {k + 1}" if per_round else "per round (mean)", justify="right")
    for d, rate, counts in rows:
        cells = [f"{c:.1f}" for c in counts] if per_round else [f"{statistics.fmean(counts):.1f}"]
        table.add_row(str(d.id), d.kind, rate, *cells)
    console.print(table)
    daily = [(d, rate, counts) for d, rate, counts in rows if rate.replace(" ", "").endswith("/d")]
    if daily:
        d, rate, counts = daily[0]
        console.print(f"A rate per day counts 24 hours: {d.id} at {rate} brings {counts[0]:.1f} calls per "
                      f"{format_duration(scenario.round.length)} round. Profiles reshape a round's calls, "
                      "waves add to them.", soft_wrap=True)


# The verdicts a stated ``difficulty`` promises (docs/scenarios.md): an easy scenario is one
# where servitude goes unpunished (a tutorial); normal and hard ones teach the lesson.
VERDICTS_FOR_DIFFICULTY = {"easy": ("too easy",), "normal": ("teaches the lesson",),
                           "hard": ("teaches the lesson",)}


def difficulty_note(stated: str | None, verdict: str, close: bool = False) -> str:
    """What the file's ``difficulty`` says beside the verdict, and what to write when it does not fit
    (``close``: the verdict is too close to call, so the agreement holds on this sample only)."""
    if verdict == "incomplete":
        return ""
    fitting = [d for d, verdicts in VERDICTS_FOR_DIFFICULTY.items() if verdict in verdicts]
    if verdict == "too harsh":
        said = f"The file says difficulty: {stated}, but" if stated else "Whatever the difficulty,"
        return (f"{said} no difficulty fits a scenario that puts the good team on notice: soften it "
                "first (see What to change).")
    suggestion = " or ".join(fitting)
    if stated is None:
        return f"The file states no difficulty; by this verdict it would be difficulty: {suggestion}."
    if stated in fitting:
        sample = " on this sample of days" if close else ""
        return f"The file says difficulty: {stated}, which agrees with this verdict{sample}."
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
