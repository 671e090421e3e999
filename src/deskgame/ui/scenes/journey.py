"""A customer's service journey, every ticket of the round, and the team's own voice.

Opened from Awareness (a marked moment, or T for the list).  Works without a mouse, for
a projector room: Up/Down walk the round's tickets, Enter opens one, Tab switches to the
team's voice and back, PgUp/PgDn page a long journey, Esc goes back to the chart.
Asks to leave with ``go("close")`` (as a box does), so it runs hosted by Awareness today
and could be pushed over it as an overlay without change.
"""

from __future__ import annotations

import pygame

from deskgame.report.journey import Journey, clock, journey, journey_tickets, outcome_label, when, worst_first
from deskgame.report.team_voice import agent_rounds, voice
from deskgame.ui import theme
from deskgame.ui.absence import absence_reason
from deskgame.ui.debrief_common import LINE, W, footer, heading, panel, paragraph
from deskgame.ui.scenes.base import Scene
from deskgame.ui.text import blit, wrap
from deskgame.ui.text import width as text_width_of

STEPS_LEFT, STEPS_WIDTH = 40, 700
TIME_W = 126  # the time column: "09:40", or "R1 15:30" for a step in another round
LIST = pygame.Rect(770, 130, W - 810, 0)  # wide enough for a title worth reading
LIST_ROW = 64   # two lines: id, customer and how it ended; then the title and the rating
TABS = ("journey", "team")


def team_voices_with_reasons(live, round_no: int) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(agent, their line) for every agent, as ``report.team_voice.team_voices`` says them, with the
    reason the scenario's briefing gives for an absence ("Away from 08:30, off sick")."""
    world, briefing = live.world, live.scenario.briefing
    return [(a.name, voice(a, clock(world, a.away_from, round_no) if a.away_from is not None else "",
                           absence_reason(briefing, a.name, a.away_reason) if a.away_from is not None
                           else ""))
            for a in agent_rounds(world, round_no)]


class JourneyScene(Scene):
    """One customer's touch points from first contact to fix, or the team's lines."""

    def __init__(self, app, round_no: int, ticket: str | None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(app)
        world = app.live.world
        self.round_no = round_no
        self.tickets = journey_tickets(world, round_no)
        if ticket is not None and ticket not in self.tickets and ticket in world.tickets:
            self.tickets.insert(0, ticket)  # carried over from an earlier round
        self.arrival_order = list(self.tickets)
        self.worst = False                  # S: the lowest-rated first, to find who fared worst
        self.cursor = self.tickets.index(ticket) if ticket in self.tickets else 0
        self.page = "journey"
        self.scroll = 0                     # steps of a long journey scrolled past
        self.story: Journey | None = None
        self.voices = team_voices_with_reasons(app.live, round_no)
        self.list_rects: list[tuple[pygame.Rect, int]] = []
        self.tab_rects: list[tuple[pygame.Rect, str]] = []
        self.open(self.cursor)

    # ---------------------------------------------------------------- state
    def open(self, index: int, page: str = "journey") -> None:
        """Show the journey of the round's ``index``-th ticket (the pane follows the highlight:
        a room moving down the list read the old ticket's story beside the new highlight)."""
        if not self.tickets:
            self.story = None
            return
        self.cursor = index % len(self.tickets)
        self.story = journey(self.app.live.world, self.tickets[self.cursor])
        self.scroll = 0
        self.page = page

    def toggle_order(self) -> None:
        """Worst first, or back to arrival order, keeping the highlighted ticket."""
        current = self.tickets[self.cursor] if self.tickets else None
        self.worst = not self.worst
        self.tickets = worst_first(self.app.live.world, self.arrival_order) if self.worst \
            else list(self.arrival_order)
        if self.worst:
            self.open(0, self.page)  # the room asked for the worst: show it
        elif current is not None:
            self.open(self.tickets.index(current), self.page)

    def handle_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN:
            key = event.key
            if key in (pygame.K_ESCAPE, pygame.K_BACKSPACE):
                self.go("close")
            elif key == pygame.K_TAB:
                self.page = TABS[(TABS.index(self.page) + 1) % len(TABS)]
            elif key in (pygame.K_DOWN, pygame.K_UP) and self.tickets:
                self.open(self.cursor + (1 if key == pygame.K_DOWN else -1), self.page)
            elif key == pygame.K_s:
                self.toggle_order()
            elif key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
                self.open(self.cursor)
            elif key == pygame.K_PAGEDOWN:
                self.scroll += 4
            elif key == pygame.K_PAGEUP:
                self.scroll = max(0, self.scroll - 4)
            else:
                return False
            return True
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            for rect, page in self.tab_rects:
                if rect.collidepoint(event.pos):
                    self.page = page
                    return True
            for rect, index in self.list_rects:
                if rect.collidepoint(event.pos):
                    self.open(index)
                    return True
        if event.type == pygame.MOUSEWHEEL and self.tickets:
            self.open(self.cursor - event.y, self.page)
            return True
        return False

    # ---------------------------------------------------------------- drawing
    def draw(self, surface: pygame.Surface) -> None:
        heading(surface, f"Round {self.round_no}: "
                + ("a customer's journey" if self.page == "journey" else "the team's own voice"),
                "1 Awareness · following one customer, and listening to the team", "Esc: back to the chart")
        self._draw_tabs(surface)
        order = "S: in order" if self.worst else "S: worst first"
        keys = f"Up/Down: tickets · {order} · Tab: the team's voice · PgUp/PgDn: more steps · Esc: back" \
            if self.page == "journey" else "Tab: back to the customer's journey · Esc: back to the chart"
        limit = footer(surface, keys)
        if self.page == "team":  # the whole width: a line says what each did, not only counts
            self.list_rects = []
            self._draw_team(surface, limit)
        else:
            self._draw_journey(surface, limit)
            self._draw_list(surface, limit)

    def _draw_tabs(self, surface: pygame.Surface) -> None:
        self.tab_rects = []
        x = STEPS_LEFT
        for page, words in (("journey", "The customer's journey"), ("team", "The team's voice (Tab)")):
            rect = blit(surface, words, (x + 12, 96), theme.SIZE_BODY,
                        theme.TEXT if page == self.page else theme.TEXT_DIM, bold=page == self.page)
            if page == self.page:
                under = rect.bottom + 2
                pygame.draw.line(surface, theme.YELLOW, (rect.x, under), (rect.right, under), 3)
            self.tab_rects.append((rect.inflate(16, 8), page))
            x = rect.right + 24

    def _draw_journey(self, surface: pygame.Surface, limit: int) -> None:
        story = self.story
        y = 138
        if story is None:
            paragraph(surface, "No customer contacted the desk this round.", (STEPS_LEFT, y), STEPS_WIDTH)
            return
        y = paragraph(surface, story.summary(), (STEPS_LEFT, y), STEPS_WIDTH, theme.YELLOW, bold=True)
        y += 6
        live = self.app.live
        steps = story.steps
        self.scroll = min(self.scroll, max(0, len(steps) - 1))
        shown = 0
        for step in steps[self.scroll:]:
            words = wrap(step.words, theme.SIZE_BODY, STEPS_WIDTH - TIME_W)
            height = LINE * (len(words) + (1 if step.rating is not None else 0)) + 6
            if y + height > limit - LINE:
                break
            blit(surface, when(live.world, step.t, self.round_no), (STEPS_LEFT, y), theme.SIZE_BODY,
                 theme.TEXT_DIM)
            for i, line in enumerate(words):
                blit(surface, line, (STEPS_LEFT + TIME_W, y + i * LINE), theme.SIZE_BODY, theme.TEXT)
            y += LINE * len(words)
            if step.rating is not None:
                self._draw_rating(surface, step.rating, step.felt, (STEPS_LEFT + TIME_W, y))
                y += LINE
            y += 6
            shown += 1
        left = len(steps) - self.scroll - shown
        if left > 0 or self.scroll:
            more = f"PgDn: {left} more step{'s' if left != 1 else ''}" if left > 0 else \
                "PgUp: the first steps"
            blit(surface, more, (STEPS_LEFT + TIME_W, y), theme.SIZE_BODY, theme.YELLOW)

    @staticmethod
    def _draw_rating(surface: pygame.Surface, rating: float, felt: str, pos: tuple[int, int]) -> None:
        """How the moment rated against what the customer expected: a shape and the words."""
        x, y = pos
        good, bad = felt.startswith("better"), felt.startswith("worse")
        colour = theme.GREEN if good else theme.VERMILLION if bad else theme.SKY
        centre = (x + 9, y + 14)
        if good:
            pygame.draw.circle(surface, colour, centre, 9)
        elif bad:
            pygame.draw.rect(surface, colour, (x, y + 5, 18, 18), border_radius=2)
        else:
            pygame.draw.rect(surface, colour, (x, y + 10, 18, 8), border_radius=2)
        ink = theme.INK_GOOD if good else theme.INK_BAD if bad else theme.TEXT_DIM
        blit(surface, f"rated {rating:.0f} of 100: {felt}", (x + 28, y), theme.SIZE_BODY, ink)

    @staticmethod
    def _rating_mark(surface: pygame.Surface, rating: float | None, neutral: float,
                     left_centre: tuple[int, int]) -> None:
        """The customer's latest rating as a shape: a circle above neutral, a square below."""
        if rating is None:
            return
        x, y = left_centre
        if rating >= neutral:
            pygame.draw.circle(surface, theme.GREEN, (x + 7, y), 7)
        else:
            pygame.draw.rect(surface, theme.VERMILLION, (x, y - 7, 14, 14), border_radius=2)

    def _draw_team(self, surface: pygame.Surface, limit: int) -> None:
        y = 138
        width = W - 2 * STEPS_LEFT
        y = paragraph(surface, "How the round felt, from what happened to each of them:", (STEPS_LEFT, y),
                      width, theme.TEXT_DIM)
        for name, line in self.voices:
            words = wrap(line, theme.SIZE_BODY, width - 150)
            if y + LINE * len(words) > limit:
                break
            blit(surface, name, (STEPS_LEFT, y), theme.SIZE_BODY, theme.TEXT, bold=True)
            for i, part in enumerate(words):
                blit(surface, part, (STEPS_LEFT + 140, y + i * LINE), theme.SIZE_BODY, theme.TEXT)
            y += LINE * len(words) + 8

    def _draw_list(self, surface: pygame.Surface, limit: int) -> None:
        """The round's tickets around the cursor: pick any customer's journey."""
        box = pygame.Rect(LIST.x, LIST.y, LIST.width, limit - 12 - LIST.y)
        panel(surface, box)
        rows = max(1, (box.height - 50) // LIST_ROW)
        first = min(max(0, self.cursor - rows // 2), max(0, len(self.tickets) - rows))
        shown = min(len(self.tickets), first + rows)
        order = "Worst first" if self.worst else "Tickets"
        title = f"{order} ({len(self.tickets)})" if len(self.tickets) <= rows else \
            f"{order} {first + 1} to {shown} of {len(self.tickets)}"  # Up/Down moves through the rest
        blit(surface, title, (box.x + 14, box.y + 8), theme.SIZE_BODY, theme.TEXT, bold=True)
        self.list_rects = []
        world = self.app.live.world
        neutral = world.satisfaction.neutral_rating
        for row, index in enumerate(range(first, shown)):
            ticket = world.tickets[self.tickets[index]]
            rect = pygame.Rect(box.x + 8, box.y + 44 + row * LIST_ROW, box.width - 16, LIST_ROW - 4)
            if index == self.cursor:
                pygame.draw.rect(surface, theme.CARD_SELECTED, rect, border_radius=6)
                pygame.draw.rect(surface, theme.YELLOW, rect, 2, border_radius=6)
            at = (rect.x + 30, rect.y + 2)
            self._rating_mark(surface, ticket.rating, neutral, (rect.x + 8, rect.y + 16))
            blit(surface, f"{ticket.id} {ticket.customer}", at, theme.SIZE_BODY, theme.TEXT)
            blit(surface, outcome_label(ticket), (rect.right - 8, at[1]), theme.SIZE_BODY, theme.TEXT_DIM,
                 anchor="topright")
            rated = f"{ticket.rating:.0f}/100" if ticket.rating is not None else "unrated"
            rated_w = text_width_of(rated, theme.SIZE_BODY)
            title = wrap(ticket.title, theme.SIZE_BODY, rect.width - 30 - rated_w - 24)[0]  # cut at a word
            blit(surface, title, (at[0], at[1] + LINE), theme.SIZE_BODY, theme.TEXT_DIM)
            blit(surface, rated, (rect.right - 8, at[1] + LINE), theme.SIZE_BODY, theme.TEXT,
                 anchor="topright")
            self.list_rects.append((rect, index))
