"""Mistakes a facilitator made writing a scenario from the docs: each gets a line that says
what to write instead (skills nobody holds together, ': ' inside lists and braces, unit words)."""

from __future__ import annotations

import pytest

from deskgame.scenario import ScenarioError, load_scenario_text
from deskgame.scenario.units import duration_meant, rate_meant

from .conftest import MINIMAL

TWO_SKILLS = MINIMAL.replace(
    "  - {name: Asha, role: desk, skills: [email]}",
    "  - {name: Asha, role: desk, skills: [email, roster]}\n"
    "  - {name: Ben, role: specialist, skills: [network]}")


def problems_of(text: str) -> list[str]:
    with pytest.raises(ScenarioError) as caught:
        load_scenario_text(text, "s.yaml")
    return [str(p) for p in caught.value.problems]


def test_a_fix_whose_skills_nobody_holds_together_is_refused():
    """The engine gives an outage's fix to one person holding every skill it names: each
    skill held by someone is not enough (balance printed 'Offered load inf' for this)."""
    events = ("events:\n  - {kind: major_incident, at: {round: 1, time: '10:00'}, service: email,\n"
              "     duration: 1h, surge: 6/h,\n"
              "     fix: {skills: [roster, network], effort: {dist: fixed, value: 30m}}}\n")
    found = problems_of(TWO_SKILLS + events)
    assert len(found) == 1, found
    assert "events[0].fix.skills: nobody in the team has the skills 'roster', 'network' together" in found[0]
    assert "could never be done" in found[0]
    # Held together by one person: the same fix loads.
    fine = TWO_SKILLS.replace("skills: [network]", "skills: [network, roster]") + events
    assert load_scenario_text(fine).events[0].fix.skills == ("roster", "network")


def test_demand_whose_skills_nobody_holds_together_is_refused():
    text = TWO_SKILLS.replace("    skills: [email]\n", "    skills: [email, network]\n")
    found = problems_of(text)
    assert any("demand[0].skills: nobody in the team has the skills 'email', 'network' together" in p
               for p in found), found


@pytest.mark.parametrize("titles", [
    "[Label printer on Ward 3: out of ribbon]",
    "\n      - Label printer on Ward 3: out of ribbon\n      - Scanner",
])
def test_a_title_holding_a_colon_in_a_list_says_to_quote_it(titles):
    quoted = '"Label printer on Ward 3: out of ribbon"'
    text = MINIMAL.replace("    skills: [email]\n", f"    skills: [email]\n    titles: {titles}\n")
    found = problems_of(text)
    assert len(found) == 1, found
    assert "demand[0].titles[0]: expected a title, found a mapping" in found[0]
    assert f"needs quotes, as in {quoted}" in found[0]


def test_a_name_holding_a_colon_inside_braces_says_to_quote_it():
    text = MINIMAL.replace("- {name: Sales}", "- {name: Ward 7: Cardiology, size: 60}")
    found = problems_of(text)
    assert len(found) == 1, found
    assert "did not find expected ',' or '}'" in found[0]
    assert 'needs quotes, as in name: "Ward 7: Cardiology"' in found[0]


def test_other_flow_errors_get_no_quote_hint():
    found = problems_of(MINIMAL.replace("- {name: Sales}", "- {name: Sales]}"))
    assert len(found) == 1 and "needs quotes" not in found[0], found


@pytest.mark.parametrize(("written", "meant"), [
    ("90min", "90m"), ("8 hours", "8h"), ("1.5 hrs", "1.5h"), ("30 sec", "30s"), ("2 days", "2d")])
def test_a_spelled_out_duration_unit_gets_a_did_you_mean(written, meant):
    assert duration_meant(written) == meant
    text = MINIMAL.replace("mean: 10m", f"mean: {written}")
    found = problems_of(text)
    assert len(found) == 1 and f"(did you mean {meant}?)" in found[0], found


@pytest.mark.parametrize(("written", "meant"), [
    ("1.5/hr", "1.5/h"), ("12 per day", "12/d"), ("3 an hour", "3/h"), ("6/hour", "6/h")])
def test_a_spelled_out_rate_unit_gets_a_did_you_mean(written, meant):
    assert rate_meant(written) == meant
    found = problems_of(MINIMAL.replace("rate: 4/h", f"rate: {written}"))
    assert len(found) == 1 and f"(did you mean {meant}?)" in found[0], found


@pytest.mark.parametrize("written", ["5 apples", "2/sec", "90", "fast"])
def test_no_suggestion_when_no_unit_fits(written):
    assert rate_meant(written) is None
    assert duration_meant(written) is None
