"""The change cycle between rounds: Awareness (what happened), Will (what to change), Action.

Choices here are engine decisions (``improve`` with the cards and the commitment), so
replays reproduce them.  In demo mode the bot's own choice is shown and accepted.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pygame

from deskgame.engine.cards import CARDS
from deskgame.scenario.catalog import data_dir
from deskgame.ui import text as text_module
from deskgame.ui import theme
from deskgame.ui.debrief_action import (
    answers_sentence,
    board_change,
    card_words,
    ramp_words,
    round_evidence,
    shown_strengths,
    strength_rule,
    strength_words,
    suggested_cards,
)
from deskgame.ui.debrief_awareness import AwarenessScene
from deskgame.ui.debrief_common import (
    LINE,
    STEPS,
    banner_height,
    footer,
    footer_top,
    heading,
    panel,
    paragraph,
    verdict_banner,
)
from deskgame.ui.scenes.base import Scene
from deskgame.ui.scenes.menus import StepScene
from deskgame.ui.text import blit, wrap
from deskgame.ui.verdict import round_verdict
from deskgame.ui.widgets import bar, sign

W, H = theme.LOGICAL_SIZE
# The commitment box writes in the game's own font (ui/text.py: pygame's free sans, which
# ``Font(None, 35)`` draws at 0.6875 of 35 px): the same letters as every other text.
GAME_FONT = str(Path(pygame.__file__).parent / pygame.font.get_default_font())
COMMITMENT_FONT = int(theme.SIZE_BODY * 1.3 * 0.6875)


def commitment_theme() -> dict[str, Any]:
    """assets/theme.json with the text box's font set to the game's font."""
    loaded = json.loads((data_dir("assets") / "theme.json").read_text(encoding="utf-8"))
    entry = loaded.setdefault("text_entry_line", {})
    entry["font"] = {"name": "deskgame_sans", "size": str(COMMITMENT_FONT), "regular_path": GAME_FONT,
                     "bold_path": GAME_FONT, "italic_path": GAME_FONT, "bold_italic_path": GAME_FONT}
    return loaded


__all__ = ["ActionScene", "AwarenessScene", "WillScene", "heading", "verdict_banner"]


NO_CARDS_CONFIRM = "No card picked: Enter again plays round {round} with no changes."


def points_label(cost: int) -> str:
    return f"{cost} point{'s' if cost != 1 else ''}"


class WillScene(Scene):
    """Choose improvement cards within the budget and type a one-line commitment.

    Each card says which of last round's problems it answers, read from the same evidence
    the triage bot chooses by (``debrief_action.round_evidence``: the bot's reading, with the
    average first answer counted as the results file counts it); the cards that bot would
    buy are marked "suggested".  A card the points left cannot pay for is dimmed with the
    reason, and picking it says why.  The commitment box is a pygame_gui text entry
    (cursor, selection, paste, a length limit) in the game's own font.
    """

    ROW_H = 37  # one card per row: the list reads from the back of the room
    LIST = pygame.Rect(40, 96, 600, 12 * 37)
    DETAIL = pygame.Rect(660, 96, W - 700, 12 * 37)
    COMMITMENT_RECT = pygame.Rect(40, 96 + 12 * 37 + 46, W - 80, 50)

    def __init__(self, app):  # type: ignore[no-untyped-def]
        super().__init__(app)
        import pygame_gui

        live = app.live
        world = live.world
        self.offer = live.scenario.improvements.offer
        self.budget = live.scenario.improvements.budget
        self.evidence = round_evidence(world)
        self.suggested = suggested_cards(self.evidence, self.offer, world.adopted)
        self.cursor = 0
        self.chosen: list[str] = []
        self.message = ""  # why the last pick did nothing, until the next pick
        self.confirming = False  # Enter was pressed with no card picked: a second Enter plays on
        # Click targets are laid out once, here, not while drawing.
        self.rects: list[tuple[pygame.Rect, str]] = [
            (pygame.Rect(self.LIST.x, self.LIST.y + i * self.ROW_H, self.LIST.width, self.ROW_H - 3), card_id)
            for i, card_id in enumerate(CARDS)
        ]
        self.gui = pygame_gui.UIManager(theme.LOGICAL_SIZE, commitment_theme())
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

    def why_not(self, card_id: str) -> str:
        """Why ``card_id`` cannot be picked now, or "" when it can."""
        card = CARDS[card_id]
        if card_id not in self.offer:
            return "not offered in this scenario"
        if card_id in self.app.live.world.adopted:
            return "already in force"
        left = self.budget - self.spent
        if card_id not in self.chosen and card.cost > left:
            points = "point" if left == 1 else "points"
            return f"costs {card.cost} points, {left} {points} left; drop a card to make room"
        return ""

    def tooltips(self) -> list[tuple[pygame.Rect, str]]:
        """Each card: its cost and effect, and why it cannot be picked when it cannot."""
        from deskgame.ui import help_texts as words

        tips = []
        for rect, card_id in self.rects:
            card = CARDS[card_id]
            said = words.TIP_CARD.format(title=card.title, cost=points_label(card.cost),
                                         changes=card_words(card_id))
            why = self.why_not(card_id)
            if why:
                said += words.TIP_CARD_BLOCKED.format(why=why)
            elif card_id in self.chosen:
                said += words.TIP_CARD_CHOSEN
            tips.append((rect, said))
        return tips

    def _toggle(self, card_id: str) -> None:
        reason = self.why_not(card_id)
        if reason:
            self.message = f"{CARDS[card_id].title}: {reason}."
            return
        self.message = ""
        if card_id in self.chosen:
            self.chosen.remove(card_id)
        else:
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
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                self._enter()
                return True
            self.confirming = False
            if event.key in (pygame.K_RIGHT, pygame.K_DOWN):
                self.cursor = (self.cursor + 1) % len(cards)
            elif event.key in (pygame.K_LEFT, pygame.K_UP):
                self.cursor = (self.cursor - 1) % len(cards)
            elif event.key == pygame.K_SPACE:
                self._toggle(cards[self.cursor])
            elif event.key == pygame.K_TAB:
                self.entry.focus()
            return True
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            self.confirming = False
            for rect, card_id in self.rects:
                if rect.collidepoint(event.pos):
                    self.entry.unfocus()
                    self.cursor = cards.index(card_id)
                    self._toggle(card_id)
                    return True
        return self.gui.process_events(event)

    def _enter(self) -> None:
        """Enter goes on; with no card picked only the second time in a row, so a habit's
        Enter does not throw away the room's one chance to choose (a room pressed it and
        read "No improvements in force")."""
        if self.chosen or self.confirming:
            self._commit()
            return
        self.confirming = True
        self.message = ""

    def _commit(self) -> None:
        self.go("action", cards=list(self.chosen), commitment=self.commitment.strip())

    def update(self, real_seconds: float) -> None:
        self.gui.update(real_seconds)
        self.app.autoplay_wait(self._commit)

    def draw(self, surface: pygame.Surface) -> None:
        heading(surface, "What will you change?", STEPS)
        left = self.budget - self.spent
        blit(surface, f"{left} of {self.budget} points left", (W - 40, 46), theme.SIZE_HEADING, theme.YELLOW,
             bold=True, anchor="topright")
        for index, (rect, card_id) in enumerate(self.rects):
            self._draw_row(surface, rect, card_id, index == self.cursor and not self.typing)
        self._draw_detail(surface, CARDS[list(CARDS)[self.cursor]].id)
        y = self.COMMITMENT_RECT.y - 36
        if self.confirming:
            blit(surface, NO_CARDS_CONFIRM.format(round=self.app.live.world.round + 1), (40, y),
                 theme.SIZE_BODY, theme.YELLOW, bold=True)
        elif self.message:
            blit(surface, self.message, (40, y), theme.SIZE_BODY, theme.INK_WARN, bold=True)
        else:
            sign(surface, (52, y + 14), 24, "star", theme.YELLOW, theme.BACKGROUND)
            blit(surface, "suggested: it answers a problem last round showed (the reason is beside it)",
                 (72, y), theme.SIZE_BODY, theme.TEXT_DIM)
        self.gui.draw_ui(surface)
        text_module.record_widget(
            surface, self.entry.get_text() or "commitment", self.COMMITMENT_RECT, GAME_FONT, COMMITMENT_FONT
        )
        footer(surface, "Up/Down moves · Space or click picks · Tab: commitment · Enter confirms")

    def _draw_row(self, surface: pygame.Surface, rect: pygame.Rect, card_id: str, focused: bool) -> None:
        """A card: a tick box, its title, "suggested" as a star or "in force" in words, its cost."""
        card = CARDS[card_id]
        chosen = card_id in self.chosen
        usable = chosen or not self.why_not(card_id)
        fill = theme.CARD_SELECTED if chosen else theme.CARD if usable else theme.PANEL
        pygame.draw.rect(surface, fill, rect, border_radius=6)
        if focused:
            pygame.draw.rect(surface, theme.YELLOW, rect, 3, border_radius=6)
        box = pygame.Rect(rect.x + 10, rect.centery - 10, 20, 20)
        in_force = card_id in self.app.live.world.adopted
        if in_force:  # said in words by its cost below; the disc's tick is not the star's shape
            sign(surface, box.center, 22, "done", theme.TEXT_DIM, fill)
        elif usable:
            pygame.draw.rect(surface, theme.TEXT, box, 2, border_radius=3)
            if chosen:
                pygame.draw.rect(surface, theme.YELLOW, box.inflate(-8, -8), border_radius=2)
        colour = theme.TEXT if usable else theme.TEXT_DIM
        blit(surface, card.title, (rect.x + 40, rect.y + 4), theme.SIZE_BODY, colour, bold=chosen)
        points = points_label(card.cost)
        cost = blit(surface, points, (rect.right - 12, rect.y + 4), theme.SIZE_BODY,
                    theme.YELLOW if chosen else colour, anchor="topright")
        # Told apart by shape and words, not grey against yellow: "in force" is written, a
        # suggestion is a star (both were the same circled tick).
        if in_force:
            blit(surface, "in force", (cost.x - 14, rect.y + 4), theme.SIZE_BODY, theme.TEXT_DIM,
                 anchor="topright")
        elif card_id in self.suggested:
            sign(surface, (cost.x - 22, rect.centery), 24, "star", theme.YELLOW, fill)

    def _draw_detail(self, surface: pygame.Surface, card_id: str) -> None:
        card = CARDS[card_id]
        box = self.DETAIL
        panel(surface, box)
        x, width = box.x + 20, box.width - 40
        y = box.y + 12
        for line in wrap(card.title, theme.SIZE_HEADING, width, bold=True):
            blit(surface, line, (x, y), theme.SIZE_HEADING, theme.TEXT, bold=True)
            y += 38
        reason = self.why_not(card_id) if card_id not in self.chosen else ""
        cost = points_label(card.cost)
        status = reason[0].upper() + reason[1:] if reason.startswith("costs") else \
            f"{cost} · {reason or ('chosen' if card_id in self.chosen else card.takes)}"
        y = paragraph(surface, status, (x, y), width, theme.INK_WARN if reason else theme.YELLOW)
        y = paragraph(surface, card_words(card_id), (x, y + 6), width)
        problem = self.evidence[card_id].problem
        limit = box.bottom - 8
        # "Suggested" is a label on its own line; the reason is one whole sentence under it (a
        # heading "Suggested: it answers" broke that sentence in two).
        if card_id in self.suggested:
            y = paragraph(surface, "Suggested", (x, y + 10), width, theme.YELLOW, bold=True, limit=limit)
            paragraph(surface, answers_sentence(problem), (x, y), width, limit=limit)
        elif problem:
            paragraph(surface, answers_sentence(problem), (x, y + 10), width, theme.TEXT_DIM, limit=limit)
        else:
            paragraph(surface, "Last round showed no problem this card answers.", (x, y + 10), width,
                      theme.TEXT_DIM, limit=limit)


class ActionScene(StepScene):
    """What will look different on the board next round: each card in force, its strength,
    what it changes and from when, and the team's commitment.

    Every card in force is shown (a room read "and 1 more in force" and never saw its fifth
    card): when they do not fit, the screen first says less (the fading reason, which the
    footer's rule already gives; then the reasons Will already showed), and only then pages,
    Enter showing the next page before it opens the desk.
    """

    def __init__(self, app):  # type: ignore[no-untyped-def]
        super().__init__(app)
        self.page = 0
        self.pages = 1
        self.terse = 0
        # Nothing changes while this screen is up: each wording is worked out once.
        self._blocks: dict[tuple[int, int], list[list[tuple[str, tuple[int, int, int]]]]] = {}

    def proceed(self) -> None:
        if self.page + 1 < self.pages:
            self.page += 1
            return
        self.go("next_round")

    def blocks(self, width: int, terse: int) -> list[list[tuple[str, tuple[int, int, int]]]]:
        """Each card's lines under its title: what it changes, and (unless ``terse``) why.

        ``terse`` 1 drops why a card fades (the footer says the rule), 2 also drops the
        problem a new card answers (Will said it when it was picked)."""
        if (width, terse) not in self._blocks:
            self._blocks[(width, terse)] = self._work_out(width, terse)
        return self._blocks[(width, terse)]

    def _work_out(self, width: int, terse: int) -> list[list[tuple[str, tuple[int, int, int]]]]:
        live = self.app.live
        world = live.world
        next_round = world.round + 1
        evidence = round_evidence(world)  # the round just played, as Will read it
        before = shown_strengths(world)  # this round's, as the last Action screen said them
        found = []
        for card_id, strength in live.upcoming_strengths().items():
            first = world.adopted[card_id]
            words = board_change(card_id, strength, world, adopted_now=first == next_round)
            ramp = ramp_words(card_id, first, next_round, live.scenario.rounds) or strength_words(
                card_id, strength, before.get(card_id) if first < next_round else None, world)
            if ramp and terse:
                ramp = ramp.split(":")[0]
            lines = [(line, theme.TEXT) for line in wrap(words + (f" ({ramp})" if ramp else ""),
                                                           theme.SIZE_BODY, width)]
            problem = evidence[card_id].problem if first == next_round else ""
            if problem and terse < 2:
                lines += [(line, theme.TEXT_DIM) for line in wrap(answers_sentence(problem), theme.SIZE_BODY,
                                                                   width)]
            found.append(lines)
        return found

    def layout(self, room: int) -> list[list[int]]:
        """The cards on each page (indices), saying as much as fits ``room`` pixels: the fewest
        pages, and of those the fullest words."""
        best: tuple[int, int, list[list[int]]] | None = None
        for terse in (0, 1, 2):
            heights = [LINE * (1 + len(lines)) + 8 for lines in self.blocks(W - 120, terse)]
            pages: list[list[int]] = [[]]
            used = 0
            for index, height in enumerate(heights):
                if pages[-1] and used + height > room:
                    pages.append([])
                    used = 0
                pages[-1].append(index)
                used += height
            if best is None or len(pages) < best[0]:
                best = (len(pages), terse, pages)
        assert best is not None
        self.terse = best[1]
        return best[2]

    def draw(self, surface: pygame.Surface) -> None:
        live = self.app.live
        world = live.world
        next_round = world.round + 1
        strengths = live.upcoming_strengths()
        verdict = round_verdict(live)
        # Measured before drawing: how many pages decides what Enter says at the top.
        commitment = world.commitments.get(next_round, "")
        said = f"Our commitment: \u201c{commitment}\u201d" if commitment else \
            "No commitment written: say one out loud before you open the desk."
        rule = f"{strength_rule(world.mean_morale())} Enter opens the desk."
        top = 96 + banner_height(verdict) + LINE * len(wrap(said, theme.SIZE_BODY, W - 80,
                                                             bold=bool(commitment))) + 8
        limit = footer_top(rule) - 8
        pages = self.layout(limit - top - LINE) if strengths else [[]]  # a line for "page 1 of 2"
        if len(pages) == 1 and strengths:
            pages = self.layout(limit - top)
        self.pages = len(pages)
        self.page = min(self.page, self.pages - 1)
        onward = "Enter: open the desk" if self.page + 1 >= self.pages else \
            f"Enter: more changes ({self.page + 2} of {self.pages})"
        heading(surface, f"Round {next_round}: what will be different", STEPS, onward)
        y = 96 + verdict_banner(surface, verdict, top=96)
        y = paragraph(surface, said, (40, y), W - 80, theme.YELLOW if commitment else theme.TEXT_DIM,
                      bold=bool(commitment)) + 8
        footer(surface, rule)
        if not strengths:
            paragraph(surface, "No improvements in force: the desk works as it did.", (40, y), W - 80,
                      theme.TEXT_DIM)
            return
        blocks = self.blocks(W - 120, self.terse)
        ids = list(strengths)
        for index in pages[self.page]:
            card_id, strength = ids[index], strengths[ids[index]]
            card = CARDS[card_id]
            first = world.adopted[card_id]
            new = "new" if first == next_round else f"since round {first}"
            blit(surface, f"{card.title} ({new})", (40, y), theme.SIZE_BODY, theme.TEXT, bold=True)
            colour = theme.GREEN if strength >= 0.6 else theme.WARN
            bar(surface, pygame.Rect(W - 480, y + 8, 220, 14), strength, colour)
            blit(surface, f"{strength:.0%} strength", (W - 40, y), theme.SIZE_BODY, theme.TEXT,
                 anchor="topright")
            y += LINE
            for line, ink in blocks[index]:
                blit(surface, line, (80, y), theme.SIZE_BODY, ink)
                y += LINE
            y += 8
        if self.pages > 1:
            shown = pages[self.page]
            first, last = shown[0] + 1, shown[-1] + 1
            which = f"Change {first}" if first == last else f"Changes {first}\u2013{last}"
            blit(surface, f"{which} of {len(ids)} in force (page {self.page + 1} of {self.pages})", (40, y),
                 theme.SIZE_BODY, theme.TEXT_DIM)
