"""What each card in force will change on the board, and from when, in the room's words.

Why: "Service catalogue 80%" says nothing a team can watch for; "from 08:00: customers
expect a P3 answer within 98 min, not now" does.  The numbers come from the card's
effects at its strength and the world's own parameters (no pygame here).
"""

from __future__ import annotations

from deskgame.engine.cards import (
    CARDS,
    CULTURE_FLOOR,
    CULTURE_FULL_AT,
    DECAY_GOVERNED,
    DECAY_UNGOVERNED,
    RIGIDITY,
    culture,
    effects_for,
)
from deskgame.engine.world import World
from deskgame.policies.triage import Evidence, card_evidence
from deskgame.scenario.units import format_clock
from deskgame.session.kpis import round_kpis

# The cards whose reason is the round's average first answer, in the words the bot's
# evidence uses, with the figure the results file records (see ``round_evidence``).
WAIT_PROBLEMS = {
    "service_catalog": "customers expected an answer now; the first answer took {wait:.0f} min on average",
    "knowledge_base": "the first answer took {wait:.0f} min on average",
}
# Card texts whose unit the board does not use: morale is a percentage everywhere on screen.
CARD_WORDS = {
    "recognition": "Good work is noticed: every agent's morale rises by up to {amount:.0%} at once.",
}


def card_words(card_id: str) -> str:
    """What a card changes, as Will and its tooltip say it: the card's own words, in the
    units the board shows (the engine's recognition text said "up to 0.1" where the board and
    the Action screen say "10%")."""
    card = CARDS[card_id]
    words = CARD_WORDS.get(card_id)
    return words.format(amount=card.once_amount) if words else card.changes


def round_evidence(world: World) -> dict[str, Evidence]:
    """Why each card would help after the round just played, with the average first answer
    as the results file counts it (``mean_wait_min``: tickets started in the round, after the
    warm-up, not answered "unsupported", not an outage's callers).

    Why: the bot's own reading (``policies.triage.card_evidence``) averages every desk ticket
    that arrived in the round, warm-up, "unsupported" answers and outage callers included, so
    Will and Action said "34 min" where the room's question said "37 minutes" for one round.
    """
    evidence = card_evidence(world)
    wait = round_kpis(world, world.round)["mean_wait_min"]
    for card_id, words in WAIT_PROBLEMS.items():
        if card_id in evidence and evidence[card_id].problem:
            evidence[card_id] = Evidence(evidence[card_id].need, words.format(wait=wait))
    return evidence


def suggested_cards(evidence: dict[str, Evidence], offer: tuple[str, ...],
                    in_force: dict[str, int]) -> list[str]:
    """The cards Will marks with a star: each one answers a problem last round showed.

    Why one rule for the star and its reason: the star came from the bot's shopping list
    (budget and standing needs) and the reason from the evidence, so a card with a reason went
    without a star (BYOD after 16 strangers) and a starred card had no reason ("How to get
    help" after a round with no end-runs).  A star is now exactly "this card has a reason", and
    Action repeats that same reason for the cards picked.
    """
    return [card_id for card_id in CARDS if card_id in offer and card_id not in in_force
            and evidence.get(card_id, Evidence(0.0)).problem]


def _round_culture(world: World) -> float:
    """The morale factor the engine applied to the cards this round (``engine.cards.culture``
    of the team's morale when the round began), read back from the round's effects.

    Why read back: the Action screen before this round said "97% strength" from the morale
    then; today's morale may differ, and "down from 100%" named a figure the room never saw.
    The engine keeps no morale-at-start, but every card's effect is its change times its
    strength, so the factor is the applied effect over the change at full morale.
    """
    raw = effects_for(world.adopted, world.round, 1.0)[1]
    effects = world.effects
    for card_id, full in raw.items():
        card = CARDS[card_id]
        for name, change in card.effects.items():
            shared = any(name in CARDS[other].effects for other in raw if other != card_id)
            if shared or name == "fcr_shift" or full <= 0 or not change:
                continue
            default = 1.0 if name in ("knowledge_factor", "orientation_factor") else 0.0
            factor = (getattr(effects, name) - default) / (change * full)
            return min(1.0, max(CULTURE_FLOOR, factor))
    return culture(world.mean_morale())


def shown_strengths(world: World) -> dict[str, float]:
    """Each card's strength in the round just played, as the Action screen before it said."""
    factor = _round_culture(world)
    return {card_id: s * factor for card_id, s in effects_for(world.adopted, world.round, 1.0)[1].items()
            if world.adopted[card_id] <= world.round}


def _minutes(value: float) -> str:
    """Minutes as people say them: "2 h", "1.5 h", "45 min"."""
    if value >= 60:
        hours = round(value / 60 * 2) / 2
        return f"{hours:g} h"
    return f"{value:.0f} min"


def board_change(card_id: str, strength: float, world: World, adopted_now: bool) -> str:
    """One sentence: from when, and what the team will see differently, for ``card_id``."""
    card = CARDS[card_id]
    start = format_clock(world.scenario.round.start)
    when = f"From {start}"
    full = {name: change * strength for name, change in card.effects.items()}
    targets = world.sla_targets
    if card_id == "service_catalog":
        expected = world.satisfaction.expectation(targets["P3"], strength, False)
        now = world.satisfaction.expectation(targets["P3"], 0.0, False)
        return (f"{when}: customers expect a P3 answer within {_minutes(expected)}, not "
                f"{_minutes(now)} (the published time is {_minutes(targets['P3'])})")
    if card_id == "emergency_definition":
        return f"{when}: {full['emergency_definition']:.0%} of fake emergencies are recognised on arrival"
    if card_id == "knowledge_base":
        return f"{when}: ordinary tickets take {-full['knowledge_factor']:.0%} less work"
    if card_id == "byod_learning":
        base = world.params.work.unknown_device_factor
        slow = 1 + (base - 1) * (1 - full["byod_learning"])
        return f"{when}: a device the desk does not know takes {slow:.1f} times the work, not {base:g}"
    if card_id == "social_channel":
        return f"{when}: the desk answers posts, and {full['spread_relief']:.0%} of their spread is defused"
    if card_id == "customer_orientation":
        return f"{when}: a redirected caller drops the habit of going round the desk " \
               f"{full['orientation_factor']:.0%} faster"
    if card_id == "empowerment":
        before = world.params.work.desk_fcr
        return (f"{when}: the desk can finish {min(1.0, before + full['fcr_shift']):.0%} of incidents "
                f"itself, not {before:.0%}")
    if card_id == "problem_management":
        return f"{when}: {full['incident_cut']:.0%} fewer repeat incidents arrive"
    if card_id == "self_service":
        return f"{when}: {full['password_cut']:.0%} fewer password and account calls arrive"
    if card_id == "governance":
        empowered = "empowerment" in world.adopted
        rigid = "" if empowered else (f"; without empowerment the desk finishes up to "
                                      f"{RIGIDITY * strength:.0%} fewer incidents itself")
        return f"{when}: the other changes fade 5% a round, not 25%{rigid}"
    if card_id == "recognition":
        lift = card.once_amount * culture(world.mean_morale())
        return f"At once: every agent's morale rose by up to {lift:.0%}" if adopted_now else \
            "Its lift to morale came when it was adopted"
    if card_id == "service_design_workshop":
        lift = card.once_amount * culture(world.mean_morale())
        return f"At once: each department gained up to {lift:.0f} points of satisfaction" if adopted_now \
            else "Its lift to satisfaction came when it was adopted"
    return f"{when}: {card.changes}"


def ramp_words(card_id: str, first_round: int, next_round: int, last_round: int | None = None) -> str:
    """How far along a slow card is ("full effect from round 4"), or "".

    Only what this session can keep: a card that would reach full effect after the session's
    last round (``last_round``) says it stays partial here, not "from round 4" of a 3-round game.
    """
    card = CARDS[card_id]
    full_from = first_round + card.ramp_rounds - 1
    if card.ramp_rounds > 1 and next_round < full_from:
        if last_round is not None and full_from > last_round:
            return "growing: it will not reach full effect before this session ends"
        return f"growing: full effect from round {full_from}"
    return ""


def morale_words(morale: float) -> str:
    """", held back by the team's morale (62%)" when morale is under the level where it
    weakens a change, else "" (a team at 94% was told its morale mattered)."""
    if morale >= CULTURE_FULL_AT:
        return ""
    return f", held back by the team's morale ({morale:.0%})"


def strength_words(card_id: str, strength: float, before: float | None, world: World) -> str:
    """Why a card in force works less (or more) next round than this one, or ""."""
    if before is None or abs(strength - before) < 0.02:
        return ""
    if strength > before:
        why = "it is bedding in" if CARDS[card_id].ramp_rounds > 1 else "the team's morale is up"
        return f"up from {before:.0%}: {why}"
    governed = "governance" in world.adopted and card_id != "governance"
    why = "fading slowly under governance" if governed else "fading without governance"
    return f"down from {before:.0%}: {why}{morale_words(world.mean_morale())}"


def answers_sentence(problem: str) -> str:
    """Why a card fits, as one whole sentence (Will and Action both say it this way)."""
    return f"It answers last round's problem: {problem}."


def _share(fraction: float) -> str:
    return {0.5: "half", 0.25: "a quarter"}.get(round(fraction, 2), f"{fraction:.0%}")


def strength_rule(morale: float | None = None) -> str:
    """How a card's strength is made, as ``engine.cards.strength`` makes it, in plain words.

    Why from the engine's numbers: the screen once said "strength grows as a change beds in"
    beside new cards at 100%; only the slow cards ramp, and the room should read the rule
    the game actually plays by.  Why plain: the Action screen's footer is read aloud to a
    room, and "culture eats strategy; decays 25% ungoverned" was jargon to it.
    """
    ramps = sorted({card.ramp_rounds for card in CARDS.values() if card.ramp_rounds > 1})
    slow = f" ({_share(1 / ramps[0])} at first if marked growing)" if ramps else ""
    yours = "" if morale is None else f" (yours: {morale:.0%})"
    return (f"Changes work at full strength from their first round{slow}. With team morale under "
            f"{CULTURE_FULL_AT:.0%}{yours} they work less, at worst {_share(CULTURE_FLOOR)} as well. "
            f"Each round after, they lose {DECAY_UNGOVERNED:.0%} of their strength, or "
            f"{DECAY_GOVERNED:.0%} with governance in force.")
