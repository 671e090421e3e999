"""What UI tests share to drive the app headless: a key press, and the texts a frame draws.

Two ways to press a key, because the app reads keys two ways: ``post_key`` goes through
pygame's event queue as a real key does (the app's ``step`` reads it), ``handle_key``
hands the event to the app at once (no queue: for tests that must not lose a press to a
scene change).
"""

from __future__ import annotations

import pygame

from deskgame.ui import text
from deskgame.ui.app import App


def post_key(app: App, k: int) -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode=""))
    app.step(0.0)


def handle_key(app: App, k: int) -> None:
    app.handle(pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode=""))
    app.step(0.0)


def drawn(app: App) -> list[text.Drawn]:
    """Every text the next frame draws, with where it went."""
    seen: list[text.Drawn] = []
    with text.recording(seen.append, lambda what, rect: None):
        app.draw()
    return seen
