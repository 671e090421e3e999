"""How every session ends: after the last round's Awareness, a summary of every round, then
the end screen (play again, or the title).

Outsourced or not, a team sees the same three screens (DESIGN.md section 2, "Score and
ending"): the debrief first, so the team that most needs it never skips it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pygame

from deskgame.report.compare import (
    MARK_WORDS,
    SCORE_PARTS,
    best_and_worst,
    points_change,
    resolved_words,
    score_parts,
    trend_words,
)
from deskgame.report.journey import which_ticket
from deskgame.report.moment_words import moment_words
from deskgame.scenario.units import format_clock
from deskgame.ui import engine_view, theme
from deskgame.ui.debrief_common import LINE, arrow, footer, heading, panel, paragraph, verdict_banner
from deskgame.ui.round_lessons import LEARNED_TITLE, best_line, next_step, round_lessons
from deskgame.ui.scenes.base import Scene
from deskgame.ui.scenes.menus import CONTINUE_KEYS, StepScene
from deskgame.ui.text import blit, font, line_height, wrap
from deskgame.ui.verdict import session_verdict
from deskgame.ui.widgets import sign

W, H = theme.LOGICAL_SIZE
NOT_PLAYED = "not played: 0"
ROW_H = 34
# (heading, x, anchor): numbers line up on their right edge.
COLUMNS = (("Round", 60, "topleft"), ("Trust", 300, "topright"), ("SLA met", 450, "topright"),
           ("Resolved", 490, "topleft"), ("Score", 1000, "topright"), ("On notice", 1220, "topright"))


def summary_rows(live: Any) -> list[tuple[str, str, str, str, str]]:
    """One row per planned round: round, trust, SLA met, score, on notice.

    Rounds left unplayed exist only when the desk was outsourced: they read "not played: 0"
    (the score they count for).  The round that cost the desk its contract says so.
    """
    outcome = live.outcome
    rows = []
    for record in outcome.rounds:
        k = record["kpis"]
        notice = "yes" if record["on_notice"] else "no"
        if outcome.ended == "outsourced" and record is outcome.rounds[-1]:
            notice = "outsourced"
        trust, sla, score = f"{k['trust']:.0f}", f"{k['sla_met']:.0%}", f"{record['score']:.0f}"
        rows.append((str(record["round"]), trust, sla, score, notice))
    if outcome.ended == "outsourced":
        for number in range(len(outcome.rounds) + 1, live.scenario.rounds + 1):
            rows.append((str(number), NOT_PLAYED, "", "", "—"))
    return rows


def score_explained(live: Any) -> list[str]:
    """The session score in words: how it is made, and what the last round's parts gave."""
    outcome = live.outcome
    planned = live.scenario.rounds
    weights = dict(live.scenario.scoring.weights)
    recipe = " + ".join(f"{weights[key]:.0%} {label}" for key, label in SCORE_PARTS)
    lines = [f"Each round scores 0 to 100: {recipe}."]
    how = "the round's score" if planned == 1 else f"the mean of the {planned} round scores"
    if outcome.ended == "outsourced" and len(outcome.rounds) < planned:
        how += ", rounds not played counting 0"
    lines.append(f"The session score is {how}.")
    if outcome.rounds:
        last = outcome.rounds[-1]
        parts = ", ".join(
            f"{label.split(' (')[0]} {value * 100:.0f}{'' if label == 'trust' else '%'} gave {points:.0f}"
            for label, value, _, points in score_parts(last, weights))
        lines.append(f"Round {last['round']}: {parts}; {last['score']:.0f} in all.")
    return lines


def session_moments(live: Any) -> list[str]:
    """The session's truly best moment and its worst, if any went badly."""
    moments = [{**m, "round": r["round"]} for r in live.outcome.rounds for m in r["moments"]]
    neutral = engine_view.neutral_rating(live.world)
    best, worst = best_and_worst(moments, neutral)
    start = live.scenario.round.start
    lines = []
    def said(label: str, m: dict[str, Any]) -> str:  # the ticket named: twins share a title
        which = which_ticket(live.world, m.get("ticket"), m["round"])
        return (f"{label} moment, round {m['round']} at {format_clock(start + m['t'])} "
                f"(rated {m['rating']:.0f}; {which}): {moment_words(m['text'])}")

    if best is not None:
        lines.append(said("Best", best))
    if worst is not None:
        lines.append(said("Worst", worst))
    else:
        lines.append("No moment went badly: every customer's experience met or beat what they expected.")
    return lines


def fit_blocks(explained: list[str], moments: list[str], room: int) -> tuple[list[str], list[str]]:
    """What fits in ``room`` pixels: the moments (the story) first; the score's explanation
    gives way from its last, most detailed line (large text on a long session).  Never a
    line cut in the middle of a sentence."""
    def height(lines: list[str]) -> int:
        return LINE * sum(len(wrap(line, theme.SIZE_BODY, W - 80)) for line in lines)

    explained = list(explained)
    while explained and height(explained) + height(moments) > room:
        explained.pop()
    moments = list(moments)
    while moments and height(explained) + height(moments) > room:
        moments.pop()
    return explained, moments


class SummaryScene(StepScene):
    """Every round with its trend, the session score explained, the best and worst moments."""

    moments: list[str] | None = None

    def proceed(self) -> None:
        self.go("end")

    def draw(self, surface: pygame.Surface) -> None:
        live = self.app.live
        heading(
            surface,
            f"Session summary · {live.scenario.title}",
            "The session is over · the debrief, the summary, then play again or the title",
            "Enter: go on",
        )
        y = 84 + verdict_banner(surface, session_verdict(live)) + 4
        rows = summary_rows(live)
        table = pygame.Rect(40, y, W - 80, ROW_H * (len(rows) + 1) + 12)
        panel(surface, table)
        y += 6
        for label, x, anchor in COLUMNS:
            blit(surface, label, (x, y), theme.SIZE_ROOM_BODY, theme.TEXT_DIM, anchor=anchor)
        records = live.outcome.rounds
        length = live.scenario.round.length
        for index, row in enumerate(rows):
            y += ROW_H
            pygame.draw.line(surface, theme.PANEL_LIGHT, (table.x + 16, y - 4), (table.right - 16, y - 4))
            self._row(surface, row, records[index] if index < len(records) else None,
                      records[index - 1] if 0 < index <= len(records) else None, y, length)
        y = table.bottom + 8
        trust = [r["kpis"]["trust"] for r in records]
        limit = footer(surface, "Enter: play again or the title")
        said = trend_words(trust, "Trust")
        if len(records) > 1:
            scores = [r["score"] for r in records]
            said += "; " + trend_words(scores, "the round score").replace(f" over {len(scores)} rounds", "")
        y = paragraph(surface, said + ".", (40, y), W - 80, limit=limit)
        blit(surface, f"Session score {live.outcome.score:.1f} of 100", (40, y + 4), theme.SIZE_ROOM_HEADING,
             theme.YELLOW, bold=True)
        y += 48
        if self.moments is None:  # once: naming a moment's ticket reads the event log
            self.moments = session_moments(live)
        explained, moments = fit_blocks(score_explained(live), self.moments, limit - y - 6)
        for line in explained:
            y = paragraph(surface, line, (40, y), W - 80, theme.TEXT_DIM, limit=limit)
        y += 6
        for line in moments:
            y = paragraph(surface, line, (40, y), W - 80, limit=limit)

    def _row(self, surface: pygame.Surface, row: tuple[str, str, str, str, str], record: Any, before: Any,
             y: int, length: float) -> None:
        (number, trust, sla, score, notice), size = row, theme.SIZE_ROOM_BODY
        x = {label: (at, anchor) for label, at, anchor in COLUMNS}
        blit(surface, number, (x["Round"][0], y), size, theme.TEXT if record else theme.TEXT_DIM, bold=True)
        if record is None:
            blit(surface, NOT_PLAYED, (x["Score"][0], y), size, theme.TEXT_DIM, anchor="topright")
            blit(surface, notice, (x["On notice"][0], y), size, theme.TEXT_DIM, anchor="topright")
            return
        rect = blit(surface, trust, (x["Trust"][0], y), size, theme.TEXT, bold=True, anchor="topright")
        if before is not None:  # the trend from the round before, as a shape
            change = points_change("trust", "Trust", "trust", before["kpis"]["trust"],
                                   record["kpis"]["trust"])
            arrow(surface, (rect.x - 18, rect.centery), change.mark, change.better)
            if change.mark in ("steady", "equal"):  # said in words too: 66 then 67 is not "="
                blit(surface, MARK_WORDS[change.mark], (rect.x - 34, y), theme.SIZE_SMALL, theme.TEXT_DIM,
                     anchor="topright")
        blit(surface, sla, (x["SLA met"][0], y), size, theme.TEXT, bold=True, anchor="topright")
        blit(surface, resolved_words(record, length), (x["Resolved"][0], y), size, theme.TEXT)
        blit(surface, score, (x["Score"][0], y), size, theme.TEXT, bold=True, anchor="topright")
        self._notice_cell(surface, notice, y)

    @staticmethod
    def _notice_cell(surface: pygame.Surface, text: str, y: int) -> None:
        """A warning sign beside "yes" and "outsourced"; the words stay white (vermillion text on
        the panel would be under 4.5:1) and the sign takes the colour."""
        right = COLUMNS[-1][1]
        rect = blit(surface, text, (right, y), theme.SIZE_ROOM_BODY, theme.TEXT, bold=True, anchor="topright")
        if text in ("yes", "outsourced"):
            colour = theme.VERMILLION if text == "outsourced" else theme.ORANGE
            sign(surface, (rect.x - 22, rect.centery), 26, "warning", colour, theme.PANEL)


def results_file(app: Any) -> Path | None:
    """The file that holds this session's results, for the facilitator's ``deskgame debrief``.

    ``app.results_out`` when the command line named one (``--out``); otherwise the
    autosave, which is a complete results file once the session has ended.  None in demo
    mode without saves: nothing is kept.
    """
    given = getattr(app, "results_out", None)
    if given:
        return Path(given)
    saver = getattr(app, "autosaver", None)
    return Path(saver.path) if saver is not None else None


def split_path(path: str, size: int, width: int) -> list[str]:
    """A path in lines no wider than ``width``, broken after a separator (never cut with "…")."""
    f = font(size)
    lines, line = [], ""
    for piece in re.split(r"(?<=[/\\])", path):   # each piece ends with its separator
        if line and f.size(line + piece)[0] > width:
            lines.append(line)
            line = ""
        line += piece
        while f.size(line)[0] > width and len(line) > 1:   # one very long name: break inside it
            cut = len(line)
            while cut > 1 and f.size(line[:cut])[0] > width:
                cut -= 1
            lines.append(line[:cut])
            line = line[cut:]
    return lines + ([line] if line else [])


GUIDED_BUTTONS_Y = 464  # after a tutorial the choices sit under what the round showed
LESSON_GAP = 6  # between two lessons, so each reads as its own
END_KEYS = "P plays again · T or Esc: the title · arrows and Enter choose · Q leaves the game"
END_PROMPT = "Nothing chosen yet: P plays again, T goes to the title, or an arrow and Enter"


class EndScene(Scene):
    """Play again (same scenario and seed, from round 1) or back to the title; every choice has a key."""

    CHOICES = (
        ("again", "P", "Play again", "same scenario and seed, round 1"),
        ("title", "T", "Title", "choose another scenario"),
    )

    COPY_RECT = pygame.Rect(140, 566, W - 280, 44)
    GUIDED_COPY_RECT = pygame.Rect(140, 580, W - 280, 44)

    def __init__(self, app):  # type: ignore[no-untyped-def]
        super().__init__(app)
        # Nothing chosen at first: Enter out of habit neither restarts the scenario nor leaves
        # the results' path (a room's Enter restarted the day).  P and T act at once.
        self.index: int | None = None
        self.prompt = False  # Enter with nothing chosen: the key line says how to choose
        self.gui: Any = None        # a pygame_gui manager while the folder is being typed
        self.entry: Any = None
        self.status = ""            # what the last copy did, shown until the next one
        self.lessons: list[str] | None = None  # after a tutorial: what the round showed
        self.next_words = ""

    # ---------------------------------------------------------------- copy to a folder
    def start_copy(self) -> None:
        """Open a box with a suggested folder (a USB stick if one is mounted) to copy the results to."""
        import pygame_gui

        from deskgame.scenario.catalog import data_dir
        from deskgame.session.collect import suggested_folder

        self.gui = pygame_gui.UIManager(theme.LOGICAL_SIZE, str(data_dir("assets") / "theme.json"))
        where = self.GUIDED_COPY_RECT if self.guided else self.COPY_RECT
        self.entry = pygame_gui.elements.UITextEntryLine(where, manager=self.gui)
        self.entry.set_text(str(suggested_folder()))
        self.entry.focus()
        self.status = ""

    def finish_copy(self, folder: str) -> None:
        from deskgame.session.collect import CopyFailed, copy_results

        source = results_file(self.app)
        self.gui = self.entry = None
        if source is None:
            return
        try:
            self.status = f"Copied to {copy_results(source, Path(folder.strip()))}"
        except CopyFailed as error:
            self.status = f"Not copied: {error}"

    def _copy_event(self, event: pygame.event.Event) -> bool:
        import pygame_gui

        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED:
            self.finish_copy(self.entry.get_text())
            return True
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.gui = self.entry = None
            return True
        self.gui.process_events(event)
        return True    # while the box is open, keys type into it

    @property
    def guided(self) -> bool:
        """After the tutorial the screen also says what the round showed and what comes next."""
        return bool(self.app.live.scenario.tutorial)

    def _rect(self, index: int) -> pygame.Rect:
        if self.guided:  # lower and shorter: the learned block takes the top half
            return pygame.Rect(W // 2 - 470 + index * 480, GUIDED_BUTTONS_Y, 460, 98)
        return pygame.Rect(W // 2 - 470 + index * 480, 400, 460, 120)

    def tooltips(self) -> list[tuple[pygame.Rect, str]]:
        from deskgame.ui import help_texts as words

        return [(self._rect(i), words.TIP_END_CHOICE.format(label=label, key=key, detail=detail))
                for i, (_, key, label, detail) in enumerate(self.CHOICES)]

    def choose(self, action: str) -> None:
        self.go("again" if action == "again" else "title")

    def handle_event(self, event: pygame.event.Event) -> bool:
        if self.gui is not None:
            return self._copy_event(event)
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_c and results_file(self.app) is not None:
                self.start_copy()
            elif event.key in (pygame.K_p, pygame.K_r):
                self.choose("again")
            elif event.key in (pygame.K_t, pygame.K_ESCAPE):
                self.choose("title")
            elif event.key == pygame.K_q:
                self.go("quit")
            elif event.key in (pygame.K_LEFT, pygame.K_UP):
                self.index = 0
            elif event.key in (pygame.K_RIGHT, pygame.K_DOWN):
                self.index = 1
            elif event.key == pygame.K_TAB:
                self.index = 0 if self.index is None else 1 - self.index
            elif event.key in CONTINUE_KEYS:
                if self.index is None:
                    self.prompt = True
                else:
                    self.choose(self.CHOICES[self.index][0])
            else:
                return False
            return True
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            for index, choice in enumerate(self.CHOICES):
                if self._rect(index).collidepoint(event.pos):
                    self.choose(choice[0])
                    return True
        return False

    def update(self, real_seconds: float) -> None:
        if self.gui is not None:
            self.gui.update(real_seconds)
            return
        self.app.autoplay_wait(lambda: self.go("again"))  # demo mode: the show goes on

    def draw(self, surface: pygame.Surface) -> None:
        if self.guided:
            self._draw_guided(surface)
        else:
            self._draw_usual(surface)
        self._draw_choices(surface, (12, 58) if self.guided else (24, 72))
        keys = END_PROMPT if self.prompt and self.index is None else END_KEYS
        blit(surface, keys, (W // 2, H - 90), theme.SIZE_ROOM_BODY, theme.YELLOW, bold=keys == END_PROMPT,
             anchor="midtop")

    def _draw_guided(self, surface: pygame.Surface) -> None:
        """The tutorial's end: the score and best, what the round showed, the next scenario,
        the choices, and the results file in one line (a newcomer rarely needs its path)."""
        live = self.app.live
        surface.fill(theme.BACKGROUND)
        if self.lessons is None:  # once: reading the log and the next scenario's file
            self.lessons = round_lessons(live)
            self.next_words = next_step()
        score = live.outcome.score
        blit(surface, f"{live.scenario.title}: session score {score:.1f} of 100", (W // 2, 22),
             theme.SIZE_ROOM_HEADING, theme.YELLOW, bold=True, anchor="midtop")
        best = best_line(self.app.userdata, live.scenario.title, live.world.seed, score)
        blit(surface, " · ".join(x for x in (f"seed {live.world.seed}", best) if x), (W // 2, 66),
             theme.SIZE_ROOM_BODY, theme.TEXT_DIM, anchor="midtop")
        box = pygame.Rect(40, 100, W - 80, GUIDED_BUTTONS_Y - 10 - 100)
        panel(surface, box)
        blit(surface, LEARNED_TITLE, (box.x + 24, box.y + 8), theme.SIZE_ROOM_HEADING, theme.YELLOW,
             bold=True)
        step = line_height(theme.SIZE_BODY)
        bottom = box.bottom - 8 - step  # the next step's line always has its place
        y = box.y + 50
        for lesson in self.lessons:
            lines = wrap(lesson, theme.SIZE_BODY, box.w - 48)
            if y + step * len(lines) + LESSON_GAP > bottom:
                break  # a whole lesson or none: never a sentence cut
            for line in lines:
                blit(surface, line, (box.x + 24, y), theme.SIZE_BODY, theme.TEXT)
                y += step
            y += LESSON_GAP
        blit(surface, self.next_words, (box.x + 24, bottom), theme.SIZE_BODY, theme.YELLOW, bold=True)
        where = results_file(self.app)
        said = self.status or (f"Results file {where.name}; C copies it to a folder" if where else "")
        if not self.status and where and len(wrap(said, theme.SIZE_ROOM_BODY, W - 120)) > 1:
            said = "C copies the results file to a folder"  # large text: one line, never two
        if self.gui is not None:
            said = "Copy the results to which folder? Enter copies, Esc cancels"
            self.gui.draw_ui(surface)
        for i, line in enumerate(wrap(said, theme.SIZE_ROOM_BODY, W - 120)[:2] if said else []):
            blit(surface, line, (W // 2, GUIDED_BUTTONS_Y + 106 + step * i), theme.SIZE_ROOM_BODY,
                 theme.TEXT, anchor="midtop")

    def _draw_usual(self, surface: pygame.Surface) -> None:
        live = self.app.live
        verdict = session_verdict(live)
        surface.fill(theme.BACKGROUND)
        blit(surface, verdict.title, (W // 2, 70), theme.SIZE_TITLE, theme.TEXT, bold=True, anchor="midtop")
        blit(
            surface,
            f"{live.scenario.title} · seed {live.world.seed}",
            (W // 2, 140),
            theme.SIZE_ROOM_BODY,
            theme.TEXT_DIM,
            anchor="midtop",
        )
        blit(
            surface,
            f"Session score {live.outcome.score:.1f} of 100",
            (W // 2, 210),
            theme.SIZE_TITLE,
            theme.YELLOW,
            bold=True,
            anchor="midtop",
        )
        where = results_file(self.app)
        if where is not None:
            blit(surface, "Results for the facilitator's debrief (deskgame debrief FILE):", (W // 2, 282),
                 theme.SIZE_ROOM_BODY, theme.TEXT_DIM, anchor="midtop")
            for i, line in enumerate(split_path(str(where), theme.SIZE_ROOM_BODY, W - 120)[:3]):
                blit(surface, line, (W // 2, 314 + 28 * i), theme.SIZE_ROOM_BODY, theme.TEXT, anchor="midtop")
        if self.gui is not None:
            blit(surface, "Copy the results to which folder? (a USB stick or a shared folder) "
                 "Enter copies, Esc cancels", (W // 2, 536), theme.SIZE_ROOM_BODY, theme.TEXT,
                 anchor="midtop")
            self.gui.draw_ui(surface)
        elif self.status:
            for i, line in enumerate(split_path(self.status, theme.SIZE_ROOM_BODY, W - 120)[:2]):
                blit(surface, line, (W // 2, 548 + 28 * i), theme.SIZE_ROOM_BODY, theme.TEXT, anchor="midtop")
        elif where is not None:
            blit(surface, "C copies the results file to a folder (a USB stick or a shared folder)",
                 (W // 2, 548), theme.SIZE_ROOM_BODY, theme.TEXT, anchor="midtop")

    def _draw_choices(self, surface: pygame.Surface, at_y: tuple[int, int]) -> None:
        """The two choices; ``at_y``: where the label and the detail sit under the button's top."""
        for index, (_, key, label, detail) in enumerate(self.CHOICES):
            rect = self._rect(index)
            chosen = index == self.index
            pygame.draw.rect(surface, theme.CARD_SELECTED if chosen else theme.CARD, rect, border_radius=10)
            if chosen:
                pygame.draw.rect(surface, theme.YELLOW, rect, 4, border_radius=10)
            blit(
                surface,
                f"{key}  {label}",
                (rect.centerx, rect.y + at_y[0]),
                theme.SIZE_ROOM_HEADING,
                theme.TEXT,
                bold=True,
                anchor="midtop",
            )
            at = (rect.centerx, rect.y + at_y[1])
            # white: grey on the highlighted button would be under 4.5:1
            blit(surface, detail, at, theme.SIZE_ROOM_BODY, theme.TEXT, anchor="midtop")
