"""The settings screen (S on the title): sound, text size, palette, calls, speed, full screen, keys.

Every change is applied at once, so the room sees large text or high contrast before
choosing it, and saved at once, so it holds the next time the game starts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import pygame

from deskgame.ui import text, theme, tooltips
from deskgame.ui.scenes.base import Scene
from deskgame.ui.settings import PALETTES, PLAY_SPEEDS, TEXT_SIZES, Settings, settings_path
from deskgame.ui.widgets import priority_badge

W, H = theme.LOGICAL_SIZE
ROW = pygame.Rect(120, 110, 760, 46)
ROW_STEP = 54


def _cycle(options: tuple, current: object, step: int) -> object:  # type: ignore[type-arg]
    index = options.index(current) if current in options else 0
    return options[(index + step) % len(options)]


@dataclass(frozen=True)
class Item:
    label: str
    shown: Callable[[Settings], str]
    change: Callable[[Settings, int], Settings] | None  # None: an action (keys, back)
    tip: str


def _on(value: bool) -> str:
    return "on" if value else "off"


ITEMS = [
    Item("Volume", lambda s: f"{s.volume:.0%}",
         lambda s, d: replace(s, volume=round(max(0.0, min(1.0, s.volume + 0.1 * d)), 2), muted=False),
         "How loud the game's sounds are. Left and Right change it by 10%; on the board [ and ] do too."),
    Item("Sound", lambda s: _on(not s.muted), lambda s, d: replace(s, muted=not s.muted),
         "Sound on or off (M on the board). Rings, chimes and alarms tell the room what happened."),
    Item("Text size", lambda s: s.text_size,
         lambda s, d: replace(s, text_size=_cycle(TEXT_SIZES, s.text_size, d)),
         "Large makes every letter about 15% bigger, for a room far from the screen."),
    Item("Palette", lambda s: theme.PALETTE_NAMES[s.palette],
         lambda s, d: replace(s, palette=_cycle(PALETTES, s.palette, d)),
         "Colour-blind safe (the default) or high contrast: white on black with edged panels. Both "
         "show priority by shape and label, never by colour alone."),
    Item("Slow down for calls", lambda s: _on(s.slow_for_calls),
         lambda s, d: replace(s, slow_for_calls=not s.slow_for_calls),
         "On: while a call rings the clock slows so the table has at least 15 real seconds to answer, "
         "whatever the speed. Off: calls ring for their simulated time only."),
    Item("Default speed", lambda s: f"{s.default_speed}x",
         lambda s, d: replace(s, default_speed=_cycle(PLAY_SPEEDS, s.default_speed, d)),
         "The speed a new session starts at. During play, - and = change it."),
    Item("Full screen", lambda s: _on(s.fullscreen), lambda s, d: replace(s, fullscreen=not s.fullscreen),
         "Start in full screen. F11 switches at any time."),
    Item("Keys", lambda s: "Enter lists them", None, "Every key of the game, in the help box."),
    Item("Back to the title", lambda s: "Esc", None, "Your settings are already saved."),
]


class SettingsScene(Scene):
    """A list of settings over the title; Up/Down choose, Left/Right/Enter/click change, Esc goes back."""

    overlay = True  # pushed over the title, which it hides entirely

    def __init__(self, app):  # type: ignore[no-untyped-def]
        super().__init__(app)
        self.index = 0
        self.note = ""  # the last save's problem, if any

    def rect(self, index: int) -> pygame.Rect:
        return ROW.move(0, index * ROW_STEP)

    def _act(self, index: int, step: int) -> None:
        item = ITEMS[index]
        if item.change is not None:
            self.note = self.app.change_settings(item.change(self.app.settings, step))
        elif item.label == "Keys":
            self.go("help", topic="board", page="keys")
        else:
            self.go("close")

    def handle_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_ESCAPE:
                self.go("close")
            elif event.key == pygame.K_DOWN:
                self.index = (self.index + 1) % len(ITEMS)
            elif event.key == pygame.K_UP:
                self.index = (self.index - 1) % len(ITEMS)
            elif event.key in (pygame.K_LEFT, pygame.K_RIGHT):
                if ITEMS[self.index].change is not None:
                    self._act(self.index, 1 if event.key == pygame.K_RIGHT else -1)
            elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
                self._act(self.index, 1)
            return True
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            for index in range(len(ITEMS)):
                if self.rect(index).collidepoint(event.pos):
                    self.index = index
                    self._act(index, 1)
        return True

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(theme.BACKGROUND)
        text.mark("veil")  # the title under this screen is hidden
        text.blit(surface, "Settings", (ROW.x, 36), theme.SIZE_TITLE, theme.TEXT, bold=True)
        settings = self.app.settings
        for index, item in enumerate(ITEMS):
            rect = self.rect(index)
            chosen = index == self.index
            pygame.draw.rect(surface, theme.CARD_SELECTED if chosen else theme.CARD, rect, border_radius=8)
            if chosen:
                pygame.draw.rect(surface, theme.YELLOW, rect, 3, border_radius=8)
            elif theme.PANEL_EDGE is not None:
                pygame.draw.rect(surface, theme.PANEL_EDGE, rect, 2, border_radius=8)
            text.blit(surface, item.label, (rect.x + 18, rect.centery), theme.SIZE_BODY, theme.TEXT,
                      bold=True, anchor="midleft")
            value = item.shown(settings)
            shown = f"< {value} >" if item.change is not None else value
            text.blit(surface, shown, (rect.right - 18, rect.centery), theme.SIZE_BODY, theme.YELLOW,
                      anchor="midright")
            tooltips.add(rect, item.tip)
        self._draw_sample(surface)
        where = f"Saved in {settings_path()}" if not self.note else self.note
        bottom = H - 100
        for i, line in enumerate(text.wrap(where, theme.SIZE_BODY, W - 240)[:2]):
            text.blit(surface, line, (ROW.x, bottom + i * 30), theme.SIZE_BODY, theme.TEXT_DIM)
        text.blit(surface, "Up/Down choose · Left/Right or Enter change · Esc: back · F1 help",
                  (W // 2, H - 34), theme.SIZE_BODY, theme.YELLOW, anchor="midtop")

    def _draw_sample(self, surface: pygame.Surface) -> None:
        """A few things as the board draws them, so a choice can be judged before playing."""
        box = pygame.Rect(ROW.right + 30, ROW.y, W - ROW.right - 30 - 40, ROW_STEP * 5 - 8)
        pygame.draw.rect(surface, theme.PANEL, box, border_radius=10)
        if theme.PANEL_EDGE is not None:
            pygame.draw.rect(surface, theme.PANEL_EDGE, box, 2, border_radius=10)
        text.blit(surface, "Sample", (box.x + 16, box.y + 10), theme.SIZE_BODY, theme.TEXT, bold=True)
        for i, priority in enumerate(("P1", "P2", "P3", "P4")):
            priority_badge(surface, priority, (box.x + 36 + i * 70, box.y + 84))
        y = box.y + 124
        inks = (("Body text", theme.TEXT), ("Dim text", theme.TEXT_DIM), ("Warning", theme.INK_WARN))
        for words, ink in inks:
            text.blit(surface, words, (box.x + 16, y), theme.SIZE_BODY, ink)
            y += 30
