"""The Awareness chart's parts that are not the screen: markers (which moments and events,
numbered in time order, placed so none overlap), the clock's ticks, the value band, and the
departments' colours and shapes.  Pure layout and pictures, tested on their own.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from deskgame.report.journey import round_events
from deskgame.report.moment_words import moment_words
from deskgame.ui import engine_view, theme
from deskgame.ui.absence import absence_reason

CUSTOMER_COLOURS = (theme.SKY, theme.ORANGE, theme.GREEN, theme.PURPLE, theme.YELLOW, theme.BLUE)
# Legend words in lighter tints of the curves' colours (>= 4.5:1 on the panel).
LEGEND_INK = {
    theme.SKY: theme.SKY, theme.ORANGE: theme.ORANGE, theme.GREEN: theme.INK_GOOD,
    theme.PURPLE: theme.INK_CALL["end_run"], theme.YELLOW: theme.YELLOW, theme.BLUE: (120, 180, 235),
}
MIN_SPAN = 40.0  # the chart's value band is never narrower (points of 0-100)
AXIS_STEPS = (15, 30, 60, 120, 180, 240, 360, 480, 720, 1440)  # minutes between clock labels
MARKER_COLOUR = {"good": theme.GREEN, "bad": theme.VERMILLION, "event": theme.YELLOW}
# Each marker kind also carries a sign (a tick, a cross, "!") in a disc inside its pill, so it
# is told apart without colour and never mistaken for a department curve's circle, square,
# triangle or diamond.
MARKER_SIGN = {"good": "tick", "bad": "cross", "event": "bang"}
MARKER_WORDS = {"good": "better", "bad": "worse", "event": "event"}  # the chart's legend
SIGN_W = 22             # the sign's disc inside a marker
SIDEWAYS_COST = 4.0     # a step sideways costs as much as this many rows of stacking (squared)
MARKER_GAP = 6          # pixels kept clear between two markers: the chosen one's ring (4 px
                        # outside its pill) never touches a neighbour
EVENT_WORDS = {
    "major_incident_started": "{service} went down for everyone (a major incident)",
    "agent_absent": "{agent} was away{reason}",
    "social_storm": "A storm on social media among {customers}",
    "wave": "A wave of calls ({demand}): {factor} the usual for {duration}",
}
# The same events when the facilitator injected them (F9): the room must hear whose hand
# it was, or it blames itself (or the scenario) for the facilitator's outage.
INJECTED_WORDS = {
    "major_incident_started": "The facilitator took {service} down for everyone (a major incident)",
    "agent_absent": "The facilitator took {agent} off the desk {duration}",
    "social_storm": "The facilitator set off a storm on social media among {customers}",
    "wave": "The facilitator sent a wave of calls ({demand}): {factor} the usual for {duration}",
}
# Which logged event an injection of each kind starts (a wave logs none of its own).
STARTED_BY = {"major_incident": "major_incident_started", "absence": "agent_absent",
              "social_storm": "social_storm"}


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
    """The round's notable moments and events, numbered 1, 2, ... in time order.

    An event the facilitator injected is said as theirs, and a wave (which logs nothing of
    its own) is marked too, scripted or injected."""
    markers = [Marker(m["t"], "good" if m["delta"] > 0 else "bad", moment_words(m["text"]), m.get("ticket"),
                      m["rating"]) for m in record["moments"]]
    world = live.world
    events = round_events(world, record["round"])
    start = events[0].t if events else world.round_start
    injected = injected_events(world)
    pending: dict[str, dict] = {}  # type: ignore[type-arg]  # an injection's event, until it is logged
    for event in events:
        if event.kind == "event_injected":
            fields = injected.get(event.data.get("index"), {})
            if event.data.get("event_kind") == "wave":
                markers.append(Marker(event.t - start, "event", _wave_words(world, fields, True)))
            elif event.data.get("event_kind") in STARTED_BY:
                pending[STARTED_BY[event.data["event_kind"]]] = fields
            continue
        template = EVENT_WORDS.get(event.kind)
        if template is None:
            continue
        by_hand = pending.pop(event.kind, None)
        fields = dict(event.data)
        if "customers" in fields:
            fields["customers"] = ", ".join(fields["customers"])
        if "service" in fields:
            fields["service"] = engine_view.service_name(world, fields["service"])
        if by_hand is not None:
            fields["duration"] = _away_for(by_hand.get("duration"))
            markers.append(Marker(event.t - start, "event", INJECTED_WORDS[event.kind].format(**fields)))
            continue
        if event.kind == "agent_absent":  # the scenario's own reason, if it gives one
            reason = absence_reason(live.scenario.briefing, fields.get("agent", ""), fields.get("reason", ""))
            fields["reason"] = f" ({reason})" if reason else ""
        markers.append(Marker(event.t - start, "event", template.format(**fields)))
    scenario = live.scenario
    for wave in (e for e in scenario.events if e.kind == "wave" and e.at.round == record["round"]):
        at = wave.at.offset(scenario.round)
        if at <= scenario.round.length:
            markers.append(Marker(at, "event", _wave_words(world, vars(wave), False)))
    markers.sort(key=lambda m: m.t)
    for number, marker in enumerate(markers, start=1):
        marker.number = number
    return markers


def injected_events(world) -> dict[int, dict]:  # type: ignore[no-untyped-def, type-arg]
    """The facilitator's events by the index the engine logged them with: the scenario's
    events come first, then each injection in the order of the ``inject`` decisions."""
    first = len(world.scenario.events)
    made = [d.get("event") or {} for d in world.decisions if d.get("action") == "inject"]
    return {first + i: event for i, event in enumerate(made)}


def _away_for(duration: float | None) -> str:
    return "for the rest of the session" if duration is None else f"for {_minutes(duration)}"


def _minutes(value: float) -> str:
    whole = int(round(float(value)))
    if whole < 60:
        return f"{whole} min"
    hours, rest = divmod(whole, 60)
    return f"{hours} h" if not rest else f"{hours} h {rest} min"


def _wave_words(world, fields: dict, injected: bool) -> str:  # type: ignore[no-untyped-def, type-arg]
    """A wave in words: which calls, how many times the usual, for how long."""
    demand = fields.get("demand") or ()
    if demand == "all" or not demand:
        which = "every kind"
    else:
        which = ", ".join(str(d).replace("-", " ") for d in demand)
    factor = fields.get("factor", 2.0)
    said = {"demand": which, "factor": f"{float(factor):g}\u00d7",
            "duration": _minutes(fields.get("duration", 0.0))}
    return (INJECTED_WORDS if injected else EVENT_WORDS)["wave"].format(**said)


def place_markers(anchors: list[tuple[int, int]], sizes: list[tuple[int, int]],
                  bounds: pygame.Rect) -> list[pygame.Rect]:
    """Rects for markers at ``anchors`` (in time order) that never overlap one another (a
    ``MARKER_GAP`` apart: the chosen one's ring included), stay inside ``bounds`` and keep that
    order: no marker stands left of the one before it.

    Each goes on its anchor if that is free, else it stacks above or below it first and only
    then moves sideways, rightwards of the markers before (up to a marker back, into their
    stack, only when the chart is full there); positions flush beside or under a placed
    marker are tried too, so a busy stretch packs tight.  At a busy end of the day the
    anchors are first moved left enough to leave the later markers room (``room_for_later``).
    Only when the chart has no free place left at all does one stand further back, and only
    then outside ``bounds``.  A leader line joins each to its point.  Why: "10" drawn left of
    "5" at a busy time reads as time running backwards, and a marker past 13:00 as a moment
    after the day ended.
    """
    placed: list[pygame.Rect] = []
    for (x, y), (w, h) in zip(room_for_later(anchors, sizes, bounds), sizes, strict=True):
        # Never left of a marker before it: its centre at least at the rightmost earlier centre.
        floor = max((p.centerx for p in placed), default=None)
        pitch_x, pitch_y = w + MARKER_GAP, h + MARKER_GAP
        # Quarter-marker steps sideways and quarter-row steps up and down, and the places flush
        # beside, above and below the markers already placed.
        dxs = {i * pitch_x // 4 for i in range(-16, 17)}
        dxs |= {p.right + MARKER_GAP + w // 2 - x for p in placed} | {p.left - MARKER_GAP - (w - w // 2) - x
                                                                      for p in placed}
        dys = {i * pitch_y // 4 for i in range(-32, 33)}
        dys |= {p.bottom + MARKER_GAP + h // 2 - y for p in placed} | {p.top - MARKER_GAP - (h - h // 2) - y
                                                                       for p in placed}
        offsets = sorted(((dx, dy) for dx in dxs for dy in dys),
                         key=lambda o: (SIDEWAYS_COST * (o[0] / pitch_x) ** 2 + (o[1] / pitch_y) ** 2
                                        + (0.01 if o[1] < 0 else 0.0), o))  # a stack reads downwards
        rect = pygame.Rect(0, 0, w, h)
        found = None
        passes = [(True, 0), (True, pitch_x // 2), (True, pitch_x), (True, 2 * pitch_x),
                  (True, bounds.width), (False, 0)]
        for inside_only, back in passes:
            for dx, dy in offsets:
                rect.center = (x + dx, y + dy)
                # never beyond the chart's sides: a marker at the day's very end sits flush with it
                rect.right = min(rect.right, bounds.right)
                rect.left = max(rect.left, bounds.left)
                if floor is not None and rect.centerx < floor - back:
                    continue
                if inside_only and not bounds.contains(rect):
                    continue
                if rect.inflate(2 * MARKER_GAP, 2 * MARKER_GAP).collidelist(placed) == -1:
                    found = rect.copy()
                    break
            if found is not None:
                break
        if found is None:  # pragma: no cover - a hundred markers at one time
            found = rect.copy()
            found.centerx = max(x, floor or x)
            found.bottom = min(p.top for p in placed) - MARKER_GAP
        placed.append(found)
    return placed


def room_for_later(anchors: list[tuple[int, int]], sizes: list[tuple[int, int]],
                   bounds: pygame.Rect) -> list[tuple[int, int]]:
    """The anchors, each moved left just enough that the markers after it still fit between
    it and the chart's right side, stacked a few deep.

    Why: at a busy end of the day the first of the late markers took the last column, and
    the later ones had to go left of it, reading as time running backwards (the tutorial's
    markers 8 to 10 left of 4)."""
    if not anchors:
        return []
    widest = max(w for w, _ in sizes)
    tallest = max(h for _, h in sizes)
    pitch = widest + MARKER_GAP
    rows = max(1, (bounds.height + MARKER_GAP) // (tallest + MARKER_GAP) - 1)  # a row spare
    moved = []
    for index, (x, y) in enumerate(anchors):
        columns = -(-(len(anchors) - index) // rows)  # this marker and all after it
        moved.append((min(x, bounds.right - widest // 2 - pitch * (columns - 1)), y))
    return moved


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


# Shapes along each department's curve: about every half hour of an 8-hour round, 15 px across.
# At 8 a line (one an hour) and 10 px, Sales and HR read alike under protanopia (review 3).
CURVE_SHAPES_PER_LINE = 16
CURVE_SHAPE_RADIUS = 7


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


def marker_size(number_width: int, number_height: int) -> tuple[int, int]:
    """A marker pill's size for its number: padding, the sign, a gap, the number, padding."""
    return number_width + SIGN_W + 16, number_height + 4


def marker_sign(surface: pygame.Surface, kind: str, centre: tuple[int, int],
                ink: tuple[int, int, int], cutout: tuple[int, int, int], size: int = SIGN_W) -> None:
    """A disc ``size`` across in ``ink`` with a tick (better), a cross (worse) or "!" (an event)
    cut out in ``cutout``: an icon beside the number, never a sign the room reads as "minus 5"."""
    x, y = centre
    r = size // 2
    pygame.draw.circle(surface, ink, centre, r)
    sign = MARKER_SIGN[kind]
    k = r / 10
    if sign == "tick":
        tick = [(x - 5 * k, y), (x - 1.5 * k, y + 4 * k), (x + 5.5 * k, y - 4.5 * k)]
        pygame.draw.lines(surface, cutout, False, tick, 3)
    elif sign == "cross":
        pygame.draw.line(surface, cutout, (x - 4 * k, y - 4 * k), (x + 4 * k, y + 4 * k), 3)
        pygame.draw.line(surface, cutout, (x - 4 * k, y + 4 * k), (x + 4 * k, y - 4 * k), 3)
    else:
        pygame.draw.rect(surface, cutout, (x - 1, y - 6 * k, 3, 7 * k))
        pygame.draw.rect(surface, cutout, (x - 1, y + 3 * k, 3, 3))


def draw_marker_pill(surface: pygame.Surface, rect: pygame.Rect, kind: str) -> tuple[int, int]:
    """The marker's pill in its kind's colour, edged black, with its sign; returns where the
    number's centre goes."""
    radius = rect.height // 2
    pygame.draw.rect(surface, MARKER_COLOUR[kind], rect, border_radius=radius)
    pygame.draw.rect(surface, theme.BLACK, rect, 2, border_radius=radius)
    sign_x = rect.x + 5 + SIGN_W // 2
    marker_sign(surface, kind, (sign_x, rect.centery), theme.BLACK, MARKER_COLOUR[kind])
    return (sign_x + SIGN_W // 2 + 3 + (rect.right - 7 - (sign_x + SIGN_W // 2 + 3)) // 2, rect.centery)
