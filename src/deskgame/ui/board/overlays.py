"""What is drawn over the board: toasts, floating numbers, the incident box (help: ui.help_pages)."""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from deskgame.ui import text, theme
from deskgame.ui.board.layout import DETAIL_RECT, DETAIL_TEXT_W, LINE
from deskgame.ui.widgets import modal


@dataclass
class Floater:
    """A number rising from where a moment of truth happened (the feedback at the action)."""

    words: str
    good: bool
    x: int
    y: int
    age: int = 0
    LIFE = 90  # frames

    def box(self) -> pygame.Rect:
        """Where it is now: it rises half a pixel a frame."""
        rect = pygame.Rect(0, 0, text.width(self.words, theme.SIZE_BODY, True) + 16, LINE + 4)
        rect.midbottom = (self.x, self.y - self.age // 2)
        return rect

    def draw(self, surface: pygame.Surface) -> None:
        fill = theme.GREEN if self.good else theme.VERMILLION
        rect = self.box()
        text.mark("overlay", rect)
        pygame.draw.rect(surface, fill, rect, border_radius=8)
        pygame.draw.rect(surface, theme.BLACK, rect, 2, border_radius=8)
        text.blit(surface, self.words, rect.center, theme.SIZE_BODY, theme.BLACK, bold=True, anchor="center")


def toast(surface: pygame.Surface, message: str) -> None:
    """Hints and refusals, over the words of the detail panel (its buttons stay in sight)."""
    lines = text.wrap(message, theme.SIZE_BODY, DETAIL_TEXT_W)
    if len(lines) > 4:
        text.mark(f"cut:{message}")
        lines = lines[:4]
    # The whole of the panel's words, so no half-covered line shows from under it.
    box = pygame.Rect(6, DETAIL_RECT.y + 4, DETAIL_TEXT_W + 30, DETAIL_RECT.height - 8)
    text.mark("overlay", box)
    pygame.draw.rect(surface, theme.BLACK, box, border_radius=8)
    pygame.draw.rect(surface, theme.YELLOW, box, 3, border_radius=8)
    for i, line in enumerate(lines):
        top = box.centery - LINE * len(lines) // 2
        text.blit(surface, line, (box.x + 14, top + LINE * i), theme.SIZE_BODY, theme.YELLOW)


def incident_box(surface: pygame.Surface, service: str) -> None:
    box = modal(surface, (980, 250), 170, theme.VERMILLION)
    text.blit(
        surface,
        "MAJOR INCIDENT",
        (box.centerx, box.y + 20),
        theme.SIZE_TITLE,
        theme.INK_BAD,
        bold=True,
        anchor="midtop",
    )
    words = (
        f"{service} is down. Calls about it are about to pour in. Each status broadcast (B) keeps some "
        "callers away and calms the rest. A specialist with the right skills can restore it sooner. "
        "The game is paused: Enter carries on, B broadcasts now."
    )
    text.blit_lines(surface, words, (box.x + 40, box.y + 90), theme.SIZE_BODY, theme.TEXT, box.width - 80)
