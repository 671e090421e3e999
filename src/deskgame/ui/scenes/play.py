"""The play screen: input, the frame's share of simulated time, and what the board shows.

Every player action is an engine command through ``LiveSession.command`` (and so a
recorded decision).  The board's parts are drawn by ``ui.board``; their click targets
are laid out in ``update`` and after each input (``ui.board.layout``), never in ``draw``;
what the board says back (sounds, rising numbers, glows, the trust pulse) is
``ui.board.feedback``; help and the major-incident box are scenes pushed over it
(``ui.scenes.boxes``).

Fair calls: while a call rings the clock runs at most ``call_window / 15`` simulated
minutes per real second, so the table always has at least 15 real seconds to answer,
whatever the speed and the round's length (``App.fair_calls`` turns it off).
"""

from __future__ import annotations

from collections import deque

import pygame

from deskgame.engine.tickets import Ticket
from deskgame.engine.world import CALL_CHOICES
from deskgame.scenario.units import format_clock
from deskgame.ui import engine_view, theme
from deskgame.ui.board import layout
from deskgame.ui.board.backdrop import backdrop
from deskgame.ui.board.bands import bands, bands_height, draw_bands
from deskgame.ui.board.detail import draw_detail
from deskgame.ui.board.feed import draw_feed
from deskgame.ui.board.feedback import Feedback
from deskgame.ui.board.layout import Board
from deskgame.ui.board.overlays import toast, toast_box
from deskgame.ui.board.queue import draw_queue
from deskgame.ui.board.team import draw_team
from deskgame.ui.board.topbar import draw_top, meter_rects, top_facts
from deskgame.ui.board.work_lines import away_words
from deskgame.ui.call_answers import ANSWERED, CHOICE_KEYS
from deskgame.ui.priority_key import next_priority, priority_said
from deskgame.ui.scenes.base import Scene
from deskgame.ui.scenes.play_messages import FIRST_TIME_HINTS, BoardMessages
from deskgame.ui.text import blit, width
from deskgame.ui.verdict import board_notice

CALL_SECONDS = 15.0  # the least real time a ringing call gives the table
RESTORED_SECONDS = 12.0  # real seconds of play an outage's end stays on the board, at most ...
RESTORED_CLOCK_MINUTES = 20.0  # ... and it goes sooner once the clock is this far past its time ...
RESTORED_LEAST_SECONDS = 5.0  # ... but never before this many real seconds of play (time to read it)
SUBSTEPS = 60  # a frame is advanced in steps of at most 1/60 of a call's window


class PlayScene(BoardMessages, Scene):
    def __init__(self, app):  # type: ignore[no-untyped-def]
        super().__init__(app)
        self.selected: str | None = None
        self.board = Board()
        self.scroll = 0
        self.dragging: Ticket | None = None
        self.drag_start: tuple[int, int] | None = None
        self.mouse = (0, 0)
        self.message = ""
        self.message_frames = 0
        self.message_kind: str | None = None  # the call kind a hint on the board is about
        self.message_call: str | None = None  # the ringing call that hint is about
        self.message_short: str | None = None  # fewer words for it, when the feed needs the room
        self.message_about: str | None = None  # the ticket a confirmation is about (said by its panel)
        self.hints: deque[tuple[str, str, str]] = deque()  # (words, kind, call) waiting their turn
        self.hints_seen: set[str] = set()  # kinds whose hint has been on the board
        self.flash = 0
        self.feedback = Feedback(self.live, self.sound)
        self.notice_rects: tuple[pygame.Rect, pygame.Rect] | None = None
        self.bands: list = []  # type: ignore[type-arg]
        self.storms: list[engine_view.Storm] = []  # blowing now (the band and the feed both say it)
        self.storm_watch = engine_view.StormWatch()  # social storms, from the event log
        self.absence_watch = engine_view.AbsenceWatch()  # who is away, why and until when
        self.outage_watch = engine_view.OutageWatch()  # outages that ended, from the event log
        self.outages_ended = len(self.outage_watch.now(self.live.world))  # before this scene: not news
        self.restored: engine_view.Restored | None = None  # the outage just ended, said in a band
        self.restored_left = 0.0  # real seconds of play the band has still to show
        self.work_held: layout.Held = {}  # how each team card said its work (stable per ticket)
        for note in app.notes:  # e.g. "the scenario file has changed since this save"
            self._say(note, frames=600)
        app.notes = []
        if self.live.on_notice:
            self.sound("notice")
        self.lay_out()

    # ------------------------------------------------------------------ reading the world
    @property
    def live(self):  # type: ignore[no-untyped-def]
        return self.app.live

    def sound(self, name: str) -> None:
        sounds = getattr(self.app, "sounds", None)
        if sounds is not None:
            sounds.play(name)

    def calls(self) -> list[Ticket]:
        return sorted(self.live.world.calls.values(), key=lambda t: t.seq)

    def visible(self) -> list[Ticket]:
        """Calls first (they ring), then the queue in the order agents will pull it."""
        return self.calls() + list(self.live.world.queue)

    def selected_ticket(self) -> Ticket | None:
        if self.selected is None:
            return None
        ticket = self.live.world.tickets.get(self.selected)
        if ticket is None or not ticket.is_open:
            return None
        return ticket

    def minutes_per_second(self) -> float:
        """Simulated minutes per real second this frame (slowed while a call rings)."""
        live = self.live
        rate = live.speed * live.minutes_per_real_second
        if self.app.fair_calls and live.world.calls:
            rate = min(rate, engine_view.call_window(live.world) / CALL_SECONDS)
        return rate

    def call_seconds_left(self) -> dict[str, float]:
        rate = self.minutes_per_second() or (
            min(self.live.minutes_per_real_second, engine_view.call_window(self.live.world) / CALL_SECONDS)
        )
        return {c.id: engine_view.call_minutes_left(self.live.world, c) / rate for c in self.calls()}

    # ------------------------------------------------------------------ layout (outside draw)
    def lay_out(self) -> None:
        """Where every card, agent and button is this frame (input and drawing both read it)."""
        world = self.live.world
        board = Board()
        board.buttons = layout.speed_buttons()
        board.meters = meter_rects()
        self.storms = self.storm_watch.now(world)
        ended = self.outage_watch.now(world)
        if len(ended) > self.outages_ended:
            self.outages_ended = len(ended)
            self.restored, self.restored_left = ended[-1], RESTORED_SECONDS
        if self.restored is not None and self._restored_done(world.now, world.round_start):
            self.restored = None
        self.bands = bands(self.live, self.storms, self.restored)
        board.queue, board.team, board.feed = layout.columns(layout.TOP + bands_height(self.bands))
        self.scroll = layout.lay_out_queue(board, self.visible(), world.agents, self.scroll)
        layout.lay_out_team(board, world.agents, world.now, self.work_held, self.away_said())
        outages = engine_view.outages(world)
        sent = outages[-1].broadcasts if outages else 0
        layout.lay_out_detail(board, self.selected_ticket(), bool(outages), sent)
        self.board = board

    def away_said(self) -> dict[str, list[str]]:
        """Each absent person's absence in words, from the whole to the fewest (their card)."""
        live = self.live
        world = live.world
        start = live.scenario.round.start

        def clock(t: float) -> str:
            return format_clock(start + t - world.round_start)

        away = self.absence_watch.now(world, live.scenario.briefing)
        return {name: away_words(a, world.round_end, clock) for name, a in away.items()}

    def _restored_done(self, now: float, round_start: float) -> bool:
        """Whether the "RESTORED at 10:31" band has been up long enough.

        Why a clock limit too: 12 s of play is 77 game minutes at 8x, and a room read
        "RESTORED at 10:31" at 11:43 as stale news.  Real seconds count only while the game
        runs (a pause or the console does not use them up)."""
        restored = self.restored
        assert restored is not None
        shown = RESTORED_SECONDS - self.restored_left
        stale = now - restored.at >= RESTORED_CLOCK_MINUTES and shown >= RESTORED_LEAST_SECONDS
        return self.restored_left <= 0 or stale or restored.at < round_start

    # ------------------------------------------------------------------ input
    def handle_event(self, event: pygame.event.Event) -> bool:
        used = self._handle(event)
        self.lay_out()
        return used

    def _handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN:
            return self._key(event.key)
        if event.type == pygame.MOUSEMOTION:
            self.mouse = event.pos
            return True
        if event.type == pygame.MOUSEWHEEL:
            if self.board.queue.collidepoint(self.mouse):
                self.scroll = max(0, self.scroll - event.y)
            return True
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            return self._press(event.pos)
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            return self._release(event.pos)
        return False

    def _key(self, key: int) -> bool:
        live = self.live
        sounds = getattr(self.app, "sounds", None)
        if key == pygame.K_F1:
            self.go("help")
        elif key == pygame.K_F9:
            self.go("console")  # the facilitator's live events; the game waits while it is open
        elif key == pygame.K_SPACE:
            live.set_speed(1 if live.speed == 0 else 0)
        elif key in (pygame.K_MINUS, pygame.K_KP_MINUS):
            live.slower()
        elif key in (pygame.K_EQUALS, pygame.K_PLUS, pygame.K_KP_PLUS):
            live.faster()
        elif key in (pygame.K_DOWN, pygame.K_TAB):
            self._move_selection(1)
        elif key == pygame.K_UP:
            self._move_selection(-1)
        elif key == pygame.K_PAGEDOWN:
            self.scroll += self._page()
        elif key == pygame.K_PAGEUP:
            self.scroll = max(0, self.scroll - self._page())
        elif pygame.K_1 <= key <= pygame.K_9:
            self._assign_to(key - pygame.K_1)
        elif key == pygame.K_p:
            self._cycle_priority()
        elif key == pygame.K_u:
            self._on_selected("update")
        elif key == pygame.K_e:
            self._on_selected("escalate")
        elif key == pygame.K_b:
            self._do("broadcast")
        elif key == pygame.K_m and sounds is not None:
            self._sound_changed(sounds.toggle_mute())
        elif key in (pygame.K_LEFTBRACKET, pygame.K_RIGHTBRACKET) and sounds is not None:
            self._sound_changed(sounds.change_volume(0.1 if key == pygame.K_RIGHTBRACKET else -0.1))
        else:
            for choice, choice_key in CHOICE_KEYS.items():
                if key == choice_key:
                    self._answer(choice)
                    break
            else:
                return False
        return True

    def _page(self) -> int:
        """Cards one PgDn moves past: those shown but one."""
        return max(1, len(self.board.slots) - 1)

    def _sound_changed(self, said: str) -> None:
        """Say the new sound, and keep it for the next game as the settings screen does."""
        problem = self.app.keep_sound()
        if problem:
            self._say(f"{said}. {problem[:1].upper()}{problem[1:]}", frames=300)
        else:
            self._say(said, frames=90)

    def _press(self, pos: tuple[int, int]) -> bool:
        for button in self.board.buttons:
            if button.rect.collidepoint(pos) and button.active:
                self._button(button.action)
                return True
        for slot in self.board.slots:
            if slot.rect.collidepoint(pos):
                self.selected = slot.ticket.id
                self.dragging = slot.ticket
                self.drag_start = pos
                return True
        return False

    def _release(self, pos: tuple[int, int]) -> bool:
        dragged, self.dragging = self.dragging, None
        if dragged is None:
            return False
        for slot in self.board.agents:
            if slot.rect.collidepoint(pos):
                self._do("assign", ticket=dragged.id, agent=slot.agent.name)
                return True
        return True

    def _button(self, action: str) -> None:
        if action.startswith("speed:"):
            self.live.set_speed(int(action.split(":")[1]))
        elif action.startswith("answer:"):
            _, choice, ticket = action.split(":")
            self._answer(choice, ticket)
        elif action == "help":
            self.go("help")
        elif action in ("update", "escalate"):
            self._on_selected(action)
        elif action == "priority":
            self._cycle_priority()
        elif action == "broadcast":
            self._do("broadcast")

    def _move_selection(self, step: int) -> None:
        items = self.visible()
        if not items:
            self.selected = None
            return
        ids = [t.id for t in items]
        index = ids.index(self.selected) if self.selected in ids else -1 if step > 0 else 0
        self.selected = ids[(index + step) % len(ids)]
        shown = [slot.ticket.id for slot in self.board.slots]
        if self.selected not in shown:  # keep the selection on screen
            self.scroll = ids.index(self.selected)

    def _assign_to(self, index: int) -> None:
        agents = self.live.world.agents
        ticket = self.selected_ticket()
        if ticket is None:
            self._say("Select a ticket first (Up/Down or click).")
        elif index >= len(agents):
            self._say(f"There is no team member {index + 1}.")
        else:
            agent, busy_with = agents[index], agents[index].ticket
            if not self._do("assign", ticket=ticket.id, agent=agent.name):
                return
            if ticket.repair and busy_with is not None and busy_with is not ticket:
                self._say(f"{agent.name} stops {busy_with.id} for now and starts the fix.", frames=150,
                          about=ticket.id)
            else:
                self._say(f"{ticket.id} goes to {agent.name}.", frames=120, about=ticket.id)

    def _cycle_priority(self) -> None:
        ticket = self.selected_ticket()
        if ticket is None:
            self._say("Select a ticket first.")
            return
        if ticket.call_pending:  # a priority is no answer: the call would ring on and time out
            self._say(f"{ticket.id} is still ringing: answer the call first (its buttons or keys).")
            return
        if self._do("set_priority", ticket=ticket.id, priority=next_priority(ticket)):
            said = ", as the caller said" if ticket.priority == ticket.stated_priority else ""
            # The facts it names are in the bottom panel too: the short form gives them up.
            self._say(priority_said(ticket, self.live.world.service_name(ticket.service)), frames=180,
                      short=f"{ticket.id} is {ticket.priority}{said}. P again changes it.", about=ticket.id)

    def _on_selected(self, action: str) -> None:
        ticket = self.selected_ticket()
        if ticket is None:
            self._say("Select a ticket first.")
        elif self._do(action, ticket=ticket.id):
            words = "Update sent to" if action == "update" else "Escalated:"
            self._say(f"{words} {ticket.customer} ({ticket.id}).", frames=120, about=ticket.id)

    def _answer(self, choice: str, ticket_id: str | None = None) -> None:
        world = self.live.world
        ticket = world.tickets.get(ticket_id) if ticket_id else self.selected_ticket()
        if ticket is None or not ticket.call_pending or choice not in CALL_CHOICES.get(ticket.kind, ()):
            matching = [c for c in self.calls() if choice in CALL_CHOICES.get(c.kind, ())]
            ticket = matching[0] if matching else None
        if ticket is None:
            self._say("No call is ringing that takes that answer.")
            return
        target = ticket.call_target or "The specialist"
        said = choice  # "learn" promises a slow first job only for a device nobody knows yet
        if choice == "learn" and engine_view.device_known(self.live.world, ticket):
            said = "learn_known"
        if self._do("answer", ticket=ticket.id, choice=choice):
            self._say(ANSWERED[said].format(agent=target), frames=150)
            self.sound("click")

    def _do(self, action: str, **fields: object) -> bool:
        reason = self.live.command(action, **fields)
        if reason:
            self._say(reason)
            return False
        return True

    # ------------------------------------------------------------------ update
    def update(self, real_seconds: float) -> None:
        self.flash += 1
        if self.message_frames and self.message_call is not None and not self._ringing(self.message_call):
            self.message_frames = 0  # its call was answered or went to its default: the hint is stale
            self.message_call = None
        if self.message_frames:
            self.message_frames -= 1
        if not self.message_frames and self.hints:
            self._next_hint()
        self._advance(real_seconds)
        live = self.live
        if live.speed:  # the end of an outage stays in sight for a while of play, not of a pause
            self.restored_left -= real_seconds
        self._introduce_calls()
        self.feedback.watch(self.board)
        coach = getattr(self.app, "coach", None)  # the tutorial's hints (ui/tutorial.py) pause the game
        if coach is not None and coach.watch() and self.app.scenes.top is self:
            self.go("hint")
        saver = self.app.autosaver
        if saver is not None and saver.last_error and not self.message_frames:
            self._say(saver.last_error + " (the previous save is kept)")
        if live.incident_alert and self.app.scenes.top is self:
            self.go("incident")  # a box over the board until the team has seen it
        if live.phase != "playing":
            self.go("round_over")
            return
        self.lay_out()

    def _advance(self, real_seconds: float) -> None:
        """Ask the live session for this frame's simulated time, in steps small enough that a
        call ringing part-way through a frame slows the rest of it (a long frame runs at most
        ``1/SUBSTEPS`` of a call's window at full speed before the slow clock takes over)."""
        live = self.live
        step = engine_view.call_window(live.world) / SUBSTEPS  # simulated minutes
        left = real_seconds
        while left > 1e-12 and live.phase == "playing" and not live.incident_alert and live.speed:
            rate = self.minutes_per_second()
            chunk = min(left, step / rate) if self.app.fair_calls else left
            live.tick(chunk * rate / (live.speed * live.minutes_per_real_second))
            left -= chunk

    def _introduce_calls(self) -> None:
        """The first call of each kind gets a hint; a ringing call is selected if nothing is."""
        calls = self.calls()
        if calls and self.selected_ticket() is None:
            self.selected = calls[0].id
        for call in calls:
            if call.kind not in self.app.hinted:
                self.app.hinted.add(call.kind)
                self._hint(FIRST_TIME_HINTS[call.kind], call.kind, call.id)

    # ------------------------------------------------------------------ drawing
    def facts(self) -> dict:  # type: ignore[type-arg]
        return top_facts(self.live, held=self not in self.app.scenes.updating())  # a box stops time

    def draw(self, surface: pygame.Surface) -> None:
        world = self.live.world
        board = self.board
        surface.blit(backdrop(board.queue, board.team, board.feed), (0, 0))  # page and panels
        draw_top(surface, board, self.facts(), self.feedback.pulse > 0 and (self.flash // 15) % 2 == 0)
        draw_queue(
            surface, board, world, self.selected, self.flash, self.call_seconds_left(), len(world.queue),
            len(world.calls),
        )
        hover = None
        if self.dragging is not None:
            hover = next((s.rect for s in board.agents if s.rect.collidepoint(self.mouse)), None)
        draw_team(surface, board, world.now, hover)
        self._draw_banners(surface)
        message = self.board_message()
        draw_feed(surface, board, world, toast_box(message, board.feed)[0] if message else None, self.storms)
        draw_detail(surface, board, world, self.selected_ticket(), self.panel_note())
        self.feedback.draw(surface, board)
        if message:
            toast(surface, message, board.feed)
        if self.dragging is not None and self.drag_start is not None:
            label = f"{self.dragging.id}: drop on an agent"
            box = pygame.Rect(self.mouse, (width(label, theme.SIZE_BODY) + 12, 32))
            pygame.draw.rect(surface, theme.BLACK, box, border_radius=6)
            blit(surface, label, (box.x + 6, box.y + 2), theme.SIZE_BODY, theme.YELLOW)

    def _draw_banners(self, surface: pygame.Surface) -> None:
        """On notice and service down, across the board under the top bar."""
        drawn = draw_bands(surface, self.bands, self.flash)
        notice = board_notice(self.live)
        self.notice_rects = drawn[0] if drawn and notice is not None else None
