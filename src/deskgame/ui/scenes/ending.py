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

from deskgame.ui import theme
from deskgame.ui.scenes.base import Scene
from deskgame.ui.scenes.cycle import heading, verdict_banner
from deskgame.ui.scenes.menus import CONTINUE_KEYS, StepScene
from deskgame.ui.text import blit, font
from deskgame.ui.verdict import session_verdict
from deskgame.ui.widgets import sign

W, H = theme.LOGICAL_SIZE
NOT_PLAYED = "not played — 0"
COLUMNS = (("Round", 70), ("Business trust", 460), ("SLA met", 720), ("Score", 960), ("On notice", 1200))


def summary_rows(live: Any) -> list[tuple[str, str, str, str, str]]:
    """One row per planned round: round, trust, SLA met, score, on notice.

    Rounds left unplayed exist only when the desk was outsourced: they read "not played — 0"
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


class SummaryScene(StepScene):
    """Every round in a table, the session score, and how the session ended; Enter goes on."""

    def proceed(self) -> None:
        self.app.to_end()

    def draw(self, surface: pygame.Surface) -> None:
        live = self.app.live
        heading(
            surface,
            f"Session summary · {live.scenario.title}",
            "The session is over · the debrief, the summary, then play again or the title",
            "Enter: go on",
        )
        y = 84 + verdict_banner(surface, session_verdict(live)) + 12
        row_h = 46
        table = pygame.Rect(40, y, W - 80, row_h * (live.scenario.rounds + 1) + 16)
        pygame.draw.rect(surface, theme.PANEL, table, border_radius=10)
        y += 12
        for label, right in COLUMNS:
            self._cell(surface, label, right, y, theme.TEXT_DIM, bold=False)
        for row in summary_rows(live):
            y += row_h
            pygame.draw.line(surface, theme.PANEL_LIGHT, (table.x + 16, y - 10), (table.right - 16, y - 10))
            if row[1] == NOT_PLAYED:
                self._cell(surface, row[0], COLUMNS[0][1], y, theme.TEXT_DIM)
                self._cell(surface, NOT_PLAYED, COLUMNS[3][1], y, theme.TEXT_DIM)
                self._cell(surface, row[4], COLUMNS[4][1], y, theme.TEXT_DIM)
                continue
            for value, (_, right) in zip(row[:4], COLUMNS[:4], strict=True):
                self._cell(surface, value, right, y, theme.TEXT)
            self._notice_cell(surface, row[4], y)
        y = table.bottom + 24
        blit(
            surface,
            f"Session score {live.outcome.score:.0f}",
            (40, y),
            theme.SIZE_ROOM_HEADING,
            theme.YELLOW,
            bold=True,
        )
        planned = live.scenario.rounds
        why = "the round's score" if planned == 1 else f"the mean of the {planned} round scores"
        if live.outcome.ended == "outsourced":
            why += ", rounds not played counting 0"
        blit(surface, why, (40, y + 44), theme.SIZE_ROOM_BODY, theme.TEXT_DIM)

    @staticmethod
    def _cell(
        surface: pygame.Surface,
        text: str,
        right: int,
        y: int,
        colour: tuple[int, int, int],
        bold: bool = True,
    ) -> None:
        """Numbers line up on their right edge; the round number sits at the left."""
        anchor = "topleft" if right == COLUMNS[0][1] else "topright"
        blit(surface, text, (right, y), theme.SIZE_ROOM_BODY, colour, bold=bold, anchor=anchor)

    def _notice_cell(self, surface: pygame.Surface, text: str, y: int) -> None:
        """A warning sign beside "yes" and "outsourced"; the words stay white (vermillion text on
        the panel would be under 4.5:1) and the sign takes the colour."""
        right = COLUMNS[4][1]
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


class EndScene(Scene):
    """Play again (same scenario and seed, from round 1) or back to the title; every choice has a key."""

    CHOICES = (
        ("again", "P", "Play again", "same scenario and seed, round 1"),
        ("title", "T", "Title", "choose another scenario"),
    )

    COPY_RECT = pygame.Rect(140, 566, W - 280, 44)

    def __init__(self, app):  # type: ignore[no-untyped-def]
        super().__init__(app)
        self.index = 0
        self.gui: Any = None        # a pygame_gui manager while the folder is being typed
        self.entry: Any = None
        self.status = ""            # what the last copy did, shown until the next one

    # ---------------------------------------------------------------- copy to a folder
    def start_copy(self) -> None:
        """Open a box with a suggested folder (a USB stick if one is mounted) to copy the results to."""
        import pygame_gui

        from deskgame.scenario.catalog import data_dir
        from deskgame.session.collect import suggested_folder

        self.gui = pygame_gui.UIManager(theme.LOGICAL_SIZE, str(data_dir("assets") / "theme.json"))
        self.entry = pygame_gui.elements.UITextEntryLine(self.COPY_RECT, manager=self.gui)
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

    def _rect(self, index: int) -> pygame.Rect:
        return pygame.Rect(W // 2 - 470 + index * 480, 400, 460, 120)

    def choose(self, action: str) -> None:
        if action == "again":
            self.app.play_again()
        else:
            self.app.to_title()

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
                self.app.running = False
            elif event.key in (pygame.K_LEFT, pygame.K_RIGHT, pygame.K_UP, pygame.K_DOWN, pygame.K_TAB):
                self.index = 1 - self.index
            elif event.key in CONTINUE_KEYS:
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
        self.app.autoplay_wait(self.app.play_again)  # demo mode: the show goes on

    def draw(self, surface: pygame.Surface) -> None:
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
            f"Session score {live.outcome.score:.0f}",
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
        for index, (_, key, label, detail) in enumerate(self.CHOICES):
            rect = self._rect(index)
            chosen = index == self.index
            pygame.draw.rect(surface, theme.CARD_SELECTED if chosen else theme.CARD, rect, border_radius=10)
            if chosen:
                pygame.draw.rect(surface, theme.YELLOW, rect, 4, border_radius=10)
            blit(
                surface,
                f"{key}  {label}",
                (rect.centerx, rect.y + 24),
                theme.SIZE_ROOM_HEADING,
                theme.TEXT,
                bold=True,
                anchor="midtop",
            )
            at = (rect.centerx, rect.y + 72)
            # white: grey on the highlighted button would be under 4.5:1
            blit(surface, detail, at, theme.SIZE_ROOM_BODY, theme.TEXT, anchor="midtop")
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
        blit(
            surface,
            "P plays again · T or Esc: the title · arrows and Enter choose · Q leaves the game",
            (W // 2, H - 90),
            theme.SIZE_ROOM_BODY,
            theme.YELLOW,
            anchor="midtop",
        )
