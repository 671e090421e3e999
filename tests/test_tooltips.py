"""Every meter and button registers a tooltip; hovering each shows its words wholly on screen.

The registry (``ui.tooltips``) is what the test enumerates, so a meter or button that
forgets to register is the only way to escape it; the board's registrations are checked
against what a player must be able to ask about (the four meters, the clock, the buttons).
"""

from __future__ import annotations

import numpy as np
import pygame
import pytest

from deskgame.scenario import load_scenario
from deskgame.ui import theme, tooltips
from deskgame.ui.app import App, SaveOptions
from deskgame.ui.help_texts import METER_TIPS, TOPIC_BY_SCENE

from .conftest import MINIMAL, SCENARIOS
from .ui_driver import post_key as key

SHORT = MINIMAL + "rounds: 2\nround: {length: 1h}\nimprovements: {budget: 3}\n"


def hover(app: App, pos: tuple[int, int]) -> None:
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
    app.step(0.0)


def spot(tip: tooltips.Tip) -> tuple[int, int] | None:
    """A point of ``tip`` that no item registered after it covers."""
    rect = tip.rect
    for fy in (0.5, 0.25, 0.75, 0.1, 0.9):
        for fx in (0.5, 0.25, 0.75, 0.1, 0.9):
            point = (rect.x + int(rect.width * fx), rect.y + int(rect.height * fy))
            if tooltips.hit(point) == tip:
                return point
    return None


def hover_every_item(app: App, screen: str) -> list[tooltips.Tip]:
    """Hover each registered item; each shows its own words in a box inside the canvas."""
    hover(app, (-100, -100))
    registered = tooltips.items()
    assert registered, f"nothing on {screen} can be hovered"
    before = pygame.surfarray.array3d(app.canvas).copy()
    hovered = []
    for tip in registered:
        assert tip.words.strip()
        point = spot(tip)
        if point is None:
            continue  # wholly under a later item (which is hovered in its turn)
        hover(app, point)
        assert tooltips.last_drawn is not None, f"{screen}: no tooltip over {tip.words[:40]!r}"
        rect, words = tooltips.last_drawn
        assert words == tip.words
        assert app.canvas.get_rect().contains(rect), f"{screen}: tooltip off screen at {point}"
        after = pygame.surfarray.array3d(app.canvas)
        inside = (slice(rect.x + 3, rect.right - 3), slice(rect.y + 3, rect.bottom - 3))
        assert (before[inside] != after[inside]).any(axis=2).mean() > 0.3, f"{screen}: tooltip not drawn"
        assert tuple(after[rect.centerx, rect.y]) == theme.SKY, "the tooltip's edge"
        hovered.append(tip)
        hover(app, (-100, -100))
    assert hovered
    return hovered


@pytest.fixture
def board(tmp_path):
    app = App(load_scenario(SCENARIOS / "standard-monday.yaml"), seed=7, saves=SaveOptions(enabled=False))
    app.start_play()
    live = app.live
    live.set_speed(8)
    for _ in range(4000):
        if live.world.calls and len(live.world.queue) >= 2:
            break
        app.step(0.5)
    live.set_speed(0)
    yield app
    app.close()


def test_every_meter_and_button_on_the_board_has_a_tooltip_on_screen(board):
    app = board
    key(app, pygame.K_DOWN)  # a ticket or call selected: its buttons are on the board
    hovered = hover_every_item(app, "board")
    words = {tip.words for tip in hovered}
    for meter in ("trust", "satisfaction", "sla", "morale", "clock", "round"):
        assert METER_TIPS[meter] in words, f"the {meter} meter has no tooltip"
    buttons = app.scenes.top.board.buttons
    for button in buttons:
        assert any(tip.rect == button.rect for tip in hovered), f"button {button.label!r} has no tooltip"
    assert any(w.startswith("Wait ring") for w in words)
    assert any("morale" in w and "%" in w for w in words)  # each agent's morale


def test_a_disabled_button_says_why(board):
    app = board
    world = app.live.world
    ticket = next(t for t in world.queue if not t.escalated and t.linked is None)
    assert app.live.command("escalate", ticket=ticket.id) is None
    scene = app.scenes.top
    scene.selected = ticket.id
    app.step(0.0)
    button = next(b for b in scene.board.buttons if b.action == "escalate")
    assert not button.active
    hover(app, button.rect.center)
    assert tooltips.last_drawn is not None
    assert "Not now: it is already with a specialist" in tooltips.last_drawn[1]
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=button.rect.center, button=1))
    app.step(0.0)
    assert sum(1 for d in app.live.world.decisions if d["action"] == "escalate") == 1  # the click did nothing


def test_the_screens_around_play_have_tooltips_on_screen(write, tmp_path):
    """Title rows, settings rows, the Awareness markers, the Will cards (with why a card
    cannot be picked) and the end's choices."""
    title = App(None, saves=SaveOptions(folder=tmp_path / "none"))
    try:
        title.step(0.0)
        tips = hover_every_item(title, "title")
        assert any("standard" in t.words.lower() or "monday" in t.words.lower() for t in tips)
        key(title, pygame.K_s)
        assert type(title.scenes.top).__name__ == "SettingsScene"
        assert len(hover_every_item(title, "settings")) >= 8
    finally:
        title.close()
    app = App(load_scenario(write(SHORT)), seed=3, saves=SaveOptions(enabled=False))
    try:
        key(app, pygame.K_RETURN)
        seen = set()
        for expected in ("awareness", "will", "end"):
            app.live.set_speed(8)
            for _ in range(600):
                topic = TOPIC_BY_SCENE[type(app.scenes.top).__name__]
                if topic == expected:
                    break
                if topic in ("awareness", "action", "summary") and topic != expected:
                    key(app, pygame.K_RETURN)
                    continue
                app.step(1.0)
            assert TOPIC_BY_SCENE[type(app.scenes.top).__name__] == expected
            if expected == "will":
                for _ in range(2):  # pick cards until one no longer fits the budget
                    key(app, pygame.K_SPACE)
                    key(app, pygame.K_DOWN)
            tips = hover_every_item(app, expected)
            seen.add(expected)
            if expected == "will":
                assert any("Cannot be picked" in t.words for t in tips), "no card says why it is dimmed"
                key(app, pygame.K_RETURN)
        assert seen == {"awareness", "will", "end"}
    finally:
        app.close()


def test_a_tooltip_near_the_corner_stays_on_screen():
    pygame.init()
    try:
        surface = pygame.Surface(theme.LOGICAL_SIZE)
        long = "word " * 80
        for pos in ((0, 0), (1279, 719), (1279, 0), (0, 719), (640, 360)):
            rect = tooltips.draw(surface, long, pos)
            assert surface.get_rect().contains(rect)
            edge = np.array(pygame.surfarray.pixels3d(surface)[rect.centerx, rect.y])
            assert edge.tolist() == list(theme.SKY)
    finally:
        pygame.quit()
