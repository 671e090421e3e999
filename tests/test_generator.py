"""The scenario generator and offered load (deskgame.scenario.generator, .workload)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from deskgame.engine.params import DEFAULT_PARAMS
from deskgame.scenario import load_scenario_text
from deskgame.scenario.generator import EVENT_KINDS, generate, generate_scenario
from deskgame.scenario.model import DEMAND_KINDS
from deskgame.scenario.workload import offered_load

ROOT = Path(__file__).resolve().parent.parent
SEEDS = range(1, 41)
WORK = DEFAULT_PARAMS.work


def _load(seed: int) -> float:
    """The fixed sample spreads its targets over 0.45-0.85 like the validity benchmark."""
    return 0.45 + 0.4 * (seed % 9) / 8


@pytest.fixture(scope="module")
def sample():
    return [generate(seed, _load(seed)) for seed in SEEDS]


def test_every_generated_scenario_loads_and_hits_its_load(sample):
    for generated in sample:
        scenario = load_scenario_text(generated.text, f"generated-{generated.spec.seed}.yaml")
        assert abs(offered_load(scenario).overall - generated.spec.target) < 0.01, generated.spec


def test_the_family_covers_the_documented_format(sample):
    kinds = {k for g in sample for k in g.spec.kinds}
    events = {k for g in sample for k in g.spec.events}
    assert kinds == set(DEMAND_KINDS)
    assert events == set(EVENT_KINDS)
    sizes = [g.spec.team_size for g in sample]
    assert min(sizes) <= 4 and max(sizes) >= 16
    assert {g.spec.rounds for g in sample} >= {1, 6}
    assert {g.spec.departments for g in sample} >= {2, 8}


@pytest.mark.parametrize("overrides", [
    {"team_size": 2, "departments": 2, "rounds": 1},
    {"team_size": 20, "departments": 8, "rounds": 6},
    {"team_size": 3, "kinds": list(DEMAND_KINDS), "events": list(EVENT_KINDS)},
])
def test_extremes_load_with_every_kind_asked_for(overrides):
    for seed in range(1, 6):
        generated = generate(seed, 0.8, **overrides)
        scenario = load_scenario_text(generated.text)
        assert len(scenario.team) == overrides["team_size"]
        if "kinds" in overrides:
            assert {d.kind for d in scenario.demand} == set(DEMAND_KINDS)
            assert {e.kind for e in scenario.events} == set(EVENT_KINDS)
        assert abs(generated.spec.offered_load - 0.8) < 0.01


def test_same_seed_same_text_other_seed_other_text():
    assert generate_scenario(7, 0.6) == generate_scenario(7, 0.6)
    assert generate_scenario(7, 0.6) != generate_scenario(8, 0.6)
    # Overriding one part leaves the others alone: the customers stay the same.
    base = load_scenario_text(generate_scenario(7, 0.6))
    other = load_scenario_text(generate_scenario(7, 0.6, team_size=12 if len(base.team) != 12 else 13))
    assert len(other.team) != len(base.team)
    assert other.customers == base.customers


def test_generated_scenarios_are_plausible(sample):
    for generated in sample:
        s = load_scenario_text(generated.text)
        specialists = [a for a in s.team if a.role != "desk"]
        for d in s.demand:
            if d.kind == "end_run":
                callers = [a for a in s.team if set(a.known_by) & set(d.customers)]
                assert any(set(d.skills) <= set(a.skills) and a.role != "desk" for a in callers) or \
                    not specialists
            assert any(set(d.skills) <= set(a.skills) for a in s.team)
        for e in s.events:
            if e.kind == "major_incident" and e.fix is not None:
                assert any(set(e.fix.skills) <= set(a.skills) for a in specialists)
            if e.kind == "absence":
                assert e.duration is not None   # the engine keeps an agent away for good without one


def test_bad_requests_are_refused():
    with pytest.raises(ValueError):
        generate(1, 3.0)
    with pytest.raises(ValueError):
        generate(1, 0.6, team_size=21)
    with pytest.raises(TypeError):
        generate(1, 0.6, colour="blue")


# ------------------------------------------------------------------ offered load by hand
def request(rate: str, skill: str, minutes: int, kind: str = "request") -> str:
    return (f"  - {{kind: {kind}, service: svc, rate: {rate}, skills: [{skill}], "
            f"effort: {{dist: fixed, value: {minutes}m}}}}\n")


def scenario(team: str, demand: str, extra: str = "", rounds: int = 1):  # type: ignore[no-untyped-def]
    return load_scenario_text(f"""\
format: deskgame/1
title: Hand calculation
rounds: {rounds}
team:
{team}
customers:
  - {{name: Sales}}
services:
  - {{id: svc, name: Service}}
demand:
{demand}
{extra}""")


TWO_DESK = "  - {name: A, role: desk, skills: [x]}\n  - {name: B, role: desk, skills: [x]}"


def test_one_skill_two_agents_is_work_over_people():
    s = scenario(TWO_DESK, "  - {kind: incident, service: svc, rate: 6/h, skills: [x],"
                           " effort: {dist: exponential, mean: 10m}}")
    report = offered_load(s)
    # 6/h x 10 min = 60 work-minutes per hour, shared by 2 people: 0.5.
    assert report.overall == pytest.approx(0.5)
    assert report.by_skill == {"x": pytest.approx(0.5)}
    assert report.mean == pytest.approx(0.5)


def test_effort_means_are_the_distributions_means():
    efforts = ["{dist: fixed, value: 10m}", "{dist: uniform, min: 5m, max: 15m}",
               "{dist: triangular, min: 4m, mode: 8m, max: 18m}", "{dist: lognormal, mean: 10m, sd: 4m}"]
    for effort in efforts:
        entry = f"  - {{kind: request, service: svc, rate: 6/h, skills: [x], effort: {effort}}}"
        s = scenario(TWO_DESK, entry)
        assert offered_load(s).overall == pytest.approx(0.5)


def test_shared_skills_count_each_person_once():
    team = "  - {name: A, role: desk, skills: [x]}\n  - {name: B, role: desk, skills: [x, y]}"
    # y (45 min/h) only B can do: 0.75; x (30 min/h) then falls to A alone: 0.5.
    s = scenario(team, request("3/h", "x", 10) + request("3/h", "y", 15))
    report = offered_load(s)
    assert report.overall == pytest.approx(0.75)
    assert report.by_skill == {"x": pytest.approx(0.5), "y": pytest.approx(0.75)}
    assert report.most_loaded_skill() == ("y", pytest.approx(0.75))
    # When x is the heavy one, B helps with it and both end up equally loaded: 105 / 120.
    s = scenario(team, request("9/h", "x", 10) + request("1/h", "y", 15))
    assert offered_load(s).overall == pytest.approx(105 / 120)


def test_escalation_adds_the_hand_over_for_specialists():
    team = "  - {name: A, role: desk, skills: [x]}\n  - {name: S, role: specialist, skills: [x]}"
    report = offered_load(scenario(team, request("6/h", "x", 10, kind="incident")))
    escalated = 6 * (1 - WORK.desk_fcr)   # per hour, handed over to the specialist
    per_hour = sum(st.total for st in report.streams) / 8
    assert per_hour == pytest.approx(60 + escalated * WORK.handover_effort)
    handover = next(st for st in report.streams if st.specialists_only)
    specialist_part = (1 - WORK.escalate_after) * 10 + WORK.handover_effort
    assert handover.total / 8 == pytest.approx(escalated * specialist_part)


def test_byod_first_time_cost_and_surge_logging():
    devices = "  - {kind: byod, service: svc, rate: 2/h, skills: [x], effort: {dist: fixed, value: 20m},"
    s = scenario(TWO_DESK, devices + " devices: [tablet]}")
    # 16 arrivals of one device: the first is almost surely there and costs double.
    extra = (WORK.unknown_device_factor - 1) * 20 * (1 - math.exp(-16))
    assert sum(st.total for st in offered_load(s).streams) == pytest.approx(16 * 20 + extra)
    surge = ("events:\n  - {at: {round: 1, time: \"10:00\"}, kind: major_incident, service: svc,"
             " duration: 1h, surge: 12/h}\n")
    s = scenario(TWO_DESK, devices + " devices: [tablet]}", surge)
    calls = next(st for st in offered_load(s).streams if "calls" in st.label)
    assert calls.total == pytest.approx(12 * WORK.surge_effort)


def test_absence_takes_time_away_in_its_round_only():
    extra = "events:\n  - {at: {round: 2, time: \"08:00\"}, kind: absence, agent: B, duration: 8h}\n"
    s = scenario(TWO_DESK, request("3/h", "x", 10), extra, rounds=2)
    report = offered_load(s)
    assert report.by_round == (pytest.approx(0.25), pytest.approx(0.5))
    assert report.overall == pytest.approx(60 * 8 / (3 * 480))


def test_the_worked_example_in_the_docs_adds_up():
    text = (ROOT / "docs" / "scenarios.md").read_text(encoding="utf-8")
    block = text.split("**Worked example.**", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    s = load_scenario_text("format: deskgame/1\ntitle: Worked example\ncustomers:\n  - {name: Sales}\n"
                           "services:\n  - {id: email, name: Email}\n  - {id: vpn, name: VPN}\n"
                           "  - {id: desktop, name: Desktops}\n" + block)
    report = offered_load(s)
    assert report.overall == pytest.approx(57.75 / 60)
    assert report.mean == pytest.approx(157.65 / 180, abs=1e-3)
    assert report.by_skill["accounts"] == pytest.approx(99.9 / 120, abs=1e-3)
    assert report.by_skill["email"] == pytest.approx(57.75 / 60)
    assert report.most_loaded_skill() == ("network", pytest.approx(57.75 / 60))
