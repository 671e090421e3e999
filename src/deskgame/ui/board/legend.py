"""The board's legend: each icon, ring and badge drawn as the board draws it, with what it means.

The same rows serve the help box's legend pages (full words) and the compact legend that
F2 lays over the board's right side (short words), so the two can never disagree with the
board: they call the board's own drawing functions.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pygame

from deskgame.ui import text, theme
from deskgame.ui.board.icons import (
    avatar,
    channel_icon,
    chip,
    impact_mark,
    kind_icon,
    rating_chip,
    rating_chip_width,
    wait_ring,
)
from deskgame.ui.board.overlays import Floater
from deskgame.ui.board.topbar import WARN_MARGIN
from deskgame.ui.widgets import priority_shape

ROW_GAP = 10
COMPACT_ROW_GAP = 8  # F2's legend over the board: tighter, so it fits under the top bar in large text
CALL_WORDS = {"end_run": "END-RUN", "byod": "BYOD", "fake_emergency": "EMERGENCY?"}


def _priorities(surface: pygame.Surface, x: int, y: int) -> int:
    for i, priority in enumerate(("P1", "P2", "P3", "P4")):
        cx = x + 12 + i * 66
        priority_shape(surface, priority, (cx, y + 14))
        text.blit(surface, priority, (cx + 14, y), theme.SIZE_BODY, theme.TEXT, bold=True)
    return 4 * 66


def _no_priority(surface: pygame.Surface, x: int, y: int) -> int:
    priority_shape(surface, None, (x + 12, y + 14))
    return 24


def _kinds(surface: pygame.Surface, x: int, y: int) -> int:
    kind_icon(surface, "incident", (x + 12, y + 14))
    kind_icon(surface, "request", (x + 44, y + 14))
    return 60


def _channels(surface: pygame.Surface, x: int, y: int) -> int:
    for i, channel in enumerate(("phone", "email", "portal", "walk_up", "social")):
        channel_icon(surface, channel, (x + 12 + i * 34, y + 14), theme.TEXT_DIM)
    return 5 * 34


def _rings(surface: pygame.Surface, x: int, y: int) -> int:
    for i, share in enumerate((0.3, 0.8, 1.2)):
        wait_ring(surface, (x + 18 + i * 44, y + 14), share)
    return 3 * 44


def _impacts(surface: pygame.Surface, x: int, y: int) -> int:
    for i, level in enumerate(("low", "medium", "high")):
        impact_mark(surface, level, (x + 16 + i * 42, y + 24))
    return 3 * 42


def _moments(surface: pygame.Surface, x: int, y: int) -> int:
    step = rating_chip_width() + 6
    examples = ((theme.GREEN, "better", 71), (theme.PANEL_LIGHT, "expected", 62),
                (theme.VERMILLION, "worse", 30))
    for i, (fill, kind, rating) in enumerate(examples):
        rating_chip(surface, rating, kind, (x + i * step, y), fill)
    return 3 * step


def _call(surface: pygame.Surface, x: int, y: int) -> int:
    rect = chip(surface, CALL_WORDS["end_run"], (x, y - 1), theme.CALL_COLOUR["end_run"])
    return rect.width


def _hidden(surface: pygame.Surface, x: int, y: int) -> int:
    rect = pygame.Rect(x, y - 2, 120, 32)
    pygame.draw.rect(surface, theme.CARD, rect, border_radius=6)
    for dx in range(rect.x + 4, rect.right - 8, 16):
        pygame.draw.line(surface, theme.PURPLE, (dx, rect.y + 1), (dx + 8, rect.y + 1), 3)
        pygame.draw.line(surface, theme.PURPLE, (dx, rect.bottom - 2), (dx + 8, rect.bottom - 2), 3)
    return rect.width


def _avatars(surface: pygame.Surface, x: int, y: int) -> int:
    for i, role in enumerate(("desk", "specialist", "field")):
        avatar(surface, role, i, (x + 16 + i * 40, y + 10), role)
    return 116


def _frames(surface: pygame.Surface, x: int, y: int) -> int:
    """The two frames a card can wear, as the board draws them: white round the selected
    ticket (queue.py), yellow where a ticket just went when answered or assigned (feedback.py)."""
    selected = pygame.Rect(x + 2, y - 2, 70, 32)
    pygame.draw.rect(surface, theme.CARD_SELECTED, selected, border_radius=6)
    pygame.draw.rect(surface, theme.TEXT, selected, 2, border_radius=6)
    glow = pygame.Rect(x + 96, y - 2, 70, 32)
    pygame.draw.rect(surface, theme.CARD, glow, border_radius=6)
    pygame.draw.rect(surface, theme.YELLOW, glow.inflate(6, 6), 4, border_radius=8)
    return 172


def _trust_frame(surface: pygame.Surface, x: int, y: int) -> int:
    """The trust meter's warning, as the top bar flashes it (topbar._line_mark)."""
    label = text.blit(surface, "Trust", (x + 8, y), theme.SIZE_BODY, theme.TEXT_DIM)
    pygame.draw.rect(surface, theme.ORANGE, label.inflate(16, 6), 3, border_radius=6)
    return label.width + 20


def _floater(surface: pygame.Surface, x: int, y: int) -> int:
    """A rising number as the board draws it, naming its ticket as it does off its card."""
    shown = Floater("T0026 Sales -4", False, 0, 0)
    box = shown.box()
    shown.x, shown.y = x + box.width // 2, y + box.height - 2
    shown.draw(surface)
    return box.width


def _skill(surface: pygame.Surface, x: int, y: int) -> int:
    return chip(surface, "email", (x, y - 1), theme.PANEL_LIGHT, theme.TEXT).width


def _needs(surface: pygame.Surface, x: int, y: int) -> int:
    return text.blit(surface, "needs email", (x, y), theme.SIZE_BODY, theme.INK_WARN).width


@dataclass(frozen=True)
class Row:
    draw: Callable[[pygame.Surface, int, int], int]  # draws at (x, y), returns the width used
    width: int  # the room the symbols take (so the words line up)
    words: str  # in the help box
    short: str  # in the compact legend


ROWS = [  # queue cards first, then the team, the feed and the top bar (F2 pages keep that order)
    Row(_priorities, 270, "Priority: agents pull P1 first, then P2, P3, P4.", "priority, P1 first"),
    Row(_no_priority, 270, "A grey dash where the priority goes: nobody has set one yet, so the "
        "ticket waits in arrival order (P sets it).", "no priority set yet"),
    Row(_kinds, 270, "A bolt is something broken (an incident); a parcel is something wanted "
        "(a request).", "incident · request"),
    Row(_channels, 270, "How it came in: phone, mail, portal, walk-up, social media.",
        "phone mail portal walk-up social"),
    Row(_rings, 270, "Wait ring: how much of its response target a ticket has waited. It fills "
        "clockwise, turns amber from 60% and red with a dot once the target has passed.",
        "wait: early · amber · late"),
    Row(_impacts, 270, "Business impact, under the wait ring: one bar low, two medium, three high. "
        "Priority follows it, never the caller's rank.", "impact, low to high"),
    Row(_call, 270, "A ringing call (end-run, BYOD or emergency?) with its seconds left: answer "
        "with the buttons on the card.", "ringing call: answer it"),
    Row(_needs, 270, "Amber words on a card: why nobody free takes that ticket (who could, and "
        "what they are doing).", "why it waits"),
    Row(_frames, 270, "A white frame: the ticket you selected (its actions are at the bottom). A "
        "yellow frame that fades: where a ticket just went when it was answered or assigned, on "
        "its queue card or on the card of the person who has it.",
        "selected · just answered or assigned"),
    Row(_avatars, 270, "Team members: round shoulders work the desk, a square collar is a "
        "specialist, a pointed cape goes out to people (field).", "desk · specialist · field"),
    Row(_skill, 270, "A skill chip beside a name: the kinds of ticket that person can do.",
        "a skill they have"),
    Row(_hidden, 270, "Pink dashed lines along the top and bottom of a card: someone busy with an "
        "end-run off the books (no ticket, no SLA, no credit).", "work off the books"),
    Row(_moments, 270, "Moment of truth, rated 0-100 by the customer; the face says how it felt: a "
        "smile better than expected, straight as expected, a frown clearly worse.",
        "rated: better · as expected · worse"),
    Row(_floater, 270, "A number rising from a card: how many points that moment of truth moved "
        "its department's satisfaction (green up, red down). Where it cannot sit on its own card "
        "it names the ticket.", "a moment moved a department"),
    Row(_trust_frame, 270, f"A frame flashing round Trust: trust has just come within "
        f"{WARN_MARGIN:g} points of the outsourcing line (orange), or fallen below it (red).",
        "trust near the line (red: below)"),
]


def row_height(row: Row, width: int, compact: bool) -> int:
    words = row.short if compact else row.words
    lines = text.wrap(words, theme.SIZE_BODY, max(80, width - row.width - 16))
    return max(32, text.line_height(theme.SIZE_BODY) * len(lines)) + (COMPACT_ROW_GAP if compact else ROW_GAP)


def draw_rows(surface: pygame.Surface, rows: list[Row], topleft: tuple[int, int], width: int,
              compact: bool = False) -> int:
    """Draw ``rows`` from ``topleft`` within ``width``; returns the height used."""
    x, y = topleft
    start = y
    step = text.line_height(theme.SIZE_BODY)
    for row in rows:
        row.draw(surface, x, y + 2)
        words = row.short if compact else row.words
        lines = text.wrap(words, theme.SIZE_BODY, max(80, width - row.width - 16))
        for i, line in enumerate(lines):
            text.blit(surface, line, (x + row.width + 16, y + i * step), theme.SIZE_BODY, theme.TEXT)
        y += row_height(row, width, compact)
    return y - start


COMPACT_WIDTH = 600
COMPACT_HEAD = 52  # the legend's title line, above its rows
COMPACT_FOOT = 8


def compact_pages(top: int) -> list[list[Row]]:
    """The F2 legend's rows in pages that each fit between ``top`` and the canvas's foot, in
    order (a room needs every cue and cannot read a legend that runs off the screen)."""
    inner = COMPACT_WIDTH - 32
    room = theme.LOGICAL_SIZE[1] - 4 - top - COMPACT_HEAD - COMPACT_FOOT
    pages: list[list[Row]] = [[]]
    used = 0
    for row in ROWS:
        height = row_height(row, inner, True)
        if pages[-1] and used + height > room:
            pages.append([])
            used = 0
        pages[-1].append(row)
        used += height
    if len(pages) == 2:  # two pages share the rows evenly (a last page of one row looks lost)
        half = (len(ROWS) + 1) // 2
        even = [ROWS[:half], ROWS[half:]]
        if all(sum(row_height(r, inner, True) for r in page) <= room for page in even):
            pages = even
    return pages


def turn_page(page: int | None, top: int) -> int | None:
    """F2: show the legend, then each further page, then hide it (the last page says so)."""
    if page is None:
        return 0
    return page + 1 if page + 1 < len(compact_pages(top)) else None


def compact_rect(top: int, page: int = 0) -> pygame.Rect:
    """Where the F2 legend's ``page`` goes: over the right of the board, below ``top``."""
    pages = compact_pages(top)
    rows = pages[min(page, len(pages) - 1)]
    inner = COMPACT_WIDTH - 32
    height = COMPACT_HEAD + COMPACT_FOOT + sum(row_height(row, inner, True) for row in rows)
    box = pygame.Rect(theme.LOGICAL_SIZE[0] - COMPACT_WIDTH - 8, top, COMPACT_WIDTH, height)
    if box.bottom > theme.LOGICAL_SIZE[1] - 4:
        box.bottom = theme.LOGICAL_SIZE[1] - 4
    return box


def compact_title(page: int, count: int) -> str:
    """What F2 does next, on the legend itself: turn the page, or hide it."""
    if count == 1:
        return "Legend (F2 hides it)"
    if page + 1 < count:
        return f"Legend {page + 1}/{count} · F2: next page"
    return f"Legend {page + 1}/{count} · F2 hides it"


def draw_compact(surface: pygame.Surface, top: int, page: int = 0) -> pygame.Rect:
    """The always-available legend (F2): every symbol with a few words, on a black panel,
    a page at a time."""
    pages = compact_pages(top)
    page = min(page, len(pages) - 1)
    box = compact_rect(top, page)
    text.mark("overlay", box)
    pygame.draw.rect(surface, theme.BLACK, box, border_radius=10)
    pygame.draw.rect(surface, theme.SKY, box, 3, border_radius=10)
    text.blit(surface, compact_title(page, len(pages)), (box.x + 16, box.y + 12), theme.SIZE_BODY,
              theme.TEXT, bold=True)
    draw_rows(surface, pages[page], (box.x + 16, box.y + COMPACT_HEAD), box.width - 32, compact=True)
    return box
