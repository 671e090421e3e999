"""The tutorial introduces moments of truth, the game's core idea, once the first one is on
the ticker: its box points at the ticker, leaves it in sight, and says what a moment is and
how it moves satisfaction and trust (the tutorial never said so)."""

from __future__ import annotations

from pathlib import Path

from .test_onboarding import tutorial_app, walk_hints
from .ui_driver import drawn


def test_the_moments_box_comes_with_the_first_moment_and_points_at_the_ticker(data: Path) -> None:
    app = tutorial_app()
    try:
        said, box = walk_hints(app, until="moments")
        assert box is not None, f"no moments box in the round: {list(said)}"
        world = app.live.world
        assert world.satisfaction.recent, "the moments box came before any moment"
        assert "first_ticket" in said  # after the basics
        words = box.due.words
        assert "moment of truth" in words and "satisfaction" in words and "trust" in words
        play = app.scenes.below(box)
        feed_x = play.board.feed.x
        board_texts = [d for d in drawn(app) if d.text == "Moments of truth" and d.rect.x >= feed_x]
        assert board_texts, "the ticker's heading is not on the board"
        heading = board_texts[0].rect
        assert box.target.contains(heading)  # it points at the ticker
        assert not box.layout.box.colliderect(box.target)  # and covers none of it
        newest = world.satisfaction.recent[-1]
        assert newest.customer in words or "A customer" in words
    finally:
        app.close()


def test_the_moments_box_shows_once(data: Path) -> None:
    app = tutorial_app()
    try:
        shown: list[str] = []
        walk_hints(app, on_box=lambda due: shown.append(due.hint.id))
        assert shown.count("moments") == 1
    finally:
        app.close()
