"""Full-width bands under the top bar for what the whole room must see: on notice, a service
down, a storm on social media.

They push the three columns down rather than squeezing one of them, in the room's
sizes (``widgets.banner``), with a sign and a word as well as a colour.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from deskgame.scenario.units import format_clock
from deskgame.ui import engine_view, help_texts, theme, tooltips
from deskgame.ui.board.layout import TOP, W
from deskgame.ui.engine_view import Outage, Storm
from deskgame.ui.verdict import board_notice
from deskgame.ui.widgets import banner, banner_layout

BAND_WIDTH = W - 16
GAP = 4


@dataclass(frozen=True)
class Band:
    headline: str
    lines: tuple[str, ...]
    fill: tuple[int, int, int]
    sign: str = "warning"
    beats: bool = False  # a service down beats slowly between vermillion and orange
    kind: str = ""  # which help tip (BAND_TIPS): "down", "notice" or "storm"; "" follows ``beats``

    @property
    def height(self) -> int:
        return banner_layout(BAND_WIDTH, self.headline, self.lines).height


def outage_band(outage: Outage) -> Band:
    """What the room needs while a service is down: how long, who can fix it, the key that
    helps (the broadcast button counts what was sent).  One line beside the headline."""
    fixers = ", ".join(outage.fixers) or "nobody here"
    doing = " (on it)" if outage.fixing else ""
    # Without a fix nothing the team does ends it: "fix: nobody here" read as "nobody on the
    # team can", above a Priya who held every skill (an outage injected from the console).
    fix = f"fix: {fixers}{doing}" if outage.has_fix else "back by itself"
    return Band(
        f"{outage.service} DOWN",
        (f"{outage.minutes_left:.0f} min left · {fix} · press B",),
        theme.VERMILLION,
        beats=True,
    )


def storm_band(storm: Storm, until: str) -> Band:
    """Who is storming, until when, and what it does: those departments are angry (their
    satisfaction fell as it broke) and meanwhile every let-down caller's post spreads further.
    It says they are angry, not that they are posting: a room read "posting about IT" above a
    feed that said "Quiet so far." (the feed now says the storm is on, too)."""
    names = list(storm.customers) or ["Customers"]
    who = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return Band(
        "SOCIAL MEDIA STORM",
        (f"{who} angry about IT until {until} · posts spread {storm.amplify:g}x as far",),
        theme.PURPLE,
        kind="storm",
    )


def bands(live, storms: list[Storm] | None = None) -> list[Band]:  # type: ignore[no-untyped-def]
    """The bands now: on notice, the newest outage, the newest social storm (``storms`` from
    ``engine_view.StormWatch``: the scene keeps the watch, so the log is read once)."""
    found = []
    notice = board_notice(live)
    if notice is not None:
        found.append(Band(notice.headline, notice.lines, notice.fill, notice.sign))
    found.extend(outage_band(o) for o in engine_view.outages(live.world)[-1:])
    world = live.world
    for storm in (storms or [])[-1:]:
        until = format_clock(live.scenario.round.start + storm.until - world.round_start)
        found.append(storm_band(storm, until))
    return found


def bands_height(found: list[Band]) -> int:
    return sum(band.height + GAP for band in found) + (GAP if found else 0)


def draw_bands(
    surface: pygame.Surface, found: list[Band], flash: int
) -> list[tuple[pygame.Rect, pygame.Rect]]:
    """Draw the bands from the top bar down; returns each band's rect and its headline's."""
    y = TOP + GAP
    drawn = []
    for band in found:
        fill = band.fill
        if band.beats and (flash // 30) % 2:
            fill = theme.ORANGE
        rects = banner(surface, (8, y), BAND_WIDTH, band.headline, band.lines, fill, band.sign)
        tip = band.kind or ("down" if band.beats else "notice")
        tooltips.add(rects[0], help_texts.BAND_TIPS[tip])
        drawn.append(rects)
        y += rects[0].height + GAP
    return drawn
