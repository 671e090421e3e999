"""What a number in a scenario is a share of, so a value written on the wrong scale gets the number meant.

Facilitators mix up three scales: shares of 1 (a probability, a weight, ``empathy``),
levels on 0-100 (``satisfaction``, the ``outsourcing_below`` trust line, a storm's ``hit``
in satisfaction points) and multipliers (``amplify``, a wave's ``factor``, a profile's
multipliers).  A percent sign (``30%``, ``"30 %"``), a 30 where a share is expected or a
0.3 where a level is expected is almost always one of them written on another; the
validator then says which number to write instead of only the range.
"""

from __future__ import annotations

import re

SHARE = "share"      # 0 to 1: 30% is 0.3
LEVEL = "level"      # 0 to 100: 30% is 30, and 0.3 is a share of 1 written by mistake
TIMES = "times"      # a multiplier: 250% is 2.5
WEIGHT = "weight"    # normalised weights (influence): 40% is 0.4 (40 works too)

# A number followed by a percent sign or the word, as facilitators write it.
_PERCENT_RE = re.compile(r"^\s*(\d+(?:\.\d*)?|\.\d+)\s*(?:%|percent|per\s*cent)\s*$", re.IGNORECASE)
# A share written as a percent number: 30 for 0.3, at most 100 (above that it is no percent).
PERCENT_MAX = 100.0


def percent_of(text: str) -> float | None:
    """``'30%'``, ``'30 %'``, ``'30 percent'`` -> 30.0; None when the text is not a percentage."""
    match = _PERCENT_RE.match(text)
    return float(match.group(1)) if match else None


def percent_hint(percent: float, scale: str, meaning: str, low: float, high: float) -> str:
    """What to write instead of ``percent``% in a field on ``scale`` whose values run ``low``-``high``.

    ``meaning`` says what the field is ("a probability is a share of 1").  When the number
    meant is out of range anyway, only the percent sign is pointed out.
    """
    meant = percent if scale == LEVEL else percent / 100
    lead = f": {meaning}, " if meaning else ": "
    if not scale or not low <= meant <= high:
        return f"{lead}write a plain number, without a percent sign"
    if scale == LEVEL:
        return f"{lead}write just {meant:g}"
    return f"{lead}write {meant:g} for {percent:g}%"


def share_above_one_hint(value: float, meaning: str) -> str:
    """A share written as a percent number (30 for 0.3); '' when ``value`` is no percent."""
    if not 1 < value <= PERCENT_MAX:
        return ""
    return f": {meaning}, write {value / 100:g} for {value:g}%" if meaning \
        else f": write {value / 100:g} for {value:g}%"


def level_below_one_message(value: float, meaning: str) -> str:
    """A 0-100 level written as a share of 1 (0.6 for 60): the whole message."""
    return f"{value:g} looks like a share of 1: {meaning}, write {value * 100:g}"
