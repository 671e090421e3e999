"""Boxes over the screens, each a scene on the stack: help, a major incident, the quit question.

A box takes the keys while it is up and goes away by popping itself; the board under it
keeps drawing (and, for help, keeps playing).
"""

from __future__ import annotations

import pygame

from deskgame.ui import engine_view, help_pages, theme
from deskgame.ui.board.overlays import incident_box
from deskgame.ui.scenes.base import Scene
from deskgame.ui.text import blit
from deskgame.ui.widgets import modal

AUTOPLAY_INCIDENT_FRAMES = 90  # demo mode reads the incident box this long, then carries on


class HelpBox(Scene):
    """Help for the screen under it (F1): what each thing means, then the keys; paged.

    Left/Right (or PgUp/PgDn, the wheel, a click) turn the pages; F1 or Esc closes.  The game
    waits underneath: the box covers the board, and a call ringing behind it would take its
    default answer unseen (a room reading help saw that happen).
    """

    overlay = True

    def __init__(self, app, topic: str = "board", page: str | None = None):  # type: ignore[no-untyped-def]
        super().__init__(app)
        self.topic = topic
        self.pages = help_pages.build(topic)
        self.index = 0
        if page is not None:  # open at a named page (F2's "what the icons mean")
            self.index = next((i for i, p in enumerate(self.pages) if p.kind == page), 0)

    def handle_event(self, event: pygame.event.Event) -> bool:
        last = len(self.pages) - 1
        if event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_F1, pygame.K_ESCAPE):
                self.go("close")
            elif event.key in (pygame.K_RIGHT, pygame.K_PAGEDOWN, pygame.K_DOWN, pygame.K_SPACE,
                               pygame.K_RETURN, pygame.K_KP_ENTER):
                if self.index == last and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                    self.go("close")
                self.index = min(last, self.index + 1)
            elif event.key in (pygame.K_LEFT, pygame.K_PAGEUP, pygame.K_UP):
                self.index = max(0, self.index - 1)
            elif event.key == pygame.K_HOME:
                self.index = 0
        elif event.type == pygame.MOUSEWHEEL:
            self.index = max(0, min(last, self.index - event.y))
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            self.index = min(last, self.index + 1) if self.index < last else 0
        return True  # the screen under it takes no input while the help is up

    def draw(self, surface: pygame.Surface) -> None:
        help_pages.draw(surface, self.pages, self.index, waits=self.app.live is not None)


class IncidentBox(Scene):
    """A major incident: the game is paused until the team has seen it (Enter), or broadcasts (B)."""

    overlay = True
    passes_time = True  # the board keeps drawing and beating; the world itself is paused
    frames = 0

    def handle_event(self, event: pygame.event.Event) -> bool:
        live = self.app.live
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_b:
                reason = live.command("broadcast")
                if reason is None:
                    self.app.sounds.play("click")
                self._seen()
            elif event.key in (pygame.K_RETURN, pygame.K_SPACE, pygame.K_ESCAPE, pygame.K_KP_ENTER):
                self._seen()
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            self._seen()
        return True

    def _seen(self) -> None:
        self.app.live.acknowledge_incident()
        self.go("close")

    def update(self, real_seconds: float) -> None:
        if not self.app.live.incident_alert:
            self.go("close")
        elif self.app.autoplay:
            self.frames += 1
            if self.frames >= AUTOPLAY_INCIDENT_FRAMES:
                self._seen()
                if self.app.start_speed is not None:  # a demo has no team to slow down for: the
                    self.app.live.set_speed(self.app.start_speed)  # speed asked for holds (--speed)

    def draw(self, surface: pygame.Surface) -> None:
        outages = engine_view.outages(self.app.live.world)
        if outages:
            incident_box(surface, outages[-1].service, outages[-1].has_fix)
        else:
            incident_box(surface, "A service")


class QuitBox(Scene):
    """Closing mid-round saved first; Y (or closing again) quits, N carries on.  The game waits."""

    overlay = True

    def handle_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_y, pygame.K_RETURN, pygame.K_q):
                self.go("quit")
            elif event.key in (pygame.K_n, pygame.K_ESCAPE):
                self.go("close")
        return True

    def draw(self, surface: pygame.Surface) -> None:
        box = modal(surface, (760, 230), 190, theme.ORANGE)
        saver = self.app.autosaver
        saved = ("This session is not saved." if saver is None
                 else "The last save failed; the one before is kept." if saver.last_error
                 else "Your session is saved.")
        centre = box.centerx
        blit(
            surface,
            "Leave the game?",
            (centre, box.y + 24),
            theme.SIZE_HEADING,
            theme.TEXT,
            bold=True,
            anchor="midtop",
        )
        blit(surface, saved, (centre, box.y + 96), theme.SIZE_BODY, theme.TEXT, anchor="midtop")
        blit(
            surface,
            "Y quits · N carries on",
            (centre, box.y + 150),
            theme.SIZE_BODY,
            theme.YELLOW,
            anchor="midtop",
        )
