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
from deskgame.ui.engine_view import Outage, Restored, Storm
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
    tip: str = ""  # a tip of its own, instead of BAND_TIPS's
    under: bool = False  # the lines under the headline, not beside it (when that is shorter)

    @property
    def height(self) -> int:
        return banner_layout(BAND_WIDTH, self.headline, self.lines, self.under).height


def _minutes(minutes: float) -> str:
    return f"{max(1, round(minutes))} min"


def _either(names: tuple[str, ...]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


BROADCAST_WORDS = "B: tell everyone"  # what B does: a status broadcast, not the fix


def _or(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def fix_words(outage: Outage, short: bool = False) -> str:
    """Who can end it sooner and the keys that make it happen: "Felix can fix it sooner: select
    T0027, press 4".  Each key says what it does: "fix it sooner: Felix · press B" read as
    "press B to fix", and B only tells everyone how things stand."""
    who = _either(outage.fixers)
    select = f"select {outage.fix_ticket}" if outage.fix_ticket else "select the fix"
    if len(outage.fixer_keys) == len(outage.fixers) and outage.fixer_keys:
        keys = _or([str(k) for k in outage.fixer_keys])
        return f"{who} can fix it{'' if short else ' sooner'}: {select}, press {keys}"
    return f"{who} can fix it sooner: {select} and assign it"


def outage_words(outage: Outage, short: bool = False) -> list[str]:
    """How it ends and what the team can do about it, in parts (joined by " · " when they fit
    on one line).  A fix under way leads with when it will be done: a room read "36 min left ·
    fix: Priya (on it)" as if nothing the team did mattered, and then saw the band vanish at
    11:40 when her fix was done."""
    by_itself = _minutes(outage.minutes_left)
    # Without a fix nothing the team does ends it: "fix: nobody here" read as "nobody on the
    # team can", above a Priya who held every skill (an outage injected from the console).
    if not outage.has_fix:
        return [f"back by itself in {by_itself}", BROADCAST_WORDS]
    if outage.fixing is not None and outage.fix_minutes is not None:
        if outage.fix_minutes < outage.minutes_left:
            return [f"{outage.fixing}'s fix: about {_minutes(outage.fix_minutes)} to go",
                    f"by itself: {by_itself}", BROADCAST_WORDS]
        return [f"back by itself in {by_itself}, before {outage.fixing}'s fix", BROADCAST_WORDS]
    if not outage.fixers:
        return [f"back by itself in {by_itself}", "nobody here can fix it", BROADCAST_WORDS]
    return [f"back by itself in {by_itself}", fix_words(outage, short), BROADCAST_WORDS]


def band_lines(headline: str, parts: list[str], under: bool = False) -> tuple[str, ...]:
    """The parts on as few lines as fit beside the headline, each part whole on one line (each
    goes on the first line with room for it): wrapped anyhow, large text left "press" on one
    line and "B" alone on the next."""
    def fits(words: str) -> bool:
        return len(banner_layout(BAND_WIDTH, headline, (words,), under).lines) <= 1

    lines: list[list[str]] = []
    for part in parts:
        home = next((line for line in lines if fits(" · ".join([*line, part]))), None)
        if home is None:
            lines.append([part])
        else:
            home.append(part)
    return tuple(" · ".join(line) for line in lines)


def outage_band(outage: Outage) -> Band:
    """What the room needs while a service is down: how it ends, who can fix it, the key that
    helps (the broadcast button counts what was sent).  Beside the headline."""
    headline = f"{outage.service} DOWN"
    tip = "" if outage.has_fix else ("A business service is down. Calls about it pour in; each broadcast (B) "
                                     "keeps some callers away and calms the rest. It has no fix ticket: it "
                                     "comes back by itself.")
    # Fewer words when they save a line (large text): every line pushes the team's cards down.
    # Under the headline when that is lower (large text beside a long service name took four lines).
    ways = [Band(headline, band_lines(headline, outage_words(outage, short), under), theme.VERMILLION,
                 beats=True, tip=tip, under=under) for under in (False, True) for short in (False, True)]
    return min(ways, key=lambda band: band.height)


RESTORED_TIP = ("The service is back: the calls about it are closed and the team goes back to the "
                "queue. A fix by someone with the right skills brings it back sooner than waiting.")


def restored_band(restored: Restored, clock: str) -> Band:
    """The end of an outage, said for a while after it (the scene decides how long): what is
    back, when, and whether the team's fix did it — the band used to just disappear."""
    if restored.fixed_by is not None:
        parts = [f"at {clock} by {restored.fixed_by}'s fix"]  # its ticket in the tip
        if restored.early >= 1:
            parts.append(f"{_minutes(restored.early)} sooner than by itself")
    elif restored.had_fix:
        parts = [f"at {clock}, by itself", "before the fix was done"]
    else:
        parts = [f"at {clock}, by itself"]
    headline = f"{restored.service} RESTORED"
    fix = restored.fix_ticket
    tip = RESTORED_TIP if fix is None else f"{RESTORED_TIP} The fix was {fix}."
    return Band(headline, band_lines(headline, parts), theme.GREEN, sign="done", kind="restored", tip=tip)


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


def bands(live, storms: list[Storm] | None = None,  # type: ignore[no-untyped-def]
          restored: Restored | None = None) -> list[Band]:
    """The bands now: on notice, the newest outage (or one just ended: ``restored``, which the
    scene shows for a while), the newest social storm (``storms`` from
    ``engine_view.StormWatch``: the scene keeps the watch, so the log is read once)."""
    found = []
    notice = board_notice(live)
    if notice is not None:
        found.append(Band(notice.headline, notice.lines, notice.fill, notice.sign))
    world = live.world
    running = engine_view.outages(world)[-1:]
    found.extend(outage_band(o) for o in running)
    if restored is not None and not running:
        clock = format_clock(live.scenario.round.start + restored.at - world.round_start)
        found.append(restored_band(restored, clock))
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
        rects = banner(surface, (8, y), BAND_WIDTH, band.headline, band.lines, fill, band.sign, band.under)
        tip = band.kind or ("down" if band.beats else "notice")
        tooltips.add(rects[0], band.tip or help_texts.BAND_TIPS[tip])
        drawn.append(rects)
        y += rects[0].height + GAP
    return drawn
