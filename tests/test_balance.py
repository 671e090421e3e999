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
    from deskgame.report.balance import servant_trap

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
    assert "in 12 of 20 paired runs (median trust 61.6 vs 61.4): a coin toss" in said
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
    from deskgame.report.balance import first_hour_calls, servant_trap

    scenario = load_scenario(SCENARIOS / "standard-monday.yaml")
    toss = (RunResult("triage", 1, 50.0, "completed", (60.0,), (0.9,), (False,), 61.4),
            RunResult("servant", 1, 50.0, "completed", (60.0,), (0.9,), (False,), 61.6))
    few = servant_trap(toss, scenario, (2, 5, 20))
    assert "let loud callers ring early" in few and "the first hour drew 2 loud and 5 BYOD calls" in few
    assert "let loud callers ring early" in servant_trap(toss, scenario, (0, 0, 9))
    many = servant_trap(toss, scenario, (30, 4, 60))
    assert "let loud callers ring early" not in many
    assert "Loud callers already ring early (30 loud against 4 BYOD calls" in many
    # Sales 20m is impatient; Finance 45m and Operations 30m wait: those are named.
    assert "wait patiently (Finance 45m, Operations 30m): shorten their patience" in many
    loud, byod, total = first_hour_calls(scenario, range(11, 14))
    assert 0 < loud < total and byod <= total   # standard-monday's loud callers ring from 08:00


def monday_run(policy: str, seed: int, score: float, trust: float, notice: bool = False,
               lowest: str = "Sales") -> RunResult:
    departments = tuple((name, 30.0 if name == lowest else 60.0)
                        for name in ("Sales", "Finance", "Operations", "HR"))
    return RunResult(policy, seed, score, "completed", (trust,), (0.9,), (notice,), 60.0, (departments,))


def test_a_faint_or_inverted_lesson_gets_a_caution_with_what_to_change():
    """hosp-5: the verdict passes, but triage is on notice more than servant and behind on trust."""
    scenario = load_scenario(SCENARIOS / "standard-monday.yaml")
    load = offered_load(scenario)
    triage = [monday_run("triage", s, 82.2, 55.5, notice=s <= 2) for s in range(1, 21)]
    servant = [monday_run("servant", s, 73.5, 60.6) for s in range(1, 21)]
    verdict = judge(tuple(triage + servant), load, scenario)
    assert verdict.label == "teaches the lesson"          # the contract is unchanged
    caution = verdict.caution
    assert caution.startswith("Caution: the lesson is inverted here: triage was put on notice in 2 of 20 "
                              "runs, servant in 0 of 20")
    assert "servant's median trust at the end of round 1 is 60.6, triage's 55.5" in caution
    assert "leads by only 8.7 points (under 10)" in caution
    assert "Sales sank lowest in 2 of 2 of triage's runs on notice" in caution
    assert "more patience (now 20m), less influence (now 0.35, 35% of trust)" in caution
    assert "sales-end-runs end_run 2/h" in caution
    # A wide, clean lead: no caution.
    clear = [monday_run("servant", s, 60.0, 45.0, notice=s % 2 == 0) for s in range(1, 21)]
    fine = [monday_run("triage", s, 82.0, 60.0) for s in range(1, 21)]
    assert judge(tuple(fine + clear), load, scenario).caution == ""
    # Only a small gap: faint, and no department to blame.
    close = [monday_run("servant", s, 75.0, 50.0, notice=s == 1) for s in range(1, 21)]
    faint = judge(tuple(fine + close), load, scenario).caution
    assert faint.startswith("Caution: the lesson is faint here: triage's median score leads by only 7.0")
    assert "sank lowest" not in faint


def test_too_harsh_names_the_department_that_sank_at_moderate_load():
    """hosp-4 seed 15: one department with short patience sank; the load was 0.85."""
    scenario = load_scenario(SCENARIOS / "standard-monday.yaml")
    load = offered_load(scenario)
    triage = [monday_run("triage", s, 70.0, 44.0, notice=s <= 4, lowest="Finance" if s == 4 else "HR")
              for s in range(1, 21)]
    servant = [monday_run("servant", s, 60.0, 44.0, notice=True) for s in range(1, 21)]
    verdict = judge(tuple(triage + servant), load, scenario)
    assert verdict.label == "too harsh"
    assert "HR sank lowest in 3 of 4 of triage's runs on notice (median satisfaction 30" in verdict.change
    assert "more patience (now 1h), less influence (now 0.1, 10% of trust)" in verdict.change
    skill, value = load.most_loaded_skill()  # type: ignore[misc]
    assert f"{skill} is loaded at {value:.2f}" in verdict.change   # the load is still named


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
    code, out, _ = run_cli(capsys, str(write(text)), "--runs", "2", "--jobs", "1")
    assert code == 0
    assert "Offered load inf: nobody at work can do vpn (the people who hold those skills are absent)" in out
    scenario = load_scenario_text(text, "s.yaml")
    harsh = [result("triage", s, 40, notice=True) for s in range(1, 5)]
    verdict = judge(tuple(harsh), offered_load(scenario), scenario)
    assert verdict.label == "too harsh"
    assert verdict.change == ("nobody at work can do the network work (whoever holds it is absent): add "
                              "someone with network or shorten the absence")
