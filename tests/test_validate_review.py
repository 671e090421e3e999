"""A facilitator's review of ``deskgame validate`` and the command line, one finding per test.

Each test writes the kind of file (or command) the facilitator wrote from the docs alone
and asserts the exact line they now get: ``FILE:LINE:COL: field: message``, the exit code,
and that nothing was written where nothing should be.
"""

from __future__ import annotations

from deskgame.scenario import ScenarioError, load_scenario_text

from .conftest import MINIMAL

# A desk with one printer specialist (Ravi) and a printing entry only he can work.
PRINTERS = """\
format: deskgame/1
title: Printers
rounds: 2
team:
  - {name: Asha, role: desk, skills: [email]}
  - {name: Ravi, role: specialist, skills: [email, printing]}
customers:
  - {name: Sales}
services:
  - {id: email, name: Email}
  - {id: print, name: Printing}
demand:
  - kind: incident
    service: email
    rate: 4/h
    effort: {dist: exponential, mean: 10m}
    skills: [email]
  - kind: incident
    service: print
    rate: 1/h
    effort: {dist: fixed, value: 20m}
    skills: [printing]
events:
  - {at: {round: 1, time: "10:00"}, kind: absence, agent: Ravi}
"""


def problems(text: str, name: str = "s.yaml") -> list[str]:
    try:
        load_scenario_text(text, name)
    except ScenarioError as error:
        return [str(problem) for problem in error.problems]
    return []


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
                              "satisfaction is 0-100, did you mean 60?"]
    for level in ("0", "1", "60", "100"):
        assert problems(MINIMAL.replace("{name: Sales}", f"{{name: Sales, satisfaction: {level}}}")) == []


def test_the_json_schema_refuses_the_same_shares() -> None:
    import jsonschema

    from deskgame.scenario.definition import json_schema

    satisfaction = json_schema()["properties"]["customers"]["items"]["properties"]["satisfaction"]
    assert not jsonschema.Draft202012Validator(satisfaction).is_valid(0.6)
    assert all(jsonschema.Draft202012Validator(satisfaction).is_valid(v) for v in (0, 1, 60, 100))
