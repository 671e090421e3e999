"""One-command setup for newcomers: ``python3 tasks.py play`` or ``python3 tasks.py test``.

Why a script: a fresh machine has only Python.  This file uses the standard library
alone to create ``.venv``, install deskgame into it (with the dev tools) and then run
the game or the checks, so the README can promise exactly two commands.  The install
is repeated only when ``pyproject.toml`` changes.

Stopping the launcher stops what it started (an IDE's stop button, a facilitator's
``kill``): on POSIX ``play`` replaces this process with the game (``os.execv``), so there
is one process to stop; every other child (pip, ruff, pytest, and the game on Windows)
runs under ``run_child``, which passes a stop signal on to it and waits for it.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".deskgame-install-stamp"


def _venv_bin(name: str) -> Path:
    folder = "Scripts" if os.name == "nt" else "bin"
    suffix = ".exe" if os.name == "nt" else ""
    return VENV / folder / f"{name}{suffix}"


# The signals a launcher passes on to its child.  SIGINT only when no terminal delivers
# it: a Ctrl-C in a terminal reaches the whole foreground group, the child included, and
# a second copy would interrupt the child's own clean-up.
FORWARDED = ("SIGTERM", "SIGHUP")


def _in_terminal_foreground() -> bool:
    """True when a Ctrl-C typed in a terminal reaches this process group (and the child's)."""
    if os.name == "nt":
        return True  # a console's Ctrl-C goes to every process attached to it
    try:
        return os.tcgetpgrp(sys.stdin.fileno()) == os.getpgrp()
    except (OSError, ValueError, AttributeError):
        return False


def run_child(command: list[str], cwd: Path | None = None) -> int:
    """Run ``command`` and return its exit code; a stop signal sent to us is sent on to it.

    Without this a SIGTERM ends the launcher at once and leaves the child running with
    no parent.  The handlers go in before the child starts (a signal in between is kept
    and sent once it exists) and are put back afterwards.  A child ended by a signal
    gives the shell's code for it, 128 + the signal's number.
    """
    names = FORWARDED if _in_terminal_foreground() else (*FORWARDED, "SIGINT")
    children: list[subprocess.Popen[bytes]] = []
    pending: list[int] = []
    previous: dict[int, object] = {}

    def forward(signum: int, _frame: object) -> None:
        if not children:
            pending.append(signum)
        elif children[0].poll() is None:
            children[0].send_signal(signum)

    for name in names:
        number = getattr(signal, name, None)
        if number is not None:
            previous[number] = signal.signal(number, forward)
    try:
        children.append(subprocess.Popen(command, cwd=cwd))
        for signum in pending:
            children[0].send_signal(signum)
        try:
            code = children[0].wait()
        except KeyboardInterrupt:  # a terminal's Ctrl-C: the child has it too; let it end
            code = children[0].wait()
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)  # type: ignore[arg-type]
    return code if code >= 0 else 128 - code


def _run_checked(command: list[str]) -> None:
    code = run_child(command)
    if code != 0:
        sys.exit(f"{' '.join(command)} failed (exit code {code})")


def run_game(python: Path, args: list[str]) -> int:
    """Start the game; on POSIX this process becomes the game (one process to stop)."""
    command = [str(python), "-m", "deskgame", "play", *args]
    if os.name != "nt":
        sys.stdout.flush()
        sys.stderr.flush()
        os.execv(command[0], command)
    return run_child(command)


def ensure_environment() -> Path:
    """Create the virtual environment and install the project when needed."""
    if sys.version_info < (3, 11):
        sys.exit(f"deskgame needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    python = _venv_bin("python")
    if not python.exists():
        print("Creating .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not STAMP.exists() or STAMP.read_text().strip() != wanted:
        print("Installing deskgame and its dependencies into .venv ...", flush=True)
        _run_checked([str(python), "-m", "pip", "install", "--quiet", "--upgrade", "pip"])
        _run_checked([str(python), "-m", "pip", "install", "--quiet", "-e", f"{ROOT}[dev]"])
        STAMP.write_text(wanted)
    return python


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"play", "test", "setup"}:
        print("usage: python3 tasks.py play [ARGS...] | test [PYTEST ARGS...] | setup")
        return 2
    python = ensure_environment()
    command, rest = argv[0], argv[1:]
    if command == "setup":
        return 0
    if command == "play":
        return run_game(python, rest)
    lint = run_child([str(python), "-m", "ruff", "check", "src", "tests", "benchmarks"], cwd=ROOT)
    tests = run_child([str(python), "-m", "pytest", *rest], cwd=ROOT)
    return tests or lint


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
