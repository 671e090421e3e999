"""What arrives in a round, drawn up front from streams no decision can touch.

Every team playing the same scenario and seed faces the same day: arrival times and
every attribute of every call are drawn here, per demand entry and round, from
streams named by the demand's ``id``.  Decisions later decide only what happens to
them (a thinning draw for end-run habits and broadcasts is drawn here too).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

import numpy as np

from deskgame.engine.distributions import draw_efforts
from deskgame.engine.priority import priority_of
from deskgame.engine.rng import stream
from deskgame.scenario import model as m
from deskgame.scenario.profile import normalised_segments


@dataclass(slots=True)
class Arrival:
    t: float
    order: int                 # tie-break between streams: demand index, then events after
    kind: str
    demand: str
    customer: str
    channel: str
    title: str
    service: str
    impact: str
    urgency: str
    stated_priority: str
    true_priority: str
    effort: float
    skills: frozenset[str]
    device: str | None
    chance: float              # uniform draw: does a desk agent need a specialist for it?
    thin: float                # uniform draw: thinned away by broadcasts or improvements?
    linked: int | None = None  # major incident index for surge callers


def rate_segments(demand: m.Demand, scenario: m.Scenario, round_no: int,
                  round_start: float) -> list[tuple[float, float, float]]:
    """``(start, end, rate per minute)`` in absolute simulated minutes, waves included."""
    base = [(round_start + a, round_start + b, demand.rate * f)
            for a, b, f in normalised_segments(demand.profile, scenario.round)]
    for event in scenario.events:
        if not isinstance(event, m.Wave) or event.at.round != round_no or demand.id not in event.demand:
            continue
        offset = event.at.offset(scenario.round)
        w_start = round_start + offset
        w_end = min(w_start + event.duration, round_start + scenario.round.length)
        base = _multiply(base, w_start, w_end, event.factor)
    return base


def _multiply(segments: list[tuple[float, float, float]], start: float, end: float,
              factor: float) -> list[tuple[float, float, float]]:
    out = []
    for a, b, rate in segments:
        for lo, hi, f in ((a, min(b, start), 1.0), (max(a, start), min(b, end), factor),
                          (max(a, end), b, 1.0)):
            if hi > lo:
                out.append((lo, hi, rate * f))
    return out


def poisson_times(rng: np.random.Generator, segments: list[tuple[float, float, float]]) -> list[float]:
    """Exact non-homogeneous Poisson arrivals for piecewise-constant rates.

    Within a segment gaps are exponential; at a boundary the process restarts
    (memorylessness makes that exact).
    """
    times: list[float] = []
    units: list[float] = []
    for start, end, rate in segments:
        if rate <= 0:
            continue
        t = start
        while True:
            if not units:
                units = rng.exponential(1.0, 1024).tolist()[::-1]
            t += units.pop() / rate
            if t >= end:
                break
            times.append(t)
    return times


def _pick(levels: tuple[tuple[str, float], ...], u: float) -> str:
    total = 0.0
    last = levels[0][0]
    for level, p in levels:
        if p <= 0:
            continue
        total += p
        last = level
        if u < total:
            return level
    return last


def _weighted_index(cumulative: list[float], u: float) -> int:
    return min(bisect.bisect_right(cumulative, u * cumulative[-1]), len(cumulative) - 1)


def demand_arrivals(scenario: m.Scenario, seed: int, round_no: int, round_start: float,
                    index: int, demand: m.Demand) -> list[Arrival]:
    times = poisson_times(stream(seed, "arrivals", demand.id or index, round_no),
                          rate_segments(demand, scenario, round_no, round_start))
    n = len(times)
    if n == 0:
        return []
    efforts = draw_efforts(demand.effort, stream(seed, "effort", demand.id or index, round_no), n)
    u = stream(seed, "attributes", demand.id or index, round_no).random((n, 8)).tolist()
    sizes = {c.name: c.size for c in scenario.customers}
    customers = list(demand.customers)
    cumulative = list(np.cumsum([sizes[c] for c in customers]))
    titles = demand.titles or ("Something is wrong",)
    devices = demand.devices or ()
    skills = frozenset(demand.skills)
    out = []
    for i, t in enumerate(times):
        row = u[i]
        impact = _pick(demand.impact or (("medium", 1.0),), row[3])
        urgency = _pick(demand.urgency, row[4])
        true_priority = priority_of(impact, urgency)
        stated = priority_of("high", "high") if demand.kind == "fake_emergency" else true_priority
        out.append(Arrival(
            t=t, order=index, kind=demand.kind, demand=str(demand.id), service=demand.service,
            customer=customers[_weighted_index(cumulative, row[0])],
            channel=_pick(demand.channels or (("phone", 1.0),), row[1]),
            title=titles[min(int(row[2] * len(titles)), len(titles) - 1)],
            impact=impact, urgency=urgency, stated_priority=stated, true_priority=true_priority,
            effort=float(efforts[i]), skills=skills,
            device=devices[min(int(row[5] * len(devices)), len(devices) - 1)] if devices else None,
            chance=row[6], thin=row[7],
        ))
    return out


def surge_arrivals(scenario: m.Scenario, seed: int, round_no: int, round_start: float,
                   event_index: int, event: m.MajorIncident, surge_effort: float) -> list[Arrival]:
    """Callers about a major incident: linked tickets during the outage."""
    start = round_start + event.at.offset(scenario.round)
    end = min(start + event.duration, round_start + scenario.round.length)
    times = poisson_times(stream(seed, "surge", event_index, round_no), [(start, end, event.surge)])
    if not times:
        return []
    u = stream(seed, "surge-attributes", event_index, round_no).random((len(times), 3)).tolist()
    names = [c.name for c in scenario.customers]
    cumulative = list(np.cumsum([c.size for c in scenario.customers]))
    impact = {s.id: s.impact for s in scenario.services}.get(event.service, "high")
    title = event.title or "The service is down"
    order = len(scenario.demand) + event_index
    return [
        Arrival(t=t, order=order, kind="incident", demand=f"major-incident-{event_index}",
                customer=names[_weighted_index(cumulative, u[i][0])],
                channel="phone" if u[i][1] < 0.7 else "email", title=title, service=event.service,
                impact=impact, urgency="high", stated_priority=priority_of(impact, "high"),
                true_priority=priority_of(impact, "high"), effort=surge_effort,
                skills=frozenset(), device=None, chance=1.0, thin=u[i][2], linked=event_index)
        for i, t in enumerate(times)
    ]


def round_arrivals(scenario: m.Scenario, seed: int, round_no: int, round_start: float,
                   surge_effort: float) -> list[Arrival]:
    """Everything that will arrive in round ``round_no``, in time order (ties by stream)."""
    arrivals: list[Arrival] = []
    for index, demand in enumerate(scenario.demand):
        arrivals.extend(demand_arrivals(scenario, seed, round_no, round_start, index, demand))
    for event_index, event in enumerate(scenario.events):
        if isinstance(event, m.MajorIncident) and event.at.round == round_no:
            arrivals.extend(surge_arrivals(scenario, seed, round_no, round_start, event_index,
                                           event, surge_effort))
    arrivals.sort(key=lambda a: (a.t, a.order))
    return arrivals
