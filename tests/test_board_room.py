"""What a workshop room missed on the play board (byod-after-holidays, three rounds): last
round's posts left on the feed, a social storm with no word on the board, a "Learn" toast that
promised a slow job for a device the desk already knows, a long call title split across fonts.

Each test drives the real app headless and checks the words or pixels that reach the screen.
"""

from __future__ import annotations

import pygame
import pytest

from deskgame.engine.satisfaction import Post
from deskgame.scenario import load_scenario
from deskgame.ui import text
from deskgame.ui.app import App, SaveOptions

from .conftest import SCENARIOS

MONDAY = SCENARIOS / "standard-monday.yaml"


@pytest.fixture
def app(tmp_path):  # type: ignore[no-untyped-def]
    made = App(load_scenario(MONDAY), seed=7, saves=SaveOptions(folder=tmp_path))
    made.start_play()
    yield made
    made.close()


def frame(app: App) -> list[text.Drawn]:
    seen: list[text.Drawn] = []
    with text.recording(seen.append, lambda what, rect: None):
        app.draw()
    return seen


def test_the_social_feed_shows_this_round_s_posts_not_an_earlier_round_s(app):
    world = app.live.world
    world.satisfaction.posts.append(Post(world.now, "Sales", "Old news from an earlier round.", world.round - 1))
    feed = app.scenes.top.board.feed
    words = " ".join(d.text for d in frame(app) if feed.contains(d.rect))
    assert "Old news" not in words and "Quiet so far" in words
    world.satisfaction.posts.append(Post(world.now, "Sales", "Fresh post today.", world.round))
    words = " ".join(d.text for d in frame(app) if feed.contains(d.rect))
    assert "@Sales: Fresh post today." in words and "Old news" not in words
