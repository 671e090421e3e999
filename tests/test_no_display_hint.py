"""With no display, ``play`` suggests a headless command that works as printed.

The README's first command is ``python3 tasks.py play``, which runs the game from ``.venv``
without putting ``deskgame`` on the PATH: a review found the old advice ("try 'deskgame run
SCENARIO'") was a command not found there.  The test takes the printed command and runs it
from another folder, with a PATH that holds no ``deskgame``.
"""

from __future__ import annotations

import os
import shlex
import subprocess
from pathlib import Path

import pytest

from deskgame.cli import main

PREFIX = "for a headless session run: "


def no_display(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("SDL_VIDEODRIVER", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)


@pytest.mark.skipif(os.name == "nt", reason="a Windows machine always has a display")
@pytest.mark.parametrize("given", [[], ["first-day", "--seed", "3"]])
def test_the_suggested_command_runs_as_printed(monkeypatch, capsys, tmp_path: Path, given: list[str]) -> None:  # type: ignore[no-untyped-def]
    no_display(monkeypatch)
    assert main(["play", *given]) == 1
    said = capsys.readouterr().err.strip()
    assert said.count("\n") == 0 and PREFIX in said, said  # one line
    command = shlex.split(said.split(PREFIX, 1)[1])
    assert command[command.index("run") + 1] == (given[0] if given else "standard-monday")
    bare = {k: v for k, v in os.environ.items() if k != "PATH"} | {"PATH": "/usr/bin:/bin"}
    done = subprocess.run(command, cwd=tmp_path, env=bare, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "trust" in done.stdout.lower()
    if given:
        assert "--seed" in command and "3" in command


def test_a_save_carried_on_is_offered_no_run_of_another(monkeypatch, capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    save = tmp_path / "s.json"  # a session still in progress: a few frames of demo mode, saved
    assert main(["play", "first-day", "--autoplay", "fifo", "--frames", "5", "--autosave", str(save)]) == 0
    capsys.readouterr()
    no_display(monkeypatch)
    assert main(["play", "--resume", str(save)]) == 1
    said = capsys.readouterr().err
    assert "no display" in said and " run " not in said
