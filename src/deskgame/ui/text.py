"""Rendered text kept until it changes, and the one place text reaches the screen.

Re-rendering every frame costs milliseconds, so surfaces are cached.  Every text drawn
goes through ``blit`` (or ``blit_lines``), which tells an optional recorder what was drawn,
where, in which role (body, heading or meter) and with which font: that is how
``benchmarks/legibility.py`` measures the letters and the contrast of a whole frame
without guessing.  Text never gets cut short with "…": callers ``wrap`` it instead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pygame

from deskgame.ui import theme

_FONTS: dict[tuple[int, bool], pygame.font.Font] = {}
_CACHE: dict[tuple[str, int, tuple[int, int, int], bool], pygame.Surface] = {}
_WRAPPED: dict[tuple[str, int, int, bool], list[str]] = {}
_MAX_CACHE = 4000


@dataclass(frozen=True)
class Drawn:
    """One text as it reached a surface: what the legibility benchmark measures."""

    text: str
    rect: pygame.Rect
    size: int
    bold: bool
    colour: tuple[int, int, int]
    tag: str  # "body", "heading" or "meter"
    image: pygame.Surface | None  # None: drawn by a widget library (see ``record_widget``)
    target: pygame.Surface
    cap_px: float | None = None  # measured capital height, for text this module did not draw


_recorder: Callable[[Drawn], None] | None = None
_marker: Callable[[str, pygame.Rect | None], None] | None = None


@contextmanager
def recording(
    on_text: Callable[[Drawn], None], on_mark: Callable[[str, pygame.Rect | None], None]
) -> Iterator[None]:
    """Tell ``on_text`` about every text drawn, and ``on_mark`` when something covers earlier text."""
    global _recorder, _marker
    _recorder, _marker = on_text, on_mark
    try:
        yield
    finally:
        _recorder = _marker = None


def mark(what: str, rect: pygame.Rect | None = None) -> None:
    """Something now covers what was drawn before: a modal veil (everything) or a passing
    overlay such as a toast or a floating number (``rect``); covered text need not be read."""
    if _marker is not None:
        _marker(what, rect)


def reset() -> None:
    """Forget fonts and rendered text (they die with ``pygame.quit``)."""
    _FONTS.clear()
    _CACHE.clear()
    _WRAPPED.clear()


def font(size: int, bold: bool = False) -> pygame.font.Font:
    key = (size, bold)
    if key not in _FONTS:
        # pygame-ce ships a free sans font; None selects it (see assets/LICENSES.md).
        made = pygame.font.Font(None, int(size * 1.3 * theme.TEXT_SCALE))  # large text: settings
        made.set_bold(bold)
        _FONTS[key] = made
    return _FONTS[key]


def line_height(size: int, bold: bool = False) -> int:
    return font(size, bold).get_linesize()


def width(text: str, size: int, bold: bool = False) -> int:
    return font(size, bold).size(text)[0]


def render(text: str, size: int, colour: tuple[int, int, int], bold: bool = False) -> pygame.Surface:
    key = (text, size, colour, bold)
    surface = _CACHE.get(key)
    if surface is None:
        if len(_CACHE) > _MAX_CACHE:
            _CACHE.clear()
        surface = font(size, bold).render(text, True, colour)
        _CACHE[key] = surface
    return surface


def wrap(text: str, size: int, width: int, bold: bool = False) -> list[str]:
    """Words flowed into lines no wider than ``width`` (a word longer than a line is broken)."""
    key = (text, size, width, bold)
    cached = _WRAPPED.get(key)
    if cached is not None:
        return cached
    f = font(size, bold)
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line = ""
        for word in paragraph.split():
            trial = f"{line} {word}".strip()
            if f.size(trial)[0] <= width:
                line = trial
                continue
            if line:
                lines.append(line)
            while f.size(word)[0] > width and len(word) > 1:  # a very long word: break it
                cut = len(word) - 1
                while cut > 1 and f.size(word[:cut])[0] > width:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
            line = word
        lines.append(line)
    if len(_WRAPPED) > _MAX_CACHE:
        _WRAPPED.clear()
    _WRAPPED[key] = lines
    return lines


def blit(
    surface: pygame.Surface,
    text: str,
    pos: tuple[int, int],
    size: int,
    colour: tuple[int, int, int],
    bold: bool = False,
    anchor: str = "topleft",
    tag: str | None = None,
) -> pygame.Rect:
    """Draw ``text`` with its ``anchor`` at ``pos``; the role defaults from the size."""
    image = render(text, size, colour, bold)
    rect = image.get_rect(**{anchor: pos})
    surface.blit(image, rect)
    if _recorder is not None:
        _recorder(Drawn(text, rect, size, bold, colour, tag or theme.tag_for(size), image, surface))
    return rect


_WIDGET_CAPS: dict[tuple[str, int], float] = {}


def record_widget(surface: pygame.Surface, words: str, rect: pygame.Rect, font_file: str, size: int) -> None:
    """Tell the recorder about text a widget library drew itself (the Will screen's text box),
    with the capital height of the font it drew with, measured here."""
    if _recorder is None:
        return
    key = (font_file, size)
    if key not in _WIDGET_CAPS:
        image = pygame.font.Font(font_file, size).render("H", True, (255, 255, 255))
        _WIDGET_CAPS[key] = image.get_bounding_rect(min_alpha=128).height
    _recorder(Drawn(words, rect, size, False, theme.TEXT, "body", None, surface, _WIDGET_CAPS[key]))


def blit_lines(
    surface: pygame.Surface,
    text: str,
    pos: tuple[int, int],
    size: int,
    colour: tuple[int, int, int],
    width: int,
    bold: bool = False,
    max_lines: int | None = None,
    spacing: int = 0,
) -> int:
    """Draw ``text`` wrapped to ``width``; returns the height used.  ``max_lines`` drops lines
    (never cuts a word): callers that may drop lines show the rest elsewhere (a scroll)."""
    lines = wrap(text, size, width, bold)
    if max_lines is not None and len(lines) > max_lines:
        mark(f"cut:{text}")  # the legibility benchmark counts what was left out
        lines = lines[:max_lines]
    step = line_height(size, bold) + spacing
    x, y = pos
    for i, line in enumerate(lines):
        blit(surface, line, (x, y + i * step), size, colour, bold)
    return step * len(lines)

