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
from deskgame.ui import text as text_module
from deskgame.ui import theme
from deskgame.ui.debrief_awareness import AwarenessScene
from deskgame.ui.debrief_common import LINE, heading, verdict_banner
from deskgame.ui.scenes.base import Scene
from deskgame.ui.scenes.menus import StepScene
from deskgame.ui.text import blit, wrap
from deskgame.ui.verdict import round_verdict
from deskgame.ui.widgets import bar

W, H = theme.LOGICAL_SIZE
# The commitment box's font (assets/theme.json): Noto Sans at 26 px has capitals of 19 px.
NOTO = str(Path(pygame_gui_data.__file__).parent / "NotoSans-Regular.ttf")
COMMITMENT_FONT = 26

__all__ = ["ActionScene", "AwarenessScene", "WillScene", "heading", "verdict_banner"]


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
