"""The top bar: round and clock, speed, and the four meters (trust with its outsourcing line)."""

from __future__ import annotations

import pygame

from deskgame.scenario.units import format_clock
from deskgame.ui import text, theme, tooltips
from deskgame.ui.board.layout import TOP, Board
from deskgame.ui.help_texts import METER_TIPS
from deskgame.ui.widgets import bar

METER_WIDTHS = {"trust": 222, "satisfaction": 176, "sla": 142, "morale": 142}  # room for large text
METER_X = 480
WARN_MARGIN = 10.0  # trust this close above the line is drawn as a warning


def trust_colour(trust: float, line: float) -> tuple[int, int, int]:
    """The trust bar's colour from where it stands against the outsourcing line, not 0-100.
    Satisfaction is on the same 0-100 scale and drawn by the same rule: at 10:01 a room saw
    trust 59 green beside satisfaction 59 amber and asked which one to believe."""
    if trust < line:
        return theme.BAD
    if trust < line + WARN_MARGIN:
        return theme.WARN
    return theme.GOOD


def top_facts(live, held: bool = False) -> dict:  # type: ignore[no-untyped-def,type-arg]
    """What the top bar shows now, read from what the engine keeps up to date (never a scan
    of the round's tickets: a frame stays cheap however many tickets the round has).

    While the world is held (a major incident waiting to be seen, or ``held``: a box that
    stops time, such as help or the quit question) the speed shows as paused, as the box
    says: a review saw "The game is paused" over a highlighted 1x."""
    world = live.world
    sat = world.satisfaction
    names = sat.names()
    met, due = world.sla_now()
    return {
        "round": world.round,
        "rounds": live.scenario.rounds,
        "clock": live.clock,
        "speed": 0 if held or live.incident_alert else live.speed,
        "trust": sat.trust(world.now),
        "line": live.scenario.scoring.outsourcing_below,
        "satisfaction": sum(sat.value(n, world.now) for n in names) / len(names),
        "sla": met / due if due else None,
        "morale": world.mean_morale(),
    }


def meter_rects() -> list[tuple[pygame.Rect, str]]:
    rects = []
    x = METER_X
    for key, width in METER_WIDTHS.items():
        rects.append((pygame.Rect(x, 2, width, TOP - 4), key))
        x += width + 12
    return rects


def draw_top(surface: pygame.Surface, board: Board, facts: dict, pulse: bool) -> None:  # type: ignore[type-arg]
    """``facts``: round, rounds, clock, speed, trust, line, satisfaction, sla (None: nothing due), morale."""
    round_words = f"Round {facts['round']}/{facts['rounds']}"
    said = text.blit(surface, round_words, (12, 2), theme.SIZE_BODY, theme.TEXT_DIM)
    tooltips.add(said, METER_TIPS["round"])
    clock = text.blit(surface, format_clock(facts["clock"]), (12, 34), theme.SIZE_HEADING, theme.TEXT,
                      bold=True)
    tooltips.add(clock, METER_TIPS["clock"])
    for button in board.buttons:
        if button.action.startswith("speed:") or button.action == "help":
            button.selected = button.action == f"speed:{facts['speed']}"
            button.draw(surface)
            if button.selected:  # the speed in force, framed as a selected card is (a lighter fill
                pygame.draw.rect(surface, theme.TEXT, button.rect, 2, border_radius=6)  # alone was faint)
    trust, line = facts["trust"], facts["line"]
    sla = facts["sla"]
    shown = {
        "trust": ("Trust", f"{trust:.0f}", trust / 100, trust_colour(trust, line)),
        "satisfaction": ("Satisfaction", f"{facts['satisfaction']:.0f}", facts["satisfaction"] / 100,
                         trust_colour(facts["satisfaction"], line)),
        "sla": ("SLA met", "—" if sla is None else f"{sla:.0%}", sla or 0.0, None),
        "morale": ("Morale", f"{facts['morale'] * 100:.0f}%", facts["morale"], None),
    }
    for rect, key in board.meters:
        label, value, share, colour = shown[key]
        tooltips.add(rect, METER_TIPS[key])
        if colour is None:
            colour = theme.GOOD if share >= 0.6 else theme.WARN if share >= 0.4 else theme.BAD
        text.blit(surface, label, (rect.x, rect.y), theme.SIZE_BODY, theme.TEXT_DIM)
        value_rect = text.blit(
            surface, value, (rect.x, rect.y + 30), theme.SIZE_METER, theme.TEXT, bold=True, tag="meter"
        )
        track = pygame.Rect(value_rect.right + 8, rect.y + 40, rect.right - value_rect.right - 8, 18)
        bar(surface, track, share, colour)
        if key == "trust":
            _line_mark(surface, rect, track, trust, line, pulse)


def _line_mark(
    surface: pygame.Surface, rect: pygame.Rect, track: pygame.Rect, trust: float, line: float, pulse: bool
) -> None:
    """The outsourcing line: a tick through the bar with its number written over it."""
    lx = track.x + int(track.width * line / 100)
    pygame.draw.line(surface, theme.TEXT, (lx, track.y - 8), (lx, track.bottom + 4), 3)
    below = trust < line
    words = f"below {line:g}!" if below else f"line {line:g}"
    ink = theme.INK_BAD if below else theme.INK_WARN
    label = text.blit(surface, words, (rect.right, rect.y), theme.SIZE_BODY, ink, anchor="topright")
    if pulse:
        pygame.draw.rect(
            surface, theme.VERMILLION if below else theme.ORANGE, rect.inflate(8, 2), 3, border_radius=6
        )
    del label
