"""``deskgame balance`` end to end: figures, verdict, CSV, bad input, Ctrl-C, start-up."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from deskgame.cli import main
from deskgame.report.balance import POLICIES, balance, judge
from deskgame.report.sweep import RunResult, _on_notice
from deskgame.report.trap import RATE_FACTOR, _load_with_loud_rates
from deskgame.scenario import load_scenario, load_scenario_text
from deskgame.scenario.workload import offered_load

from .conftest import MINIMAL, SCENARIOS

ROOT = Path(__file__).resolve().parent.parent


def run_cli(capsys, *args: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    code = main(["balance", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_output_and_csv_are_the_same_for_any_number_of_jobs(capsys, tmp_path):
    one, two = tmp_path / "one.csv", tmp_path / "two.csv"
    code, out_one, _ = run_cli(capsys, "first-day", "--runs", "3", "--jobs", "1", "--out", str(one))
    assert code == 0
    code, out_two, _ = run_cli(capsys, "first-day", "--runs", "3", "--jobs", "2", "--out", str(two))
    assert code == 0
    assert out_one.replace(str(one), "X") == out_two.replace(str(two), "X")
    assert one.read_bytes() == two.read_bytes()
    assert "Offered load" in out_one and "Verdict: " in out_one
    for policy in POLICIES:
        assert f"{policy} " in out_one
    rows = list(csv.DictReader(one.open()))
    assert len(rows) == 3 * len(POLICIES)
    # first-day says seed: 11, so its runs are seeds 11, 12, 13 of every policy
    assert [(r["policy"], int(r["seed"])) for r in rows] == [(p, s) for p in POLICIES for s in (11, 12, 13)]
    assert all(r["trust_r1"] for r in rows)
    assert "Results over seeds 11..13 per policy (from the scenario's seed, 11)" in out_one


def test_runs_start_at_the_scenarios_seed_and_seed_overrides_it(capsys, tmp_path, write):
    # Two files that differ only in seed: each balance plays its own seed onwards, so the
    # figures follow the file (two facilitators with one file see the same), and --seed
    # gives another file's figures exactly.
    text = MINIMAL.replace("title: Tiny", "title: Tiny\nseed: 40")
    forty, csv_forty, csv_over = write(text, "forty.yaml"), tmp_path / "forty.csv", tmp_path / "over.csv"
    other, csv_other = write(text.replace("seed: 40", "seed: 41"), "other.yaml"), tmp_path / "other.csv"
    assert run_cli(capsys, str(forty), "--runs", "2", "--policy", "fifo", "--jobs", "1",
                   "--out", str(csv_forty))[0] == 0
    assert run_cli(capsys, str(other), "--runs", "2", "--policy", "fifo", "--jobs", "2",
                   "--out", str(csv_other))[0] == 0
    code, out, _ = run_cli(capsys, str(forty), "--runs", "2", "--policy", "fifo", "--seed", "41",
                           "--jobs", "2", "--out", str(csv_over))
    assert code == 0 and "seeds 41..42 per policy (from --seed, 41)" in out
    seeds = [[row["seed"] for row in csv.DictReader(path.open())] for path in (csv_forty, csv_other)]
    assert seeds == [["40", "41"], ["41", "42"]]
    assert csv_over.read_bytes() == csv_other.read_bytes()
    assert csv_forty.read_text().splitlines()[2] == csv_other.read_text().splitlines()[1]  # seed 41 twice


def test_a_run_of_the_balance_can_be_watched_again_with_run(capsys, tmp_path):
    report = balance(load_scenario(SCENARIOS / "first-day.yaml"), ("triage",), runs=2, jobs=1, progress=False)
    last = report.runs[-1]
    assert last.seed == 12
    code = main(["run", "first-day", "--seed", "12", "--policy", "triage", "--out", str(tmp_path / "r.json")])
    capsys.readouterr()
    assert code == 0
    assert json.loads((tmp_path / "r.json").read_text())["score"] == pytest.approx(last.score)


def test_seeds_past_the_largest_are_refused_before_any_work(capsys):
    code, out, err = run_cli(capsys, "first-day", "--seed", str(2**63 - 2), "--runs", "3")
    assert code == 2 and out == ""
    assert len(err.splitlines()) == 1 and "give a smaller --seed" in err


def test_one_policy(capsys):
    code, out, _ = run_cli(capsys, "first-day", "--runs", "2", "--policy", "triage", "--jobs", "1")
    assert code == 0
    assert "servant" not in out.split("Verdict")[0]


@pytest.mark.parametrize("args, says", [
    (["--runs", "0"], "--runs"),
    (["--jobs", "0"], "--jobs"),
    (["--policy", "heroic"], "unknown policy"),
    (["--runs", "many"], "--runs"),
])
def test_bad_options_are_one_line_and_exit_2(capsys, args, says):
    code, out, err = run_cli(capsys, "first-day", *args)
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and says in err


def test_invalid_scenario_prints_the_validators_messages(capsys, write):
    broken = MINIMAL.replace("rate: 4/h", "rate: 4 per hour").replace("skills: [email]\n", "skills: [mail]\n")
    path = write(broken)
    code, out, err = run_cli(capsys, str(path), "--runs", "1")
    assert code == 2 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) >= 1
    assert all(line.startswith(f"{path}:") for line in lines)


def test_an_unwritable_output_is_refused_before_any_work(capsys, tmp_path):
    code, out, err = run_cli(capsys, "first-day", "--runs", "1", "--out", str(tmp_path / "nowhere" / "x.csv"))
    assert code == 2 and out == "" and "--out" in err
    scenario = tmp_path / "s.yaml"
    scenario.write_text(MINIMAL)
    code, _, err = run_cli(capsys, str(scenario), "--runs", "1", "--out", str(scenario))
    assert code == 2 and "scenario itself" in err
    assert scenario.read_text() == MINIMAL


def test_ctrl_c_stops_the_workers_and_writes_no_csv(tmp_path):
    out = tmp_path / "runs.csv"
    process = subprocess.Popen(
        [sys.executable, "-m", "deskgame", "balance", "standard-monday", "--runs", "2000", "--jobs", "2",
         "--out", str(out)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path, start_new_session=True)
    time.sleep(2.0)
    os.killpg(process.pid, signal.SIGINT)   # as a terminal's Ctrl-C: the whole process group
    try:
        _, err = process.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        pytest.fail("balance did not stop on Ctrl-C")
    assert process.returncode == 1
    assert b"interrupted" in err
    assert list(tmp_path.iterdir()) == []   # neither the CSV nor a temporary file
    for _ in range(50):                     # no worker left behind in its group
        try:
            os.killpg(process.pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        pytest.fail("a worker outlived balance")


@pytest.mark.parametrize("command", [
    ["run", "first-day", "--policy", "triage"],
    ["balance", "first-day", "--runs", "1", "--jobs", "2"],
    ["validate", str(SCENARIOS / "first-day.yaml")],
])
def test_run_validate_and_balance_never_import_pygame_or_matplotlib(command):
    code = ("import sys; from deskgame.cli import main; code = main(sys.argv[1:]); "
            "assert 'pygame' not in sys.modules and 'matplotlib' not in sys.modules, 'imported'; "
            "sys.exit(code)")
    result = subprocess.run([sys.executable, "-c", code, *command], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr


# ------------------------------------------------------------------ the verdict's rules
def result(policy: str, seed: int, score: float, notice: bool = False, out: bool = False) -> RunResult:
    ended = "outsourced" if out else "completed"
    return RunResult(policy, seed, score, ended, (50.0,), (0.9,), (notice,), 55.0)


def test_verdict_rules():
    scenario = load_scenario(SCENARIOS / "standard-monday.yaml")
    load = offered_load(scenario)
    fine = [result("triage", s, 80) for s in range(1, 21)]
    servant_bad = [result("servant", s, 50, notice=s % 2 == 0) for s in range(1, 21)]
    assert judge(tuple(fine + servant_bad), load, scenario).label == "teaches the lesson"
    harsh = [result("triage", s, 80, notice=s <= 3) for s in range(1, 21)]   # 15% on notice
    verdict = judge(tuple(harsh + servant_bad), load, scenario)
    assert verdict.label == "too harsh"
    skill, value = load.most_loaded_skill()  # type: ignore[misc]
    assert verdict.change == (f"{skill} is loaded at {value:.2f}: add a specialist with {skill} "
                              "or lower its rate")
    once = [result("triage", s, 80, notice=s == 1, out=s == 1) for s in range(1, 21)]
    assert judge(tuple(once + servant_bad), load, scenario).label == "too harsh"   # ever outsourced
    servant_close = [result("servant", s, 76) for s in range(1, 21)]
    easy = judge(tuple(fine + servant_close), load, scenario)
    assert easy.label == "too easy" and "fake_emergency" in easy.change


def test_on_notice_prefers_the_sessions_own_flag():
    scenario = load_scenario(SCENARIOS / "first-day.yaml")
    line = scenario.scoring.outsourcing_below
    assert _on_notice({"kpis": {"trust": line - 1}}, scenario)
    assert not _on_notice({"kpis": {"trust": line + 1}}, scenario)
    assert not _on_notice({"kpis": {"trust": line - 1}, "on_notice": False}, scenario)
    assert _on_notice({"kpis": {"trust": line + 1}, "on_notice": True}, scenario)


# ------------------------------------------------------------------ the bundled scenarios
@pytest.mark.parametrize("name", ["first-day", "standard-monday", "byod-after-holidays"])
def test_each_bundled_scenario_passes_its_own_check(name):
    """Issue 10: every bundled scenario teaches the lesson (the tutorial may be too easy)."""
    report = balance(load_scenario(SCENARIOS / f"{name}.yaml"), POLICIES, runs=20, jobs=2, progress=False)
    allowed = {"teaches the lesson", "too easy"} if name == "first-day" else {"teaches the lesson"}
    assert report.verdict.label in allowed, report.verdict


def test_balance_says_whether_the_stated_difficulty_agrees() -> None:
    from deskgame.report.balance import difficulty_note

    assert "agrees" in difficulty_note("easy", "too easy")
    assert "agrees" in difficulty_note("hard", "teaches the lesson")
    disagree = difficulty_note("easy", "teaches the lesson")
    assert "but the verdict is 'teaches the lesson': write difficulty: normal or hard" in disagree
    assert "write difficulty: easy" in difficulty_note("hard", "too easy")
    harsh = difficulty_note("normal", "too harsh")
    assert harsh.startswith("The file says difficulty: normal, but no difficulty fits")
    assert difficulty_note(None, "too harsh").startswith("Whatever the difficulty, no difficulty fits")
    assert difficulty_note(None, "too easy") == ("The file states no difficulty; by this verdict it "
                                                 "would be difficulty: easy.")
    assert difficulty_note("easy", "incomplete") == ""


def test_the_trap_line_counts_paired_first_hours_and_shows_the_size():
    """The servant-trap line compares servant and triage an hour in, seed by seed, with the
    medians; a lead under a point is a coin toss, not a temptation."""
    from deskgame.report.trap import servant_trap

    def run(policy: str, seed: int, first_hour: float) -> RunResult:
        return RunResult(policy=policy, seed=seed, score=50.0, ended="completed", trust=(60.0,),
                         sla_met=(0.9,), on_notice=(False,), trust_first_hour=first_hour)

    tempting = (run("triage", 1, 60.0), run("servant", 1, 62.0), run("triage", 2, 61.0),
                run("servant", 2, 61.5), run("triage", 3, 63.0), run("servant", 3, 62.0))
    assert servant_trap(tempting).endswith("leads triage on trust in 2 of 3 paired runs (median trust 62.0 "
                                           "vs 61.0): serving whoever shouts looks good at first, as the "
                                           "lesson needs.")
    # The facilitator's hospital: 12 of 20 leads, but the medians 61.6 vs 61.4 -- a coin toss.
    toss = tuple(run(p, s, (61.6 if s <= 12 else 61.3) if p == "servant" else 61.4)
                 for p in ("triage", "servant") for s in range(1, 21))
    said = servant_trap(toss)
    assert "ahead of triage on trust in 12 of 20 paired runs (median trust 61.6 vs 61.4): a coin toss" in said
    # Ahead in 16 of 20 by a little (standard-monday's shape on 10 seeds): steady, not a toss.
    steady = tuple(run(p, s, (61.9 if s <= 16 else 61.0) if p == "servant" else 61.4)
                   for p in ("triage", "servant") for s in range(1, 21))
    assert "in 16 of 20 paired runs (median trust 61.9 vs 61.4): a steady but slight lead" in \
        servant_trap(steady)
    assert "looks good at first" not in said
    flat = (run("triage", 1, 62.0), run("servant", 1, 61.0), run("triage", 2, 62.0), run("servant", 2, 61.9))
    said = servant_trap(flat)
    assert "in 0 of 2 paired runs" in said and "let loud callers ring early" in said
    behind = (run("triage", 1, 64.0), run("servant", 1, 60.0))
    assert "does not look good even at first" in servant_trap(behind)
    # Behind in 3 of 4 runs by a little (byod-after-holidays' shape): behind, not a coin toss.
    slightly = tuple(x for s in range(1, 5) for x in (run("triage", s, 60.7),
                                                      run("servant", s, 60.9 if s == 1 else 60.2)))
    said = servant_trap(slightly)
    assert "in 1 of 4 paired runs" in said and "does not look good even at first" in said
    assert "coin toss" not in said
    assert servant_trap((run("triage", 1, 60.0),)) == ""  # no servant runs: nothing to say


def test_the_trap_advice_follows_the_first_hours_calls():
    """'Let loud callers ring early' only when the first hour drew fewer loud calls than BYOD
    ones, or none; otherwise the line points at the loud departments' patience or influence."""
    from deskgame.report.trap import first_hour_calls, servant_trap

    scenario = load_scenario(SCENARIOS / "standard-monday.yaml")
    toss = (RunResult("triage", 1, 50.0, "completed", (60.0,), (0.9,), (False,), 61.4),
            RunResult("servant", 1, 50.0, "completed", (60.0,), (0.9,), (False,), 61.6))
    few = servant_trap(toss, scenario, (2, 5, 20))
    assert "let loud callers ring early" in few and "the first hour drew 2 loud and 5 BYOD calls" in few
    assert "let loud callers ring early" in servant_trap(toss, scenario, (0, 0, 9))
    many = servant_trap(toss, scenario, (30, 4, 60))
    assert "let loud callers ring early" not in many
    assert "the first hour's mix is already right (30 loud against 4 BYOD calls" in many
    # Patience was measured to leave the first-hour lead alone: never advised here.
    assert "patience" not in many
    # 30 loud calls on one seed is far above a flat hour's 3.5: no profile advice; the rate
    # advice prices the load it brings.
    assert "profile" not in many
    before, after = offered_load(scenario).overall, _load_with_loud_rates(scenario, RATE_FACTOR)
    assert after > before
    assert f"raise the loud rates (x{RATE_FACTOR:g}: offered load {before:.2f} -> {after:.2f}" in many
    # About a flat hour's share of loud calls (4 on one seed): a front-loading profile is advised.
    flat = servant_trap(toss, scenario, (4, 1, 30))
    assert ("front-load the loud calls with a profile: the first hour drew 4 loud calls, 1.1 times a "
            "flat hour's share (4)") in flat
    loud, byod, total = first_hour_calls(scenario, range(11, 14))
    assert 0 < loud < total and byod <= total   # standard-monday's loud callers ring from 08:00


def monday_run(policy: str, seed: int, score: float, trust: float, notice: bool = False,
               lowest: str = "Sales") -> RunResult:
    departments = tuple((name, 30.0 if name == lowest else 60.0)
                        for name in ("Sales", "Finance", "Operations", "HR"))
    return RunResult(policy, seed, score, "completed", (trust,), (0.9,), (notice,), 60.0, (departments,))


def test_a_file_that_puts_triage_on_notice_as_often_as_servant_is_too_harsh():
    """hosp-5: triage on notice in 2 runs, servant in none.  Issue 10's rules called it "teaches
    the lesson" with an "inverted" Caution beside it; a facilitator read the label."""
    scenario = load_scenario(SCENARIOS / "standard-monday.yaml")
    load = offered_load(scenario)
    triage = [monday_run("triage", s, 82.2, 55.5, notice=s <= 2) for s in range(1, 21)]
    servant = [monday_run("servant", s, 73.5, 60.6) for s in range(1, 21)]
    verdict = judge(tuple(triage + servant), load, scenario)
    assert verdict.label == "too harsh"
    assert verdict.reason == ("triage, the good team, was put on notice in 2 of 20 runs, servant in 0 of 20: "
                              "this file punishes good play, not servitude")
    skill, value = load.most_loaded_skill()  # type: ignore[misc]
    assert value >= 0.8 and verdict.change.startswith(f"{skill} is loaded at {value:.2f}")  # the load first
    assert "then, if that is not enough, Sales cost trust most in 2 of 2 of triage's runs" in verdict.change
    assert "less influence (now 0.35, 35% of trust)" in verdict.change and "patience" not in verdict.change
    assert "sales-end-runs end_run 2/h" in verdict.change


def test_a_faint_or_inverted_lesson_gets_a_caution_with_what_to_change():
    scenario = load_scenario(SCENARIOS / "standard-monday.yaml")
    load = offered_load(scenario)
    fine = [monday_run("triage", s, 82.0, 60.0) for s in range(1, 21)]
    # Servant ahead on trust at the end of the round, though on notice now and then: inverted.
    ahead = [monday_run("servant", s, 73.5, 64.0, notice=s <= 2) for s in range(1, 21)]
    verdict = judge(tuple(fine + ahead), load, scenario)
    assert verdict.label == "teaches the lesson"
    assert verdict.caution.startswith("Caution: the lesson is inverted here: servant's median trust at "
                                      "the end of round 1 is 64.0, triage's 60.0")
    assert "leads by only 8.5 points (under 10)" in verdict.caution
    # A wide, clean lead: no caution.
    clear = [monday_run("servant", s, 60.0, 45.0, notice=s % 2 == 0) for s in range(1, 21)]
    assert judge(tuple(fine + clear), load, scenario).caution == ""
    # Only a small gap: faint, and no department to blame.
    close = [monday_run("servant", s, 75.0, 50.0, notice=s == 1) for s in range(1, 21)]
    faint = judge(tuple(fine + close), load, scenario).caution
    assert faint.startswith("Caution: the lesson is faint here: triage's median score leads by only 7.0")
    assert "cost trust most" not in faint


def test_a_file_where_nobody_is_ever_on_notice_gets_a_caution():
    """A quiet desk (load 0.30): the score gap passes, but the line never bites."""
    scenario = load_scenario(SCENARIOS / "standard-monday.yaml")
    load = offered_load(scenario)
    fine = [monday_run("triage", s, 90.0, 70.0) for s in range(1, 21)]
    servant = [monday_run("servant", s, 80.0, 66.0) for s in range(1, 21)]
    fifo = [monday_run("fifo", s, 82.0, 67.0) for s in range(1, 21)]
    verdict = judge(tuple(fifo + fine + servant), load, scenario)
    assert verdict.label == "teaches the lesson"
    assert "no team was put on notice in any of the 60 runs" in verdict.caution
    line = scenario.scoring.outsourcing_below
    assert f"raise the line (scoring.outsourcing_below, now {line:g}) towards servant's median trust at " \
           "the end (66)" in verdict.caution


def test_too_harsh_names_the_department_that_cost_trust_most_after_the_load():
    """hosp-4 seed 15: one department with short patience sank; the load was 0.85."""
    scenario = load_scenario(SCENARIOS / "standard-monday.yaml")
    load = offered_load(scenario)
    triage = [monday_run("triage", s, 70.0, 44.0, notice=s <= 4, lowest="Finance" if s == 4 else "HR")
              for s in range(1, 21)]
    servant = [monday_run("servant", s, 60.0, 44.0, notice=True) for s in range(1, 21)]
    verdict = judge(tuple(triage + servant), load, scenario)
    assert verdict.label == "too harsh"
    assert "HR cost trust most in 3 of 4 of triage's runs on notice (median satisfaction 30" in verdict.change
    assert "less influence (now 0.1, 10% of trust)" in verdict.change
    skill, value = load.most_loaded_skill()  # type: ignore[misc]
    assert verdict.change.startswith(f"{skill} is loaded at {value:.2f}")   # the load comes first


def test_a_department_with_no_share_of_trust_is_never_blamed():
    """A facilitator was told to give a department with 0% of trust 'less influence'."""
    from deskgame.report.balance_advice import sinking_department

    scenario = load_scenario(SCENARIOS / "standard-monday.yaml")
    text = scenario.text.replace("influence: 0.1", "influence: 0")
    assert text != scenario.text
    silent = load_scenario_text(text)
    runs = [monday_run("triage", s, 70.0, 44.0, notice=True, lowest="HR") for s in range(1, 5)]
    assert sinking_department(runs, scenario).name == "HR"  # type: ignore[union-attr]
    # HR fell furthest, but it counts for nothing: Operations' small fall (62 to 60) cost trust more.
    assert sinking_department(runs, silent).name == "Operations"  # type: ignore[union-attr]


def test_expected_arrivals_per_round_are_shown(capsys, write):
    """rate: 12/d on an 8-hour round is 4 calls a round: balance says so."""
    text = MINIMAL.replace("rate: 4/h", "rate: 12/d").replace("title: Tiny", "title: Tiny\nrounds: 2")
    code, out, _ = run_cli(capsys, str(write(text)), "--runs", "1", "--jobs", "1")
    assert code == 0
    assert "Expected arrivals per round (8h rounds)" in out
    row = next(line for line in out.splitlines() if "incident-email-0" in line)
    assert row.split("│")[1:-1] == [" incident-email-0 ", " incident ", " 12/d ", "     4.0 ", "     4.0 "]
    assert "incident-email-0 at 12/d brings 4.0 calls per 8h round" in out


def test_a_run_records_each_departments_satisfaction_at_each_rounds_end():
    from deskgame.report.sweep import run_one

    scenario = load_scenario(SCENARIOS / "standard-monday.yaml")
    result = run_one(scenario, "triage", 3)
    assert len(result.satisfaction_end) == len(result.trust)
    assert [name for name, _ in result.satisfaction_end[0]] == [c.name for c in scenario.customers]
    assert all(0 <= value <= 100 for rnd in result.satisfaction_end for _, value in rnd)


def test_work_nobody_at_work_can_do_is_named_not_just_inf(capsys, write):
    """An absence without end takes the only network specialist: the load is infinite, and
    balance says which work waits and what to change rather than only 'inf'."""
    text = MINIMAL.replace(
        "  - {name: Asha, role: desk, skills: [email]}",
        "  - {name: Asha, role: desk, skills: [email]}\n  - {name: Ben, role: desk, skills: [network]}",
    ) + ("  - {id: vpn, kind: incident, service: email, rate: 1/h, effort: {dist: fixed, value: 10m},"
         " skills: [network]}\nevents:\n  - {at: {round: 1, time: \"08:00\"}, kind: absence, agent: Ben}\n")
    # validate (and so balance) now refuses such a file, with the absence's line and what to do
    # (tests/test_validate_review.py); the report's own wording is kept for a scenario built
    # around the validator.
    code, _, err = run_cli(capsys, str(write(text)), "--runs", "2", "--jobs", "1")
    assert code == 2 and "leaves nobody who holds network for the rest of the session" in err
    from dataclasses import replace

    from deskgame.report.balance import render
    from deskgame.scenario.model import Absence, EventTime

    base = load_scenario_text(text.split("events:")[0], "s.yaml")
    scenario = replace(base, events=(Absence(at=EventTime(round=1, time=480.0), agent="Ben"),))
    out = render(balance(scenario, ("triage",), 2, 1, progress=False))
    assert "Some work has nobody left to do it: nobody at work can do vpn (the people who hold those " \
           "skills are absent)" in " ".join(out.split())
    assert "Offered load nobody left to do it" in " ".join(out.split()) and " inf" not in out
    harsh = [result("triage", s, 40, notice=True) for s in range(1, 5)]
    verdict = judge(tuple(harsh), offered_load(scenario), scenario)
    assert verdict.label == "too harsh"
    assert verdict.change == ("nobody at work can do the network work (whoever holds it is absent): add "
                              "someone with network or shorten the absence")


# ------------------------------------------------------------------ levers, measured
def first_hour_lead(text: str, runs: int = 10) -> float:
    """Servant's median trust an hour into round 1 minus triage's, over paired seeds."""
    import statistics

    report = balance(load_scenario_text(text), ("triage", "servant"), runs, 1, progress=False)
    by = {p: statistics.median(r.trust_first_hour for r in report.of(p)) for p in ("triage", "servant")}
    return by["servant"] - by["triage"]


def test_the_advised_trap_levers_move_servants_first_hour_lead():
    """What the trap line advises was measured to move the figure it targets (docs, 'The
    trap'): a front-loading profile where the first hour is flat, and the loud rates; a
    patience change, which is not advised, leaves it where it was at a quiet load."""
    import yaml

    from deskgame.scenario.generator import generate_scenario

    base = yaml.safe_load(generate_scenario(3, 0.7))
    start = base["round"]["start"]
    hour = f"{int(start[:2]) + 1:02d}{start[2:]}"
    loud = [d for d in base["demand"] if d["kind"] in ("end_run", "fake_emergency")]
    assert loud
    names = {c for d in loud for c in d.get("customers", [])}

    def variant(change) -> str:  # type: ignore[no-untyped-def]
        raw = yaml.safe_load(generate_scenario(3, 0.7))
        for d in raw["demand"]:
            if d["kind"] in ("end_run", "fake_emergency"):
                change(d)
        return yaml.safe_dump(raw, sort_keys=False)

    def patience(raw_text: str) -> str:
        raw = yaml.safe_load(raw_text)
        for c in raw["customers"]:
            if c["name"] in names:
                c["patience"] = "5m"
        return yaml.safe_dump(raw, sort_keys=False)

    def rate(d: dict) -> None:
        number, unit = str(d["rate"]).split("/")
        d["rate"] = f"{float(number) * 2.5:g}/{unit}"

    plain = yaml.safe_dump(base, sort_keys=False)
    before = first_hour_lead(plain)
    profiled = first_hour_lead(variant(lambda d: d.__setitem__("profile", {start: 10, hour: 1})))
    raised = first_hour_lead(variant(rate))
    assert profiled > before + 1.0, (before, profiled)
    assert raised > before + 0.5, (before, raised)
    assert abs(first_hour_lead(patience(plain)) - before) < 0.5


# ------------------------------------------------------------------ uncertainty, load, fifo
def test_wilson_interval_is_honest_at_zero_and_matches_known_values():
    from deskgame.report.balance import wilson

    low, high = wilson(0, 20)
    assert low == 0.0 and 0.160 < high < 0.162          # 0 of 20 still allows 16%
    low, high = wilson(17, 200)
    assert 0.053 < low < 0.055 and 0.131 < high < 0.133
    assert wilson(0, 100)[1] < 0.10                     # 100 clean runs do rule the limit out


def test_a_verdict_whose_limit_lies_inside_the_interval_is_too_close_to_call():
    """The facilitator's it7: 1 of 20 'teaches', 3 of 20 'too harsh' - the same file. The
    labels keep their rules; a line says the sample cannot tell, and what to run."""
    scenario = load_scenario(SCENARIOS / "standard-monday.yaml")
    load = offered_load(scenario)
    servant = [result("servant", s, 60, notice=s % 2 == 0) for s in range(1, 21)]
    lucky = judge(tuple([result("triage", s, 84, notice=s == 1) for s in range(1, 21)] + servant), load,
                  scenario)
    assert lucky.label == "teaches the lesson"
    assert lucky.close.startswith("Too close to call: triage was on notice in 1 of 20 runs (5%)")
    assert lucky.close.endswith("so another sample of days may give another verdict: run --runs 100 (or "
                                "more) to tell.")
    assert "95% interval of that share, 1%-24%, holds the 10% limit" in lucky.close
    assert "run --runs 100 (or more)" in lucky.close
    unlucky = judge(tuple([result("triage", s, 84, notice=s <= 3) for s in range(1, 21)] + servant), load,
                    scenario)
    assert unlucky.label == "too harsh" and "Too close to call" in unlucky.close
    # Clear samples: 0 of 100 and 40 of 100 say nothing more; 200 runs suggest four times as many.
    servant100 = [result("servant", s, 60, notice=s % 2 == 0) for s in range(1, 101)]
    clean = judge(tuple([result("triage", s, 84) for s in range(1, 101)] + servant100), load, scenario)
    assert clean.label == "teaches the lesson" and clean.close == ""
    bad = judge(tuple([result("triage", s, 84, notice=s <= 40) for s in range(1, 101)] + servant100), load,
                scenario)
    assert bad.label == "too harsh" and bad.close == ""
    servant200 = [result("servant", s, 60, notice=s % 2 == 0) for s in range(1, 201)]
    near = judge(tuple([result("triage", s, 84, notice=s <= 17) for s in range(1, 201)] + servant200), load,
                 scenario)
    assert "on notice in 17 of 200 runs (8.5%)" in near.close and "--runs 800" in near.close
    # Outsourced even once is 'too harsh' whatever the share: no close call on that.
    once = judge(tuple([result("triage", s, 84, notice=s == 1, out=s == 1) for s in range(1, 101)]
                       + servant100), load, scenario)
    assert once.label == "too harsh" and once.close == ""


def test_a_score_gap_near_the_easy_margin_is_too_close_to_call():
    scenario = load_scenario(SCENARIOS / "standard-monday.yaml")
    load = offered_load(scenario)
    triage = [result("triage", s, 80 + (s * 7) % 11) for s in range(1, 21)]
    near = [result("servant", s, 76 + (s * 5) % 9) for s in range(1, 21)]
    verdict = judge(tuple(triage + near), load, scenario)
    assert verdict.label == "teaches the lesson"      # a 5.5-point lead
    assert ("servant was never on notice and the 95% interval of triage's median score lead, 2.5 to 8.5 "
            "points, holds the 5-point margin of 'too easy'") in verdict.close
    assert verdict.close.count("--runs 100") == 1     # one suggestion for both reasons
    closer = [result("servant", s, 77 + (s * 5) % 9) for s in range(1, 21)]
    easy = judge(tuple(triage + closer), load, scenario)
    assert easy.label == "too easy" and "(in 20 runs: its share may still be up to 16%)" in easy.reason
    assert "5-point margin" in easy.close
    far = [result("servant", s, 50 + (s * 5) % 9) for s in range(1, 21)]
    assert "5-point margin" not in judge(tuple(triage + far), load, scenario).close
    # The same runs give the same interval (fixed resampling seed): byte-identical output.
    assert judge(tuple(triage + near), load, scenario).close == verdict.close


def test_a_load_outside_the_aim_gets_a_note_that_says_how_to_read_the_verdict():
    from dataclasses import replace

    from deskgame.report.balance import Verdict, load_note

    load = offered_load(load_scenario(SCENARIOS / "standard-monday.yaml"))
    teaches = Verdict("teaches the lesson", "", "")
    quiet = load_note(replace(load, overall=0.53), teaches)
    assert quiet.startswith("Load note: offered load 0.53 is below the aim (0.75-0.9): a quiet desk")
    assert "The verdict still holds" in quiet
    assert "a light desk" in load_note(replace(load, overall=0.7), teaches)
    assert "a light desk" in load_note(replace(load, overall=0.5996), teaches)   # printed 0.60
    assert "above the aim" in load_note(replace(load, overall=0.95), Verdict("too harsh", "", ""))
    assert load_note(replace(load, overall=0.8), teaches) == ""


def test_balance_prints_the_load_note_and_the_close_call(capsys, write):
    """A quiet one-person desk: the note and the close-call line reach the printed report."""
    path = write(MINIMAL, "quiet.yaml")
    assert main(["balance", str(path), "--runs", "3", "--jobs", "1"]) == 0
    out = capsys.readouterr().out
    load = offered_load(load_scenario(path)).overall
    assert load < 0.75   # one person, 4 calls of 10 minutes an hour
    said = " ".join(out.split())   # the verdict's lists are wrapped
    assert f"Offered load {load:.2f} is below the aim (0.75-0.9)" in said
    assert "Not yet sure: triage was on notice in 0 of 3 runs" in said   # 3 runs can tell nothing
    assert "Be sure first: run --runs 100 (or more) to tell." in said


def test_fifo_on_notice_about_as_often_as_triage_gets_a_caution():
    """The facilitator's final file over 200 runs: fifo 21, triage 17, servant 91 on notice."""
    scenario = load_scenario(SCENARIOS / "standard-monday.yaml")
    load = offered_load(scenario)
    triage = [monday_run("triage", s, 84.3, 66.0, notice=s <= 17) for s in range(1, 201)]
    servant = [monday_run("servant", s, 63.3, 45.0, notice=s <= 91) for s in range(1, 201)]
    fifo = [monday_run("fifo", s, 67.0, 51.0, notice=s <= 21) for s in range(1, 201)]
    verdict = judge(tuple(fifo + triage + servant), load, scenario)
    assert verdict.label == "teaches the lesson"
    assert ("fifo, the do-nothing bot, was put on notice in 21 of 200 runs, about as often as triage "
            "(17 of 200) or less, so 'good practice pays' is not shown") in verdict.caution
    assert "Sales cost trust most" in verdict.caution
    # fifo clearly worse (it7's first 20 runs: 4 against 1): no such caution.
    triage20 = [monday_run("triage", s, 84.5, 66.0, notice=s == 1) for s in range(1, 21)]
    servant20 = [monday_run("servant", s, 63.6, 45.0, notice=s <= 11) for s in range(1, 21)]
    fifo20 = [monday_run("fifo", s, 67.5, 51.0, notice=s <= 4) for s in range(1, 21)]
    assert "fifo" not in judge(tuple(fifo20 + triage20 + servant20), load, scenario).caution
