"""A scenario event's details as the debrief's Events table says them, scripted or injected.

Why one function for both: the facilitator reads the scripted rows and the injected rows
one under the other, and the same event must read the same ("60 min", "12/h"), whether
the scenario's loader made it (a model object) or the F9 console recorded it (a decision's
``event``, in the engine's units: minutes, and calls per minute).  A room once read
"duration 60" beside "duration 60 min" and "surge 0.2" beside "15/h".
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

# The order the details are said in, whoever wrote them: who or what first, then how long,
# then how hard.  Keys not listed follow in their own order.
ORDER = ("service", "demand", "agent", "customers", "duration", "surge", "factor", "hit", "amplify",
         "reason", "title")
LEFT_OUT = ("at", "kind", "fix")   # when it happens is its own column; a fix is not the room's news
UNTIL_THE_END = "until the end of the session"
EVERYONE = "every department"


def event_value(kind: str, key: str, value: Any) -> str | None:
    """One detail's value in the room's units; None when there is nothing to say.  A value
    that is not a number where one belongs (a hand-edited file) is said as written."""
    if key in ("duration", "surge", "factor", "amplify", "hit") and value is not None \
            and (isinstance(value, bool) or not isinstance(value, int | float)):
        return str(value)
    if key == "duration":
        if value is None:
            return UNTIL_THE_END if kind == "absence" else None
        return f"{float(value):g} min"
    if value is None or value == "":
        return None
    if key == "surge":
        return f"{float(value) * 60:g}/h"      # calls per minute, said per hour
    if key in ("factor", "amplify"):
        return f"\u00d7{float(value):g}"
    if key == "hit":
        return f"{float(value):g}"
    if key == "customers" and value == "all":
        return EVERYONE
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value) if value else None
    return str(value)


def event_details(kind: str, fields: Iterable[tuple[str, Any]]) -> str:
    """ "service email, duration 60 min, surge 12/h": the details of one event, in ``ORDER``."""
    given = [(k, v) for k, v in fields if k not in LEFT_OUT]
    rank = {key: i for i, key in enumerate(ORDER)}
    given.sort(key=lambda pair: rank.get(pair[0], len(ORDER)))
    said = [(k, event_value(kind, k, v)) for k, v in given]
    if kind == "absence" and not any(k == "duration" for k, _ in given):
        said.append(("duration", UNTIL_THE_END))
    # "until the end of the session" says its own key: "agent Grace, until the end of the session".
    return ", ".join(v if v == UNTIL_THE_END else f"{k} {v}" for k, v in said if v is not None)
