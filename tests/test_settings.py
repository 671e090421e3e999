"""Settings: they round-trip through the config file, a bad file falls back with one line per
problem, they are applied at start, the screen changes them, and large text and high
contrast really change what is on screen."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import numpy as np
import pygame
import pytest

from deskgame.scenario import load_scenario
from deskgame.ui import settings as user_settings
from deskgame.ui import text, theme
from deskgame.ui.app import App, SaveOptions
from deskgame.ui.settings import Settings

from .conftest import SCENARIOS
from .ui_driver import post_key as key

MONDAY = SCENARIOS / "standard-monday.yaml"


@pytest.fixture(autouse=True)
def config(tmp_path, monkeypatch) -> Path:
    """A config folder of the test's own, and the default look before and after."""
    folder = tmp_path / "config"
    monkeypatch.setenv("DESKGAME_CONFIG_DIR", str(folder))
    theme.apply("default", "normal")
    yield folder
    theme.apply("default", "normal")
    text.reset()


CHANGED = Settings(volume=0.3, muted=True, text_size="large", palette="high_contrast",
                   slow_for_calls=False, default_speed=4, fullscreen=True)


def test_settings_round_trip_through_the_file(config, capsys):
    assert user_settings.load() == Settings()  # no file yet: the defaults, silently
    assert user_settings.save(CHANGED) == ""
    path = config / "settings.json"
    assert json.loads(path.read_text(encoding="utf-8")) == asdict(CHANGED)
    assert user_settings.load() == CHANGED
    assert capsys.readouterr().err == ""
    assert not list(config.glob(".settings-*"))  # no temp file left behind


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", "\udcff"])
def test_a_corrupt_file_falls_back_to_the_defaults_with_one_line(config, capsys, content):
    config.mkdir()
    path = config / "settings.json"
    path.write_bytes(content.encode("utf-8", "surrogateescape"))
    assert user_settings.load() == Settings()
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and str(path) in err[0]
    assert "default" in err[0]


def test_a_partly_wrong_file_keeps_the_good_fields(config, capsys):
    config.mkdir()
    path = config / "settings.json"
    path.write_text(json.dumps({"volume": 7, "palette": "neon", "text_size": "large", "colour": 1,
                                "default_speed": True, "muted": True}), encoding="utf-8")
    loaded = user_settings.load()
    assert loaded == Settings(text_size="large", muted=True)
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 4
    for field, line in zip(("volume", "palette", "colour", "default_speed"), err, strict=True):
        assert str(path) in line and f"'{field}'" in line


def test_settings_are_applied_at_start(config):
    assert user_settings.save(Settings(volume=0.3, muted=True, slow_for_calls=False, default_speed=4)) == ""
    app = App(load_scenario(MONDAY), seed=7, saves=SaveOptions(enabled=False))
    try:
        assert (app.sounds.volume, app.sounds.muted) == (0.3, True)
        assert app.fair_calls is False
        assert app.live.speed == 4
    finally:
        app.close()


def test_the_settings_screen_changes_and_saves_them(config, tmp_path):
    app = App(None, saves=SaveOptions(folder=tmp_path / "none"))
    try:
        app.step(0.0)
        key(app, pygame.K_s)
        assert type(app.scenes.top).__name__ == "SettingsScene"
        key(app, pygame.K_RIGHT)  # volume 70% -> 80%
        key(app, pygame.K_DOWN)
        key(app, pygame.K_DOWN)
        key(app, pygame.K_RETURN)  # text size: large
        key(app, pygame.K_DOWN)
        key(app, pygame.K_RIGHT)  # palette: high contrast
        saved = user_settings.load()
        assert (saved.volume, saved.text_size, saved.palette) == (0.8, "large", "high_contrast")
        assert app.sounds.volume == 0.8
        assert theme.TEXT_SCALE > 1 and theme.BACKGROUND == (0, 0, 0)
        for _ in range(4):
            key(app, pygame.K_DOWN)  # past calls, speed and full screen, to "Keys"
        key(app, pygame.K_RETURN)
        box = app.scenes.top
        assert type(box).__name__ == "HelpBox" and box.pages[box.index].kind == "keys"
        key(app, pygame.K_ESCAPE)
        key(app, pygame.K_ESCAPE)
        assert type(app.scenes.top).__name__ == "TitleScene"
    finally:
        app.close()


def board_frame(look: Settings) -> tuple[np.ndarray, list[text.Drawn]]:
    app = App(load_scenario(MONDAY), seed=7, saves=SaveOptions(enabled=False), settings=look)
    try:
        app.start_play()
        app.live.set_speed(0)
        app.step(0.0)
        drawn: list[text.Drawn] = []
        with text.recording(drawn.append, lambda *_: None):
            app.draw()
        return pygame.surfarray.array3d(app.canvas).copy(), drawn
    finally:
        app.close()


def caps(drawn: list[text.Drawn], words: str) -> int:
    found = next(d for d in drawn if d.text.startswith(words))
    return found.image.get_bounding_rect(min_alpha=128).height


def test_large_text_and_high_contrast_change_the_pixels():
    normal, normal_texts = board_frame(Settings())
    large, large_texts = board_frame(Settings(text_size="large"))
    contrast, _ = board_frame(Settings(palette="high_contrast"))
    # Large: the same words in taller letters (the capital-led header of the queue).
    assert caps(large_texts, "Incoming") >= caps(normal_texts, "Incoming") + 2
    assert (normal != large).any(axis=2).mean() > 0.05
    # High contrast: the page behind the panels is black, not the default's dark blue-grey.
    gap = (2, 700)  # the page's edge, left of the bottom panel
    assert tuple(normal[gap]) == theme.PALETTES["default"]["BACKGROUND"]
    assert tuple(contrast[gap]) == (0, 0, 0)
    assert (normal != contrast).any(axis=2).mean() > 0.2


def test_debrief_panels_have_an_edge_in_high_contrast() -> None:
    """A black panel on the black page of the high-contrast palette needs its edge."""
    import pygame

    from deskgame.ui import theme
    from deskgame.ui.debrief_common import panel

    surface = pygame.Surface((200, 120))
    theme.apply("high_contrast")
    try:
        surface.fill(theme.BACKGROUND)
        panel(surface, pygame.Rect(20, 20, 160, 80))
        assert surface.get_at((20, 60))[:3] == theme.PANEL_EDGE
        assert surface.get_at((100, 60))[:3] == theme.PANEL
    finally:
        theme.apply("default")
    surface.fill(theme.BACKGROUND)
    panel(surface, pygame.Rect(20, 20, 160, 80))
    assert surface.get_at((20, 60))[:3] == theme.PANEL  # the default palette draws no edge
