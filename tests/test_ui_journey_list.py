"""The journey screen's ticket list in a room (review 3): each row names the problem (its title,
cut at a word) and the customer's rating, S puts the worst first, the story pane follows the
highlight, and "closed" says how.  Headless, through real keys, on round 1 of standard-monday."""

from __future__ import annotations

import os

import pygame
import pytest

from deskgame.report.journey import outcome_label
from deskgame.scenario import load_scenario
from deskgame.ui.app import App, SaveOptions
from deskgame.ui.scenes.cycle import AwarenessScene
from deskgame.ui.scenes.journey import JourneyScene

from .conftest import SCENARIOS
from .test_ui_debrief import play_round
from .ui_driver import drawn
from .ui_driver import post_key as key

SCREEN = pygame.Rect(0, 0, 1280, 720)
SHOTS = os.environ.get("DESKGAME_SHOTS")  # a folder to save the frames in, to look at them


@pytest.fixture(scope="module")
def app():  # type: ignore[no-untyped-def]
    app = App(load_scenario(SCENARIOS / "standard-monday.yaml"), seed=7, saves=SaveOptions(enabled=False))
    app.start_play()
    play_round(app)
    assert isinstance(app.scenes.top, AwarenessScene)
    key(app, pygame.K_t)       # the round's tickets
    yield app
    app.close()


def _journey(app: App) -> JourneyScene:
    scene = app.scenes.top.journey
    assert isinstance(scene, JourneyScene)
    return scene


def _shot(app: App, name: str) -> None:
    if SHOTS:
        app.draw()
        pygame.image.save(app.canvas, os.path.join(SHOTS, name))


def test_rows_carry_the_title_and_the_rating(app):
    scene = _journey(app)
    words = [d.text for d in drawn(app)]
    _shot(app, "journey-list.png")
    world = app.live.world
    assert scene.list_rects
    for _, index in scene.list_rects:
        ticket = world.tickets[scene.tickets[index]]
        fragment = next(w for w in words if w and ticket.title.startswith(w) and w != ticket.id)
        assert ticket.title.startswith(fragment) and (fragment == ticket.title
                                                      or ticket.title[len(fragment)] == " ")  # at a word
        rated = f"{ticket.rating:.0f}/100" if ticket.rating is not None else "unrated"
        assert rated in words
        assert outcome_label(ticket) in words
    assert all(SCREEN.contains(d.rect) for d in drawn(app))
    assert not any("…" in w for w in words)


def test_the_pane_follows_the_highlight(app):
    scene = _journey(app)
    before = scene.story.ticket
    key(app, pygame.K_DOWN)
    assert scene.story.ticket == scene.tickets[scene.cursor] != before
    key(app, pygame.K_UP)
    assert scene.story.ticket == before


def test_s_puts_the_worst_rated_first(app):
    scene = _journey(app)
    key(app, pygame.K_s)
    _shot(app, "journey-worst.png")
    world = app.live.world
    ratings = [world.tickets[t].rating for t in scene.tickets]
    rated = [r for r in ratings if r is not None]
    assert rated == sorted(rated) and ratings[:len(rated)] == rated
    assert scene.cursor == 0 and scene.story.ticket == scene.tickets[0]  # the worst, shown
    assert "S: in order" in " ".join(d.text for d in drawn(app))
    key(app, pygame.K_s)


def test_closed_says_how():
    class T:  # a ticket as outcome_label reads it
        def __init__(self, outcome, resolved):  # type: ignore[no-untyped-def]
            self.outcome, self.resolved = outcome, resolved
    assert outcome_label(T("unsupported", 5.0)) == "device refused"
    assert outcome_label(T("outage_over", 5.0)) == "outage ended"
    assert outcome_label(T("resolved", 5.0)) == "fixed"
    assert outcome_label(T(None, None)) == "open"


def test_the_team_s_voice_has_the_whole_width_and_every_line(app):
    scene = _journey(app)
    key(app, pygame.K_TAB)
    _shot(app, "journey-team.png")
    texts = drawn(app)
    assert scene.page == "team" and not scene.list_rects
    assert all(SCREEN.contains(d.rect) for d in texts)
    names = {d.text for d in texts}
    assert all(name in names for name, _ in scene.voices)  # nobody's line dropped for want of room
    assert any("morale" in d.text for d in texts)
    key(app, pygame.K_TAB)


def test_department_shapes_are_large_and_frequent_on_the_awareness_chart(app):
    """Review 3: under protanopia Sales and HR looked alike, and their shapes were ~10 px, once an
    hour.  Each curve now carries a shape about every half hour, at least 14 px across."""
    from deskgame.ui.debrief_chart import CURVE_SHAPE_RADIUS, CURVE_SHAPES_PER_LINE, department_shape

    for index in range(4):
        canvas = pygame.Surface((40, 40))
        department_shape(canvas, index, (20, 20), (255, 255, 255), CURVE_SHAPE_RADIUS)
        mask = pygame.mask.from_threshold(canvas, (255, 255, 255), (1, 1, 1, 255))
        box = mask.get_bounding_rects()[0]
        assert box.width >= 14 and box.height >= 14, (index, box)
    scene = app.scenes.top
    journey, scene.journey = scene.journey, None
    try:
        app.draw()
        _shot(app, "awareness.png")
        samples = len(scene.record["series"]["t"])
        every = max(1, samples // CURVE_SHAPES_PER_LINE)
        assert samples // every >= 14  # about every half hour of the round
    finally:
        scene.journey = journey
