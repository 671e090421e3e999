"""The loader: bundled scenarios load; every kind of bad input gets a located, one-line error."""

from __future__ import annotations

import json
import subprocess
import sys

import jsonschema
import pytest
import yaml

from deskgame.scenario import ScenarioError, load_scenario, load_scenario_text
from deskgame.scenario.definition import json_schema
from deskgame.scenario.limits import MAX_FILE_BYTES

from .conftest import BUNDLED, MINIMAL


def problems_of(text: str) -> list[str]:
    with pytest.raises(ScenarioError) as caught:
        load_scenario_text(text, "s.yaml")
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_bundled_scenarios_load_and_match_the_json_schema(path):
    scenario = load_scenario(path)
    assert scenario.team and scenario.demand
    raw = yaml.safe_load(path.read_text())
    jsonschema.validate(raw, json_schema())


def test_minimal_scenario_gets_the_documented_defaults():
    s = load_scenario_text(MINIMAL)
    assert s.rounds == 1 and s.seed == 1 and s.fatigue is True
    assert (s.round.length, s.round.start, s.round.warmup) == (480, 480, 0)
    assert s.sla_targets == {"P1": 15, "P2": 30, "P3": 120, "P4": 480}
    d = s.demand[0]
    assert d.id == "incident-email-0"
    assert d.customers == ("Sales",)
    assert dict(d.impact)["medium"] == 1.0          # the service's impact
    assert dict(d.urgency) == {"low": 0, "medium": 1, "high": 0}
    assert sum(p for _, p in d.channels) == pytest.approx(1)
    assert s.team[0].empathy == 0.7 and s.customers[0].satisfaction == 60
    assert s.improvements.budget == 3 and len(s.improvements.offer) == 12
    assert dict(s.scoring.weights) == {"trust": 0.4, "sla": 0.3, "morale": 0.2, "throughput": 0.1}
    assert s.scoring.outsourcing_below == 45
    assert s.influence() == {"Sales": 1.0}


def test_unquoted_clock_time_is_recovered_from_the_source_text():
    text = MINIMAL.replace("format: deskgame/1", "format: deskgame/1\nround: {start: 10:30}")
    assert load_scenario_text(text).round.start == 630


def test_every_problem_is_reported_with_line_column_and_path():
    text = MINIMAL.replace("role: desk", "role: desc, skils: [x]").replace("rate: 4/h", "rate: 4")
    found = problems_of(text)
    assert any(line.startswith("s.yaml:4:") and "team[0].role" in line and "did you mean 'desk'" in line
               for line in found), found
    assert any("team[0].skils: unknown key 'skils' (did you mean 'skills'?)" in line for line in found)
    assert any(line.startswith("s.yaml:12:11: demand[0].rate:") and "add a unit" in line for line in found)


@pytest.mark.parametrize(("change", "expected"), [
    (("title: Tiny", "title: Tiny\ntitle: Again"), "duplicate key 'title' (first given on line 2)"),
    (("rate: 4/h", "rate: 0/h"), "demand[0].rate: expected a rate above zero"),
    (("mean: 10m", "mean: -10m"), "demand[0].effort.mean: expected a duration"),
    (("skills: [email]\n", "skills: [email]\n    impact: {low: 0.5, high: 0.2}\n"), "sum to 1"),
    (("service: email\n    rate", "service: emial\n    rate"),
     "unknown service 'emial' (did you mean 'email'?)"),
    (("- {name: Sales}", "- {name: Sales}\n  - {name: Sales}"), "'Sales' is used twice"),
    (("role: desk, skills: [email]", "role: desk, skills: [phones]"), "nobody in the team has the skill"),
    (("format: deskgame/1", "format: deskgame/9"), "unsupported format 'deskgame/9'"),
    (("rate: 4/h", "rate: 3000/m"), "limit is 1,000,000"),
    (("title: Tiny", "title: Tiny\nrounds: 2\nevents:\n  - {at: {round: 3, time: '09:00'}, kind: absence, "
      "agent: Asha}"), "round 3 does not exist"),
    (("title: Tiny", "title: Tiny\nevents:\n  - {at: {time: '09:00'}, kind: absence, agent: Bob}"),
     "unknown team member 'Bob'"),
    (("title: Tiny", "title: Tiny\nevents:\n  - {at: {time: '19:00'}, kind: social_storm, duration: 1h}"),
     "outside the round"),
    (("team:\n  - {name: Asha, role: desk, skills: [email]}", "team: []"), "expected at least 1 item"),
    (("effort: {dist: exponential, mean: 10m}", "effort: {dist: uniform, min: 20m, max: 10m}"),
     "min below max"),
    (("kind: incident", "kind: end_run"), "an end_run needs a team member whose known_by"),
])
def test_bad_scenarios_are_refused_with_a_clear_reason(change, expected):
    old, new = change
    assert old in MINIMAL
    found = problems_of(MINIMAL.replace(old, new, 1))
    assert any(expected in line for line in found), found
    assert all(line.startswith("s.yaml:") for line in found)


def test_unsafe_tags_are_rejected_without_running_anything(tmp_path):
    marker = tmp_path / "ran"
    text = MINIMAL + f"briefing: !!python/object/apply:os.system ['touch {marker}']\n"
    found = problems_of(text)
    assert any("tag" in line and "not allowed" in line for line in found)
    assert not marker.exists()


def test_alias_bomb_is_stopped_quickly():
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        prev = chr(ord("a") + i - 1)
        lines.append(f"{chr(ord('a') + i)}: &{chr(ord('a') + i)} [{', '.join(['*' + prev] * 10)}]")
    bomb = "\n".join(lines)
    text = MINIMAL.replace("title: Tiny", "title: Tiny\n" + bomb.replace("a:", "x_a:", 1)).replace(
        "kind: incident", "kind: incident\n    titles: *i")
    found = problems_of(text)  # a billion leaves if expanded; the loader never expands them
    assert 0 < len(found) < 20
    assert any("demand[0].titles[0]: expected" in line for line in found), found


@pytest.mark.parametrize(("content", "expected"), [
    (b"", "the file is empty"),
    (b"# only a comment\n", "the file is empty"),
    (b"\x00\x01\x02binary", "binary file"),
    (b"format: deskgame/1\ntitle: \xff\xfe", "not UTF-8"),
    (b"format: deskgame/1\ntitle: [unclosed\n", "YAML syntax error"),
    (b"- just\n- a list\n", "a scenario is a mapping"),
    (b"[" * 5000 + b"]" * 5000, "nesting"),
])
def test_broken_files(tmp_path, content, expected):
    path = tmp_path / "broken.yaml"
    path.write_bytes(content)
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    assert expected in str(caught.value)
    assert str(caught.value).startswith(str(path))


def test_huge_file_is_refused_before_parsing(tmp_path):
    path = tmp_path / "huge.yaml"
    path.write_text(MINIMAL + "# " + "x" * MAX_FILE_BYTES + "\n")
    with pytest.raises(ScenarioError, match="limited to"):
        load_scenario(path)


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "deskgame", *args], capture_output=True, text=True,
                          timeout=120)


def test_validate_command_exit_codes_and_line_format(write):
    good = write(MINIMAL, "good.yaml")
    bad = write(MINIMAL.replace("rate: 4/h", "rate: 4").replace("role: desk", "role: boss"), "bad.yaml")
    ok = run_cli("validate", str(good))
    assert ok.returncode == 0 and "ok" in ok.stdout
    failed = run_cli("validate", str(good), str(bad))
    assert failed.returncode == 2
    lines = failed.stdout.strip().splitlines()
    assert len(lines) == 3 and lines[0] == f"{good}: ok"   # every file gets its line
    assert all(line.startswith(f"{bad}:") for line in lines[1:])
    assert "Traceback" not in failed.stderr + failed.stdout


def test_schema_command_prints_a_valid_json_schema():
    done = run_cli("schema")
    schema = json.loads(done.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert set(schema["required"]) == {"format", "title", "team", "customers", "services", "demand"}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"format": "deskgame/1", "title": "x", "tema": []}, schema)


def test_scenarios_command_lists_the_bundled_ones():
    done = run_cli("scenarios")
    assert done.returncode == 0
    assert "standard-monday" in done.stdout and "(default)" in done.stdout
    assert "first-day" in done.stdout and "byod-after-holidays" in done.stdout


def test_references_are_checked_even_when_other_fields_are_broken():
    text = (MINIMAL.replace("role: desk, skills: [email]}", "role: desk, skills: [email]}\n"
                            "  - {name: Ben, role: specialist, skills: [email], known_by: [Sails]}")
            .replace("rate: 4/h", "rate: 4"))
    found = problems_of(text)
    assert any("demand[0].rate" in line for line in found)
    assert any("team[1].known_by[0]: unknown customer 'Sails' (did you mean 'Sales'?)" in line
               for line in found), found


def test_a_broken_item_does_not_raise_false_alarms_about_its_names():
    # customers[0] is broken (patience has no unit) but its name still counts for the references
    text = MINIMAL.replace("- {name: Sales}", "- {name: Sales, patience: 30}").replace(
        "kind: incident", "kind: incident\n    customers: [Sales]")
    found = problems_of(text)
    assert len(found) == 1 and "customers[0].patience" in found[0]
