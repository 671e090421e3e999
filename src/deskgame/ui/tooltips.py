"""Tooltips: what every meter and button on screen means, said where the pointer rests.

Each frame, whatever draws a meter or a button registers its rect and its words here
(``add``); the app clears the list before the top scene draws and, after it, draws the
tooltip of the item under the pointer (``draw_hover``).  One registry means one look for
every tooltip, and tests can enumerate exactly what the room can hover.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from deskgame.ui import text, theme

TIP_WIDTH = 520  # the words' width; the box adds its padding
PAD = 10
OFFSET = (16, 22)  # below right of the pointer, so the pointer never hides the first word


@dataclass(frozen=True)
class Tip:
    """One hoverable thing: where it is and what it says (a disabled button: also why)."""

    rect: pygame.Rect
    words: str


_items: list[Tip] = []
last_drawn: tuple[pygame.Rect, str] | None = None  # the tooltip on screen now (tests read it)


def clear() -> None:
    """Forget last frame's items (the app calls this before the top scene draws)."""
    global last_drawn
    _items.clear()
    last_drawn = None


def add(rect: pygame.Rect | tuple[int, int, int, int], words: str) -> None:
    """Register a meter or a button drawn this frame.  Later items lie on top of earlier ones."""
    if words.strip():
        _items.append(Tip(pygame.Rect(rect), words))


def add_scene(scene: object) -> None:
    """The hoverable things of a screen that are not drawn by the board (title rows, debrief
    markers and cards, end choices): a scene says them through its ``tooltips()`` method."""
    hook = getattr(scene, "tooltips", None)
    if callable(hook):
        for rect, words in hook():
            add(rect, words)


def items() -> list[Tip]:
    return list(_items)


def hit(pos: tuple[int, int]) -> Tip | None:
    """The item under ``pos``: the last registered wins (it was drawn on top)."""
    for tip in reversed(_items):
        if tip.rect.collidepoint(pos):
            return tip
    return None


def box_for(surface: pygame.Surface, words: str, pos: tuple[int, int]) -> tuple[pygame.Rect, list[str]]:
    """Where the tooltip for ``words`` at ``pos`` goes, wholly on ``surface``, and its lines."""
    width = min(TIP_WIDTH, surface.get_width() - 2 * PAD - 4)
    lines = text.wrap(words, theme.SIZE_SMALL, width)
    step = text.line_height(theme.SIZE_SMALL)
    needed = max(text.width(line, theme.SIZE_SMALL) for line in lines)
    rect = pygame.Rect(0, 0, needed + 2 * PAD, step * len(lines) + 2 * PAD - 4)
    rect.topleft = (pos[0] + OFFSET[0], pos[1] + OFFSET[1])
    screen = surface.get_rect()
    if rect.bottom > screen.bottom:  # no room below the pointer: above it, not over it
        rect.bottom = pos[1] - 6
    if rect.right > screen.right:
        rect.right = pos[0] - 6
    rect.clamp_ip(screen)
    return rect, lines


def draw(surface: pygame.Surface, words: str, pos: tuple[int, int]) -> pygame.Rect:
    """A black box with a sky-blue edge and white words (>= 15:1), kept on screen."""
    global last_drawn
    rect, lines = box_for(surface, words, pos)
    text.mark("overlay", rect)
    pygame.draw.rect(surface, theme.BLACK, rect, border_radius=6)
    pygame.draw.rect(surface, theme.SKY, rect, 2, border_radius=6)
    step = text.line_height(theme.SIZE_SMALL)
    for i, line in enumerate(lines):
        at = (rect.x + PAD, rect.y + PAD - 2 + step * i)
        text.blit(surface, line, at, theme.SIZE_SMALL, (255, 255, 255))
    last_drawn = (rect, words)
    return rect


def draw_hover(surface: pygame.Surface, pos: tuple[int, int] | None) -> pygame.Rect | None:
    """The tooltip of whatever is under the pointer, if anything is."""
    if pos is None:
        return None
    tip = hit(pos)
    if tip is None:
        return None
    return draw(surface, tip.words, pos)
