"""Scenes and the stack that runs them (input -> update -> draw; drawing never changes the world).

A scene says where the game goes next by setting ``transition`` (a ``Go``); the app
carries it out after the event or frame.  So scenes need not know the app's methods, and
one table in the app says what each step of the game leads to.  Boxes (help, a major
incident, the quit question) are scenes pushed over the board: the stack draws what is
under an overlay first, and the box takes the input.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pygame

if TYPE_CHECKING:
    from deskgame.ui.app import App


@dataclass(frozen=True)
class Go:
    """A step the game takes: ``to`` names it (see ``App.go``); ``args`` carries what it needs."""

    to: str
    args: dict[str, Any] = field(default_factory=dict)


class Scene:
    """A screen.  ``handle_event`` returns True when it used the event."""

    overlay = False  # drawn over the scene below it (a box), which keeps its place on the stack
    passes_time = False  # an overlay under which the scene below keeps updating

    def __init__(self, app: App):
        self.app = app
        self.transition: Go | None = None

    def go(self, to: str, **args: Any) -> None:
        """Ask the app for the next step (taken once this event or frame is handled)."""
        self.transition = Go(to, args)

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

    def below(self, scene: Scene) -> Scene | None:
        index = self.scenes.index(scene)
        return self.scenes[index - 1] if index > 0 else None

    def push(self, scene: Scene) -> None:
        self.scenes.append(scene)

    def pop(self) -> Scene | None:
        return self.scenes.pop() if self.scenes else None

    def replace(self, scene: Scene) -> None:
        """The next screen: any boxes over the current one go with it."""
        while self.scenes and self.scenes[-1].overlay:
            self.scenes.pop()
        if self.scenes:
            self.scenes.pop()
        self.scenes.append(scene)

    def visible(self) -> list[Scene]:
        """The scenes to draw, bottom first: the top one and every overlay's scene beneath."""
        shown: list[Scene] = []
        for scene in reversed(self.scenes):
            shown.append(scene)
            if not scene.overlay:
                break
        return shown[::-1]

    def updating(self) -> list[Scene]:
        """The scenes to update this frame: the top, and those under boxes that let time pass."""
        running: list[Scene] = []
        for scene in reversed(self.scenes):
            running.append(scene)
            if not (scene.overlay and scene.passes_time):
                break
        return running[::-1]
