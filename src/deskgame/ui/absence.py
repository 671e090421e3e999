"""Why someone is away, in the scenario's own words, so every screen says the same thing.

An absence event may give its ``reason``; older files only say it in the briefing ("Ravi
is off sick").  The chart's marker and the team's voice use the event's reason, else the
briefing's from a short list, and otherwise say only "away" (a room saw "off sick" in the
briefing, "called away" on the chart and "a quiet round" in Ravi's own voice).
"""

from __future__ import annotations

import re

# Reasons a briefing may give for "<name> is ...": matched whole, as written.
REASONS = ("off sick", "ill", "on leave", "on holiday", "on a course", "on training", "at a conference",
           "at a funeral", "on parental leave")


def absence_reason(briefing: str, agent: str, given: str = "") -> str:
    """The reason for ``agent``'s absence ("off sick"): the one the event ``given``, else the
    briefing's, or ""."""
    if given:
        return given
    pattern = rf"\b{re.escape(agent)} (?:is|was|will be) ({'|'.join(re.escape(r) for r in REASONS)})\b"
    found = re.search(pattern, briefing, flags=re.IGNORECASE)
    return found.group(1).lower() if found else ""
