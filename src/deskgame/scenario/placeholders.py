"""Placeholders in titles: ``{device}`` in a ``byod`` entry's titles, and nothing else.

The engine fills ``{device}`` with the caller's device in the titles of ``byod`` demand
(the built-in ones read "My {device} will not join the wifi").  Anywhere else, and for any
other word in braces (``{Device}``, ``{devices}``), the braces would reach the board as
written, so ``validate`` refuses them and says where ``{device}`` works.
"""

from __future__ import annotations

import re

from deskgame.scenario.spec import suggest

DEVICE = "{device}"
# A word in braces, as someone writes a placeholder ("{device}", "{ Device }", "{user_name}").
_PLACEHOLDER = re.compile(r"\{\s*[A-Za-z_][\w ]*\}")
WHERE = "only {device} is filled in, and only in the titles of a byod entry (with the caller's device)"


def placeholder_problem(title: str, kind: str) -> str | None:
    """Why ``title`` of a demand entry of ``kind`` (or of a major incident: ``kind`` ``"event"``)
    cannot be shown as written, or None when it can."""
    for found in _PLACEHOLDER.findall(title):
        if found == DEVICE and kind == "byod":
            continue
        if found == DEVICE:
            here = "a major incident's title" if kind == "event" else f"this {kind} entry"
            change = "write the words out" + ("" if kind == "event" else ", or make it kind: byod")
            return f"{WHERE}; in {here} it would show as written: {change}"
        meant = suggest(found, [DEVICE])
        return f"unknown placeholder {found!r}{meant}: {WHERE}; anything else in braces shows as written"
    return None
