"""The end screen tells the team where its results are, and that file feeds the debrief.

Collecting results after a workshop starts here: each team reads the path off its end
screen (a complete results file once the session is over) and hands the file to the
facilitator's ``deskgame debrief``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pygame

from deskgame.cli import main
from deskgame.ui import theme
from deskgame.ui.app import SaveOptions
from deskgame.ui.scenes.ending import EndScene, results_file, split_path

from .test_ui_ending import key, play_round, save, shots, through_the_change_cycle, tiny_app  # noqa: F401


def test_the_end_screen_shows_a_results_file_the_debrief_reads(write, tmp_path: Path, shots: Path) -> None:  # noqa: F811
    app = tiny_app(write, line=0, rounds=2, saves=SaveOptions(folder=tmp_path / "saves", team="Blue"))
    try:
        key(app, pygame.K_RETURN)
        play_round(app)
        through_the_change_cycle(app)
        play_round(app)
        key(app, pygame.K_RETURN)
        key(app, pygame.K_RETURN)
        assert isinstance(app.scenes.top, EndScene)
        path = results_file(app)
        assert path == app.autosaver.path
        assert json.loads(path.read_text(encoding="utf-8"))["ended"] == "completed"
        save(app, shots, "end-with-results-path.png")
        band = app.canvas.subsurface(pygame.Rect(60, 314, 1160, 28))
        lit = sum(1 for x in range(0, band.get_width(), 2) for y in range(0, 28, 2)
                  if band.get_at((x, y))[:3] == theme.TEXT)
        assert lit > 50     # the path is drawn in full-contrast text
        out = tmp_path / "report.html"
        assert main(["debrief", str(path), "--out", str(out)]) == 0
        assert "Blue" in out.read_text(encoding="utf-8")
        app.results_out = tmp_path / "chosen.json"
        assert results_file(app) == tmp_path / "chosen.json"
    finally:
        app.close()


def test_a_long_path_breaks_after_separators_without_an_ellipsis() -> None:
    pygame.font.init()
    path = "/media/usb-stick/" + "/".join(f"workshop-folder-{i}" for i in range(12)) + "/blue.json"
    lines = split_path(path, theme.SIZE_ROOM_BODY, 600)
    assert "".join(lines) == path and len(lines) > 1
    assert all("…" not in line for line in lines)


def test_c_copies_the_results_to_a_chosen_folder_without_overwriting(write, tmp_path: Path,  # noqa: F811
                                                                     shots: Path) -> None:  # noqa: F811
    import pygame_gui

    app = tiny_app(write, line=0, rounds=1, saves=SaveOptions(folder=tmp_path / "saves", team="Red"))
    stick = tmp_path / "stick"
    stick.mkdir()
    try:
        key(app, pygame.K_RETURN)
        play_round(app)
        key(app, pygame.K_RETURN)
        key(app, pygame.K_RETURN)
        end = app.scenes.top
        assert isinstance(end, EndScene)
        source = results_file(app)
        (stick / source.name).write_text("someone else's file", encoding="utf-8")
        key(app, pygame.K_c)
        assert end.entry is not None and end.entry.get_text()   # a folder is suggested
        save(app, shots, "end-copy-box.png")
        end.entry.set_text(str(stick))
        pygame.event.post(pygame.event.Event(pygame_gui.UI_TEXT_ENTRY_FINISHED, text=str(stick),
                                             ui_element=end.entry))
        app.step(0.0)
        copy = stick / f"{source.stem}-2{source.suffix}"
        assert end.status == f"Copied to {copy}"
        assert copy.read_bytes() == source.read_bytes()
        assert (stick / source.name).read_text(encoding="utf-8") == "someone else's file"
        save(app, shots, "end-copied.png")
        key(app, pygame.K_c)
        end.finish_copy(str(tmp_path / "no-such-folder"))
        assert end.status.startswith("Not copied: ") and "is not a folder" in end.status
        key(app, pygame.K_c)
        end.finish_copy(str(stick))     # the same results again: no third copy
        assert end.status == f"Copied to {copy}" and len(list(stick.iterdir())) == 2
    finally:
        app.close()
