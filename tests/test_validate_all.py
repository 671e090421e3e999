"""``deskgame validate`` shows every problem of a file in one pass.

A facilitator fixes a scenario from one run of ``validate``: a broken entry (an unknown
key, a bad value) must not hide that entry's other problems (an unknown service, a
skill nobody has, a round that does not exist), and reading around broken entries must
raise no false alarms.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
import yaml

from deskgame.scenario import ScenarioError, load_scenario_text

from .conftest import BUNDLED, MINIMAL

SEVERAL = """\
format: deskgame/1
title: Several problems
team:
  - {name: Asha, role: desk, skills: [email], empathy: 3, colour: red}
customers:
  - {name: Sales}
services:
  - {id: email, name: Email}
demand:
  - kind: incident
    service: emial
    rate: 4/h
    effort: {dist: fixed, value: 10m}
    skills: [network]
    customers: [Sales, Finanse]
    titel: oops
  - kind: incidnet
    service: nowhere
    rate: 4/h
    effort: {dist: uniform, min: 20m, max: 10m, avg: 3m}
    skills: [email]
events:
  - at: {round: 2, time: "10:30"}
    kind: major_incident
    service: mail
    duration: 90m
    surge: 20/h
    colour: red
  - at: {round: 1, tim: "10:30"}
    kind: absence
    agent: Bob
    lenght: 1h
  - at: {round: 1, time: "11:00"}
    kind: wave
    duration: 1h
    demand: [incident-emial-0, request-email-1]
    size: 3
  - at: {round: 1, time: "11:00"}
    kind: major_incident
    service: email
    duration: 1h
    surge: 2/h
    fix: {skills: [network], effort: {dist: fixed, value: 0s}, who: Ben}
"""

# (line, field path, words of the message): every problem of SEVERAL, and nothing else.
EXPECTED = [
    (4, "team[0].empathy", "expected a number"),
    (4, "team[0].colour", "unknown key 'colour'"),
    (11, "demand[0].service", "unknown service 'emial'"),
    (14, "demand[0].skills", "nobody in the team has the skill 'network'"),
    (15, "demand[0].customers[1]", "unknown customer 'Finanse'"),
    (16, "demand[0].titel", "unknown key 'titel' (did you mean 'titles'?)"),
    (17, "demand[1].kind", "found 'incidnet' (did you mean 'incident'?)"),
    (18, "demand[1].service", "unknown service 'nowhere'"),
    (20, "demand[1].effort", "a uniform effort needs min below max"),
    (20, "demand[1].effort.avg", "unknown key 'avg'"),
    (23, "events[0].at.round", "round 2 does not exist"),
    (25, "events[0].service", "unknown service 'mail'"),
    (28, "events[0].colour", "unknown key 'colour'"),
    (29, "events[1].at.tim", "unknown key 'tim' (did you mean 'time'? time is required)"),
    (31, "events[1].agent", "unknown team member 'Bob'"),
    (32, "events[1].lenght", "unknown key 'lenght'"),
    (36, "events[2].demand[1]", "unknown demand id 'request-email-1'"),
    (37, "events[2].size", "unknown key 'size'"),
    (43, "events[3].fix.skills", "nobody in the team has the skill 'network'"),
    (43, "events[3].fix.effort.value", "expected a duration above zero"),
    (43, "events[3].fix.who", "unknown key 'who'"),
]


def problems(text: str) -> list:
    with pytest.raises(ScenarioError) as caught:
        load_scenario_text(text, "s.yaml")
    return caught.value.problems


def test_a_broken_entry_still_has_its_other_problems_reported() -> None:
    found = problems(SEVERAL)
    got = sorted((p.line, p.path) for p in found)
    assert got == sorted((line, path) for line, path, _ in EXPECTED), "\n".join(map(str, found))
    for line, path, words in EXPECTED:
        [problem] = [p for p in found if (p.line, p.path) == (line, path)]
        assert words in problem.message, problem


def test_an_item_with_a_broken_kind_or_a_bare_word_shifts_no_default_ids() -> None:
    # demand[1] is a bare word: demand[2]'s default id is still request-email-2, as in the file
    text = MINIMAL + """\
  - just a line
  - kind: request
    service: email
    rate: 1/h
    effort: {dist: fixed, value: 5m}
    skills: [email]
    extra: 1
events:
  - {at: {time: "09:00"}, kind: wave, duration: 1h, demand: [request-email-2, request-email-1]}
"""
    found = problems(text)
    paths = sorted(p.path for p in found)
    assert paths == ["demand[1]", "demand[2].extra", "events[0].demand[1]"], found
    [wave] = [p for p in found if p.path == "events[0].demand[1]"]
    assert "did you mean 'request-email-2'" in wave.message


def _with_unknown_key_everywhere(text: str) -> tuple[str, int]:
    """The scenario with ``zz_note: 1`` added to every entry of every list (and its count)."""
    raw = yaml.safe_load(text)
    count = 0
    for key in ("team", "customers", "services", "demand", "events"):
        for entry in raw.get(key, []):
            entry["zz_note"] = 1
            count += 1
    return yaml.safe_dump(raw, sort_keys=False, allow_unicode=True), count


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_reading_around_broken_entries_raises_no_false_alarm(path) -> None:
    # Every entry of a good scenario broken by one unknown key: the unknown keys are the only
    # problems (the cross-checks of salvaged entries must not invent others).
    text, count = _with_unknown_key_everywhere(path.read_text(encoding="utf-8"))
    found = problems(text)
    assert len(found) == count
    assert all(p.message.startswith("unknown key 'zz_note'") for p in found), found


VALUES = ("empathy", "size", "influence", "patience", "impact", "rate", "effort", "urgency", "duration",
          "surge", "factor", "hit", "amplify", "titles")


def _with_a_bad_value_everywhere(text: str) -> tuple[str, set[str]]:
    """The scenario with one value that refers to nothing (a number, a duration) broken in
    every entry that has one, and the paths of the broken values."""
    raw = yaml.safe_load(text)
    paths = set()
    for key in ("team", "customers", "services", "demand", "events"):
        for i, entry in enumerate(raw.get(key, [])):
            name = next((k for k in VALUES if k in entry), None)
            if name is not None:
                entry[name] = "bad"
                paths.add(f"{key}[{i}].{name}")
    return yaml.safe_dump(raw, sort_keys=False, allow_unicode=True), paths


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_bad_values_everywhere_are_the_only_problems(path) -> None:
    text, paths = _with_a_bad_value_everywhere(path.read_text(encoding="utf-8"))
    found = problems(text)
    assert paths and {p.path for p in found} == paths, "\n".join(map(str, found))
    assert len(found) == len(paths)


def test_the_validate_command_prints_each_problem_once_and_changes_nothing(tmp_path) -> None:
    path = tmp_path / "several.yaml"
    path.write_text(SEVERAL, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "deskgame", "validate", str(path)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    lines = done.stdout.splitlines()
    assert len(lines) == len(EXPECTED) == len(set(lines))
    assert all(line.startswith(f"{path}:") for line in lines)
    # FILE:LINE:COL: field: message, one problem a line
    located = sorted((int(line[len(f"{path}:"):].split(":")[0]), line.split(": ")[1]) for line in lines)
    assert located == sorted((number, field) for number, field, _ in EXPECTED)
    assert f"{len(EXPECTED)} problems in 1 file" in done.stderr
    assert "Traceback" not in done.stderr
    assert path.read_text(encoding="utf-8") == SEVERAL


def test_an_event_of_an_unknown_kind_still_has_its_time_checked() -> None:
    # `at` is the same in every kind of event: fixing the kind must not bring a second round
    text = MINIMAL + 'events:\n  - {at: {round: 1, time: "25:00"}, kind: outage, duration: 1h}\n'
    found = problems(text)
    assert sorted(p.path for p in found) == ["events[0].at.time", "events[0].kind"], found


def test_a_team_member_with_a_broken_field_still_counts_for_the_end_run_check() -> None:
    # Ben's empathy is out of range, but his known_by is readable: nobody knows Finance,
    # so the end_run entry of Finance is still reported, and nothing else is.
    text = MINIMAL.replace("- {name: Sales}", "- {name: Sales}\n  - {name: Finance}").replace(
        "skills: [email]}", "skills: [email]}\n  - {name: Ben, role: specialist, skills: [email], "
        "known_by: [Sales], empathy: 2}", 1) + """\
  - {kind: end_run, service: email, rate: 1/h, effort: {dist: fixed, value: 5m}, skills: [email],
     customers: [Finance]}
"""
    found = problems(text)
    assert sorted(p.path for p in found) == ["demand[1].kind", "team[1].empathy"], found
    assert "an end_run needs a team member whose known_by" in found[0].message + found[1].message
