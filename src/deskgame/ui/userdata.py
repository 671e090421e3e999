"""What the game remembers about its player between sessions, in the user data folder.

Two small JSON files beside the ``saves`` folder (``$DESKGAME_DATA_DIR`` if set, else
platformdirs' user data folder, as for the saves):

* ``progress.json`` - whether the tutorial has been played (the title stops offering it)
  and which tutorial hints the player asked not to see again;
* ``best.json`` - the personal best session score per scenario and seed (written when a
  session ends, shown on the title screen).

Neither is worth a crash: a file that is missing starts empty; one that cannot be read
or is not what we wrote (corrupt, hand-edited, another program's) is ignored with one
line on stderr and written anew at the next change; a file that cannot be written costs
only that memory (one line on stderr, the game plays on).  No pygame here.
"""

from __future__ import annotations

import json
import math
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from deskgame.files import FileProblem, read_regular

PROGRESS_FILE = "progress.json"
BEST_FILE = "best.json"
PROGRESS_FORMAT = "deskgame-progress/1"
BEST_FORMAT = "deskgame-best/1"
LIMIT = 1 << 20  # bytes: these files hold a few lines; anything larger is not ours
MAX_KEY = 200  # characters of a scenario title kept as a key


def data_dir() -> Path:
    """The folder the saves folder lives in (``DESKGAME_DATA_DIR`` or the user data folder)."""
    from deskgame.session.saves import saves_dir

    return saves_dir().parent


@dataclass(frozen=True)
class Best:
    """A personal best: the session score and when it was made."""

    score: float
    when: str  # "YYYY-MM-DD"


def _warn(message: str) -> None:
    print(f"deskgame: {message}", file=sys.stderr)


class UserData:
    """The player's progress and personal bests, read once and written on every change."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder if folder is not None else data_dir()
        self._progress = self._read(PROGRESS_FILE, PROGRESS_FORMAT, _valid_progress)
        self._best = self._read(BEST_FILE, BEST_FORMAT, _valid_best)

    # ------------------------------------------------------------------ the tutorial
    @property
    def tutorial_played(self) -> bool:
        return bool(self._progress.get("tutorial_played", False))

    def mark_tutorial_played(self) -> None:
        if not self.tutorial_played:
            self._progress["tutorial_played"] = True
            self._write(PROGRESS_FILE, PROGRESS_FORMAT, self._progress)

    def hints_off(self) -> frozenset[str]:
        """The hints the player asked never to see again."""
        return frozenset(self._progress.get("hints_off", []))

    def turn_hint_off(self, hint_id: str) -> None:
        off = sorted(self.hints_off() | {hint_id})
        if off != sorted(self.hints_off()):
            self._progress["hints_off"] = off
            self._write(PROGRESS_FILE, PROGRESS_FORMAT, self._progress)

    # ------------------------------------------------------------------ personal bests
    def best(self, title: str, seed: int) -> Best | None:
        entry = self._best.get("best", {}).get(title[:MAX_KEY], {}).get(str(seed))
        return Best(float(entry["score"]), str(entry.get("when", ""))) if entry else None

    def session_played(self, title: str, seed: int, score: float, tutorial: bool) -> None:
        """A person finished a session: its score may be a best, and a tutorial counts as played."""
        self.record(title, seed, score)
        if tutorial:
            self.mark_tutorial_played()

    def record(self, title: str, seed: int, score: float) -> bool:
        """Keep ``score`` if it beats the best on this scenario and seed; True when it did."""
        if not math.isfinite(score):
            return False
        earlier = self.best(title, seed)
        if earlier is not None and earlier.score >= score:
            return False
        scenarios = self._best.setdefault("best", {})
        scenarios.setdefault(title[:MAX_KEY], {})[str(seed)] = {
            "score": round(score, 2), "when": time.strftime("%Y-%m-%d")}
        self._write(BEST_FILE, BEST_FORMAT, self._best)
        return True

    # ------------------------------------------------------------------ files
    def _read(self, name: str, form: str, valid: Any) -> dict[str, Any]:
        path = self.folder / name
        try:
            raw = read_regular(path, LIMIT, what="deskgame data file")
        except FileProblem as problem:
            if not problem.missing:
                _warn(f"ignoring {problem}")
            return {"format": form}
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as error:
            _warn(f"ignoring {path}: not readable JSON ({str(error).splitlines()[0]}); it starts anew")
            return {"format": form}
        if not isinstance(data, dict) or data.get("format") != form or not valid(data):
            _warn(f"ignoring {path}: not a {form} file; it starts anew")
            return {"format": form}
        return data

    def _write(self, name: str, form: str, data: dict[str, Any]) -> None:
        from deskgame.session.results import write_atomic

        path = self.folder / name
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_atomic(path, json.dumps({**data, "format": form}, indent=1, sort_keys=True) + "\n")
        except OSError as error:
            _warn(f"cannot write {path} ({error.strerror or error}); this will not be remembered")


def _valid_progress(data: dict[str, Any]) -> bool:
    played = data.get("tutorial_played", False)
    off = data.get("hints_off", [])
    return isinstance(played, bool) and isinstance(off, list) and all(isinstance(h, str) for h in off)


def _valid_best(data: dict[str, Any]) -> bool:
    scenarios = data.get("best", {})
    if not isinstance(scenarios, dict):
        return False
    for seeds in scenarios.values():
        if not isinstance(seeds, dict):
            return False
        for entry in seeds.values():
            score = entry.get("score") if isinstance(entry, dict) else None
            if isinstance(score, bool) or not isinstance(score, (int, float)) or not math.isfinite(score):
                return False
    return True
