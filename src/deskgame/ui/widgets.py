"""Small drawing helpers for the board: priority badges, wait rings, bars, buttons."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pygame

from deskgame.ui import theme
from deskgame.ui.text import blit, mark


def priority_shape(
    surface: pygame.Surface, priority: str | None, centre: tuple[int, int], r: int = 9
) -> None:
    """A priority's shape in its colour: diamond P1, triangle P2, square P3, circle P4, dash unset."""
    colour = theme.PRIORITY_COLOUR[priority]
    x, y = centre
    shape = theme.PRIORITY_SHAPE[priority]
    if shape == "diamond":
        pygame.draw.polygon(surface, colour, [(x, y - r - 2), (x + r + 2, y), (x, y + r + 2), (x - r - 2, y)])
    elif shape == "triangle":
        pygame.draw.polygon(surface, colour, [(x, y - r - 1), (x + r + 2, y + r), (x - r - 2, y + r)])
    elif shape == "square":
        pygame.draw.rect(surface, colour, (x - r, y - r, 2 * r, 2 * r), border_radius=2)
    elif shape == "circle":
        pygame.draw.circle(surface, colour, (x, y), r + 1)
    else:
        pygame.draw.rect(surface, colour, (x - r, y - 3, 2 * r, 6), border_radius=3)


def priority_badge(surface: pygame.Surface, priority: str | None, centre: tuple[int, int]) -> None:
    """Priority by shape and label as well as colour (colour-blind safe): the shape on top,
    the label in body text under it (a label inside a small shape would be too small to read)."""
    x, y = centre[0], centre[1] - 16
    priority_shape(surface, priority, (x, y))
    if priority:
        blit(surface, priority, (x, centre[1] + 14), theme.SIZE_SMALL, theme.TEXT, bold=True, anchor="center")


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


def bar(
    surface: pygame.Surface, rect: pygame.Rect, share: float, colour: tuple[int, int, int], tip: str = ""
) -> None:
    """A filled bar; with ``tip`` it is a meter the pointer can ask about (``ui.tooltips``)."""
    pygame.draw.rect(surface, theme.PANEL_LIGHT, rect, border_radius=4)
    if tip:
        from deskgame.ui import tooltips

        tooltips.add(rect, tip)
    filled = rect.copy()
    filled.width = max(0, int(rect.width * max(0.0, min(1.0, share))))
    if filled.width:
        pygame.draw.rect(surface, colour, filled, border_radius=4)


@dataclass
class Button:
    """A clickable label with its key; ``action`` is what the scene does when pressed.

    Drawing it registers its tooltip (``ui.tooltips``); a disabled button (``active`` False)
    says why in ``why_not``, and its tooltip says so too.
    """

    rect: pygame.Rect
    label: str
    action: str
    tooltip: str = ""
    active: bool = True
    selected: bool = False
    why_not: str = ""

    def tip(self) -> str:
        words = self.tooltip or self.label
        if not self.active:
            return f"{words} Not now: {self.why_not or 'not available at this moment'}."
        return words

    def draw(self, surface: pygame.Surface) -> None:
        from deskgame.ui import tooltips

        fill = theme.CARD_SELECTED if self.selected else theme.CARD if self.active else theme.PANEL
        pygame.draw.rect(surface, fill, self.rect, border_radius=6)
        edge = theme.PANEL_EDGE if theme.PANEL_EDGE is not None and self.active else theme.PANEL_LIGHT
        pygame.draw.rect(surface, edge, self.rect, 1 if theme.PANEL_EDGE is None else 2, border_radius=6)
        colour = theme.TEXT if self.active else theme.TEXT_DIM
        drawn = blit(surface, self.label, self.rect.center, theme.SIZE_SMALL, colour, anchor="center")
        if drawn.width > self.rect.width - 4:
            mark(f"cut:{self.label} (wider than its button)")  # the legibility benchmark counts it
        tooltips.add(self.rect, self.tip())


def tooltip(surface: pygame.Surface, text: str, pos: tuple[int, int], width: int = 560) -> None:
    """A box of words by the pointer, kept on screen (the look of ``ui.tooltips``)."""
    from deskgame.ui import tooltips

    tooltips.draw(surface, text, pos)


def modal(
    surface: pygame.Surface, size: tuple[int, int], shade: int, border: tuple[int, int, int] | None = None
) -> pygame.Rect:
    """Darken the screen and draw a centred panel of ``size``; returns the panel's rect."""
    veil = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
    veil.fill((0, 0, 0, shade))
    surface.blit(veil, (0, 0))
    mark("veil")
    box = pygame.Rect((0, 0), size)
    box.center = surface.get_rect().center
    pygame.draw.rect(surface, theme.PANEL, box, border_radius=12)
    if border is None:
        border = theme.PANEL_EDGE  # high contrast: a black box on a dark veil needs an edge
    if border is not None:
        pygame.draw.rect(surface, border, box, 4, border_radius=12)
    return box


@dataclass
class BannerLayout:
    """Where a banner's parts go, relative to its top left (see ``banner``)."""

    height: int
    text_x: int
    text_y: int
    lines: list[str]
    head_centre_y: int


BANNER_PAD, BANNER_GAP, BANNER_SIGN = 12, 16, 40


def banner_layout(width: int, headline: str, lines: tuple[str, ...], under: bool = False) -> BannerLayout:
    """The sentences beside the headline when there is room, else (or when ``under``) under it."""
    from deskgame.ui.text import font, wrap

    pad, gap, sign = BANNER_PAD, BANNER_GAP, BANNER_SIGN
    head_w, head_h = font(theme.SIZE_ROOM_BANNER, True).size(headline)
    line_h = font(theme.SIZE_ROOM_BODY).get_height() + 4
    beside = width - 2 * pad - sign - head_w - 2 * gap
    top = max(head_h, sign)
    if beside >= 260 and not under:
        wrapped = [w for line in lines for w in wrap(line, theme.SIZE_ROOM_BODY, beside)]
        height = max(top, line_h * len(wrapped)) + 2 * pad
        text_y = (height - line_h * len(wrapped)) // 2 + 2
        return BannerLayout(height, pad + sign + gap + head_w + gap, text_y, wrapped, height // 2)
    wrapped = [w for line in lines for w in wrap(line, theme.SIZE_ROOM_BODY, width - 2 * pad)]
    text_y = pad + top + 6
    return BannerLayout(text_y + line_h * len(wrapped) + pad, pad, text_y, wrapped, pad + top // 2)


def banner(
    surface: pygame.Surface,
    topleft: tuple[int, int],
    width: int,
    headline: str,
    lines: tuple[str, ...],
    fill: tuple[int, int, int],
    kind: str = "warning",
    under: bool = False,
) -> tuple[pygame.Rect, pygame.Rect]:
    """A solid block with black writing: a sign, a word in capitals, and why.

    Sized to read from the back of a room (capitals of 25 px, body of 17 px at 720p); black
    on the Okabe-Ito orange, vermillion or green is at least 5.4:1, and the sign and the
    word carry the meaning for anyone who cannot tell those colours apart.  Returns the
    block's rect and the headline's (tests measure its letters).
    """
    from deskgame.ui.text import font

    layout = banner_layout(width, headline, lines, under)
    box = pygame.Rect(topleft, (width, layout.height))
    pygame.draw.rect(surface, fill, box, border_radius=8)
    pygame.draw.rect(surface, theme.BLACK, box, 3, border_radius=8)
    centre_y = box.y + layout.head_centre_y
    sign(surface, (box.x + BANNER_PAD + BANNER_SIGN // 2, centre_y), BANNER_SIGN, kind, theme.BLACK, fill)
    head = blit(
        surface,
        headline,
        (box.x + BANNER_PAD + BANNER_SIGN + BANNER_GAP, centre_y),
        theme.SIZE_ROOM_BANNER,
        theme.BLACK,
        bold=True,
        anchor="midleft",
    )
    line_h = font(theme.SIZE_ROOM_BODY).get_height() + 4
    for i, line in enumerate(layout.lines):
        position = (box.x + layout.text_x, box.y + layout.text_y + i * line_h)
        blit(surface, line, position, theme.SIZE_ROOM_BODY, theme.BLACK)
    return box, head


def sign(
    surface: pygame.Surface,
    centre: tuple[int, int],
    size: int,
    kind: str,
    ink: tuple[int, int, int],
    cutout: tuple[int, int, int],
) -> None:
    """A warning triangle with "!", a tick in a disc ("done") or a five-pointed star ("star"), in
    ``ink``: meaning as a shape, not a colour.

    The mark inside is drawn in ``cutout``, the colour behind the sign.
    """
    x, y = centre
    half = size // 2
    if kind == "star":  # five points: "suggested", a shape no tick or box shares
        import math

        points = []
        for i in range(10):
            radius = half if i % 2 == 0 else half * 0.45
            angle = -math.pi / 2 + i * math.pi / 5
            points.append((x + radius * math.cos(angle), y + radius * math.sin(angle)))
        pygame.draw.polygon(surface, ink, points)
        return
    if kind == "done":
        pygame.draw.circle(surface, ink, centre, half)
        s = size / 40
        tick = [(x - 10 * s, y), (x - 3 * s, y + 8 * s), (x + 11 * s, y - 9 * s)]
        pygame.draw.lines(surface, cutout, False, tick, max(2, int(5 * s)))
        return
    corners = [(x, y - half), (x + half, y + half - 2), (x - half, y + half - 2)]
    pygame.draw.polygon(surface, ink, corners)
    bar_w = max(3, size // 8)
    pygame.draw.rect(surface, cutout, (x - bar_w // 2, y - size * 7 // 40, bar_w, size * 13 // 40))
    pygame.draw.rect(surface, cutout, (x - bar_w // 2, y + size * 9 // 40, bar_w, bar_w))
