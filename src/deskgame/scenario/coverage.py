"""Work that an absence leaves to nobody: refused by ``validate`` before a session is played.

An absence without a ``duration`` lasts the rest of the session (later rounds too).  When it
takes away the last team member who holds the skills some demand entry (or a major
incident's fix) needs, that work can never be done again: tickets pile up all day and
``deskgame balance`` can only print an infinite load.  The loader refuses such a file with
the absence's line and what to change, as it refuses a fix nobody in the team can do.

A duration that runs past the session's end is the same thing and is refused the same way.
An absence that ends before the session does is a fair scenario (the work waits until they
are back), so it is not refused.  Nor is one that starts after the last moment the work can
arrive: late in the last round, when the entry's ``profile`` is zero from then to the round's
end (a printing entry that stops at 15:00, and its specialist who leaves at 15:30).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from deskgame.scenario import model as m
from deskgame.scenario.profile import raw_segments
from deskgame.scenario.spec import INVALID, Context
from deskgame.scenario.units import format_clock


@dataclass(frozen=True)
class _Leave:
    """An agent away for good from ``start`` (session minutes), because of event ``index``."""

    start: float
    index: int
    event: m.Absence


def _ok(*values: Any) -> bool:
    return all(value is not INVALID for value in values)


def _session_minute(at: m.EventTime, s: m.Scenario) -> float | None:
    if not _ok(at) or not _ok(at.round, at.time, at.day) or at.round > s.rounds:
        return None
    offset = at.offset(s.round)
    if offset >= s.round.length:
        return None
    return (at.round - 1) * s.round.length + offset


def _leaves(s: m.Scenario) -> dict[str, _Leave]:
    """Each agent who is away for the rest of the session, from the earliest such absence."""
    end = s.rounds * s.round.length
    gone: dict[str, _Leave] = {}
    for index, event in enumerate(s.events):
        if not isinstance(event, m.Absence) or not _ok(event.agent, event.duration):
            continue
        start = _session_minute(event.at, s)
        if start is None:
            continue
        if event.duration is not None and start + event.duration < end:
            continue
        if event.agent not in gone or start < gone[event.agent].start:
            gone[event.agent] = _Leave(start, index, event)
    return gone


def _last_arrival(d: m.Demand, s: m.Scenario) -> float:
    """Minutes into a round after which entry ``d`` brings nothing more: where the last stretch
    of its profile above zero ends (the round's length for a flat one).

    A wave multiplies the profile, so it cannot bring work where the profile is zero.  A
    profile that cannot be read is taken to bring work to the end (no false "fine").
    """
    if not _ok(d.profile) or not isinstance(d.profile, str | tuple):
        return s.round.length
    return max((end for _, end, factor in raw_segments(d.profile, s.round) if factor > 0), default=0.0)


def _arrives_from(d: m.Demand, s: m.Scenario, start: float) -> bool:
    """Whether entry ``d`` can still bring a ticket at or after session minute ``start``.

    Its profile repeats every round, so a leave before the last round meets every stretch of
    it again; in the last round only what remains of the round counts.
    """
    last_round_from = (s.rounds - 1) * s.round.length
    return start < last_round_from or _last_arrival(d, s) > start - last_round_from


def _skills_text(skills: tuple[str, ...]) -> str:
    if len(skills) == 1:
        return skills[0]
    return f"{', '.join(skills[:-1])} and {skills[-1]} together"


def check_absences(s: m.Scenario, ctx: Context, item: Callable[[str, int], str]) -> None:
    """Refuse an absence for the rest of the session that leaves some work to nobody.

    ``item(list, i)`` names the i-th item of a list as the file numbers it.  The caller only
    calls this when every team member could be read.
    """
    gone = _leaves(s)
    if not gone or not all(_ok(a.name, a.skills, a.role) for a in s.team):
        return
    # (skills needed, who can do it, first session minute it may arrive, path of what needs it)
    needs: list[tuple[tuple[str, ...], list[m.TeamMember], float, str]] = []
    demand_at: dict[str, m.Demand] = {}
    for i, d in enumerate(s.demand):
        if isinstance(d.skills, tuple) and _ok(*d.skills):
            needs.append((d.skills, [a for a in s.team if set(d.skills) <= set(a.skills)], 0.0,
                          item("demand", i)))
            demand_at[item("demand", i)] = d
    for i, event in enumerate(s.events):
        if isinstance(event, m.MajorIncident) and event.fix is not None and _ok(event.fix) \
                and isinstance(event.fix.skills, tuple):
            start = _session_minute(event.at, s)
            holders = [a for a in s.team if set(event.fix.skills) <= set(a.skills)]
            specialists = [a for a in holders if a.role != "desk"]   # the engine gives fixes to them first
            if start is not None:
                needs.append((event.fix.skills, specialists or holders, start, f"{item('events', i)}.fix"))
    found: dict[tuple[int, tuple[str, ...]], list[str]] = {}
    for skills, able, arrives, path in needs:
        if not able or any(a.name not in gone for a in able):
            continue   # nobody at all is reported elsewhere; someone stays: fine
        last = max((gone[a.name] for a in able), key=lambda leave: leave.start)
        if arrives < last.start and path.endswith(".fix"):
            continue   # the outage comes before the last of them leaves
        if path in demand_at and not _arrives_from(demand_at[path], s, last.start):
            continue   # its profile brings no more of it once they have gone
        found.setdefault((last.index, skills), []).append(path)
    for (index, skills), paths in sorted(found.items()):
        leave = next(lv for lv in gone.values() if lv.index == index)
        event = leave.event
        others = sorted({a.name for a in s.team if set(skills) <= set(a.skills)} - {event.agent})
        with_others = f" (with {', '.join(others)} away for good too)" if others else ""
        needing = f"{paths[0]} needs it" if len(paths) == 1 else f"{', '.join(paths)} need it"
        if event.duration is None:
            path, change = f"{item('events', index)}.duration", "give the absence a duration"
        else:
            path, change = f"{item('events', index)}.duration", \
                "end the absence before the session does"
        until = _profile_end(s, leave, [demand_at.get(p) for p in paths])
        if until is not None:
            their = "its profile brings" if len(paths) == 1 else "their profiles bring"
            needing += f", and {their} it until {until}"
            change += f", start it at {until} or later,"
        when = f"round {event.at.round}, {format_clock(event.at.time)}"
        ctx.problem_at(path, f"absence of {event.agent} from {when}{with_others} leaves nobody who holds "
                       f"{_skills_text(skills)} for the rest of the session ({needing}): {change} or give "
                       f"{' and '.join(skills)} to someone else")


def _profile_end(s: m.Scenario, leave: _Leave, entries: list[m.Demand | None]) -> str | None:
    """The clock time after which the demand ``entries`` that an absence in the last round leaves
    to nobody bring no more work, when their profiles stop before the round's end: starting
    the absence then is a third way out.  None otherwise (an earlier round, a fix, a round
    longer than a day, whose clock times are ambiguous)."""
    if leave.start < (s.rounds - 1) * s.round.length or s.round.length > 1440 or None in entries:
        return None
    until = max(_last_arrival(d, s) for d in entries if d is not None)
    return format_clock(s.round.start + until) if until < s.round.length else None
