"""A facilitator review of ``deskgame validate``: numbers written on the wrong scale (a share of 1
as a percent, a 0-100 level as a share of 1) get the number meant.

Each test writes the file a facilitator wrote and asserts the line they get
(``FILE:LINE:COL: field: message``), or that a good file passes.
"""

from __future__ import annotations

import pytest

from deskgame.cli import main

from .conftest import scenario_problems as problems

# One of every number that is a share of 1, a 0-100 level or a multiplier, all written well.
SCALES = """\
format: deskgame/1
title: Scales
rounds: 2
team:
  - {name: Asha, role: desk, skills: [email], empathy: 0.8}
customers:
  - {name: Sales, influence: 0.6, satisfaction: 60}
  - {name: Finance, influence: 0.4}
services:
  - {id: email, name: Email}
demand:
  - id: mail
    kind: incident
    service: email
    rate: 4/h
    effort: {dist: exponential, mean: 10m}
    skills: [email]
    impact: {low: 0.5, medium: 0.5}
    urgency: {low: 0.6, medium: 0.3, high: 0.1}
    channels: {phone: 0.8, email: 0.2}
    profile: {"08:00": 1.5, "12:00": 1}
events:
  - {at: {round: 1, time: "10:00"}, kind: social_storm, duration: 1h, hit: 6, amplify: 2.5}
  - {at: {round: 1, time: "11:00"}, kind: wave, demand: [mail], duration: 1h, factor: 2}
scoring: {weights: {trust: 0.4, sla: 0.3, morale: 0.2, throughput: 0.1}, outsourcing_below: 40}
"""




def with_(old: str, new: str, text: str = SCALES) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def test_the_file_written_on_every_right_scale_passes() -> None:
    assert problems(SCALES) == []


# ---------------------------------------------------------------- 1. a share of 1 written as a percent
SHARE = "expected a number (at least 0 and at most 1), found"


@pytest.mark.parametrize("written, shown", [("30%", "'30%'"), ('"30 %"', "'30 %'"), ("30", "'30'"),
                                            ("30 percent", "'30 percent'")])
def test_a_probability_written_as_a_percent_says_write_0_3(written: str, shown: str) -> None:
    text = with_("medium: 0.3, high: 0.1", f"medium: {written}, high: 0.1")
    assert problems(text) == [f"s.yaml:19:33: demand[0].urgency.medium: {SHARE} {shown}: probabilities are "
                              "shares of 1, write 0.3 for 30%"]


@pytest.mark.parametrize("old, new, line", [
    ("impact: {low: 0.5, medium: 0.5}", "impact: {low: 50%, medium: 0.5}",
     "s.yaml:18:19: demand[0].impact.low: {SHARE} '50%': probabilities are shares of 1, write 0.5 for 50%"),
    ("channels: {phone: 0.8, email: 0.2}", "channels: {phone: 0.8, email: 20}",
     "s.yaml:20:35: demand[0].channels.email: {SHARE} '20': probabilities are shares of 1, "
     "write 0.2 for 20%"),
    ("empathy: 0.8", "empathy: 80%",
     "s.yaml:5:56: team[0].empathy: {SHARE} '80%': empathy is a share of 1, write 0.8 for 80%"),
    ("empathy: 0.8", "empathy: 80",
     "s.yaml:5:56: team[0].empathy: {SHARE} '80': empathy is a share of 1, write 0.8 for 80%"),
    ("trust: 0.4, sla: 0.3", "trust: 0.4, sla: 30%",
     "s.yaml:25:38: scoring.weights.sla: {SHARE} '30%': weights are shares of 1, write 0.3 for 30%"),
])
def test_every_share_of_1_says_which_share_to_write(old: str, new: str, line: str) -> None:
    assert problems(with_(old, new)) == [line.format(SHARE=SHARE)]


def test_a_whole_map_of_percents_gets_the_share_on_each_line() -> None:
    text = with_("{low: 0.6, medium: 0.3, high: 0.1}", "{low: 60, medium: 30, high: 10}")
    assert [line.split(": ", 2)[1:] for line in problems(text)] == [
        ["demand[0].urgency.low", f"{SHARE} '60': probabilities are shares of 1, write 0.6 for 60%"],
        ["demand[0].urgency.medium", f"{SHARE} '30': probabilities are shares of 1, write 0.3 for 30%"],
        ["demand[0].urgency.high", f"{SHARE} '10': probabilities are shares of 1, write 0.1 for 10%"]]


def test_no_share_is_suggested_when_the_number_meant_is_out_of_range_anyway() -> None:
    # 150% would be 1.5, no share of 1; 130 is no percent at all.
    assert problems(with_("empathy: 0.8", "empathy: 150%")) == [
        f"s.yaml:5:56: team[0].empathy: {SHARE} '150%': empathy is a share of 1, write a plain number, "
        "without a percent sign"]
    assert problems(with_("medium: 0.3, high", "medium: 130, high")) == [
        f"s.yaml:19:33: demand[0].urgency.medium: {SHARE} '130'"]


@pytest.mark.parametrize("old, new, line", [
    ("amplify: 2.5", "amplify: 250%", "s.yaml:23:88: events[0].amplify: expected a number (at least 1 and at "
     "most 10), found '250%': amplify is a multiplier, write 2.5 for 250%"),
    ("factor: 2", "factor: 200%", "s.yaml:24:87: events[1].factor: expected a number (above 0 and at most "
     "100), found '200%': factor is a multiplier, write 2 for 200%"),
    ('"08:00": 1.5', '"08:00": 150%', 's.yaml:21:24: demand[0].profile."08:00": expected a number (at '
     "least 0 and at most 1000), found '150%': profile multipliers are plain numbers, write 1.5 for 150%"),
    ("influence: 0.6", "influence: 60%", "s.yaml:7:30: customers[0].influence: expected a number (at least 0 "
     "and at most 1000), found '60%': influence is a weight (only the ratios between customers count), "
     "write 0.6 for 60%"),
])
def test_a_percent_on_a_multiplier_or_a_weight_says_the_number_meant(old: str, new: str, line: str) -> None:
    assert problems(with_(old, new)) == [line]


# ---------------------------------------------------------------- 2. hit and outsourcing_below: 0-100
@pytest.mark.parametrize("old, new, line", [
    ("outsourcing_below: 40", "outsourcing_below: 0.4", "s.yaml:25:93: scoring.outsourcing_below: 0.4 looks "
     "like a share of 1: outsourcing_below is a trust line on the 0-100 scale, write 40"),
    ("outsourcing_below: 40", "outsourcing_below: 40%", "s.yaml:25:93: scoring.outsourcing_below: expected a "
     "number (at least 0 and at most 100), found '40%': outsourcing_below is a trust line on the 0-100 "
     "scale, write just 40"),
    ("hit: 6", "hit: 0.3", "s.yaml:23:76: events[0].hit: 0.3 looks like a share of 1: hit is the "
     "satisfaction points lost at once (0-100 scale, default 5), write 30"),
    ("hit: 6", "hit: 6%", "s.yaml:23:76: events[0].hit: expected a number (at least 0 and at most 100), "
     "found '6%': hit is the satisfaction points lost at once (0-100 scale, default 5), write just 6"),
    ("satisfaction: 60", "satisfaction: 60%", "s.yaml:7:49: customers[0].satisfaction: expected a number "
     "(at least 0 and at most 100), found '60%': satisfaction is on the 0-100 scale, write just 60"),
])
def test_a_0_100_level_written_as_a_share_or_a_percent_says_the_points_to_write(old: str, new: str,
                                                                               line: str) -> None:
    assert problems(with_(old, new)) == [line]


@pytest.mark.parametrize("value", ["0", "1", "45", "100"])
def test_levels_on_the_0_100_scale_pass(value: str) -> None:
    assert problems(with_("outsourcing_below: 40", f"outsourcing_below: {value}")) == []
    assert problems(with_("hit: 6", f"hit: {value}")) == []


def test_the_json_schema_refuses_a_level_written_as_a_share_too() -> None:
    import jsonschema

    from deskgame.scenario.definition import json_schema

    schema = json_schema()
    storm = next(v for v in schema["properties"]["events"]["items"]["oneOf"]
                 if v["properties"]["kind"]["const"] == "social_storm")
    line = schema["properties"]["scoring"]["properties"]["outsourcing_below"]
    for prop in (line, storm["properties"]["hit"]):
        check = jsonschema.Draft202012Validator(prop)
        assert not check.is_valid(0.4)
        assert all(check.is_valid(v) for v in (0, 1, 40, 100))


def test_validate_prints_the_hint_on_one_line_and_exits_2(write, capsys) -> None:
    bad = write(with_("outsourcing_below: 40", "outsourcing_below: 0.4"), "x.yaml")
    assert main(["validate", str(bad)]) == 2
    out, _ = capsys.readouterr()
    assert out.splitlines() == [f"{bad}:25:93: scoring.outsourcing_below: 0.4 looks like a share of 1: "
                                "outsourcing_below is a trust line on the 0-100 scale, write 40"]
    good = write(SCALES, "good.yaml")
    assert main(["validate", str(good)]) == 0
    assert capsys.readouterr().out == f"{good}: ok\n"


@pytest.mark.parametrize("old, new, line", [
    ("urgency: {low: 0.6, medium: 0.3, high: 0.1}", "urgency: 30%",
     "s.yaml:19:14: demand[0].urgency: expected a mapping of low/medium/high to probabilities summing to 1, "
     "found '30%' (a share of 1 for each, as in {low: 0.7, medium: 0.3})"),
    ("impact: {low: 0.5, medium: 0.5}", "impact: high",
     "s.yaml:18:13: demand[0].impact: expected a mapping of low/medium/high to probabilities summing to 1, "
     "found 'high' (write {high: 1} for all high)"),
])
def test_one_value_where_a_map_of_shares_is_expected_shows_the_map(old: str, new: str, line: str) -> None:
    assert problems(with_(old, new)) == [line]
