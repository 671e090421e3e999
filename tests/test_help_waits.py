"""F1 help covers the board, so the game waits while it is open: a room reading help saw a
ringing call take its default answer unseen behind it."""

from __future__ import annotations

import pygame

from .ui_driver import drawn, handle_key


def test_the_game_waits_while_help_is_open_and_goes_on_after(monday_board):
    app = monday_board
    live = app.live
    live.set_speed(8)
    for _ in range(40):
        app.step(0.5)
    before = live.clock
    assert before > 0
    handle_key(app, pygame.K_F1)
    assert type(app.scenes.top).__name__ == "HelpBox"
    for _ in range(40):
        app.step(0.5)
    assert live.clock == before  # nothing moved underneath
    words = " ".join(d.text for d in drawn(app))
    assert "the game waits" in words
    for d in drawn(app):  # the footer fits the screen
        assert d.rect.right <= 1280 and d.rect.left >= 0, d.text
    handle_key(app, pygame.K_ESCAPE)
    for _ in range(10):
        app.step(0.5)
    assert live.clock > before
