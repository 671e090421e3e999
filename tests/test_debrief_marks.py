"""What stands between two figures on the debrief screens: "=" only between equal ones.

A newcomer read "Trust 66 = 67" and "P2 100% = 96%" as wrong maths on a projector.  A change
too small to count is "steady" (an arrow onward and the word), never "=".
"""

from __future__ import annotations

import pygame

from deskgame.report.compare import MARK_WORDS, compare_rounds, points_change
from deskgame.ui import text, theme
from deskgame.ui.debrief_common import arrow
from deskgame.ui.scenes.ending import SummaryScene

from .test_compare import TARGETS, by_label, record, ticket


def test_a_change_too_small_to_count_is_steady_never_equal():
    last = record([ticket("Sales", 0, 10, "P2")] * 25, trust=66.4, sales=65, finance=60)
    this = record([ticket("Sales", 0, 10, "P2")] * 24 + [ticket("Sales", 0, 50, "P2")], trust=67.3,
                  sales=64, finance=60)
    changes = compare_rounds(last, this, TARGETS)
    trust = by_label(changes, "trust", "Business trust")
    assert (trust.shown_last, trust.shown_this, trust.direction) == ("66", "67", "same")
    assert trust.mark == "steady" and trust.pair_words == "66 to 67, steady"
    p2 = by_label(changes, "sla", "P2 SLA met")
    assert (p2.shown_last, p2.shown_this) == ("100%", "96%") and p2.mark == "steady"
    assert by_label(changes, "satisfaction", "Sales").mark == "steady"  # 65 to 64
    finance = by_label(changes, "satisfaction", "Finance")
    assert finance.mark == "equal" and finance.pair_words == "60 to 60, the same"
    for change in changes:  # the rule itself: "=" only where the two figures read the same
        if change.mark == "equal":
            assert change.shown_last == change.shown_this


def test_a_round_with_nothing_to_compare_is_apart_and_real_moves_keep_their_arrow():
    last = record([ticket("Sales", 0, 10, "P1")], trust=40)
    this = record([ticket("Sales", 0, 10, "P2")], trust=50)
    changes = compare_rounds(last, this, TARGETS)
    assert by_label(changes, "sla", "P1 SLA met").mark == "apart"  # none this round
    assert by_label(changes, "trust", "Business trust").mark == "up"
    assert points_change("trust", "Trust", "trust", 66, 63).mark == "down"


def _mark_pixels(mark: str) -> set[tuple[int, int]]:
    surface = pygame.Surface((40, 40))
    surface.fill((0, 0, 0))
    arrow(surface, (20, 20), mark, None)
    return {(x, y) for x in range(40) for y in range(40) if surface.get_at((x, y))[:3] != (0, 0, 0)}


def test_steady_is_drawn_as_an_arrow_head_not_two_bars():
    steady, equal = _mark_pixels("steady"), _mark_pixels("equal")
    assert steady and equal and steady != equal
    # an arrow's head: ink well above and below the shaft at its tip's base, and ink far right
    assert (22, 15) in steady and (22, 25) in steady and (28, 20) in steady
    # "=" is two bars with a gap between them; the steady arrow's shaft is one line
    assert (20, 16) in equal and (20, 23) in equal and (20, 20) not in equal
    assert (20, 20) in steady
    assert not _mark_pixels("apart")  # nothing to compare: no mark at all


def test_the_summary_says_steady_beside_a_small_change_of_trust():
    pygame.init()
    scene = SummaryScene.__new__(SummaryScene)
    surface = pygame.Surface(theme.LOGICAL_SIZE)

    def row(last: float, this: float) -> list[str]:
        rec = {"kpis": {"trust": this, "resolved": 3}, "tickets": []}
        before = {"kpis": {"trust": last, "resolved": 3}, "tickets": []}
        seen: list[text.Drawn] = []
        with text.recording(seen.append, lambda *_: None):
            scene._row(surface, ("2", f"{this:.0f}", "99%", "86", "no"), rec, before, 200, 480.0)
        return [d.text for d in seen]

    assert MARK_WORDS["steady"] in row(66.2, 67.1)   # 66 then 67: steady, in words
    assert MARK_WORDS["steady"] not in row(62.0, 66.0)  # a real rise: the arrow says it


def test_busy_markers_keep_time_order_left_to_right():
    """A busy half hour: markers stack, and none is drawn left of an earlier one ("10" left of
    "5" read as time running backwards)."""
    from deskgame.ui.debrief_chart import place_markers

    anchors = [(300 + 4 * i, 200 + (i % 3) * 6) for i in range(12)]
    rects = place_markers(anchors, [(54, 28)] * 12, pygame.Rect(100, 140, 420, 130))
    for i, a in enumerate(rects):
        for j in range(i + 1, len(rects)):
            b = rects[j]
            assert not a.colliderect(b), (i, j)
            assert b.right > a.centerx, (i + 1, j + 1, a, b)  # never wholly left of an earlier one
    assert any(r.left < rects[0].right for r in rects[1:])  # stacked over it, not only spread sideways


def test_marker_kinds_differ_by_sign_and_are_pills_not_curve_shapes():
    from deskgame.ui.debrief_chart import MARKER_COLOUR, draw_marker_pill

    masks = {}
    for kind in ("good", "bad", "event"):
        surface = pygame.Surface((80, 40))
        surface.fill((10, 10, 10))
        rect = pygame.Rect(10, 6, 56, 28)
        draw_marker_pill(surface, rect, kind)
        assert surface.get_at(rect.topleft)[:3] == (10, 10, 10)  # rounded: no square corner
        assert surface.get_at((rect.x + 40, rect.y + 5))[:3] == MARKER_COLOUR[kind]  # filled pill
        disc = pygame.Rect(rect.x + 6, rect.y + 4, 20, 20)
        masks[kind] = frozenset((x, y) for x in range(disc.left, disc.right)
                                for y in range(disc.top, disc.bottom)
                                if surface.get_at((x, y))[:3] == MARKER_COLOUR[kind])
        assert masks[kind], kind  # a sign cut out of the black disc
    assert len(set(masks.values())) == 3  # tick, cross and "!" differ in shape, not only colour
