"""Awareness: what happened this round, on a clock, and what changed since the last one.

The chart has the round's clock along the bottom; the round's best and worst moments and
its events (an outage, someone away, a social storm) are numbered markers in time
order, placed so that no two ever overlap.  Beside it, this round next to the last
(``report.compare``), with arrows and one sentence of the biggest changes.  From any
marked moment the team can follow that customer's journey (``scenes.journey``), and from
there every ticket of the round and the team's own voice.
"""

from __future__ import annotations

import pygame

from deskgame.report.compare import (
    Change,
    compare_rounds,
    events_words,
    facilitator_words,
    headline_with_events,
    reason_question,
)
from deskgame.report.round_figures import outage_callers, world_facts
from deskgame.report.round_questions import round_facts, round_questions
from deskgame.scenario.units import format_clock
from deskgame.ui import engine_view, theme
from deskgame.ui import text as text_module
from deskgame.ui.debrief_chart import (
    CURVE_SHAPE_RADIUS,
    CURVE_SHAPES_PER_LINE,
    CUSTOMER_COLOURS,
    LEGEND_INK,
    MARKER_WORDS,
    Marker,
    axis_ticks,
    chart_markers,
    department_shape,
    draw_marker_pill,
    marker_size,
    place_markers,
    value_at,
    value_range,
)
from deskgame.ui.debrief_common import (
    LINE,
    STEPS,
    W,
    banner_height,
    flow_wrap,
    footer,
    footer_top,
    heading,
    panel,
    paragraph,
    verdict_banner,
)
from deskgame.ui.debrief_comparison import (
    PANEL,
    ComparisonColumns,
    ComparisonPanel,
    round_event_kinds,
    round_injected_kinds,
)
from deskgame.ui.debrief_questions import (
    MOMENT_WIDTH,
    MORE_KEY,
    AwarenessQuestions,
    QuestionsLayout,
)
from deskgame.ui.scenes.journey import JourneyScene
from deskgame.ui.scenes.menus import StepScene
from deskgame.ui.text import blit, font
from deskgame.ui.verdict import round_verdict, session_verdict

CHART_LEFT, CHART_WIDTH, CHART_TOP, CHART_HEIGHT = 80, 580, 176, 170
CHART_MIN_HEIGHT = 150    # never shorter: gridlines 10 points apart stay a line of text apart
CHART_LOWEST_BOTTOM = 386  # the headline gives way before the chart ends lower than this
LEGEND_PILL = (34, 24)  # a marker kind's pill in the legend (sign only, no number)
ONWARD_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER)  # Enter only: Space pauses the board, and a
# team still pressing it as the round ended skipped the whole debrief
SPACE_HINT = "Space does not go on here. Enter goes on when the room has talked it through."
HEADLINE_ITEMS = 3  # changes named under the heading (one fewer when the rounds' events differ)
class AwarenessScene(AwarenessQuestions, StepScene):
    """Satisfaction and trust over the round on a clock, the moments numbered, and the comparison.

    After the session's last round (completed, on notice or outsourced) it is the ending's
    debrief: the heading says the session is over and why, and Enter leads to the summary
    instead of Will.  A notice given or lifted is said at once, under the heading.
    """

    def __init__(self, app):  # type: ignore[no-untyped-def]
        super().__init__(app)
        live = app.live
        self.ending = live.phase == "ended"
        self.verdict = session_verdict(live) if self.ending else round_verdict(live)
        self.record = live.outcome.rounds[-1]
        rounds = live.outcome.rounds
        self.last = rounds[-2] if len(rounds) >= 2 else None
        targets = live.world.sla_targets
        facts = world_facts(live.world)  # which tickets were outage callers: in no wait, no SLA
        self.changes: list[Change] = compare_rounds(self.last or self.record, self.record, targets, facts)
        self.comparison = ComparisonPanel(self.record, self.last, self.changes)
        self.dealt: str | None = None
        if self.last is not None:
            callers = (outage_callers(self.last, facts), outage_callers(self.record, facts))
            self.dealt = events_words(self.last["round"], round_event_kinds(live, self.last["round"]),
                                      round_event_kinds(live, self.record["round"]), callers,
                                      (round_injected_kinds(live, self.last["round"]),
                                       round_injected_kinds(live, self.record["round"])))
        else:  # the first round: the facilitator's events are said all the same
            self.dealt = facilitator_words(round_injected_kinds(live, self.record["round"]),
                                           outage_callers(self.record, facts))
        self.top = 84 + banner_height(self.verdict)
        self.band = value_range(self.record["series"], live.scenario.scoring.outsourcing_below)
        self.markers = chart_markers(live, self.record)
        self.chosen = next((i for i, m in enumerate(self.markers) if m.kind == "bad"), 0)
        self.questions = round_questions(round_facts(live.world, self.record))
        self.question_page = 0  # Q turns the page when not every question fits at once
        self.question_pages = 1  # as many as the last drawing needed
        self.fit_headline()
        self._keep_reason()
        self.journey: JourneyScene | None = None
        self.space_hint = False  # Space was pressed: the footer says Enter goes on
        self._layout_markers()

    # ---------------------------------------------------------------- layout
    def fit_headline(self) -> None:
        """The headline and the chart under it: the chart keeps ``CHART_MIN_HEIGHT`` (readable
        from the back of the room), so a long headline under a banner names fewer changes
        rather than squash the chart (a room saw 60 px of chart and an axis of "70" and "50").
        A different day (the rounds' events) is said first and kept.  It also names fewer
        changes (the panel shows them all) when every moment's words would not fit whole
        under the chart: a room read "'Cannot log in, it …" (DESIGN section 7)."""
        if self.last is None:
            self.headline = ("One round played: there is no earlier round to compare it with." if self.ending
                             else "The first round: the next one will be compared with this.")
            if self.dealt is not None:  # the facilitator's events, said even with nothing to compare
                self.headline = f"{self.dealt} {self.headline}"
            limits = [0]
        else:
            most = HEADLINE_ITEMS - (self.dealt is not None)
            limits = list(range(most, 0, -1))
        # The most changes the chart allows (the last is taken when none does) ...
        allowed = limits[-1]
        for limit in limits:
            self._place_headline(limit)
            if self.chart.bottom <= CHART_LOWEST_BOTTOM:
                allowed = limit
                break
        # ... then fewer while a moment would not fit whole (the events alone, at the least).
        fewer = [n for n in limits if n <= allowed] + ([0] if self.dealt is not None and self.last else [])
        for limit in fewer:
            self._place_headline(limit)
            if self._moments_fit_whole():
                return
        self._place_headline(allowed)  # none lets every moment fit: name what the chart allows

    def _keep_reason(self) -> None:
        """A reason the headline had no room for (waits up, yet satisfaction not down) is asked
        first among the questions, which page and so never drop it: in large text a room saw
        four waits marked worse and four satisfactions better, and nothing said why."""
        reason = reason_question(self.changes) if self.last is not None else None
        if reason is None or "Yet satisfaction in" in self.headline:
            return
        self.questions = [reason, *self.questions]
        self.fit_headline()

    def _place_headline(self, limit: int) -> None:
        """The headline naming ``limit`` changes, and the chart under it."""
        if self.last is not None:
            self.headline = headline_with_events(self.changes, self.dealt, limit)
        said = len(text_module.wrap(self.headline, theme.SIZE_BODY, W - 80, True))
        self.under_headline = self.top + 4 + LINE * said
        chart_top = max(CHART_TOP, self.under_headline + 26)
        height = max(CHART_MIN_HEIGHT, CHART_HEIGHT - (chart_top - CHART_TOP))
        self.chart = pygame.Rect(CHART_LEFT, chart_top, CHART_WIDTH, height)

    def _moments_fit_whole(self) -> bool:
        """With the headline and chart placed: does every moment's text fit whole where the
        screen will draw it (as ``draw`` lays out the panel, the legend and the questions)?"""
        panel_bottom = max(PANEL.y, self.under_headline + 4) + self.comparison.height()
        moment_top = self._legend_bottom() + 8
        talk, words = self._plan_questions(panel_bottom, moment_top, False)
        limit = footer_top(words) if talk.beside else talk.top - 4
        return self._moments_fit(moment_top, limit, None if talk.beside else panel_bottom)

    def _plan_questions(self, panel_bottom: int, moment_top: int,
                        space_hint: bool) -> tuple[QuestionsLayout, str]:
        """The questions' layout and the footer's words (Q named when the questions need pages)."""
        words = SPACE_HINT if space_hint else self.footer_keys(False)
        talk = self._talk(panel_bottom, moment_top, words)
        if len(talk.pages) > 1 and not space_hint:
            words = self.footer_keys(True)
            talk = self._talk(panel_bottom, moment_top, words)
        return talk, words

    def _talk(self, panel_bottom: int, moment_top: int, words: str) -> QuestionsLayout:
        talk = self.questions_layout(panel_bottom, footer_top(words))
        if not talk.beside and not self._moments_fit(moment_top, talk.top - 4, panel_bottom):
            # The longest moment would not fit whole: the heading shares the question's line.
            compact = self.questions_layout(panel_bottom, footer_top(words), compact=True)
            if compact.lines:
                return compact
        return talk

    @property
    def marks(self) -> list[tuple[pygame.Rect, int]]:
        """Each marker's click target and its index (tests click them)."""
        return [(m.rect, i) for i, m in enumerate(self.markers) if m.rect is not None]

    def tooltips(self) -> list[tuple[pygame.Rect, str]]:
        """Each marker: what it is and how to read it."""
        from deskgame.ui import help_texts as words

        tips = []
        for rect, index in self.marks:
            marker = self.markers[index]
            if marker.kind == "event" or marker.rating is None:
                said = words.TIP_EVENT.format(number=marker.number, words=marker.words)
            else:
                said = words.TIP_MOMENT.format(number=marker.number, rating=marker.rating,
                                               how="better" if marker.kind == "good" else "worse")
            tips.append((rect, said))
        return tips

    def _xy(self, t: float, value: float) -> tuple[int, int]:
        chart, length = self.chart, self.app.live.scenario.round.length
        x = chart.x + int(chart.width * min(1.0, max(0.0, t / length)))
        low, high = self.band
        return x, chart.bottom - int(chart.height * (value - low) / (high - low))

    def marker_bounds(self) -> pygame.Rect:
        """Where markers may stand: over the clock's span (never past its start or its end, a
        room saw "10" hang past 13:00) and from a little above the top line to the clock line."""
        chart = self.chart
        return pygame.Rect(chart.x, chart.y - 14, chart.width, chart.height + 14)

    def _layout_markers(self) -> None:
        series = self.record["series"]
        anchors, sizes = [], []
        for marker in self.markers:
            anchors.append(self._xy(marker.t, value_at(series["t"], series["trust"], marker.t)))
            sizes.append(marker_size(*font(theme.SIZE_SMALL, True).size(str(marker.number))))
        bounds = self.marker_bounds()
        for marker, rect in zip(self.markers, place_markers(anchors, sizes, bounds), strict=True):
            marker.rect = rect
        self.anchors = anchors

    # ---------------------------------------------------------------- input
    def open_journey(self, ticket: str | None = None) -> None:
        """The customer's journey of the chosen moment (or the round's ticket list)."""
        if ticket is None and self.markers:
            ticket = self.markers[self.chosen].ticket
        self.journey = JourneyScene(self.app, self.record["round"], ticket)

    def handle_event(self, event: pygame.event.Event) -> bool:
        if self.journey is not None:
            used = self.journey.handle_event(event)
            if self.journey.transition is not None:  # Esc: back to the chart
                self.journey = None
            return used
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            for rect, index in self.marks:
                if rect.inflate(8, 8).collidepoint(event.pos):
                    if index == self.chosen and self.markers[index].ticket:
                        self.open_journey()
                    self.chosen = index
                    return True
            return False  # a stray click does not leave the screen
        if event.type != pygame.KEYDOWN:
            return False
        self.space_hint = event.key == pygame.K_SPACE  # said until the next key
        if event.key in (pygame.K_LEFT, pygame.K_RIGHT) and self.markers:
            step = 1 if event.key == pygame.K_RIGHT else -1
            self.chosen = (self.chosen + step) % len(self.markers)
            return True
        if event.key in (pygame.K_j, pygame.K_DOWN):
            if self.markers and self.markers[self.chosen].ticket:
                self.open_journey()
            elif event.key == pygame.K_j:  # nothing to follow: the round's tickets instead
                self.journey = JourneyScene(self.app, self.record["round"], None)
            return True
        if event.key == pygame.K_t:
            self.journey = JourneyScene(self.app, self.record["round"], None)
            return True
        if event.key == MORE_KEY:
            self.question_page = (self.question_page + 1) % max(1, self.question_pages)
            return True
        if event.key in ONWARD_KEYS:
            self.proceed()
            return True
        return event.key == pygame.K_SPACE  # the board's pause key: a habit must not skip the debrief

    def update(self, real_seconds: float) -> None:
        if self.journey is not None:
            self.journey.update(real_seconds)
            return
        super().update(real_seconds)

    def proceed(self) -> None:
        self.go("summary" if self.ending else "will")

    # ---------------------------------------------------------------- drawing
    def draw(self, surface: pygame.Surface) -> None:
        if self.journey is not None:
            self.journey.draw(surface)
            return
        record = self.record
        if self.ending:
            heading(surface, f"{self.verdict.title}: what happened in round {record['round']}",
                    "The session is over · the last round's debrief, then the summary",
                    "Enter: the session summary")
        else:
            heading(surface, f"Round {record['round']}: what happened", STEPS, "Enter: what will you change?")
        verdict_banner(surface, self.verdict)
        y = paragraph(surface, self.headline, (40, self.top + 4), W - 80, theme.YELLOW, bold=True)
        bottom = self._draw_chart(surface)
        panel_bottom = self.comparison.draw(surface, max(PANEL.y, y + 4))
        # The room's questions are placed first, whatever moment is chosen; the moment's words
        # get the room that is left (a long moment once pushed every question off the screen).
        # The footer names Q only when the questions need more than one page.
        moment_top = bottom + 8
        talk, words = self._plan_questions(panel_bottom, moment_top, self.space_hint)
        colour = theme.YELLOW if self.space_hint else theme.TEXT_DIM
        self.question_pages = max(1, len(talk.pages))
        self.talk = talk
        limit = footer(surface, words, colour)
        self._draw_questions(surface, talk)
        moment_limit = limit if talk.beside else talk.top - 4
        self._draw_chosen(surface, moment_top, moment_limit, None if talk.beside else panel_bottom)

    def _draw_chart(self, surface: pygame.Surface) -> int:
        """The curves on a clock, the outsourcing line, the markers; returns the y under the legend."""
        live, chart, series = self.app.live, self.chart, self.record["series"]
        length = live.scenario.round.length
        # The panel holds the value labels left of the chart and the clock under it (its edge,
        # drawn in high contrast, must cross neither); the legend starts just below it.
        panel(surface, pygame.Rect(40, chart.y - 17, chart.right + 34 - 40, chart.height + 17 + 8 + LINE))
        low, high = self.band
        step = 10 if chart.height * 10 / (high - low) >= 30 else 20  # labels a line apart at least
        for level in range(int(low), int(high) + 1, step):
            y = self._xy(0, level)[1]
            pygame.draw.line(surface, theme.PANEL_LIGHT, (chart.x, y), (chart.right, y))
            if level > low:  # the bottom line's label would sit on the clock's
                blit(surface, str(level), (chart.x - 6, y), theme.SIZE_SMALL, theme.TEXT_DIM,
                     anchor="midright")
        # The clock along the bottom: the hours of the round, as often as they fit.
        label_w = text_module.width("00:00", theme.SIZE_SMALL)
        pygame.draw.line(surface, theme.TEXT_DIM, (chart.x, chart.bottom), (chart.right, chart.bottom), 2)
        for minutes in axis_ticks(length, chart.width, label_w):
            x = chart.x + int(chart.width * minutes / length)
            pygame.draw.line(surface, theme.TEXT_DIM, (x, chart.bottom), (x, chart.bottom + 6), 2)
            words = format_clock(live.scenario.round.start + minutes)
            blit(surface, words, (x, chart.bottom + 8), theme.SIZE_SMALL, theme.TEXT_DIM, anchor="midtop")
        outsourcing = live.scenario.scoring.outsourcing_below
        y = self._xy(0, outsourcing)[1]
        for x in range(chart.x, chart.right, 16):  # dashed: never read as a department's curve
            pygame.draw.line(surface, theme.VERMILLION, (x, y), (min(x + 9, chart.right), y), 3)
        for index, values in enumerate(series["satisfaction"].values()):
            colour = CUSTOMER_COLOURS[index % len(CUSTOMER_COLOURS)]
            points = [self._xy(t, v) for t, v in zip(series["t"], values, strict=False)]
            if len(points) > 1:
                pygame.draw.lines(surface, colour, False, points, 2)
                # A shape every so often tells the departments apart without colour.
                every = max(1, len(points) // CURVE_SHAPES_PER_LINE)
                for point in points[(index * every) // 4 % every::every]:
                    department_shape(surface, index, point, colour, CURVE_SHAPE_RADIUS)
        trust = [self._xy(t, v) for t, v in zip(series["t"], series["trust"], strict=False)]
        if len(trust) > 1:
            pygame.draw.lines(surface, theme.TEXT, False, trust, 4)
        for marker, anchor in zip(self.markers, self.anchors, strict=True):
            rect = marker.rect
            if rect is not None and not rect.collidepoint(anchor):
                pygame.draw.line(surface, theme.TEXT_DIM, anchor, rect.center, 2)
                pygame.draw.circle(surface, theme.TEXT_DIM, anchor, 4)
        for index, marker in enumerate(self.markers):
            self._draw_marker(surface, marker, index == self.chosen)
        return self._draw_legend(surface, chart.bottom + 8 + LINE + 6)

    @staticmethod
    def _draw_marker(surface: pygame.Surface, marker: Marker, chosen: bool) -> None:
        """A pill with a sign: plus (green) for a good moment, minus (vermillion) for a bad one,
        "!" (yellow) for an event: sign as well as colour, and a form no department curve
        uses.  The number is black on the fill (>= 5.4:1)."""
        rect = marker.rect
        assert rect is not None
        if chosen:
            pygame.draw.rect(surface, theme.TEXT, rect.inflate(8, 8), 3, border_radius=rect.height // 2 + 4)
        centre = draw_marker_pill(surface, rect, marker.kind)
        blit(surface, str(marker.number), centre, theme.SIZE_SMALL, theme.BLACK, bold=True, anchor="center")

    def _legend_entries(self) -> list[tuple[str, tuple[int, int, int], bool, int | str | None]]:
        series = self.record["series"]
        outsourcing = self.app.live.scenario.scoring.outsourcing_below
        entries: list[tuple[str, tuple[int, int, int], bool, int | str | None]] = [
            (name, LEGEND_INK[CUSTOMER_COLOURS[i % len(CUSTOMER_COLOURS)]], False, i)
            for i, name in enumerate(series["satisfaction"])
        ]
        entries += [("trust", theme.TEXT, True, None),
                    (f"outsourcing line {outsourcing:g}", theme.TEXT, False, None)]
        kinds = [kind for kind in MARKER_WORDS if any(m.kind == kind for m in self.markers)]
        entries += [(MARKER_WORDS[kind], theme.TEXT, False, kind) for kind in kinds]
        return entries

    def _legend_layout(self, top: int) -> tuple[list[tuple[int, int]], int]:
        """Where each legend entry starts, and the y under the legend."""
        left, right = self.chart.x - 20, PANEL.x - 12  # up to the comparison panel: a line less
        x, y = left, top
        places = []
        for words, _colour, bold, shape in self._legend_entries():
            mark = 0 if shape is None else 18 if isinstance(shape, int) else LEGEND_PILL[0] + 6
            w = mark + text_module.width(words, theme.SIZE_SMALL, bold)
            if x > left and x + w > right:
                x, y = left, y + LINE
            places.append((x, y))
            x += w + 18
        return places, y + LINE

    def _legend_bottom(self) -> int:
        return self._legend_layout(self.chart.bottom + 8 + LINE + 6)[1]

    def _draw_legend(self, surface: pygame.Surface, top: int) -> int:
        places, bottom = self._legend_layout(top)
        for (words, colour, bold, shape), (x, y) in zip(self._legend_entries(), places, strict=True):
            mark = 0 if shape is None else 18 if isinstance(shape, int) else LEGEND_PILL[0] + 6
            if isinstance(shape, int):
                line_colour = CUSTOMER_COLOURS[shape % len(CUSTOMER_COLOURS)]
                department_shape(surface, shape, (x + 6, y + LINE // 2 - 1), line_colour, 6)
            elif shape is not None:  # a marker kind: its pill and sign, without a number
                pill = pygame.Rect((0, 0), LEGEND_PILL)
                pill.midleft = (x, y + LINE // 2 - 1)
                draw_marker_pill(surface, pill, shape)
            blit(surface, words, (x + mark, y), theme.SIZE_SMALL, colour, bold=bold)
        return bottom

    def _moment_said(self, marker: Marker) -> str:
        when = format_clock(self.app.live.scenario.round.start + marker.t)
        if marker.rating is not None:
            neutral = engine_view.neutral_rating(self.app.live.world)
            how = "better than expected" if marker.rating > neutral else "worse than expected"
            return f"{marker.number}. {when}, rated {marker.rating:.0f} of 100 ({how}): {marker.words}"
        return f"{marker.number}. {when}: {marker.words}"

    @staticmethod
    def _moment_widths(y: int, panel_bottom: int | None, count: int = 12) -> tuple[int, ...]:
        """Each line's width from ``y`` down: beside the comparison panel the chart's column;
        once past the panel (``panel_bottom``, None: the questions stand there) the full width."""
        return tuple(MOMENT_WIDTH if panel_bottom is None or y + LINE * i < panel_bottom + 4 else W - 80
                     for i in range(count))

    def _moment_lines(self, marker: Marker, y: int, panel_bottom: int | None) -> tuple[str, ...]:
        return flow_wrap(self._moment_said(marker), theme.SIZE_BODY, self._moment_widths(y, panel_bottom))

    def _moments_fit(self, y: int, limit: int, panel_bottom: int | None) -> bool:
        """Every marker's words fit whole between ``y`` and ``limit`` (the layout must not
        change as the room steps through the moments)."""
        return all(y + LINE * len(self._moment_lines(m, y, panel_bottom)) <= limit for m in self.markers)

    def _draw_chosen(self, surface: pygame.Surface, y: int, limit: int,
                     panel_bottom: int | None = None) -> int:
        """The chosen marker in words, and how to follow its customer, above ``limit``.

        The moment's words come first, whole (DESIGN section 7: nothing a player needs is
        cut): past the comparison panel (``panel_bottom``) they run the full width, and the
        questions give up their heading's line when that is not enough.  The hint under them
        gives way when the room's questions need the space (the footer says J too)."""
        if not self.markers:
            return paragraph(surface, "No moment stood out this round.", (40, y), 640, theme.TEXT_DIM)
        marker = self.markers[self.chosen]
        lines = list(self._moment_lines(marker, y, panel_bottom))
        room = max(1, (limit - y) // LINE)
        if len(lines) > room:  # pragma: no cover - only past every layout above: J tells it whole
            lines = lines[:room]
            while lines[-1] and text_module.width(lines[-1] + " …", theme.SIZE_BODY) > MOMENT_WIDTH:
                lines[-1] = lines[-1].rsplit(" ", 1)[0] if " " in lines[-1] else ""
            lines[-1] += " …"
        for line in lines:
            blit(surface, line, (40, y), theme.SIZE_BODY, theme.TEXT)
            y += LINE
        hint = ""
        if marker.ticket:
            hint = "J or a second click: follow this customer's journey"
        elif marker.kind != "event":
            hint = "No ticket to follow (work off the books): J or T lists the round's tickets"
        if hint and y + LINE * len(text_module.wrap(hint, theme.SIZE_BODY, MOMENT_WIDTH)) <= limit:
            y = paragraph(surface, hint, (40, y), MOMENT_WIDTH, theme.TEXT_DIM)
        return y

    def comparison_columns(self) -> ComparisonColumns:
        return self.comparison.columns()

    def comparison_names(self) -> list[str]:
        return self.comparison.names()
