"""Will and Action agree: a star always comes with its reason, every card in force is listed on
Action, and "down from" names the strength the room was shown last time.

Found by a reviewer playing byod-after-holidays: BYOD learning had a reason but no star, "How to
get help" had a star and "It answers last round's problem: ." (no reason), Action said "down
from 100%" after showing 97%, and ended "and 1 more in force" without showing the fifth card.
"""

from __future__ import annotations

import pygame
import pytest

from deskgame.engine.cards import CARDS, culture, effects_for
from deskgame.scenario import load_scenario
from deskgame.ui.app import App, SaveOptions
from deskgame.ui.debrief_action import shown_strengths
from deskgame.ui.scenes.cycle import ActionScene, WillScene

from .conftest import SCENARIOS
from .test_ui_debrief import play_round
from .ui_driver import drawn, post_key


@pytest.fixture(scope="module")
def at_will():  # type: ignore[no-untyped-def]
    """byod-after-holidays, seed 2027 (the reviewer's), one round played, then Will."""
    app = App(load_scenario(SCENARIOS / "byod-after-holidays.yaml"), seed=2027,
              saves=SaveOptions(enabled=False))
    app.start_play()
    play_round(app)
    for _ in range(3):
        if isinstance(app.scenes.top, WillScene):
            break
        post_key(app, pygame.K_RETURN)
    assert isinstance(app.scenes.top, WillScene)
    yield app
    app.close()


def _detail(app: App, will: WillScene, card_id: str) -> list[str]:
    will.cursor = list(CARDS).index(card_id)
    return [d.text for d in drawn(app) if will.DETAIL.contains(d.rect)]


def test_a_star_is_shown_exactly_when_the_card_says_which_problem_it_answers(at_will):
    app = at_will
    will = app.scenes.top
    assert will.suggested
    for card_id in CARDS:
        words = _detail(app, will, card_id)
        sentence = " ".join(words)
        if card_id in will.suggested:
            assert "Suggested" in words, card_id
            assert "It answers last round's problem:" in sentence, card_id
            assert "problem: ." not in sentence and will.evidence[card_id].problem, card_id
        elif card_id in will.offer and card_id not in app.live.world.adopted:
            # a card not starred gives no reason that would make it one
            assert "Suggested" not in words and "It answers last round's problem" not in sentence, card_id
    # the reviewer's case: 16 strangers with devices, so BYOD learning is starred
    assert will.evidence["byod_learning"].problem and "byod_learning" in will.suggested


def test_action_lists_every_card_in_force_and_never_hides_one(at_will):
    app = at_will
    world = app.live.world
    before = dict(world.adopted)
    many = ["service_catalog", "emergency_definition", "knowledge_base", "byod_learning",
            "social_channel", "customer_orientation", "empowerment", "governance"]
    try:
        for card_id in many:
            world.adopted[card_id] = world.round + 1
        scene = ActionScene(app)
        app.scenes.push(scene)
        seen: list[str] = []
        for _ in range(len(many)):
            said = [d.text for d in drawn(app)]
            assert not any("more in force" in s for s in said)
            seen += said
            if scene.page + 1 >= scene.pages:
                break
            assert any(s.startswith("Enter: more changes") for s in said)
            post_key(app, pygame.K_RETURN)  # Enter shows the next page before it opens the desk
            assert app.scenes.top is scene
        for card_id in many:
            assert any(s.startswith(CARDS[card_id].title + " (") for s in seen), card_id
        assert "Enter: open the desk" in said
    finally:
        if app.scenes.top is not None and isinstance(app.scenes.top, ActionScene):
            app.scenes.pop()
        world.adopted.clear()
        world.adopted.update(before)


def test_down_from_names_the_strength_applied_this_round_not_today_s_morale(at_will):
    """The engine weakened the cards by the morale when the round began (97% in the review);
    morale has since changed, and "down from" must still say 97%, not 100%."""
    world = at_will.live.world
    adopted, effects = dict(world.adopted), world.effects
    morale = [a.morale for a in world.agents]
    try:
        world.adopted.clear()
        world.adopted.update({"social_channel": world.round, "byod_learning": world.round})
        world.effects = effects_for(world.adopted, world.round, 0.4)[0]
        for agent in world.agents:
            agent.morale = 0.95
        shown = shown_strengths(world)
        assert shown["social_channel"] == pytest.approx(culture(0.4))
        assert shown["byod_learning"] == pytest.approx(culture(0.4))
    finally:
        world.adopted.clear()
        world.adopted.update(adopted)
        world.effects = effects
        for agent, m in zip(world.agents, morale, strict=True):
            agent.morale = m
