"""The HTML debrief on a projector (review 3): screen sizes a room can read from three metres,
print left at A4 sizes, the chart caption naming the line it draws, and each bot or team in
the same colour whatever the order of the files."""

from __future__ import annotations

import re
from types import SimpleNamespace

from deskgame.report import charts
from deskgame.report.debrief import CSS


def _block(css: str, media: str) -> str:
    start = css.index(f"@media {media}")
    depth, i = 0, css.index("{", start)
    for j in range(i, len(css)):
        depth += {"{": 1, "}": -1}.get(css[j], 0)
        if depth == 0:
            return css[i + 1:j]
    raise AssertionError(media)


def _px(block: str, selector: str) -> float:
    rule = re.search(rf"(^|\n)\s*{re.escape(selector)}\s*{{([^}}]*)}}", block)
    assert rule, selector
    return float(re.search(r"font-size:\s*([\d.]+)px", rule.group(2)).group(1))


def test_screen_sizes_are_for_a_projector_and_print_stays_a4():
    screen = _block(CSS, "screen")
    assert _px(screen, "body") >= 18
    assert _px(screen, "table") >= 16 and _px(screen, ".wide table") >= 16
    assert _px(screen, ".note, figcaption, ol.notes") >= 16
    assert "font-size: 10pt" in _block(CSS, "print")       # print as it was
    assert "font: 11pt/1.45" in CSS and "font-size: 9.5pt" in CSS


def test_the_wide_table_wraps_its_headings_on_screen():
    assert ".wide th { white-space: normal;" in _block(CSS, "screen")


def _team(name: str, policy: str) -> SimpleNamespace:
    return SimpleNamespace(name=name, policy=policy)


def test_a_bot_keeps_its_colour_whatever_the_file_order():
    a = charts.team_styles([_team("servant", "servant"), _team("triage", "triage")])
    b = charts.team_styles([_team("triage", "triage"), _team("fifo", "fifo"), _team("servant", "servant")])
    assert a[1].colour == b[0].colour == "#0072B2" and a[1].marker == b[0].marker
    assert a[0].colour == b[2].colour and a[0].hatch == b[2].hatch
    save = charts.team_styles([_team("monday-at-northwind\u2026", "servant"), _team("servant", "servant")])
    assert save[1].colour == a[0].colour and save[0].colour != save[1].colour
    one = charts.team_styles([_team("Herons", "human"), _team("Otters", "human")])
    two = charts.team_styles([_team("Otters", "human"), _team("Herons", "human")])
    assert (one[0].colour, one[1].colour) == (two[1].colour, two[0].colour)
    assert len({s.colour for s in one}) == 2


def test_the_trust_chart_caption_names_the_line_as_drawn():
    from pathlib import Path

    source = Path(charts.__file__).with_name("debrief.py").read_text(encoding="utf-8")
    assert "dashed grey" not in source
    assert "dotted horizontal line across the chart is the outsourcing" in source
