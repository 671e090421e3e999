"""Every call's hint says what happens if nobody answers: a call left ringing takes its
default answer (engine.calls.ring), and a newcomer who read only the end-run's box thought
the others simply waited."""

from __future__ import annotations

import pytest

from deskgame.ui.hints import CALL_HINTS, CALL_KINDS, HINT_BY_ID

# What each kind's default answer does (engine.intake._route: the default given to Phone.ring).
DEFAULTS = {
    "end_run": "the specialist takes it",
    "byod": "refused as unsupported",
    "fake_emergency": "priority the caller claimed",
}


@pytest.mark.parametrize("kind", CALL_KINDS)
def test_the_tutorial_box_names_the_default_answer(kind: str) -> None:
    said = HINT_BY_ID[kind].words()
    assert "If nobody answers" in said and DEFAULTS[kind] in said, said


@pytest.mark.parametrize("kind", CALL_KINDS)
def test_the_board_s_one_line_hint_names_the_default_answer(kind: str) -> None:
    said = CALL_HINTS[kind]
    assert "nobody answers" in said.lower() and DEFAULTS[kind] in said, said
