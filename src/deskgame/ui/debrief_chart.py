"""The Awareness chart's parts that are not the screen: markers (which moments and events,
numbered in time order, placed so none overlap), the clock's ticks, the value band, and the
departments' colours and shapes.  Pure layout and pictures, tested on their own.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from deskgame.report.journey import round_events
from deskgame.ui import engine_view, theme

CUSTOMER_COLOURS = (theme.SKY, theme.ORANGE, theme.GREEN, theme.PURPLE, theme.YELLOW, theme.BLUE)
# Legend words in lighter tints of the curves' colours (>= 4.5:1 on the panel).
LEGEND_INK = {
    theme.SKY: theme.SKY, theme.ORANGE: theme.ORANGE, theme.GREEN: theme.INK_GOOD,
    theme.PURPLE: theme.INK_CALL["end_run"], theme.YELLOW: theme.YELLOW, theme.BLUE: (120, 180, 235),
}
MIN_SPAN = 40.0  # the chart's value band is never narrower (points of 0-100)
AXIS_STEPS = (15, 30, 60, 120, 180, 240, 360, 480, 720, 1440)  # minutes between clock labels
MARKER_COLOUR = {"good": theme.GREEN, "bad": theme.VERMILLION, "event": theme.YELLOW}
EVENT_WORDS = {
    "major_incident_started": "{service} went down for everyone (a major incident)",
    "agent_absent": "{agent} was called away",
    "social_storm": "A storm on social media among {customers}",
}


@dataclass
class Marker:
    """A numbered point on the chart: a moment (good or bad) or an event."""

    t: float                 # minutes into the round
    kind: str                # "good", "bad" or "event"
    words: str
    ticket: str | None = None
    rating: float | None = None
    number: int = 0
    rect: pygame.Rect | None = None


def chart_markers(live, record: dict) -> list[Marker]:  # type: ignore[no-untyped-def, type-arg]
    """The round's notable moments and events, numbered 1, 2, ... in time order."""
    markers = [Marker(m["t"], "good" if m["delta"] > 0 else "bad", m["text"], m.get("ticket"), m["rating"])
               for m in record["moments"]]
    world = live.world
    events = round_events(world, record["round"])
    start = events[0].t if events else world.round_start
    for event in events:
        template = EVENT_WORDS.get(event.kind)
        if template is None:
            continue
        fields = dict(event.data)
        if "customers" in fields:
            fields["customers"] = ", ".join(fields["customers"])
        if "service" in fields:
            fields["service"] = engine_view.service_name(world, fields["service"])
        markers.append(Marker(event.t - start, "event", template.format(**fields)))
    markers.sort(key=lambda m: m.t)
    for number, marker in enumerate(markers, start=1):
        marker.number = number
    return markers


def place_markers(anchors: list[tuple[int, int]], sizes: list[tuple[int, int]],
                  bounds: pygame.Rect) -> list[pygame.Rect]:
    """Rects for markers at ``anchors`` (in order) that never overlap one another.

    Each goes on its anchor if that is free, else the nearest free place around it (a
    leader line joins it to its point), inside ``bounds`` while there is room there.
    """
    placed: list[pygame.Rect] = []
    for (x, y), (w, h) in zip(anchors, sizes, strict=True):
        offsets = sorted(((dx * (w + 6), dy * (h + 4)) for dx in range(-3, 4) for dy in range(-8, 9)),
                         key=lambda o: (abs(o[0]) / (w + 6)) ** 2 + (abs(o[1]) / (h + 4)) ** 2)
        rect = pygame.Rect(0, 0, w, h)
        found = None
        for inside_only in (True, False):
            for dx, dy in offsets:
                rect.center = (x + dx, y + dy)
                if inside_only and not bounds.contains(rect):
                    continue
                if rect.inflate(4, 4).collidelist(placed) == -1:
                    found = rect.copy()
                    break
            if found is not None:
                break
        if found is None:  # pragma: no cover - a hundred markers at one time
            found = rect.copy()
            found.bottom = min(p.top for p in placed) - 4
        placed.append(found)
    return placed


def axis_ticks(length: float, width: int, label_width: int) -> list[float]:
    """Minutes into the round at which to write the clock, as often as the labels fit."""
    for step in AXIS_STEPS:
        if step >= length or width * step / length >= label_width + 16:
            return [m for m in range(0, int(length) + 1, step)]
    return [0.0, length]


def value_range(series: dict, line: float, least: float = MIN_SPAN) -> tuple[float, float]:  # type: ignore[type-arg]
    """The 0-100 band the chart shows: the curves and the outsourcing line, with a margin, in
    whole tens and at least ``least`` wide, so a round's story is not a flat line at 55."""
    values = [v for curve in series["satisfaction"].values() for v in curve] + list(series["trust"]) + [line]
    low = max(0.0, (min(values) - 5) // 10 * 10)
    high = min(100.0, -(-(max(values) + 5) // 10) * 10)
    while high - low < least and (low > 0 or high < 100):  # widen both ways, in tens
        low = max(0.0, low - 10)
        if high - low < least:
            high = min(100.0, high + 10)
    return float(low), float(high)


def value_at(ts: list[float], values: list[float], t: float) -> float:
    """The curve's value at ``t`` (the last sample at or before it)."""
    best = 0
    for index, sample in enumerate(ts):
        if sample <= t:
            best = index
    return values[best] if values else 50.0


CURVE_SHAPES_PER_LINE = 8  # shapes along each department's curve


def department_shape(surface: pygame.Surface, index: int, centre: tuple[int, int],
                     colour: tuple[int, int, int], radius: int) -> None:
    """Circle, square, triangle, diamond (then hollow ones): a department's mark on its curve
    and in the legend, so the curves are told apart by shape as well as colour."""
    x, y = centre
    r = radius
    shapes = (
        lambda: pygame.draw.circle(surface, colour, centre, r, width),
        lambda: pygame.draw.rect(surface, colour, (x - r, y - r, 2 * r, 2 * r), width),
        lambda: pygame.draw.polygon(surface, colour, [(x, y - r - 1), (x + r + 1, y + r), (x - r - 1, y + r)],
                                    width),
        lambda: pygame.draw.polygon(surface, colour, [(x, y - r - 1), (x + r + 1, y), (x, y + r + 1),
                                                      (x - r - 1, y)], width),
    )
    width = 0 if index < len(shapes) else 2
    shapes[index % len(shapes)]()
