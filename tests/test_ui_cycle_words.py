"""The change cycle's words say what the game does: played by keys, read from what is drawn.

Found by a newcomer: the Action footer said strength "grows as a change beds in" beside new
cards at 100%; Will's heading "Suggested: it answers" broke its sentence in two.
"""

from __future__ import annotations

import pygame
import pytest

from deskgame.engine.cards import CARDS, DECAY_GOVERNED, DECAY_UNGOVERNED, strength
from deskgame.scenario import load_scenario
from deskgame.ui import help_texts, text
from deskgame.ui.app import App, SaveOptions
from deskgame.ui.debrief_action import strength_rule
from deskgame.ui.scenes.cycle import ActionScene, WillScene

from .conftest import SCENARIOS
from .test_ui_debrief import drawn, key, play_round


@pytest.fixture(scope="module")
def at_will():  # type: ignore[no-untyped-def]
    """standard-monday, one round played by keys, then Will."""
    app = App(load_scenario(SCENARIOS / "standard-monday.yaml"), seed=7, saves=SaveOptions(enabled=False))
    app.start_play()
    play_round(app)
    key(app, pygame.K_RETURN)
    assert isinstance(app.scenes.top, WillScene)
    yield app
    app.close()


def test_will_says_why_a_card_is_suggested_in_one_whole_sentence(at_will):
    app = at_will
    will = app.scenes.top
    ids = list(CARDS)
    assert will.suggested, "round 1 of this seed leaves problems to answer"
    while ids[will.cursor] not in will.suggested:
        key(app, pygame.K_DOWN)
    panel = [d for d in drawn(app) if will.DETAIL.contains(d.rect)]
    words = [d.text for d in panel]
    assert "Suggested" in words  # the label on a line of its own
    assert not any(w.rstrip().endswith(("it answers", "It answers")) for w in words)  # no broken heading
    first = next(i for i, w in enumerate(words) if w.startswith("It answers last round's problem:"))
    sentence = " ".join(words[first:])
    assert sentence.endswith(".") and will.evidence[ids[will.cursor]].problem in sentence


def test_the_action_footer_tells_the_strength_rule_the_engine_plays_by(at_will):
    app = at_will
    will = app.scenes.top
    for _ in range(len(CARDS)):  # pick what is suggested and affordable, as a table would
        card_id = list(CARDS)[will.cursor]
        if card_id in will.suggested and not will.why_not(card_id):
            key(app, pygame.K_SPACE)
        key(app, pygame.K_DOWN)
    key(app, pygame.K_RETURN)
    assert isinstance(app.scenes.top, ActionScene)
    said = " ".join(d.text for d in drawn(app))
    assert "beds in" not in said and "grows as a change" not in said
    assert "full strength from their first round" in said
    assert f"lose {DECAY_UNGOVERNED:.0%} of their strength, or {DECAY_GOVERNED:.0%} with governance" in said
    # ...which is what the engine does: a one-round card is whole at once, a slow one half
    assert strength(CARDS["service_catalog"], 2, 2, None, 1.0) == 1.0
    assert strength(CARDS["knowledge_base"], 2, 2, None, 1.0) == 0.5
    assert strength(CARDS["service_catalog"], 2, 3, None, 1.0) == pytest.approx(1 - DECAY_UNGOVERNED)
    assert "(half at first if marked growing)" in strength_rule()


def test_the_help_says_the_same_rule_and_the_game_s_names():
    action = " ".join(words for _, words in help_texts.PAGES["action"])
    assert "beds in" not in action and "full strength" in action
    assert f"{DECAY_UNGOVERNED:.0%}" in action and f"{DECAY_GOVERNED:.0%}" in action
    awareness = " ".join(words for _, words in help_texts.PAGES["awareness"])
    assert "CSAT" not in awareness
    assert "Satisfaction" in awareness and "SLA met" in awareness
    for kind in ("tick", "better than expected", "cross", "worse than expected", "major incident", "steady"):
        assert kind in awareness, kind
    text.wrap(awareness, 27, 1000)  # plain words the help box can wrap


def test_action_promises_only_what_this_session_and_team_can_keep(tmp_path):
    """A 3-round session was told "growing: full effect from round 4", and a team at 94% morale
    that a fading card "follows the team's morale" (morale only weakens a change under 70%)."""
    from deskgame.engine.cards import CULTURE_FULL_AT
    from deskgame.ui.debrief_action import ramp_words, strength_words

    assert ramp_words("knowledge_base", 3, 3, last_round=3) == (
        "growing: it will not reach full effect before this session ends")
    assert ramp_words("knowledge_base", 3, 3, last_round=6) == "growing: full effect from round 4"
    app = App(load_scenario(SCENARIOS / "standard-monday.yaml"), seed=7, saves=SaveOptions(folder=tmp_path))
    try:
        app.start_play()
        world = app.live.world
        for agent in world.agents:
            agent.morale = 0.94
        said = strength_words("service_catalog", 0.75, 1.0, world)
        assert said == "down from 100%: fading without governance"
        for agent in world.agents:
            agent.morale = CULTURE_FULL_AT - 0.1
        said = strength_words("service_catalog", 0.6, 1.0, world)
        assert said.startswith("down from 100%: fading without governance, held back by the team's morale (")
        assert strength_rule(0.94).count("under 70% (yours: 94%)") == 1
    finally:
        app.close()
