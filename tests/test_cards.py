"""Improvement cards: each one's effect on its mechanic, its ramp, culture and decay."""

from __future__ import annotations

import statistics

import pytest

from deskgame.engine.cards import (
    CARDS,
    DECAY_GOVERNED,
    DECAY_UNGOVERNED,
    RIGIDITY,
    culture,
    effects_for,
)
from deskgame.engine.effects import Effects
from deskgame.engine.world import World
from deskgame.policies import make_policy
from deskgame.scenario import load_scenario
from deskgame.scenario.model import IMPROVEMENT_COSTS
from deskgame.session.runner import run_session

from .conftest import SCENARIOS

NEUTRAL = Effects()
HIGH_MORALE = 0.9


def test_the_twelve_cards_with_their_fixed_costs():
    assert {card.id: card.cost for card in CARDS.values()} == IMPROVEMENT_COSTS


@pytest.mark.parametrize(("card", "field", "full"), [
    ("service_catalog", "catalogue", 1.0),
    ("emergency_definition", "emergency_definition", 1.0),
    ("byod_learning", "byod_learning", 0.6),
    ("social_channel", "spread_relief", 0.5),
    ("customer_orientation", "orientation_factor", 1.8),
])
def test_one_round_cards_work_fully_in_their_first_round(card, field, full):
    effects, strengths = effects_for({card: 2}, round_no=2, morale=HIGH_MORALE)
    assert strengths[card] == pytest.approx(1.0)
    assert getattr(effects, field) == pytest.approx(full)
    before, _ = effects_for({card: 2}, round_no=1, morale=HIGH_MORALE)
    assert getattr(before, field) == getattr(NEUTRAL, field)   # nothing before it is adopted


@pytest.mark.parametrize(("card", "field", "full_change"), [
    ("knowledge_base", "knowledge_factor", -0.15),
    ("empowerment", "fcr_shift", 0.12),
    ("problem_management", "incident_cut", 0.15),
    ("self_service", "password_cut", 0.4),
])
def test_slow_cards_ramp_over_two_rounds_then_decay(card, field, full_change):
    base = getattr(NEUTRAL, field)
    first, _ = effects_for({card: 2}, 2, HIGH_MORALE)
    second, _ = effects_for({card: 2}, 3, HIGH_MORALE)
    assert getattr(first, field) - base == pytest.approx(full_change * 0.5)
    # second round: full ramp, one round of ungoverned decay
    assert getattr(second, field) - base == pytest.approx(full_change * (1 - DECAY_UNGOVERNED))


def test_governance_slows_decay():
    adopted = {"service_catalog": 2}
    alone = [effects_for(adopted, r, HIGH_MORALE)[1]["service_catalog"] for r in (2, 3, 4, 5)]
    governed = [effects_for({**adopted, "governance": 2}, r, HIGH_MORALE)[1]["service_catalog"]
                for r in (2, 3, 4, 5)]
    assert alone == pytest.approx([(1 - DECAY_UNGOVERNED) ** k for k in range(4)])
    assert governed == pytest.approx([(1 - DECAY_GOVERNED) ** k for k in range(4)])


def test_governance_without_empowerment_makes_the_desk_rigid():
    rigid, _ = effects_for({"governance": 2}, 2, HIGH_MORALE)
    both, _ = effects_for({"governance": 2, "empowerment": 2}, 2, HIGH_MORALE)
    assert rigid.fcr_shift == pytest.approx(-RIGIDITY)
    assert both.fcr_shift == pytest.approx(0.12 * 0.5)     # empowerment's first (half) round


def test_culture_eats_strategy():
    assert culture(0.0) == pytest.approx(0.5) and culture(0.7) == pytest.approx(1.0)
    low, _ = effects_for({"service_catalog": 2}, 2, morale=0.35)
    assert low.catalogue == pytest.approx(0.75)


def improved_world(cards: list[str]) -> World:
    world = World(load_scenario(SCENARIOS / "standard-monday.yaml"), seed=3)
    world.start_round(1)
    world.advance_to(world.round_end)
    world.command("improve", cards=cards)
    world.start_round(2)
    return world


def test_catalogue_sets_expectations_to_the_published_times():
    plain, published = improved_world([]), improved_world(["service_catalog"])
    ticket = next(iter(plain.tickets.values()))
    assert plain.expectation(ticket) == plain.params.satisfaction.expect_now
    assert published.expectation(published.tickets[ticket.id]) == pytest.approx(
        published.sla_targets[ticket.true_priority] * culture(published.mean_morale())
        + plain.params.satisfaction.expect_now * (1 - culture(published.mean_morale())))


def test_emergency_definition_recognises_fake_emergencies_on_arrival():
    def rung(cards: list[str]) -> int:
        world = improved_world(cards)
        start = len(world.log)
        world.advance_to(world.round_end)
        return sum(1 for e in list(world.log)[start:] if e.kind == "call_ringing"
                   and e.data["kind"] == "fake_emergency")
    assert rung([]) > 0
    assert rung(["emergency_definition"]) < rung([]) * 0.3


def test_recognition_and_workshop_act_at_once():
    plain = improved_world([])
    cheered = improved_world(["recognition"])
    assert cheered.mean_morale() > plain.mean_morale()
    workshop = improved_world(["service_design_workshop"])
    t = workshop.now
    assert workshop.satisfaction.trust(t) > plain.satisfaction.trust(t)


def test_improving_triage_ends_with_more_trust_than_never_improving():
    scenario = load_scenario(SCENARIOS / "standard-monday.yaml")
    seeds = range(1, 7)
    improving = [run_session(scenario, s, make_policy("triage")).rounds[-1]["kpis"]["trust"] for s in seeds]
    frozen = [run_session(scenario, s, make_policy("triage"), improve="none").rounds[-1]["kpis"]["trust"]
              for s in seeds]
    assert statistics.fmean(improving) > statistics.fmean(frozen) + 8   # about two seed spreads


def test_reflection_questions_follow_what_happened():
    from deskgame.report.round_questions import round_facts, round_questions

    def asked(policy: str) -> list[str]:
        played = run_session(scenario, 7, make_policy(policy))
        return round_questions(round_facts(played.world, played.rounds[0]))

    scenario = load_scenario(SCENARIOS / "standard-monday.yaml")
    questions = asked("servant")
    assert 1 <= len(questions) <= 3
    assert any("nobody logged" in q for q in questions)      # servant takes end-runs
    assert not any("nobody logged" in q for q in asked("triage"))


def world_after(cards: list[str], rounds: int = 2, seed: int = 3) -> World:
    """A world whose first round has been played, with ``cards`` adopted, ``rounds`` rounds on."""
    world = World(load_scenario(SCENARIOS / "standard-monday.yaml"), seed=seed)
    for round_no in range(1, rounds):
        world.start_round(round_no)
        world.advance_to(world.round_end)
        world.command("improve", cards=cards if round_no == 1 else [])
    world.start_round(rounds)
    return world


def test_each_card_moves_its_mechanic_in_the_world():
    plain = world_after([])
    params = plain.params
    assert world_after(["knowledge_base"]).effects.knowledge_factor < 1.0
    learned = world_after(["byod_learning"]).effects.unknown_device_factor(params.work.unknown_device_factor)
    assert learned < plain.effects.unknown_device_factor(params.work.unknown_device_factor)
    assert world_after(["social_channel"]).satisfaction.spread_relief > 0.4
    assert world_after(["customer_orientation"]).effects.orientation_factor > 1.5
    assert world_after(["empowerment"]).desk_fcr() > plain.desk_fcr()
    assert world_after(["governance"]).desk_fcr() < plain.desk_fcr()        # rigid without empowerment


def arrived_incidents(cards: list[str]) -> tuple[int, int]:
    """Incidents (and password calls among them) arriving in round 3, summed over five seeds."""
    total = passwords = 0
    for seed in range(1, 6):
        world = world_after(cards, rounds=3, seed=seed)
        world.advance_to(world.round_end)
        round3 = [t for t in world.tickets.values()
                  if t.round == 3 and t.kind == "incident" and t.linked is None]
        total += len(round3)
        passwords += sum(1 for t in round3 if t.impact == "low" and "accounts" in t.skills)
    return total, passwords


def test_problem_management_and_self_service_prevent_calls():
    total, passwords = arrived_incidents([])
    fewer_total, _ = arrived_incidents(["problem_management"])
    _, fewer_passwords = arrived_incidents(["self_service"])
    assert fewer_total < total
    assert fewer_passwords < passwords * 0.85
