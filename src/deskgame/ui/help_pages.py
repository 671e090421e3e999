"""The help box's pages: the texts of ``help_texts`` wrapped and cut into screens that fit.

A long text becomes several pages rather than smaller letters or a cut: every line is
body text (capitals of 17 px at 720p, 20 px in large text) and nothing is left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

import pygame

from deskgame.ui import help_texts, text, theme
from deskgame.ui.board import legend
from deskgame.ui.widgets import modal

BOX = (1160, 660)
MARGIN = 40
HEAD = 68  # the page's title
FOOT = 52  # the page counter and the keys
PARAGRAPH_GAP = 10
KEY_COLUMN = 380
MIN_HEIGHT = 300


@dataclass
class Leaf:
    """One screenful: a title and what it shows (lines of text, key rows or legend rows)."""

    title: str
    kind: str  # "text", "keys" or "legend"
    lines: list[str] = field(default_factory=list)  # "" separates paragraphs
    keys: list[tuple[str, str]] = field(default_factory=list)
    rows: list[legend.Row] = field(default_factory=list)


def body_rect() -> pygame.Rect:
    box = pygame.Rect((0, 0), BOX)
    box.center = (theme.LOGICAL_SIZE[0] // 2, theme.LOGICAL_SIZE[1] // 2)
    return pygame.Rect(box.x + MARGIN, box.y + HEAD, box.width - 2 * MARGIN, box.height - HEAD - FOOT)


# Where a sentence ends: after . ! or ? (and a closing bracket or quote), a space, and a
# capital, a digit or an opening mark ("with '!' an event" does not end at the '!').
SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][)'\"]))\s+(?=[A-Z0-9'\"(])")


def sentences(paragraph: str) -> list[str]:
    """A paragraph's sentences, in order (joined by a space they are the paragraph again)."""
    return [part for part in SENTENCE_END.split(paragraph) if part]


def _text_leaves(title: str, words: str, body: pygame.Rect) -> list[Leaf]:
    """Pages that break only between paragraphs or sentences: a page that ended "then press
    Enter to decide what to" left the room reading half an instruction.  Each page takes as
    many whole sentences as fit; only a sentence taller than a whole page is cut by lines."""
    step = text.line_height(theme.SIZE_BODY)
    leaves: list[Leaf] = []
    lines: list[str] = []
    used = 0

    def turn() -> None:
        nonlocal lines, used
        leaves.append(Leaf(title, "text", lines))
        lines, used = [], 0

    for paragraph in words.split("\n"):
        pending = sentences(paragraph) or [""]
        while pending:
            gap = PARAGRAPH_GAP if lines else 0
            taken: list[str] = []
            for count in range(len(pending), 0, -1):
                wrapped = text.wrap(" ".join(pending[:count]), theme.SIZE_BODY, body.width)
                if used + gap + step * len(wrapped) <= body.height:
                    taken, pending = wrapped, pending[count:]
                    break
            if not taken and lines:
                turn()  # not one more sentence fits here: it starts the next page
                continue
            if not taken:  # one sentence taller than a page: by lines, as much as fits
                wrapped = text.wrap(pending[0], theme.SIZE_BODY, body.width)
                room = max(1, body.height // step)
                taken = wrapped[:room]
                pending = [" ".join(wrapped[room:])] + pending[1:] if wrapped[room:] else pending[1:]
            if gap:
                lines.append("")
            lines.extend(taken)
            used += gap + step * len(taken)
            if pending:
                turn()  # the paragraph goes on, on the next page
    if lines:
        leaves.append(Leaf(title, "text", lines))
    return leaves


def _chunks(heights: list[int], room: int) -> list[range]:
    """Items of ``heights`` over as few pages of ``room`` as fit, shared out evenly (five and
    five, not eight and two); each page holds at least one item."""

    def greedy(most: int) -> list[range]:
        pages: list[range] = []
        start, used = 0, 0
        for index, height in enumerate(heights):
            if index > start and (used + height > room or index - start >= most):
                pages.append(range(start, index))
                start, used = index, 0
            used += height
        pages.append(range(start, len(heights)))
        return pages

    fewest = greedy(len(heights))
    even = greedy(-(-len(heights) // len(fewest)))
    return even if len(even) == len(fewest) else fewest


def _key_leaves(title: str, body: pygame.Rect) -> list[Leaf]:
    step = text.line_height(theme.SIZE_BODY) + 8
    rows = help_texts.BOARD_KEYS + help_texts.OTHER_KEYS
    heights = [step * len(text.wrap(m, theme.SIZE_BODY, body.width - KEY_COLUMN)) for _, m in rows]
    return [Leaf(title, "keys", keys=[rows[i] for i in page]) for page in _chunks(heights, body.height)]


def legend_rows() -> list[legend.Row]:
    """The board legend's rows, in the help box's words (``help_texts.LEGEND_HELP_WORDS``)."""
    return [replace(row, words=help_texts.LEGEND_HELP_WORDS.get(row.short, row.words)) for row in legend.ROWS]


def _legend_leaves(title: str, body: pygame.Rect) -> list[Leaf]:
    rows = legend_rows()
    heights = [legend.row_height(row, body.width, False) for row in rows]
    return [Leaf(title, "legend", rows=[rows[i] for i in page]) for page in _chunks(heights, body.height)]


def build(topic: str) -> list[Leaf]:
    """Every page of ``topic``'s help, cut to fit the box at the current text size."""
    body = body_rect()
    leaves: list[Leaf] = []
    for title, words in help_texts.pages(topic):
        if words == help_texts.LEGEND:
            leaves.extend(_legend_leaves(title, body))
        elif words == help_texts.KEYS_PAGE:
            leaves.extend(_key_leaves(title, body))
        else:
            leaves.extend(_text_leaves(title, words, body))
    return leaves


def content_height(leaf: Leaf, width: int) -> int:
    """How tall a page's words or rows are."""
    step = text.line_height(theme.SIZE_BODY)
    if leaf.kind == "text":
        return sum(step if line else PARAGRAPH_GAP for line in leaf.lines)
    if leaf.kind == "keys":
        return sum((step + 8) * len(text.wrap(m, theme.SIZE_BODY, width - KEY_COLUMN)) for _, m in leaf.keys)
    return sum(legend.row_height(row, width, False) for row in leaf.rows)


def box_size(leaves: list[Leaf]) -> tuple[int, int]:
    """As tall as the tallest page needs (the same for every page, so turning does not jump)."""
    body = body_rect()
    tallest = max(content_height(leaf, body.width) for leaf in leaves)
    return BOX[0], min(BOX[1], max(MIN_HEIGHT, HEAD + tallest + 16 + FOOT))


def draw(surface: pygame.Surface, leaves: list[Leaf], index: int, waits: bool = False) -> pygame.Rect:
    """The box over the screen, one page of it, and where the reader is."""
    box = modal(surface, box_size(leaves), 210, theme.SKY)
    body = pygame.Rect(box.x + MARGIN, box.y + HEAD, box.width - 2 * MARGIN, box.height - HEAD - FOOT)
    leaf = leaves[index]
    text.blit(surface, leaf.title, (box.x + MARGIN, box.y + 18), theme.SIZE_HEADING, theme.TEXT, bold=True)
    if leaf.kind == "text":
        y = body.y
        step = text.line_height(theme.SIZE_BODY)
        for line in leaf.lines:
            if not line:
                y += PARAGRAPH_GAP
                continue
            text.blit(surface, line, (body.x, y), theme.SIZE_BODY, theme.TEXT)
            y += step
    elif leaf.kind == "keys":
        y = body.y
        step = text.line_height(theme.SIZE_BODY) + 8
        for keys, meaning in leaf.keys:
            text.blit(surface, keys, (body.x, y), theme.SIZE_BODY, theme.YELLOW, bold=True)
            lines = text.wrap(meaning, theme.SIZE_BODY, body.width - KEY_COLUMN)
            for i, line in enumerate(lines):
                text.blit(surface, line, (body.x + KEY_COLUMN, y + i * step), theme.SIZE_BODY, theme.TEXT)
            y += step * len(lines)
    else:
        legend.draw_rows(surface, leaf.rows, body.topleft, body.width)
    where = f"Page {index + 1} of {len(leaves)}"
    turn = " · Left/Right turns the page" if len(leaves) > 1 else ""
    closes = " · F1 or Esc closes" + (": the game waits till then" if waits else "")
    if waits and text.width(f"{where}{turn}{closes}", theme.SIZE_BODY) > box.width - 24:
        turn = " · Left/Right" if len(leaves) > 1 else ""
    text.blit(
        surface,
        f"{where}{turn}{closes}",
        (box.centerx, box.bottom - FOOT + 12),
        theme.SIZE_BODY,
        theme.YELLOW,
        anchor="midtop",
    )
    return box
