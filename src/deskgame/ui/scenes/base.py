"""Scenes and the stack that runs them (input -> update -> draw; drawing never changes the world)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

if TYPE_CHECKING:
    from deskgame.ui.app import App


class Scene:
    """A screen.  ``handle_event`` returns True when it used the event."""

    def __init__(self, app: App):
        self.app = app

    def handle_event(self, event: pygame.event.Event) -> bool:
        return False

    def update(self, real_seconds: float) -> None:
        """Advance the scene (and, for the play scene, the world)."""

    def draw(self, surface: pygame.Surface) -> None:
        """Paint the scene; must not change any game state."""


class SceneStack:
    def __init__(self) -> None:
        self.scenes: list[Scene] = []

    @property
    def top(self) -> Scene | None:
        return self.scenes[-1] if self.scenes else None

    def push(self, scene: Scene) -> None:
        self.scenes.append(scene)

    def pop(self) -> Scene | None:
        return self.scenes.pop() if self.scenes else None

    def replace(self, scene: Scene) -> None:
        if self.scenes:
            self.scenes.pop()
        self.scenes.append(scene)
