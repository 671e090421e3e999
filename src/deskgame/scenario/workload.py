"""Offered load: how much of the team's time a scenario asks for, per skill and overall.

One function, ``offered_load(scenario)``, serves the scenario generator (which scales
rates to hit a target), ``deskgame balance`` (which prints it first) and
docs/scenarios.md (which explains the formula with a worked example).

**Work.**  Every stream of work is expected arrivals x mean effort, in minutes:

* a demand entry brings ``rate x round length`` arrivals per round (a profile only
  redistributes them; a ``wave`` adds ``(factor - 1) x rate x its duration``), each
  worth the mean of its ``effort`` distribution (``Effort.expected``);
* an ``incident`` that a desk agent cannot finish (share ``1 - desk_fcr``, only when a
  specialist holds its skills) is handed over after ``escalate_after`` of its effort:
  the rest plus ``handover_effort`` is a separate stream only specialists and field
  agents can do;
* a ``byod`` device costs ``unknown_device_factor`` times its effort the first time it
  is seen: the expected number of devices first seen in a round is
  ``sum over devices of exp(-seen before) - exp(-seen by the round's end)``, with
  "seen" the expected arrivals of that device (Poisson, devices drawn uniformly);
* a ``major_incident`` adds its surge callers (``surge x duration x surge_effort``;
  anyone can log a call) and its ``fix`` (once, by whoever holds all its skills: only specialists
  and field agents when one of them does, as the engine hands it out).

**Time.**  Each agent offers the round's length, less any ``absence`` (as the engine
plays it: a duration may run into later rounds; without one the agent does not come
back).

**Load.**  Agents share skills, so "work needing X / people holding X" double-counts
people.  Instead the work is shared out as evenly as the skills allow (a fluid
allocation found with max-flow) and the load of a group is its work over its time.
The *busiest group* sets the figure: ``overall`` is the largest
``work(S) / time(agents able to do any of S)`` over sets of streams ``S``; the streams
in that group get that load, then the next-busiest group among the rest, and so on.
A skill's load is the load of the busiest group doing work that needs it.  With one
skill everybody holds this is plain ``work / (agents x time)``: 6/h x 10 min on
2 agents is 0.5.  ``mean`` is all work over all time, ignoring skills.

What it leaves out, on purpose: choices the players make (taken end-runs,
"unsupported" BYOD answers and their comebacks, broadcasts that keep callers away,
improvement cards), morale slowing work, a fix ending an outage early (the surge is
counted for the whole duration), and several tickets of a new device started before
the first is solved (only the first pays).  Queues also need slack: a load near 1 is
a backlog that grows all day.  ``LOAD_AIM`` is the one band every piece of advice
(balance, docs/scenarios.md) points facilitators to.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass, field, replace

from deskgame.engine.arrivals import rate_segments
from deskgame.engine.params import DEFAULT_PARAMS, WorkParams
from deskgame.scenario import model as m

_EPS = 1e-9

# The offered load a scenario that should teach the lesson aims for: busy but fair (a desk
# needs slack; standard-monday is 0.86).  Below LOAD_QUIET the desk is quiet: players feel
# little pressure, though the lesson can still hold (balance measures it).
LOAD_AIM = (0.75, 0.9)
LOAD_QUIET = 0.6


# What an infinite load means, in the words a facilitator reads it: some work is asked
# for and everybody who could do it is away (``balanced_levels``).
NOBODY_LEFT = "nobody left to do it"


def describe_load(value: float, digits: int = 2) -> str:
    """A load as printed for people: ``0.86``, or ``NOBODY_LEFT`` for an infinite one
    (``f"{inf:.2f}"`` prints "inf", which tells a facilitator nothing)."""
    return NOBODY_LEFT if math.isinf(value) else f"{value:.{digits}f}"


@dataclass(frozen=True)
class Stream:
    """One stream of work: who can do it and how many minutes it brings in each round."""

    label: str
    skills: frozenset[str]
    specialists_only: bool
    minutes: tuple[float, ...]          # expected work minutes per round
    load: float = 0.0                   # the load of the group that does it (over the session)

    @property
    def total(self) -> float:
        return sum(self.minutes)


@dataclass(frozen=True)
class LoadReport:
    """The offered load of a scenario (see the module docstring for the definitions)."""

    overall: float                        # busiest group's work / time over the session
    mean: float                           # all work / all agent time, skills ignored
    by_skill: dict[str, float]            # skill -> load of the busiest group doing it
    by_round: tuple[float, ...]           # ``overall`` of each round on its own
    streams: tuple[Stream, ...] = field(repr=False, default=())
    agent_minutes: float = 0.0            # the team's time over the session
    own_ratio: dict[str, float] = field(default_factory=dict)  # work needing a skill / its holders' time

    def most_loaded_skill(self) -> tuple[str, float] | None:
        """The skill to act on first: highest load; among equals, the one whose own work
        weighs most on the people who hold it (they are the ones to reinforce)."""
        if not self.by_skill:
            return None
        skill = max(self.by_skill, key=lambda k: (round(self.by_skill[k], 9),
                                                  round(self.own_ratio.get(k, 0.0), 9), k))
        return skill, self.by_skill[skill]


def offered_load(scenario: m.Scenario, params: WorkParams = DEFAULT_PARAMS.work) -> LoadReport:
    """The scenario's offered load per skill, per round and overall."""
    streams = work_streams(scenario, params)
    capacity = agent_minutes(scenario)
    agents = scenario.team
    eligible = [_eligible(s, agents) for s in streams]
    session_work = [s.total for s in streams]
    session_time = [sum(per_round) for per_round in capacity]
    levels, _ = balanced_levels(session_work, eligible, session_time)
    streams = [replace(s, load=level) for s, level in zip(streams, levels, strict=True)]
    overall = max(levels, default=0.0)
    by_skill: dict[str, float] = {}
    for stream, level in zip(streams, levels, strict=True):
        for skill in stream.skills:
            by_skill[skill] = max(by_skill.get(skill, 0.0), level)
    by_round = []
    for r in range(scenario.rounds):
        round_levels, _ = balanced_levels([s.minutes[r] for s in streams], eligible,
                                          [per_round[r] for per_round in capacity])
        by_round.append(max(round_levels, default=0.0))
    total_time = sum(session_time)
    mean = sum(session_work) / total_time if total_time > 0 else math.inf
    own_ratio = {}
    for skill in by_skill:
        work = sum(s.total for s in streams if skill in s.skills)
        time = sum(t for a, t in zip(agents, session_time, strict=True) if skill in a.skills)
        own_ratio[skill] = work / time if time > 0 else math.inf
    return LoadReport(overall=overall, mean=mean, by_skill=dict(sorted(by_skill.items())),
                      by_round=tuple(by_round), streams=tuple(streams), agent_minutes=total_time,
                      own_ratio=own_ratio)


# ---------------------------------------------------------------------------- work
def work_streams(scenario: m.Scenario, params: WorkParams = DEFAULT_PARAMS.work) -> list[Stream]:
    """Every stream of expected work in the scenario, minutes per round."""
    rounds = scenario.rounds
    arrivals = {str(d.id): tuple(expected_arrivals(scenario, d, r) for r in range(1, rounds + 1))
                for d in scenario.demand}
    first_time = _first_time_extra(scenario, arrivals, params)
    desk = [a for a in scenario.team if a.role == "desk"]
    specialists = [a for a in scenario.team if a.role != "desk"]
    streams: list[Stream] = []
    for d in scenario.demand:
        skills = frozenset(d.skills)
        effort = d.effort.expected
        counts = arrivals[str(d.id)]
        minutes = [n * effort for n in counts]
        if d.kind == "byod":
            minutes = [w + extra for w, extra in zip(minutes, first_time[str(d.id)], strict=True)]
        escalated = 1 - params.desk_fcr
        if (d.kind == "incident" and escalated > 0 and _held(skills, specialists) and _held(skills, desk)):
            handed = [n * escalated * ((1 - params.escalate_after) * effort + params.handover_effort)
                      for n in counts]
            minutes = [w - n * escalated * (1 - params.escalate_after) * effort
                       for w, n in zip(minutes, counts, strict=True)]
            streams.append(Stream(f"{d.id} (hand-over)", skills, True, tuple(handed)))
        streams.append(Stream(str(d.id), skills, False, tuple(minutes)))
    for index, event in enumerate(scenario.events):
        if not isinstance(event, m.MajorIncident):
            continue
        r = event.at.round - 1
        offset = event.at.offset(scenario.round)
        outage = max(0.0, min(event.duration, scenario.round.length - offset))
        calls = [0.0] * rounds
        calls[r] = event.surge * outage * params.surge_effort
        streams.append(Stream(f"major incident {index + 1} calls", frozenset(), False, tuple(calls)))
        if event.fix is not None:
            fix = [0.0] * rounds
            fix[r] = event.fix.effort.expected
            fix_skills = frozenset(event.fix.skills)
            streams.append(Stream(f"major incident {index + 1} fix", fix_skills,
                                  _held(fix_skills, specialists), tuple(fix)))
    return streams


def expected_arrivals(scenario: m.Scenario, demand: m.Demand, round_no: int) -> float:
    """Expected arrivals of ``demand`` in round ``round_no`` (profile and waves included)."""
    return sum((end - start) * rate for start, end, rate in rate_segments(demand, scenario, round_no, 0.0))


def _first_time_extra(scenario: m.Scenario, arrivals: dict[str, tuple[float, ...]],
                      params: WorkParams) -> dict[str, list[float]]:
    """Extra minutes per BYOD entry and round for devices seen for the first time.

    Devices are known by name across entries and rounds (as in the engine), so an entry
    pays for a device in proportion to its share of that device's arrivals.
    """
    extra_factor = params.unknown_device_factor - 1
    byod = [d for d in scenario.demand if d.kind == "byod" and d.devices]
    out = {str(d.id): [0.0] * scenario.rounds for d in scenario.demand if d.kind == "byod"}
    if extra_factor <= 0:
        return out
    names = sorted({name for d in byod for name in d.devices or ()})
    for name in names:
        seen_before = 0.0
        for r in range(scenario.rounds):
            shares = {str(d.id): arrivals[str(d.id)][r] * (d.devices or ()).count(name) / len(d.devices or ())
                      for d in byod}
            in_round = sum(shares.values())
            if in_round <= 0:
                continue
            first_here = math.exp(-seen_before) - math.exp(-(seen_before + in_round))
            for d in byod:
                share = shares[str(d.id)] / in_round
                out[str(d.id)][r] += extra_factor * d.effort.expected * share * first_here
            seen_before += in_round
    return out


# ---------------------------------------------------------------------------- time
def agent_minutes(scenario: m.Scenario) -> list[list[float]]:
    """Minutes each agent is at work in each round (absences taken out)."""
    length = scenario.round.length
    rounds = scenario.rounds
    time = [[length] * rounds for _ in scenario.team]
    index = {a.name: i for i, a in enumerate(scenario.team)}
    for event in scenario.events:
        if not isinstance(event, m.Absence) or event.agent not in index:
            continue
        start = (event.at.round - 1) * length + event.at.offset(scenario.round)
        end = rounds * length if event.duration is None else start + event.duration
        row = time[index[event.agent]]
        for r in range(rounds):
            away = max(0.0, min(end, (r + 1) * length) - max(start, r * length))
            row[r] = max(0.0, row[r] - away)
    return time


# ---------------------------------------------------------------------------- sharing out
def _held(skills: frozenset[str], agents: list[m.TeamMember] | tuple[m.TeamMember, ...]) -> bool:
    return any(skills <= set(a.skills) for a in agents)


def _eligible(stream: Stream, agents: tuple[m.TeamMember, ...]) -> list[int]:
    return [i for i, a in enumerate(agents)
            if stream.skills <= set(a.skills) and not (stream.specialists_only and a.role == "desk")]


def balanced_levels(work: list[float], eligible: list[list[int]],
                    time: list[float]) -> tuple[list[float], list[float]]:
    """The most even sharing of ``work`` among agents: the load of each stream and agent.

    Repeatedly finds the busiest group (the set of streams whose work over the time of
    the agents able to do any of it is largest: Dinkelbach's iteration over max-flow
    cuts), gives it that load, and takes it out.  Work nobody present can do has an
    infinite load.
    """
    stream_level = [0.0] * len(work)
    agent_level = [0.0] * len(time)
    left = [i for i, w in enumerate(work) if w > _EPS]
    agents = [a for a, t in enumerate(time) if t > _EPS]
    while left:
        group, level = _busiest_group(left, work, eligible, time, agents)
        members = {a for i in group for a in eligible[i] if a in agents}
        for i in group:
            stream_level[i] = level
        for a in members:
            agent_level[a] = level
        left = [i for i in left if i not in group]
        agents = [a for a in agents if a not in members]
    return stream_level, agent_level


def _ratio(group: list[int], work: list[float], eligible: list[list[int]], time: list[float],
           agents: list[int]) -> float:
    present = set(agents)
    people = {a for i in group for a in eligible[i] if a in present}
    minutes = sum(time[a] for a in people)
    return math.inf if minutes <= _EPS else sum(work[i] for i in group) / minutes


def _busiest_group(left: list[int], work: list[float], eligible: list[list[int]], time: list[float],
                   agents: list[int]) -> tuple[list[int], float]:
    orphans = [i for i in left if not any(a in agents for a in eligible[i])]
    if orphans:
        return orphans, math.inf
    group = list(left)
    level = _ratio(group, work, eligible, time, agents)
    while True:
        blocked = _overloaded_streams(left, work, eligible, time, agents, level)
        if not blocked:
            return group, level
        ratio = _ratio(blocked, work, eligible, time, agents)
        if ratio <= level * (1 + 1e-12):
            return group, level
        group, level = blocked, ratio


def _overloaded_streams(left: list[int], work: list[float], eligible: list[list[int]],
                        time: list[float], agents: list[int], level: float) -> list[int]:
    """Streams on the source side of a minimum cut when each agent gives ``level`` x time.

    Empty when every stream can be served at that load; otherwise a set of streams whose
    work exceeds ``level`` x the time of the agents able to do it.
    """
    # Nodes: 0 source, 1..k streams, k+1..k+n agents, k+n+1 sink.
    k, n = len(left), len(agents)
    sink = k + n + 1
    agent_node = {a: k + 1 + j for j, a in enumerate(agents)}
    capacity: dict[tuple[int, int], float] = {}
    edges: list[list[int]] = [[] for _ in range(sink + 1)]

    def add(u: int, v: int, c: float) -> None:
        if (u, v) not in capacity:
            edges[u].append(v)
            edges[v].append(u)
            capacity.setdefault((v, u), 0.0)
        capacity[(u, v)] = capacity.get((u, v), 0.0) + c

    total = 0.0
    for s, i in enumerate(left):
        add(0, s + 1, work[i])
        total += work[i]
        for a in eligible[i]:
            if a in agent_node:
                add(s + 1, agent_node[a], math.inf)
    for a, node in agent_node.items():
        add(node, sink, level * time[a])
    flow = 0.0
    while True:
        parent = _augmenting_path(edges, capacity, sink)
        if parent is None:
            break
        bottleneck, v = math.inf, sink
        while v != 0:
            u = parent[v]
            bottleneck = min(bottleneck, capacity[(u, v)])
            v = u
        v = sink
        while v != 0:
            u = parent[v]
            capacity[(u, v)] -= bottleneck
            capacity[(v, u)] += bottleneck
            v = u
        flow += bottleneck
    if flow >= total * (1 - 1e-9) - _EPS:
        return []
    reached = _reachable(edges, capacity)
    return [i for s, i in enumerate(left) if s + 1 in reached]


def _augmenting_path(edges: list[list[int]], capacity: dict[tuple[int, int], float],
                     sink: int) -> dict[int, int] | None:
    parent = {0: 0}
    todo = deque([0])
    while todo:
        u = todo.popleft()
        for v in edges[u]:
            if v not in parent and capacity[(u, v)] > _EPS:
                parent[v] = u
                if v == sink:
                    return parent
                todo.append(v)
    return None


def _reachable(edges: list[list[int]], capacity: dict[tuple[int, int], float]) -> set[int]:
    seen = {0}
    todo = deque([0])
    while todo:
        u = todo.popleft()
        for v in edges[u]:
            if v not in seen and capacity[(u, v)] > _EPS:
                seen.add(v)
                todo.append(v)
    return seen
