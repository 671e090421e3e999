"""The tutorial as a newcomer met it: the round's end box explains the trust bar and must
leave it in sight (the queue's box, which no longer says who took the first ticket, is in
test_tutorial_queue_hint.py)."""

from __future__ import annotations

from pathlib import Path

import pygame

from deskgame.ui.scenes.play import PlayScene

from .test_onboarding import hint_over_board, key, tutorial_app


def test_the_round_end_box_leaves_the_trust_bar_it_talks_about_in_sight(data: Path) -> None:
    app = tutorial_app()
    try:
        box, play = hint_over_board(app, "round_end")
        trust = next(rect for rect, k in play.board.meters if k == "trust")
        assert "trust" in box.due.words
        assert not box.layout.box.colliderect(trust), (box.layout.box, trust)
        assert not box.layout.box.colliderect(box.target)
        app.draw()  # the trust bar is not under the veil: it looks as it does on the board alone
        spots = [(x, trust.centery) for x in range(trust.x + 2, trust.right - 2, 7)]
        lit = [app.canvas.get_at(spot) for spot in spots]
        play.draw(app.canvas)
        assert lit == [app.canvas.get_at(spot) for spot in spots]
    finally:
        app.close()


def test_the_carry_on_row_names_the_session_not_its_file(data: Path, tmp_path: Path) -> None:
    """The title's offer to carry on says the scenario, the round and the clock where it
    stopped (a newcomer saw "first-day-at-harbour-books-seed11-20261129-223057.jso" + "n");
    the file name is in the side panel, broken after its hyphens, never inside a word."""
    from deskgame.scenario import load_scenario
    from deskgame.ui.app import App, SaveOptions
    from deskgame.ui.scenes.menus import TitleScene

    from .test_onboarding import FIRST_DAY, drawn_texts

    folder = tmp_path / "saves"
    folder.mkdir()
    save = folder / "first-day-at-harbour-books-seed11-20261129-223057.json"
    app = App(load_scenario(FIRST_DAY), saves=SaveOptions(autosave=save))
    try:
        key(app, pygame.K_RETURN)  # the briefing: the desk opens
        app.live.set_speed(8)
        while app.live.world.now < 40:
            if isinstance(app.scenes.top, PlayScene):
                app.step(0.25)
            else:
                key(app, pygame.K_RETURN)  # past the hint boxes
        clock = app.live.clock
    finally:
        app.close()
    assert save.exists()
    title = App(None, saves=SaveOptions(folder=folder))
    try:
        scene = title.scenes.top
        assert isinstance(scene, TitleScene) and scene.items[0].name == "resume"
        shown = drawn_texts(title)
        said = [d.text for d in shown]
        row = scene.rows[0]
        in_row = " ".join(d.text for d in shown if row.contains(d.rect))
        assert "First Day at Harbour Books" in in_row
        assert "Round 1 of 1" in in_row
        stopped = int(clock)
        near = (stopped - 1, stopped, stopped + 1)
        assert any(f"{m // 60:02d}:{m % 60:02d}" in in_row for m in near), in_row
        assert ".json" not in in_row and "seed11" not in in_row
        pieces = [t for t in said if "harbour" in t or "seed11" in t or t.endswith(".json")]
        assert pieces and "".join(p for p in said if p in pieces).endswith(".json")
        assert all(p.endswith("-") or p.endswith(".json") for p in pieces), pieces  # broken at hyphens
        assert "".join(pieces) == save.name
    finally:
        title.close()
