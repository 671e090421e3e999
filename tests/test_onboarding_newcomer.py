"""The tutorial as a newcomer met it: the round's end box explains the trust bar and must
leave it in sight; the second box does not repeat who took the first ticket."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from deskgame.ui.scenes.play import PlayScene
from deskgame.ui.tutorial import HintBox

from .test_onboarding import data, key, tutorial_app, until_hint  # noqa: F401  (data: a fixture)


def test_the_round_end_box_leaves_the_trust_bar_it_talks_about_in_sight(data: Path) -> None:  # noqa: F811
    app = tutorial_app()
    try:
        box = until_hint(app, "round_end")
        assert isinstance(box, HintBox)
        play = app.scenes.below(box)
        assert isinstance(play, PlayScene)
        trust = next(rect for rect, k in play.board.meters if k == "trust")
        assert "trust" in box.due.words
        assert not box.layout.box.colliderect(trust), (box.layout.box, trust)
        assert not box.layout.box.colliderect(box.target)
        app.draw()  # the trust bar is not under the veil: it looks as it does on the board alone
        spots = [(x, trust.centery) for x in range(trust.x + 2, trust.right - 2, 7)]
        lit = [app.canvas.get_at(spot) for spot in spots]
        play.draw(app.canvas)
        assert lit == [app.canvas.get_at(spot) for spot in spots]
    finally:
        app.close()


def test_the_second_box_does_not_say_again_who_took_the_first_ticket(data: Path) -> None:  # noqa: F811
    app = tutorial_app()
    try:
        said: dict[str, str] = {}
        app.live.set_speed(8)
        for _ in range(20000):
            top = app.scenes.top
            if isinstance(top, HintBox):
                said[top.due.hint.id] = top.due.words
                if "first_start" in said:
                    break
                key(app, pygame.K_RETURN)
                continue
            app.step(0.25)
        first, second = said["first_ticket"], said["first_start"]
        if "took it at once" not in first:
            pytest.skip("the first ticket waited in this run: nothing to repeat")
        agent = app.live.world.tickets[top.due.ticket].agent
        assert agent is not None and f"{agent}'s now" not in second and "took" not in second
        assert "free agent takes the next ticket" in second  # the lesson itself is kept
    finally:
        app.close()
