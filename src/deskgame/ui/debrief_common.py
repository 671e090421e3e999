"""What every screen between rounds shares: the heading, the verdict banner, arrows, key hints.

Kept apart from the scenes so Awareness, Will, Action, the journey and the ending draw
their tops and their footers the same way (and import each other not at all).
"""

from __future__ import annotations

import functools

import pygame

from deskgame.report.compare import MARK_WORDS
from deskgame.ui import theme
from deskgame.ui.debrief_chart import marker_sign
from deskgame.ui.text import blit, wrap
from deskgame.ui.text import width as text_width
from deskgame.ui.verdict import Verdict
from deskgame.ui.widgets import banner, banner_layout

W, H = theme.LOGICAL_SIZE
LINE = 28  # a line of body text
STEPS = "1 Awareness · 2 Will · 3 Action"


def footer_top(words: str) -> int:
    """Where ``footer`` will put the top of ``words`` (it wraps them, never cuts)."""
    return H - 12 - LINE * len(wrap(words, theme.SIZE_SMALL, W - 80))


def panel(surface: pygame.Surface, rect: pygame.Rect) -> None:
    """A debrief panel: its fill, and in high contrast an edge (a black panel on a black page
    would otherwise not be seen)."""
    pygame.draw.rect(surface, theme.PANEL, rect, border_radius=10)
    if theme.PANEL_EDGE is not None:
        pygame.draw.rect(surface, theme.PANEL_EDGE, rect, 2, border_radius=10)


def heading(surface: pygame.Surface, text: str, step: str, onward: str = "") -> None:
    """The step, the screen's title and, top right, what Enter does next."""
    surface.fill(theme.BACKGROUND)
    room = W - 80
    if onward:
        room -= text_width(onward, theme.SIZE_ROOM_BODY, bold=True) + 24
        blit(surface, onward, (W - 40, 28), theme.SIZE_ROOM_BODY, theme.YELLOW, bold=True, anchor="topright")
    if text_width(step, theme.SIZE_BODY) > room:  # large text: the step gives way to what Enter does
        step = step.split(" · ")[0]
    blit(surface, step, (40, 22), theme.SIZE_BODY, theme.TEXT_DIM)
    blit(surface, text, (40, 46), theme.SIZE_HEADING, theme.TEXT, bold=True)


def verdict_banner(surface: pygame.Surface, verdict: Verdict | None, top: int = 84) -> int:
    """The business's verdict right under the heading, full width; how far it pushes the page down."""
    if verdict is None:
        return 0
    box, _ = banner(surface, (40, top), W - 80, verdict.headline, verdict.lines, verdict.fill, verdict.sign)
    return box.bottom - top + 8


def banner_height(verdict: Verdict | None) -> int:
    """The height ``verdict_banner`` will take (0 with no verdict)."""
    if verdict is None:
        return 0
    return banner_layout(W - 80, verdict.headline, verdict.lines).height + 8


def footer(surface: pygame.Surface, words: str, colour: tuple[int, int, int] = theme.TEXT_DIM) -> int:
    """The keys of the screen along its bottom (wrapped, never cut); returns its top."""
    lines = wrap(words, theme.SIZE_SMALL, W - 80)
    top = H - 12 - LINE * len(lines)
    for i, line in enumerate(lines):
        blit(surface, line, (W // 2, top + i * LINE), theme.SIZE_SMALL, colour, anchor="midtop")
    return top


def arrow(surface: pygame.Surface, centre: tuple[int, int], direction: str, better: bool | None) -> None:
    """Up, down, "steady" (a right arrow: it moved too little to count) or "equal" ("=", only
    between figures that read the same), as a shape (the game's font has no arrow glyph) in a
    colour that says good or bad news; the shape alone carries the meaning for anyone who
    cannot tell colours.  ``direction`` is a ``Change.mark``."""
    colour = theme.TEXT_DIM if better is None else theme.INK_GOOD if better else theme.INK_BAD
    x, y = centre
    if direction == "up":
        pygame.draw.polygon(surface, colour, [(x, y - 9), (x + 9, y + 6), (x - 9, y + 6)])
    elif direction == "down":
        pygame.draw.polygon(surface, colour, [(x, y + 9), (x + 9, y - 6), (x - 9, y - 6)])
    elif direction == "steady":  # moved a little: an arrow onward, never "=" between unequal figures
        pygame.draw.rect(surface, colour, (x - 9, y - 1, 11, 3))
        pygame.draw.polygon(surface, colour, [(x + 1, y - 7), (x + 10, y), (x + 1, y + 7)])
    elif direction in ("same", "equal"):
        pygame.draw.rect(surface, colour, (x - 8, y - 5, 16, 3))
        pygame.draw.rect(surface, colour, (x - 8, y + 2, 16, 3))
    # "apart" (nothing to compare with): no mark at all


JUDGED_SIZE = 20  # the tick or cross after a compared figure (the chart's are 22)


def judged(surface: pygame.Surface, centre: tuple[int, int], better: bool) -> None:
    """A change's verdict as a shape as well as a colour: a tick (better) or a cross (worse)
    on a disc, the chart's own signs.  The arrow before it says only which way the figure
    went; a satisfaction up and a wait up were one shape in two colours, and in a
    deuteranope's eyes beige and mustard."""
    ink = theme.INK_GOOD if better else theme.INK_BAD
    marker_sign(surface, "good" if better else "bad", centre, ink, theme.PANEL, JUDGED_SIZE)


def mark_key(surface: pygame.Surface, pos: tuple[int, int], anchor: str = "topleft") -> pygame.Rect:
    """The one mark a room could misread, explained where it is drawn: "-> steady".  (The
    Awareness help page says it at length: moved, but too little to count.)"""
    words = MARK_WORDS["steady"]
    w = 30 + text_width(words, theme.SIZE_SMALL)
    box = pygame.Rect(0, 0, w, LINE)
    setattr(box, anchor, pos)
    arrow(surface, (box.x + 10, box.y + LINE // 2 - 1), "steady", None)
    blit(surface, words, (box.x + 30, box.y), theme.SIZE_SMALL, theme.TEXT_DIM)
    return box


@functools.lru_cache(maxsize=512)
def flow_wrap(words: str, size: int, widths: tuple[int, ...], bold: bool = False) -> tuple[str, ...]:
    """Words flowed into lines whose widths change down the text: line ``i`` is at most
    ``widths[i]`` wide (the last width holds for the rest).  For text that starts beside
    something (a panel, a heading on its line) and may run wider once past it."""
    lines: list[str] = []
    line = ""
    for word in words.split():
        width = widths[min(len(lines), len(widths) - 1)]
        trial = f"{line} {word}".strip()
        if not line or text_width(trial, size, bold) <= width:
            line = trial
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return tuple(lines)


def paragraph(surface: pygame.Surface, words: str, pos: tuple[int, int], width: int,
              colour: tuple[int, int, int] = theme.TEXT, bold: bool = False, limit: int | None = None) -> int:
    """Wrapped body text from ``pos``; returns the y under it.  ``limit``: the lowest y a line may
    end at (lines that would pass it are left for the screen to say elsewhere)."""
    x, y = pos
    for line in wrap(words, theme.SIZE_BODY, width, bold):
        if limit is not None and y + LINE > limit:
            break
        blit(surface, line, (x, y), theme.SIZE_BODY, colour, bold=bold)
        y += LINE
    return y
