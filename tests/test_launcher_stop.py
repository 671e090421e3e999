"""Stopping ``tasks.py`` stops what it started (an IDE's stop button, a facilitator's kill).

Each launcher here runs in a session of its own, so "nothing left" is exact: after the
launcher is killed and reaped, no process may remain in its process group.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.skipif(
    os.name == "nt" or not Path("/proc").is_dir(), reason="POSIX process groups and /proc"
)

# A child that says it is running (so the test never guesses with a sleep) and then waits.
SLEEPER = "import sys, time; print('child running', flush=True); time.sleep(120)"
# A launcher that runs the sleeper through tasks.run_child, as `tasks.py test` runs pytest.
LAUNCHER = (
    "import sys; sys.path.insert(0, {root!r}); import tasks; "
    "sys.exit(tasks.run_child([sys.executable, '-c', {sleeper!r}]))"
)


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def group_commands(pgid: int) -> list[str]:
    """The command lines of the living processes in a process group (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if os.getpgid(int(entry.name)) != pgid:
                continue
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
            line = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except (OSError, ProcessLookupError):
            continue
        if state != "Z":
            found.append(line)
    return found


def stop_and_reap(launcher: subprocess.Popen[str]) -> None:
    launcher.send_signal(signal.SIGTERM)
    launcher.wait(timeout=60)


def cleanup(pgid: int) -> None:
    if group_alive(pgid):
        os.killpg(pgid, signal.SIGKILL)


def test_a_killed_launcher_takes_its_child_with_it() -> None:
    code = LAUNCHER.format(root=str(ROOT), sleeper=SLEEPER)
    launcher = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, start_new_session=True
    )
    pgid = launcher.pid
    try:
        assert launcher.stdout is not None
        assert launcher.stdout.readline().strip() == "child running"
        assert len(group_commands(pgid)) == 2  # the launcher and its child
        stop_and_reap(launcher)
        # The launcher waited for its child, so once it is reaped the child is gone too.
        assert group_commands(pgid) == []
        assert launcher.returncode == 128 + signal.SIGTERM  # the child's end, passed on
    finally:
        cleanup(pgid)


def _venv_ready() -> bool:
    stamp = ROOT / ".venv" / ".deskgame-install-stamp"
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    return stamp.is_file() and stamp.read_text().strip() == wanted


@pytest.mark.skipif(not _venv_ready(), reason="tasks.py's .venv is not installed here")
def test_killing_tasks_py_play_leaves_no_game_running() -> None:
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    launcher = subprocess.Popen(
        [sys.executable, str(ROOT / "tasks.py"), "play"],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, start_new_session=True,
    )
    pgid = launcher.pid
    try:
        # Wait (bounded) until the game has started: a process running `deskgame play`.
        deadline = time.monotonic() + 60
        while not any("-m deskgame play" in line for line in group_commands(pgid)):
            assert launcher.poll() is None, "the launcher ended before the game started"
            assert time.monotonic() < deadline, "the game never started"
            time.sleep(0.1)
        stop_and_reap(launcher)
        leftovers = group_commands(pgid)
        assert leftovers == [], f"still running after the launcher was killed: {leftovers}"
    finally:
        cleanup(pgid)
