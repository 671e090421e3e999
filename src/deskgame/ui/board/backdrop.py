"""The board's unchanging background (the page and its four panels), drawn once per layout.

Filling the canvas and drawing four big rounded panels every frame cost about 0.7 ms;
one blit of a cached backdrop costs a fifth of that (benchmarks/frame_time.py).
"""

from __future__ import annotations

import pygame

from deskgame.ui import theme
from deskgame.ui.board.layout import DETAIL_RECT, TOP, W

_CACHE: dict[tuple, pygame.Surface] = {}  # type: ignore[type-arg]  # by layout and palette


def backdrop(queue: pygame.Rect, team: pygame.Rect, feed: pygame.Rect) -> pygame.Surface:
    key = (tuple(queue), tuple(team), tuple(feed), theme.BACKGROUND, theme.PANEL, theme.PANEL_EDGE)
    surface = _CACHE.get(key)
    if surface is None:
        if len(_CACHE) > 8:
            _CACHE.clear()
        surface = pygame.Surface(theme.LOGICAL_SIZE)
        if pygame.display.get_surface() is not None:
            surface = surface.convert()  # the canvas's own format: the cheapest blit
        surface.fill(theme.BACKGROUND)
        pygame.draw.rect(surface, theme.PANEL, (0, 0, W, TOP))
        for rect in (queue, team, feed, DETAIL_RECT):
            pygame.draw.rect(surface, theme.PANEL, rect.inflate(-8, -8), border_radius=8)
            if theme.PANEL_EDGE is not None:  # high contrast: black panels on black, edged
                pygame.draw.rect(surface, theme.PANEL_EDGE, rect.inflate(-8, -8), 2, border_radius=8)
        _CACHE[key] = surface
    return surface
