"""The debrief's charts as PNG images in ``data:`` URLs, so the report needs no network.

matplotlib is imported here only (DESIGN section 6: ``run``, ``validate`` and ``replay``
never import it), with the Agg backend, so charts render on a machine without a
display.  Teams are told apart by colour from the Okabe-Ito palette (safe for the common
colour-vision deficiencies) *and* by line style and marker or bar hatching, so a
black-and-white printout still works.
"""

from __future__ import annotations

import base64
import hashlib
import io
from dataclasses import dataclass
from typing import Any

from deskgame.report.figures import sla_by_priority
from deskgame.report.sessions import Session
from deskgame.scenario.model import PRIORITIES

# Okabe & Ito (2008), without yellow (too pale on white paper).
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
# A team called "Red" or "Team Blue" gets the palette's nearest colour, so nobody has to
# remember that the red line is the blue team.
COLOUR_WORDS = {"blue": "#0072B2", "red": "#D55E00", "green": "#009E73", "purple": "#CC79A7",
                "pink": "#CC79A7", "orange": "#E69F00", "yellow": "#E69F00", "gold": "#E69F00",
                "sky": "#56B4E9", "cyan": "#56B4E9", "black": "#000000"}
LINE_STYLES = ("-", "--", "-.", ":", (0, (5, 1, 1, 1, 1, 1)), (0, (1, 1)), (0, (8, 2)))
# The same line styles as SVG dash patterns, for the key beside each team's name.
SVG_DASHES = ("", "6,3", "6,2,1.5,2", "1.5,2", "5,1,1,1,1,1", "1,1", "8,2")
MARKERS = ("o", "s", "^", "D", "v", "P", "X")
HATCHES = ("", "//", "..", "xx", "\\\\", "++", "oo")
DPI = 150


@dataclass(frozen=True)
class TeamStyle:
    colour: str
    line: Any
    marker: str
    hatch: str
    dash: str = ""

    @property
    def key(self) -> str:
        """The team's key as inline SVG (its line style and marker in its colour)."""
        return swatch_svg(self)


# The reference bots keep one colour in every report (triage was blue in one report and orange in
# the next, by file order, and a room comparing two reports read the wrong line).
POLICY_COLOURS = {"triage": "#0072B2", "servant": "#D55E00", "fifo": "#009E73"}


def _stable_slot(name: str) -> int:
    """A palette slot that depends on the team's name only (not on the order of the files)."""
    return int(hashlib.sha256(name.lower().encode("utf-8")).hexdigest(), 16) % len(PALETTE)


def team_styles(sessions: list[Session]) -> list[TeamStyle]:
    """One distinct style per team, stable across reports: a colour its name says ("Red"), else
    its bot's colour (triage blue, servant orange, fifo green), else one drawn from its name;
    the line, marker and hatch go with the colour."""
    colours: list[str | None] = [None] * len(sessions)
    taken: set[str] = set()
    for i, s in enumerate(sessions):
        words = s.name.lower().replace("-", " ").split()
        wanted = next((COLOUR_WORDS[w] for w in words if w in COLOUR_WORDS), None)
        if wanted and wanted not in taken:
            taken.add(wanted)
            colours[i] = wanted
    # A bot run named after its bot first, then a team that bot played for (a save named by its file).
    for i, s in sorted(enumerate(sessions), key=lambda pair: pair[1].name != pair[1].policy):
        wanted = POLICY_COLOURS.get(s.policy)
        if colours[i] is None and wanted and wanted not in taken:
            taken.add(wanted)
            colours[i] = wanted
    for i, s in sorted(enumerate(sessions), key=lambda pair: pair[1].name.lower()):  # not file order
        if colours[i] is None:
            start = _stable_slot(s.name)
            free = [PALETTE[(start + k) % len(PALETTE)] for k in range(len(PALETTE))
                    if PALETTE[(start + k) % len(PALETTE)] not in taken]
            colours[i] = free[0] if free else PALETTE[i % len(PALETTE)]
            taken.add(colours[i] or "")
    styles = []
    used: set[int] = set()
    for i, colour in enumerate(colours):
        assert colour is not None
        slot = PALETTE.index(colour) if colour in PALETTE else i
        slot = slot if slot not in used else i  # more teams than colours: styles by order
        used.add(slot)
        n = slot % len(LINE_STYLES)
        styles.append(TeamStyle(colour, LINE_STYLES[n], MARKERS[n % len(MARKERS)],
                                HATCHES[n % len(HATCHES)], SVG_DASHES[n % len(SVG_DASHES)]))
    return styles


def swatch_svg(style: TeamStyle) -> str:
    """A small inline SVG of the team's line and marker, the key used in every table."""
    dashes = f' stroke-dasharray="{style.dash}"' if style.dash else ""
    c = style.colour
    shapes = {
        "o": f'<circle cx="14" cy="6" r="3.6" fill="{c}"/>',
        "s": f'<rect x="10.5" y="2.5" width="7" height="7" fill="{c}"/>',
        "^": f'<polygon points="14,1.5 18.5,9.5 9.5,9.5" fill="{c}"/>',
        "D": f'<polygon points="14,1 18.5,6 14,11 9.5,6" fill="{c}"/>',
        "v": f'<polygon points="14,10.5 18.5,2.5 9.5,2.5" fill="{c}"/>',
        "P": f'<path d="M14 2v8M10 6h8" stroke="{c}" stroke-width="2.6"/>',
        "X": f'<path d="M10.5 2.5l7 7M17.5 2.5l-7 7" stroke="{c}" stroke-width="2.4"/>',
    }
    return (f'<svg class="key" width="28" height="12" viewBox="0 0 28 12" aria-hidden="true">'
            f'<line x1="0" y1="6" x2="28" y2="6" stroke="{c}" stroke-width="2"{dashes}/>'
            f'{shapes[style.marker]}</svg>')


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    plt.rcParams.update({"font.size": 9, "axes.spines.top": False, "axes.spines.right": False,
                         "svg.hashsalt": "deskgame", "figure.dpi": DPI})
    return plt


def _data_url(fig: Any) -> str:
    plt = _pyplot()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def trust_chart(sessions: list[Session], styles: list[TeamStyle]) -> str:
    """Trust over the whole session, every team on one chart, rounds side by side."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(7.4, 3.4))
    length = sessions[0].scenario.round.length
    rounds = max(r.number for s in sessions for r in s.rounds)
    for s, style in zip(sessions, styles, strict=True):
        xs: list[float] = []
        ys: list[float] = []
        for r in s.rounds:
            offset = (r.number - 1) * length
            xs.extend((offset + t) / 60 for t in r.series_t)
            ys.extend(r.series_trust)
        ax.plot(xs, ys, color=style.colour, linestyle=style.line, linewidth=1.8, marker=style.marker,
                markevery=max(1, len(xs) // 12), markersize=5, label=s.name)
    line = sessions[0].scenario.scoring.outsourcing_below
    ax.axhline(line, color="#444444", linewidth=1.0, linestyle=(0, (2, 2)),
               label=f"outsourcing line ({line:g})")
    for n in range(1, rounds):
        ax.axvline(n * length / 60, color="#999999", linewidth=0.8)
    _mark_events(ax, sessions, styles, length)
    ax.set_xticks([(n - 0.5) * length / 60 for n in range(1, rounds + 1)],
                  [f"round {n}" for n in range(1, rounds + 1)])
    ax.tick_params(axis="x", length=0, pad=16)
    hours, labels = clock_ticks(sessions[0].scenario.round.start, length, rounds)
    ax.set_xticks(hours, labels, minor=True)
    ax.xaxis.remove_overlapping_locs = False  # the round's middle hour sits under its label
    ax.tick_params(axis="x", which="minor", length=3, labelsize=7, colors="#444444")
    ax.set_xlim(0, rounds * length / 60)
    ax.set_ylabel("business trust (0\u2013100)")
    low = min([line] + [v for s in sessions for r in s.rounds for v in r.series_trust])
    high = max(v for s in sessions for r in s.rounds for v in r.series_trust)
    ax.set_ylim(max(0, low - 5), min(100, high + 5))
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.17), ncol=min(4, len(sessions) + 1),
              frameon=False, handlelength=3.2)
    return _data_url(fig)


def clock_ticks(start: float, length: float, rounds: int) -> tuple[list[float], list[str]]:
    """Clock times under the trust chart, every two hours of each round (not at its edges),
    so the room can point at "10:00 in round 2"."""
    from deskgame.scenario.units import format_clock

    step = 120.0 if length <= 12 * 60 else 360.0
    hours: list[float] = []
    labels: list[str] = []
    for n in range(rounds):
        offset = step
        while offset < length - step / 4:
            hours.append((n * length + offset) / 60)
            labels.append(format_clock((start + offset) % 1440))
            offset += step
    return hours, labels


EVENT_LETTERS = {"major_incident": "M", "wave": "W", "absence": "A", "social_storm": "S"}


def event_marks(sessions: list[Session], length: float) -> list[tuple[float, str, str | None]]:
    """(hours from the session's start, letter, team or None) for every event a chart marks:
    the scenario's scripted events (the same for every team) and each team's injected ones."""
    scenario = sessions[0].scenario
    marks: list[tuple[float, str, str | None]] = []
    for event in scenario.events:
        if event.at.round <= scenario.rounds:
            hours = ((event.at.round - 1) * length + event.at.offset(scenario.round)) / 60
            marks.append((hours, EVENT_LETTERS.get(event.kind, "?"), None))
    for s in sessions:
        for i in s.injections:
            marks.append((((i.round - 1) * length + i.t) / 60, EVENT_LETTERS.get(i.kind, "?"), s.name))
    return sorted(marks, key=lambda mark: mark[0])


def _mark_events(ax: Any, sessions: list[Session], styles: list[TeamStyle], length: float) -> None:
    """A dotted line and a letter at the top of the chart for every event (M, W, A, S): the
    room can see which drop an outage or a storm caused.  Injected events take their team's colour."""
    colours = {s.name: style.colour for s, style in zip(sessions, styles, strict=True)}
    for hours, letter, team in event_marks(sessions, length):
        colour = colours.get(team, "#444444") if team else "#444444"
        ax.axvline(hours, color=colour, linewidth=0.9, linestyle=(0, (1, 2)))
        ax.annotate(letter, (hours, 1.0), xycoords=("data", "axes fraction"), xytext=(0, 2),
                    textcoords="offset points", ha="center", va="bottom", fontsize=8,
                    fontweight="bold", color=colour)


def _grouped_bars(sessions: list[Session], styles: list[TeamStyle], groups: list[str],
                  values: list[list[float | None]], ylabel: str, ylim: tuple[float, float] | None,
                  fmt: str) -> str:
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(7.4, 2.9))
    width = 0.8 / len(sessions)
    for i, (s, style) in enumerate(zip(sessions, styles, strict=True)):
        xs = [g + (i - (len(sessions) - 1) / 2) * width for g in range(len(groups))]
        heights = [v if v is not None else 0.0 for v in values[i]]
        bars = ax.bar(xs, heights, width * 0.92, color=style.colour, hatch=style.hatch,
                      edgecolor="white" if not style.hatch else "#222222", linewidth=0.6, label=s.name)
        for bar, value in zip(bars, values[i], strict=True):
            label = "n/a" if value is None else format(value, fmt)
            ax.annotate(label, (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                        ha="center", va="bottom", fontsize=7, xytext=(0, 1), textcoords="offset points")
    ax.set_xticks(range(len(groups)), groups)
    ax.set_ylabel(ylabel)
    if ylim:
        ax.set_ylim(*ylim)
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=min(5, len(sessions)), frameon=False)
    return _data_url(fig)


def score_chart(sessions: list[Session], styles: list[TeamStyle]) -> str:
    rounds = max(r.number for s in sessions for r in s.rounds)
    values = [[next((r.score for r in s.rounds if r.number == n), None) for n in range(1, rounds + 1)]
              for s in sessions]
    return _grouped_bars(sessions, styles, [f"round {n}" for n in range(1, rounds + 1)], values,
                         "round score (0\u2013100)", (0, 105), ".1f")


def sla_chart(sessions: list[Session], styles: list[TeamStyle]) -> str:
    values = []
    for s in sessions:
        shares = sla_by_priority(s)
        values.append([None if shares[p].share is None else 100 * shares[p].share for p in PRIORITIES])
    return _grouped_bars(sessions, styles, list(PRIORITIES), values,
                         "started within target (%)", (0, 110), ".0f")


def hidden_work_chart(sessions: list[Session], styles: list[TeamStyle]) -> str:
    rounds = max(r.number for s in sessions for r in s.rounds)
    values = [[next((r.kpis["hidden_work_min"] for r in s.rounds if r.number == n), None)
               for n in range(1, rounds + 1)] for s in sessions]
    top = max([v or 0.0 for row in values for v in row] + [10.0])
    return _grouped_bars(sessions, styles, [f"round {n}" for n in range(1, rounds + 1)], values,
                         "hidden work (minutes)", (0, top * 1.15), ".0f")
