"""Rendered text kept until it changes: re-rendering every frame costs milliseconds."""

from __future__ import annotations

import pygame

_FONTS: dict[tuple[int, bool], pygame.font.Font] = {}
_CACHE: dict[tuple[str, int, tuple[int, int, int], bool], pygame.Surface] = {}
_FITTED: dict[tuple[str, int, int], str] = {}
_MAX_CACHE = 4000


def reset() -> None:
    """Forget fonts and rendered text (they die with ``pygame.quit``)."""
    _FONTS.clear()
    _CACHE.clear()
    _FITTED.clear()


def font(size: int, bold: bool = False) -> pygame.font.Font:
    key = (size, bold)
    if key not in _FONTS:
        # pygame-ce ships a free sans font; None selects it (see assets/LICENSES.md).
        made = pygame.font.Font(None, int(size * 1.3))
        made.set_bold(bold)
        _FONTS[key] = made
    return _FONTS[key]


def render(text: str, size: int, colour: tuple[int, int, int], bold: bool = False) -> pygame.Surface:
    key = (text, size, colour, bold)
    surface = _CACHE.get(key)
    if surface is None:
        if len(_CACHE) > _MAX_CACHE:
            _CACHE.clear()
        surface = font(size, bold).render(text, True, colour)
        _CACHE[key] = surface
    return surface


def fit(text: str, size: int, width: int) -> str:
    """``text`` shortened with an ellipsis so that it fits ``width`` pixels."""
    key = (text, size, width)
    fitted = _FITTED.get(key)
    if fitted is None:
        f = font(size)
        fitted = text
        if f.size(text)[0] > width:
            while fitted and f.size(fitted + "…")[0] > width:
                fitted = fitted[:-1]
            fitted += "…"
        if len(_FITTED) > _MAX_CACHE:
            _FITTED.clear()
        _FITTED[key] = fitted
    return fitted


def wrap(text: str, size: int, width: int) -> list[str]:
    """Words flowed into lines no wider than ``width``."""
    f = font(size)
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line = ""
        for word in paragraph.split():
            trial = f"{line} {word}".strip()
            if f.size(trial)[0] <= width:
                line = trial
            else:
                if line:
                    lines.append(line)
                line = word
        lines.append(line)
    return lines


def blit(
    surface: pygame.Surface,
    text: str,
    pos: tuple[int, int],
    size: int,
    colour: tuple[int, int, int],
    bold: bool = False,
    anchor: str = "topleft",
) -> pygame.Rect:
    image = render(text, size, colour, bold)
    rect = image.get_rect(**{anchor: pos})
    surface.blit(image, rect)
    return rect
