"""Small pictures drawn by the program: channel icons, agent avatars, chips.

Shapes carry meaning as well as colour (colour-blind safe), and nothing here needs an
image file or a licence.
"""

from __future__ import annotations

import math

import pygame

from deskgame.ui import text, theme

CHANNEL_STROKE = 3  # the channel glyphs' lines: 2 px read as a smudge at 3 m
RING_RADIUS, RING_STROKE = 17, 6  # the queue's wait ring: 30 px and 4 px thin were hard to read at 3 m


def channel_icon(
    surface: pygame.Surface, channel: str, centre: tuple[int, int], colour: tuple[int, int, int]
) -> None:
    """Phone, mail, portal, walk-up or social, as a 24-px glyph with 3-px strokes."""
    x, y = centre
    line = CHANNEL_STROKE
    if channel == "phone":
        pygame.draw.rect(surface, colour, (x - 12, y - 4, 24, 14), border_radius=4)
        pygame.draw.rect(surface, colour, (x - 9, y - 11, 18, 7), border_radius=3)
    elif channel in ("email", "mail"):
        rect = pygame.Rect(x - 12, y - 9, 25, 19)
        pygame.draw.rect(surface, colour, rect, line)
        pygame.draw.lines(surface, colour, False, [(x - 11, y - 8), (x, y + 2), (x + 11, y - 8)], line)
    elif channel == "portal":
        pygame.draw.rect(surface, colour, (x - 12, y - 10, 25, 17), line)
        pygame.draw.line(surface, colour, (x, y + 7), (x, y + 10), line)
        pygame.draw.line(surface, colour, (x - 7, y + 11), (x + 7, y + 11), line)
    elif channel in ("walk-up", "walkup", "walk_up"):
        pygame.draw.circle(surface, colour, (x, y - 6), 6)
        pygame.draw.polygon(surface, colour, [(x - 9, y + 12), (x, y - 1), (x + 9, y + 12)])
    elif channel == "social":
        pygame.draw.circle(surface, colour, (x, y - 1), 11, line)
        pygame.draw.polygon(surface, colour, [(x - 8, y + 6), (x - 12, y + 12), (x - 2, y + 9)])
    else:
        pygame.draw.circle(surface, colour, centre, 9, line)


def wait_ring(surface: pygame.Surface, centre: tuple[int, int], share: float) -> None:
    """The queue's wait ring: it fills as the wait approaches its target and turns red past it
    (with a dot in the middle: a shape as well as a colour).  Bolder than ``widgets.wait_ring``
    (which the help pages share), for a card read across a room."""
    colour = theme.GOOD if share < 0.6 else theme.WARN if share < 1.0 else theme.BAD
    pygame.draw.circle(surface, theme.PANEL_LIGHT, centre, RING_RADIUS, RING_STROKE)
    angle = min(share, 1.0) * 2 * math.pi
    if angle > 0.01:
        rect = pygame.Rect(0, 0, 2 * RING_RADIUS, 2 * RING_RADIUS)
        rect.center = centre
        # pygame's thick arcs leave pin-holes: drawn twice, a pixel apart, they close
        for inset in (0, 1):
            pygame.draw.arc(surface, colour, rect.inflate(-2 * inset, -2 * inset), math.pi / 2 - angle,
                            math.pi / 2, RING_STROKE - inset)
    if share >= 1.0:
        pygame.draw.circle(surface, colour, centre, 6)


def kind_icon(surface: pygame.Surface, kind: str, centre: tuple[int, int]) -> None:
    """Something broken (a bolt) or something wanted (a parcel): a shape, not only a colour."""
    x, y = centre
    if kind == "request":
        pygame.draw.rect(surface, theme.SKY, (x - 9, y - 7, 18, 16), border_radius=2)
        pygame.draw.line(surface, theme.PANEL, (x, y - 7), (x, y + 8), 2)
        pygame.draw.line(surface, theme.PANEL, (x - 9, y - 2), (x + 9, y - 2), 2)
    else:  # incidents, and calls that turned into work
        bolt = [
            (x + 3, y - 11),
            (x - 7, y + 2),
            (x - 1, y + 2),
            (x - 4, y + 11),
            (x + 7, y - 3),
            (x + 1, y - 3),
        ]
        pygame.draw.polygon(surface, theme.ORANGE, bolt)


AVATAR_COLOURS = (theme.SKY, theme.ORANGE, theme.GREEN, theme.PURPLE, theme.YELLOW, theme.BLUE)


def avatar(surface: pygame.Surface, name: str, index: int, centre: tuple[int, int], role: str) -> None:
    """A head and shoulders in the agent's colour: round shoulders for the desk, a square
    collar for a specialist, a pointed cape for field staff (who go out to people), so the
    role reads by shape as well as by the legend's words."""
    x, y = centre
    colour = AVATAR_COLOURS[index % len(AVATAR_COLOURS)]
    pygame.draw.circle(surface, colour, (x, y - 6), 8)
    body = pygame.Rect(x - 13, y + 3, 26, 13)
    if role == "desk":
        pygame.draw.ellipse(surface, colour, body.inflate(0, 10).move(0, 5))
    elif role == "field":
        pygame.draw.polygon(surface, colour, [(x, body.y), (body.right + 1, body.bottom),
                                              (body.x - 1, body.bottom)])
    else:
        pygame.draw.rect(surface, colour, body, border_radius=3)


def chip(
    surface: pygame.Surface,
    label: str,
    topleft: tuple[int, int],
    fill: tuple[int, int, int],
    ink: tuple[int, int, int] = theme.BLACK,
    dashed: bool = False,
    pad: int = 5,
) -> pygame.Rect:
    """A rounded label on a solid fill (black writing on the palette colours reads >= 5:1)."""
    width = chip_width(label, pad)
    rect = pygame.Rect(topleft, (width, text.line_height(theme.SIZE_BODY) + 2))
    pygame.draw.rect(surface, fill, rect, border_radius=8)
    if dashed:
        for dx in range(rect.x + 4, rect.right - 4, 10):
            pygame.draw.line(surface, ink, (dx, rect.bottom - 3), (dx + 5, rect.bottom - 3), 2)
    text.blit(surface, label, (rect.x + pad, rect.y + 1), theme.SIZE_BODY, ink)
    return rect


def chip_width(label: str, pad: int = 5) -> int:
    return text.width(label, theme.SIZE_BODY) + 2 * pad


# A moment of truth's rating: a face and the number, never a sign.  "+72" beside the rising
# "+1.1" numbers read as another change; a face says "how it felt" and the number its level.
FACE_R = 11  # the face's radius: its mouth must read from the back of the room
RATING_KINDS = ("better", "expected", "worse")


def face(surface: pygame.Surface, kind: str, centre: tuple[int, int], ink: tuple[int, int, int],
         radius: int = FACE_R) -> None:
    """A round face whose mouth says how a moment felt: a smile (better than expected), a
    straight line (about as expected) or a frown (worse).  The shape says it, not the colour."""
    x, y = centre
    pygame.draw.circle(surface, ink, centre, radius, 2)
    eye = max(2, radius // 5)
    for dx in (-radius // 3, radius // 3):
        pygame.draw.circle(surface, ink, (x + dx, y - radius // 3), eye)
    # The mouth: a curve through its two corners and its middle, bent up, down or not at all.
    half, depth = radius * 0.55, {"better": 4, "worse": -4}.get(kind, 0)
    level = y + radius * {"better": 0.1, "worse": 0.6}.get(kind, 0.35)
    points = [(x + half * t, level + depth * (1 - t * t)) for t in (-1, -0.6, -0.2, 0.2, 0.6, 1)]
    pygame.draw.lines(surface, ink, False, points, 3)


def rating_chip_width() -> int:
    """Wide enough for the face and "100" at the current text size (so the words beside align)."""
    return 6 + 2 * FACE_R + 4 + text.width("100", theme.SIZE_BODY) + 5


def rating_chip(surface: pygame.Surface, rating: float, kind: str, topleft: tuple[int, int],
                fill: tuple[int, int, int]) -> pygame.Rect:
    """A moment's rating: a face (its shape says better, as expected or worse) and the rating
    out of 100 as a plain number, on the kind's colour."""
    rect = pygame.Rect(topleft, (rating_chip_width(), text.line_height(theme.SIZE_BODY) + 1))
    pygame.draw.rect(surface, fill, rect, border_radius=6)
    ink = theme.BLACK if fill != theme.PANEL_LIGHT else theme.TEXT
    face(surface, kind, (rect.x + 6 + FACE_R, rect.centery), ink)
    left = rect.x + 10 + 2 * FACE_R
    number = pygame.Rect(left, rect.y, rect.right - 5 - left, rect.height)
    text.blit(surface, f"{rating:.0f}", number.center, theme.SIZE_BODY, ink, anchor="center")
    return rect


IMPACT_LEVELS = {"low": 1, "medium": 2, "high": 3}
IMPACT_MARK_H = 21  # the tallest bar; the mark is 3 bars 7 px wide with 3 px between them


def impact_mark(surface: pygame.Surface, impact: str, bottom_centre: tuple[int, int]) -> pygame.Rect:
    """A ticket's business impact as three rising bars, as many filled as the level (low 1,
    medium 2, high 3): a count and a shape, so it reads without colour.  Returns its rect."""
    level = IMPACT_LEVELS.get(impact, 2)
    x0, bottom = bottom_centre[0] - 13, bottom_centre[1]
    for i in range(3):
        height = 9 + 6 * i
        bar = pygame.Rect(x0 + i * 10, bottom - height, 7, height)
        if i < level:
            pygame.draw.rect(surface, theme.TEXT, bar)
        else:
            pygame.draw.rect(surface, theme.TEXT_DIM, bar, 2)
    return pygame.Rect(x0, bottom - IMPACT_MARK_H, 27, IMPACT_MARK_H)
