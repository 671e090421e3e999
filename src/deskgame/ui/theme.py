"""Colours, sizes and fonts of the screens, in one place.

The palette is Okabe–Ito (safe for the common colour-vision deficiencies); priority is
also shown by a label and a shape, never by colour alone.
"""

from __future__ import annotations

LOGICAL_SIZE = (1280, 720)

BLACK = (0, 0, 0)
ORANGE = (230, 159, 0)
SKY = (86, 180, 233)
GREEN = (0, 158, 115)
YELLOW = (240, 228, 66)
BLUE = (0, 114, 178)
VERMILLION = (213, 94, 0)
PURPLE = (204, 121, 167)

# Surfaces dark enough that every text colour below reads at >= 4.5:1 on each of them
# (measured from the frames by benchmarks/legibility.py).
BACKGROUND = (18, 21, 28)
PANEL = (32, 37, 48)
PANEL_LIGHT = (62, 72, 92)
CARD = (46, 53, 68)
CARD_SELECTED = (58, 68, 92)
TEXT = (240, 242, 246)
TEXT_DIM = (198, 204, 216)
GOOD = GREEN
BAD = VERMILLION
WARN = ORANGE
# Lighter tints of the palette for writing on the dark panels (the pure colours are for
# shapes and fills, with black writing on them).
INK_GOOD = (110, 220, 170)
INK_BAD = (255, 150, 100)
INK_WARN = (245, 195, 80)
INK_CALL = {"end_run": (232, 170, 210), "byod": (140, 205, 245), "fake_emergency": YELLOW}

PRIORITY_COLOUR = {"P1": VERMILLION, "P2": ORANGE, "P3": SKY, "P4": GREEN, None: (140, 146, 160)}
PRIORITY_SHAPE = {"P1": "diamond", "P2": "triangle", "P3": "square", "P4": "circle", None: "dash"}
CALL_COLOUR = {"end_run": PURPLE, "byod": SKY, "fake_emergency": YELLOW}

# The type scale (DESIGN.md section 7).  The game's font draws a capital H of 17 px at
# SIZE_BODY and 23 px at SIZE_HEADING on the 1280x720 canvas: in a 1024x768 window
# (the canvas scaled by 0.8) that is still 13.6 px and 18.4 px, above the floors of
# 13 px for body text and 18 px for headings and meters, for a room three metres away.
SIZE_BODY = 27
SIZE_SMALL = SIZE_BODY  # nothing on screen is smaller than body text
SIZE_HEADING = 34
SIZE_METER = SIZE_HEADING
SIZE_TITLE = 44

SIZE_ROOM_BODY = SIZE_BODY
SIZE_ROOM_HEADING = SIZE_HEADING
SIZE_ROOM_BANNER = 40

# The play board's geometry lives with its layout (ui/board/layout.py).

# ---------------------------------------------------------------- settings: text size, palette
# "large" multiplies every font's size (ui/text.py reads TEXT_SCALE): body capitals of 20 px
# instead of 17 at 720p.  1.15 keeps a line of body text (27 px tall at this scale) within the
# board's 28-px line, so nothing laid out line by line overlaps.
TEXT_SCALES = {"normal": 1.0, "large": 1.15}
TEXT_SCALE = 1.0

# Outlines drawn round panels and cards (None: none).  The default palette separates them by
# shade; high contrast puts everything on black and draws the edges instead.
PANEL_EDGE: tuple[int, int, int] | None = None

# The neutrals each palette sets.  The hues (Okabe-Ito) stay: they are already safe for the
# common colour-vision deficiencies, and charts and icons are keyed by them.  High contrast is
# pure black behind pure white, brighter ink tints and visible edges.
PALETTES: dict[str, dict[str, object]] = {
    "default": {
        "BACKGROUND": BACKGROUND, "PANEL": PANEL, "PANEL_LIGHT": PANEL_LIGHT, "CARD": CARD,
        "CARD_SELECTED": CARD_SELECTED, "TEXT": TEXT, "TEXT_DIM": TEXT_DIM, "INK_GOOD": INK_GOOD,
        "INK_BAD": INK_BAD, "INK_WARN": INK_WARN, "PANEL_EDGE": None,
    },
    "high_contrast": {
        "BACKGROUND": (0, 0, 0), "PANEL": (0, 0, 0), "PANEL_LIGHT": (58, 64, 84), "CARD": (26, 28, 36),
        "CARD_SELECTED": (44, 56, 96), "TEXT": (255, 255, 255), "TEXT_DIM": (236, 238, 244),
        "INK_GOOD": (150, 245, 200), "INK_BAD": (255, 180, 140), "INK_WARN": (255, 215, 110),
        "PANEL_EDGE": (200, 206, 220),
    },
}
PALETTE_NAMES = {"default": "colour-blind safe", "high_contrast": "high contrast"}


def apply(palette: str = "default", text_size: str = "normal") -> None:
    """Switch the palette and the text size for everything drawn from now on.

    Module attributes are rebound (every drawing reads ``theme.X`` when it draws); callers
    also drop the rendered-text cache (``ui.settings.apply`` does both).
    """
    global TEXT_SCALE
    values = PALETTES.get(palette, PALETTES["default"])
    module = globals()
    for name, value in values.items():
        module[name] = value
    TEXT_SCALE = TEXT_SCALES.get(text_size, 1.0)


def tag_for(size: int) -> str:
    """The role of a text by its size: what legibility floor it must meet (DESIGN section 7)."""
    return "heading" if size >= SIZE_HEADING else "body"
