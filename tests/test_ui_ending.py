"""On notice and the ending, headless: real key events through the whole flow, banner pixels.

A tiny scenario (one desk agent, more work than she can do, one-hour rounds) with the
line at 99 puts the desk on notice after round 1 and outsources it after round 2, in a
second of real time.  Screenshots go to ``DESKGAME_SHOTS`` (default: pytest's tmp dir).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pygame
import pytest

from deskgame.scenario import load_scenario
from deskgame.ui import theme
from deskgame.ui.app import App, SaveOptions
from deskgame.ui.board.layout import TOP, W
from deskgame.ui.scenes.cycle import ActionScene, AwarenessScene, WillScene
from deskgame.ui.scenes.ending import NOT_PLAYED, EndScene, SummaryScene, summary_rows
from deskgame.ui.scenes.menus import BriefingScene, TitleScene
from deskgame.ui.scenes.play import PlayScene

from .ui_driver import post_key as key

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"

TINY = """\
format: deskgame/1
title: Quick Outsourcing
rounds: {rounds}
round: {{length: 1h}}
team:
  - {{name: Asha, role: desk, skills: [email]}}
customers:
  - {{name: Sales}}
  - {{name: Finance}}
services:
  - {{id: email, name: Email}}
demand:
  - kind: incident
    service: email
    rate: 12/h
    effort: {{dist: fixed, value: 30m}}
    skills: [email]
scoring: {{outsourcing_below: {line}}}
"""


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("DESKGAME_SHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def tiny_app(write, line: int = 99, rounds: int = 3, saves: SaveOptions | None = None) -> App:
    path = write(TINY.format(rounds=rounds, line=line), f"tiny-{line}-{rounds}.yaml")
    app = App(load_scenario(path), seed=1, saves=saves or SaveOptions(enabled=False))
    assert isinstance(app.scenes.top, BriefingScene)
    return app


def play_round(app: App, watch=None) -> None:  # type: ignore[no-untyped-def]
    """Play the current round at 8x until a screen other than the board shows."""
    app.live.set_speed(8)
    for frame in range(20000):
        if not isinstance(app.scenes.top, PlayScene):
            return
        if watch is not None:
            watch(frame)
        app.step(0.5)
    raise AssertionError("the round never ended")


def through_the_change_cycle(app: App) -> None:
    """Awareness -> Will -> Action -> the board, by Enter alone (twice on Will: no card picked)."""
    for expected in (AwarenessScene, WillScene, WillScene, ActionScene):
        assert isinstance(app.scenes.top, expected)
        key(app, pygame.K_RETURN)
    assert isinstance(app.scenes.top, PlayScene)


def save(app: App, folder: Path, name: str) -> None:
    app.draw()
    pygame.image.save(app.canvas, str(folder / name))


# ---------------------------------------------------------------------------- the banner
def luminance(colour: tuple[int, int, int]) -> float:
    """WCAG relative luminance."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in colour[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def banner_zone(canvas: pygame.Surface) -> tuple[int, int]:
    """(pixels of the banner's orange, all pixels) in the band under the top bar."""
    zone = pygame.Rect(16, TOP + 8, W - 32, 44)
    orange = sum(
        1
        for x in range(zone.x, zone.right, 2)
        for y in range(zone.y, zone.bottom, 2)
        if canvas.get_at((x, y))[:3] == theme.ORANGE
    )
    return orange, (zone.width // 2) * (zone.height // 2)


def letter_height(canvas: pygame.Surface, rect: pygame.Rect) -> int:
    """Rows of ``rect`` holding dark (letter) pixels: the capitals' height for a word in capitals."""
    rows = [
        y
        for y in range(rect.y, rect.bottom)
        if any(sum(canvas.get_at((x, y))[:3]) < 120 for x in range(rect.x, rect.right))
    ]
    return rows[-1] - rows[0] + 1 if rows else 0


def test_the_board_says_on_notice_for_the_whole_next_round(write, shots):
    app = tiny_app(write)
    try:
        key(app, pygame.K_RETURN)
        assert not app.live.on_notice
        app.step(1.0)
        save(app, shots, "board-not-on-notice.png")
        orange, _ = banner_zone(app.canvas)
        assert orange == 0 and app.scenes.top.notice_rects is None

        play_round(app)
        assert app.live.on_notice and app.live.phase == "round_over"
        awareness = app.scenes.top
        assert awareness.verdict.headline == "ON NOTICE"
        assert "End round 2 below 99 and the desk is outsourced." in awareness.verdict.lines
        save(app, shots, "awareness-on-notice.png")
        through_the_change_cycle(app)

        seen: list[float] = []

        def banner_is_there(frame: int) -> None:
            world = app.live.world
            app.draw()
            orange, area = banner_zone(app.canvas)
            assert orange > area * 0.5, f"no banner {world.now - world.round_start:.0f} min in"
            seen.append(world.now - world.round_start)

        play_round(app, banner_is_there)
        assert seen[0] < 5 and seen[-1] > 55  # from the round's start to its last minutes
    finally:
        app.close()


def test_the_banner_reads_from_the_back_of_the_room(write, shots):
    app = tiny_app(write)
    try:
        key(app, pygame.K_RETURN)
        play_round(app)
        through_the_change_cycle(app)
        app.step(1.0)
        save(app, shots, "board-on-notice.png")
        box, headline = app.scenes.top.notice_rects
        assert letter_height(app.canvas, headline) >= 18  # capitals at 720p
        assert contrast(theme.BLACK, app.canvas.get_at((box.x + 6, box.centery))[:3]) >= 4.5
        for fill in (theme.ORANGE, theme.VERMILLION, theme.GREEN):  # every verdict's colour
            assert contrast(theme.BLACK, fill) >= 4.5
    finally:
        app.close()


# ---------------------------------------------------------------------------- the ending
def test_an_outsourced_session_goes_through_debrief_summary_and_end(write, shots):
    app = tiny_app(write)
    try:
        key(app, pygame.K_RETURN)
        play_round(app)
        through_the_change_cycle(app)
        play_round(app)
        live = app.live
        assert live.phase == "ended" and live.outcome.ended == "outsourced"
        assert len(live.outcome.rounds) == 2

        awareness = app.scenes.top
        assert isinstance(awareness, AwarenessScene) and awareness.ending
        assert awareness.record["round"] == 2
        assert awareness.verdict.headline == "OUTSOURCED"
        assert awareness.verdict.title == "Outsourced after round 2"
        save(app, shots, "awareness-outsourced.png")

        key(app, pygame.K_RETURN)
        assert isinstance(app.scenes.top, SummaryScene)
        rows = summary_rows(live)
        assert [row[0] for row in rows] == ["1", "2", "3"]
        assert rows[0][4] == "yes" and rows[1][4] == "outsourced"
        assert rows[2][1] == NOT_PLAYED
        save(app, shots, "summary-outsourced.png")

        key(app, pygame.K_SPACE)
        assert isinstance(app.scenes.top, EndScene)
        save(app, shots, "end-outsourced.png")

        key(app, pygame.K_p)  # play again: same scenario and seed, a fresh session
        assert isinstance(app.scenes.top, BriefingScene)
        fresh = app.live
        assert fresh is not live and fresh.scenario is live.scenario
        assert fresh.world.seed == live.world.seed
        assert fresh.world.round == 1 and fresh.outcome.rounds == [] and fresh.world.now == 0
        assert fresh.phase == "playing" and not fresh.on_notice
        key(app, pygame.K_RETURN)
        assert isinstance(app.scenes.top, PlayScene)
    finally:
        app.close()


def test_a_completed_session_ends_the_same_way_and_the_title_is_one_key_away(write, shots):
    app = tiny_app(write, line=0, rounds=2)
    try:
        key(app, pygame.K_RETURN)
        play_round(app)
        assert app.scenes.top.verdict is None  # no notice, nothing to say
        through_the_change_cycle(app)
        play_round(app)
        assert app.live.phase == "ended" and app.live.outcome.ended == "completed"
        awareness = app.scenes.top
        assert isinstance(awareness, AwarenessScene) and awareness.ending
        assert awareness.verdict.headline == "SESSION OVER"
        save(app, shots, "awareness-completed.png")
        key(app, pygame.K_RETURN)
        assert isinstance(app.scenes.top, SummaryScene)
        assert all(NOT_PLAYED not in row for row in summary_rows(app.live))
        assert [row[4] for row in summary_rows(app.live)] == ["no", "no"]
        save(app, shots, "summary-completed.png")
        key(app, pygame.K_RETURN)
        assert isinstance(app.scenes.top, EndScene)
        save(app, shots, "end-completed.png")
        key(app, pygame.K_ESCAPE)
        assert isinstance(app.scenes.top, TitleScene)
    finally:
        app.close()


def test_a_single_round_below_the_line_ends_on_notice_not_outsourced(write, shots):
    app = tiny_app(write, line=99, rounds=1)
    try:
        key(app, pygame.K_RETURN)
        play_round(app)
        outcome = app.live.outcome
        assert outcome.ended == "completed" and outcome.ended_on_notice
        awareness = app.scenes.top
        assert awareness.ending and awareness.verdict.headline == "ON NOTICE"
        assert awareness.verdict.title == "Session over, on notice"
        save(app, shots, "awareness-ended-on-notice.png")
        key(app, pygame.K_RETURN)
        assert summary_rows(app.live) == [summary_rows(app.live)[0]]  # no unplayed rows
        assert summary_rows(app.live)[0][4] == "yes"
        key(app, pygame.K_RETURN)
        end = app.scenes.top
        assert isinstance(end, EndScene)
        key(app, pygame.K_RIGHT)  # the arrows and Enter choose too
        key(app, pygame.K_RETURN)
        assert isinstance(app.scenes.top, TitleScene)
    finally:
        app.close()


def test_play_again_keeps_the_finished_session_s_save(write, tmp_path):
    app = tiny_app(write, saves=SaveOptions(folder=tmp_path / "saves"))
    try:
        first = app.autosaver.path
        key(app, pygame.K_RETURN)
        play_round(app)
        through_the_change_cycle(app)
        play_round(app)
        key(app, pygame.K_RETURN)
        key(app, pygame.K_RETURN)
        key(app, pygame.K_p)
        assert app.autosaver.path != first  # a new file for the new session, even within the second
        assert json.loads(first.read_text())["ended"] == "outsourced"
    finally:
        app.close()


def test_a_lifted_notice_is_said_too():
    from types import SimpleNamespace

    from deskgame.ui.verdict import round_verdict

    rounds = [{"round": 1, "on_notice": True, "kpis": {"trust": 40}}]
    rounds.append({"round": 2, "on_notice": False, "kpis": {"trust": 52}})
    live = SimpleNamespace(
        phase="round_over",
        on_notice=False,
        outcome=SimpleNamespace(rounds=rounds),
        scenario=SimpleNamespace(scoring=SimpleNamespace(outsourcing_below=45)),
    )
    verdict = round_verdict(live)
    assert verdict.headline == "NOTICE LIFTED" and verdict.sign == "done"
    assert verdict.lines == ("Round 2 ended with trust 52, at or above 45.",)


def test_the_summary_gives_up_the_score_details_before_a_moment_and_never_cuts_a_line() -> None:
    from deskgame.ui.debrief_common import LINE
    from deskgame.ui.scenes.ending import fit_blocks

    pygame.font.init()
    explained = ["Each round scores 0 to 100.", "The session score is the mean.", "Round 3: trust gave 14."]
    moments = ["Best moment: a quick fix.", "Worst moment: a long wait."]
    assert fit_blocks(explained, moments, 10 * LINE) == (explained, moments)
    assert fit_blocks(explained, moments, 4 * LINE) == (explained[:2], moments)
    assert fit_blocks(explained, moments, 2 * LINE) == ([], moments)
    assert fit_blocks(explained, moments, LINE) == ([], moments[:1])
