"""What the board says back when something happens, where it happened: sounds, the number a
moment moved rising from its card (in the nearest place where nothing is drawn), a glow on a
ticket that was just answered or assigned, and the trust meter's pulse when trust moves toward
the outsourcing line.

It reads the world's event log and its moments (never the engine's internals) and keeps its
own short-lived state; ``watch`` runs in the scene's update, ``draw`` only paints.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import numpy as np
import pygame

from deskgame.ui import engine_view, text, theme
from deskgame.ui.board.layout import Board
from deskgame.ui.board.overlays import Floater
from deskgame.ui.board.topbar import WARN_MARGIN  # one margin for the bar's colour and the pulse

MAX_FLOATERS = 5
FLOAT_LEAST = 0.5  # a moment that moved its department less than this floats no number
GLOW_FRAMES = 50
PULSE_FRAMES = 180
SOUND_OF = {"major_incident_started": "alarm", "ticket_resolved": "click"}
CLEAR_X, CLEAR_Y = 4, 8  # pixels a rising number keeps from anything drawn (see InkMap)
COLUMN_INSET = 6  # the columns' panels are drawn this much inside their rects
CARD_MARGIN = 3  # a number keeps this far outside another card, and this far inside its own


def moment_words(customer: str, delta: float) -> str | None:
    """A moment's rising number in whole points, as the top bar counts ("Sales +2"), or None
    when it moved its department by less than ``FLOAT_LEAST``: a room read "+0.1" and "+1.2"
    under a bar of whole numbers and could not square the two."""
    points = int(abs(delta) + 0.5)  # half a point and more rounds up, as the eye does
    if abs(delta) < FLOAT_LEAST or points == 0:
        return None
    return f"{customer} {'+' if delta > 0 else '-'}{points}"


class Feedback:
    def __init__(self, live, play: Callable[[str], None]) -> None:  # type: ignore[no-untyped-def]
        self.live = live
        self.play = play
        world = live.world
        self.cursor = len(world.log)
        recent = world.satisfaction.recent
        self.seen_moment: object | None = recent[-1] if recent else None
        self.breached = 0
        self.zone = self.trust_zone()
        self.floaters: list[Floater] = []
        self.glows: dict[str, int] = {}  # ticket id -> frames left
        self.pulse = 0

    def trust_zone(self) -> int:
        """0 safe, 1 within the warning margin above the line, 2 below it."""
        world = self.live.world
        line = self.live.scenario.scoring.outsourcing_below
        trust = world.satisfaction.trust(world.now)
        return 2 if trust < line else 1 if trust < line + WARN_MARGIN else 0

    def watch(self, board: Board) -> None:
        """Take in what happened since the last frame (call after the world moved)."""
        world = self.live.world
        new, self.cursor = world.log.since(self.cursor)
        for event in new:
            if event.kind == "call_ringing":
                self.play("chime" if event.data.get("kind") == "byod" else "ring")
            elif event.kind in SOUND_OF:
                self.play(SOUND_OF[event.kind])
            if event.kind in ("call_answered", "ticket_assigned") and "ticket" in event.data:
                self.glows[event.data["ticket"]] = GLOW_FRAMES  # it lights up where it went
        breached = sum(1 for t in world.queue if t.breached)
        if breached > self.breached:
            self.play("breach")
        self.breached = breached
        zone = self.trust_zone()
        if zone > self.zone:
            self.pulse = PULSE_FRAMES
            self.play("danger")
        self.zone = zone
        self._float_moments(board)
        self._follow(board)
        for floater in self.floaters:
            floater.age += 1
        self.floaters = [f for f in self.floaters if f.age < Floater.LIFE]
        self.glows = {t: n - 1 for t, n in self.glows.items() if n > 1}
        if self.pulse:
            self.pulse -= 1

    def _float_moments(self, board: Board) -> None:
        recent = self.live.world.satisfaction.recent
        fresh = []
        for moment in reversed(recent):
            if moment is self.seen_moment:
                break
            fresh.append(moment)
        if recent:
            self.seen_moment = recent[-1]
        for moment in reversed(fresh[:MAX_FLOATERS]):
            words = moment_words(moment.customer, moment.delta)
            if words is None:
                continue  # under half a point: the ticker's new top line is where it shows
            rect = _place(board, moment.ticket)
            if rect is None:
                continue  # not on the board: the ticker's new top line is where it shows
            x, y = _anchor(rect, words)
            self.floaters.append(Floater(words, moment.delta > 0, x, y, ticket=moment.ticket))
        self.floaters = self.floaters[-MAX_FLOATERS:]

    def _follow(self, board: Board) -> None:
        """Each number stays with its ticket's card as the cards move (a call answered, the
        queue re-sorted): one whose ticket has left the board is dropped, never left behind
        over whatever card slid under it (a newcomer saw "Sales -4.0" on an Editorial ticket)."""
        kept = []
        for floater in self.floaters:
            if floater.ticket is None:
                kept.append(floater)
                continue
            rect = _place(board, floater.ticket)
            if rect is not None:
                floater.x, floater.y = _anchor(rect, floater.words)
                kept.append(floater)
        self.floaters = kept

    def draw(self, surface: pygame.Surface, board: Board) -> None:
        for ticket_id, left in self.glows.items():
            rect = _place(board, ticket_id)
            if rect is not None:
                width = 2 + left // 10  # a ring that narrows as it fades
                pygame.draw.rect(surface, theme.YELLOW, rect.inflate(6, 6), width, border_radius=8)
        if not self.floaters:
            return
        placed: list[pygame.Rect] = []
        maps: dict[tuple[int, int, int, int], InkMap] = {}
        cards = [slot.rect for slot in board.slots] + [slot.rect for slot in board.agents]
        for floater in self.floaters:
            wanted = floater.box()
            column = next((c for c in (board.queue, board.team, board.feed) if c.collidepoint(wanted.center)),
                          None)
            if column is None:
                continue
            key = (column.x, column.y, column.width, column.height)
            if key not in maps:
                maps[key] = InkMap(surface, column, cards)
            ink = maps[key]
            if floater.ticket is None:  # placed by hand (tests): its card is where it starts
                own = next((card for card in cards if card.collidepoint(floater.x, floater.y)), None)
                shown, spot = floater, ink.free_spot(wanted, placed, own)
            else:
                # Inside its own card if there is a clear place; else on the bare panel, saying
                # whose it is ("T0007 Editorial +0.3"), so that no card near it is taken for its own.
                own = _place(board, floater.ticket)
                shown = floater
                spot = ink.free_spot(wanted, placed, own, only_own=True) if own is not None else None
                if spot is None:
                    shown = replace(floater, words=f"{floater.ticket} {floater.words}")
                    spot = ink.free_spot(shown.box(), placed)
            if spot is None:
                continue  # nowhere clear near it: the ticker's new top line says it instead
            placed.append(spot)
            replace(shown, x=spot.centerx, y=spot.bottom, age=0).draw(surface)


class InkMap:
    """Where something is already drawn in one column of this frame, so that a rising number
    is put only where it covers nothing: no text, icon, chip, ring or border.

    Anything but the flat fills of the page, the panels and the cards counts as drawn.  A
    number keeps ``CLEAR_X``/``CLEAR_Y`` pixels from it (a text's box reaches above its
    capitals and below its letters), and stays clear of the numbers placed before it.  The
    map is built only while a number is in flight (well under a millisecond per column).
    """

    def __init__(self, surface: pygame.Surface, column: pygame.Rect,
                 cards: list[pygame.Rect] | None = None) -> None:
        self.area = column.inflate(-2 * COLUMN_INSET, -2 * COLUMN_INSET).clip(surface.get_rect())
        a = self.area
        pixels = pygame.surfarray.pixels2d(surface)  # one mapped integer per pixel
        try:
            block = np.array(pixels[a.x:a.right, a.y:a.bottom])  # (width, height), a copy
        finally:
            del pixels  # unlock the surface
        flat = np.zeros(block.shape, dtype=bool)
        for colour in (theme.BACKGROUND, theme.PANEL, theme.CARD, theme.CARD_SELECTED):
            flat |= block == surface.map_rgb(colour)
        self.drawn = ~flat  # (width, height): True where something is drawn
        # Every card, with its border and a pixel round it: a number goes inside its own card
        # or on the bare panel, never over another card nor across a card's edge.
        self.cards = np.zeros(block.shape, dtype=bool)
        for card in cards or []:
            edge = card.inflate(2 * CARD_MARGIN, 2 * CARD_MARGIN).clip(a)
            if edge.width and edge.height:
                self.cards[edge.x - a.x:edge.right - a.x, edge.y - a.y:edge.bottom - a.y] = True

    def free_spot(self, wanted: pygame.Rect, taken: list[pygame.Rect],
                  own: pygame.Rect | None = None, only_own: bool = False) -> pygame.Rect | None:
        """The clear place nearest ``wanted`` (same size) within the column, or None: on the
        bare panel, or inside ``own`` (the card the number belongs to) clear of its edge
        (``only_own``: there and nowhere else)."""
        a = self.area
        blocked = np.ones_like(self.drawn) if only_own else self.drawn | self.cards
        if own is not None:
            inside = own.inflate(-2 * CARD_MARGIN, -2 * CARD_MARGIN).clip(a)
            if inside.width and inside.height:
                region = (slice(inside.x - a.x, inside.right - a.x),
                          slice(inside.y - a.y, inside.bottom - a.y))
                blocked[region] = self.drawn[region]
        w, h = wanted.width + 2 * CLEAR_X, wanted.height + 2 * CLEAR_Y
        if w > a.width or h > a.height:
            return None
        best: tuple[float, pygame.Rect] | None = None
        for left in {a.width - w, 0, (a.width - w) // 2, min(max(0, wanted.x - CLEAR_X - a.x), a.width - w)}:
            rows = np.concatenate(([0], np.cumsum(blocked[left:left + w, :].any(axis=0))))
            clear = np.flatnonzero(rows[h:] - rows[:-h] == 0)  # tops of h clear rows in a row
            x = a.x + left + CLEAR_X
            tops = a.y + clear + CLEAR_Y
            for top in tops[np.argsort(np.abs(tops - wanted.y), kind="stable")]:  # nearest first
                distance = abs(int(top) - wanted.y) + abs(x - wanted.x) / 4
                if best is not None and distance >= best[0]:
                    break
                spot = pygame.Rect(x, int(top), wanted.width, wanted.height)
                if not any(spot.colliderect(other.inflate(0, 8)) for other in taken):
                    best = (distance, spot)
                    break
        return best[1] if best is not None else None


def _anchor(card: pygame.Rect, words: str) -> tuple[int, int]:
    """Where a number starts: at its card's right-hand end, where it hides least of what the
    card says (``InkMap`` then moves it to the nearest clear place)."""
    return card.right - (text.width(words, theme.SIZE_BODY, True) + 16) // 2, card.y + 10


def _place(board: Board, ticket_id: str | None) -> pygame.Rect | None:
    """The card a ticket is on: in the queue, or the agent working on it or holding it next."""
    for slot in board.slots:
        if slot.ticket.id == ticket_id:
            return slot.rect
    for agent_slot in board.agents:
        agent = agent_slot.agent
        if (agent.ticket is not None and agent.ticket.id == ticket_id) or any(
            t.id == ticket_id for t in engine_view.reserved(agent)
        ):
            return agent_slot.rect
    return None
