"""What is drawn over the board: toasts, floating numbers, the incident box (help: ui.help_pages)."""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from deskgame.ui import text, theme
from deskgame.ui.board.layout import LINE
from deskgame.ui.widgets import modal


@dataclass
class Floater:
    """A number rising from where a moment of truth happened (the feedback at the action)."""

    words: str
    good: bool
    x: int
    y: int
    age: int = 0
    ticket: str | None = None  # whose moment: the number goes with that ticket's card, or goes
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


# The most of the feed column's height a message may take: a call's hint whole in large text
# under two bands.
TOAST_SHARE = 0.75
TOAST_PAD = 12


def toast_box(message: str, column: pygame.Rect) -> tuple[pygame.Rect, list[str], bool]:
    """Where the board's message goes, its lines, and whether some had to be left out.

    At the foot of the feed column, over the oldest moments of truth: the feed lists fewer of
    them while it is up (``draw_feed`` stops above it), so it covers nothing, and the selected
    ticket's words and buttons in the detail bar stay in sight."""
    width = column.width - 16
    lines = text.wrap(message, theme.SIZE_BODY, width - 2 * TOAST_PAD)
    most = max(1, int((column.height * TOAST_SHARE - 2 * TOAST_PAD) // LINE))
    cut = len(lines) > most
    lines = lines[:most]
    height = LINE * len(lines) + 2 * TOAST_PAD
    return pygame.Rect(column.x + 8, column.bottom - 8 - height, width, height), lines, cut


def toast(surface: pygame.Surface, message: str, column: pygame.Rect) -> None:
    """Hints, refusals and confirmations, at the foot of the feed column (see ``toast_box``)."""
    box, lines, cut = toast_box(message, column)
    if cut:
        text.mark(f"cut:{message}")
    text.mark("overlay", box)
    pygame.draw.rect(surface, theme.BLACK, box, border_radius=8)
    pygame.draw.rect(surface, theme.YELLOW, box, 3, border_radius=8)
    for i, line in enumerate(lines):
        at = (box.x + TOAST_PAD, box.y + TOAST_PAD + LINE * i)
        text.blit(surface, line, at, theme.SIZE_BODY, theme.YELLOW)


def incident_words(service: str, has_fix: bool) -> str:
    """What the pop-up says: the restore sentence only when a fix exists (an outage injected
    from the console has none, and "a specialist can restore it sooner" sent a room hunting
    for a fix ticket that was never there)."""
    fix = "A specialist with the right skills can restore it sooner: assign the fix ticket. " if has_fix \
        else "No fix ticket: it comes back by itself. "
    return (f"{service} is down. Calls about it are about to pour in. Each status broadcast (B) keeps some "
            f"callers away and calms the rest. {fix}The game is paused: Enter carries on, B broadcasts now.")


def incident_box(surface: pygame.Surface, service: str, has_fix: bool = True) -> None:
    words = incident_words(service, has_fix)
    lines = len(text.wrap(words, theme.SIZE_BODY, 980 - 80))  # sized to its words: large text needs more
    box = modal(surface, (980, max(250, 90 + lines * text.line_height(theme.SIZE_BODY) + 24)), 170,
                theme.VERMILLION)
    text.blit(
        surface,
        "MAJOR INCIDENT",
        (box.centerx, box.y + 20),
        theme.SIZE_TITLE,
        theme.INK_BAD,
        bold=True,
        anchor="midtop",
    )
    text.blit_lines(surface, words, (box.x + 40, box.y + 90), theme.SIZE_BODY,
                    theme.TEXT, box.width - 80)
