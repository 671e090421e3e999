"""The Will screen and the triage bot read the round the same way (policies/triage.card_evidence).

The evidence was factored out of the bot so the screen can say which problem each card
answers; these are the cards the bot chooses.  One changed on purpose since: BYOD learning
is no longer wanted once every device of the scenario is known (standard-monday seed 7 bought
it in round 2 with nothing left to learn; it now buys "How to get help").
"""

from __future__ import annotations

import pytest

from deskgame.policies import make_policy
from deskgame.policies.triage import card_evidence, card_needs, suggest_cards
from deskgame.scenario import load_scenario
from deskgame.session.loop import Session
from deskgame.session.runner import run_session

from .conftest import SCENARIOS

BEFORE = {
    ("standard-monday", 7): [["service_catalog", "emergency_definition"],
                             ["governance", "customer_orientation"]],
    ("byod-after-holidays", 3): [["service_catalog", "byod_learning"],
                                 ["governance", "emergency_definition"]],
}


@pytest.mark.parametrize(("name", "seed"), list(BEFORE))
def test_the_bot_picks_the_same_cards_as_before(name, seed):
    scenario = load_scenario(SCENARIOS / f"{name}.yaml")
    outcome = run_session(scenario, seed, make_policy("triage"), keep_log=False)
    chosen = [d["cards"] for d in outcome.world.decisions if d["action"] == "improve"]
    assert chosen == BEFORE[(name, seed)]


def test_the_evidence_names_the_problems_the_round_showed():
    scenario = load_scenario(SCENARIOS / "standard-monday.yaml")
    session = Session(scenario, 7, make_policy("triage"))
    session.start()
    session.advance(session.world.round_end)
    session.finish_round()
    world = session.world
    evidence = card_evidence(world)
    assert card_needs(world) == {card: e.need for card, e in evidence.items()}
    assert evidence["service_catalog"].problem.startswith("customers expected an answer now")
    assert "min on average" in evidence["service_catalog"].problem
    assert evidence["problem_management"].problem == ""  # no problem of this round behind it
    fakes = sum(1 for t in world.tickets.values() if t.demand.startswith("fake_emergency")
                or t.kind == "fake_emergency")
    assert fakes > 0 and evidence["emergency_definition"].problem.startswith(f"{fakes} call")
    imp = scenario.improvements
    assert suggest_cards(world, imp.offer, imp.budget) == ["service_catalog", "emergency_definition"]


def test_byod_learning_is_wanted_only_while_a_device_is_still_unknown():
    """A room bought "BYOD learning culture" after all five devices had been learned in round 1
    (the card only shrinks the first-time slowdown): with nothing left to learn it is neither
    needed nor suggested, and while devices are unknown the reason names them."""
    scenario = load_scenario(SCENARIOS / "byod-after-holidays.yaml")
    session = Session(scenario, 3, make_policy("triage"), keep_log=False)
    session.start()
    world = session.world
    session.advance(world.round_end)
    devices = sorted({d for demand in scenario.demand if demand.kind == "byod" for d in demand.devices or ()})
    unknown = [d for d in devices if d not in world.known_devices]
    evidence = card_evidence(world)["byod_learning"]
    if unknown:
        assert evidence.need > 0 and all(d in evidence.problem for d in unknown)
    world.known_devices.update(devices)  # everything learned
    evidence = card_evidence(world)["byod_learning"]
    assert evidence.need == 0.0 and evidence.problem == ""
    assert "byod_learning" not in suggest_cards(world, tuple(card_needs(world)), 99)
