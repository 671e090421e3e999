"""The change cycle and the ending, headless, through real keys: what the room is shown.

A two-round session of a small scenario is played at 8x; the tests read what the scenes
drew (``ui.text.recording``) and where, and the state the keys changed.
"""

from __future__ import annotations

import pygame
import pytest

from deskgame.report.compare import best_and_worst
from deskgame.scenario import load_scenario
from deskgame.ui import text
from deskgame.ui.app import App, SaveOptions
from deskgame.ui.debrief_chart import place_markers
from deskgame.ui.scenes.cycle import ActionScene, AwarenessScene, WillScene
from deskgame.ui.scenes.ending import EndScene, SummaryScene, session_moments
from deskgame.ui.scenes.journey import JourneyScene
from deskgame.ui.scenes.menus import TitleScene
from deskgame.ui.scenes.play import PlayScene

from .conftest import SCENARIOS
from .ui_driver import drawn
from .ui_driver import post_key as key

SCREEN = pygame.Rect(0, 0, 1280, 720)


def play_round(app: App) -> None:
    app.live.set_speed(8)
    for _ in range(40000):
        if app.live.incident_alert:
            key(app, pygame.K_RETURN)
        top = app.scenes.top
        if not isinstance(top, PlayScene) and not top.overlay:
            return
        app.step(1.0)
    raise AssertionError("the round never ended")


@pytest.fixture(scope="module")
def after_round_two():  # type: ignore[no-untyped-def]
    """standard-monday (3 rounds), played by keys to round 2's Awareness."""
    app = App(load_scenario(SCENARIOS / "standard-monday.yaml"), seed=7, saves=SaveOptions(enabled=False))
    app.start_play()
    play_round(app)
    for _ in range(4):
        key(app, pygame.K_RETURN)   # Awareness, Will (no cards: Enter twice), Action
    play_round(app)
    assert isinstance(app.scenes.top, AwarenessScene) and app.live.world.round == 2
    yield app
    app.close()


def test_awareness_compares_this_round_with_the_last(after_round_two):
    app = after_round_two
    scene = app.scenes.top
    words = [d.text for d in drawn(app)]
    assert "Round 2 beside round 1" in words
    assert "Enter: what will you change?" in words
    assert scene.last is not None and scene.headline != "Little changed from last round."
    assert text.wrap(scene.headline, 27, 1200, True)[0] in words  # the sentence of the biggest changes
    texts = drawn(app)
    assert all(SCREEN.contains(d.rect) for d in texts)  # wrapped, never off the screen
    assert "08:00" in words and "16:00" in words  # the clock along the chart


def test_each_department_has_its_own_shape_in_the_legend(after_round_two):
    """Curves differ by shape as well as colour: the legend shows each department's shape, in
    its curve's colour, just left of its name, and no two shapes are the same."""
    from deskgame.ui.debrief_chart import CUSTOMER_COLOURS

    app = after_round_two
    scene = app.scenes.top
    scene.journey = None
    names = list(scene.record["series"]["satisfaction"])
    entries = {d.text: d.rect for d in drawn(app)  # the legend's, under the chart (not the table's)
               if d.text in names and d.rect.x < scene.chart.right and d.rect.y > scene.chart.bottom}
    masks = []
    for index, name in enumerate(names):
        rect = entries[name]
        box = pygame.Rect(rect.x - 18, rect.y, 14, rect.height)
        colour = pygame.Color(*CUSTOMER_COLOURS[index % len(CUSTOMER_COLOURS)])
        mask = frozenset((x - box.x, y - box.y) for x in range(box.left, box.right)
                         for y in range(box.top, box.bottom) if app.canvas.get_at((x, y)) == colour)
        assert len(mask) >= 20, name  # a shape is drawn there, in the curve's colour
        masks.append(mask)
    assert len(set(masks)) == len(masks)  # every department's shape differs


def test_markers_are_numbered_in_time_order_and_never_overlap(after_round_two):
    scene = after_round_two.scenes.top
    markers = scene.markers
    assert len(markers) >= 5
    assert [m.number for m in markers] == list(range(1, len(markers) + 1))
    assert all(a.t <= b.t for a, b in zip(markers, markers[1:], strict=False))
    rects = [m.rect for m in markers]
    for i, a in enumerate(rects):
        for b in rects[i + 1:]:
            assert not a.colliderect(b), (a, b)


def test_crowded_markers_still_never_overlap():
    anchors = [(300 + i % 3, 200) for i in range(14)]  # fourteen moments in the same minute
    rects = place_markers(anchors, [(30, 28)] * 14, pygame.Rect(100, 100, 500, 200))
    for i, a in enumerate(rects):
        for b in rects[i + 1:]:
            assert not a.colliderect(b)


def test_a_customer_s_journey_opens_from_a_moment_and_keys_walk_it(after_round_two):
    app = after_round_two
    scene = app.scenes.top
    index = next(i for i, m in enumerate(scene.markers) if m.ticket)
    scene.chosen = index
    key(app, pygame.K_j)
    journey = scene.journey
    assert isinstance(journey, JourneyScene)
    story = journey.story
    assert story.ticket == scene.markers[index].ticket
    assert story.steps[0].words.startswith("First contact")
    assert any(step.rating is not None for step in story.steps)  # how the moment felt
    assert [s.t for s in story.steps] == sorted(s.t for s in story.steps)
    words = [d.text for d in drawn(app)]
    assert "Esc: back to the chart" in words
    # A long round's list says which tickets it shows of how many (never a silent cut).
    assert len(journey.tickets) > len(journey.list_rects)
    assert any(w.startswith("Tickets ") and w.endswith(f" of {len(journey.tickets)}") for w in words)
    first = journey.cursor
    key(app, pygame.K_DOWN)
    key(app, pygame.K_RETURN)  # another customer's journey, by keys alone
    assert journey.story.ticket == journey.tickets[(first + 1) % len(journey.tickets)]
    key(app, pygame.K_TAB)  # the team's own voice: a line per agent
    assert journey.page == "team"
    assert [name for name, _ in journey.voices] == [a.name for a in app.live.world.agents]
    assert all("busy" in line.lower() for _, line in journey.voices)
    key(app, pygame.K_ESCAPE)
    assert scene.journey is None and app.scenes.top is scene


def test_clicking_a_marker_twice_opens_its_journey(after_round_two):
    app = after_round_two
    scene = app.scenes.top
    index = next(i for i, m in enumerate(scene.markers) if m.ticket and i != scene.chosen)
    for _ in range(2):
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=scene.markers[index].rect.center,
                                             button=1))
        app.step(0.0)
    assert scene.chosen == index and scene.journey is not None
    key(app, pygame.K_ESCAPE)


def test_will_suggests_dims_and_says_why(after_round_two):
    from deskgame.ui.debrief_action import suggested_cards

    app = after_round_two
    key(app, pygame.K_RETURN)
    will = app.scenes.top
    assert isinstance(will, WillScene)
    imp = app.live.scenario.improvements
    assert will.suggested == suggested_cards(will.evidence, imp.offer, app.live.world.adopted)
    cards = list(will.rects)
    for card_id in will.suggested:
        assert will.evidence[card_id].problem  # each suggestion names its problem
    # spend the budget on the cheapest cards, then try one that no longer fits
    from deskgame.engine.cards import CARDS

    affordable = [c for _, c in cards if not will.why_not(c)]
    for card_id in sorted(affordable, key=lambda c: CARDS[c].cost):
        will._toggle(card_id)
    expensive = next(c for _, c in cards if will.why_not(c).startswith("costs"))
    chosen = list(will.chosen)
    will.cursor = [c for _, c in cards].index(expensive)
    key(app, pygame.K_SPACE)
    assert will.chosen == chosen  # not picked ...
    assert will.message.startswith(CARDS[expensive].title) and "left" in will.message  # ... and says why
    words = [d.text for d in drawn(app)]
    assert will.message in words
    assert f"{CARDS[expensive].cost} points" in words or f"{CARDS[expensive].cost} point" in words
    for card_id in list(will.chosen):
        will._toggle(card_id)
    key(app, pygame.K_SPACE)  # the first card, the service catalogue
    key(app, pygame.K_RETURN)
    action = app.scenes.top
    assert isinstance(action, ActionScene)
    joined = " ".join(d.text for d in drawn(app))
    assert "From 08:00: customers expect a P3 answer within" in joined


def test_the_ending_explains_the_score_and_only_calls_a_bad_moment_the_worst(after_round_two):
    app = after_round_two
    key(app, pygame.K_RETURN)  # Action -> round 3
    play_round(app)
    assert app.live.phase == "ended"
    key(app, pygame.K_RETURN)
    assert isinstance(app.scenes.top, SummaryScene)
    joined = " ".join(d.text for d in drawn(app))
    assert "Session score" in joined and "40% trust" in joined
    assert "carried over" in joined or all(r["kpis"]["resolved"] for r in app.live.outcome.rounds)
    moments = [m for r in app.live.outcome.rounds for m in r["moments"]]
    neutral = app.live.world.satisfaction.neutral_rating
    lines = session_moments(app.live)
    if min(m["rating"] for m in moments) < neutral:
        assert lines[-1].startswith("Worst moment")
    else:
        assert lines[-1].startswith("No moment went badly")
    key(app, pygame.K_RETURN)
    assert isinstance(app.scenes.top, EndScene)
    key(app, pygame.K_t)
    assert isinstance(app.scenes.top, TitleScene)


def test_a_good_day_has_no_worst_moment():
    happy = [{"rating": 80.0, "delta": 1.0, "t": 5.0, "text": "fine"}]
    assert best_and_worst(happy, 55.0)[1] is None



def test_the_chart_keeps_its_height_under_a_banner_and_a_long_headline(after_round_two):
    """The last round's debrief has a banner and a long headline: the headline gives way, the chart
    keeps a readable height with gridlines labelled 10 points apart (a room saw ~60 px of chart)."""
    from deskgame.ui.debrief_awareness import CHART_MIN_HEIGHT

    app = after_round_two
    scene = AwarenessScene(app)
    scene.top = 84 + 96  # as under the session's verdict banner
    scene.dealt = ("round 1 had someone away, a wave of calls, an outage and a social storm; "
                   "this round had nothing unusual")
    scene.fit_headline()
    scene._layout_markers()
    assert scene.chart.height >= CHART_MIN_HEIGHT
    assert scene.headline.startswith("Round 1 had someone away")
    surface = pygame.Surface(SCREEN.size)
    seen: list[text.Drawn] = []
    with text.recording(seen.append, lambda what, rect: None):
        scene.draw(surface)
    levels = sorted(int(d.text) for d in seen if d.text.isdigit() and d.rect.right <= scene.chart.x
                    and scene.chart.y - 20 <= d.rect.centery <= scene.chart.bottom)
    assert len(levels) >= 3 and all(b - a == 10 for a, b in zip(levels, levels[1:], strict=False)), levels
    headline_lines = [d for d in seen if d.rect.y < scene.chart.y - 17 and d.rect.y >= scene.top]
    assert all(d.rect.bottom <= scene.chart.y - 17 for d in headline_lines)  # nothing over the chart


def test_will_tells_in_force_from_suggested_by_words_and_shape(after_round_two):
    """ "Already in force" and "suggested" were the same circled tick in grey and yellow: a card in
    force now says so in words, and a suggestion is a star (a shape of its own)."""
    from deskgame.engine.cards import CARDS
    from deskgame.ui.widgets import sign

    app = after_round_two
    world = app.live.world
    before = dict(world.adopted)
    try:
        will = WillScene(app)
        candidates = [c for _, c in will.rects if c not in will.suggested and c in will.offer]
        world.adopted[candidates[0]] = 1
        surface = pygame.Surface(SCREEN.size)
        seen: list[text.Drawn] = []
        with text.recording(seen.append, lambda what, rect: None):
            will.draw(surface)
        rows = dict((card_id, rect) for rect, card_id in will.rects)
        in_force = [d for d in seen if d.text == "in force"]
        assert [r for r in in_force if rows[candidates[0]].contains(r.rect)]
        for card_id in will.suggested:
            assert not [d for d in in_force if rows[card_id].contains(d.rect)]
        assert CARDS[candidates[0]].title in [d.text for d in seen]
    finally:
        world.adopted.clear()
        world.adopted.update(before)
    # the two signs differ in shape, not only in colour
    masks = []
    for kind in ("done", "star"):
        canvas = pygame.Surface((40, 40))
        canvas.fill((0, 0, 0))
        sign(canvas, (20, 20), 24, kind, (255, 255, 255), (0, 0, 0))
        masks.append(pygame.mask.from_threshold(canvas, (255, 255, 255), (1, 1, 1, 255)))
    overlap = masks[0].overlap_area(masks[1], (0, 0))
    assert overlap < 0.7 * max(masks[0].count(), masks[1].count())
