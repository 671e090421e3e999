"""What a newcomer found on the board (a clean clone, played through the UI harness):
the queue's header counts ringing calls, the team's cards keep their words apart and show
the title of the work, the rising numbers stay with their card, and the detail bar speaks
plainly.

Each test drives the real app headless and checks what reached the screen (texts recorded
where they are drawn) or the layout the drawing follows.
"""

from __future__ import annotations

import re

import pygame
import pytest

from deskgame.scenario import load_scenario
from deskgame.ui import text
from deskgame.ui.app import App, SaveOptions

from .conftest import SCENARIOS

MONDAY = SCENARIOS / "standard-monday.yaml"


@pytest.fixture
def app(tmp_path):  # type: ignore[no-untyped-def]
    made = App(load_scenario(MONDAY), seed=7, saves=SaveOptions(folder=tmp_path))
    made.start_play()
    yield made
    made.close()


def drawn(app: App) -> list[text.Drawn]:
    seen: list[text.Drawn] = []
    with text.recording(seen.append, lambda what, rect: None):
        app.draw()
    return seen


def until_a_call(app: App) -> None:
    app.live.set_speed(8)
    for _ in range(20000):
        if app.live.world.calls:
            return
        app.step(0.25)
    raise AssertionError("no call rang")


def test_the_queue_header_counts_the_ringing_calls_shown_under_it(app):
    until_a_call(app)
    world = app.live.world
    header = next(d.text for d in drawn(app) if d.text.startswith("Incoming") or " waiting" in d.text)
    assert f"{len(world.queue)} waiting" in header
    assert f"{len(world.calls)} ringing" in header, header


# ------------------------------------------------------------------ 6. one word for one thing
def test_the_briefing_names_sla_met_as_the_board_does_and_explains_it_once() -> None:
    from deskgame.ui.scenes.menus import briefing_rules

    rules = " ".join(briefing_rules(load_scenario(MONDAY)))
    assert "response targets met" not in rules
    assert "SLA met " in rules and "SLA met: the share of tickets started within" in rules


def test_the_refuse_button_and_the_hints_say_the_same_word() -> None:
    from deskgame.ui.board.layout import CHOICE_TIPS, SHORT_CHOICE
    from deskgame.ui.hints import CALL_HINTS, HINT_BY_ID

    verb = SHORT_CHOICE["unsupported"].split(" ", 1)[1].lower()  # "N Refuse" -> "refuse"
    for said in (HINT_BY_ID["byod"].text, CALL_HINTS["byod"], CHOICE_TIPS["unsupported"]):
        assert re.search(rf"(\bn:? |^){verb}", said.lower()), said


def test_the_detail_bar_says_priorities_and_kinds_in_plain_words(app):
    until_a_call(app)
    scene = app.scenes.top
    call = next(iter(app.live.world.calls.values()))
    scene.selected = call.id
    facts = " ".join(d.text for d in drawn(app) if d.rect.y > 590)
    assert "stated" not in facts and "set none" not in facts
    assert f"says {call.stated_priority}" in facts and "no priority set yet" in facts, facts
    assert "end run" not in facts


def test_a_ringing_call_s_flag_explains_itself_under_the_pointer(app):
    from deskgame.ui import help_texts, tooltips

    until_a_call(app)
    app.draw()
    call = next(iter(app.live.world.calls.values()))
    card = next(slot.rect for slot in app.scenes.top.board.slots if slot.ticket.id == call.id)
    flag = pygame.Rect(card.x + 50, card.y + 8, 20, 20)  # the flag leads the card's top line
    tip = tooltips.hit(flag.center)
    assert tip is not None and tip.words == help_texts.CALL_LABEL_TIPS[call.kind]


def test_the_title_says_what_a_seed_is_where_the_word_first_shows(tmp_path, monkeypatch):
    from deskgame.ui import help_texts, tooltips

    monkeypatch.setenv("DESKGAME_DATA_DIR", str(tmp_path / "data"))
    title = App(None, saves=SaveOptions(enabled=False))
    try:
        seen = drawn(title)
        line = next(d for d in seen if "seed" in d.text)
        tip = tooltips.hit(line.rect.center)
        assert tip is not None and tip.words == help_texts.SEED_TIP
    finally:
        title.close()
