"""Awareness after a round with an outage: its waits are the SLA figure's tickets, the outage's
callers are said with it, and waits that rose while satisfaction did not fall come with the
model's reason (the service catalogue card the team bought).  Drawn at 1280x720."""

from __future__ import annotations

import pygame

from deskgame.report.round_figures import department_waits, world_facts
from deskgame.ui.scenes.cycle import AwarenessScene

from .test_debrief_review import app_for, end_round, next_round
from .ui_driver import drawn

SCREEN = pygame.Rect(0, 0, 1280, 720)


def test_round_2_awareness_leaves_outage_callers_out_and_says_why_waits_rose():
    app = app_for("standard-monday", seed=7)
    try:
        end_round(app)
        next_round(app, ["service_catalog"])
        end_round(app)
        scene = app.scenes.top
        assert isinstance(scene, AwarenessScene)
        world, record = app.live.world, scene.record
        callers = [row for row in record["tickets"] if world.tickets[row["id"]].linked is not None]
        assert callers, "round 2 has the order-entry outage"
        # each department's wait, by hand from the tickets the SLA figure counts
        end = record["series"]["t"][-1]
        by_hand: dict[str, list[float]] = {}
        for row in record["tickets"]:
            if world.tickets[row["id"]].linked is None and row["outcome"] != "unsupported":
                started = row["started"] if row["started"] is not None else end
                by_hand.setdefault(row["customer"], []).append(started - row["arrived"])
        shown = {c.label: c.this for c in scene.changes if c.group == "wait"}
        assert shown == {name: sum(v) / len(v) for name, v in by_hand.items()}
        assert shown == department_waits(record, world_facts(world))
        # the outage's callers are counted on their own, in the headline that names the outage
        assert f"this round had an outage ({len(callers)} callers, not in the waits)" in scene.headline
        # a wait that rose while satisfaction did not fall carries the catalogue's reason
        satisfaction = {c.label: c for c in scene.changes if c.group == "satisfaction"}
        puzzling = [c for c in scene.changes if c.group == "wait" and c.direction == "up" and c.weight > 0
                    and satisfaction[c.label].direction != "down"]
        assert puzzling, "seed 7: waits rose in round 2 while satisfaction rose"
        assert all("Service catalogue" in c.why for c in puzzling)
        # what the room reads: the headline's words all drawn, inside the screen
        seen = drawn(app)
        words = " ".join(d.text for d in seen if d.rect.y < scene.chart.y)
        assert "not in the waits)." in words
        if any(c.words in scene.headline for c in puzzling):
            assert "Yet satisfaction in" in words and "not an answer now." in words
        assert all(SCREEN.contains(d.rect) for d in seen)
    finally:
        app.close()


def test_in_large_text_a_reason_the_headline_drops_is_asked_among_the_questions():
    """Large text keeps every moment whole by naming fewer changes; the reason waits rose while
    satisfaction rose then goes first among the questions (which page, so it is never lost)."""
    from deskgame.report.compare import reason_question
    from deskgame.scenario import load_scenario
    from deskgame.ui import settings as user_settings
    from deskgame.ui.app import App, SaveOptions

    from .conftest import SCENARIOS

    said = {}
    for size in ("normal", "large"):
        app = App(load_scenario(SCENARIOS / "standard-monday.yaml"), seed=1, saves=SaveOptions(enabled=False),
                  settings=user_settings.Settings(text_size=size))
        app.start_play()
        try:
            end_round(app)
            next_round(app, ["service_catalog"])
            end_round(app)
            scene = app.scenes.top
            reason = reason_question(scene.changes)
            assert reason is not None and "Service catalogue" in reason
            in_headline = "Yet satisfaction in" in scene.headline
            asked = reason in scene.questions
            assert in_headline != asked, f"{size}: the reason is said exactly once"
            if asked:
                assert scene.questions[0] == reason
                seen = " ".join(d.text for d in drawn(app))
                assert "Better service, or lower hopes?" in seen  # on the first page, drawn whole
            said[size] = in_headline
        finally:
            app.close()
            user_settings.apply(user_settings.Settings())
    # seed 1: as a room saw it, large text had no room for the reason in the headline
    assert said == {"normal": True, "large": False}
