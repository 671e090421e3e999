"""The right column: what customers post, and the moments of truth as they happen (newest first).

Every entry is wrapped in full; older entries give way to newer ones rather than being cut.
"""

from __future__ import annotations

import pygame

from deskgame.engine.world import World
from deskgame.ui import engine_view, help_texts, text, theme, tooltips
from deskgame.ui.board.layout import LINE, Board

POSTS_SHARE = 0.42  # of the column's height


def rating_fill(rating: float, neutral: float) -> tuple[tuple[int, int, int], str]:
    """A rating's chip colour and its shape-word (colour-blind safe: the sign says it too)."""
    if rating > neutral + 5:
        return theme.GREEN, "+"
    if rating < neutral - 15:
        return theme.VERMILLION, "−"
    return theme.PANEL_LIGHT, "="


def draw_feed(surface: pygame.Surface, board: Board, world: World) -> None:
    x, width = board.feed.x + 16, board.feed.width - 32
    y = board.feed.y + 10
    tooltips.add(text.blit(surface, "Social feed", (x, y), theme.SIZE_BODY, theme.TEXT, bold=True),
                 help_texts.FEED_TIP)
    y += LINE + 4
    split = board.feed.y + int(board.feed.height * POSTS_SHARE)
    posts = world.satisfaction.posts[::-1]
    if not posts:
        text.blit(surface, "Quiet so far.", (x, y), theme.SIZE_BODY, theme.TEXT_DIM)
    for post in posts:
        lines = text.wrap(f"@{post.customer}: {post.text}", theme.SIZE_BODY, width)
        if y + LINE * len(lines) > split:
            break
        for line in lines:
            text.blit(surface, line, (x, y), theme.SIZE_BODY, theme.ORANGE)
            y += LINE
        y += 4
    y = split + 4
    tooltips.add(text.blit(surface, "Moments of truth", (x, y), theme.SIZE_BODY, theme.TEXT, bold=True),
                 "Moments of truth: each contact a customer had with the desk, newest first, rated 0-100 "
                 "against what they expected. F1 tells more.")
    y += LINE + 4
    neutral = engine_view.neutral_rating(world)
    for moment in list(world.satisfaction.recent)[::-1]:
        lines = text.wrap(moment.text, theme.SIZE_BODY, width - 58)
        if y + LINE * len(lines) > board.feed.bottom - 8:
            break
        fill, sign = rating_fill(moment.rating, neutral)
        chip_rect = pygame.Rect(x, y, 52, LINE)
        tooltips.add(chip_rect, help_texts.MOMENT_TIP.format(
            sign=sign, rating=moment.rating, meaning=help_texts.MOMENT_MEANING[sign]))
        pygame.draw.rect(surface, fill, chip_rect, border_radius=6)
        ink = theme.BLACK if fill != theme.PANEL_LIGHT else theme.TEXT
        text.blit(
            surface, f"{sign}{moment.rating:.0f}", chip_rect.center, theme.SIZE_BODY, ink, anchor="center"
        )
        for line in lines:
            text.blit(surface, line, (x + 58, y), theme.SIZE_BODY, theme.TEXT)
            y += LINE
        y += 4
