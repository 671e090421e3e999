"""The tutorial's end screen teaches: what this round showed, from its own facts, the next
scenario named, and the personal best (a newcomer who touched nothing saw the same ending
as one who played well, and its "best moment" was the end-run trap, uncommented)."""

from __future__ import annotations

import os
from pathlib import Path

import pygame
import pytest

from deskgame.scenario import load_scenario
from deskgame.ui import text, theme
from deskgame.ui.app import App, SaveOptions
from deskgame.ui.round_lessons import LEARNED_TITLE
from deskgame.ui.scenes.ending import EndScene
from deskgame.ui.scenes.play import PlayScene
from deskgame.ui.settings import Settings
from deskgame.ui.tutorial import HintBox

from .conftest import SCENARIOS
from .ui_driver import drawn
from .ui_driver import handle_key as key

SCREEN = pygame.Rect((0, 0), theme.LOGICAL_SIZE)


def passive_tutorial_to_the_end(tmp_path: Path, size: str = "normal") -> App:
    """The tutorial played by someone who reads every box (Enter) and touches nothing else."""
    app = App(load_scenario(SCENARIOS / "first-day.yaml"), saves=SaveOptions(folder=tmp_path / "saves"),
              settings=Settings(text_size=size))
    key(app, pygame.K_RETURN)  # the briefing
    app.live.set_speed(8)
    for _ in range(20000):
        top = app.scenes.top
        if isinstance(top, EndScene):
            return app
        if isinstance(top, (HintBox, PlayScene)) and app.live.phase == "playing":
            if isinstance(top, HintBox):
                key(app, pygame.K_RETURN)
            else:
                app.step(0.25)
        else:
            key(app, pygame.K_RETURN)  # Awareness and the summary
    raise AssertionError("the tutorial never reached its end screen")


@pytest.mark.parametrize("size", ["normal", "large"])
def test_the_tutorial_end_screen_says_what_the_round_showed_and_what_is_next(data: Path, tmp_path: Path,
                                                                            size: str) -> None:
    app = passive_tutorial_to_the_end(tmp_path, size)
    try:
        texts = drawn(app)
        said = " ".join(d.text for d in texts)
        assert LEARNED_TITLE in said
        assert "rang out" in said and "default answers" in said  # nobody answered a call
        assert "a trap" in said  # its best moment was the end-run taken off the books
        assert "Next: Monday at Northwind, the normal day" in said
        assert "Your best on this day: " in said
        for d in texts:  # every line inside the screen, none over another
            assert SCREEN.contains(d.rect), d.text
        rects = [d.rect for d in texts]
        for i, rect in enumerate(rects):
            assert rect.collidelist(rects[i + 1:]) < 0, texts[i].text
        shots = Path(os.environ.get("DESKGAME_SHOTS", tmp_path))
        pygame.image.save(app.canvas, str(shots / f"tut-end-{size}.png"))
    finally:
        app.close()
        theme.apply("default", "normal")
        text.reset()
