"""Parsing the facilitator-friendly units of the format: durations, rates, clock times.

Simulated time is measured in minutes everywhere in deskgame, so every parser here
returns minutes (durations, clock times from midnight) or arrivals per minute (rates).
"""

from __future__ import annotations

import math
import re

DURATION_UNITS = {"s": 1 / 60, "m": 1.0, "h": 60.0, "d": 1440.0}
RATE_UNITS = {"m": 1.0, "h": 60.0, "d": 1440.0}

_NUMBER = r"(\d+(?:\.\d*)?|\.\d+)"
_DURATION_RE = re.compile(rf"^\s*{_NUMBER}\s*([smhd])\s*$")
_RATE_RE = re.compile(rf"^\s*{_NUMBER}\s*/\s*([mhd])\s*$")
_CLOCK_RE = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*$")


def parse_duration(text: str) -> float | None:
    """``'90s'`` -> 1.5, ``'1.5h'`` -> 90.0; None when the text is not a duration."""
    match = _DURATION_RE.match(text)
    if not match:
        return None
    value = float(match.group(1)) * DURATION_UNITS[match.group(2)]
    return value if math.isfinite(value) else None


def parse_rate(text: str) -> float | None:
    """``'6/h'`` -> 0.1 arrivals per minute; None when the text is not a rate."""
    match = _RATE_RE.match(text)
    if not match:
        return None
    value = float(match.group(1)) / RATE_UNITS[match.group(2)]
    return value if math.isfinite(value) else None


# Unit words facilitators write, and the letter the format uses for each.
UNIT_WORDS = {"s": "s", "sec": "s", "secs": "s", "second": "s", "seconds": "s",
              "m": "m", "min": "m", "mins": "m", "minute": "m", "minutes": "m",
              "h": "h", "hr": "h", "hrs": "h", "hour": "h", "hours": "h",
              "d": "d", "day": "d", "days": "d"}
_WORDY_DURATION_RE = re.compile(rf"^\s*{_NUMBER}\s*([a-zA-Z]+)\.?\s*$")
_WORDY_RATE_RE = re.compile(rf"^\s*{_NUMBER}\s*(?:/|\s+per\s+|\s+an?\s+)\s*([a-zA-Z]+)\.?\s*$")


def duration_meant(text: str) -> str | None:
    """``'90min'`` -> ``'90m'``: the duration a text with a spelled-out unit means, if any."""
    match = _WORDY_DURATION_RE.match(text)
    unit = UNIT_WORDS.get(match.group(2).lower()) if match else None
    if match is None or unit is None:
        return None
    meant = f"{match.group(1)}{unit}"
    return meant if parse_duration(meant) is not None and meant != text.strip() else None


_COMPOUND_DURATION_RE = re.compile(rf"^\s*(?:{_NUMBER}\s*[smhd]\s*){{2,}}$")
_DURATION_PART_RE = re.compile(rf"{_NUMBER}\s*([smhd])")


def compound_duration_meant(text: str) -> str | None:
    """``'1h30m'`` -> ``'90m'``: a duration written with several units, as one unit."""
    if not _COMPOUND_DURATION_RE.match(text):
        return None
    minutes = sum(float(n) * DURATION_UNITS[unit] for n, unit in _DURATION_PART_RE.findall(text))
    return format_duration(minutes) if math.isfinite(minutes) and minutes > 0 else None


def rate_meant(text: str) -> str | None:
    """``'1.5/hr'`` -> ``'1.5/h'``, ``'12 per day'`` -> ``'12/d'``; None when nothing fits."""
    match = _WORDY_RATE_RE.match(text)
    unit = UNIT_WORDS.get(match.group(2).lower()) if match else None
    if match is None or unit is None or unit == "s":
        return None
    meant = f"{match.group(1)}/{unit}"
    return meant if parse_rate(meant) is not None and meant != text.strip() else None


def parse_clock(text: str) -> float | None:
    """``'10:30'`` -> 630.0 minutes after midnight; None when not a valid clock time."""
    match = _CLOCK_RE.match(text)
    if not match:
        return None
    hours, minutes = int(match.group(1)), int(match.group(2))
    if hours > 23 or minutes > 59:
        return None
    return float(hours * 60 + minutes)


def format_clock(minutes_after_midnight: float) -> str:
    """630.0 -> ``'10:30'`` (wraps past midnight)."""
    total = int(round(minutes_after_midnight)) % 1440
    return f"{total // 60:02d}:{total % 60:02d}"


def format_duration(minutes: float) -> str:
    """480.0 -> ``'8h'``, 30.0 -> ``'30m'``, 1/60 -> ``'1s'``: the shortest exact way to write it."""
    for unit, size in (("d", 1440.0), ("h", 60.0), ("m", 1.0)):
        count = minutes / size
        if count >= 1 and abs(count - round(count)) < 1e-9:
            return f"{round(count)}{unit}"
    if minutes >= 1:
        return f"{minutes:g}m"
    return f"{minutes * 60:g}s"


def format_rate(per_minute: float) -> str:
    """0.1 -> ``'6/h'``."""
    return f"{per_minute * 60:g}/h"
