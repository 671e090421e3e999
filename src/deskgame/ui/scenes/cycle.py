"""The change cycle between rounds: Awareness (what happened), Will (what to change), Action.

Choices here are engine decisions (``improve`` with the cards and the commitment), so
replays reproduce them.  In demo mode the bot's own choice is shown and accepted.
"""

from __future__ import annotations

from pathlib import Path

import pygame
import pygame_gui.data as pygame_gui_data

from deskgame.engine.cards import CARDS
from deskgame.scenario.catalog import data_dir
from deskgame.scenario.units import format_clock
from deskgame.session.reflection import reflection_questions
from deskgame.ui import text as text_module
from deskgame.ui import theme
from deskgame.ui.scenes.base import Scene
from deskgame.ui.scenes.menus import StepScene
from deskgame.ui.text import blit, font, wrap
from deskgame.ui.verdict import Verdict, round_verdict, session_verdict
from deskgame.ui.widgets import banner, banner_layout, bar

W, H = theme.LOGICAL_SIZE
CHART = pygame.Rect(70, 110, 700, 220)
LINE = 28  # a line of body text
# The commitment box's font (assets/theme.json): Noto Sans at 26 px has capitals of 19 px.
NOTO = str(Path(pygame_gui_data.__file__).parent / "NotoSans-Regular.ttf")
COMMITMENT_FONT = 26
CUSTOMER_COLOURS = (theme.SKY, theme.ORANGE, theme.GREEN, theme.PURPLE, theme.YELLOW, theme.BLUE)
# Legend words in lighter tints of the curves' colours (>= 4.5:1 on the panel).
LEGEND_INK = {
    theme.SKY: theme.SKY, theme.ORANGE: theme.ORANGE, theme.GREEN: theme.INK_GOOD,
    theme.PURPLE: theme.INK_CALL["end_run"], theme.YELLOW: theme.YELLOW, theme.BLUE: (120, 180, 235),
}


def heading(surface: pygame.Surface, text: str, step: str, onward: str = "") -> None:
    """The step, the screen's title and, top right, what Enter does next."""
    surface.fill(theme.BACKGROUND)
    blit(surface, step, (40, 22), theme.SIZE_BODY, theme.TEXT_DIM)
    blit(surface, text, (40, 46), theme.SIZE_HEADING, theme.TEXT, bold=True)
    if onward:
        blit(surface, onward, (W - 40, 28), theme.SIZE_ROOM_BODY, theme.YELLOW, bold=True, anchor="topright")


def verdict_banner(surface: pygame.Surface, verdict: Verdict | None) -> int:
    """The business's verdict right under the heading, full width; how far it pushes the page down."""
    if verdict is None:
        return 0
    box, _ = banner(surface, (40, 84), W - 80, verdict.headline, verdict.lines, verdict.fill, verdict.sign)
    return box.bottom - 84 + 8


def _banner_height(verdict: Verdict) -> int:
    return banner_layout(W - 80, verdict.headline, verdict.lines).height


class AwarenessScene(StepScene):
    """Satisfaction and trust over the round, the best and worst moments marked; the figures.

    After the session's last round (completed, on notice or outsourced) it is the ending's
    debrief: the heading says the session is over and why, and Enter leads to the summary
    instead of Will.  A notice given or lifted is said at once, under the heading.
    """

    def __init__(self, app):  # type: ignore[no-untyped-def]
        super().__init__(app)
        live = app.live
        self.ending = live.phase == "ended"
        self.verdict = session_verdict(live) if self.ending else round_verdict(live)
        shift = 0
        if self.verdict is not None:  # the chart gives up its top to the banner
            shift = _banner_height(self.verdict) + 8 - (CHART.y - 20 - 84)
        self.chart = pygame.Rect(CHART.x, CHART.y + shift, CHART.width, CHART.height - shift)
        self.figures_top = 90 + shift
        self.record = live.outcome.rounds[-1]
        moments = sorted(self.record["moments"], key=lambda m: m["delta"])
        self.marked = moments[:3] + moments[-3:][::-1]
        self.chosen = 0
        self.marks: list[tuple[pygame.Rect, int]] = []
        self.questions = reflection_questions(self.record)

    def handle_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            for rect, index in self.marks:
                if rect.collidepoint(event.pos):
                    self.chosen = index
                    return True
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_LEFT, pygame.K_RIGHT) and self.marked:
            step = 1 if event.key == pygame.K_RIGHT else -1
            self.chosen = (self.chosen + step) % len(self.marked)
            return True
        return super().handle_event(event)

    def proceed(self) -> None:
        if self.ending:
            self.go("summary")
        else:
            self.go("will")

    def _xy(self, t: float, value: float, length: float) -> tuple[int, int]:
        chart = self.chart
        x = chart.x + int(chart.width * min(1.0, max(0.0, t / length)))
        y = chart.bottom - int(chart.height * value / 100)
        return x, y

    def draw(self, surface: pygame.Surface) -> None:
        live = self.app.live
        record = self.record
        if self.ending:
            heading(
                surface,
                f"{self.verdict.title}: what happened in round {record['round']}",
                "The session is over · the last round's debrief, then the summary",
                "Enter: the session summary",
            )
        else:
            heading(
                surface,
                f"Round {record['round']}: what happened",
                "1 Awareness · 2 Will · 3 Action",
                "Enter: what will you change?",
            )
        verdict_banner(surface, self.verdict)
        chart = self.chart  # shorter when a verdict banner takes its top
        length = live.scenario.round.length
        series = record["series"]
        pygame.draw.rect(surface, theme.PANEL, chart.inflate(40, 40), border_radius=10)
        for level in (25, 50, 75):
            y = chart.bottom - chart.height * level // 100
            pygame.draw.line(surface, theme.PANEL_LIGHT, (chart.x, y), (chart.right, y))
            blit(surface, str(level), (chart.x - 8, y), theme.SIZE_SMALL, theme.TEXT_DIM, anchor="midright")
        outsourcing = live.scenario.scoring.outsourcing_below
        y = chart.bottom - int(chart.height * outsourcing / 100)
        # Dashed, so it never reads as a department's curve of a similar colour.
        for x in range(chart.x, chart.right, 16):
            pygame.draw.line(surface, theme.VERMILLION, (x, y), (min(x + 9, chart.right), y), 3)
        legend_x, legend_y = chart.x - 20, chart.bottom + 24
        right = chart.right + 20

        def place(words: str, extra: int = 0) -> tuple[int, int]:
            """Where the next legend entry goes: on this line, or the next if it would not fit."""
            nonlocal legend_x, legend_y
            if legend_x + extra + text_module.width(words, theme.SIZE_SMALL) > right:
                legend_x, legend_y = chart.x - 20, legend_y + LINE
            return legend_x + extra, legend_y

        for index, (name, values) in enumerate(series["satisfaction"].items()):
            colour = CUSTOMER_COLOURS[index % len(CUSTOMER_COLOURS)]
            points = [self._xy(t, v, length) for t, v in zip(series["t"], values, strict=False)]
            if len(points) > 1:
                pygame.draw.lines(surface, colour, False, points, 2)
            rect = blit(surface, name, place(name), theme.SIZE_SMALL, LEGEND_INK[colour])
            legend_x = rect.right + 18
        trust_points = [self._xy(t, v, length) for t, v in zip(series["t"], series["trust"], strict=False)]
        if len(trust_points) > 1:
            pygame.draw.lines(surface, theme.TEXT, False, trust_points, 4)
        rect = blit(surface, "trust", place("trust"), theme.SIZE_SMALL, theme.TEXT, bold=True)
        legend_x = rect.right + 18
        # The line's label sits in the legend: inside the chart the curves would cross it.
        words = f"outsourcing line {outsourcing:g}"
        x, legend_y = place(words, 40)
        for dash in (x - 40, x - 24):
            pygame.draw.line(surface, theme.VERMILLION, (dash, legend_y + 14), (dash + 9, legend_y + 14), 3)
        # white words: vermillion text on the panel would be under 4.5:1
        blit(surface, words, (x, legend_y), theme.SIZE_SMALL, theme.TEXT)
        self.marks = []
        labels: list[pygame.Rect] = []
        for index, moment in enumerate(self.marked):
            value = _value_at(series["t"], series["trust"], moment["t"])
            x, y = self._xy(moment["t"], value, length)
            colour = theme.GOOD if moment["delta"] > 0 else theme.BAD
            rect = pygame.Rect(0, 0, 22, 22)
            rect.center = (x, y)
            pygame.draw.circle(surface, theme.BLACK, rect.center, 12)
            pygame.draw.circle(surface, colour, rect.center, 10, 0 if index == self.chosen else 3)
            self.marks.append((rect, index))
            labels.append(_free_spot(labels, str(index + 1), (x, y - 14)))
            # white numbers: green or vermillion text on the panel would be under 4.5:1
            blit(surface, str(index + 1), labels[-1].topleft, theme.SIZE_SMALL, theme.TEXT, bold=True)
        y = legend_y + LINE + 4
        if self.marked:
            moment = self.marked[self.chosen]
            clock = format_clock(live.scenario.round.start + moment["t"])
            said = (
                f"{self.chosen + 1}. {clock} rated {moment['rating']:.0f}/100: {moment['text']}"
                " (Left/Right or click)"
            )
            for line in wrap(said, theme.SIZE_BODY, 780):
                blit(surface, line, (chart.x - 20, y), theme.SIZE_BODY, theme.TEXT)
                y += LINE
        posts = self.record["posts"][-1:]
        for post in posts:
            for line in wrap(f"Last on the feed, @{post['customer']}: {post['text']}", theme.SIZE_BODY, 780):
                if y > H - 40 - LINE * (1 + 2 * len(self.questions)):
                    break
                blit(surface, line, (chart.x - 20, y), theme.SIZE_BODY, theme.ORANGE)
                y += LINE
        self._draw_figures(surface)
        lines = [w for q in self.questions for w in wrap("• " + q, theme.SIZE_BODY, W - 80)]
        y = H - 16 - LINE * (len(lines) + 1)
        blit(surface, "To talk about", (40, y), theme.SIZE_BODY, theme.YELLOW, bold=True)
        for line in lines:
            y += LINE
            blit(surface, line, (40, y), theme.SIZE_BODY, theme.TEXT)

    def _draw_figures(self, surface: pygame.Surface) -> None:
        record, live = self.record, self.app.live
        k = record["kpis"]
        box = pygame.Rect(850, self.figures_top, 400, 20 + LINE * 14)
        pygame.draw.rect(surface, theme.PANEL, box, border_radius=10)
        x, y = box.x + 18, box.y + 10
        rows = [
            ("Trust", f"{k['trust']:.0f}"),
            ("CSAT", f"{k['csat']:.0f}"),
            ("FCR", f"{k['fcr']:.0%}"),
            ("Backlog at the end", str(k["backlog_end"])),
            ("Hidden work", f"{k['hidden_work_min']:.0f} min"),
            ("Public posts", str(len(record["posts"]))),
        ]
        for label, value in rows:
            blit(surface, label, (x, y), theme.SIZE_SMALL, theme.TEXT_DIM)
            right = (box.right - 18, y)
            blit(surface, value, right, theme.SIZE_SMALL, theme.TEXT, bold=True, anchor="topright")
            y += LINE
        blit(surface, "SLA met by priority", (x, y), theme.SIZE_SMALL, theme.TEXT, bold=True)
        y += LINE
        for priority, share, count in sla_by_priority(record, live.world.sla_targets):
            blit(surface, priority, (x, y), theme.SIZE_SMALL, theme.TEXT, bold=True)
            bar(surface, pygame.Rect(x + 44, y + 8, 150, 12), share, theme.PRIORITY_COLOUR[priority])
            shown = f"{share:.0%} of {count}" if count else "none"
            blit(surface, shown, (box.right - 18, y), theme.SIZE_SMALL, theme.TEXT, anchor="topright")
            y += LINE
        blit(surface, "Morale", (x, y), theme.SIZE_SMALL, theme.TEXT, bold=True)
        y += LINE
        line = ""
        for agent in live.world.agents:  # a name and its figure never part across lines
            item = f"{agent.name} {agent.morale * 100:.0f}%"
            trial = f"{line} · {item}" if line else item
            if line and text_module.width(trial, theme.SIZE_SMALL) > box.width - 36:
                blit(surface, line, (x, y), theme.SIZE_SMALL, theme.TEXT_DIM)
                y, trial = y + LINE, item
            line = trial
        blit(surface, line, (x, y), theme.SIZE_SMALL, theme.TEXT_DIM)


def _free_spot(taken: list[pygame.Rect], label: str, bottom: tuple[int, int]) -> pygame.Rect:
    """Where ``label`` goes above a marker: moved up past labels already placed, never over one."""
    rect = pygame.Rect((0, 0), font(theme.SIZE_SMALL, True).size(label))
    rect.midbottom = bottom
    while (hit := rect.inflate(8, 0).collidelist(taken)) != -1:  # a gap either side: 5 2, not 52
        rect.bottom = taken[hit].top - 1
    return rect


def _value_at(ts: list[float], values: list[float], t: float) -> float:
    best = 0
    for index, sample in enumerate(ts):
        if sample <= t:
            best = index
    return values[best] if values else 50.0


def sla_by_priority(record: dict, targets: dict[str, float]) -> list[tuple[str, float, int]]:  # type: ignore[type-arg]
    """(priority, share started within target, tickets) for the round's started tickets."""
    rows = []
    for priority in ("P1", "P2", "P3", "P4"):
        started = [
            t
            for t in record["tickets"]
            if t["priority"] == priority and t["started"] is not None and t.get("outcome") != "unsupported"
        ]
        met = [t for t in started if t["started"] - t["arrived"] <= targets[priority]]
        rows.append((priority, len(met) / len(started) if started else 0.0, len(started)))
    return rows


class WillScene(Scene):
    """Choose improvement cards within the budget and type a one-line commitment.

    The commitment box is a pygame_gui text entry (cursor, selection, paste, a length limit):
    text input is the one place where a widget library beats hand-drawn controls.
    """

    COMMITMENT_RECT = pygame.Rect(40, H - 132, W - 80, 54)
    ROW_H = 37  # one card per row: the list reads from the back of the room
    LIST = pygame.Rect(40, 96, 560, 12 * 37)
    DETAIL = pygame.Rect(620, 96, W - 660, 12 * 37)

    def __init__(self, app):  # type: ignore[no-untyped-def]
        super().__init__(app)
        import pygame_gui

        live = app.live
        self.offer = live.scenario.improvements.offer
        self.budget = live.scenario.improvements.budget
        self.cursor = 0
        self.chosen: list[str] = []
        # Click targets are laid out once, here, not while drawing.
        self.rects: list[tuple[pygame.Rect, str]] = [
            (pygame.Rect(self.LIST.x, self.LIST.y + i * self.ROW_H, self.LIST.width, self.ROW_H - 3), card_id)
            for i, card_id in enumerate(CARDS)
        ]
        self.gui = pygame_gui.UIManager(theme.LOGICAL_SIZE, str(data_dir("assets") / "theme.json"))
        self.entry = pygame_gui.elements.UITextEntryLine(
            self.COMMITMENT_RECT,
            manager=self.gui,
            placeholder_text="Tab, then type the team's one-line commitment (optional)",
        )
        self.entry.set_text_length_limit(90)
        self.finished_event = pygame_gui.UI_TEXT_ENTRY_FINISHED
        if app.autoplay:
            self.chosen = live.suggested_cards()
            titles = " and ".join(CARDS[c].title.lower() for c in self.chosen) or "nothing new"
            self.entry.set_text(f"The {live.policy.name} bot commits to {titles}.")

    @property
    def commitment(self) -> str:
        return self.entry.get_text()

    @property
    def typing(self) -> bool:
        return self.entry.is_focused

    @property
    def spent(self) -> int:
        return sum(CARDS[c].cost for c in self.chosen)

    def _toggle(self, card_id: str) -> None:
        live = self.app.live
        if card_id not in self.offer or card_id in live.world.adopted:
            return
        if card_id in self.chosen:
            self.chosen.remove(card_id)
        elif self.spent + CARDS[card_id].cost <= self.budget:
            self.chosen.append(card_id)

    def handle_event(self, event: pygame.event.Event) -> bool:
        cards = list(CARDS)
        if event.type == self.finished_event:
            self.entry.unfocus()  # Enter in the box: back to the cards
            return True
        if self.typing:
            if event.type == pygame.KEYDOWN and event.key in (pygame.K_ESCAPE, pygame.K_TAB):
                self.entry.unfocus()
                return True
            if event.type != pygame.MOUSEBUTTONDOWN:
                return self.gui.process_events(event)
        if event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_RIGHT, pygame.K_DOWN):
                self.cursor = (self.cursor + 1) % len(cards)
            elif event.key in (pygame.K_LEFT, pygame.K_UP):
                self.cursor = (self.cursor - 1) % len(cards)
            elif event.key == pygame.K_SPACE:
                self._toggle(cards[self.cursor])
            elif event.key == pygame.K_TAB:
                self.entry.focus()
            elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                self._commit()
            return True
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            for rect, card_id in self.rects:
                if rect.collidepoint(event.pos):
                    self.entry.unfocus()
                    self.cursor = cards.index(card_id)
                    self._toggle(card_id)
                    return True
        return self.gui.process_events(event)

    def _commit(self) -> None:
        self.go("action", cards=list(self.chosen), commitment=self.commitment.strip())

    def update(self, real_seconds: float) -> None:
        self.gui.update(real_seconds)
        self.app.autoplay_wait(self._commit)

    def draw(self, surface: pygame.Surface) -> None:
        live = self.app.live
        heading(surface, "What will you change?", "1 Awareness · 2 Will · 3 Action")
        blit(
            surface,
            f"Budget {self.budget - self.spent} of {self.budget} points left",
            (W - 40, 46),
            theme.SIZE_HEADING,
            theme.YELLOW,
            bold=True,
            anchor="topright",
        )
        for index, (rect, card_id) in enumerate(self.rects):
            card = CARDS[card_id]
            offered = card.id in self.offer
            adopted = card.id in live.world.adopted
            chosen = card.id in self.chosen
            fill = theme.CARD_SELECTED if chosen else theme.CARD if offered and not adopted else theme.PANEL
            pygame.draw.rect(surface, fill, rect, border_radius=6)
            if index == self.cursor and not self.typing:
                pygame.draw.rect(surface, theme.YELLOW, rect, 3, border_radius=6)
            mark = "[x]" if chosen else "in force" if adopted else "" if offered else "—"
            colour = theme.TEXT if offered and not adopted else theme.TEXT_DIM
            blit(surface, card.title, (rect.x + 12, rect.y + 4), theme.SIZE_BODY, colour, bold=chosen)
            blit(surface, f"{mark}  {card.cost}".strip(), (rect.right - 12, rect.y + 4), theme.SIZE_BODY,
                 theme.YELLOW if chosen else theme.TEXT_DIM, anchor="topright")
        card = CARDS[list(CARDS)[self.cursor]]
        box = self.DETAIL
        pygame.draw.rect(surface, theme.PANEL, box, border_radius=10)
        y = box.y + 14
        for line in wrap(card.title, theme.SIZE_HEADING, box.width - 40, bold=True):
            blit(surface, line, (box.x + 20, y), theme.SIZE_HEADING, theme.TEXT, bold=True)
            y += 38
        adopted = card.id in live.world.adopted
        status = ("in force" if adopted else "not offered in this scenario" if card.id not in self.offer
                  else "chosen" if card.id in self.chosen else card.takes)
        blit(surface, f"Costs {card.cost} · {status}", (box.x + 20, y), theme.SIZE_BODY, theme.YELLOW)
        y += 40
        for line in wrap(card.changes, theme.SIZE_BODY, box.width - 40):
            blit(surface, line, (box.x + 20, y), theme.SIZE_BODY, theme.TEXT)
            y += 29
        self.gui.draw_ui(surface)
        text_module.record_widget(
            surface, self.entry.get_text() or "commitment", self.COMMITMENT_RECT, NOTO, COMMITMENT_FONT
        )
        blit(
            surface,
            "Up/Down moves · Space or click picks · Tab: commitment · Enter confirms",
            (W // 2, H - 64),
            theme.SIZE_SMALL,
            theme.TEXT_DIM,
            anchor="midtop",
        )


class ActionScene(StepScene):
    """What is in force in the next round and how strongly (ramp, morale, decay)."""

    def proceed(self) -> None:
        self.go("next_round")

    def draw(self, surface: pygame.Surface) -> None:
        live = self.app.live
        world = live.world
        heading(
            surface,
            f"Round {world.round + 1}: what is now in force",
            "1 Awareness · 2 Will · 3 Action",
        )
        strengths = live.upcoming_strengths()
        y = 110 + verdict_banner(surface, round_verdict(live))
        if not strengths:
            blit(
                surface,
                "No improvements in force. The desk works as it did.",
                (40, y),
                theme.SIZE_BODY,
                theme.TEXT_DIM,
            )
        for card_id, strength in strengths.items():
            card = CARDS[card_id]
            blit(surface, card.title, (40, y), theme.SIZE_BODY, theme.TEXT, bold=True)
            colour = theme.GREEN if strength >= 0.6 else theme.WARN
            bar(surface, pygame.Rect(440, y + 8, 240, 14), strength, colour)
            blit(surface, f"{strength:.0%}", (700, y), theme.SIZE_BODY, theme.TEXT)
            y += LINE
            for line in wrap(card.changes, theme.SIZE_SMALL, W - 120):
                blit(surface, line, (70, y), theme.SIZE_SMALL, theme.TEXT_DIM)
                y += LINE
            y += 8
        commitment = world.commitments.get(world.round + 1, "")
        if commitment:
            blit(
                surface,
                f"Our commitment: \u201c{commitment}\u201d",
                (40, y + 4),
                theme.SIZE_BODY,
                theme.YELLOW,
            )
        notes = (
            "Strength grows as a change beds in, follows the team's morale (culture eats strategy), "
            "and fades each round unless governance keeps it alive."
        )
        lines = wrap(notes, theme.SIZE_SMALL, W - 80)
        for i, line in enumerate(lines):
            blit(surface, line, (40, H - 64 - LINE * (len(lines) - i)), theme.SIZE_SMALL, theme.TEXT_DIM)
        blit(
            surface,
            "Press Enter to open the desk.",
            (W // 2, H - 56),
            theme.SIZE_BODY,
            theme.YELLOW,
            anchor="midtop",
        )
