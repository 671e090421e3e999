"""What a newcomer found on the board (a clean clone, played through the UI harness):
the queue's header counts ringing calls, the team's cards keep their words apart and show
the title of the work, the rising numbers stay with their card, and the detail bar speaks
plainly.

Each test drives the real app headless and checks what reached the screen (texts recorded
where they are drawn) or the layout the drawing follows.
"""

from __future__ import annotations

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
