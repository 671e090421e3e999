"""Tooltips for the screens around play (title, debrief, end).

The board and the settings screen register their own meters and buttons while drawing.
The other screens say what can be hovered through a ``tooltips()`` method returning
(rect, words) pairs, asked once a frame for the screen in front.
"""

from __future__ import annotations

from typing import Any

from deskgame.ui import tooltips


def register(scene: Any) -> None:
    """Register the hoverable things of ``scene`` (the screen in front) for this frame."""
    hook = getattr(scene, "tooltips", None)
    if callable(hook):
        for rect, words in hook():
            tooltips.add(rect, words)
