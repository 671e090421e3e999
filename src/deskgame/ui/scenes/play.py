"""The play screen: top bar, incoming queue and calls, the team, the feeds, the selected ticket.

Every player action here is an engine command through ``LiveSession.command`` (and so
a recorded decision).  Layout is computed from the logical 1280x720 size.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from deskgame.engine.tickets import Agent, Ticket
from deskgame.engine.world import CALL_CHOICES
from deskgame.scenario.units import format_clock
from deskgame.session.kpis import round_kpis
from deskgame.session.live import SPEEDS
from deskgame.ui import theme
from deskgame.ui.scenes.base import Scene
from deskgame.ui.text import blit, fit, wrap
from deskgame.ui.verdict import board_notice
from deskgame.ui.widgets import Button, banner, bar, modal, priority_badge, tooltip, wait_ring

W, H = theme.LOGICAL_SIZE
QUEUE_RECT = pygame.Rect(0, theme.TOP_BAR, theme.LEFT_WIDTH, H - theme.TOP_BAR - theme.BOTTOM_PANEL)
TEAM_RECT = pygame.Rect(
    theme.LEFT_WIDTH,
    theme.TOP_BAR,
    W - theme.LEFT_WIDTH - theme.RIGHT_WIDTH,
    H - theme.TOP_BAR - theme.BOTTOM_PANEL,
)
FEED_RECT = pygame.Rect(
    W - theme.RIGHT_WIDTH, theme.TOP_BAR, theme.RIGHT_WIDTH, H - theme.TOP_BAR - theme.BOTTOM_PANEL
)
DETAIL_RECT = pygame.Rect(0, H - theme.BOTTOM_PANEL, W, theme.BOTTOM_PANEL)

CHOICE_KEYS = {
    "take": pygame.K_t,
    "redirect": pygame.K_r,
    "learn": pygame.K_l,
    "unsupported": pygame.K_n,
    "serve": pygame.K_s,
    "deprioritise": pygame.K_d,
}
CHOICE_LABELS = {
    "take": "T  Take it (specialist drops work)",
    "redirect": "R  Redirect to the desk",
    "learn": "L  Learn and help",
    "unsupported": "N  Say unsupported",
    "serve": "S  Serve now (drop everything)",
    "deprioritise": "D  Prioritise by impact",
}
CHOICE_HINTS = {
    "take": "Fast and friendly now; the work is invisible and the habit grows.",
    "redirect": "A small dip now; fewer end-runs later.",
    "learn": "Slow the first time; a knowledge article makes the next ones quick.",
    "unsupported": "Quick, but the customer is let down, may post, and will go round you.",
    "serve": "The caller is delighted; someone's real work is dropped.",
    "deprioritise": "One person is disappointed; the business is served.",
}
FIRST_TIME_HINTS = {
    "end_run": "An end-run: a customer rang a specialist directly. T: take it (quick, invisible, the habit "
    "grows). R: redirect to the desk (a small dip now, fewer later).",
    "byod": "A personal device nobody knows yet. L: learn and help (slow once, quick after). "
    "N: 'unsupported' (fast, but they are let down and will go round you).",
    "fake_emergency": "'It's an emergency!' Judge by business impact. S: serve now (someone's real work "
    "waits). D: give it its true priority (one person disappointed).",
}
HELP_LINES = [
    ("Up / Down / Tab", "select a call or ticket"),
    ("1 … 9", "assign the selected ticket to that team member"),
    ("drag a card", "onto a team member to assign it"),
    ("P", "cycle the selected ticket's priority"),
    ("U / E", "send an update / escalate to a specialist"),
    ("T R · L N · S D", "answer a ringing call (shown on the card)"),
    ("B", "broadcast a status update during a major incident"),
    ("Space", "pause or resume"),
    ("-  /  =", "slower / faster (pause, 1x, 2x, 4x, 8x)"),
    ("F11", "full screen"),
    ("F1 / Esc", "show or hide this help"),
]
METER_TIPS = {
    "trust": "Business trust: customers' satisfaction weighted by their influence. Below the line "
    "at a round's end: on notice; twice in a row: outsourced.",
    "satisfaction": "Mean satisfaction of all departments, 0-100.",
    "sla": "Share of tickets this round whose work started within their priority's target.",
    "morale": "Mean team morale: overload and interruptions lower it; finished work raises it.",
}


COMPACT_BELOW = 56  # an agent card shorter than this (px) is drawn as one line


def _morale_colour(agent: Agent) -> tuple[int, int, int]:
    return theme.GOOD if agent.morale >= 0.5 else theme.WARN if agent.morale >= 0.3 else theme.BAD


@dataclass
class CardSlot:
    rect: pygame.Rect
    ticket: Ticket


class PlayScene(Scene):
    def __init__(self, app):  # type: ignore[no-untyped-def]
        super().__init__(app)
        self.selected: str | None = None
        self.help = False
        self.slots: list[CardSlot] = []
        self.agent_rects: list[tuple[pygame.Rect, Agent]] = []
        self.buttons: list[Button] = []
        self.meters: list[tuple[pygame.Rect, str]] = []
        self.dragging: Ticket | None = None
        self.drag_start: tuple[int, int] | None = None
        self.mouse = (0, 0)
        self.message = ""
        self.message_frames = 0
        self.flash = 0
        self.incident_frames = 0
        self.notice_rects: tuple[pygame.Rect, pygame.Rect] | None = None  # the banner, its headline
        self._layout_buttons()
        for note in app.notes:  # e.g. "the scenario file has changed since this save"
            self._say(note, frames=600)
        app.notes = []

    # ------------------------------------------------------------------ reading the world
    @property
    def live(self):  # type: ignore[no-untyped-def]
        return self.app.live

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

    # ------------------------------------------------------------------ input
    def handle_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN:
            return self._key(event.key)
        if event.type == pygame.MOUSEMOTION:
            self.mouse = event.pos
            return True
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            return self._press(event.pos)
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            return self._release(event.pos)
        return False

    def _key(self, key: int) -> bool:
        live = self.live
        if self.help:
            if key in (pygame.K_F1, pygame.K_ESCAPE):
                self.help = False
            return True
        if live.incident_alert:
            if key in (pygame.K_RETURN, pygame.K_SPACE, pygame.K_ESCAPE, pygame.K_KP_ENTER):
                live.acknowledge_incident()
            elif key == pygame.K_b:
                self._do("broadcast")
                live.acknowledge_incident()
            return True
        if key == pygame.K_F1:
            self.help = True
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
        else:
            for choice, choice_key in CHOICE_KEYS.items():
                if key == choice_key:
                    self._answer(choice)
                    break
            else:
                return False
        return True

    def _press(self, pos: tuple[int, int]) -> bool:
        if self.live.incident_alert:
            self.live.acknowledge_incident()
            return True
        for button in self.buttons:
            if button.rect.collidepoint(pos) and button.active:
                self._button(button.action)
                return True
        for slot in self.slots:
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
        for rect, agent in self.agent_rects:
            if rect.collidepoint(pos):
                self._do("assign", ticket=dragged.id, agent=agent.name)
                return True
        return True

    def _button(self, action: str) -> None:
        if action.startswith("speed:"):
            self.live.set_speed(int(action.split(":")[1]))
        elif action.startswith("answer:"):
            self._answer(action.split(":")[1])
        elif action == "help":
            self.help = True
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

    def _assign_to(self, index: int) -> None:
        agents = self.live.world.agents
        ticket = self.selected_ticket()
        if ticket is None:
            self._say("Select a ticket first (Up/Down or click).")
        elif index >= len(agents):
            self._say(f"There is no team member {index + 1}.")
        else:
            self._do("assign", ticket=ticket.id, agent=agents[index].name)

    def _cycle_priority(self) -> None:
        ticket = self.selected_ticket()
        if ticket is None:
            self._say("Select a ticket first.")
            return
        current = ticket.priority
        order = ["P1", "P2", "P3", "P4"]
        nxt = order[(order.index(current) + 1) % 4] if current else ticket.stated_priority
        self._do("set_priority", ticket=ticket.id, priority=nxt)

    def _on_selected(self, action: str) -> None:
        ticket = self.selected_ticket()
        if ticket is None:
            self._say("Select a ticket first.")
        else:
            self._do(action, ticket=ticket.id)

    def _answer(self, choice: str) -> None:
        ticket = self.selected_ticket()
        calls = self.calls()
        if ticket is None or not ticket.call_pending:
            matching = [c for c in calls if choice in CALL_CHOICES.get(c.kind, ())]
            ticket = matching[0] if matching else None
        if ticket is None:
            self._say("No call is ringing that takes that answer.")
            return
        self._do("answer", ticket=ticket.id, choice=choice)

    def _do(self, action: str, **fields: object) -> None:
        reason = self.live.command(action, **fields)
        if reason:
            self._say(reason)

    def _say(self, text: str, frames: int = 180) -> None:
        self.message = text
        self.message_frames = frames

    # ------------------------------------------------------------------ update
    def update(self, real_seconds: float) -> None:
        self.flash += 1
        if self.message_frames:
            self.message_frames -= 1
        live = self.live
        live.tick(real_seconds)
        self._introduce_calls()
        saver = self.app.autosaver
        if saver is not None and saver.last_error and not self.message_frames:
            self._say(saver.last_error + " (the previous save is kept)")
        if live.incident_alert and self.app.autoplay:
            self.incident_frames += 1
            if self.incident_frames >= 90:
                self.incident_frames = 0
                live.acknowledge_incident()
        if live.phase != "playing":
            self.app.round_over()

    def _introduce_calls(self) -> None:
        """The first call of each kind gets a hint; a ringing call is selected if nothing is."""
        calls = self.calls()
        if calls and self.selected_ticket() is None:
            self.selected = calls[0].id
        for call in calls:
            if call.kind not in self.app.hinted:
                self.app.hinted.add(call.kind)
                self._say(FIRST_TIME_HINTS[call.kind], frames=480)

    # ------------------------------------------------------------------ drawing
    def _layout_buttons(self) -> None:
        self.buttons = []
        x = 250
        for speed in SPEEDS:
            label = "II" if speed == 0 else f"{speed}x"
            tip = "Pause (Space)" if speed == 0 else f"Play at {speed}x (- and = change speed)"
            self.buttons.append(Button(pygame.Rect(x, 12, 50, 36), label, f"speed:{speed}", tip))
            x += 56
        self.buttons.append(Button(pygame.Rect(W - 60, 12, 48, 36), "F1", "help", "Every key (F1)"))

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(theme.BACKGROUND)
        self._draw_top(surface)
        self._draw_queue(surface)
        self._draw_team(surface)
        self._draw_feed(surface)
        self._draw_detail(surface)
        if self.dragging is not None and self.drag_start is not None:
            blit(
                surface,
                fit(self.dragging.title, theme.SIZE_SMALL, 260),
                self.mouse,
                theme.SIZE_SMALL,
                theme.YELLOW,
            )
        if self.live.incident_alert:
            self._draw_incident(surface)
        if self.help:
            self._draw_help(surface)
        self._draw_tooltip(surface)

    def _draw_top(self, surface: pygame.Surface) -> None:
        live, world = self.live, self.live.world
        pygame.draw.rect(surface, theme.PANEL, (0, 0, W, theme.TOP_BAR))
        blit(surface, f"Round {world.round}/{live.scenario.rounds}", (16, 8), theme.SIZE_BODY, theme.TEXT_DIM)
        blit(surface, format_clock(live.clock), (16, 28), theme.SIZE_HEADING, theme.TEXT, bold=True)
        blit(surface, "Speed", (180, 22), theme.SIZE_SMALL, theme.TEXT_DIM)
        for button in self.buttons:
            button.selected = button.action == f"speed:{live.speed}"
            button.draw(surface)
        sat = world.satisfaction
        t = world.now
        trust = sat.trust(t)
        names = sat.names()
        mean_sat = sum(sat.value(n, t) for n in names) / len(names)
        kpis = self._kpis()
        meters = [
            ("trust", "Trust", trust / 100, f"{trust:.0f}"),
            ("satisfaction", "Satisfaction", mean_sat / 100, f"{mean_sat:.0f}"),
            ("sla", "SLA met", kpis["sla_met"], f"{kpis['sla_met']:.0%}"),
            ("morale", "Morale", kpis["morale"], f"{kpis['morale']:.2f}"),
        ]
        self.meters = []
        x = 560
        for key, label, share, shown in meters:
            rect = pygame.Rect(x, 8, 150, 44)
            self.meters.append((rect, key))
            blit(surface, label, (x, 8), theme.SIZE_SMALL, theme.TEXT_DIM)
            blit(surface, shown, (x + 150, 8), theme.SIZE_SMALL, theme.TEXT, bold=True, anchor="topright")
            colour = theme.GOOD if share >= 0.6 else theme.WARN if share >= 0.4 else theme.BAD
            bar(surface, pygame.Rect(x, 32, 150, 14), share, colour)
            if key == "trust":
                line = live.scenario.scoring.outsourcing_below / 100
                lx = x + int(150 * line)
                pygame.draw.line(surface, theme.TEXT, (lx, 28), (lx, 50), 2)
            x += 166

    def _kpis(self) -> dict:
        """Figures of the round so far (cached per simulated instant: drawing stays cheap)."""
        world = self.live.world
        key = (world.round, world.step)
        if getattr(self, "_kpi_key", None) != key:
            self._kpi_key = key
            self._kpi_value = round_kpis(world, world.round)
        return self._kpi_value

    def _draw_queue(self, surface: pygame.Surface) -> None:
        world = self.live.world
        pygame.draw.rect(surface, theme.PANEL, QUEUE_RECT.inflate(-8, -8), border_radius=8)
        calls = self.calls()
        waiting = list(world.queue)
        blit(
            surface,
            f"Incoming  ·  {len(waiting)} waiting",
            (QUEUE_RECT.x + 16, QUEUE_RECT.y + 12),
            theme.SIZE_BODY,
            theme.TEXT,
            bold=True,
        )
        y = QUEUE_RECT.y + 42
        bottom = QUEUE_RECT.bottom - 30
        self.slots = []
        shown = 0
        for ticket in calls + waiting:
            if y + theme.CARD_HEIGHT > bottom:
                break
            rect = pygame.Rect(QUEUE_RECT.x + 12, y, QUEUE_RECT.width - 24, theme.CARD_HEIGHT - 4)
            self.slots.append(CardSlot(rect, ticket))
            self._draw_card(surface, rect, ticket)
            y += theme.CARD_HEIGHT
            shown += 1
        hidden = len(calls) + len(waiting) - shown
        if hidden > 0:
            blit(
                surface,
                f"+ {hidden} more below",
                (QUEUE_RECT.x + 16, bottom + 4),
                theme.SIZE_SMALL,
                theme.TEXT_DIM,
            )
        if not calls and not waiting:
            blit(surface, "Nobody is waiting.", (QUEUE_RECT.x + 16, y + 6), theme.SIZE_SMALL, theme.TEXT_DIM)

    def _draw_card(self, surface: pygame.Surface, rect: pygame.Rect, ticket: Ticket) -> None:
        world = self.live.world
        selected = ticket.id == self.selected
        ringing = ticket.call_pending
        fill = theme.CARD_SELECTED if selected else theme.CARD
        if ringing and (self.flash // 20) % 2 == 0:
            fill = tuple(min(255, c + 30) for c in fill)  # type: ignore[assignment]
        pygame.draw.rect(surface, fill, rect, border_radius=6)
        if ringing:
            pygame.draw.rect(
                surface, theme.CALL_COLOUR.get(ticket.kind, theme.YELLOW), rect, 3, border_radius=6
            )
        elif selected:
            pygame.draw.rect(surface, theme.TEXT, rect, 2, border_radius=6)
        priority = ticket.priority if ticket.priority else (None if not ringing else ticket.stated_priority)
        priority_badge(surface, priority, (rect.x + 22, rect.centery))
        if ringing:
            label = {"end_run": "END-RUN", "byod": "BYOD", "fake_emergency": "EMERGENCY?"}[ticket.kind]
            left = max(0.0, ticket.arrived + world.params.work.call_window - world.now)
            seconds = left / (self.live.minutes_per_real_second * max(1, self.live.speed))
            first = f"{label} · {ticket.customer} · {seconds:.0f}s"
            blit(
                surface,
                fit(first, theme.SIZE_SMALL, rect.width - 90),
                (rect.x + 44, rect.y + 3),
                theme.SIZE_SMALL,
                theme.CALL_COLOUR.get(ticket.kind, theme.YELLOW),
                bold=True,
            )
        else:
            where = " · for a specialist" if ticket.specialist_only else ""
            if ticket.assigned_to:
                where = f" · for {ticket.assigned_to}"
            blit(
                surface,
                fit(f"{ticket.customer} · {ticket.service}{where}", theme.SIZE_SMALL, rect.width - 90),
                (rect.x + 44, rect.y + 3),
                theme.SIZE_SMALL,
                theme.TEXT_DIM,
            )
        blit(
            surface,
            fit(ticket.title, theme.SIZE_SMALL, rect.width - 90),
            (rect.x + 44, rect.y + 21),
            theme.SIZE_SMALL,
            theme.TEXT,
        )
        target = world.sla_target(ticket)
        wait_ring(surface, (rect.right - 22, rect.centery), (world.now - ticket.arrived) / target)

    def _draw_team(self, surface: pygame.Surface) -> None:
        world = self.live.world
        pygame.draw.rect(surface, theme.PANEL, TEAM_RECT.inflate(-8, -8), border_radius=8)
        top = TEAM_RECT.y + self._draw_notice(surface)
        blit(surface, "The team", (TEAM_RECT.x + 16, top + 12), theme.SIZE_BODY, theme.TEXT, bold=True)
        y = top + 42
        height = min(theme.AGENT_HEIGHT, (TEAM_RECT.bottom - 12 - y) // max(1, len(world.agents)))
        compact = height - 6 < COMPACT_BELOW
        if compact:  # one line per agent: the morale column is named once, in the header
            blit(surface, "morale", (TEAM_RECT.right - 162, top + 16), theme.SIZE_SMALL, theme.TEXT_DIM)
        self.agent_rects = []
        for index, agent in enumerate(world.agents):
            rect = pygame.Rect(TEAM_RECT.x + 12, y, TEAM_RECT.width - 24, height - 6)
            self.agent_rects.append((rect, agent))
            hover = self.dragging is not None and rect.collidepoint(self.mouse)
            pygame.draw.rect(surface, theme.CARD_SELECTED if hover else theme.CARD, rect, border_radius=6)
            if compact:
                self._draw_agent_line(surface, rect, index, agent)
            else:
                self._draw_agent_card(surface, rect, index, agent)
            y += height

    def _work(self, agent: Agent) -> tuple[str, tuple[int, int, int], float | None]:
        """What the agent is doing, in which colour, and how far along (None when idle)."""
        if agent.ticket is None:
            return ("away" if agent.absent else "free"), theme.TEXT, None
        ticket = agent.ticket
        elapsed = (self.live.world.now - agent.job_started) * agent.job_speed
        done = 1 - max(0.0, ticket.remaining - elapsed) / max(ticket.effort, 1e-9)
        if ticket.hidden:
            return f"(off the books) {ticket.customer}: {ticket.title}", theme.PURPLE, done
        return ticket.title, theme.TEXT, done

    def _draw_agent_card(self, surface: pygame.Surface, rect: pygame.Rect, index: int, agent: Agent) -> None:
        number = (rect.x + 18, rect.centery)
        blit(surface, str(index + 1), number, theme.SIZE_HEADING, theme.YELLOW, bold=True, anchor="center")
        blit(surface, f"{agent.name}", (rect.x + 38, rect.y + 4), theme.SIZE_BODY, theme.TEXT, bold=True)
        blit(surface, agent.role, (rect.x + 140, rect.y + 6), theme.SIZE_SMALL, theme.TEXT_DIM)
        work, colour, done = self._work(agent)
        blit(
            surface,
            fit(work, theme.SIZE_SMALL, rect.width - 200),
            (rect.x + 38, rect.y + 28),
            theme.SIZE_SMALL,
            colour,
        )
        if done is not None:
            bar(surface, pygame.Rect(rect.x + 38, rect.bottom - 14, rect.width - 200, 8), done, theme.SKY)
        blit(surface, "morale", (rect.right - 150, rect.y + 6), theme.SIZE_SMALL, theme.TEXT_DIM)
        bar(surface, pygame.Rect(rect.right - 150, rect.y + 30, 130, 12), agent.morale, _morale_colour(agent))

    def _draw_agent_line(self, surface: pygame.Surface, rect: pygame.Rect, index: int, agent: Agent) -> None:
        """A big team (or a board on notice) leaves too little height for a card: one line each."""
        y = rect.centery - 2
        blit(
            surface,
            str(index + 1),
            (rect.x + 18, y),
            theme.SIZE_BODY,
            theme.YELLOW,
            bold=True,
            anchor="center",
        )
        blit(
            surface,
            fit(agent.name, theme.SIZE_BODY, 96),
            (rect.x + 38, y),
            theme.SIZE_BODY,
            theme.TEXT,
            bold=True,
            anchor="midleft",
        )
        work, colour, done = self._work(agent)
        width = rect.width - 140 - 170
        blit(
            surface,
            fit(work, theme.SIZE_SMALL, width),
            (rect.x + 140, y),
            theme.SIZE_SMALL,
            colour,
            anchor="midleft",
        )
        if done is not None:
            bar(surface, pygame.Rect(rect.x + 140, rect.bottom - 6, width, 4), done, theme.SKY)
        bar(surface, pygame.Rect(rect.right - 150, y - 6, 130, 12), agent.morale, _morale_colour(agent))

    def _draw_notice(self, surface: pygame.Surface) -> int:
        """The ON NOTICE banner over the team for the whole round played on notice; its height.

        Centre stage and in the room's sizes: the team must never play a round without
        knowing that ending it below the line costs them the desk.
        """
        notice = board_notice(self.live)
        if notice is None:
            self.notice_rects = None
            return 0
        self.notice_rects = banner(
            surface,
            (TEAM_RECT.x + 8, TEAM_RECT.y + 8),
            TEAM_RECT.width - 16,
            notice.headline,
            notice.lines,
            notice.fill,
            notice.sign,
        )
        return self.notice_rects[0].height + 6

    def _draw_feed(self, surface: pygame.Surface) -> None:
        world = self.live.world
        pygame.draw.rect(surface, theme.PANEL, FEED_RECT.inflate(-8, -8), border_radius=8)
        x = FEED_RECT.x + 16
        width = FEED_RECT.width - 32
        blit(surface, "Social feed", (x, FEED_RECT.y + 12), theme.SIZE_BODY, theme.TEXT, bold=True)
        y = FEED_RECT.y + 40
        half = FEED_RECT.y + FEED_RECT.height // 2 - 10
        posts = world.satisfaction.posts[-4:][::-1]
        if not posts:
            blit(
                surface, "Quiet. Nobody is posting about the desk.", (x, y), theme.SIZE_SMALL, theme.TEXT_DIM
            )
        for post in posts:
            for line in wrap(f"@{post.customer}: {post.text}", theme.SIZE_SMALL, width)[:2]:
                if y > half - 18:
                    break
                blit(surface, line, (x, y), theme.SIZE_SMALL, theme.ORANGE)
                y += 19
            y += 4
        y = half + 6
        blit(surface, "Moments of truth", (x, y), theme.SIZE_BODY, theme.TEXT, bold=True)
        y += 28
        for moment in list(world.satisfaction.recent)[-7:][::-1]:
            if y > FEED_RECT.bottom - 28:
                break
            neutral = world.params.satisfaction.neutral_rating
            good, bad = moment.rating > neutral + 5, moment.rating < neutral - 15
            colour = theme.GOOD if good else theme.BAD if bad else theme.TEXT_DIM
            sign = f"{moment.rating:.0f}"
            blit(surface, sign, (x, y), theme.SIZE_SMALL, colour, bold=True)
            blit(
                surface,
                fit(moment.text, theme.SIZE_SMALL, width - 48),
                (x + 48, y),
                theme.SIZE_SMALL,
                theme.TEXT,
            )
            y += 21

    def _draw_detail(self, surface: pygame.Surface) -> None:
        world = self.live.world
        pygame.draw.rect(surface, theme.PANEL, DETAIL_RECT.inflate(-8, -8), border_radius=8)
        ticket = self.selected_ticket()
        x, y = DETAIL_RECT.x + 20, DETAIL_RECT.y + 14
        self.buttons = [
            b
            for b in self.buttons
            if not b.action.startswith(("answer:", "update", "escalate", "priority", "broadcast"))
        ]
        if self.live.world.active_incidents():
            self.buttons.append(
                Button(
                    pygame.Rect(W - 250, DETAIL_RECT.y + 16, 230, 36),
                    "B  Broadcast status",
                    "broadcast",
                    "Tell everyone what is happening: fewer calls, calmer callers.",
                )
            )
        if ticket is None:
            blit(
                surface,
                "Select a ticket or a ringing call (Up/Down, or click) to see it here.",
                (x, y),
                theme.SIZE_BODY,
                theme.TEXT_DIM,
            )
            blit(
                surface,
                "Free team members pull the next ticket they can do, in queue order. "
                "Shape that order: priorities, assignments, answers.",
                (x, y + 30),
                theme.SIZE_SMALL,
                theme.TEXT_DIM,
            )
        else:
            waited = world.now - ticket.arrived
            blit(
                surface,
                fit(ticket.title, theme.SIZE_HEADING, 760),
                (x, y),
                theme.SIZE_HEADING,
                theme.TEXT,
                bold=True,
            )
            facts = (
                f"{ticket.id} · {ticket.kind.replace('_', ' ')} · {ticket.customer} · {ticket.channel}"
                f" · stated {ticket.stated_priority} · priority {ticket.priority or 'not set'}"
                f" · waiting {waited:.0f} min"
            )
            if ticket.device:
                facts += f" · {ticket.device}"
            blit(surface, fit(facts, theme.SIZE_SMALL, 900), (x, y + 32), theme.SIZE_SMALL, theme.TEXT_DIM)
            bx, by = x, y + 62
            if ticket.call_pending:
                for choice in CALL_CHOICES[ticket.kind]:
                    self.buttons.append(
                        Button(
                            pygame.Rect(bx, by, 330, 36),
                            CHOICE_LABELS[choice],
                            f"answer:{choice}",
                            CHOICE_HINTS[choice],
                        )
                    )
                    bx += 342
            else:
                for label, action, tip in (
                    ("P  Priority", "priority", "Cycle P1-P4 (what the queue obeys)"),
                    ("U  Send update", "update", "Tell the customer where things stand"),
                    ("E  Escalate", "escalate", "Hand it to a specialist"),
                ):
                    self.buttons.append(Button(pygame.Rect(bx, by, 190, 36), label, action, tip))
                    bx += 202
                blit(surface, "1-9 or drag: assign", (bx + 8, by + 9), theme.SIZE_SMALL, theme.TEXT_DIM)
        for button in self.buttons:
            if button.action.startswith(("answer:", "update", "escalate", "priority", "broadcast")):
                button.draw(surface)
        if self.message_frames:
            self._draw_toast(surface)

    def _draw_toast(self, surface: pygame.Surface) -> None:
        """Hints and refusals, in a box just above the detail panel (two lines at most)."""
        lines = wrap(self.message, theme.SIZE_BODY, W - 120)[:2]
        box = pygame.Rect(40, DETAIL_RECT.y - 16 - 30 * len(lines), W - 80, 30 * len(lines) + 12)
        pygame.draw.rect(surface, theme.BLACK, box, border_radius=8)
        pygame.draw.rect(surface, theme.YELLOW, box, 2, border_radius=8)
        for i, line in enumerate(lines):
            blit(surface, line, (box.x + 20, box.y + 8 + 30 * i), theme.SIZE_BODY, theme.YELLOW)

    def _draw_incident(self, surface: pygame.Surface) -> None:
        world = self.live.world
        box = modal(surface, (720, 300), 170, theme.VERMILLION)
        incident = world.active_incidents()[-1] if world.active_incidents() else None
        service = world.service_name(incident.service) if incident else "a service"
        blit(
            surface,
            "MAJOR INCIDENT",
            (box.centerx, box.y + 24),
            theme.SIZE_TITLE,
            theme.VERMILLION,
            bold=True,
            anchor="midtop",
        )
        lines = [
            f"{service} is down. Calls about it are about to pour in.",
            "Each status broadcast (B) keeps some callers away and calms the rest.",
            "A specialist with the right skills can restore it sooner.",
            "The game is paused. Press Enter to carry on, or B to broadcast now.",
        ]
        y = box.y + 100
        for line in lines:
            blit(surface, line, (box.centerx, y), theme.SIZE_BODY, theme.TEXT, anchor="midtop")
            y += 34

    def _draw_help(self, surface: pygame.Surface) -> None:
        box = modal(surface, (760, 520), 200)
        blit(
            surface,
            "Keys",
            (box.centerx, box.y + 18),
            theme.SIZE_HEADING,
            theme.TEXT,
            bold=True,
            anchor="midtop",
        )
        y = box.y + 64
        for keys, meaning in HELP_LINES:
            blit(surface, keys, (box.x + 40, y), theme.SIZE_BODY, theme.YELLOW, bold=True)
            blit(surface, meaning, (box.x + 260, y), theme.SIZE_BODY, theme.TEXT)
            y += 38

    def _draw_tooltip(self, surface: pygame.Surface) -> None:
        if self.help or self.live.incident_alert or self.dragging is not None:
            return
        for rect, key in self.meters:
            if rect.collidepoint(self.mouse):
                tooltip(surface, METER_TIPS[key], self.mouse)
                return
        for button in self.buttons:
            if button.tooltip and button.rect.collidepoint(self.mouse):
                tooltip(surface, button.tooltip, self.mouse)
                return
