"""Players' leftovers on the play board, headless: a rating reads as a rating, two tickets
with one title can be told apart, the sound keys are remembered, the message box hides
nothing, a resumed tutorial carries on its hints, and a game killed at the briefing
leaves nothing to carry on.

Each test drives the real app and checks what reached the screen (texts recorded where
they are drawn), the files written, or the hints shown.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pygame
import pytest

from deskgame.scenario import load_scenario
from deskgame.session.saves import resume
from deskgame.ui import settings as user_settings
from deskgame.ui import text, theme, tooltips
from deskgame.ui.app import App, SaveOptions
from deskgame.ui.scenes.play import PlayScene
from deskgame.ui.tutorial import HintBox

from .conftest import SCENARIOS
from .ui_driver import drawn
from .ui_driver import handle_key as key

MONDAY = SCENARIOS / "standard-monday.yaml"
FIRST_DAY = SCENARIOS / "first-day.yaml"


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "config"
    monkeypatch.setenv("DESKGAME_CONFIG_DIR", str(folder))
    return folder


# ------------------------------------------------------------------ 6. no save before play
def test_a_game_killed_at_the_briefing_leaves_no_save_to_carry_on(tmp_path: Path) -> None:
    """The process may end without closing (killed, power cut): what is on disk then must not
    offer a session nobody played.  Once the clock has moved, the save is there at once."""
    folder = tmp_path / "saves"
    app = App(load_scenario(MONDAY), seed=3, saves=SaveOptions(folder=folder))
    try:
        for _ in range(5):
            app.step(0.5)  # the briefing is up: time does not pass
        assert app.live.world.now <= app.live.world.round_start
        assert not list(folder.glob("*.json")), "a save exists before play began"
        app.start_play()
        app.live.set_speed(8)
        for _ in range(3):
            app.step(0.5)
        assert app.live.world.now > app.live.world.round_start
        saves = list(folder.glob("*.json"))
        assert len(saves) == 1  # written as soon as play began, without waiting for a close
        assert json.loads(saves[0].read_text())["ended"] == "in_progress"
    finally:
        app.close()


def test_quitting_at_the_briefing_writes_no_save_either(tmp_path: Path) -> None:
    """Asking to quit saves first (mid-round); at the briefing there is nothing to save."""
    folder = tmp_path / "saves"
    app = App(load_scenario(MONDAY), seed=3, saves=SaveOptions(folder=folder))
    try:
        app.handle(pygame.event.Event(pygame.QUIT))
        assert not list(folder.glob("*.json"))
    finally:
        app.close()
    assert not list(folder.glob("*.json"))


# ------------------------------------------------------------------ 3. sound keys are kept
def test_the_sound_keys_on_the_board_are_saved_like_the_settings_screen(config: Path, tmp_path: Path) -> None:
    app = App(load_scenario(MONDAY), seed=7, saves=SaveOptions(enabled=False))
    try:
        app.start_play()
        assert app.sounds.volume == pytest.approx(0.7)
        key(app, pygame.K_RIGHTBRACKET)
        key(app, pygame.K_RIGHTBRACKET)
        saved = json.loads((config / user_settings.FILE_NAME).read_text())
        assert saved["volume"] == pytest.approx(0.9) and saved["muted"] is False
        key(app, pygame.K_m)
        assert json.loads((config / user_settings.FILE_NAME).read_text())["muted"] is True
        key(app, pygame.K_LEFTBRACKET)  # a volume change turns the sound back on
        saved = json.loads((config / user_settings.FILE_NAME).read_text())
        assert saved["volume"] == pytest.approx(0.8) and saved["muted"] is False
        key(app, pygame.K_m)
        assert app.settings.muted and app.settings.volume == pytest.approx(0.8)
    finally:
        app.close()
    again = App(load_scenario(MONDAY), seed=7, saves=SaveOptions(enabled=False))
    try:  # the next game starts as the last one was left
        assert again.sounds.muted and again.sounds.volume == pytest.approx(0.8)
    finally:
        again.close()


def test_the_sound_keys_keep_what_the_command_line_turned_off(config: Path) -> None:
    """Saving the sound must not switch back on the slow clock for calls that --no-fair-calls
    turned off for this game (the settings file's own choice stays as it was)."""
    app = App(load_scenario(MONDAY), seed=7, saves=SaveOptions(enabled=False), fair_calls=False)
    try:
        app.start_play()
        key(app, pygame.K_m)
        assert app.fair_calls is False
        assert json.loads((config / user_settings.FILE_NAME).read_text())["slow_for_calls"] is True
    finally:
        app.close()


def test_a_sound_setting_that_cannot_be_saved_is_said_on_the_board(config: Path) -> None:
    config.write_text("not a folder")  # the config folder is a file: nothing can be written
    app = App(load_scenario(MONDAY), seed=7, saves=SaveOptions(enabled=False))
    try:
        app.start_play()
        key(app, pygame.K_m)
        board = app.scenes.top
        assert isinstance(board, PlayScene)
        said = board.shown_message()
        assert said.startswith("Sound off") and "not saved" in said
    finally:
        app.close()


# ------------------------------------------------------------------ 5. a resumed tutorial
def walk_hints(app: App, until: int, off: set[str] = frozenset()) -> list[str]:  # type: ignore[assignment]
    """Play at 8x answering hint boxes (H for those in ``off``) until ``until`` were shown."""
    app.live.set_speed(8)
    shown: list[str] = []
    for _ in range(20000):
        top = app.scenes.top
        if isinstance(top, HintBox):
            shown.append(top.due.hint.id)
            key(app, pygame.K_h if top.due.hint.id in off else pygame.K_RETURN)
            if len(shown) >= until:
                return shown
            continue
        if app.live.phase != "playing":
            break
        app.step(0.25)
    return shown


def test_a_resumed_tutorial_carries_on_its_hints_where_the_player_was(data: Path, tmp_path: Path) -> None:
    save = tmp_path / "tutorial.json"
    app = App(load_scenario(FIRST_DAY), saves=SaveOptions(autosave=save))
    key(app, pygame.K_RETURN)  # the briefing
    try:
        before = walk_hints(app, until=3, off={"first_start"})
        for _ in range(4):  # a little more play after the third hint, then a save
            app.step(0.25)
        assert len(before) == 3
    finally:
        app.close()
    again = App(None, resumed=resume(save), saves=SaveOptions(autosave=save))
    try:
        after = walk_hints(again, until=99)
        assert after, "the resumed tutorial showed no hint at all"
        assert not set(before) & set(after), f"shown again after resuming: {set(before) & set(after)}"
        everything = before + after
        assert len(everything) == len(set(everything))
        assert again.coach is not None and "round_end" in again.coach.shown
    finally:
        again.close()


def test_a_resumed_game_does_not_repeat_the_first_call_hints(tmp_path: Path) -> None:
    """Outside the tutorial, each kind of call gets its one-line hint once a session; a
    resumed session knows which kinds have already rung."""
    save = tmp_path / "monday.json"
    app = App(load_scenario(MONDAY), seed=7, saves=SaveOptions(autosave=save))
    app.start_play()
    app.live.set_speed(8)
    try:
        for _ in range(20000):
            if app.hinted:
                break
            app.step(0.25)
        rang = set(app.hinted)
        assert rang
        app.step(0.25)
    finally:
        app.close()
    again = App(None, resumed=resume(save), saves=SaveOptions(autosave=save))
    try:
        assert rang <= again.hinted
    finally:
        again.close()


# ------------------------------------------------------------------ 1. a rating reads as a rating
def board_app(tmp_path: Path, text_size: str = "normal") -> App:
    chosen = user_settings.Settings(text_size=text_size)
    app = App(load_scenario(MONDAY), seed=7, saves=SaveOptions(enabled=False), settings=chosen)
    app.start_play()
    app.live.set_speed(4)
    for _ in range(400):
        if len(app.live.world.satisfaction.recent) >= 3:
            break
        app.step(0.25)
    return app


@pytest.mark.parametrize("size", ["normal", "large"])
def test_a_moment_s_chip_shows_its_rating_as_a_level_not_a_change(tmp_path: Path, size: str) -> None:
    """'+72' beside the rising 'Sales +1.1' read as another change: the chip says the rating
    as a plain number (its tooltip: out of 100) and never carries a sign.  The newest moment
    shows whole in large text too (its words run on under the chip)."""
    app = board_app(tmp_path, size)
    try:
        board = app.scenes.top
        assert isinstance(board, PlayScene)
        recent = list(app.live.world.satisfaction.recent)
        assert recent
        board.message_frames = 0  # no message over the feed's foot: every moment that fits shows
        seen = drawn(app)
        feed = board.board.feed
        said = [d.text for d in seen if feed.colliderect(d.rect)]
        newest = recent[-1]
        assert f"{newest.rating:.0f}" in said
        signed = [t for t in said if re.fullmatch(r"[+=−-]\d+", t)]
        assert not signed, f"ratings drawn with a sign: {signed}"
        tips = [tip.words for tip in tooltips.items() if feed.colliderect(tip.rect)]
        assert any(f"Rated {newest.rating:.0f} out of 100" in words for words in tips)
        words = " ".join(d.text for d in seen if feed.contains(d.rect)).split()
        assert " ".join(newest.text.split()) in " ".join(words)
    finally:
        app.close()
        theme.apply("default", "normal")
        text.reset()


def test_the_three_kinds_of_rating_differ_by_shape_not_only_colour() -> None:
    """In grey, as a colour-blind room may see them, the faces still differ: smile, level, frown."""
    from deskgame.ui.board.icons import RATING_KINDS, face

    pygame.init()
    masks = []
    for kind in RATING_KINDS:
        surface = pygame.Surface((60, 40))
        surface.fill((0, 0, 0))
        face(surface, kind, (30, 20), (255, 255, 255))
        masks.append(pygame.mask.from_threshold(surface, (255, 255, 255), (1, 1, 1, 255)))
    for i in range(3):
        for j in range(i + 1, 3):
            differ = masks[i].overlap_area(masks[j], (0, 0))
            assert differ < min(masks[i].count(), masks[j].count()) - 8, (RATING_KINDS[i], RATING_KINDS[j])


# ------------------------------------------------------------------ 2. one title, two tickets
def test_two_tickets_with_one_title_are_told_apart_by_their_numbers(tmp_path: Path) -> None:
    """A ringing call and a ticket someone works on may share a generated title: each card
    shows its own ticket number, so the room does not take them for one ticket."""
    app = App(load_scenario(MONDAY), seed=7, saves=SaveOptions(enabled=False))
    try:
        app.start_play()
        app.live.set_speed(4)
        world = app.live.world
        for _ in range(4000):
            working = [a for a in world.agents if a.ticket is not None and not a.ticket.hidden]
            if world.calls and working and any(not t.call_pending for t in world.queue):
                break
            app.step(0.25)
        call = next(iter(world.calls.values()))
        agent = next(a for a in world.agents if a.ticket is not None and not a.ticket.hidden)
        waiting = next(t for t in world.queue if not t.call_pending)
        for twin in (agent.ticket, waiting):  # the same words as the call, as the generator may give
            twin.title = call.title  # type: ignore[union-attr]
        board = app.scenes.top
        assert isinstance(board, PlayScene)
        board.lay_out()
        seen = drawn(app)

        def said_in(rect: pygame.Rect) -> list[str]:
            return [d.text for d in seen if rect.contains(d.rect)]

        cards = {slot.ticket.id: slot.rect for slot in board.board.slots}
        agent_rect = next(s.rect for s in board.board.agents if s.agent is agent)
        shown = {call.id: said_in(cards[call.id]), agent.ticket.id: said_in(agent_rect)}  # type: ignore[union-attr]
        if waiting.id in cards:
            shown[waiting.id] = said_in(cards[waiting.id])
        assert len(shown) >= 2
        for ticket_id, texts in shown.items():
            assert ticket_id in texts, f"{ticket_id}'s card does not show its number: {texts}"
            others = set(shown) - {ticket_id}
            assert not others & set(texts)
    finally:
        app.close()


# ------------------------------------------------------------------ 4. the message hides nothing
def frame_with_marks(app: App) -> tuple[list[text.Drawn], list[tuple[str, pygame.Rect | None, int]]]:
    """The frame's texts, and each mark with how many texts had been drawn before it."""
    seen: list[text.Drawn] = []
    marks: list[tuple[str, pygame.Rect | None, int]] = []
    with text.recording(seen.append, lambda what, rect: marks.append((what, rect, len(seen)))):
        app.draw()
    return seen, marks


@pytest.mark.parametrize(("message", "size"), [("Select a ticket first (Up/Down or click).", "normal"),
                                               ("long", "normal"), ("long", "large")])
def test_the_board_s_message_covers_nothing_drawn_under_it(tmp_path: Path, message: str, size: str) -> None:
    """The message box used to lie over the detail bar (the selected ticket's words).  Wherever
    it goes now, no text of the board is under it, and the selected ticket's title shows."""
    from deskgame.ui.hints import CALL_HINTS

    app = board_app(tmp_path, size)
    try:
        board = app.scenes.top
        assert isinstance(board, PlayScene)
        key(app, pygame.K_DOWN)  # a ticket selected: the detail bar says it in full
        ticket = board.selected_ticket()
        assert ticket is not None
        said = max(CALL_HINTS.values(), key=len) if message == "long" else message
        board.say(said)
        board.lay_out()
        seen, marks = frame_with_marks(app)
        line = next(d for d in seen if d.text and said.startswith(d.text))
        box = next(rect for what, rect, _ in marks if what == "overlay" and rect is not None
                   and rect.contains(line.rect))
        before = next(n for what, rect, n in marks if rect == box)
        hidden = [d.text for d in seen[:before] if d.rect.colliderect(box)]
        assert not hidden, f"under the message: {hidden}"
        written = " ".join(d.text for d in seen[before:] if box.contains(d.rect))
        assert written.split() == said.split()  # the whole message, in its box
        title = [d for d in seen if ticket.title.startswith(d.text) and d.text]
        assert title and not any(d.rect.colliderect(box) for d in title)
        assert pygame.Rect((0, 0), theme.LOGICAL_SIZE).contains(box)
    finally:
        app.close()
        theme.apply("default", "normal")
        text.reset()


def test_a_settings_change_keeps_what_the_command_line_turned_off(config: Path) -> None:
    """Changing the volume on the settings screen used to switch the slow clock for calls back
    on for a game started with --no-fair-calls; only changing that setting itself does."""
    from dataclasses import replace

    app = App(load_scenario(MONDAY), seed=7, saves=SaveOptions(enabled=False), fair_calls=False)
    try:
        assert app.change_settings(replace(app.settings, volume=0.4)) == ""
        assert app.fair_calls is False
        assert app.change_settings(replace(app.settings, slow_for_calls=False)) == ""
        assert app.change_settings(replace(app.settings, slow_for_calls=True)) == ""
        assert app.fair_calls is True  # asked for on the screen: it is the player's word now
    finally:
        app.close()
