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


def _picks(levels: tuple[tuple[str, float], ...], u: np.ndarray) -> list[str]:
    """``_pick`` for a whole column of uniform draws at once (the same choices, vectorised)."""
    kept = [(level, p) for level, p in levels if p > 0]
    if not kept:
        return [levels[0][0]] * len(u)
    cumulative = np.cumsum([p for _, p in kept])  # left to right, as _pick adds them
    index = np.minimum(np.searchsorted(cumulative, u, side="right"), len(kept) - 1)
    names = [level for level, _ in kept]
    return [names[i] for i in index.tolist()]


def _indices(count: int, u: np.ndarray) -> list[int]:
    """``min(int(u * count), count - 1)`` for a column of draws."""
    return np.minimum((u * count).astype(np.int64), count - 1).tolist()


def demand_arrivals(scenario: m.Scenario, seed: int, round_no: int, round_start: float,
                    index: int, demand: m.Demand) -> list[Arrival]:
    times = poisson_times(stream(seed, "arrivals", demand.id or index, round_no),
                          rate_segments(demand, scenario, round_no, round_start))
    return demand_calls(scenario, index, demand, times,
                        stream(seed, "effort", demand.id or index, round_no),
                        stream(seed, "attributes", demand.id or index, round_no))


def demand_calls(scenario: m.Scenario, index: int, demand: m.Demand, times: list[float],
                 effort_rng: np.random.Generator, attribute_rng: np.random.Generator) -> list[Arrival]:
    """Arrivals of ``demand`` at ``times``, their efforts and attributes drawn from the two streams."""
    n = len(times)
    if n == 0:
        return []
    efforts = draw_efforts(demand.effort, effort_rng, n).tolist()
    u = attribute_rng.random((n, 8))
    sizes = {c.name: c.size for c in scenario.customers}
    customers = list(demand.customers)
    cumulative = np.cumsum([sizes[c] for c in customers])
    who = np.minimum(np.searchsorted(cumulative, u[:, 0] * cumulative[-1], side="right"),
                     len(customers) - 1).tolist()
    channels = _picks(demand.channels or (("phone", 1.0),), u[:, 1])
    titles = demand.titles or ("Something is wrong",)
    title_at = _indices(len(titles), u[:, 2])
    impacts = _picks(demand.impact or (("medium", 1.0),), u[:, 3])
    urgencies = _picks(demand.urgency, u[:, 4])
    devices = demand.devices or ()
    device_at = _indices(len(devices), u[:, 5]) if devices else [None] * n
    chances, thins = u[:, 6].tolist(), u[:, 7].tolist()
    skills = frozenset(demand.skills)
    kind, name, service = demand.kind, str(demand.id), demand.service
    fake = kind == "fake_emergency"
    shout = priority_of("high", "high")
    out = []
    for i, t in enumerate(times):
        impact, urgency = impacts[i], urgencies[i]
        true_priority = priority_of(impact, urgency)
        device = devices[device_at[i]] if devices else None
        title = titles[title_at[i]]
        if device is not None and "{device}" in title:  # "My {device} will not join the wifi"
            title = title.replace("{device}", device)
        out.append(Arrival(
            t, index, kind, name, customers[who[i]], channels[i], title, service,
            impact, urgency, shout if fake else true_priority, true_priority, efforts[i], skills,
            device, chances[i], thins[i],
        ))
    return out


def surge_arrivals(scenario: m.Scenario, seed: int, round_no: int, round_start: float,
                   event_index: int, event: m.MajorIncident, surge_effort: float) -> list[Arrival]:
    """Callers about a major incident: linked tickets during the outage."""
    start = round_start + event.at.offset(scenario.round)
    end = min(start + event.duration, round_start + scenario.round.length)
    times = poisson_times(stream(seed, "surge", event_index, round_no), [(start, end, event.surge)])
    return surge_calls(scenario, event_index, event, times,
                       stream(seed, "surge-attributes", event_index, round_no), surge_effort)


def surge_calls(scenario: m.Scenario, event_index: int, event: m.MajorIncident, times: list[float],
                attribute_rng: np.random.Generator, surge_effort: float) -> list[Arrival]:
    """Callers about outage ``event_index`` at ``times``."""
    if not times:
        return []
    u = attribute_rng.random((len(times), 3)).tolist()
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


def injected_arrivals(scenario: m.Scenario, seed: int, key: tuple[int, int], round_start: float,
                      start: float, event_index: int, event: m.Event, surge_effort: float) -> list[Arrival]:
    """What an event a facilitator injects at ``start`` brings in, until the round's end.

    A wave multiplies the demand's rate at each moment (its profile, any scripted wave)
    by ``factor``, as a scripted wave does: the extra calls come at ``factor - 1`` times it.

    Drawn from streams named by the decision (``key`` = its round and engine step), never
    from the scenario's own streams, so the day everyone else faces does not change.
    """
    arrivals: list[Arrival] = []
    end = round_start + scenario.round.length
    if isinstance(event, m.MajorIncident):
        stop = min(start + event.duration, end)
        times = poisson_times(stream(seed, "inject-surge", *key), [(start, stop, event.surge)])
        arrivals = surge_calls(scenario, event_index, event, times,
                               stream(seed, "inject-surge-attributes", *key), surge_effort)
    elif isinstance(event, m.Wave):
        stop = min(start + event.duration, end)
        for index, demand in enumerate(scenario.demand):
            if demand.id in event.demand and event.factor > 1:
                extra = [(max(a, start), min(b, stop), rate * (event.factor - 1))
                         for a, b, rate in rate_segments(demand, scenario, key[0], round_start)
                         if min(b, stop) > max(a, start)]
                times = poisson_times(stream(seed, "inject-wave", *key, index), extra)
                arrivals.extend(demand_calls(scenario, index, demand, times,
                                             stream(seed, "inject-effort", *key, index),
                                             stream(seed, "inject-attributes", *key, index)))
        arrivals.sort(key=lambda a: (a.t, a.order))
    return arrivals
