"""Colours, sizes and fonts of the screens, in one place.

The palette is Okabe–Ito (safe for the common colour-vision deficiencies); priority is
also shown by a label and a shape, never by colour alone.  No text is smaller than
14 px at the logical 1280x720 size.
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

BACKGROUND = (24, 28, 36)
PANEL = (36, 42, 54)
PANEL_LIGHT = (52, 60, 76)
CARD = (60, 68, 86)
CARD_SELECTED = (88, 100, 128)
TEXT = (236, 238, 242)
TEXT_DIM = (170, 178, 192)
GOOD = GREEN
BAD = VERMILLION
WARN = ORANGE

PRIORITY_COLOUR = {"P1": VERMILLION, "P2": ORANGE, "P3": SKY, "P4": GREEN, None: (140, 146, 160)}
PRIORITY_SHAPE = {"P1": "diamond", "P2": "triangle", "P3": "square", "P4": "circle", None: "dash"}
CALL_COLOUR = {"end_run": PURPLE, "byod": SKY, "fake_emergency": YELLOW}

SIZE_SMALL = 16  # the smallest text on screen (>= 14 px at 720p)
SIZE_BODY = 19
SIZE_HEADING = 24
SIZE_TITLE = 44

# The default font is drawn smaller than its nominal size: at 720p the capitals of
# SIZE_BODY are 12 px and of SIZE_HEADING 16 px.  Screens that must read from the back
# of the room (the session's ending, the on-notice banner) use these, measured to meet
# DESIGN.md section 7: capitals of 15 px for body text (>= 13) and 19-21 px for
# headings (>= 18).
SIZE_ROOM_BODY = 22
SIZE_ROOM_HEADING = 30
SIZE_ROOM_BANNER = 32

TOP_BAR = 60
BOTTOM_PANEL = 150
LEFT_WIDTH = 360
RIGHT_WIDTH = 370
CARD_HEIGHT = 46
AGENT_HEIGHT = 74


def tag_for(size: int) -> str:
    """The role of a text by its size: what legibility floor it must meet (DESIGN section 7)."""
    return "heading" if size >= SIZE_HEADING else "body"
