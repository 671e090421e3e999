"""What a workshop room missed on the play board (byod-after-holidays, three rounds): last
round's posts left on the feed, a social storm with no word on the board, a "Learn" toast that
promised a slow job for a device the desk already knows, a long call title split across fonts.

Each test drives the real app headless and checks the words or pixels that reach the screen.
"""

from __future__ import annotations

import pygame
import pytest

from deskgame.engine.satisfaction import Post
from deskgame.scenario import load_scenario
from deskgame.ui import theme
from deskgame.ui.app import App, SaveOptions

from .conftest import SCENARIOS
from .ui_driver import drawn, post_key

MONDAY = SCENARIOS / "standard-monday.yaml"


@pytest.fixture
def app(monday_board):  # type: ignore[no-untyped-def]
    return monday_board


def test_the_social_feed_shows_this_round_s_posts_not_an_earlier_round_s(app):
    world = app.live.world
    old = Post(world.now, "Sales", "Old news from an earlier round.", world.round - 1)
    world.satisfaction.posts.append(old)
    feed = app.scenes.top.board.feed
    words = " ".join(d.text for d in drawn(app) if feed.contains(d.rect))
    assert "Old news" not in words and "Quiet so far" in words
    world.satisfaction.posts.append(Post(world.now, "Sales", "Fresh post today.", world.round))
    words = " ".join(d.text for d in drawn(app) if feed.contains(d.rect))
    assert "@Sales: Fresh post today." in words and "Old news" not in words


def storm_words(app: App) -> str:
    scene = app.scenes.top
    scene.lay_out()
    return " ".join(d.text for d in drawn(app) if d.rect.y < scene.board.queue.y)


def test_a_scripted_social_storm_has_a_band_saying_who_and_until_when(tmp_path):
    """byod-after-holidays storms among Sales and Board from 13:00 for an hour: the board says so,
    in a band as an outage is shown, and the band goes when the storm does."""
    made = App(load_scenario(SCENARIOS / "byod-after-holidays.yaml"), seed=3,
               saves=SaveOptions(folder=tmp_path))
    made.start_play()
    made.fair_calls = False
    live = made.live
    live.set_speed(8)
    try:
        for _ in range(20000):
            if live.incident_alert:
                live.acknowledge_incident()
            if any(e.kind == "social_storm" for e in live.world.log):
                break
            made.step(1.0)
        words = storm_words(made)
        assert "SOCIAL MEDIA STORM" in words
        assert "Sales and Board angry about IT until 14:00" in words
        assert "2.5x" in words
        while live.clock < 14 * 60 + 1:
            if live.incident_alert:
                live.acknowledge_incident()
            made.step(1.0)
        assert "SOCIAL MEDIA STORM" not in storm_words(made)
    finally:
        made.close()


def test_an_injected_storm_has_its_band_with_the_console_s_length(app):
    live = app.live
    storm = {"kind": "social_storm", "customers": ["Finance"], "duration": 90}
    assert live.command("inject", event=storm) is None
    start = live.clock
    words = storm_words(app)
    until = f"{int(start + 90) // 60:02d}:{int(start + 90) % 60:02d}"
    assert f"Finance angry about IT until {until}" in words


def until_a_byod_call(app: App):  # type: ignore[no-untyped-def]
    app.live.set_speed(8)
    for _ in range(40000):
        calls = [c for c in app.live.world.calls.values() if c.kind == "byod"]
        if calls:
            return calls[0]
        for other in list(app.live.world.calls.values()):  # other calls: answered, out of the way
            app.live.command("answer", ticket=other.id, choice=("redirect" if other.kind == "end_run"
                                                                 else "deprioritise"))
        if app.live.incident_alert:
            app.live.acknowledge_incident()
        app.step(0.5)
    raise AssertionError("no BYOD call rang")


@pytest.mark.parametrize("known", [True, False])
def test_learn_says_slow_only_for_a_device_the_desk_does_not_know(app, known):
    call = until_a_byod_call(app)
    (app.live.world.known_devices.add if known else app.live.world.known_devices.discard)(call.device)
    scene = app.scenes.top
    scene.selected = call.id
    post_key(app, pygame.K_l)
    if known:
        assert "already knows this device" in scene.message and "slow" not in scene.message
    else:
        assert scene.message.startswith("Learning it: slow this time")


def test_a_long_title_in_the_detail_panel_is_in_one_font(app):
    """ "My mail app from the app store will not pick" big and "up work mail" small read as two
    things: a title too long for one heading line is said whole in one font."""
    from deskgame.ui.board.layout import DETAIL_RECT

    world = app.live.world
    app.live.set_speed(8)
    while len([t for t in world.tickets.values() if t.is_open]) < 2:
        app.step(0.5)
    ticket, short = [t for t in world.tickets.values() if t.is_open][:2]
    long_title = "My mail app from the app store will not pick up work mail on my new tablet"
    ticket.title = long_title
    scene = app.scenes.top
    scene.selected = ticket.id
    scene.lay_out()
    inside = [d for d in drawn(app) if DETAIL_RECT.contains(d.rect) and d.colour == theme.TEXT and d.bold]
    title_parts = [d for d in inside if d.text and d.text in long_title]
    assert " ".join(d.text for d in title_parts) == long_title
    assert len({d.size for d in title_parts}) == 1
    # An ordinary ticket's facts leave the heading room (an 'emergency' call's longer ones take a
    # third line under a body-size title).
    while not [t for t in world.tickets.values() if t.is_open and t.kind == "incident" and t is not ticket]:
        app.step(0.5)
    short = next(t for t in world.tickets.values() if t.is_open and t.kind == "incident" and t is not ticket)
    short.title = "Printer jam"
    scene.selected = short.id
    scene.lay_out()
    heading = [d for d in drawn(app) if DETAIL_RECT.contains(d.rect) and d.text == "Printer jam"]
    assert heading and heading[0].size == theme.SIZE_HEADING


def test_an_outage_without_a_fix_says_it_comes_back_by_itself(app):
    """An outage injected from the console has no fix: its band said "fix: nobody here" over a
    Priya who held every skill, and a room read it as "nobody on the team can"."""
    from deskgame.ui import engine_view

    live = app.live
    assert live.command("inject", event={"kind": "major_incident", "service": "orders", "duration": 45,
                                         "surge": 6}) is None
    if live.incident_alert:
        live.acknowledge_incident()
    app.step(1 / 60)
    outage = engine_view.outages(live.world)[-1]
    assert not outage.has_fix
    said = " ".join(d.text for d in drawn(app))
    assert "back by itself" in said and "nobody here" not in said
