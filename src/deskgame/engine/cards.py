"""The improvement cards as data: cost and what each changes in ``Effects``.

Costs are fixed by DESIGN.md section 4.  This first version applies a card at full
strength from the next round on; ramps, morale scaling and decay come with the
change cycle.
"""

from __future__ import annotations

from dataclasses import dataclass

from deskgame.engine.effects import Effects
from deskgame.scenario.model import IMPROVEMENT_COSTS, Scenario


@dataclass(frozen=True)
class Card:
    id: str
    cost: int
    title: str
    changes: str


CARDS: dict[str, Card] = {card.id: card for card in (
    Card("service_catalog", IMPROVEMENT_COSTS["service_catalog"], "Service catalogue",
         "Publishes response times per priority: customers expect those, not 'now'."),
    Card("emergency_definition", IMPROVEMENT_COSTS["emergency_definition"], "Define an emergency",
         "Emergencies are judged by business impact: fake ones are classified on arrival."),
    Card("knowledge_base", IMPROVEMENT_COSTS["knowledge_base"], "Knowledge base",
         "Known fixes are written down: ordinary work takes 15% less effort."),
    Card("byod_learning", IMPROVEMENT_COSTS["byod_learning"], "BYOD learning culture",
         "New devices are less of a mystery: the first-time slowdown shrinks by 60%."),
    Card("social_channel", IMPROVEMENT_COSTS["social_channel"], "Social channel",
         "The desk answers public posts: half of their spread is defused."),
    Card("customer_orientation", IMPROVEMENT_COSTS["customer_orientation"], "How to get help",
         "Customers learn how to reach the desk: redirected end-run habits fade faster."),
    Card("empowerment", IMPROVEMENT_COSTS["empowerment"], "Empowerment",
         "The desk may resolve more itself: first-contact capability +12 points."),
    Card("recognition", IMPROVEMENT_COSTS["recognition"], "Recognition",
         "Good work is noticed: every agent's morale rises by 0.1."),
    Card("governance", IMPROVEMENT_COSTS["governance"], "Governance",
         "Process owners and measures keep improvements alive (without empowerment the desk "
         "turns rigid: first-contact capability -8 points)."),
    Card("service_design_workshop", IMPROVEMENT_COSTS["service_design_workshop"],
         "Service design workshop", "Customers help design the service: each department +3 now."),
    Card("problem_management", IMPROVEMENT_COSTS["problem_management"], "Problem management",
         "Root causes are removed: 15% fewer repeat incidents."),
    Card("self_service", IMPROVEMENT_COSTS["self_service"], "Self-service and automation",
         "Password resets and simple account fixes go self-service: 40% fewer such calls."),
)}


def effects_for(cards: set[str]) -> Effects:
    """The standing effects of the cards in force (one-off effects are applied by the world)."""
    return Effects(
        catalogue="service_catalog" in cards,
        emergency_definition="emergency_definition" in cards,
        knowledge_factor=0.85 if "knowledge_base" in cards else 1.0,
        fcr_shift=(0.12 if "empowerment" in cards else 0.0)
        - (0.08 if "governance" in cards and "empowerment" not in cards else 0.0),
        byod_learning=0.6 if "byod_learning" in cards else 0.0,
        spread_relief=0.5 if "social_channel" in cards else 0.0,
        orientation_factor=1.8 if "customer_orientation" in cards else 1.0,
        incident_cut=0.15 if "problem_management" in cards else 0.0,
        password_cut=0.4 if "self_service" in cards else 0.0,
    )


def parse_card_list(text: str) -> list[str]:
    """``"a, b,a"`` -> ``["a", "b"]``: the ``--improve ID,ID`` form, duplicates dropped."""
    return list(dict.fromkeys(card.strip() for card in text.split(",") if card.strip()))


def card_problem(cards: list[str], scenario: Scenario) -> str | None:
    """Why these cards cannot be chosen in this scenario's change cycle, or None."""
    unknown = [card for card in cards if card not in CARDS]
    if unknown:
        return f"unknown improvement {unknown[0]!r}; the cards are: {', '.join(CARDS)}"
    offer = scenario.improvements.offer
    not_offered = [card for card in cards if card not in offer]
    if not_offered:
        return f"{not_offered[0]} is not offered in this scenario"
    cost = sum(CARDS[card].cost for card in dict.fromkeys(cards))
    if cost > scenario.improvements.budget:
        return f"those cards cost {cost} points; the budget is {scenario.improvements.budget}"
    return None
