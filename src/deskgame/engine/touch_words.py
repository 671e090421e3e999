"""How each kind of moment of truth is told: a template, its values and the voice for a post.

Kept apart from the satisfaction model, which rates facts: the words are filled in only
when a moment is read (the feed, the debrief), never for the thousands nobody reads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from deskgame.engine.satisfaction import Touch


def words_of(touch: Touch) -> tuple[str, tuple, str]:
    """(template, values, the voice to use if it goes public)."""
    c, title = touch.customer, touch.title
    kind = touch.kind
    if kind == "first_answer":
        if touch.wait <= touch.expected:
            if touch.wait <= 5:
                return "{} got a quick answer about '{}'.", (c, title), "late_answer"
            return ("{} got an answer about '{}' after {:.0f} min, within the promised time.",
                    (c, title, touch.wait), "late_answer")
        told = " (kept informed)" if touch.updates else ""
        return ("{} waited {:.0f} min for an answer about '{}' (expected about {:.0f}){}.",
                (c, touch.wait, title, touch.expected, told), "late_answer")
    if kind == "chase":
        told = ", though kept informed" if touch.updates else ""
        # "Still no answer" read wrong after a call that was answered ("told its real priority")
        # and then waited: what they wait for is someone to start on it.
        return ("{}: still waiting for anyone to start on '{}' after {:.0f} min{}.",
                (c, title, touch.wait, told), "waiting_informed" if touch.updates else "waiting")
    if kind == "resolution":
        how = "at the first contact" if touch.first_contact else "after a hand-over"
        return "{}: '{}' fixed {}.", (c, title, how), "slow_fix"
    if kind == "outage":
        told = " (kept informed)" if touch.broadcasts else ""
        return ("{} went without {} for {:.0f} min{}.", (c, touch.service, touch.wait, told),
                "outage_informed" if touch.broadcasts else "outage")
    texts = {
        "handover": ("{}: '{}' passed on to a specialist.", (c, title), "other"),
        "redirect": ("{}: asked to log '{}' with the desk.", (c, title), "other"),
        "unsupported": ("{} heard that their {} is not supported.", (c, touch.device), "unsupported"),
        "still_broken": ("{} still cannot use their {} and asked {} to fix it on the quiet.",
                         (c, touch.device, touch.agent), "unsupported") if touch.agent else (
            "{} still cannot use their {}.", (c, touch.device), "unsupported"),
        "end_run_taken": ("{} dropped everything for {}: '{}' (off the books).", (touch.agent, c, title),
                          "other"),
        "dropped": ("{} dropped {}'s '{}' for a louder caller.", (touch.agent, c, title), "dropped"),
        "fake_served": ("{} got everyone's attention for '{}'.", (c, title), "other"),
        "fake_declined": ("{} heard that '{}' is not an emergency.", (c, title), "other"),
    }
    return texts[kind]
