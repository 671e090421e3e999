"""An outage's fix ("Restore ...") is the team's own job: no customer rates it, and it counts
in SLA met the same way in the game and in the debrief (a workshop room saw the HTML give the
team that started its fix late a P1 miss while the team that never started it had none)."""

from __future__ import annotations

import json
from pathlib import Path

from deskgame.policies import make_policy
from deskgame.report.figures import sla_by_priority
from deskgame.report.sessions import load_session
from deskgame.scenario import load_scenario
from deskgame.session.results import build_results, dumps
from deskgame.session.runner import run_session

from .conftest import SCENARIOS

BYOD = SCENARIOS / "byod-after-holidays.yaml"


def test_no_customer_rates_the_fix_and_an_unstarted_fix_is_a_p1_miss_in_the_debrief(tmp_path: Path):
    outcome = run_session(load_scenario(BYOD), 4, make_policy("servant"))
    world = outcome.world
    fixes = [t for t in world.tickets.values() if t.repair]
    assert len(fixes) == 1
    fix = fixes[0]
    assert fix.title.startswith("Restore ") and fix.started is None and fix.outcome == "overtaken"
    rated = {e.data["moment"].ticket for e in world.log if e.kind == "moment"}
    assert fix.id not in rated
    assert rated, "customers were rated"

    path = tmp_path / "servant.json"
    path.write_text(dumps(build_results(outcome, "servant", "Servant")))
    row = next(t for r in json.loads(path.read_text())["rounds"] for t in r["tickets"] if t["id"] == fix.id)
    assert row["outcome"] == "overtaken" and row["rating"] is None
    with_fix = sla_by_priority(load_session(path))["P1"]
    path.write_text(path.read_text().replace('"overtaken"', '"outage_over"'))  # as 0.4 wrote it
    without = sla_by_priority(load_session(path))["P1"]
    assert with_fix.pool == without.pool + 1 and with_fix.met == without.met  # counted, and missed


def test_a_fix_the_team_finishes_is_resolved_and_still_rated_by_nobody():
    world = run_session(load_scenario(BYOD), 1, make_policy("triage")).world
    fix = next(t for t in world.tickets.values() if t.repair)
    assert fix.outcome == "resolved" and fix.rating is None
    ended = [e for e in world.log if e.kind == "major_incident_ended"]
    assert ended and ended[0].data["fixed"] and ended[0].t == fix.resolved


def test_work_finished_counts_fixes_only():
    """The score's "work finished" (resolved / arrived): an "unsupported" answer, an outage
    caller's call closed by the outage's end and an overtaken fix are not work done (a room saw
    6 auto-closed outage calls counted as resolved; a bot saying no to every BYOD call was paid
    for it)."""
    outcome = run_session(load_scenario(BYOD), 4, make_policy("servant"))
    world = outcome.world
    first = outcome.rounds[0]
    start, end = 0.0, world.scenario.round.length
    fixed = [t for t in world.tickets.values() if not t.hidden and t.outcome == "resolved"
             and t.resolved is not None and start <= t.resolved < end]
    closed = [t for t in world.tickets.values() if not t.hidden and t.resolved is not None
              and start <= t.resolved < end]
    assert first["kpis"]["resolved"] == len(fixed) < len(closed)
    assert {t.outcome for t in closed} >= {"resolved", "unsupported", "outage_over", "overtaken"}
    callers = sum(1 for t in world.tickets.values() if t.round == 1 and t.linked is not None)
    desk = sum(1 for t in world.tickets.values() if t.round == 1 and not t.hidden)
    assert callers > 0 and first["arrived"] == desk - callers


def test_the_board_calls_the_fix_the_team_s_job_not_a_customer_s_call(tmp_path: Path):
    import pygame

    from deskgame.ui import text
    from deskgame.ui.app import App, SaveOptions

    from .ui_driver import handle_key

    app = App(load_scenario(BYOD), seed=4, saves=SaveOptions(folder=tmp_path))
    app.start_play()
    try:
        world = app.live.world
        app.live.set_speed(8)
        while not any(t.repair for t in world.tickets.values()):
            app.step(0.5)
        handle_key(app, pygame.K_RETURN)  # the major incident's box: carry on
        fix = next(t for t in world.tickets.values() if t.repair)
        assert type(app.scenes.top).__name__ == "PlayScene"
        app.scenes.top.selected = fix.id
        seen: list[text.Drawn] = []
        with text.recording(seen.append, lambda what, rect: None):
            app.draw()
        words = " ".join(d.text for d in seen)
        assert "the team's fix for the outage" in words and "rated by no customer" in words, words[-400:]
        # Its queue card names no customer (drawn alone: a ringing call may hold the column).
        from deskgame.ui.board import queue
        from deskgame.ui.board.layout import CardSlot

        card: list[text.Drawn] = []
        with text.recording(card.append, lambda what, rect: None):
            queue._draw_card(pygame.display.get_surface(), CardSlot(pygame.Rect(20, 200, 340, 120), fix,
                                                                    [fix.title], []), world, False, 0, {})
        said = " ".join(d.text for d in card)
        assert "outage fix" in said and fix.customer not in said, said
        assert f"{fix.customer} · phone" not in words
        # Its priority, update and escalate buttons are shown off, each with why; U says why too.
        app.step(0.0)
        buttons = {b.action: b for b in app.scenes.top.board.buttons}
        for action in ("priority", "update", "escalate"):
            assert not buttons[action].active and buttons[action].why_not, action
        handle_key(app, pygame.K_u)
        assert fix.updates == 0 and not any(d["action"] == "update" for d in world.decisions)
    finally:
        app.close()
        pygame.quit()
