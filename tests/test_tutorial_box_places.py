"""Two tutorial boxes true to the board: the end-run's box leaves in sight the agent its text
names (it covered Ola's card), and the missed-target box does not advise a higher priority
(it did so pointing at a fake emergency the box before had said not to raise)."""

from __future__ import annotations

from pathlib import Path

from deskgame.ui.hints import HINT_BY_ID

from .test_onboarding import hint_over_board, tutorial_app


def test_the_end_run_box_leaves_the_named_agent_in_sight(data: Path) -> None:
    app = tutorial_app()
    try:
        box, play = hint_over_board(app, "end_run")
        agent = box.due.agent
        assert agent and agent in box.due.words
        card = next(slot.rect for slot in play.board.agents if slot.agent.name == agent)
        assert not box.layout.box.colliderect(card), (box.layout.box, card)
        assert not box.layout.box.colliderect(box.target)
    finally:
        app.close()


def test_the_missed_target_box_does_not_advise_raising_the_priority() -> None:
    said = HINT_BY_ID["sla_breach"].words().lower()
    assert "higher priority" not in said and "raise" not in said
    assert "business impact" in said  # the same rule as the emergency's box
