"""The screens around play: title and scenario picker, briefing (the ending is in ``ending``)."""

from __future__ import annotations

from pathlib import Path

import pygame

from deskgame.scenario.catalog import BundledScenario, bundled_scenarios
from deskgame.ui import theme
from deskgame.ui.scenes.base import Scene
from deskgame.ui.text import blit, wrap

W, H = theme.LOGICAL_SIZE
CONTINUE_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE)


def is_continue(event: pygame.event.Event) -> bool:
    """Enter, Space or a click: the "carry on" of every screen between rounds."""
    return (event.type == pygame.KEYDOWN and event.key in CONTINUE_KEYS) or (
        event.type == pygame.MOUSEBUTTONDOWN and event.button == 1
    )


def _panel(surface: pygame.Surface, rect: pygame.Rect) -> None:
    pygame.draw.rect(surface, theme.PANEL, rect, border_radius=12)


class TitleScene(Scene):
    """Pick a bundled scenario with Up/Down and Enter."""

    def __init__(self, app):  # type: ignore[no-untyped-def]
        super().__init__(app)
        self.items = [item for item in bundled_scenarios() if not item.name.startswith("examples/")]
        self.index = next((i for i, item in enumerate(self.items) if item.name == "standard-monday"), 0)
        self.unfinished = app.saves.unfinished() if app.saves.enabled else None
        self.problem = ""  # why the offered save could not be carried on (shown until another choice)
        if self.unfinished is not None:
            # The latest unfinished session comes first: a crashed laptop is one Enter away.
            self.items.insert(
                0,
                BundledScenario(
                    "resume", self.unfinished, "Carry on the unfinished session", self.unfinished.name
                ),
            )
            self.index = 0

    def handle_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_DOWN:
                self.index = (self.index + 1) % len(self.items)
            elif event.key == pygame.K_UP:
                self.index = (self.index - 1) % len(self.items)
            elif event.key in CONTINUE_KEYS:
                self._choose(self.index)
            return True
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            for i, _ in enumerate(self.items):
                if self._row(i).collidepoint(event.pos):
                    if i == self.index:
                        self._choose(i)
                    self.index = i
                    return True
        return False

    def _choose(self, index: int) -> None:
        item = self.items[index]
        if item.name == "resume":
            self.go("resume", path=item.path)
        else:
            self.go("scenario", path=item.path)

    def cannot_resume(self, path: Path, error: Exception) -> None:
        """The offered save reads but cannot be carried on: say why and offer the scenarios."""
        reason = str(error).removeprefix(f"{path}: ")
        self.problem = f"Cannot carry on {path.name}: {reason}"
        self.items = [item for item in self.items if not (item.name == "resume" and item.path == path)]
        self.index = next((i for i, it in enumerate(self.items) if it.name == "standard-monday"), 0)

    def _row(self, i: int) -> pygame.Rect:
        return pygame.Rect(W // 2 - 480, 240 + i * 122, 960, 114)

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(theme.BACKGROUND)
        blit(surface, "deskgame", (W // 2, 40), theme.SIZE_TITLE, theme.TEXT, bold=True, anchor="midtop")
        blit(
            surface,
            "A day at the service desk. Be a service, not a servant.",
            (W // 2, 110),
            theme.SIZE_HEADING,
            theme.TEXT_DIM,
            anchor="midtop",
        )
        blit(
            surface,
            "Choose a scenario (Up/Down, Enter) · S settings · F1 help",
            (W // 2, 180),
            theme.SIZE_BODY,
            theme.TEXT_DIM,
            anchor="midtop",
        )
        if self.problem:
            for row, line in enumerate(wrap(self.problem, theme.SIZE_BODY, W - 160)[:3]):
                blit(surface, line, (W // 2, H - 110 + row * 30), theme.SIZE_BODY, theme.ORANGE,
                     anchor="midtop")
        for i, item in enumerate(self.items):
            rect = self._row(i)
            pygame.draw.rect(
                surface, theme.CARD_SELECTED if i == self.index else theme.CARD, rect, border_radius=8
            )
            blit(surface, item.title, (rect.x + 20, rect.y + 10), theme.SIZE_HEADING, theme.TEXT, bold=True)
            for j, line in enumerate(wrap(item.summary, theme.SIZE_SMALL, rect.width - 40)[:2]):
                blit(surface, line, (rect.x + 20, rect.y + 50 + 28 * j), theme.SIZE_SMALL, theme.TEXT_DIM)


class StepScene(Scene):
    """A screen on the way: Enter, Space or a click goes on; in demo mode it goes on by itself."""

    def proceed(self) -> None:  # pragma: no cover - every step scene says where it leads
        raise NotImplementedError

    def handle_event(self, event: pygame.event.Event) -> bool:
        if is_continue(event):
            self.proceed()
            return True
        return False

    def update(self, real_seconds: float) -> None:
        self.app.autoplay_wait(self.proceed)


class BriefingScene(StepScene):
    """The scenario's briefing and the table roles; Enter starts round 1."""

    def proceed(self) -> None:
        self.go("play")

    def draw(self, surface: pygame.Surface) -> None:
        scenario = self.app.live.scenario
        surface.fill(theme.BACKGROUND)
        blit(surface, scenario.title, (W // 2, 50), theme.SIZE_TITLE, theme.TEXT, bold=True, anchor="midtop")
        box = pygame.Rect(80, 120, W - 160, 420)
        _panel(surface, box)
        y = box.y + 24
        paragraphs = "\n".join(" ".join(p.split()) for p in scenario.briefing.split("\n\n"))
        for line in wrap(paragraphs, theme.SIZE_BODY, box.width - 60)[:13]:
            blit(surface, line, (box.x + 30, y), theme.SIZE_BODY, theme.TEXT)
            y += 29
        roles = (
            "Around the table: a driver at the keyboard, a triage lead for priorities, a comms lead "
            "for callers and broadcasts, an observer who notes the moments of truth."
        )
        y = box.bottom + 12
        for line in wrap(roles, theme.SIZE_BODY, W - 160):
            blit(surface, line, (80, y), theme.SIZE_BODY, theme.TEXT_DIM)
            y += 28
        blit(
            surface,
            f"{scenario.rounds} round{'s' if scenario.rounds > 1 else ''} · press Enter to "
            "open the desk · F1 for keys",
            (W // 2, H - 60),
            theme.SIZE_BODY,
            theme.YELLOW,
            anchor="midtop",
        )
