"""``deskgame debrief``: one self-contained HTML report comparing teams and rounds.

A facilitator prints it or puts it on the projector after a workshop, often offline, so
the page carries everything: the charts as embedded PNGs, the styles inline, every
column defined in a footnote and no script or web font.  The figures come from the
results files (read in ``sessions``), the derived ones from ``figures``, the questions
from ``prompts``; this module only lays them out.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from deskgame import __version__
from deskgame.engine.cards import card_title
from deskgame.report import charts
from deskgame.report.event_words import event_details
from deskgame.report.figures import (
    best_and_worst,
    clock,
    round_state,
    sla_by_priority,
    throughput,
    trap_cost,
)
from deskgame.report.moment_words import moment_words
from deskgame.report.prompts import arrival_clock, discussion_prompts
from deskgame.report.sessions import Moment, RoundData, Session, comparability_warnings
from deskgame.scenario.model import PRIORITIES
from deskgame.scenario.units import format_clock

DOCS = "docs/results.md"

CSAT_HEADING = "CSAT (rating of fixes)"

# (heading, footnote) for each column of the per-round table, in order.
COLUMNS = (
    ("Score", "Round score 0\u2013100: 100 \u00d7 (w<sub>trust</sub>\u00b7trust/100 "
              "+ w<sub>sla</sub>\u00b7SLA met + w<sub>morale</sub>\u00b7morale "
              "+ w<sub>throughput</sub>\u00b7min(1, resolved/arrived)), "
              "with the scenario's weights (they sum to 1)."),
    ("Trust", "Business trust at the round's end: the customers' satisfaction weighted by their "
              "influence, 0\u2013100. Below the outsourcing line the desk is put on notice."),
    ("Satisfaction", "The Satisfaction the board showed at the round's end: the departments' "
                     "satisfaction (0\u2013100, each department's memory of how its people were served "
                     "lately, waits and let-downs included), averaged. Trust is the same weighted by "
                     "influence."),
    (CSAT_HEADING, "Rating of fixes, not the board's Satisfaction: the mean rating (0\u2013100) people "
                   "gave the resolutions of their tickets in the round, each against what they "
                   "expected. A round's fixes can rate well while the departments still remember the "
                   "waits and let-downs, so CSAT can stay flat while Satisfaction and trust move."),
    ("SLA met", "Share of tickets whose work started within the response target of their priority "
                "(the scenario's <code>sla</code>), among those that started in the round or whose target "
                "passed unstarted. Callers about an outage are not counted: they wait for the service, "
                "and rate the outage when it ends."),
    ("FCR", "First-contact resolution: share of resolved tickets finished by the first agent, "
            "without escalation."),
    ("Wait", "Mean minutes from arrival to the start of work, over tickets started in the round; "
             "callers about an outage are not counted, as in SLA met."),
    ("Backlog", "Tickets still open at the round's end."),
    ("Morale", "Mean morale of the agents at the round's end, 0% (worn out) to 100% "
               "(the results file holds it as 0 to 1)."),
    ("Hidden work", "Minutes specialists spent off the books: end-runs they took, and BYOD callers told "
                    "'unsupported' who came back to them. Work with no ticket, no SLA and no credit, "
                    "invisible to the desk."),
    ("Resolved", "Tickets resolved in the round / desk tickets that arrived in it (resolved can exceed "
                 "arrived when the backlog of the round before is cleared)."),
    ("Status", "<i>on notice</i>: the round ended with trust below the outsourcing line; "
               "<i>outsourced</i>: a second round in a row below it, and the session ended."),
)

WIDE_COLUMNS = 8  # a table with more columns gets smaller type and scrolls rather than overflow

CSS = """
body { font: 11pt/1.45 "DejaVu Sans", Arial, Helvetica, sans-serif; color: #111; margin: 2em auto;
       max-width: 200mm; padding: 0 1em; }
h1 { font-size: 20pt; margin: 0 0 .2em; }
h2 { font-size: 14pt; margin: 1.6em 0 .5em; border-bottom: 2px solid #0072B2; padding-bottom: .15em;
     break-after: avoid; page-break-after: avoid; }
h3 { font-size: 11.5pt; margin: 1em 0 .3em; break-after: avoid; }
p.sub { color: #444; margin: 0 0 1em; }
table { border-collapse: collapse; width: 100%; margin: .4em 0 .6em; font-size: 9.5pt;
        break-inside: avoid; page-break-inside: avoid; }
.wide { overflow-x: auto; }  /* a table with many columns scrolls inside the page's width */
.wide table { font-size: 8.5pt; }
tr { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
th, td { border-bottom: 1px solid #ccc; padding: .25em .4em; text-align: right; vertical-align: top; }
th { background: #eef3f8; font-weight: 600; }
th:first-child, td:first-child, td.text, th.text { text-align: left; }
td.bad { font-weight: 700; color: #a33a00; }
img { max-width: 100%; display: block; margin: .3em auto; break-inside: avoid; }
.warning { border: 2px solid #D55E00; background: #fff3ea; padding: .5em .8em; margin: .6em 0; }
.note { color: #444; font-size: 9pt; }
ol.prompts li { margin-bottom: .5em; }
ol.notes { font-size: 8.5pt; color: #333; padding-left: 2.4em; }
/* A long file path wraps in its cell rather than push the Teams table past the page (a team
   named by a long file name is shortened when read); team names and figures never break. */
.team { white-space: nowrap; }
td code { overflow-wrap: anywhere; }
svg.key { margin-right: .4em; vertical-align: middle; }
tr.first td { border-top: 1.5px solid #777; }
sup a { text-decoration: none; }
figure { margin: .4em 0 .8em; break-inside: avoid; page-break-inside: avoid; }
figcaption { font-size: 9pt; color: #333; text-align: center; }
/* On a screen the report is read from a projector, three metres away: the A4 sizes above (11pt
   body, 9.5pt tables) are for print only.  The wide table wraps its headings rather than scroll
   its last columns (Resolved, Status) out of sight. */
@media screen {
  body { font-size: 20px; max-width: 1400px; }
  h1 { font-size: 34px; }
  h2 { font-size: 27px; }
  h3 { font-size: 22px; }
  table { font-size: 17px; }
  .wide table { font-size: 16px; }
  .note, figcaption, ol.notes { font-size: 17px; }
  .wide { overflow-x: auto; }
  .wide th { white-space: normal; overflow-wrap: normal; hyphens: auto; }
  .wide th, .wide td { padding: .25em .25em; }
  .wide .team { white-space: normal; }  /* a long name wraps at its hyphens, not Status off-screen */
}
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 10pt; }
  a { color: inherit; }
  .warning, th, svg.key { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  section { break-inside: auto; }
}
"""


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _table(headers: Iterable[str], rows: Iterable[list[str]], text_columns: int | tuple[int, ...] = 1,
           group_starts: bool = False) -> str:
    """A table; cells are already HTML.  Text columns (the first ``text_columns``, or those
    listed) are left-aligned; figures are right-aligned.

    With ``group_starts`` a row whose first cell is not empty starts a group (a team) and
    gets a rule above it, so a team's rounds read as one block.
    """
    headers = list(headers)
    left = set(text_columns) if isinstance(text_columns, tuple) else set(range(text_columns))
    head = "".join(f"<th{' class=text' if i in left else ''}>{h}</th>" for i, h in enumerate(headers))
    body = "".join(("<tr class=first>" if group_starts and row[0] else "<tr>") + "".join(
        f"<td{' class=text' if i in left else ''}>{c}</td>" for i, c in enumerate(row)) + "</tr>"
        for row in rows)
    table = f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    return f"<div class=wide>{table}</div>" if len(headers) > WIDE_COLUMNS else table


def _pct(value: float) -> str:
    return f"{value:.0%}"


def _team_cell(session: Session, style: charts.TeamStyle) -> str:
    return f'<span class=team>{style.key}{_e(session.name)}</span>'


def _ended(session: Session) -> str:
    if session.ended == "outsourced":
        return "outsourced"
    if session.ended == "in_progress":
        return "in progress (a save)"
    if session.rounds[-1].on_notice:
        return "completed, on notice"
    return "completed"


def _summary(sessions: list[Session], styles: list[charts.TeamStyle]) -> str:
    rows = []
    for s, style in zip(sessions, styles, strict=True):
        score = f"{s.score:.1f}"
        if s.ended == "in_progress" and s.rounds:  # unplayed rounds are not yet 0: the mean so far
            score = f"{sum(r.score for r in s.rounds) / len(s.rounds):.1f} so far"
        rows.append([_team_cell(s, style), f"<code>{_e(s.file)}</code>", _e(s.policy),
                     score, f"{len(s.rounds)} of {s.scenario.rounds}", _e(_ended(s))])
    return _table(["Team", "File", "Played by", "Session score", "Rounds played", "Ended"], rows, 3)


def _round_table(sessions: list[Session], styles: list[charts.TeamStyle]) -> str:
    headers = ["Team", "Round"] + [f'{name}<sup><a href="#n{i + 1}">{i + 1}</a></sup>'
                                   for i, (name, _) in enumerate(COLUMNS)]
    rows = []
    for s, style in zip(sessions, styles, strict=True):
        for r in s.rounds:
            k = r.kpis
            state = round_state(s, r.number)
            rows.append([_team_cell(s, style) if r is s.rounds[0] else "", str(r.number),
                         f"<b>{r.score:.1f}</b>", f"{k['trust']:.1f}", board_satisfaction(r),
                         f"{k['csat']:.1f}",
                         _pct(k["sla_met"]), _pct(k["fcr"]), f"{k['mean_wait_min']:.1f}&nbsp;min",
                         str(int(k["backlog_end"])), f"{k['morale']:.0%}",
                         f"{k['hidden_work_min']:.0f}&nbsp;min", throughput(r),
                         state if state == "ok" else f"<span class=bad>{_e(state)}</span>"])
    return _table(headers, rows, 1, group_starts=True)


def board_satisfaction(r: RoundData) -> str:
    """The Satisfaction meter the board showed at the round's end: the departments' mean
    (unweighted) at the series' last sample; "\u2014" for a file without the departments."""
    values = list(r.satisfaction_end.values())
    return f"{sum(values) / len(values):.1f}" if values else "\u2014"


def _notes() -> str:
    items = "".join(f'<li id="n{i + 1}"><b>{name}</b>: {text}</li>' for i, (name, text) in enumerate(COLUMNS))
    return (f"<ol class=notes>{items}</ol><p class=note>The results format and every figure are defined "
            f"in <code>{DOCS}</code> in the deskgame documentation.</p>")


def _sla_table(sessions: list[Session], styles: list[charts.TeamStyle]) -> str:
    rows = []
    for s, style in zip(sessions, styles, strict=True):
        shares = sla_by_priority(s)
        rows.append([_team_cell(s, style)] + [
            "n/a" if shares[p].share is None else f"{shares[p].share:.0%} ({shares[p].met}/{shares[p].pool})"
            for p in PRIORITIES])
    targets = sessions[0].scenario.sla_targets
    headers = ["Team"] + [f"{p} (target {targets[p]:g}&nbsp;min)" for p in PRIORITIES]
    return _table(headers, rows)


def _hidden_table(sessions: list[Session], styles: list[charts.TeamStyle]) -> str:
    rounds = max(r.number for s in sessions for r in s.rounds)
    rows = []
    for s, style in zip(sessions, styles, strict=True):
        by_round = {r.number: r.kpis["hidden_work_min"] for r in s.rounds}
        rows.append([_team_cell(s, style)] + [f"{by_round[n]:.0f} min" if n in by_round else "\u2014"
                                              for n in range(1, rounds + 1)]
                    + [f"<b>{s.total_hidden_work:.0f} min</b>"])
    return _table(["Team"] + [f"Round {n}" for n in range(1, rounds + 1)] + ["Session"], rows)


def _departments_table(sessions: list[Session], styles: list[charts.TeamStyle]) -> str:
    """Each department's satisfaction at each round's end, and the posts that went public."""
    names = list(dict.fromkeys(name for s in sessions for r in s.rounds for name in r.satisfaction_end))
    rows = []
    for s, style in zip(sessions, styles, strict=True):
        for i, r in enumerate(s.rounds):
            cells = [f"{r.satisfaction_end[n]:.0f}" if n in r.satisfaction_end else "\u2014" for n in names]
            rows.append([_team_cell(s, style) if i == 0 else "", str(r.number), *cells, str(r.posts)])
    return _table(["Team", "Round", *(_e(n) for n in names), "Public posts"], rows, 1, group_starts=True)


def _cards_table(sessions: list[Session], styles: list[charts.TeamStyle]) -> str:
    rows = []
    for s, style in zip(sessions, styles, strict=True):
        for r in (r for r in s.rounds if r.number > 1 or r.improvements or r.commitment):
            cards = ", ".join(card_title(c) for c in r.improvements) if r.improvements else "<i>no cards</i>"
            said = f"\u201c{_e(r.commitment)}\u201d" if r.commitment else "\u2014"
            rows.append([_team_cell(s, style), str(r.number), _e(cards) if r.improvements else cards, said])
    if not rows:
        return "<p>No change cycle was reached: every session has one round only.</p>"
    return _table(["Team", "Round", "Cards chosen before it", "Commitment"], rows, 4)


# How each decision is named in the report, in the order shown; others follow by name.
ACTION_NAMES = {
    "set_priority": "priorities set", "assign": "tickets assigned", "escalate": "escalations",
    "update": "updates to waiting callers", "broadcast": "status broadcasts",
    "answer:take": "end-runs taken", "answer:redirect": "end-runs redirected",
    "answer:learn": "BYOD: learn and help", "answer:unsupported": "BYOD: unsupported",
    "answer:serve": "fake emergencies served", "answer:deprioritise": "fake emergencies deprioritised",
}


def _actions_table(sessions: list[Session], styles: list[charts.TeamStyle]) -> str:
    seen = {key for s in sessions for key in s.actions}
    keys = [k for k in ACTION_NAMES if k in seen] + sorted(seen - set(ACTION_NAMES))
    if not keys:
        return "<p>No team made a decision during play (every call took its default).</p>"
    headers = ["Team"] + [_e(ACTION_NAMES.get(k, k.replace("_", " ").replace(":", ": "))) for k in keys]
    rows = [[_team_cell(s, style)] + [str(s.actions.get(k, 0)) for k in keys]
            for s, style in zip(sessions, styles, strict=True)]
    return (_table(headers, rows) + "<p class=note>Counted from each team's decisions. A call nobody "
            "answered took its default (an end-run: the specialist takes it; BYOD: unsupported; a fake "
            "emergency joins the queue as stated) and is not counted here.</p>")


def _moment_ticket(s: Session, m: Moment) -> str:
    """A moment's ticket and when it came in ("T0020, in 09:10"): two tickets often share a
    customer and a title, and the room must know which one it was."""
    if m.ticket is None:
        return "off the books"
    arrived = arrival_clock(s, m.round, m.ticket)
    return _e(f"{m.ticket}, in {arrived}" if arrived else m.ticket or "")


TRAP_LABEL = "rated best: a trap"


def _moment_row(s: Session, label: str, m: Moment) -> list[str]:
    """One best or worst moment; a served "emergency" among the best says what it cost."""
    said = _e(moment_words(m.text))
    cost = trap_cost(s, m) if label == "best" else None
    if cost is not None:
        label, said = TRAP_LABEL, f"{said} <b>{_e(cost)}</b>"
    return [label, str(m.round), clock(s, m.t), _e(m.customer), _moment_ticket(s, m), f"{m.rating:.0f}", said]


def _moments(sessions: list[Session], styles: list[charts.TeamStyle]) -> str:
    parts = []
    for s, style in zip(sessions, styles, strict=True):
        best, worst = best_and_worst(s)
        rows = [_moment_row(s, label, m)
                for label, group in (("best", best), ("worst", worst)) for m in group]
        parts.append(f"<h3>{_team_cell(s, style)}</h3>")
        parts.append(_table(["", "Round", "Time", "Customer", "Ticket", "Rated", "What happened"], rows,
                            (0, 3, 4, 6)) if rows else "<p>No moments of truth were recorded.</p>")
    return "".join(parts)


def _scripted_events(session: Session) -> list[list[str]]:
    rows = []
    for event in session.scenario.events:
        text = event_details(event.kind, vars(event).items())
        rows.append([str(event.at.round), format_clock(event.at.time), event.kind.replace("_", " "), text])
    return rows


def _events(sessions: list[Session], styles: list[charts.TeamStyle]) -> str:
    parts = ["<h3>Scripted in the scenario (the same for every team)</h3>"]
    scripted = _scripted_events(sessions[0])
    rows = [[_e(c) for c in row] for row in scripted]
    parts.append(_table(["Round", "Time", "Event", "Details"], rows, 4) if rows else "<p>None.</p>")
    parts.append("<h3>Injected live by the facilitator</h3>")
    rows = [[_team_cell(s, style), str(i.round), clock(s, i.t), _e(i.kind.replace("_", " ")),
             _e(event_details(i.kind, i.fields) if i.fields else ", ".join(f"{k} {v}" for k, v in i.details))]
            for s, style in zip(sessions, styles, strict=True) for i in s.injections]
    quiet = [s.name for s in sessions if not s.injections]
    parts.append(_table(["Team", "Round", "Time", "Event", "Details"], rows, 5) if rows else "")
    if quiet:
        parts.append(f"<p>No injected events for {_e(', '.join(quiet))}.</p>")
    return "".join(parts)


def _notice_table(sessions: list[Session], styles: list[charts.TeamStyle]) -> str:
    rounds = max(s.scenario.rounds for s in sessions)
    rows = []
    for s, style in zip(sessions, styles, strict=True):
        cells = []
        for n in range(1, rounds + 1):
            state = round_state(s, n)
            trust = next((f" ({r.kpis['trust']:.1f})" for r in s.rounds if r.number == n), "")
            cells.append(f"<span class=bad>{state}{trust}</span>" if state in ("on notice", "outsourced")
                         else f"{state}{trust}")
        rows.append([_team_cell(s, style)] + cells)
    line = sessions[0].scenario.scoring.outsourcing_below
    return (_table(["Team"] + [f"Round {n}" for n in range(1, rounds + 1)], rows)
            + f"<p class=note>Trust at each round's end in brackets; the outsourcing line is {line:g}. "
              "Rounds not played count 0 in the session score (a save still in progress shows the mean of "
              "its rounds so far).</p>")


def _figure(url: str, caption: str) -> str:
    return f'<figure><img src="{url}" alt="{_e(caption)}"><figcaption>{_e(caption)}</figcaption></figure>'


def build_report(sessions: list[Session], notes: list[str] | None = None) -> str:
    """The whole HTML page for ``sessions`` (at least one)."""
    styles = charts.team_styles(sessions)
    first = sessions[0]
    names = ", ".join(s.name for s in sessions)
    warnings = comparability_warnings(sessions)
    prompts = discussion_prompts(sessions)
    seeds = sorted({s.seed for s in sessions})
    body = [
        f"<h1>Debrief: {_e(first.title)}</h1>",
        f"<p class=sub>{len(sessions)} team{'s' if len(sessions) != 1 else ''} ({_e(names)}) \u00b7 "
        f"seed {', '.join(str(x) for x in seeds)} \u00b7 {first.scenario.rounds} round"
        f"{'s' if first.scenario.rounds != 1 else ''} of {format_clock(first.scenario.round.start)}\u2013"
        f"{format_clock(first.scenario.round.start + first.scenario.round.length)} \u00b7 "
        f"made by deskgame {_e(__version__)}</p>",
    ]
    body += [f"<div class=warning><b>Warning:</b> {_e(w)}</div>" for w in warnings]
    body += [f"<p class=note>{_e(n)}</p>" for n in notes or []]
    notes_text = first.scenario.facilitator_notes.strip()
    if notes_text:
        body += ["<section><h2>Facilitator notes (from the scenario)</h2>",
                 "".join(f"<p>{_e(par)}</p>" for par in notes_text.split("\n\n")), "</section>"]
    body += ["<section><h2>Teams</h2>", _summary(sessions, styles), "</section>"]
    body += ["<section><h2>For discussion</h2><ol class=prompts>",
             "".join(f"<li>{_e(p)}</li>" for p in prompts), "</ol></section>"]
    body += ["<section><h2>Trust over time</h2>",
             _figure(charts.trust_chart(sessions, styles),
                     "Business trust every 5 simulated minutes, each team with its own colour, line and "
                     "marker; the dotted horizontal line across the chart is the outsourcing line. "
                     "Dotted upright lines mark events "
                     "(M major incident, W wave, A absence, S social storm; in a team's colour when "
                     "the facilitator injected it for that team)."),
             "</section>"]
    body += ["<section><h2>Score and figures per round</h2>",
             _figure(charts.score_chart(sessions, styles), "Round score per team (hatching tells teams apart "
                                                           "in black and white)."),
             _round_table(sessions, styles), _notes(), "</section>"]
    body += ["<section><h2>Response targets met per priority</h2>",
             _figure(charts.sla_chart(sessions, styles), "Share of tickets started within their priority's "
                                                         "target, whole session."),
             _sla_table(sessions, styles),
             "<p class=note>Counted from the tickets in each file by the priority the desk gave them, "
             "over the whole session (met/counted), callers about an outage left out. The SLA met "
             "column above also holds a downgraded "
             "ticket to its real priority's target, so the two can differ slightly.</p></section>"]
    body += ["<section><h2>Hidden work</h2>",
             _figure(charts.hidden_work_chart(sessions, styles), "Minutes specialists spent off the "
                                                                 "books per round: end-runs they took, "
                                                                 "and BYOD callers told 'unsupported' "
                                                                 "who came back to them."),
             _hidden_table(sessions, styles), "</section>"]
    body += ["<section><h2>Departments and word of mouth</h2>",
             "<p class=note>Each department's satisfaction (0\u2013100) at each round's end: trust is "
             "their mean weighted by influence. Public posts are bad moments that went public and "
             "reached the other departments.</p>",
             _departments_table(sessions, styles), "</section>"]
    body += ["<section><h2>What each team did</h2>", _actions_table(sessions, styles), "</section>"]
    body += ["<section><h2>Cards and commitments</h2>", _cards_table(sessions, styles), "</section>"]
    body += ["<section><h2>Moments of truth: best and worst</h2>",
             "<p class=note>The three highest- and lowest-rated moments of each team's session; a rating is "
             "how that person felt (0\u2013100) against what they expected.</p>",
             _moments(sessions, styles), "</section>"]
    body += ["<section><h2>Events</h2>", _events(sessions, styles), "</section>"]
    body += ["<section><h2>On notice and outsourcing</h2>", _notice_table(sessions, styles), "</section>"]
    return ("<!DOCTYPE html>\n<html lang=en><head><meta charset=utf-8>"
            f"<title>Debrief: {_e(first.title)}</title><meta name=viewport content='width=device-width'>"
            f"<style>{CSS}</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n")
