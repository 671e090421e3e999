"""The improvement cards as data, and how strongly each works in a given round.

Costs are fixed by DESIGN.md section 4.  A card adopted between rounds r and r+1
acts from round r+1 with a strength that
- ramps up over ``ramp_rounds`` rounds (some changes take time to bite),
- scales with the team's morale when the round starts (culture eats strategy),
- decays every round after its first, fast without governance, slowly with it
  (an ungoverned process decays).
``effects`` maps an ``Effects`` field to the change at full strength.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from deskgame.engine.effects import Effects
from deskgame.scenario.model import IMPROVEMENT_COSTS, Scenario

CULTURE_FLOOR = 0.5        # at morale 0 a card works at half strength ...
CULTURE_FULL_AT = 0.7      # ... and at full strength from this morale up
DECAY_UNGOVERNED = 0.25    # strength lost per round without governance
DECAY_GOVERNED = 0.05      # and with governance in force
RIGIDITY = 0.08            # governance without empowerment: desk first-contact capability falls


@dataclass(frozen=True)
class Card:
    id: str
    cost: int
    title: str
    changes: str
    effects: dict[str, float] = field(default_factory=dict)
    ramp_rounds: int = 1
    once: str = ""          # a one-off at adoption: "morale" or "satisfaction"
    once_amount: float = 0.0

    @property
    def takes(self) -> str:
        return "works next round" if self.ramp_rounds == 1 else f"full effect after {self.ramp_rounds} rounds"


CARDS: dict[str, Card] = {card.id: card for card in (
    Card("service_catalog", IMPROVEMENT_COSTS["service_catalog"], "Service catalogue",
         "Publishes response times per priority: customers expect those, not 'now'.",
         {"catalogue": 1.0}),
    Card("emergency_definition", IMPROVEMENT_COSTS["emergency_definition"], "Define an emergency",
         "Emergencies are judged by business impact: fake ones are recognised on arrival.",
         {"emergency_definition": 1.0}),
    Card("knowledge_base", IMPROVEMENT_COSTS["knowledge_base"], "Knowledge base",
         "Known fixes are written down: ordinary work takes up to 15% less effort.",
         {"knowledge_factor": -0.15}, ramp_rounds=2),
    Card("byod_learning", IMPROVEMENT_COSTS["byod_learning"], "BYOD learning culture",
         "New devices are less of a mystery: the first-time slowdown shrinks by up to 60%.",
         {"byod_learning": 0.6}),
    Card("social_channel", IMPROVEMENT_COSTS["social_channel"], "Social channel",
         "The desk answers public posts: up to half of their spread is defused.",
         {"spread_relief": 0.5}),
    Card("customer_orientation", IMPROVEMENT_COSTS["customer_orientation"], "How to get help",
         "Customers learn how to reach the desk: redirected habits fade up to 80% faster.",
         {"orientation_factor": 0.8}),
    Card("empowerment", IMPROVEMENT_COSTS["empowerment"], "Empowerment",
         "The desk may resolve more itself: first-contact capability up to +12 points.",
         {"fcr_shift": 0.12}, ramp_rounds=2),
    Card("recognition", IMPROVEMENT_COSTS["recognition"], "Recognition",
         "Good work is noticed: every agent's morale rises by up to 10% at once.",
         once="morale", once_amount=0.1),
    Card("governance", IMPROVEMENT_COSTS["governance"], "Governance",
         "Owners and measures: changes fade 5% a round, not 25%. Without empowerment, "
         "a rigid desk.", {}),
    Card("service_design_workshop", IMPROVEMENT_COSTS["service_design_workshop"],
         "Service design workshop", "Customers help design the service: each department "
         "gains up to 4 points of satisfaction at once.", once="satisfaction", once_amount=4.0),
    Card("problem_management", IMPROVEMENT_COSTS["problem_management"], "Problem management",
         "Root causes are removed: up to 15% fewer repeat incidents.",
         {"incident_cut": 0.15}, ramp_rounds=2),
    Card("self_service", IMPROVEMENT_COSTS["self_service"], "Self-service and automation",
         "Password resets and simple account fixes go self-service: up to 40% fewer such calls.",
         {"password_cut": 0.4}, ramp_rounds=2),
)}


def culture(morale: float) -> float:
    """How much of a change a team with this morale actually lives."""
    return CULTURE_FLOOR + (1 - CULTURE_FLOOR) * min(1.0, max(0.0, morale) / CULTURE_FULL_AT)


def strength(card: Card, adopted: int, round_no: int, governed_since: int | None, morale: float) -> float:
    """0..1: how strongly ``card`` (adopted before ``adopted``) works in ``round_no``."""
    age = round_no - adopted          # 0 in the first round it acts
    if age < 0:
        return 0.0
    ramp = min(1.0, (age + 1) / card.ramp_rounds)
    kept = 1.0
    for r in range(adopted + 1, round_no + 1):
        governed = governed_since is not None and governed_since <= r and card.id != "governance"
        kept *= 1 - (DECAY_GOVERNED if governed else DECAY_UNGOVERNED)
    return ramp * kept * culture(morale)


def effects_for(adopted: dict[str, int], round_no: int, morale: float) -> tuple[Effects, dict[str, float]]:
    """The standing effects in ``round_no`` of cards adopted (card id -> first round it acts)."""
    governed_since = adopted.get("governance")
    strengths = {card_id: strength(CARDS[card_id], first, round_no, governed_since, morale)
                 for card_id, first in adopted.items()}
    values = {name: getattr(Effects(), name) for name in Effects.__dataclass_fields__}
    for card_id, s in strengths.items():
        for name, change in CARDS[card_id].effects.items():
            values[name] += change * s
    if "governance" in strengths and "empowerment" not in strengths:
        values["fcr_shift"] -= RIGIDITY * strengths["governance"]
    return Effects(**values), strengths


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


def card_title(card_id: str) -> str:
    """The name a room reads ("Service catalogue"), or the id itself for a card this version
    does not know (a results file may come from elsewhere)."""
    card = CARDS.get(card_id)
    return card.title if card is not None else card_id
