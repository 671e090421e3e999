"""Awareness's questions for the room: where they fit, paged whole, and how they are drawn.

Why apart from the Awareness scene: placing the questions (beside the chart under the
comparison, or full width above the footer; pages of whole questions, Q for the next) is
a layout problem of its own, with its own tests.  A mixin of ``AwarenessScene``: it reads
the scene's ``questions`` and ``question_page``.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from deskgame.ui import text as text_module
from deskgame.ui import theme
from deskgame.ui.debrief_common import LINE, W, flow_wrap
from deskgame.ui.debrief_comparison import PANEL
from deskgame.ui.text import blit

MOMENT_WIDTH = 660  # the chosen moment's words beside the comparison panel
QUESTIONS_HEADING = "To talk about"
QUESTIONS_GAP = 4  # between the comparison panel and the questions under it
QUESTIONS_LEFT_X = 40  # the questions' left edge when they run full width above the footer
MORE_KEY = pygame.K_q  # the next page of questions, when they do not all fit at once
# The footer's keys, longest first: the first that fits one line is said (a second line
# would take a line from the questions).  With more questions than fit, Q is named too.
FOOTER_KEYS = ("Left/Right: moments · J: their journey · T: all tickets and the team's voice · Enter: go on",)
FOOTER_KEYS_MORE = (
    "Left/Right: moments · J: journey · T: all tickets, team's voice · Q: more questions · Enter: go on",
    "Left/Right: moments · J: journey · T: tickets, team's voice · Q: more questions · Enter: go on",
    "Left/Right: moments · J: journey · T: tickets · Q: more questions · Enter: go on",
)


@dataclass(frozen=True)
class QuestionsLayout:
    """Where the room's questions are drawn: the heading at (x, top), then ``lines``.

    ``pages`` splits the questions (their indices) into what fits at once; ``lines`` are the
    current page's (``page``).  A question is never cut: a page holds whole questions."""

    x: int
    top: int
    width: int
    lines: list[str]
    pages: tuple[tuple[int, ...], ...] = ()
    page: int = 0
    indent: int = 0  # compact: the heading stands on the first line, which starts this far in

    @property
    def shown(self) -> tuple[int, ...]:
        """The indices of the questions on the current page."""
        return self.pages[self.page] if self.pages else ()

    @property
    def more(self) -> str:
        """Beside the heading when not every question fits at once: which are shown, and the key."""
        if len(self.pages) < 2:
            return ""
        total = sum(len(page) for page in self.pages)
        first, last = self.shown[0] + 1, self.shown[-1] + 1
        which = f"{first}" if first == last else f"{first}-{last}"
        return f"{which} of {total}" if self.indent else f"{which} of {total} · Q: more"

    @property
    def heading(self) -> str:
        """The heading as drawn: on a line of its own, or (compact) leading the first question."""
        if not self.indent:
            return QUESTIONS_HEADING
        return f"{QUESTIONS_HEADING} ({self.more}):" if self.more else f"{QUESTIONS_HEADING}:"

    @property
    def beside(self) -> bool:
        """Beside the chart, under the comparison (else full width, above the footer)."""
        return self.x == PANEL.x


class AwarenessQuestions:
    """The question-placing half of ``AwarenessScene``."""

    questions: list[str]
    question_page: int

    @staticmethod
    def footer_keys(more: bool) -> str:
        """The footer's keys on one line if any wording fits; Q is named when it does something."""
        choices = FOOTER_KEYS_MORE if more else FOOTER_KEYS
        fits = [words for words in choices if text_module.width(words, theme.SIZE_SMALL) <= W - 80]
        return fits[0] if fits else choices[-1]

    def questions_layout(self, panel_bottom: int, limit: int, compact: bool = False) -> QuestionsLayout:
        """Where the room's questions go, decided before the chosen moment is drawn.

        Beside the chart, under the comparison, when the heading and every question, one at
        a time at least, fit there whole; otherwise full width just above the footer (the
        moment's words then get what is left above them).  As many whole questions as fit
        make a page, and Q turns to the next: no question the round earned is left unseen
        (a room saw two of three, and after the last round one, with nothing to say so).
        ``compact``: full width with the heading on the first question's line, a line
        freed for the moment's words.  Never depending on which moment is chosen."""
        if not compact:
            beside = self._fit_questions(PANEL.x, panel_bottom + QUESTIONS_GAP, PANEL.width, limit)
            if beside.pages or not self.questions:
                return beside
        width = W - 80
        indent = self._compact_indent() if compact else 0
        head = 0 if compact else 1
        # Full width only past the comparison panel: beside it, the chart's column (in large
        # text the panel reaches the footer, and a question once ran under "Public posts").
        # Where the lines fall depends on how many there are: settled in a few steps.
        top = limit - LINE * (head + 1)
        for _ in range(4):
            tallest = max(len(self._question_lines(q, width, indent, top + LINE * head, panel_bottom))
                          for q in self.questions)
            settled = limit - LINE * (tallest + head)
            if settled == top:
                break
            top = settled
        return self._fit_questions(QUESTIONS_LEFT_X, top, width, limit, indent, panel_bottom)

    def _compact_indent(self) -> int:
        """How far in a compact page's first question starts: after the widest heading it can
        have ("To talk about (2-3 of 3):")."""
        total = len(self.questions)
        widest = (f"{QUESTIONS_HEADING} ({total}-{total} of {total}):" if total > 1
                  else f"{QUESTIONS_HEADING}:")
        return text_module.width(widest, theme.SIZE_BODY, True) + 12

    @staticmethod
    def _question_lines(question: str, width: int, indent: int = 0, y: int = 0,
                        panel_bottom: int | None = None) -> list[str]:
        """A question's lines from ``y`` down: ``width`` wide, less ``indent`` on the first, and
        no wider than the chart's column beside the comparison panel (above ``panel_bottom``)."""
        beside = [panel_bottom is not None and y + LINE * i < panel_bottom + 4 for i in range(12)]
        widths = tuple(min(width, MOMENT_WIDTH) if by_panel else width for by_panel in beside)
        widths = (widths[0] - indent, *widths[1:])
        return list(flow_wrap("• " + question, theme.SIZE_BODY, widths))

    def _fit_questions(self, x: int, top: int, width: int, limit: int, indent: int = 0,
                       panel_bottom: int | None = None) -> QuestionsLayout:
        """Pages of whole questions between ``top`` (the heading) and ``limit``; no pages when
        one question alone does not fit.  With ``indent`` (compact) the heading shares the
        first line, whose question starts that far in; with ``panel_bottom`` (full width) lines
        beside the comparison panel keep to the chart's column."""
        head = 0 if indent else 1
        room = (limit - top) // LINE - head  # lines under the heading
        pages: list[tuple[int, ...]] = []
        page: list[int] = []
        wrapped: dict[int, list[str]] = {}
        used = 0

        def lines_at(index: int, offset: int, first: bool) -> list[str]:
            return self._question_lines(self.questions[index], width, indent if first else 0,
                                        top + LINE * (head + offset), panel_bottom)

        for index in range(len(self.questions)):
            lines = lines_at(index, used, not page)
            if page and used + len(lines) > room:
                pages.append(tuple(page))
                page, used = [], 0
                lines = lines_at(index, 0, True)
            if len(lines) > room:
                return QuestionsLayout(x, top, width, [], indent=indent)
            page.append(index)
            wrapped[index] = lines
            used += len(lines)
        if page:
            pages.append(tuple(page))
        current = self.question_page % len(pages) if pages else 0
        shown = pages[current] if pages else ()
        lines = [line for index in shown for line in wrapped[index]]
        return QuestionsLayout(x, top, width, lines, tuple(pages), current, indent)

    def _draw_questions(self, surface: pygame.Surface, talk: QuestionsLayout) -> None:
        """The heading, which questions are shown and the key to the rest, and the questions."""
        if not talk.lines:
            return
        if talk.indent:  # compact: the heading leads the first question's line
            rect = blit(surface, talk.heading, (talk.x, talk.top), theme.SIZE_BODY, theme.YELLOW, bold=True)
            for i, line in enumerate(talk.lines):  # the first line after the heading (its room was kept)
                blit(surface, line, (rect.right + 12 if i == 0 else talk.x, talk.top + LINE * i),
                     theme.SIZE_BODY, theme.TEXT)
            return
        rect = blit(surface, QUESTIONS_HEADING, (talk.x, talk.top), theme.SIZE_BODY, theme.YELLOW, bold=True)
        if talk.more:
            blit(surface, talk.more, (rect.right + 14, talk.top), theme.SIZE_BODY, theme.TEXT)
        for i, line in enumerate(talk.lines, start=1):
            blit(surface, line, (talk.x, talk.top + LINE * i), theme.SIZE_BODY, theme.TEXT)
