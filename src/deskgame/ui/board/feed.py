"""The right column: what customers post this round, and the moments of truth as they happen
(newest first).

Every entry is wrapped in full; older entries give way to newer ones rather than being cut.
"""

from __future__ import annotations

import pygame

from deskgame.engine.world import World
from deskgame.ui import engine_view, help_texts, text, theme, tooltips
from deskgame.ui.board.icons import rating_chip, rating_chip_width
from deskgame.ui.board.layout import LINE, Board

POSTS_SHARE = 0.42  # of the column's height


def rating_look(rating: float, neutral: float) -> tuple[tuple[int, int, int], str]:
    """A rating's chip colour and its kind (better, expected, worse): the chip's face shows the
    kind by its mouth, so a colour-blind room reads it too."""
    if rating > neutral + 5:
        return theme.GREEN, "better"
    if rating < neutral - 15:
        return theme.VERMILLION, "worse"
    return theme.PANEL_LIGHT, "expected"


def quiet_words(world: World, storms: list[engine_view.Storm] | None, short: bool = False) -> str:
    """What the feed says with no post this round: during a storm, that the storm is on and
    what it does, so the band above ("angry about IT") and the feed never disagree."""
    if storms and short:
        return "No posts yet; a storm is on."
    if storms:
        return (f"No posts yet, but a storm is on: the next let-down caller's post spreads "
                f"{storms[-1].amplify:g}x as far.")
    return "Quiet so far this round." if world.round > 1 and not short else "Quiet so far."


def feed_floor(board: Board, world: World) -> int:
    """How far down the feed column its least must reach: the heading, a line about the posts,
    and the moments' heading with the newest moment whole (a message at the column's foot is
    kept below this, shortened if it has a shorter form)."""
    recent = world.satisfaction.recent
    width = board.feed.width - 32
    first = len(_beside_chip(recent[-1].text, width, rating_chip_width() + 8)) if recent else 0
    line = max(LINE, text.line_height(theme.SIZE_BODY))
    return 10 + (LINE + 4) + (line + 4) + (LINE + 4 + LINE * first) + 4 + 6


def draw_feed(surface: pygame.Surface, board: Board, world: World,
              keep_clear: pygame.Rect | None = None, storms: list[engine_view.Storm] | None = None) -> None:
    """Posts, then moments; with the board's message at the column's foot (``keep_clear``) the
    moments stop above it (the oldest give way) and, if it is tall, the posts give up room.
    The newest post is always shown, whole, even when it needs more than the posts' share
    (large text hid a four-line post and left the feed saying nothing at all)."""
    x, width = board.feed.x + 16, board.feed.width - 32
    bottom = board.feed.bottom - 8 if keep_clear is None else keep_clear.top - 6
    y = board.feed.y + 10
    tooltips.add(text.blit(surface, "Social feed", (x, y), theme.SIZE_BODY, theme.TEXT, bold=True),
                 help_texts.FEED_TIP)
    y += LINE + 4
    split = min(board.feed.y + int(board.feed.height * POSTS_SHARE), bottom - 2 * LINE - 12)
    recent = list(world.satisfaction.recent)[::-1]
    indent = rating_chip_width() + 8
    first = len(_beside_chip(recent[0].text, width, indent)) if recent else 0
    if keep_clear is not None and recent:
        # A message up: the posts give way first, so the heading and the newest moment stay in
        # sight (a room saw every P or U press hide the ticker for three seconds).
        split = min(split, bottom - (LINE + 4 + LINE * first) - 4)
    # This round's posts only: a post from round 1 still on the feed at 08:30 of round 3 read
    # as news (the Awareness screen keeps each round's posts).
    posts = [post for post in world.satisfaction.posts[::-1] if post.round == world.round]
    if not posts:
        said = quiet_words(world, storms)
        room = split if keep_clear is not None and recent else bottom  # the moments keep their room
        if y + text.line_height(theme.SIZE_BODY) * len(text.wrap(said, theme.SIZE_BODY, width)) > room:
            said = quiet_words(world, storms, short=True)  # the board's message needs the room
        y += text.blit_lines(surface, said, (x, y), theme.SIZE_BODY, theme.TEXT_DIM, width)
        split = max(split, y)
    for index, post in enumerate(posts):
        lines = text.wrap(f"@{post.customer}: {post.text}", theme.SIZE_BODY, width)
        if y + LINE * len(lines) > split:
            if index:
                break
            if keep_clear is not None and recent:  # whole after the message; meanwhile, who posted
                # Only what is true now: "(shown when this message goes)" read as a placeholder.
                lines = text.wrap(f"@{post.customer} posted", theme.SIZE_BODY, width)
                if y + LINE * len(lines) > split:
                    break
            elif y + LINE * len(lines) > bottom:
                break
            else:
                split = y + LINE * len(lines)  # the newest post, whole: the moments give way
        for line in lines:
            text.blit(surface, line, (x, y), theme.SIZE_BODY, theme.ORANGE)
            y += LINE
        y += 4
    y = split + 4
    if y + LINE + 4 + LINE * first > bottom:  # no room for the heading and the newest moment
        return  # (a heading over nothing read as "no moments yet")
    tooltips.add(text.blit(surface, "Moments of truth", (x, y), theme.SIZE_BODY, theme.TEXT, bold=True),
                 "Moments of truth: each contact a customer had with the desk, newest first, rated 0-100 "
                 "against what they expected. F1 tells more.")
    y += LINE + 4
    neutral = engine_view.neutral_rating(world)
    for moment in recent:
        lines = _beside_chip(moment.text, width, indent)
        if y + LINE * len(lines) > bottom:
            break
        fill, kind = rating_look(moment.rating, neutral)
        chip_rect = rating_chip(surface, moment.rating, kind, (x, y), fill)
        tooltips.add(chip_rect, help_texts.MOMENT_TIP.format(
            rating=moment.rating, meaning=help_texts.MOMENT_MEANING[kind]))
        for i, line in enumerate(lines):  # the first line beside the chip, the rest under it
            text.blit(surface, line, (x + (indent if i == 0 else 0), y), theme.SIZE_BODY, theme.TEXT)
            y += LINE
        y += 4


def _beside_chip(words: str, width: int, indent: int) -> list[str]:
    """A moment's words: the first line beside its chip, the rest under it at the column's full
    width (so a long moment still fits in large text, where the chip takes more of the line)."""
    beside = text.wrap(words, theme.SIZE_BODY, width - indent)
    first = beside[0] if beside else ""
    if not words.startswith(first):  # a word broken to fit: keep the wrap as it is
        return beside
    rest = words[len(first):].strip()
    return [first] + (text.wrap(rest, theme.SIZE_BODY, width) if rest else [])
