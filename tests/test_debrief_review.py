"""What a workshop room's review of the screens between rounds found, kept fixed.

- the room's questions stay on the Awareness screen whatever moment is chosen;
- Space or Enter out of habit does not skip the change cycle or restart the day;
- one figure is the same number on every screen, one unit for morale;
- the chart's markers never overlap (the chosen one's ring included) and stay over the clock;
- the title, the help and the Action footer say what they mean in the room's words.

Rounds are played by the session loop at once (no frames): the screens are what is tested.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

import pygame
import pytest

from deskgame.engine.cards import CARDS
from deskgame.scenario import load_scenario
from deskgame.ui import help_pages, help_texts, text, theme
from deskgame.ui import settings as user_settings
from deskgame.ui.app import App, SaveOptions
from deskgame.ui.board import legend
from deskgame.ui.debrief_awareness import SPACE_HINT
from deskgame.ui.debrief_chart import MARKER_GAP, place_markers
from deskgame.ui.debrief_questions import QUESTIONS_HEADING
from deskgame.ui.scenes.cycle import NO_CARDS_CONFIRM, ActionScene, AwarenessScene, WillScene
from deskgame.ui.scenes.ending import END_PROMPT, EndScene
from deskgame.ui.scenes.menus import TUTORIAL_OFFER, BriefingScene, TitleScene

from .conftest import SCENARIOS
from .ui_driver import drawn
from .ui_driver import post_key as key

SCREEN = pygame.Rect(0, 0, 1280, 720)
RING = 4  # the chosen marker's ring reaches this far outside its pill


def app_for(name: str, seed: int | None = None) -> App:
    app = App(load_scenario(SCENARIOS / f"{name}.yaml"), seed=seed, saves=SaveOptions(enabled=False))
    app.start_play()
    return app


def end_round(app: App) -> None:
    """Play the rest of the round with nobody at the keyboard, then open its Awareness."""
    live = app.live
    live.session.advance(live.world.round_end)
    live.acknowledge_incident()
    assert live.session.at_round_end
    live.session.finish_round()
    app.round_over()
    assert isinstance(app.scenes.top, AwarenessScene)


def next_round(app: App, cards: list[str] | None = None) -> None:
    app.live.adopt(cards or [], "")
    app.start_next_round()


@contextmanager
def will_after_round_1(name: str = "standard-monday") -> Iterator[App]:
    """A fresh app of its own (the shared ``monday`` is not to be changed): round 1 played, on Will."""
    app = app_for(name)
    try:
        end_round(app)
        key(app, pygame.K_RETURN)
        yield app
    finally:
        app.close()


@pytest.fixture(scope="module")
def monday() -> Iterator[App]:
    """standard-monday at its own seed: round 1 played, its Awareness open."""
    app = app_for("standard-monday")
    end_round(app)
    yield app
    app.close()


# ------------------------------------------------------------------ 1. the room's questions
def awareness_cases() -> Iterator[tuple[str, App]]:
    """Rounds the review saw lose their questions: standard-monday's first and second (on
    notice, a banner), byod-after-holidays' first, the tutorial's only (the ending's banner)."""
    app = app_for("standard-monday")
    end_round(app)
    yield "standard-monday round 1", app
    next_round(app)
    end_round(app)
    yield "standard-monday round 2", app
    app.close()
    for name, seed in (("byod-after-holidays", None), ("first-day", 11)):
        app = app_for(name, seed)
        end_round(app)
        yield f"{name} round 1", app
        app.close()


def question_lines(seen: list[text.Drawn]) -> tuple[text.Drawn, list[text.Drawn]]:
    """The heading and the question lines under it (the heading's own "1-2 of 3 · Q: more",
    on its row right of it, is neither: ``others`` leaves it out)."""
    heading = next(d for d in seen if d.text == QUESTIONS_HEADING)
    below = [d for d in seen if d.rect.x == heading.rect.x and d.rect.y > heading.rect.y
             and d.text != QUESTIONS_HEADING and d.rect.y < 680]
    return heading, below


def test_the_questions_stay_whatever_moment_is_chosen():
    for case, app in awareness_cases():
        scene = app.scenes.top
        assert scene.markers and scene.questions, case
        shown = None
        for index in range(len(scene.markers)):
            scene.chosen = index
            seen = drawn(app)
            heading, lines = question_lines(seen)
            said = " ".join(d.text for d in lines)
            assert said.startswith("• " + scene.questions[0][:30]), (case, index, said)
            assert scene.questions[0] in said.replace("• ", ""), (case, index)  # the first, whole
            for d in [heading, *lines]:
                assert SCREEN.contains(d.rect), (case, d.text)
            # nothing else is drawn over the questions (the moment's words least of all)
            block = heading.rect.unionall([d.rect for d in lines])
            others = [d for d in seen if d is not heading and d not in lines
                      and not d.text.endswith("Q: more")]
            assert not [d.text for d in others if d.rect.colliderect(block)], (case, index)
            if shown is None:
                shown = said
            assert said == shown, (case, index)  # the same questions for every moment


def test_a_very_long_moment_gives_way_to_the_questions(monday):
    app = monday
    scene = app.scenes.top
    marker = scene.markers[scene.chosen]
    words = marker.words
    marker.words = " ".join(["Sales waited a long time for an answer about a broken printer."] * 6)
    try:
        seen = drawn(app)
        heading, lines = question_lines(seen)
        assert lines and scene.questions[0] in " ".join(d.text for d in lines).replace("• ", "")
        block = heading.rect.unionall([d.rect for d in lines])
        assert not [d.text for d in seen if d not in lines and d is not heading
                    and not d.text.endswith("Q: more") and d.rect.colliderect(block)]
        assert all(SCREEN.contains(d.rect) for d in seen)
    finally:
        marker.words = words


def test_a_question_too_long_for_beside_the_chart_runs_full_width_above_the_footer(monday):
    app = monday
    scene = app.scenes.top
    questions = list(scene.questions)
    scene.questions = ["Specialists spent a long time on work nobody logged, for callers who knew whom to "
                       "ring and never thought of the desk, again and again through the day. Who called "
                       "them, why did they not call the desk, and what did the queue lose meanwhile?"]
    try:
        for index in range(len(scene.markers)):
            scene.chosen = index
            seen = drawn(app)
            heading, lines = question_lines(seen)
            assert heading.rect.x == 40  # full width, not beside the chart
            assert scene.questions[0] in " ".join(d.text for d in lines).replace("• ", "")
            block = heading.rect.unionall([d.rect for d in lines])
            others = [d for d in seen if d is not heading and d not in lines
                      and not d.text.endswith("Q: more")]
            assert not [d.text for d in others if d.rect.colliderect(block)], index
            assert all(SCREEN.contains(d.rect) for d in seen)
    finally:
        scene.questions = questions


def test_large_text_keeps_the_first_question():
    user_settings.apply(user_settings.Settings(text_size="large"))
    try:
        app = app_for("standard-monday")
        try:
            end_round(app)
            scene = app.scenes.top
            for index in range(len(scene.markers)):
                scene.chosen = index
                heading, lines = question_lines(drawn(app))
                assert scene.questions[0] in " ".join(d.text for d in lines).replace("• ", ""), index
        finally:
            app.close()
    finally:
        user_settings.apply(user_settings.Settings())


# ------------------------------------------------------------------ 2. moving on is deliberate
def test_space_does_not_leave_the_debrief_and_enter_on_an_empty_will_asks_once_more():
    app = app_for("standard-monday")
    try:
        end_round(app)
        key(app, pygame.K_SPACE)  # the board's pause key, pressed out of habit
        assert isinstance(app.scenes.top, AwarenessScene)
        hint = next(d for d in drawn(app) if d.text == SPACE_HINT)
        assert SCREEN.contains(hint.rect)
        key(app, pygame.K_RIGHT)  # the next key: the footer's keys are back
        assert SPACE_HINT not in [d.text for d in drawn(app)]
        key(app, pygame.K_RETURN)
        will = app.scenes.top
        assert isinstance(will, WillScene) and not will.chosen
        key(app, pygame.K_RETURN)  # nothing picked: asked, not gone
        assert app.scenes.top is will
        asked = NO_CARDS_CONFIRM.format(round=2)
        said = next(d for d in drawn(app) if d.text == asked)
        assert SCREEN.contains(said.rect)
        key(app, pygame.K_DOWN)  # anything else: the question is withdrawn
        assert asked not in [d.text for d in drawn(app)]
        key(app, pygame.K_RETURN)
        assert app.scenes.top is will
        key(app, pygame.K_RETURN)  # the second Enter in a row: on, with no changes
        assert isinstance(app.scenes.top, ActionScene)
        assert app.live.world.adopted == {}
    finally:
        app.close()


def test_a_picked_card_goes_on_at_the_first_enter():
    with will_after_round_1() as app:
        key(app, pygame.K_SPACE)  # the first card
        key(app, pygame.K_RETURN)
        assert isinstance(app.scenes.top, ActionScene)
        assert list(app.live.world.adopted) == [list(CARDS)[0]]


def test_the_end_screen_chooses_nothing_until_asked():
    app = app_for("first-day", 11)
    try:
        end_round(app)
        key(app, pygame.K_RETURN)  # Awareness -> summary
        key(app, pygame.K_RETURN)  # summary -> end
        end = app.scenes.top
        assert isinstance(end, EndScene) and end.index is None
        live = app.live
        key(app, pygame.K_RETURN)
        assert app.scenes.top is end and app.live is live  # the day was not restarted
        prompt = next(d for d in drawn(app) if d.text == END_PROMPT)
        assert SCREEN.contains(prompt.rect)
        # no button is framed as chosen: no yellow frame pixels round either
        for index in range(len(end.CHOICES)):
            rect = end._rect(index)
            assert app.canvas.get_at((rect.x + 1, rect.centery))[:3] != theme.YELLOW
        key(app, pygame.K_RIGHT)
        key(app, pygame.K_RETURN)
        assert isinstance(app.scenes.top, TitleScene)
    finally:
        app.close()


def test_p_still_plays_again_at_once():
    app = app_for("first-day", 11)
    try:
        end_round(app)
        key(app, pygame.K_RETURN)
        key(app, pygame.K_RETURN)
        assert isinstance(app.scenes.top, EndScene)
        key(app, pygame.K_p)
        assert isinstance(app.scenes.top, BriefingScene)
    finally:
        app.close()


# ------------------------------------------------------------------ 3. one figure, one unit
def test_the_average_first_answer_is_the_results_file_s_on_every_screen():
    app = app_for("standard-monday")
    try:
        end_round(app)
        next_round(app)
        end_round(app)  # round 2: an outage, long waits
        kpis = app.live.outcome.rounds[-1]["kpis"]
        wait = f"{kpis['mean_wait_min']:.0f}"
        key(app, pygame.K_RETURN)
        will = app.scenes.top
        assert isinstance(will, WillScene)
        said = [will.evidence[c].problem for c in ("service_catalog", "knowledge_base")
                if will.evidence[c].problem]
        assert said, "the round's waits gave no card a reason"
        for problem in said:
            assert re.search(r"took (\d+) min on average", problem).group(1) == wait, problem
        # the room's question says the same figure when it asks about waits
        from deskgame.report.round_questions import RoundFacts, round_questions

        asked = [q for q in round_questions(RoundFacts(kpis=dict(kpis)), limit=20) if "on average" in q]
        assert len(asked) == 1 and f"took {wait} min on average" in asked[0]
        will._toggle("knowledge_base")
        key(app, pygame.K_RETURN)
        assert isinstance(app.scenes.top, ActionScene)
        joined = " ".join(d.text for d in drawn(app))
        assert f"the first answer took {wait} min on average" in joined
    finally:
        app.close()


def test_recognition_lifts_morale_in_percent_on_will_and_action():
    with will_after_round_1() as app:
        will = app.scenes.top
        will.cursor = list(CARDS).index("recognition")
        joined = " ".join(d.text for d in drawn(app))
        assert "up to 10% at once" in joined and "0.1" not in joined
        tip = dict((card, words) for (_, card), (_, words) in zip(will.rects, will.tooltips(), strict=True))
        assert "up to 10%" in tip["recognition"] and "0.1" not in tip["recognition"]
        key(app, pygame.K_SPACE)
        key(app, pygame.K_RETURN)
        joined = " ".join(d.text for d in drawn(app))
        assert re.search(r"morale rose by up to \d+%", joined)


# ------------------------------------------------------------------ 4. the chart's markers
def assert_apart_and_inside(rects: list[pygame.Rect], inside: pygame.Rect) -> None:
    for i, a in enumerate(rects):
        assert inside.contains(a), (i, a, inside)
        for b in rects[i + 1:]:
            assert not a.inflate(2 * RING, 2 * RING).colliderect(b), (a, b)  # a ring never touches


def test_the_tutorial_s_markers_neither_overlap_nor_leave_the_chart():
    """The review's tutorial day: markers 4, 6 and 8 piled up and 10 hung past 13:00."""
    app = app_for("first-day", 11)
    try:
        end_round(app)
        scene = app.scenes.top
        chart = scene.chart
        assert len(scene.markers) >= 8
        over_the_clock = pygame.Rect(chart.x, chart.y - 17, chart.width, chart.height + 17)
        assert_apart_and_inside([m.rect for m in scene.markers], over_the_clock)
    finally:
        app.close()


def test_a_crowded_end_of_the_day_keeps_time_order_inside_the_chart():
    bounds = pygame.Rect(80, 200, 580, 164)
    anchors = [(130, 260), (200, 255), (320, 250)] + [(590 + 10 * i, 250 + (i % 3) * 10) for i in range(7)]
    rects = place_markers(anchors, [(54, 28)] * len(anchors), bounds)
    assert_apart_and_inside(rects, bounds)
    xs = [r.centerx for r in rects]
    assert xs == sorted(xs)  # time never runs backwards
    assert MARKER_GAP > RING


# ------------------------------------------------------------------ 5. words the room can use
def test_the_title_says_what_a_best_on_a_seed_is_and_frames_only_the_chosen_row(data):
    app = App(None, saves=SaveOptions(enabled=False))
    try:
        app.step(0.0)
        title = app.scenes.top
        assert isinstance(title, TitleScene)
        offer = next(i for i, item in enumerate(title.items) if item.title == TUTORIAL_OFFER)
        title.index = (offer + 1) % len(title.items)  # another row chosen
        seen = drawn(app)
        seed = title.items[title.index].scenario.seed
        lines = [d.text for d in sorted(seen, key=lambda d: (d.rect.y, d.rect.x))]
        assert f"No best yet on this day (seed {seed})" in " ".join(lines)
        assert any(line.endswith(f"(seed {seed})") or f"(seed {seed})" in line for line in lines)  # one line
        assert not any("personal best" in d.text for d in seen)
        rect = next(d.rect for d in seen if d.text == TUTORIAL_OFFER)
        yellow = sum(1 for x in range(rect.left, rect.right) for y in range(rect.top, rect.bottom)
                     if app.canvas.get_at((x, y))[:3] == theme.YELLOW)
        assert yellow == 0  # not chosen: it must not look chosen
    finally:
        app.close()


def test_the_help_names_the_hidden_work_mark_as_it_is_drawn():
    pygame.init()
    row = next(r for r in help_pages.legend_rows() if r.short == "work off the books")
    assert "pink" in row.words.lower() and "dashed" in row.words.lower() and "purple" not in row.words
    assert "top and bottom" in row.words  # the shape, for whoever cannot tell the colour
    surface = pygame.Surface((200, 40))
    surface.fill(theme.BACKGROUND)
    legend._hidden(surface, 4, 4)
    drawn_colours = {tuple(surface.get_at((x, y))[:3]) for x in range(200) for y in range(40)}
    assert theme.PURPLE in drawn_colours  # the colour the words call pink ...
    red, green, blue = theme.PURPLE
    assert red > blue > green  # ... is a red-leaning purple: what a room calls pink
    pages = help_pages.build("board")
    words = " ".join(" ".join(r.words for r in leaf.rows) for leaf in pages if leaf.kind == "legend")
    assert "Dashed purple edge" not in words and row.words in words
    assert help_texts.LEGEND_HELP_WORDS["work off the books"] == row.words


def test_the_action_footer_says_the_rule_in_plain_words(monday):
    app = app_for("standard-monday")
    try:
        end_round(app)
        key(app, pygame.K_RETURN)
        key(app, pygame.K_SPACE)
        key(app, pygame.K_RETURN)
        assert isinstance(app.scenes.top, ActionScene)
        seen = drawn(app)
        footer = " ".join(d.text for d in seen if d.rect.y > 600)
        for jargon in ("culture eats strategy", "under governance", "marked growing;"):
            assert jargon not in footer
        assert "full strength from their first round" in footer and "Enter opens the desk." in footer
        assert all(SCREEN.contains(d.rect) for d in seen)
    finally:
        app.close()
