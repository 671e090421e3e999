"""The tutorial gives a newcomer something to practise on early, and its debrief asks about it.

A workshop review: with nobody touching anything, first-day's first ticket to wait in the
queue came at about minute 175 of 240, so "set a priority, assign a ticket" had nothing to
act on; and its debrief asked one generic question.  The portal's overnight printing
requests (only Tomas prints) now put a card in the queue within minutes.
"""

from __future__ import annotations

from pathlib import Path

import pygame

from deskgame.policies import make_policy
from deskgame.scenario import load_scenario
from deskgame.session.runner import run_session
from deskgame.ui import text, theme
from deskgame.ui.app import App, SaveOptions
from deskgame.ui.scenes.cycle import AwarenessScene
from deskgame.ui.scenes.play import PlayScene
from deskgame.ui.tutorial import HintBox

from .conftest import SCENARIOS
from .ui_driver import drawn
from .ui_driver import handle_key as key

FIRST_DAY = SCENARIOS / "first-day.yaml"
EARLY = 30.0  # simulated minutes: a newcomer meets a waiting ticket by then


def _tutorial(data: Path) -> App:  # noqa: ARG001 (the fixture gives the app a fresh data folder)
    app = App(load_scenario(FIRST_DAY), saves=SaveOptions(enabled=False))
    key(app, pygame.K_RETURN)  # the briefing
    assert isinstance(app.scenes.top, PlayScene)
    app.live.set_speed(8)
    return app


def walk_to_the_debrief(app: App, press=key) -> None:  # type: ignore[no-untyped-def]
    """Play the tutorial as a newcomer who only reads the hints (Enter on each), to its debrief."""
    for _ in range(40000):
        top = app.scenes.top
        if isinstance(top, HintBox):
            press(app, pygame.K_RETURN)
        elif isinstance(top, PlayScene):
            app.step(0.25)
        else:
            return


def _waiting_card(play: PlayScene, now: float) -> str | None:
    """A ticket on the board's queue that has waited a minute or more and is not a ringing call."""
    for slot in play.board.slots:
        ticket = slot.ticket
        if not ticket.call_pending and now - ticket.arrived >= 1.0:
            return ticket.id
    return None


def test_the_tutorial_shows_a_waiting_ticket_within_half_an_hour(data: Path) -> None:
    app = _tutorial(data)
    try:
        world = app.live.world
        for _ in range(20000):
            top = app.scenes.top
            if isinstance(top, HintBox):
                key(app, pygame.K_RETURN)
                continue
            assert isinstance(top, PlayScene)
            app.draw()
            waiting = _waiting_card(top, world.now)
            if waiting is not None:
                break
            assert world.now - world.round_start <= EARLY, "no ticket waited in the queue in the first 30 min"
            app.step(0.25)
        assert waiting is not None
        assert world.now - world.round_start <= EARLY
        # It is something to practise on: P sets its priority, and Tomas (who prints) may take it.
        ticket = world.tickets[waiting]
        assert ticket.priority is None and ticket.skills <= world.agent_by_name["Tomas"].skills
    finally:
        app.close()


def test_on_every_seed_a_ticket_waits_within_half_an_hour() -> None:
    """Not only on the tutorial's own seed: a replay on another day meets the queue early too."""
    scenario = load_scenario(FIRST_DAY)
    late = []
    for seed in range(11, 31):
        world = run_session(scenario, seed, make_policy("fifo")).world
        end = world.round_start + world.round_length
        first = min((t.arrived for t in world.tickets.values() if not t.hidden and t.outcome != "unsupported"
                     and (t.started if t.started is not None else end) - t.arrived >= 1.0), default=None)
        if first is None or first - world.round_start > EARLY:
            late.append(seed)
    assert not late, f"no ticket waited in the first 30 min on seeds {late}"


def test_the_tutorial_debrief_asks_two_questions_about_the_round(data: Path) -> None:
    """Walk the tutorial as a newcomer who only reads the hints: Awareness shows at least two
    whole questions, and they are about this round (the emergency, the priorities nobody set),
    not the generic one."""
    app = _tutorial(data)
    try:
        walk_to_the_debrief(app)
        scene = app.scenes.top
        assert isinstance(scene, AwarenessScene)
        shown = [d.text for d in drawn(app)]
        assert "To talk about" in shown
        width = _width(scene)
        visible = [q for q in scene.questions  # every line of the question is on the screen
                   if all(line in shown for line in text.wrap("• " + q, theme.SIZE_BODY, width))]
        assert len(visible) >= 2, (scene.questions, shown)
        assert not any(q.startswith("Trust ended at") for q in visible[:2])
        assert "emergenc" in visible[0]
        assert visible[1].startswith("Nobody set a priority")
    finally:
        app.close()


def _width(scene: AwarenessScene) -> int:
    """The width the questions were wrapped to (beside the chart, or full width)."""
    from deskgame.ui.debrief_awareness import PANEL, W
    from deskgame.ui.debrief_questions import QUESTIONS_LEFT_X

    shown = [d for d in drawn(scene.app) if d.text == "To talk about"]
    return PANEL.width if shown and shown[0].rect.x == PANEL.x else W - 2 * QUESTIONS_LEFT_X
