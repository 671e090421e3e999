"""The Will screen and the triage bot read the round the same way (policies/triage.card_evidence).

The evidence was factored out of the bot so the screen can say which problem each card
answers; the bot's choices must not change: these are the cards it chose before.
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
    ("standard-monday", 7): [["service_catalog", "emergency_definition"], ["governance", "byod_learning"]],
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
