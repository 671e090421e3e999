"""One-command setup for newcomers: ``python3 tasks.py play`` or ``python3 tasks.py test``.

Why a script: a fresh machine has only Python.  This file uses the standard library
alone to create ``.venv``, install deskgame into it (with the dev tools) and then run
the game or the checks, so the README can promise exactly two commands.  The install
is repeated only when ``pyproject.toml`` changes.
"""

from __future__ import annotations

import hashlib
import os
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
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True
        )
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "-e", f"{ROOT}[dev]"], check=True
        )
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
        return subprocess.call([str(python), "-m", "deskgame", "play", *rest])
    lint = subprocess.call([str(python), "-m", "ruff", "check", "src", "tests", "benchmarks"])
    tests = subprocess.call([str(python), "-m", "pytest", *rest], cwd=ROOT)
    return tests or lint


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
