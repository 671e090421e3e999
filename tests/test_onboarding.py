"""Onboarding, headless: the title's tutorial offer, the briefing, the guided first round's
hints (each once, in order, pausing the game, never again after "don't show again"), and
the small files in the user data folder that remember all that (and personal bests).

Screenshots go to ``DESKGAME_SHOTS`` (default: pytest's tmp dir) for a person to look at.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pygame
import pytest

from deskgame.policies import make_policy
from deskgame.scenario import load_scenario
from deskgame.ui import theme
from deskgame.ui.app import App, SaveOptions
from deskgame.ui.hints import HINTS, hint_pages
from deskgame.ui.scenes.menus import TUTORIAL_OFFER, BriefingScene, TitleScene, first_paragraph
from deskgame.ui.scenes.play import PlayScene
from deskgame.ui.tutorial import HintBox, target_rect
from deskgame.ui.userdata import BEST_FILE, PROGRESS_FILE, UserData

from .conftest import SCENARIOS
from .ui_driver import drawn as drawn_texts
from .ui_driver import handle_key as key

FIRST_DAY = SCENARIOS / "first-day.yaml"
SCREEN = pygame.Rect((0, 0), theme.LOGICAL_SIZE)
ORDER = ["first_start", "first_ticket", "moments", "end_run", "byod", "fake_emergency", "sla_breach",
         "round_end"]


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("DESKGAME_SHOTS", tmp_path / "shots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def words_on_screen(app: App) -> str:
    return " ".join(d.text for d in drawn_texts(app))


# ------------------------------------------------------------------ the user data files
def test_a_personal_best_round_trips_through_its_file(data: Path) -> None:
    first = UserData()
    assert first.best("Monday at Northwind", 7) is None
    assert first.record("Monday at Northwind", 7, 61.25)
    assert not first.record("Monday at Northwind", 7, 55.0)  # lower: the best stays
    assert first.record("Monday at Northwind", 8, 40.0)  # another seed is another best
    again = UserData()
    assert again.best("Monday at Northwind", 7).score == 61.25  # type: ignore[union-attr]
    assert again.best("Monday at Northwind", 8).score == 40.0  # type: ignore[union-attr]
    assert again.record("Monday at Northwind", 7, 70.0)
    assert UserData().best("Monday at Northwind", 7).score == 70.0  # type: ignore[union-attr]
    saved = json.loads((data / BEST_FILE).read_text())
    assert saved["format"] == "deskgame-best/1" and saved["best"]["Monday at Northwind"]["7"]["score"] == 70.0


@pytest.mark.parametrize("content", ["{not json", '{"format": "deskgame-best/1", "best": []}', "[1, 2]",
                                     '{"format": "deskgame-best/1", "best": {"A": {"7": {"score": "high"}}}}',
                                     "\udcff"])
def test_a_corrupt_best_file_is_ignored_with_one_line(data: Path, capsys, content: str) -> None:  # type: ignore[no-untyped-def]
    data.mkdir(parents=True)
    (data / BEST_FILE).write_bytes(content.encode("utf-8", "surrogateescape"))
    userdata = UserData()
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "ignoring" in err and BEST_FILE in err
    assert userdata.best("A", 7) is None
    assert userdata.record("A", 7, 50.0)  # written anew
    assert UserData().best("A", 7).score == 50.0  # type: ignore[union-attr]
    assert capsys.readouterr().err == ""


def test_a_corrupt_progress_file_falls_back_to_a_new_player(data: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    data.mkdir(parents=True)
    (data / PROGRESS_FILE).write_text('{"format": "deskgame-progress/1", "tutorial_played": "yes"}')
    userdata = UserData()
    assert capsys.readouterr().err.count("\n") == 1
    assert not userdata.tutorial_played and userdata.hints_off() == frozenset()
    userdata.mark_tutorial_played()
    userdata.turn_hint_off("byod")
    again = UserData()
    assert again.tutorial_played and again.hints_off() == {"byod"}


def test_a_data_folder_that_cannot_be_written_costs_only_the_memory(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    userdata = UserData(blocker / "data")  # one line for each file it cannot read
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 2 and all(line.startswith("deskgame: ignoring") for line in lines)
    assert userdata.record("A", 1, 10.0)  # kept for this session
    assert userdata.best("A", 1).score == 10.0  # type: ignore[union-attr]
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot write" in err and "will not be remembered" in err


# ------------------------------------------------------------------ the title
def test_the_title_offers_the_tutorial_until_it_is_played(data: Path, shots: Path) -> None:
    app = App(None, saves=SaveOptions(enabled=False))
    try:
        app.step(0.0)
        title = app.scenes.top
        assert isinstance(title, TitleScene)
        assert title.items[title.index].title == TUTORIAL_OFFER  # offered and chosen
        offer = next(d for d in drawn_texts(app) if d.text == TUTORIAL_OFFER)
        assert SCREEN.contains(offer.rect)
        assert "First Day at Harbour Books" not in [i.title for i in title.items]  # not twice
        pygame.image.save(app.canvas, str(shots / "title-first-time.png"))
        key(app, pygame.K_RETURN)
        assert isinstance(app.scenes.top, BriefingScene) and app.live.scenario.tutorial
    finally:
        app.close()
    UserData().mark_tutorial_played()
    app = App(None, saves=SaveOptions(enabled=False))
    try:
        app.step(0.0)
        title = app.scenes.top
        assert isinstance(title, TitleScene)
        assert TUTORIAL_OFFER not in words_on_screen(app)
        assert title.items[title.index].name == "standard-monday"
        assert "First Day at Harbour Books" in [i.title for i in title.items]
        pygame.image.save(app.canvas, str(shots / "title-after-tutorial.png"))
    finally:
        app.close()


def test_each_row_says_rounds_length_team_difficulty_and_best(data: Path) -> None:
    UserData().record("Monday at Northwind", 7, 83.46)
    app = App(None, saves=SaveOptions(enabled=False))
    try:
        app.step(0.0)
        title = app.scenes.top
        assert isinstance(title, TitleScene)
        shown = drawn_texts(app)
        said = " ".join(d.text for d in shown)
        for row in ("3 rounds of 8h · 5 people · normal", "3 rounds of 8h · 5 people · hard",
                    "1 round of 4h · 3 people · easy", "Best 83.5"):
            assert row in said, row
        assert all(SCREEN.contains(d.rect) for d in shown)
        for i, item in enumerate(title.items):  # every summary whole, wrapped, never cut
            title.index = i
            words = words_on_screen(app)
            assert " ".join(first_paragraph(item.scenario.briefing).split()) in " ".join(words.split())  # type: ignore[union-attr]
        title.index = [i.name for i in title.items].index("standard-monday")
        assert "Your best on this day (seed 7): 83.5" in words_on_screen(app)
    finally:
        app.close()


# ------------------------------------------------------------------ the briefing
def test_the_briefing_says_goal_rule_score_and_roles_and_f1_explains_it(data: Path, shots: Path) -> None:
    app = App(load_scenario(SCENARIOS / "standard-monday.yaml"), saves=SaveOptions(enabled=False))
    try:
        app.step(0.0)
        assert isinstance(app.scenes.top, BriefingScene)
        shown = drawn_texts(app)
        said = " ".join(" ".join(d.text for d in shown).split())
        for words in ("Goal: keep the business's trust",
                      "Trust below 46 at a round's end: on notice", "outsourced",
                      "Score per round, 0 to 100: trust 40%", "driver",
                      "triage lead", "comms lead", "trust keeper", "observer", "F1: about this screen"):
            assert words in said, words
        assert all(SCREEN.contains(d.rect) for d in shown)
        pygame.image.save(app.canvas, str(shots / "briefing.png"))
        key(app, pygame.K_F1)
        assert "Read this screen aloud" in words_on_screen(app)
        pygame.image.save(app.canvas, str(shots / "briefing-f1.png"))
        key(app, pygame.K_ESCAPE)  # closes the help box, does not start the round
        assert isinstance(app.scenes.top, BriefingScene)
        assert "Read this screen aloud" not in words_on_screen(app)
        key(app, pygame.K_RETURN)
        assert isinstance(app.scenes.top, PlayScene)
    finally:
        app.close()


# ------------------------------------------------------------------ the guided round
def walk(app: App, answer: dict[str, int] | None = None, shots: Path | None = None,
         step: float = 0.25) -> list[str]:
    """Play the round at 8x, answering each hint box (Enter, or the key in ``answer``).

    While a box is up, a few more frames pass: the clock must not move.
    """
    app.live.set_speed(8)
    shown: list[str] = []
    for _ in range(20000):
        top = app.scenes.top
        if isinstance(top, HintBox):
            hint = top.due.hint.id
            shown.append(hint)
            now = app.live.world.now
            for _ in range(5):
                app.step(step)
            assert app.live.world.now == now, f"the clock moved under the {hint} hint"
            assert app.scenes.top is top
            box = top.layout.box
            assert SCREEN.contains(box) and not box.colliderect(top.target)
            if shots is not None:
                pygame.image.save(app.canvas, str(shots / f"hint-{len(shown)}-{hint}.png"))
            key(app, (answer or {}).get(hint, pygame.K_RETURN))
            continue
        if app.live.phase != "playing":
            break
        app.step(step)
    return shown


def until_hint(app: App, hint_id: str) -> HintBox | None:
    """Play on at 8x, going past other hint boxes, until ``hint_id``'s box is up."""
    app.live.set_speed(8)
    for _ in range(20000):
        top = app.scenes.top
        if isinstance(top, HintBox) and top.due.hint.id == hint_id:
            return top
        if isinstance(top, HintBox):
            key(app, pygame.K_RETURN)
        else:
            app.step(0.25)
    return None


def walk_hints(app: App, until: str | None = None,
               on_box: Callable[[Any], None] | None = None) -> tuple[dict[str, str], HintBox | None]:
    """Play on at 8x through the hint boxes (Enter on each), keeping what each said, until
    ``until``'s box is up (returned, left up) or the round is over; ``on_box`` sees each."""
    said: dict[str, str] = {}
    app.live.set_speed(8)
    for _ in range(20000):
        top = app.scenes.top
        if isinstance(top, HintBox):
            said[top.due.hint.id] = top.due.words
            if on_box is not None:
                on_box(top.due)
            if top.due.hint.id == until:
                return said, top
            key(app, pygame.K_RETURN)
            continue
        if app.live.phase != "playing":
            break
        app.step(0.25)
    return said, None


def hint_over_board(app: App, hint_id: str) -> tuple[HintBox, PlayScene]:
    """``hint_id``'s box, and the board under it."""
    box = until_hint(app, hint_id)
    assert isinstance(box, HintBox)
    play = app.scenes.below(box)
    assert isinstance(play, PlayScene)
    return box, play


def tutorial_app() -> App:
    app = App(load_scenario(FIRST_DAY), saves=SaveOptions(enabled=False))
    key(app, pygame.K_RETURN)  # the briefing
    assert isinstance(app.scenes.top, PlayScene)
    return app


def test_the_tutorial_shows_each_hint_once_in_order_and_the_clock_waits(data: Path, shots: Path) -> None:
    app = tutorial_app()
    try:
        shown = walk(app, shots=shots)
        assert shown == ORDER
        assert app.coach is not None and app.coach.shown == ORDER
        assert app.live.phase == "ended"
        assert not isinstance(app.scenes.top, PlayScene)  # on to the debrief
    finally:
        app.close()
    # The session's end remembered the tutorial and the best, so the title stops offering it.
    userdata = UserData()
    assert userdata.tutorial_played
    assert userdata.best("First Day at Harbour Books", 11) is not None


def test_a_hint_points_at_what_it_talks_about(data: Path) -> None:
    app = tutorial_app()
    try:
        box, play = hint_over_board(app, "end_run")
        card = next(s.rect for s in play.board.slots if s.ticket.id == box.due.ticket)
        assert box.target == card and box.due.ticket in app.live.world.calls
        assert target_rect(box.due, play.board) == card
        said = words_on_screen(app)
        assert "An end-run" in said and "Enter: go on" in said and "H: don't show this again" in said
    finally:
        app.close()


def test_dont_show_again_is_remembered(data: Path) -> None:
    app = tutorial_app()
    try:
        off = {"end_run": pygame.K_h, "sla_breach": pygame.K_h}
        assert walk(app, answer=off) == ORDER
    finally:
        app.close()
    assert UserData().hints_off() == {"end_run", "sla_breach"}
    app = tutorial_app()
    try:
        assert walk(app) == [h for h in ORDER if h not in off]
    finally:
        app.close()


def test_clicking_the_button_turns_a_hint_off(data: Path) -> None:
    app = tutorial_app()
    try:
        app.live.set_speed(8)
        for _ in range(2000):
            if isinstance(app.scenes.top, HintBox):
                break
            app.step(0.25)
        box = app.scenes.top
        assert isinstance(box, HintBox)
        click = pygame.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=box.layout.off.center)
        box.handle_event(click)
        app._follow(box)
        assert box.due.hint.id in app.userdata.hints_off()
    finally:
        app.close()


def test_no_hint_boxes_in_demo_mode_or_outside_the_tutorial(data: Path) -> None:
    demo = App(load_scenario(FIRST_DAY), policy=make_policy("triage"), saves=SaveOptions(enabled=False))
    try:
        assert demo.coach is None
        assert walk(demo) == []
    finally:
        demo.close()
    monday = App(load_scenario(SCENARIOS / "standard-monday.yaml"), saves=SaveOptions(enabled=False))
    try:
        assert monday.coach is None
    finally:
        monday.close()
    assert not UserData().tutorial_played  # a bot playing it does not count


def test_hint_pages_list_every_hint_in_general_words() -> None:
    pages = hint_pages()
    assert [title for title, _ in pages] == [h.title for h in HINTS]
    # The help pages teach in their own order (work arrives, then who picks it up); the round
    # may show the queue's lesson second, when the first ticket was taken at once.
    assert sorted(h.id for h in HINTS) == sorted(ORDER)
    assert all(words and "{" not in words and "}" not in words for _, words in pages)


def test_the_hint_boxes_title_and_briefing_box_meet_the_legibility_floors(data: Path) -> None:
    """benchmarks/legibility.py's measure, on the screens this file adds (at 1280x720 and 1024x768)."""
    import importlib.util
    import sys

    from .conftest import ROOT

    spec = importlib.util.spec_from_file_location("legibility_bench_onboarding",
                                                  ROOT / "benchmarks" / "legibility.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    sys.modules["legibility_bench_onboarding"] = bench
    spec.loader.exec_module(bench)
    report = bench.Report()
    app = App(None, saves=SaveOptions(enabled=False))
    try:
        app.step(0.0)
        bench.measure(app, "title-first-time", report, None)
        key(app, pygame.K_RETURN)
        key(app, pygame.K_F1)
        bench.measure(app, "briefing-f1", report, None)
        key(app, pygame.K_F1)
        key(app, pygame.K_RETURN)
        app.live.set_speed(8)
        measured = []
        for _ in range(20000):
            top = app.scenes.top
            if isinstance(top, HintBox):
                measured.append(top.due.hint.id)
                bench.measure(app, f"hint-{top.due.hint.id}", report, None)
                key(app, pygame.K_RETURN)
            elif app.live.phase != "playing":
                break
            else:
                app.step(0.25)
    finally:
        app.close()
    assert measured == ORDER
    assert report.texts > 100
    assert not report.small and not report.faint and not report.cuts and not report.overlaps, (
        report.small[:3], report.faint[:3], report.cuts[:3], report.overlaps[:3])
    assert report.lowest_contrast >= 4.5


def test_a_call_hint_takes_the_key_that_answers_the_call(data: Path) -> None:
    app = tutorial_app()
    try:
        box = until_hint(app, "end_run")
        assert isinstance(box, HintBox)
        call = app.live.world.tickets[box.due.ticket]  # type: ignore[index]
        assert call.call_pending
        key(app, pygame.K_r)  # "R redirects them to the desk"
        assert not isinstance(app.scenes.top, HintBox)
        assert not call.call_pending and call.answer == "redirect"
        assert "end_run" not in app.userdata.hints_off()
    finally:
        app.close()


def test_a_long_briefing_scrolls_instead_of_being_cut(data: Path, shots: Path) -> None:
    from deskgame.scenario import load_scenario_text

    long = "\n\n".join(f"Paragraph {n}: " + "the desk hears about this and that, " * 6 + "and ends here."
                       for n in range(1, 9))
    text_of = (SCENARIOS / "first-day.yaml").read_text().replace(
        "briefing: |\n", "briefing: |\n  " + long.replace("\n", "\n  ") + "\n\n", 1)
    app = App(load_scenario_text(text_of, "long.yaml"), saves=SaveOptions(enabled=False))
    try:
        app.step(0.0)
        scene = app.scenes.top
        assert isinstance(scene, BriefingScene) and scene.overflow
        seen: set[str] = set()
        for _ in range(200):
            shown = drawn_texts(app)
            inside = [d for d in shown if scene.story.collidepoint(d.rect.topleft)]
            assert all(d.rect.bottom <= scene.story.bottom for d in inside)
            seen |= {d.text for d in shown}
            key(app, pygame.K_DOWN)
        pygame.image.save(app.canvas, str(shots / "briefing-long.png"))
        assert {line for line, _ in scene.story_lines} <= seen  # every line was on screen at some point
        assert "Up/Down: more" in " ".join(seen)
        assert isinstance(app.scenes.top, BriefingScene)  # Down scrolled, it did not start the round
    finally:
        app.close()


@pytest.mark.parametrize("rounds", [1, 3])
def test_the_rules_fit_their_panel_in_a_guided_multi_round_scenario(data: Path, rounds: int) -> None:
    from dataclasses import replace

    scenario = replace(load_scenario(FIRST_DAY), rounds=rounds)
    app = App(scenario, saves=SaveOptions(enabled=False))
    try:
        app.step(0.0)
        scene = app.scenes.top
        assert isinstance(scene, BriefingScene)
        inside = [d for d in drawn_texts(app) if scene.judged.collidepoint(d.rect.topleft)]
        assert len(inside) >= 10 and all(scene.judged.contains(d.rect) for d in inside)
        assert any("Guided round" in d.text for d in inside)
    finally:
        app.close()


def test_the_tutorial_hints_are_true_to_the_board(data: Path) -> None:
    """The queue's box is about a ticket that waits in the queue (never one an agent took),
    and the one-round tutorial's round-end box does not promise Will and Action."""
    app = tutorial_app()
    try:
        def check(due) -> None:  # type: ignore[no-untyped-def]
            if due.hint.id == "first_ticket":
                ticket = app.live.world.tickets[due.ticket]
                assert ticket.agent is None and ticket in list(app.live.world.queue)

        said, _ = walk_hints(app, on_box=check)
        assert "first_ticket" in said and "round_end" in said
        assert app.live.scenario.rounds == 1
        assert "the desk closes and the session ends. Then the team looks back" in said["round_end"]
    finally:
        app.close()
