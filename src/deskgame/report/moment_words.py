"""A rated moment's words as the debrief shows them, read from the engine's sentence.

The engine words a moment once, for every screen ("Operations waited 24 min for an answer
about 'X' (expected about 5) (kept informed).").  Beside a rating of 5 out of 100 a room
read two brackets and a "kept informed" that sounded like praise.  Here the sentence is
said once more, plainly: what they expected in the sentence, and the updates as what did
not make up for the wait.  Anything else the engine says is shown as it is.
"""

from __future__ import annotations

import re

_LATE_ANSWER = re.compile(
    r"^(?P<head>.+ waited \d+ min for an answer about '.*') \(expected about (?P<expected>\d+)\)"
    r"(?P<told> \(kept informed\))?\.$")
_OUTAGE = re.compile(r"^(?P<head>.+ went without .+ for \d+ min) \(kept informed\)\.$")


def moment_words(text: str) -> str:
    """``text`` (a moment's words from the engine) as the debrief says it."""
    found = _LATE_ANSWER.match(text)
    if found is not None:
        told = ", even with updates from the desk" if found["told"] else ""
        return f"{found['head']}, expecting one in about {found['expected']} min{told}."
    found = _OUTAGE.match(text)
    if found is not None:
        return f"{found['head']}, even with the desk's status broadcasts."
    return text
