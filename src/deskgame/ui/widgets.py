"""Small drawing helpers for the board: priority badges, wait rings, bars, buttons."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pygame

from deskgame.ui import theme
from deskgame.ui.text import blit


def priority_badge(surface: pygame.Surface, priority: str | None, centre: tuple[int, int]) -> None:
    """Priority by shape and label as well as colour (colour-blind safe)."""
    colour = theme.PRIORITY_COLOUR[priority]
    x, y = centre
    r = 15
    shape = theme.PRIORITY_SHAPE[priority]
    if shape == "diamond":
        pygame.draw.polygon(surface, colour, [(x, y - r - 2), (x + r + 2, y), (x, y + r + 2), (x - r - 2, y)])
    elif shape == "triangle":
        pygame.draw.polygon(surface, colour, [(x, y - r - 1), (x + r + 2, y + r), (x - r - 2, y + r)])
    elif shape == "square":
        pygame.draw.rect(surface, colour, (x - r, y - r, 2 * r, 2 * r), border_radius=3)
    elif shape == "circle":
        pygame.draw.circle(surface, colour, (x, y), r + 1)
    else:
        pygame.draw.rect(surface, colour, (x - r, y - 4, 2 * r, 8), border_radius=3)
    if priority:
        blit(
            surface,
            priority,
            (x, y + (3 if shape == "triangle" else 0)),
            theme.SIZE_SMALL,
            theme.BLACK,
            bold=True,
            anchor="center",
        )


def wait_ring(surface: pygame.Surface, centre: tuple[int, int], share: float, radius: int = 15) -> None:
    """A ring that fills as the wait approaches its target; past it the ring turns red."""
    colour = theme.GOOD if share < 0.6 else theme.WARN if share < 1.0 else theme.BAD
    pygame.draw.circle(surface, theme.PANEL_LIGHT, centre, radius, 4)
    angle = min(share, 1.0) * 2 * math.pi
    if angle > 0.01:
        rect = pygame.Rect(0, 0, 2 * radius, 2 * radius)
        rect.center = centre
        pygame.draw.arc(surface, colour, rect, math.pi / 2 - angle, math.pi / 2, 4)
    if share >= 1.0:
        pygame.draw.circle(surface, colour, centre, 5)


def bar(surface: pygame.Surface, rect: pygame.Rect, share: float, colour: tuple[int, int, int]) -> None:
    pygame.draw.rect(surface, theme.PANEL_LIGHT, rect, border_radius=4)
    filled = rect.copy()
    filled.width = max(0, int(rect.width * max(0.0, min(1.0, share))))
    if filled.width:
        pygame.draw.rect(surface, colour, filled, border_radius=4)


@dataclass
class Button:
    """A clickable label with its key; ``action`` is what the scene does when pressed."""

    rect: pygame.Rect
    label: str
    action: str
    tooltip: str = ""
    active: bool = True
    selected: bool = False

    def draw(self, surface: pygame.Surface) -> None:
        fill = theme.CARD_SELECTED if self.selected else theme.CARD if self.active else theme.PANEL
        pygame.draw.rect(surface, fill, self.rect, border_radius=6)
        pygame.draw.rect(surface, theme.PANEL_LIGHT, self.rect, 1, border_radius=6)
        colour = theme.TEXT if self.active else theme.TEXT_DIM
        blit(surface, self.label, self.rect.center, theme.SIZE_SMALL, colour, anchor="center")


def tooltip(surface: pygame.Surface, text: str, pos: tuple[int, int]) -> None:
    from deskgame.ui.text import render

    image = render(text, theme.SIZE_SMALL, theme.TEXT)
    rect = image.get_rect()
    rect.inflate_ip(16, 10)
    rect.topleft = (pos[0] + 14, pos[1] + 18)
    rect.clamp_ip(surface.get_rect())
    pygame.draw.rect(surface, theme.BLACK, rect, border_radius=6)
    pygame.draw.rect(surface, theme.SKY, rect, 1, border_radius=6)
    surface.blit(image, image.get_rect(center=rect.center))


def modal(
    surface: pygame.Surface, size: tuple[int, int], shade: int, border: tuple[int, int, int] | None = None
) -> pygame.Rect:
    """Darken the screen and draw a centred panel of ``size``; returns the panel's rect."""
    veil = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
    veil.fill((0, 0, 0, shade))
    surface.blit(veil, (0, 0))
    box = pygame.Rect((0, 0), size)
    box.center = surface.get_rect().center
    pygame.draw.rect(surface, theme.PANEL, box, border_radius=12)
    if border is not None:
        pygame.draw.rect(surface, border, box, 4, border_radius=12)
    return box
