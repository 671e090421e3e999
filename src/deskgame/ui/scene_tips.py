"""Tooltips for the screens around play (title, debrief, end), registered from outside them.

The board and the settings screen register their own meters and buttons while drawing.
The other screens are written elsewhere, so they get a hook: a scene with a
``tooltips()`` method returning (rect, words) pairs is asked for them; until a scene has
one, the reader here for its class (by name) registers what it can read from the scene's
public layout.  A reader that no longer fits the scene registers nothing rather than fail.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import pygame

from deskgame.ui import tooltips


def _title(scene: Any) -> Iterable[tuple[pygame.Rect, str]]:
    for index, item in enumerate(scene.items):
        if item.name == "resume":
            words = f"Carry on the unfinished session saved in {item.summary}. Enter or a click."
        else:
            words = f"{item.title}: {item.summary} (Enter or a second click starts it.)"
        yield scene._row(index), words


def _will(scene: Any) -> Iterable[tuple[pygame.Rect, str]]:
    from deskgame.engine.cards import CARDS

    adopted = scene.app.live.world.adopted
    left = scene.budget - scene.spent
    for rect, card_id in scene.rects:
        card = CARDS[card_id]
        words = f"{card.title} ({card.cost} point{'s' if card.cost != 1 else ''}): {card.changes}"
        if card_id in adopted:
            words += " Cannot be picked: already in force."
        elif card_id not in scene.offer:
            words += " Cannot be picked: not offered in this scenario."
        elif card_id in scene.chosen:
            words += " Chosen: Space or a click puts it back."
        elif card.cost > left:
            points = "1 point is" if left == 1 else f"{left} points are"
            words += f" Cannot be picked: it costs {card.cost} and {points} left."
        yield rect, words


def _awareness(scene: Any) -> Iterable[tuple[pygame.Rect, str]]:
    for rect, index in scene.marks:
        moment = scene.marked[index]
        better = "better" if moment["delta"] > 0 else "worse"
        yield rect, (f"Moment {index + 1}: rated {moment['rating']:.0f}/100, one of the round's "
                     f"{better} moments. Click it (or Left/Right) to read it below the chart.")


def _end(scene: Any) -> Iterable[tuple[pygame.Rect, str]]:
    for index, (_, key, label, detail) in enumerate(scene.CHOICES):
        yield scene._rect(index), f"{label} ({key}): {detail}."


READERS: dict[str, Callable[[Any], Iterable[tuple[pygame.Rect, str]]]] = {
    "TitleScene": _title,
    "WillScene": _will,
    "AwarenessScene": _awareness,
    "EndScene": _end,
}


def register(scene: Any) -> None:
    """Register the hoverable things of ``scene`` (the screen in front) for this frame."""
    hook = getattr(scene, "tooltips", None)
    reader = hook if callable(hook) else READERS.get(type(scene).__name__)
    if reader is None:
        return
    try:
        found = list(reader() if reader is hook else reader(scene))
    except (AttributeError, KeyError, TypeError, IndexError, ValueError):
        return  # the screen changed shape: no tooltips rather than a crash
    for rect, words in found:
        tooltips.add(rect, words)
