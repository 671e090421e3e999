"""An absence reads from the back of the room, and large text keeps what the room relies on.

Found by a reviewer: Ravi's card said only a grey "away", like "free", with no reason ("off
sick" is in the scenario) and no end; in large text under a band the team cards lost their
skill chips (while hints say "needs devices: all 4 who can are busy"), and the feed showed
"@Sales posted (shown when this message goes)".
"""

from __future__ import annotations

import pygame
import pytest

from deskgame.scenario import load_scenario
from deskgame.ui import theme
from deskgame.ui.app import App, SaveOptions
from deskgame.ui.board.bands import band_lines
from deskgame.ui.scenes.play import PlayScene
from deskgame.ui.settings import Settings

from .conftest import SCENARIOS
from .ui_driver import drawn

BYOD = SCENARIOS / "byod-after-holidays.yaml"


def _card_words(app: App, name: str) -> str:
    scene = app.scenes.top
    assert isinstance(scene, PlayScene)
    scene.lay_out()
    slot = next(s for s in scene.board.agents if s.agent.name == name)
    return " ".join(d.text for d in drawn(app) if slot.rect.contains(d.rect))


def _start(size: str) -> App:
    app = App(load_scenario(BYOD), seed=2027, saves=SaveOptions(enabled=False),
              settings=Settings(text_size=size))
    app.start_play()
    app.fair_calls = False
    app.live.set_speed(1)
    for _ in range(8):
        app.step(0.5)
    return app


@pytest.mark.parametrize("size", ["normal", "large"])
def test_an_absent_card_says_why_and_until_when_and_looks_unlike_a_free_one(size: str) -> None:
    app = _start(size)
    try:
        ravi = _card_words(app, "Ravi")
        assert "away: off sick for the rest of the round" in ravi, ravi
        # an injected absence of an hour says when they are back
        world = app.live.world
        hour = {"kind": "absence", "agent": "Grace", "duration": 60.0}
        assert app.live.command("inject", event=hour) is None
        app.step(0.0)
        grace = _card_words(app, "Grace")
        assert "away until 09:3" in grace, grace  # an hour after about 08:31
        # shape, not colour alone: a free card's face, an absent card's no-entry sign (its bar is black)
        scene = app.scenes.top
        slot = next(s for s in scene.board.agents if s.agent.name == "Ravi")
        app.draw()
        from deskgame.ui.board.layout import WORK_TOP
        centre = (slot.rect.x + 16, slot.rect.y + WORK_TOP + 14)
        assert app.canvas.get_at(centre)[:3] == theme.BLACK
        assert app.canvas.get_at((centre[0], centre[1] - 8))[:3] == theme.INK_WARN
        assert world.agent_by_name["Ravi"].absent
    finally:
        app.close()


def test_large_text_keeps_every_skill_chip_under_a_two_line_band_and_no_placeholder() -> None:
    app = _start("large")
    live, world = app.live, app.live.world
    try:
        live.set_speed(8)
        for _ in range(20000):  # to the outage (its band over the board)
            if live.incident_alert:
                break
            app.step(0.25)
        live.acknowledge_incident()
        app.step(0.0)
        scene = app.scenes.top
        assert isinstance(scene, PlayScene) and scene.bands
        said = [d.text for d in drawn(app)]
        for agent in world.agents:
            for skill in agent.skills:
                assert skill in said, (agent.name, skill)
        assert not any("shown when" in s for s in said)
        assert not any(s.compact for s in scene.board.agents)
    finally:
        app.close()


def test_band_lines_pack_each_part_whole():
    pygame.font.init()
    parts = ["back by itself in 44 min", "Felix can fix it sooner: select T0027, press 4", "B: tell everyone"]
    lines = band_lines("Email DOWN", parts)
    assert sorted(" · ".join(lines).split(" · ")) == sorted(parts)
