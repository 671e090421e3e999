"""The screens around play: title and scenario picker, briefing (the ending is in ``ending``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from deskgame.scenario import ScenarioError, load_scenario, load_scenario_text
from deskgame.scenario.catalog import DEFAULT_SCENARIO, bundled_scenarios
from deskgame.scenario.model import Scenario
from deskgame.scenario.units import format_clock, format_duration
from deskgame.ui import theme
from deskgame.ui.scenes.base import Scene
from deskgame.ui.text import blit, wrap
from deskgame.ui.text import width as text_width

if TYPE_CHECKING:
    from deskgame.ui.userdata import UserData

W, H = theme.LOGICAL_SIZE
TUTORIAL_OFFER = "New here? Start with the tutorial"
ROW_X, ROW_W, ROWS_TOP, ROW_PAD, ROW_GAP = 40, 700, 184, 14, 10
ABOUT_X = ROW_X + ROW_W + 30
SEED_JOINER = "_"  # keeps "seed" and its number together when the best score's line wraps
CONTINUE_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE)


def is_continue(event: pygame.event.Event) -> bool:
    """Enter, Space or a click: the "carry on" of every screen between rounds."""
    return (event.type == pygame.KEYDOWN and event.key in CONTINUE_KEYS) or (
        event.type == pygame.MOUSEBUTTONDOWN and event.button == 1
    )


def _panel(surface: pygame.Surface, rect: pygame.Rect) -> None:
    pygame.draw.rect(surface, theme.PANEL, rect, border_radius=12)


@dataclass(frozen=True)
class TitleItem:
    """A row of the title screen: a scenario (or the tutorial offer, or a save to carry on)."""

    name: str  # the bundled name, "tutorial" for the offer, or "resume"
    path: Path
    title: str
    details: str  # rounds, round length, team size and difficulty (or the save's file name)
    summary: str  # the briefing's first paragraph, whole
    best: str  # "Best 83.5" or ""
    scenario: Scenario | None = None
    file: str = ""  # a save's file name: in the side panel, broken at its hyphens


def first_paragraph(briefing: str) -> str:
    """The briefing's first paragraph as one line of words (wrapped when drawn, never cut)."""
    paragraph = briefing.strip().split("\n\n")[0]
    return " ".join(paragraph.split())


def scenario_details(scenario: Scenario) -> str:
    """"3 rounds of 8h · 5 people · normal": what a player weighs before choosing."""
    rounds = f"{scenario.rounds} round{'s' if scenario.rounds != 1 else ''}"
    people = f"{len(scenario.team)} {'person' if len(scenario.team) == 1 else 'people'}"
    parts = [f"{rounds} of {format_duration(scenario.round.length)}", people]
    if scenario.difficulty:
        parts.append(scenario.difficulty)
    return " · ".join(parts)


def best_words(userdata: UserData, scenario: Scenario) -> str:
    best = userdata.best(scenario.title, scenario.seed)
    return f"Best {best.score:.1f}" if best is not None else ""


DEFAULT_MARK = "the default"  # at the end of the default scenario's details


def title_order(scenario: Scenario, name: str) -> tuple[bool, int, str]:
    """The tutorial first, then easy to hard (a scenario that names no difficulty after
    them), then by title: a review saw Kestrel (hard) listed before Monday (normal)."""
    levels = ("easy", "normal", "hard")
    rank = levels.index(scenario.difficulty) if scenario.difficulty in levels else len(levels)
    return (not scenario.tutorial, rank, scenario.title.lower() + name)


def title_items(userdata: UserData, unfinished: Path | None) -> list[TitleItem]:
    """The rows: a save to carry on, the tutorial offer (until it is played), the scenarios
    (``title_order``), the default one marked as such."""
    items: list[TitleItem] = []
    offer: TitleItem | None = None
    found = []
    for bundled in bundled_scenarios(include_examples=False):
        try:
            found.append((bundled, load_scenario(bundled.path)))
        except ScenarioError:  # pragma: no cover - bundled_scenarios already skipped bad files
            continue
    for bundled, scenario in sorted(found, key=lambda pair: title_order(pair[1], pair[0].name)):
        details = scenario_details(scenario)
        if bundled.name == DEFAULT_SCENARIO:
            details += f" · {DEFAULT_MARK}"
        item = TitleItem(bundled.name, bundled.path, scenario.title, details,
                         first_paragraph(scenario.briefing), best_words(userdata, scenario), scenario)
        if scenario.tutorial and offer is None and not userdata.tutorial_played:
            offer = replace(item, name="tutorial", title=TUTORIAL_OFFER,
                            details=f"{scenario.title} · {item.details}")
            continue
        items.append(item)
    if offer is not None:
        items.insert(0, offer)
    if unfinished is not None:
        # The latest unfinished session comes first: a crashed laptop is one Enter away.
        items.insert(0, resume_item(unfinished))
    return items


RESUME_TITLE = "Carry on the unfinished session"
RESUME_ABOUT = "The game saved this session as it went; carry on where it stopped."


def resume_item(path: Path) -> TitleItem:
    """The carry-on row, in the words of the session it carries on: the scenario's title, the
    round and the clock where it stopped, and trust at the last round's end when one has
    ended (a newcomer saw only a wrapped file name).  The save was read already to offer it;
    reading it again costs a JSON parse and the embedded scenario's."""
    from deskgame.session.results import ResultsError, read_results
    from deskgame.session.saves import check_reached

    title, details = RESUME_TITLE, "Its details could not be read; Enter tries to carry it on."
    try:
        saved = read_results(path)
        reached = check_reached(saved, str(path))
        scenario = load_scenario_text(saved["scenario"]["text"], f"{path}:scenario.text")
        parts = [f"Round {reached['round']} of {scenario.rounds}",
                 f"stopped at {format_clock(scenario.round.start + float(reached['t']))}"]
        ended = [r for r in saved.get("rounds", [])
                 if isinstance(r, dict) and isinstance(r.get("kpis"), dict)]
        trust = ended[-1]["kpis"].get("trust") if ended else None
        if isinstance(trust, int | float) and not isinstance(trust, bool):
            parts.append(f"trust {trust:.0f} at round {len(ended)}'s end")
        wanted = f"Carry on: {scenario.title}"
        if text_width(wanted, theme.SIZE_HEADING, True) <= ROW_W - 2 * ROW_PAD:
            title = wanted
        else:  # a long title goes with the details, which wrap
            parts.insert(0, scenario.title)
        details = " · ".join(parts)
    except (ResultsError, ScenarioError, KeyError, TypeError, ValueError):
        pass  # the row still offers it; choosing it says what is wrong (``cannot_resume``)
    return TitleItem("resume", path, title, details, RESUME_ABOUT, "", file=path.name)


def break_at_hyphens(name: str, size: int, width: int) -> list[str]:
    """A file name in lines no wider than ``width``, broken after its hyphens (a name with no
    room to break is broken where it must): "first-day-at-harbour-" / "books-seed11-...json"."""
    lines: list[str] = []
    line = ""
    for piece in re.findall(r"[^-]*-|[^-]+$", name):
        if line and text_width(line + piece, size) > width:
            lines.append(line)
            line = ""
        line += piece
    lines.append(line)
    return [part for line in lines for part in wrap(line, size, width)]


class TitleScene(Scene):
    """Pick a scenario with Up/Down and Enter; new players are offered the tutorial first."""

    def __init__(self, app):  # type: ignore[no-untyped-def]
        super().__init__(app)
        unfinished = app.saves.unfinished() if app.saves.enabled else None
        self.items = title_items(app.userdata, unfinished)
        self.problem = ""  # why the offered save could not be carried on (shown until another choice)
        self.index = self._default_index()
        self.rows: list[pygame.Rect] = []
        self.lay_out()

    def _default_index(self) -> int:
        names = [item.name for item in self.items]
        for wanted in ("resume", "tutorial", DEFAULT_SCENARIO):
            if wanted in names:
                return names.index(wanted)
        return 0

    def lay_out(self) -> None:
        """Each row as tall as its words need (details wrap, never cut)."""
        self.rows = []
        y = ROWS_TOP
        for item in self.items:
            lines = wrap(self._details(item), theme.SIZE_BODY, ROW_W - 2 * ROW_PAD)
            height = ROW_PAD + 42 + 28 * len(lines) + ROW_PAD - 4
            self.rows.append(pygame.Rect(ROW_X, y, ROW_W, height))
            y += height + ROW_GAP

    @staticmethod
    def _best_beside_title(item: TitleItem) -> bool:
        """Whether the row's best score fits right of its title (large text: it may not)."""
        if not item.best:
            return False
        room = ROW_W - 2 * ROW_PAD - text_width(item.title, theme.SIZE_HEADING, True) - 16
        return text_width(item.best, theme.SIZE_BODY, True) <= room

    def _details(self, item: TitleItem) -> str:
        """The row's details, with its best score at their end when the title leaves no room."""
        if item.best and not self._best_beside_title(item):
            return f"{item.details} · {item.best}"
        return item.details

    def handle_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_DOWN:
                self.index = (self.index + 1) % len(self.items)
            elif event.key == pygame.K_UP:
                self.index = (self.index - 1) % len(self.items)
            elif event.key in CONTINUE_KEYS:
                self._choose(self.index)
            return True
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            for i, _ in enumerate(self.items):
                if self._row(i).collidepoint(event.pos):
                    if i == self.index:
                        self._choose(i)
                    self.index = i
                    return True
        return False

    def _choose(self, index: int) -> None:
        item = self.items[index]
        if item.name == "resume":
            self.go("resume", path=item.path)
        else:
            self.go("scenario", path=item.path)

    def cannot_resume(self, path: Path, error: Exception) -> None:
        """The offered save reads but cannot be carried on: say why and offer the scenarios."""
        reason = str(error).removeprefix(f"{path}: ")
        self.problem = f"Cannot carry on {path.name}: {reason}"
        self.items = [item for item in self.items if not (item.name == "resume" and item.path == path)]
        self.index = self._default_index()
        self.lay_out()

    def _row(self, i: int) -> pygame.Rect:
        return self.rows[i]

    def tooltips(self) -> list[tuple[pygame.Rect, str]]:
        """Each row says what choosing it does."""
        from deskgame.ui import help_texts as words

        tips = [(self._row(i), words.TIP_TITLE_RESUME.format(where=item.file) if item.name == "resume"
                 else words.TIP_TITLE_ROW.format(title=item.title, summary=item.summary))
                for i, item in enumerate(self.items)]
        best = self._best_rect()
        if best is None:
            return tips
        item = self.items[self.index]
        made = self.app.userdata.best(item.scenario.title, item.scenario.seed) if item.scenario else None
        when = f" Your best was made on {made.when}." if made is not None else ""
        return [*tips, (best, words.SEED_TIP + when)]

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(theme.BACKGROUND)
        blit(surface, "deskgame", (W // 2, 24), theme.SIZE_TITLE, theme.TEXT, bold=True, anchor="midtop")
        blit(surface, "A day at the service desk. Be a service, not a servant.", (W // 2, 84),
             theme.SIZE_HEADING, theme.TEXT_DIM, anchor="midtop")
        blit(surface, "Choose a scenario: Up/Down and Enter, or click · S settings · F1 help", (ROW_X, 140),
             theme.SIZE_BODY, theme.TEXT_DIM)
        for i, item in enumerate(self.items):
            rect = self._row(i)
            chosen = i == self.index
            pygame.draw.rect(surface, theme.CARD_SELECTED if chosen else theme.CARD, rect, border_radius=8)
            if chosen:
                pygame.draw.rect(surface, theme.YELLOW, rect, 3, border_radius=8)
            # Every title white: yellow is the chosen row's frame, and a yellow tutorial title
            # read as chosen when it was not.
            blit(surface, item.title, (rect.x + ROW_PAD, rect.y + ROW_PAD - 4), theme.SIZE_HEADING,
                 theme.TEXT, bold=True)
            if self._best_beside_title(item):
                blit(surface, item.best, (rect.right - ROW_PAD, rect.y + ROW_PAD), theme.SIZE_BODY,
                     theme.INK_GOOD, bold=True, anchor="topright")
            y = rect.y + ROW_PAD + 38
            for line in wrap(self._details(item), theme.SIZE_BODY, ROW_W - 2 * ROW_PAD):
                blit(surface, line, (rect.x + ROW_PAD, y), theme.SIZE_BODY, theme.TEXT_DIM)
                y += 28
        self._draw_about(surface)

    def _draw_about(self, surface: pygame.Surface) -> None:
        """The chosen row's story, whole, and its personal best (or the resume problem)."""
        panel = self._about_panel()
        _panel(surface, panel)
        x, y, width = panel.x + 22, panel.y + 16, panel.width - 44
        item = self.items[self.index] if self.items else None
        if self.problem:
            for line in wrap(self.problem, theme.SIZE_BODY, width):
                blit(surface, line, (x, y), theme.SIZE_BODY, theme.INK_WARN)
                y += 28
            y += 12
        if item is None:
            return
        best_lines = self._best_lines(item, width)
        words = [*wrap(item.summary, theme.SIZE_BODY, width)]
        room = (panel.bottom - 42 - 28 * max(1, len(best_lines)) - y) // 28
        if len(words) > room:  # a very long first paragraph: whole sentences that fit, never a cut one
            kept = _sentences_within(item.summary, theme.SIZE_BODY, width, room)
            words = wrap(kept, theme.SIZE_BODY, width)
        for line in words:
            blit(surface, line, (x, y), theme.SIZE_BODY, theme.TEXT)
            y += 28
        for i, line in enumerate(reversed(best_lines)):
            blit(surface, line, (x, panel.bottom - 44 - 28 * i), theme.SIZE_BODY, theme.TEXT_DIM)
        if item.file:  # which file, for whoever looks after the machine: last, quiet, whole
            y += 12
            for line in ["Saved as", *break_at_hyphens(item.file, theme.SIZE_BODY, width)]:
                blit(surface, line, (x, y), theme.SIZE_BODY, theme.TEXT_DIM)
                y += 28

    def _about_panel(self) -> pygame.Rect:
        return pygame.Rect(ABOUT_X, ROWS_TOP, W - ABOUT_X - 40, H - ROWS_TOP - 30)

    def _best_lines(self, item: TitleItem, width: int) -> list[str]:
        """The personal best on this scenario's seed (what a seed is: its tooltip)."""
        if item.scenario is None:
            return []
        seed = item.scenario.seed
        best = self.app.userdata.best(item.scenario.title, seed)
        # "seed" and its number stay on one line (a room read "(seed" / "2027)"): wrapped with a
        # joiner no narrower than a space, which the space then replaces.
        day = f"(seed{SEED_JOINER}{seed})"
        said = (f"Your best on this day {day}: {best.score:.1f}" if best
                else f"No best yet on this day {day}")  # one line, so the story keeps its room
        return [line.replace(SEED_JOINER, " ") for line in wrap(said, theme.SIZE_BODY, width)]

    def _best_rect(self) -> pygame.Rect | None:
        """Where the personal best's lines are (the seed's tooltip)."""
        if not self.items:
            return None
        panel = self._about_panel()
        lines = self._best_lines(self.items[self.index], panel.width - 44)
        if not lines:
            return None
        top = panel.bottom - 44 - 28 * (len(lines) - 1)
        return pygame.Rect(panel.x + 22, top, panel.width - 44, 28 * len(lines))


def _sentences_within(paragraph: str, size: int, width: int, lines: int) -> str:
    """As many whole sentences of ``paragraph`` as fit in ``lines`` lines (at least the first)."""
    sentences = re.split(r"(?<=[.!?])\s+", paragraph)
    kept = sentences[0]
    for sentence in sentences[1:]:
        trial = f"{kept} {sentence}"
        if len(wrap(trial, size, width)) > lines:
            break
        kept = trial
    return kept


class StepScene(Scene):
    """A screen on the way: Enter, Space or a click goes on; in demo mode it goes on by itself."""

    def proceed(self) -> None:  # pragma: no cover - every step scene says where it leads
        raise NotImplementedError

    def handle_event(self, event: pygame.event.Event) -> bool:
        if is_continue(event):
            self.proceed()
            return True
        return False

    def update(self, real_seconds: float) -> None:
        self.app.autoplay_wait(self.proceed)


class BriefingScene(StepScene):
    """The scenario's story, how the day is judged and who does what; Enter starts round 1.

    F1 opens this screen's page of the game's help, like on every screen.
    """

    def __init__(self, app):  # type: ignore[no-untyped-def]
        super().__init__(app)
        scenario = app.live.scenario
        self.story = pygame.Rect(40, 84, 590, 470)
        self.judged = pygame.Rect(self.story.right + 20, 84, W - self.story.right - 60, 470)
        paragraphs = [" ".join(p.split()) for p in scenario.briefing.split("\n\n") if p.strip()]
        self.story_lines = _flow(paragraphs, self.story.width - 40)  # (line, starts a paragraph)
        gaps = 8 * max(0, len(paragraphs) - 1)
        self.overflow = 56 + 28 * len(self.story_lines) + gaps > self.story.height - 8
        # When it does not fit, paragraphs lose their gaps and the last line says there is more.
        self.story_room = (self.story.height - 56 - 40) // 28 if self.overflow else len(self.story_lines)
        self.scroll = 0  # a long briefing scrolls (Up/Down, PgUp/PgDn, wheel): never cut

    def handle_event(self, event: pygame.event.Event) -> bool:
        steps = {pygame.K_DOWN: 1, pygame.K_UP: -1, pygame.K_PAGEDOWN: self.story_room,
                 pygame.K_PAGEUP: -self.story_room}
        if event.type == pygame.KEYDOWN and event.key in steps:
            self._scroll(steps[event.key])
            return True
        if event.type == pygame.MOUSEWHEEL:
            self._scroll(-event.y)
            return True
        return super().handle_event(event)

    def _scroll(self, lines: int) -> None:
        most = max(0, len(self.story_lines) - self.story_room)
        self.scroll = max(0, min(most, self.scroll + lines))

    def proceed(self) -> None:
        self.go("play")

    def draw(self, surface: pygame.Surface) -> None:
        scenario = self.app.live.scenario
        surface.fill(theme.BACKGROUND)
        blit(surface, scenario.title, (W // 2, 20), theme.SIZE_TITLE, theme.TEXT, bold=True, anchor="midtop")
        shown = self.story_lines[self.scroll:self.scroll + self.story_room]
        rules = _flow(briefing_rules(scenario), self.judged.width - 40)
        panels = ((self.story, "The day", shown, not self.overflow),
                  (self.judged, "How the day is judged", rules, True))
        for panel, heading, lines, gaps in panels:
            _panel(surface, panel)
            blit(surface, heading, (panel.x + 20, panel.y + 10), theme.SIZE_HEADING, theme.YELLOW, bold=True)
            y = panel.y + 56
            for i, (line, starts) in enumerate(lines):
                y += 8 if gaps and starts and i else 0
                blit(surface, line, (panel.x + 20, y), theme.SIZE_BODY, theme.TEXT)
                y += 28
        if self.overflow:
            last = min(len(self.story_lines), self.scroll + self.story_room)
            blit(surface, f"Lines {self.scroll + 1}-{last} of {len(self.story_lines)} · Up/Down: more",
                 (self.story.x + 20, self.story.bottom - 38), theme.SIZE_BODY, theme.TEXT_DIM)
        y = self.story.bottom + 12
        for line in wrap(ROLES, theme.SIZE_BODY, W - 80):
            blit(surface, line, (40, y), theme.SIZE_BODY, theme.TEXT_DIM)
            y += 28
        rounds = f"{scenario.rounds} round{'s' if scenario.rounds > 1 else ''} of " \
                 f"{format_duration(scenario.round.length)}"
        blit(surface, f"{rounds} · Enter: open the desk · F1: about this screen", (W // 2, H - 40),
             theme.SIZE_BODY, theme.YELLOW, anchor="midtop")


def _flow(paragraphs: list[str], width: int) -> list[tuple[str, bool]]:
    """Paragraphs wrapped to ``width``: each line, and whether it starts a paragraph."""
    lines: list[tuple[str, bool]] = []
    for paragraph in paragraphs:
        lines += [(line, i == 0) for i, line in enumerate(wrap(paragraph, theme.SIZE_BODY, width))]
    return lines


ROLES = ("Around the table: a driver at the keyboard; a triage lead who sets priorities and says who "
         "does what; a comms lead who answers ringing calls and sends updates; a trust keeper who "
         "watches the trust bar and its line; an observer who notes moments of truth for the debrief.")

def briefing_rules(scenario: Scenario) -> list[str]:
    """The goal, the line and the score, in the scenario's own numbers."""
    line = f"{scenario.scoring.outsourcing_below:g}"
    if scenario.rounds > 1:
        rule = (f"Trust below {line} at a round's end: on notice. Below it again at the next round's "
                "end: outsourced. Above it: the notice is lifted.")
    else:
        rule = f"Trust below {line} when the round ends puts the desk on notice."
    weights = dict(scenario.scoring.weights)
    names = {"trust": "trust", "sla": "SLA met", "morale": "team morale",
             "throughput": "work finished"}
    parts = ", ".join(f"{names[k]} {weights[k]:.0%}" for k in names if weights.get(k))
    guided = ["Guided round: a box explains each new thing and waits for you."] if scenario.tutorial else []
    return [
        "Goal: keep the business's trust: its departments' satisfaction, weighed by influence. "
        "Every touch moves it.",
        rule,
        f"Score per round, 0 to 100: {parts}; the session's is their mean."
        + (" SLA met: the share of tickets started within their priority's response target."
           if weights.get("sla") else ""),
        *guided,
    ]
