"""``deskgame balance`` ends with one verdict line that everything after it agrees with:
the verdict, then "Why:", then "What to change:" (numbered); equal figures are never a
lead, and no advice asks for what the report has just said is already so."""

from __future__ import annotations

import re

import pytest

from deskgame.cli import main
from deskgame.report.balance import judge
from deskgame.report.balance_advice import caution_parts
from deskgame.report.sweep import RunResult
from deskgame.report.trap import FRONT_LOADED, trap_parts
from deskgame.scenario import load_scenario
from deskgame.scenario.workload import offered_load

from .conftest import MINIMAL, SCENARIOS

OLD_PARAGRAPHS = ("Caution:", "Too close to call", "Load note:", "Change:", "The file says", "The trap:")


def balance_output(capsys, *args: str) -> list[str]:  # type: ignore[no-untyped-def]
    assert main(["balance", *args, "--jobs", "1"]) == 0
    return capsys.readouterr().out.splitlines()


def verdict_part(lines: list[str]) -> tuple[str, list[str], list[str]]:
    """(the verdict line, the Why items, the What-to-change items), each unwrapped."""
    start = next(i for i, line in enumerate(lines) if line.startswith("Verdict:"))
    part = lines[start:]
    why_at, change_at = part.index("Why:"), part.index("What to change:")
    assert 0 < why_at < change_at, part       # the verdict, then why, then what to change
    headline = " ".join(line.strip() for line in part[:why_at])

    def items(block: list[str], marker: str) -> list[str]:
        found: list[str] = []
        for line in block:
            if re.match(marker, line):
                found.append(re.sub(marker, "", line).strip())
            else:
                found[-1] += " " + line.strip()
        return found

    return headline, items(part[why_at + 1:change_at], r"^  - "), items(part[change_at + 1:], r"^  \d+\. ")


def check_agrees(lines: list[str], label: str) -> tuple[str, list[str], list[str]]:
    """What every balance report must hold, whatever the file."""
    assert sum(line.startswith("Verdict:") for line in lines) == 1
    headline, why, changes = verdict_part(lines)
    assert headline.startswith(f"Verdict: {label}: ")
    # The old separate paragraphs are gone: everything after the verdict is in its lists.
    tail = lines[next(i for i, line in enumerate(lines) if line.startswith("Verdict:")):]
    assert not any(line.startswith(OLD_PARAGRAPHS) for line in tail), tail
    unsure = any(item.startswith("Not yet sure:") for item in why)
    assert unsure == ("cannot yet rule out" in headline)
    assert unsure == any(item.startswith("Be sure first: run --runs") for item in changes)
    faint = any(item.startswith(("Faint:", "Inverted:")) for item in why)
    assert faint == ("usable, but" in headline)
    if label == "teaches the lesson" and not faint:
        assert "fit for a workshop" in headline
    if label == "too harsh":
        assert "not fit for a workshop until changed" in headline and changes
    text = " ".join(why + changes)
    assert "too close to call: see above" not in text and "see Change above" not in text
    for item in why + changes:
        medians = re.search(r"median trust (\d+\.\d) vs (\d+\.\d)", item)
        assert not (medians and medians.group(1) == medians.group(2)), item   # equal: "each"
    return headline, why, changes


def test_a_quiet_faint_file_reads_as_one_verdict_then_why_then_what_to_change(capsys, write) -> None:
    """The reviewer's university file had the same shape: passes, faint, too few runs, quiet."""
    lines = balance_output(capsys, str(write(MINIMAL)), "--runs", "3")
    headline, why, changes = check_agrees(lines, "teaches the lesson")
    assert "usable, but the lesson is faint" in headline
    assert "which cannot yet rule out 'too harsh'" in headline
    assert why[0].startswith("Triage's median score")          # the verdict's own reason first
    assert changes[0] == "Be sure first: run --runs 100 (or more) to tell."
    # The load's advice is said once: the Caution's fix already asks for a busier desk.
    assert sum("busier" in change or "rates towards" in change for change in changes) == 1


def test_the_bundled_monday_reads_consistently(capsys) -> None:
    lines = balance_output(capsys, "standard-monday", "--runs", "6")
    headline, why, changes = check_agrees(lines, "teaches the lesson")
    assert any(item.startswith("The trap: an hour into round 1") for item in why)
    assert any("difficulty: normal, which agrees" in item for item in why)


@pytest.mark.parametrize("name", ["first-day", "byod-after-holidays"])
def test_the_other_bundled_files_read_consistently(capsys, name: str) -> None:
    lines = balance_output(capsys, name, "--runs", "4")
    label = next(line for line in lines if line.startswith("Verdict:")).split(":")[1].strip()
    check_agrees(lines, label)


def test_a_too_harsh_file_never_advises_louder_callers(capsys, write) -> None:
    """More loud calls would only sink the good team further."""
    text = MINIMAL.replace("rate: 4/h", "rate: 7/h") + "scoring: {outsourcing_below: 70}\n"
    lines = balance_output(capsys, str(write(text)), "--runs", "3")
    headline, why, changes = check_agrees(lines, "too harsh")
    assert not any("raise the loud rates" in c or "loud callers ring early" in c for c in changes)
    assert any("no difficulty fits" in item for item in why)


def first_hour(policy: str, seed: int, trust: float) -> RunResult:
    return RunResult(policy, seed, 50.0, "completed", (60.0,), (0.9,), (False,), trust)


def test_equal_medians_are_never_a_lead() -> None:
    """standard-monday on 6 seeds: servant ahead in 5 of 6 runs by hundredths, both medians 62.2."""
    runs = tuple(x for s in range(1, 7) for x in (first_hour("triage", s, 62.20),
                                                  first_hour("servant", s, 62.23 if s <= 5 else 61.0)))
    finding, _ = trap_parts(runs)
    assert "median trust 62.2 vs 62.2" not in finding
    assert "the medians are level (62.2 each)" in finding
    assert "lead (" not in finding and "leads triage" not in finding and "slight lead" not in finding


def test_the_trap_never_advises_what_it_just_said_is_so() -> None:
    """The first hour already drew loud calls above BYOD: no 'let loud callers ring early';
    already front-loaded (FRONT_LOADED times a flat hour or more): no profile advice."""
    scenario = load_scenario(SCENARIOS / "standard-monday.yaml")
    toss = (first_hour("triage", 1, 61.4), first_hour("servant", 1, 61.6))
    loud_rate = sum(d.rate for d in scenario.demand if d.kind in ("end_run", "fake_emergency"))
    flat = 60 * loud_rate
    _, advice = trap_parts(toss, scenario, (round(flat * FRONT_LOADED) + 1, 2, 80))
    assert "already right" in advice and "profile" not in advice and "ring early" not in advice
    _, advice = trap_parts(toss, scenario, (round(flat), 2, 80))
    assert "front-load the loud calls with a profile" in advice
    assert "already ring early" not in advice      # the old words that contradicted the advice


def test_a_gap_of_zero_or_less_is_never_called_a_lead() -> None:
    """Servant on notice more often but scoring higher: the lesson passes on notices only."""
    scenario = load_scenario(SCENARIOS / "standard-monday.yaml")
    load = offered_load(scenario)

    def run(policy: str, seed: int, score: float, notice: bool) -> RunResult:
        return RunResult(policy, seed, score, "completed", (60.0,), (0.9,), (notice,), 60.0)

    triage = [run("triage", s, 70.0, False) for s in range(1, 21)]
    servant = [run("servant", s, 72.0, s <= 10) for s in range(1, 21)]
    verdict = judge(tuple(triage + servant), load, scenario)
    assert verdict.label == "teaches the lesson"
    assert "leads" not in verdict.reason and "does not lead servant's 72.0" in verdict.reason
    warned = caution_parts(triage, servant, load, scenario)
    assert warned is not None and warned.kind == "inverted"
    assert not any("leads by only" in found for found in warned.found)


def test_one_shared_load_figure_is_said_once_not_as_a_column(capsys, write) -> None:
    lines = balance_output(capsys, "standard-monday", "--runs", "1", "--policy", "triage")
    header = next(line for line in lines if "skill" in line and "work per hour" in line)
    assert "load" not in header.replace("its people alone", "")
    assert any(line.startswith("Skills overlap, so the whole desk shares its work as one group: load ")
               for line in lines)
    # Two people with skills apart: two groups, so the column is back, named for what it is.
    two = (MINIMAL.replace("skills: [email]}\n", "skills: [email]}\n  - {name: Ben, role: desk, "
                           "skills: [network]}\n", 1)
           .replace("name: Email}\n", "name: Email}\n  - {id: vpn, name: VPN}\n")
           + "  - kind: incident\n    service: vpn\n    rate: 1/h\n"
           "    effort: {dist: fixed, value: 10m}\n    skills: [network]\n")
    lines = balance_output(capsys, str(write(two)), "--runs", "1", "--policy", "triage")
    header = next(line for line in lines if "skill" in line and "work per hour" in line)
    assert "group load" in header
    assert not any(line.startswith("Skills overlap") for line in lines)
