"""Autosave, resume and the save lock: a workshop never loses a team's session.

A save is a results file (``deskgame-results/1``) with ``ended: in_progress`` and
``reached``: the seed, the embedded scenario and every decision so far.  Resuming
re-runs the scenario from the seed with those decisions up to the saved time — the
engine's determinism is the save format.
"""

from __future__ import annotations

import errno
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from deskgame.policies import POLICIES, make_policy
from deskgame.scenario import ScenarioError, load_scenario_text
from deskgame.session.live import LiveSession
from deskgame.session.results import (
    ResultsError,
    build_results,
    dumps,
    read_results,
    scenario_sha256,
    write_atomic,
)
from deskgame.session.runner import ReplayError, run_session

AUTOSAVE_EVERY = 15.0   # simulated minutes between autosaves (DESIGN.md section 3)


class SaveLocked(Exception):
    """Another running game is writing this save file."""


def saves_dir() -> Path:
    """``$DESKGAME_DATA_DIR/saves`` if set (portable installs, tests), else the user data folder."""
    override = os.environ.get("DESKGAME_DATA_DIR")
    if override:
        return Path(override) / "saves"
    from platformdirs import user_data_dir

    return Path(user_data_dir("deskgame", appauthor=False)) / "saves"


def default_save_path(title: str, seed: int, folder: Path | None = None) -> Path:
    """A new file per session: ``<title>-seed<N>-<date-time>.json`` in the user data folder."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:40] or "session"
    stamp = time.strftime("%Y%m%d-%H%M%S")
    return (folder or saves_dir()) / f"{slug}-seed{seed}-{stamp}.json"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


@dataclass
class SaveLock:
    """``FILE.lock`` holding the writer's process id; a stale lock (dead process) is taken over."""

    path: Path
    held: bool = False

    @property
    def lock_path(self) -> Path:
        return self.path.with_name(self.path.name + ".lock")

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        for _ in range(2):
            try:
                handle = os.open(self.lock_path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                try:
                    owner = int(self.lock_path.read_text().strip() or "0")
                except (OSError, ValueError):
                    owner = 0
                if owner and owner != os.getpid() and _alive(owner):
                    raise SaveLocked(f"{self.path}: another deskgame (process {owner}) is saving to this "
                                     "file; close it first or choose another --autosave file") from None
                self.lock_path.unlink(missing_ok=True)  # stale: its game is gone
                continue
            with os.fdopen(handle, "w") as out:
                out.write(str(os.getpid()))
            self.held = True
            return
        raise SaveLocked(f"{self.path}: could not take the save lock")

    def release(self) -> None:
        if self.held:
            self.lock_path.unlink(missing_ok=True)
            self.held = False


def save_results(live: LiveSession, policy: str, team: str | None) -> dict[str, Any]:
    """The session so far as a results file (``in_progress`` until it has ended)."""
    results = build_results(live.outcome, policy, team)
    world = live.world
    if live.phase != "ended":
        results["ended"] = "in_progress"
        results["reached"] = {"round": world.round, "t": world.now - world.round_start}
    return results


@dataclass
class Autosaver:
    """Saves at least every 15 simulated minutes, at each round's end and on quit."""

    path: Path
    policy: str
    team: str | None = None
    lock: SaveLock = field(init=False)
    last_saved_at: float | None = None
    last_phase: str = "playing"
    last_error: str = ""

    def __post_init__(self) -> None:
        self.lock = SaveLock(self.path)
        self.lock.acquire()

    def maybe_save(self, live: LiveSession) -> None:
        now = live.world.now
        phase_changed = live.phase != self.last_phase
        self.last_phase = live.phase
        due = self.last_saved_at is None or now - self.last_saved_at >= AUTOSAVE_EVERY
        if phase_changed or (live.phase == "playing" and due):
            self.save(live)

    def save(self, live: LiveSession) -> bool:
        """Write the save; a failure (full disk...) is reported, the previous save stays whole."""
        try:
            write_atomic(self.path, dumps(save_results(live, self.policy, self.team)))
        except OSError as error:
            self.last_error = f"autosave failed: {os.strerror(error.errno or errno.EIO)}"
            return False
        self.last_saved_at = live.world.now
        self.last_error = ""
        return True

    def close(self, live: LiveSession | None) -> None:
        if live is not None:
            self.save(live)
        self.lock.release()


@dataclass
class Resumed:
    live: LiveSession
    notes: list[str]
    policy: str
    team: str | None


def resume(path: str | os.PathLike[str]) -> Resumed:
    """Rebuild the exact session a save describes; every problem is one ResultsError line."""
    name = str(path)
    saved = read_results(path)
    if saved.get("ended") != "in_progress":
        raise ResultsError(f"{name}: ended: this session is {saved.get('ended')!r}, not in progress; "
                           "nothing to resume (try 'deskgame replay')")
    reached = saved.get("reached")
    if not (isinstance(reached, dict) and isinstance(reached.get("round"), int)
            and isinstance(reached.get("t"), int | float) and 1 <= reached["round"] <= 6
            and 0 <= reached["t"] < 1e6):
        raise ResultsError(f"{name}: reached: expected {{round: 1-6, t: minutes}}, found {reached!r}")
    text = saved["scenario"]["text"]
    try:
        scenario = load_scenario_text(text, f"{name}:scenario.text", file=saved["scenario"].get("file", ""))
    except ScenarioError as error:
        raise ResultsError(f"{name}: the embedded scenario is invalid: {error.problems[0]}") from None
    notes = scenario_file_notes(saved["scenario"].get("file", ""), saved["scenario"]["sha256"])
    try:
        outcome = run_session(scenario, saved["seed"], decisions=saved["decisions"],
                              stop_at=(reached["round"], float(reached["t"])))
    except ReplayError as error:
        raise ResultsError(f"{name}: decisions: {error}") from None
    except (TypeError, ValueError, KeyError) as error:
        raise ResultsError(f"{name}: decisions: cannot be applied ({error})") from None
    policy_name = saved.get("policy", "player")
    policy = make_policy(policy_name) if policy_name in POLICIES else None
    return Resumed(LiveSession.resumed(outcome, policy), notes, policy_name, saved.get("team"))


def scenario_file_notes(file: str, sha256: str) -> list[str]:
    """Tell the team when the scenario file has changed or moved since the save (the saved copy is used)."""
    if not file:
        return []
    path = Path(file)
    if not path.is_file():
        return [f"The scenario file {file} has moved or gone; the copy inside the save is used."]
    try:
        current = scenario_sha256(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return [f"The scenario file {file} cannot be read; the copy inside the save is used."]
    if current != sha256:
        return [f"The scenario file {file} has changed since this save; the saved version is used."]
    return []


def latest_unfinished(folder: Path | None = None) -> Path | None:
    """The newest save in the user data folder that can still be resumed."""
    folder = folder or saves_dir()
    if not folder.is_dir():
        return None
    for path in sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True):
        try:
            if read_results(path).get("ended") == "in_progress":
                return path
        except ResultsError:
            continue
    return None
