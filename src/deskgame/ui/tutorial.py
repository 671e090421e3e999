"""The guided first round: a hint box the first time each thing appears, pausing the game.

Only in a scenario with ``tutorial: true`` and only when people play (never in demo
mode).  The ``Coach`` reads the world's event log through its own cursor (as the board's
feedback does) and queues each hint of ``ui.hints`` once per session, in the order the
things first happened, skipping those the player turned off ("don't show again", kept in
the user data folder by ``ui.userdata``).  The play scene asks for the ``hint`` step when
one is due; ``HintBox`` is a scene over the board that does not let time pass (DESIGN
section 2: in the tutorial the hints pause the game, at the player's pace).  The box
points at the part of the board it talks about, found in the board's layout
(``ui.board.layout``), so pointing needs no drawing code of the board's own.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame

from deskgame.scenario.units import format_clock
from deskgame.ui import engine_view, text, theme
from deskgame.ui.board.feed import POSTS_SHARE
from deskgame.ui.board.layout import LINE, TOP, Board
from deskgame.ui.hints import (
    CALL_KINDS,
    FIRST_QUEUED,
    HINT_BY_ID,
    LAST_ROUND_END,
    Hint,
    reached,
)
from deskgame.ui.scenes.base import Scene

if TYPE_CHECKING:
    from deskgame.session.live import LiveSession
    from deskgame.ui.userdata import UserData

ROUND_END_NOTICE = 10.0  # simulated minutes before the round's end when its hint comes up
BOX_W = 600
BOX_WIDTHS = (BOX_W, 800, 1000)  # a wider box is shorter: tried when the usual one fits nowhere
PAD = 24
GAP = 44  # between the box and what it points at
BUTTON_H = 46
CLOCK_RECT = pygame.Rect(0, 0, 170, TOP)
OK_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE, pygame.K_ESCAPE)
# The meters a hint talks about besides its target: they stay lit and the box keeps off them
# (the round's end box points at the clock but explains the trust bar's line).
ALSO_SHOWN = {"round_end": ("trust",), "moments": ("satisfaction", "trust")}
NAMES_AGENT = ("end_run",)  # hints about a ticket that name an agent: their card stays in sight too
OFF_KEY = pygame.K_h  # "hide": D answers a fake emergency on the board


@dataclass(frozen=True)
class Due:
    """A hint to show, with what it is about."""

    hint: Hint
    words: str
    ticket: str | None = None
    agent: str | None = None


class Coach:
    """Which tutorial hint is due next, from what happened in the world."""

    def __init__(self, live: LiveSession, userdata: UserData) -> None:
        self.live = live
        self.userdata = userdata
        self.cursor = len(live.world.log)
        self.seen: set[str] = set()
        self.shown: list[str] = []  # ids in the order they were shown (tests read it)
        self.pending: deque[Due] = deque()
        self.last_moment: str | None = None  # who met the desk last: the moments' box names them

    def watch(self) -> bool:
        """Take in what happened since the last look; True when a hint is waiting."""
        world = self.live.world
        new, self.cursor = world.log.since(self.cursor)
        arrived: set[str] = set()  # tickets that came in since the last look
        for event in new:
            data = event.data
            if event.kind == "ticket_arrived" and data.get("kind") in ("incident", "request"):
                arrived.add(str(data.get("ticket", "")))
            elif event.kind in ("ticket_started", "ticket_assigned"):
                ticket = world.tickets.get(data.get("ticket", ""))
                if ticket is not None and not ticket.hidden:
                    keys = f"their number, 1 to {len(world.agents)}"
                    self._due("first_start", ticket=ticket.id, agent=data.get("agent"), keys=keys)
            elif event.kind == "call_ringing" and data.get("kind") in CALL_KINDS:
                call = world.tickets.get(data.get("ticket", ""))
                self._due(data["kind"], ticket=data.get("ticket"), customer=data.get("customer"),
                          agent=data.get("target"), reached=reached(call.channel if call else None))
            elif event.kind == "moment":
                self.last_moment = getattr(data.get("moment"), "customer", None) or "A customer"
            elif event.kind == "sla_breached":
                self._due("sla_breach", ticket=data.get("ticket"))
        self._queue_lesson(arrived)
        if self.last_moment and "first_ticket" in self.seen:  # the ticker after the basics
            self._due("moments", customer=self.last_moment)
        if self.live.phase == "playing" and world.round_end - world.now <= ROUND_END_NOTICE:
            round_shape = self.live.scenario.round
            last = world.round >= self.live.scenario.rounds
            self._due("round_end", end=format_clock(round_shape.start + round_shape.length),
                      hint=LAST_ROUND_END if last else None)
        return bool(self.pending)

    def _queue_lesson(self, arrived: set[str]) -> None:
        """The queue's lesson waits for a card in the queue to point at: a first ticket a free
        agent took at once left the queue empty under "work waits in the queue on the left"."""
        if "first_ticket" in self.seen:
            return
        card = next(iter(self.live.world.queue), None)
        if card is None:
            return
        self._due("first_ticket", ticket=card.id, customer=card.customer,
                  hint=None if card.id in arrived else FIRST_QUEUED)

    def catch_up(self) -> None:
        """A resumed game carries on where the player was: a hint box comes up the moment its
        hint is due and pauses the game, so every hint whose moment is already in the world's
        log was shown then (or turned off) and does not come up again."""
        self.cursor = 0
        self.watch()
        self.pending.clear()

    def _due(self, hint_id: str, hint: Hint | None = None, **facts: str | None) -> None:
        if hint_id in self.seen or hint_id in self.userdata.hints_off():
            return
        self.seen.add(hint_id)
        hint = hint or HINT_BY_ID[hint_id]
        words = hint.words(**{k: v for k, v in facts.items() if v})
        self.pending.append(Due(hint, words, facts.get("ticket"), facts.get("agent")))

    def next(self) -> Due | None:
        if not self.pending:
            return None
        due = self.pending.popleft()
        self.shown.append(due.hint.id)
        return due


def coach_for(live: LiveSession, userdata: UserData, autoplay: bool, resumed: bool = False) -> Coach | None:
    """A coach for a tutorial played by people (one carried on from a save knows which hints
    were shown before); None otherwise."""
    if not live.scenario.tutorial or autoplay:
        return None
    coach = Coach(live, userdata)
    if resumed:
        coach.catch_up()
    return coach


def calls_rung(live: LiveSession) -> set[str]:
    """The kinds of call that have rung in this session so far (their one-line hints were shown)."""
    return {str(event.data.get("kind")) for event in live.world.log
            if event.kind == "call_ringing" and event.data.get("kind") in CALL_KINDS}


def target_rect(due: Due, board: Board) -> pygame.Rect:
    """Where on the board the hint points: the card, the agent, the meter or the clock."""
    target = due.hint.target
    if target == "clock":
        return CLOCK_RECT.copy()
    if target == "moments":  # the feed column's lower part, where the ticker always is
        feed = board.feed
        top = feed.y + int(feed.height * POSTS_SHARE)
        return pygame.Rect(feed.x, top, feed.width, feed.bottom - top)
    if target == "agent":
        for slot in board.agents:
            if slot.agent.name == due.agent:
                return slot.rect.copy()
        return board.team.copy()
    for slot in board.slots:  # "ticket" and "queue": its card in the queue
        if slot.ticket.id == due.ticket:
            return slot.rect.copy()
    if target == "queue":
        return board.queue.copy()
    for agent_slot in board.agents:
        agent = agent_slot.agent
        if (agent.ticket is not None and agent.ticket.id == due.ticket) or any(
            t.id == due.ticket for t in engine_view.reserved(agent)
        ):
            return agent_slot.rect.copy()
    if due.hint.id == "sla_breach":
        return next((rect.copy() for rect, key in board.meters if key == "sla"), board.queue.copy())
    return board.queue.copy()


@dataclass
class BoxLayout:
    box: pygame.Rect
    lines: list[str]
    ok: pygame.Rect
    off: pygame.Rect


def also_shown(due: Due, board: Board) -> list[pygame.Rect]:
    """The other parts of the board the hint talks about (``ALSO_SHOWN``), where they are."""
    keys = ALSO_SHOWN.get(due.hint.id, ())
    shown = [rect.copy() for rect, key in board.meters if key in keys]
    if due.hint.id in NAMES_AGENT and due.agent:  # "Editorial walked up to Ola": Ola's card in sight
        shown += [slot.rect.copy() for slot in board.agents if slot.agent.name == due.agent]
    return shown


def lay_out_box(due: Due, target: pygame.Rect, screen: pygame.Rect,
                also: list[pygame.Rect] | None = None) -> BoxLayout:
    """The box beside what it points at (right, left, below or above: the first that fits),
    covering neither it nor ``also`` (what else the hint talks about).  When none fits at its
    usual width (a tall card in the middle of the board), a wider box, shorter for it, is
    tried before the box is let cover what it talks about."""
    keep = [target, *(also or [])]
    for width in BOX_WIDTHS:
        lines = text.wrap(due.words, theme.SIZE_BODY, width - 2 * PAD)
        height = PAD + 46 + LINE * len(lines) + 18 + BUTTON_H + PAD
        box = pygame.Rect(0, 0, width, height)
        tries = (
            ("midleft", (target.right + GAP, target.centery)),
            ("midright", (target.left - GAP, target.centery)),
            ("midtop", (target.centerx, target.bottom + GAP)),
            ("midbottom", (target.centerx, target.top - GAP)),
        )
        for anchor, point in tries:
            setattr(box, anchor, point)
            box.clamp_ip(screen)
            if box.collidelist(keep) < 0:
                break
        if box.collidelist(keep) < 0:
            break
    ok = pygame.Rect(box.x + PAD, box.bottom - PAD - BUTTON_H, 190, BUTTON_H)
    off = pygame.Rect(ok.right + 16, ok.y, BOX_W - PAD - 190 - 16 - PAD, BUTTON_H)
    return BoxLayout(box, lines, ok, off)


def _arrow(surface: pygame.Surface, box: pygame.Rect, target: pygame.Rect) -> None:
    """A thick line with a head from the box's nearest edge to the target's."""
    start = pygame.Vector2(box.center)
    end = pygame.Vector2(target.center)
    if box.right <= target.left:
        start, end = pygame.Vector2(box.right, box.centery), pygame.Vector2(target.left, target.centery)
    elif box.left >= target.right:
        start, end = pygame.Vector2(box.left, box.centery), pygame.Vector2(target.right, target.centery)
    elif box.top >= target.bottom:
        x = max(target.left + 20, min(target.right - 20, box.centerx))
        start, end = pygame.Vector2(x, box.top), pygame.Vector2(x, target.bottom)
    elif box.bottom <= target.top:
        x = max(target.left + 20, min(target.right - 20, box.centerx))
        start, end = pygame.Vector2(x, box.bottom), pygame.Vector2(x, target.top)
    if (end - start).length() < 4:
        return
    direction = (end - start).normalize()
    tip = end - direction * 4
    pygame.draw.line(surface, theme.YELLOW, start, tip - direction * 14, 6)
    side = pygame.Vector2(-direction.y, direction.x)
    head = [tip, tip - direction * 20 + side * 12, tip - direction * 20 - side * 12]
    pygame.draw.polygon(surface, theme.YELLOW, head)


class HintBox(Scene):
    """One tutorial hint over the board; the world waits (this overlay lets no time pass).

    Enter, Space, Esc or a click go on; H (or its button) also turns this hint off for
    good.  On a call's hint, the keys that answer the call (T/R, L/N, S/D) answer it and go
    on.  Going on shows the next waiting hint, if any, before the clock moves again.
    """

    overlay = True
    passes_time = False

    def __init__(self, app, due: Due) -> None:  # type: ignore[no-untyped-def]
        super().__init__(app)
        self.due = due
        below = app.scenes.top
        board = getattr(below, "board", None) or Board()
        self.target = target_rect(due, board)
        self.also = also_shown(due, board)
        self.layout = lay_out_box(due, self.target, pygame.Rect((0, 0), theme.LOGICAL_SIZE), self.also)

    def handle_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key in self._answer_keys():
            board = self.app.scenes.below(self)  # the hint said which key answers: it does
            if board is not None:
                board.handle_event(event)
            self._done(turn_off=False)
            return True
        if event.type == pygame.KEYDOWN:
            if event.key == OFF_KEY:
                self._done(turn_off=True)
            elif event.key in OK_KEYS:
                self._done(turn_off=False)
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            self._done(turn_off=self.layout.off.collidepoint(event.pos))
        return True  # the board takes nothing while a hint is up

    def _answer_keys(self) -> set[int]:
        """The keys that answer the call this hint is about (none for other hints)."""
        from deskgame.engine.world import CALL_CHOICES
        from deskgame.ui.call_answers import CHOICE_KEYS

        return {CHOICE_KEYS[c] for c in CALL_CHOICES.get(self.due.hint.id, ())}

    def _done(self, turn_off: bool) -> None:
        if turn_off:
            self.app.userdata.turn_hint_off(self.due.hint.id)
        self.go("hint")  # the next waiting hint, or back to the board

    def draw(self, surface: pygame.Surface) -> None:
        veil = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        veil.fill((0, 0, 0, 150))
        for lit in (self.target, *self.also):  # what the hint is about stays lit
            veil.fill((0, 0, 0, 0), lit.inflate(12, 12))
        surface.blit(veil, (0, 0))
        text.mark("veil")
        pygame.draw.rect(surface, theme.YELLOW, self.target.inflate(12, 12), 4, border_radius=10)
        layout = self.layout
        box = layout.box
        _arrow(surface, box, self.target)
        pygame.draw.rect(surface, theme.PANEL, box, border_radius=12)
        pygame.draw.rect(surface, theme.YELLOW, box, 4, border_radius=12)
        text.blit(surface, self.due.hint.title, (box.x + PAD, box.y + PAD - 4), theme.SIZE_HEADING,
                  theme.YELLOW, bold=True)
        y = box.y + PAD + 46
        for line in layout.lines:
            text.blit(surface, line, (box.x + PAD, y), theme.SIZE_BODY, theme.TEXT)
            y += LINE
        for rect, words, fill in ((layout.ok, "Enter: go on", theme.YELLOW),
                                  (layout.off, "H: don't show this again", theme.CARD)):
            pygame.draw.rect(surface, fill, rect, border_radius=8)
            ink = theme.BLACK if fill == theme.YELLOW else theme.TEXT
            text.blit(surface, words, rect.center, theme.SIZE_BODY, ink, bold=fill == theme.YELLOW,
                      anchor="center")
