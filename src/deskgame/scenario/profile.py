"""Rate profiles: how a demand's mean rate is spread over the round.

A profile only redistributes arrivals: its multipliers are normalised to a mean of 1
over the round, so ``rate`` stays the average.  Segments are ``(start, end, factor)``
in minutes from the round's start.
"""

from __future__ import annotations

import math

from deskgame.scenario.model import RoundShape

# The workday shape over an 8 h day from 08:00; stretched to any round start and length.
WORKDAY = ((0.0, 1.5), (2 / 8, 1.2), (4 / 8, 0.6), (5 / 8, 1.0), (7 / 8, 0.8))

Segments = tuple[tuple[float, float, float], ...]


def raw_segments(profile: str | tuple[tuple[float, float], ...], shape: RoundShape) -> Segments:
    """Piecewise-constant segments covering ``[0, length)``, not yet normalised."""
    length = shape.length
    if profile == "flat":
        return ((0.0, length, 1.0),)
    if profile == "workday":
        points = [(fraction * length, factor) for fraction, factor in WORKDAY]
    else:
        assert not isinstance(profile, str)
        points = profile_offsets(profile, shape)
        inside = [(offset, factor) for offset, factor in points if offset < length]
        if not inside:
            inside = [(0.0, points[0][1])]
        elif inside[0][0] > 0:
            # Before the first listed time the first listed multiplier applies.
            inside.insert(0, (0.0, inside[0][1]))
        points = inside
    segments = []
    for index, (start, factor) in enumerate(points):
        end = points[index + 1][0] if index + 1 < len(points) else length
        if end > start:
            segments.append((start, end, factor))
    return tuple(segments)


def profile_offsets(profile: tuple[tuple[float, float], ...],
                    shape: RoundShape) -> list[tuple[float, float]]:
    """A map profile's points as (minutes after the round's start, factor), in time order.

    A map is a daily pattern: in a round longer than a day it repeats every day.
    """
    day = sorted(((clock - shape.start) % 1440, factor) for clock, factor in profile)
    days = max(1, math.ceil(shape.length / 1440))
    return [(offset + 1440 * d, factor) for d in range(days) for offset, factor in day]


def mean_factor(segments: Segments, length: float) -> float:
    return sum((end - start) * factor for start, end, factor in segments) / length


def normalised_segments(profile: str | tuple[tuple[float, float], ...],
                        shape: RoundShape) -> Segments:
    """Segments whose factors average 1 over the round (empty when all factors are 0)."""
    segments = raw_segments(profile, shape)
    mean = mean_factor(segments, shape.length)
    if mean <= 0:
        return ()
    return tuple((start, end, factor / mean) for start, end, factor in segments)
