"""A facilitator's review of ``deskgame validate`` and the command line, one finding per test.

Each test writes the kind of file (or command) the facilitator wrote from the docs alone
and asserts the exact line they now get: ``FILE:LINE:COL: field: message``, the exit code,
and that nothing was written where nothing should be.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from deskgame.cli import main
from deskgame.scenario import load_scenario_text

from .conftest import MINIMAL, PRINTERS
from .conftest import scenario_problems as problems


# ---------------------------------------------------------------- 1. an absence that leaves work to nobody
def test_an_absence_for_good_of_the_only_holder_of_a_skill_is_refused_with_what_to_do() -> None:
    assert problems(PRINTERS) == [
        "s.yaml:24:5: events[0].duration: absence of Ravi from round 1, 10:00 leaves nobody who holds "
        "printing for the rest of the session (demand[1] needs it): give the absence a duration or give "
        "printing to someone else"]


def test_a_duration_past_the_session_end_is_the_same_and_one_that_ends_in_time_is_fine() -> None:
    long = PRINTERS.replace("agent: Ravi}", "agent: Ravi, duration: 2d}")
    assert problems(long) == [
        "s.yaml:24:75: events[0].duration: absence of Ravi from round 1, 10:00 leaves nobody who holds "
        "printing for the rest of the session (demand[1] needs it): end the absence before the session "
        "does or give printing to someone else"]
    assert problems(PRINTERS.replace("agent: Ravi}", "agent: Ravi, duration: 4h}")) == []


def test_the_absence_is_fine_when_someone_else_holds_the_skill_or_nobody_needs_it() -> None:
    shared = PRINTERS.replace("{name: Asha, role: desk, skills: [email]}",
                              "{name: Asha, role: desk, skills: [email, printing]}")
    assert problems(shared) == []
    no_printing = PRINTERS.replace("skills: [printing]", "skills: [email]")
    assert problems(no_printing) == []


def test_the_last_of_two_holders_to_leave_is_the_one_named() -> None:
    both = PRINTERS.replace("{name: Asha, role: desk, skills: [email]}",
                            "{name: Asha, role: desk, skills: [email, printing]}\n"
                            "  - {name: Lee, role: desk, skills: [email]}") \
        + '  - {at: {round: 2, time: "09:00"}, kind: absence, agent: Asha}\n'
    assert problems(both) == [
        "s.yaml:26:5: events[1].duration: absence of Asha from round 2, 09:00 (with Ravi away for good too) "
        "leaves nobody who holds printing for the rest of the session (demand[1] needs it): give the "
        "absence a duration or give printing to someone else"]


def test_an_outage_fix_after_its_only_specialist_has_left_is_refused_and_one_before_is_not() -> None:
    fix = PRINTERS.replace("skills: [printing]", "skills: [email]") + (
        '  - {at: {round: 2, time: "11:00"}, kind: major_incident, service: print, duration: 2h, '
        "surge: 6/h, fix: {skills: [printing], effort: {dist: fixed, value: 30m}}}\n")
    assert problems(fix) == [
        "s.yaml:24:5: events[0].duration: absence of Ravi from round 1, 10:00 leaves nobody who holds "
        "printing for the rest of the session (events[1].fix needs it): give the absence a duration or "
        "give printing to someone else"]
    assert problems(fix.replace('round: 2, time: "11:00"', 'round: 1, time: "09:00"')) == []


def test_a_round_with_nobody_for_some_work_is_worded_not_printed_as_inf() -> None:
    from deskgame.scenario.workload import describe_load, offered_load

    # Away for the whole of round 2 (and back for round 3): a fair file, whose round 2 has
    # printing work and nobody to do it.
    away = PRINTERS.replace("rounds: 2", "rounds: 3").replace(
        '{at: {round: 1, time: "10:00"}, kind: absence, agent: Ravi}',
        '{at: {round: 2, time: "08:00"}, kind: absence, agent: Ravi, duration: 8h}')
    load = offered_load(load_scenario_text(away, "s.yaml"))
    assert [describe_load(v) for v in load.by_round] == [f"{load.by_round[0]:.2f}", "nobody left to do it",
                                                      f"{load.by_round[2]:.2f}"]


# ---------------------------------------------------------------- 2. satisfaction as a share of 1
def test_a_satisfaction_written_as_a_share_of_one_is_refused_with_the_number_meant() -> None:
    text = MINIMAL.replace("{name: Sales}", "{name: Sales, satisfaction: 0.6}")
    assert problems(text) == ["s.yaml:6:33: customers[0].satisfaction: 0.6 looks like a share of 1: "
                              "satisfaction is on the 0-100 scale, write 60"]
    for level in ("0", "1", "60", "100"):
        assert problems(MINIMAL.replace("{name: Sales}", f"{{name: Sales, satisfaction: {level}}}")) == []


def test_the_json_schema_refuses_the_same_shares() -> None:
    import jsonschema

    from deskgame.scenario.definition import json_schema

    satisfaction = json_schema()["properties"]["customers"]["items"]["properties"]["satisfaction"]
    assert not jsonschema.Draft202012Validator(satisfaction).is_valid(0.6)
    assert all(jsonschema.Draft202012Validator(satisfaction).is_valid(v) for v in (0, 1, 60, 100))


# ---------------------------------------------------------------- 3. YAML structure and placeholders
BYOD = MINIMAL.replace("""    skills: [email]
""", """    skills: [email]
  - kind: byod
    service: email
    rate: 1/h
    effort: {dist: fixed, value: 20m}
    skills: [email]
    titles: ["My {device} will not connect"]
""", 1)


def test_a_misindented_key_says_which_columns_disagree() -> None:
    text = MINIMAL.replace("    skills: [email]\n", "      skills: [email]\n")
    assert problems(text) == [
        "s.yaml:14:7: YAML syntax error: while parsing a block mapping did not find expected key; line 14 "
        "starts in column 7, the line above it in column 5: keys of one mapping, and the '- ' of one list, "
        "start in the same column; a text that starts with { must be in quotes"]
    # Under a plain text, YAML reads the key as more of that text: said so, not "needs quotes".
    text = MINIMAL.replace("    rate: 4/h", "      rate: 4/h")
    assert problems(text) == [
        "s.yaml:12:11: YAML syntax error: mapping values are not allowed in this context; line 12 starts in "
        "column 7, the line above it in column 5, so YAML reads it as more of the text above: keys of one "
        "mapping start in the same column"]


def test_a_key_that_falls_out_of_its_list_entry_says_the_same() -> None:
    text = MINIMAL.replace("    service: email\n    rate", "  service: email\n    rate")
    assert problems(text) == [
        "s.yaml:11:3: YAML syntax error: while parsing a block collection did not find expected '-' "
        "indicator; line 11 starts in column 3, the line above it in column 5: keys of one mapping, and "
        "the '- ' of one list, start in the same column; a text that starts with { must be in quotes"]


def test_a_title_that_starts_with_a_brace_is_shown_quoted() -> None:
    text = BYOD.replace('    titles: ["My {device} will not connect"]\n',
                        "    titles:\n      - {device} will not connect\n")
    assert problems(text) == [
        "s.yaml:21:18: YAML syntax error: while parsing a block collection did not find expected '-' "
        'indicator; a text that starts with { must be in quotes: - "{device} will not connect"']


def test_a_brace_inside_square_brackets_is_shown_quoted() -> None:
    text = BYOD.replace('titles: ["My {device} will not connect"]', "titles: [My {device} will not connect]")
    assert problems(text) == [
        "s.yaml:20:17: YAML syntax error: while parsing a flow sequence did not find expected ',' or ']'; "
        'inside [...] a text that holds { or } must be in quotes, as in ["My {device} will not connect"]']


def test_a_scenario_cut_short_says_it_ends_early() -> None:
    text = MINIMAL + 'events:\n  - {at: {time: "10:00"}, kind:'
    assert problems(text) == [
        "s.yaml:17:1: YAML syntax error: while parsing a flow node did not find expected node content; the "
        "file ends early (cut short?), or a { or [ is never closed"]


def test_a_forgotten_dash_between_two_entries_is_one_line_not_one_per_key() -> None:
    text = MINIMAL + """    kind: request
    service: email
    rate: 1/h
    effort: {dist: fixed, value: 5m}
    skills: [email]
"""
    assert problems(text) == [
        's.yaml:15:5: demand[0]: the keys kind, service, rate, effort, skills are each given twice (first on '
        'lines 10-14): two entries run together. Each entry of a list starts with "- "; is one missing on '
        "line 15 or just above it?"]
    # One key given twice is a plain duplicate, said as before.
    assert problems(MINIMAL.replace("    rate: 4/h\n", "    rate: 4/h\n    rate: 5/h\n")) == [
        "s.yaml:13:5: demand[0].rate: duplicate key 'rate' (first given on line 12)"]


@pytest.mark.parametrize("title, expected", [
    ("My {Device} will not connect", "unknown placeholder '{Device}' (did you mean '{device}'?): only "
     "{device} is filled in, and only in the titles of a byod entry (with the caller's device); anything "
     "else in braces shows as written"),
    ("My {devices} are slow", "unknown placeholder '{devices}' (did you mean '{device}'?): only {device} "
     "is filled in, and only in the titles of a byod entry (with the caller's device); anything else in "
     "braces shows as written"),
])
def test_an_unknown_placeholder_in_a_byod_title_is_refused(title: str, expected: str) -> None:
    assert problems(BYOD.replace("My {device} will not connect", title)) == [
        f"s.yaml:20:14: demand[1].titles[0]: {expected}"]


def test_device_outside_a_byod_entry_is_refused_with_where_it_works() -> None:
    text = MINIMAL + '    titles: ["My {device} shows an error"]\n'
    assert problems(text) == [
        "s.yaml:15:14: demand[0].titles[0]: only {device} is filled in, and only in the titles of a byod "
        "entry (with the caller's device); in this incident entry it would show as written: write the "
        "words out, or make it kind: byod"]
    outage = MINIMAL + ('events:\n  - {at: {time: "10:00"}, kind: major_incident, service: email, '
                        'duration: 1h, surge: 6/h, title: "Mail down on my {device}"}\n')
    assert problems(outage) == [
        "s.yaml:16:98: events[0].title: only {device} is filled in, and only in the titles of a byod entry "
        "(with the caller's device); in a major incident's title it would show as written: write the "
        "words out"]
    assert problems(BYOD) == []


# ---------------------------------------------------------------- 4. validate's rough edges
def test_a_duration_in_two_units_gets_the_one_unit_it_means() -> None:
    text = MINIMAL + ('events:\n  - {at: {time: "10:00"}, kind: major_incident, service: email, '
                      "duration: 1h30m, surge: 6/h}\n")
    assert problems(text) == [
        "s.yaml:16:75: events[0].duration: expected a duration such as 90s, 15m, 1.5h or 2d, found '1h30m' "
        "(write 90m: one unit per duration)"]


def test_the_list_of_services_comes_in_the_files_order() -> None:
    text = MINIMAL.replace("  - {id: email, name: Email}\n", "".join(
        f"  - {{id: {sid}, name: {sid.title()}}}\n" for sid in ("wifi", "vle", "email", "accounts", "kit")))
    text = text.replace("    service: email", "    service: moodle")
    assert problems(text) == [
        "s.yaml:15:14: demand[0].service: unknown service 'moodle'; services: wifi, vle, email, accounts, "
        "kit"]


def test_validate_prints_ok_or_the_problems_for_every_file_in_order(write, capsys) -> None:
    good = write(MINIMAL, "a.yaml")
    bad = write(MINIMAL.replace("rate: 4/h", "rate: 4"), "bad.yaml")
    other = write(MINIMAL, "c.yaml")
    assert main(["validate", str(good), str(bad), str(other)]) == 2
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        f"{good}: ok",
        f"{bad}:12:11: demand[0].rate: expected a rate such as 6/h, 2.5/h or 30/d, found '4' (add a unit: "
        "/h or /d)",
        f"{other}: ok"]
    assert err == "1 problem in 1 file\n"
    assert main(["validate", str(good), str(other)]) == 0
    assert capsys.readouterr().out.splitlines() == [f"{good}: ok", f"{other}: ok"]


def test_validate_on_a_results_file_says_what_it_is_and_which_commands_read_it(write, capsys) -> None:
    results = write('{"format": "deskgame-results/1", "scenario": {}}', "results.json")
    assert main(["validate", str(results)]) == 2
    assert capsys.readouterr().out == (
        f"{results}:1:12: format: this is a results file (written by run --out or play --out, or a save), "
        "not a scenario: 'deskgame replay FILE' re-runs it and 'deskgame debrief FILE' reports on it\n")


# ---------------------------------------------------------------- 5. limits
@pytest.mark.parametrize("flag, value", [("--runs", "-3"), ("--runs", "0"), ("--jobs", "0"),
                                         ("--jobs", "-1")])
def test_runs_and_jobs_below_one_get_one_message_with_the_true_minimum(tmp_path, capsys, flag, value) -> None:
    out = tmp_path / "runs.csv"
    assert main(["balance", "standard-monday", flag, value, "--out", str(out)]) == 2
    said = f"deskgame balance: argument {flag}: expected 1 or more, found {value}\n"
    assert capsys.readouterr().err == said
    assert not out.exists()


# ---------------------------------------------------------------- 6. the command line and the docs
ROOT = Path(__file__).resolve().parent.parent


def test_the_run_table_fits_an_80_column_terminal(capsys) -> None:
    assert main(["run", "standard-monday", "--seed", "7"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert max(len(line) for line in lines) <= 80
    header = next(i for i, line in enumerate(lines) if "round" in line and "trust" in line)
    for word in ("CSAT", "FCR", "morale", "resolved", "score", "status"):
        assert word in lines[header]
    for word in ("SLA", "wait", "hidden"):        # two-line headings: the word above, its unit below
        assert word in lines[header - 1]
    # "backlog" is hyphenated over two lines (right-aligned), so "on notice" keeps one line.
    end = lines[header].index(" log ") + 4
    assert lines[header - 1][end - 5:end] == "back-"
    assert lines[header + 2].split()[0] == "1" and lines[header + 2].split()[-1] in ("ok", "on notice")


def test_a_team_without_a_name_is_labelled_by_its_file_as_run_help_says(tmp_path, capsys) -> None:
    from deskgame.cli import build_parser
    from deskgame.report.sessions import load_session

    red = tmp_path / "red.json"
    assert main(["run", "first-day", "--policy", "servant", "--out", str(red)]) == 0
    capsys.readouterr()
    assert load_session(red).name == "red"
    run_help = build_parser()._subparsers._group_actions[0].choices["run"].format_help()  # type: ignore[union-attr]
    assert "names the team by the file's name, red.json -> red" in " ".join(run_help.split())


def test_a_results_file_cut_short_says_so_where_it_ends(tmp_path, capsys) -> None:
    whole = tmp_path / "whole.json"
    assert main(["run", "first-day", "--out", str(whole)]) == 0
    capsys.readouterr()
    text = whole.read_text(encoding="utf-8")
    for keep in (200, len(text) - 3):
        cut = tmp_path / "cut.json"
        cut.write_text(text[:keep], encoding="utf-8")
        report = tmp_path / "debrief.html"
        line = text[:keep].count("\n") + 1
        column = keep - text[:keep].rfind("\n")
        said = (f"{cut}:{line}:{column}: the file ends early (cut short?), so it is not valid JSON: a "
                "results file written by deskgame ends with '}'; copy the whole file again\n")
        assert main(["debrief", str(cut), "--out", str(report)]) == 2
        assert capsys.readouterr().err == f"deskgame debrief: {said}"
        assert not report.exists()
        assert main(["replay", str(cut)]) == 2
        assert capsys.readouterr().err == f"deskgame replay: {said}"
    # A file that is broken but not cut short keeps the decoder's own reason.
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "deskgame-results/1", x}', encoding="utf-8")
    assert main(["replay", str(broken)]) == 2
    assert capsys.readouterr().err == (
        f"deskgame replay: {broken}:1:34: not valid JSON (Expecting property name enclosed in double "
        "quotes); expected a results file written by deskgame\n")


def test_the_readme_seed_range_is_the_default_number_of_runs() -> None:
    from deskgame.cli import build_parser

    balance = build_parser()._subparsers._group_actions[0].choices["balance"]  # type: ignore[union-attr]
    runs = next(action.default for action in balance._actions if action.dest == "runs")
    assert f"seeds 100..{100 + runs - 1}" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_docs_wave_example_is_what_balance_counts() -> None:
    from deskgame.scenario.workload import expected_arrivals

    text = MINIMAL.replace("rate: 4/h", "rate: 4/h\n    id: mail") + """\
  - {id: phones, kind: byod, service: email, rate: 2/h, effort: {dist: fixed, value: 10m}, skills: [email],
     profile: {"08:30": 2, "11:00": 1, "14:00": 0.5}}
round: {length: 8h, start: "08:30"}
events:
  - {at: {time: "09:00"}, kind: wave, demand: [phones], duration: 2h, factor: 2}
"""
    scenario = load_scenario_text(text, "s.yaml")
    assert round(expected_arrivals(scenario, scenario.demand[1], 1), 1) == 22.9
    docs = (ROOT / "docs" / "scenarios.md").read_text(encoding="utf-8")
    assert "≈ 22.9` arrivals, not 20" in docs
    assert "Three things that trip people up" not in docs
