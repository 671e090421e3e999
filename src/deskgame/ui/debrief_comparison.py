"""Awareness's comparison panel: this round beside the last, a row per figure.

Each row shows last round's figure, an arrow and this round's; after a change that counts
a tick (better) or a cross (worse), as on the chart, so good and bad news never rest on
colour alone.  The columns follow the widths of what they hold (a fixed column let
"Operations" run into its "62" in large text).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pygame

from deskgame.report.compare import Change
from deskgame.report.journey import round_events
from deskgame.ui import text as text_module
from deskgame.ui import theme
from deskgame.ui.debrief_common import JUDGED_SIZE, LINE, W, arrow, judged, mark_key, panel
from deskgame.ui.text import blit

PANEL = pygame.Rect(712, 150, W - 752, 0)  # the comparison; its height follows its rows
ARROW_GAP = 30   # between last round's figure and this round's: the arrow
COLUMN_GAP = 8  # between a label and its figures, and between the two columns
JUDGED_W = JUDGED_SIZE + 4  # after a figure: its tick or cross


@dataclass(frozen=True)
class ComparisonColumns:
    """Where the comparison's figures end: satisfaction (and SLA P1/P3), waits (and P2/P4)."""

    x: int
    sat_right: int
    wait_right: int
    sla_side_by_side: bool  # else one priority a row (large text)


def _shown(change: Change, bare_minutes: bool) -> tuple[str, str]:
    """Last round's figure and this round's as drawn ("45", not "45 min", under "wait (min)")."""
    if bare_minutes:
        return change.shown_last.removesuffix(" min"), change.shown_this.removesuffix(" min")
    return change.shown_last, change.shown_this


def apart_words(change: Change) -> str | None:
    """A figure one of the two rounds had none of, said plainly: "none this round", "67% (none
    before)".  Side by side, "P1 100% none" read as a figure and a verdict."""
    if change.mark != "apart":
        return None
    return NONE_THIS_ROUND if change.this is None else f"{change.shown_this} (none before)"


NONE_THIS_ROUND = "none this round"


def _pair_width(change: Change | None, bare_minutes: bool) -> int:
    if change is None:
        return 0
    said = apart_words(change)
    if said is not None:
        return text_module.width(said, theme.SIZE_SMALL)
    last, this = _shown(change, bare_minutes)
    return (text_module.width(last, theme.SIZE_SMALL) + ARROW_GAP
            + text_module.width(this, theme.SIZE_SMALL, True))


def round_event_kinds(live, round_no: int) -> list[str]:  # type: ignore[no-untyped-def]
    """The kinds of event a round was dealt: the scenario's own for that round and any a
    facilitator injected during it (read from the live event log)."""
    kinds = [event.kind for event in live.scenario.events if event.at.round == round_no]
    return kinds + round_injected_kinds(live, round_no)


def round_injected_kinds(live, round_no: int) -> list[str]:  # type: ignore[no-untyped-def]
    """The kinds of event a facilitator injected during a round (F9), from the live event log."""
    return [e.data["event_kind"] for e in round_events(live.world, round_no) if e.kind == "event_injected"]


class ComparisonPanel:
    """The panel for one round's record beside the last one's (``last`` None: round 1)."""

    def __init__(self, record: dict[str, Any], last: dict[str, Any] | None, changes: list[Change]) -> None:
        self.record, self.last, self.changes = record, last, changes

    def columns(self) -> ComparisonColumns:
        """The comparison's columns from the widths of what they hold (a fixed column let
        "Operations" run into its "62" in large text), and whether the SLA rows go two a row."""
        changes, small = self.changes, theme.SIZE_SMALL
        names = self.names()
        x = PANEL.x + 16

        def pair(group: str, minutes: bool = False) -> int:
            found = [c for c in changes if c.group == group] or [None]
            return max(_pair_width(c, minutes) for c in found)

        labels = max([text_module.width("Trust", small, True)]
                     + [text_module.width(name, small) for name in names])
        sla_label = max(text_module.width(p, small, True) for p in ("P1", "P2", "P3", "P4"))
        sla = max(pair("sla"), text_module.width("none", small))
        sat_right = x + max(labels + COLUMN_GAP + max(pair("trust"), pair("satisfaction")),
                            sla_label + COLUMN_GAP + sla,
                            text_module.width("Satisfaction", small))
        wait_right = PANEL.right - 16 - JUDGED_W
        sla_side_by_side = sat_right + JUDGED_W + COLUMN_GAP + sla_label + COLUMN_GAP + sla <= wait_right
        return ComparisonColumns(x, sat_right, wait_right, sla_side_by_side)

    def names(self) -> list[str]:
        names = [c.label for c in self.changes if c.group == "satisfaction"]
        return names or list(self.record["series"]["satisfaction"])

    def height(self) -> int:
        """The panel's height, as ``draw`` will make it."""
        sla_rows = 2 if self.columns().sla_side_by_side else 4
        return 20 + LINE * (6 + sla_rows + len(self.names()))

    def draw(self, surface: pygame.Surface, top: int) -> int:
        """This round beside the last: a row per figure, arrows between and, after a change
        that counts, a tick (better) or a cross (worse) as on the chart: the arrow's colour
        alone said good or bad news, and a satisfaction up and a wait up had one shape.
        Returns its bottom."""
        changes = {(c.group, c.label): c for c in self.changes}
        names = self.names()
        cols = self.columns()
        x, sat_right, wait_right = cols.x, cols.sat_right, cols.wait_right
        box = pygame.Rect(PANEL.x, top, PANEL.width, 0)
        sla_rows = 2 if cols.sla_side_by_side else 4
        rows = 6 + sla_rows + len(names)  # title, header, trust, names, 'SLA met', SLA, hidden, posts
        box.height = 20 + LINE * rows
        panel(surface, box)
        y = box.y + 10
        number = self.record["round"]
        title = f"Round {number} beside round {number - 1}" if self.last else f"Round {number} in figures"
        blit(surface, title, (x, y), theme.SIZE_SMALL, theme.TEXT, bold=True)
        if self.last is not None and any(c.mark == "steady" for c in self.changes):
            mark_key(surface, (box.right - 16, y), anchor="topright")
        y += LINE
        blit(surface, "Satisfaction", (sat_right, y), theme.SIZE_SMALL, theme.TEXT_DIM, anchor="topright")
        blit(surface, "wait (min)", (wait_right, y), theme.SIZE_SMALL, theme.TEXT_DIM, anchor="topright")
        y += LINE
        self._pair(surface, "Trust", changes.get(("trust", "Business trust")), sat_right, y, x, bold=True)
        y += LINE
        for name in names:
            self._pair(surface, name, changes.get(("satisfaction", name)), sat_right, y, x)
            wait = changes.get(("wait", name))
            if wait is not None:
                self._pair(surface, "", wait, wait_right, y, x, minutes=True)
            y += LINE
        blit(surface, "SLA met (answered within target)", (x, y), theme.SIZE_SMALL, theme.TEXT_DIM)
        y += LINE
        rows_of = ((("P1", "P2"), ("P3", "P4")) if cols.sla_side_by_side
                   else (("P1",), ("P2",), ("P3",), ("P4",)))
        for row in rows_of:
            for priority, right in zip(row, (sat_right, wait_right), strict=False):
                change = changes.get(("sla", f"{priority} SLA met"))
                label_x = x if right == sat_right else sat_right + JUDGED_W + COLUMN_GAP
                blit(surface, priority, (label_x, y), theme.SIZE_SMALL, theme.TEXT, bold=True)
                if change is None:
                    blit(surface, "none", (right, y), theme.SIZE_SMALL, theme.TEXT_DIM, anchor="topright")
                else:
                    self._pair(surface, "", change, right, y, x)
            y += LINE
        for group, label in (("hidden", "Hidden work"), ("posts", "Public posts")):
            self._pair(surface, label, changes.get((group, label)), wait_right, y, x,
                       minutes=group == "hidden")
            y += LINE
        return box.bottom

    def _pair(self, surface: pygame.Surface, label: str, change: Change | None, right: int, y: int,
              x: int, bold: bool = False, minutes: bool = False) -> None:
        """``label`` at the left; last round's figure, an arrow and this round's, ending at
        ``right``; then, for a change that counts, its tick or cross (``JUDGED_W`` wide)."""
        if label:
            blit(surface, label, (x, y), theme.SIZE_SMALL, theme.TEXT, bold=bold)
        if change is None:
            return
        said = apart_words(change)
        if said is not None:
            blit(surface, said, (right, y), theme.SIZE_SMALL, theme.TEXT_DIM, anchor="topright")
            return
        last, this = _shown(change, minutes and label == "")
        rect = blit(surface, this, (right, y), theme.SIZE_SMALL, theme.TEXT, bold=True, anchor="topright")
        if self.last is None:
            return
        arrow(surface, (rect.x - ARROW_GAP // 2 - 1, rect.centery), change.mark, change.better)
        blit(surface, last, (rect.x - ARROW_GAP, y), theme.SIZE_SMALL, theme.TEXT_DIM, anchor="topright")
        if change.better is not None and change.mark in ("up", "down"):
            judged(surface, (right + JUDGED_W - JUDGED_SIZE // 2, rect.centery), change.better)
