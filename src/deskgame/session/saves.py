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
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from simpy.core import EmptySchedule

from deskgame.files import FileProblem, read_regular
from deskgame.policies import POLICIES, make_policy
from deskgame.scenario import ScenarioError, load_scenario_text
from deskgame.scenario.limits import MAX_FILE_BYTES
from deskgame.scenario.model import Scenario
from deskgame.session.live import LiveSession
from deskgame.session.results import (
    ResultsError,
    build_results,
    compact_rounds,
    dumps,
    read_results,
    scenario_sha256,
    write_atomic,
)
from deskgame.session.results_stream import NotStreamable, read_checked_header
from deskgame.session.runner import ReplayError, SessionOutcome, run_session

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
    except (OSError, OverflowError):
        return False
    return True


def process_start(pid: int) -> int | None:
    """When process ``pid`` started, in clock ticks since boot (/proc/PID/stat field 22).

    With the process id this names one process for good: a pid is reused, a (pid, start)
    pair is not.  None where /proc is not available (then the pid alone is used).
    """
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            data = handle.read(4096)
        fields = data[data.rindex(b")") + 2:].split()
        return int(fields[19])  # fields after "(comm)" start at field 3: 22 - 3 = 19
    except (OSError, ValueError, IndexError):
        return None


def _started_after(pid: int, when: float) -> bool:
    """True when process ``pid`` is known to have started after ``when`` (seconds since the epoch)."""
    ticks = process_start(pid)
    if ticks is None:
        return False
    try:
        with open("/proc/stat", "rb") as handle:
            boot = next(int(line.split()[1]) for line in handle if line.startswith(b"btime "))
        hertz = os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, StopIteration, IndexError):
        return False
    return boot + ticks / hertz > when + 2.0  # two seconds of slack for clock rounding


class SaveUnavailable(Exception):
    """The save (or its lock) cannot be written at all: one line naming the file."""


@dataclass
class SaveLock:
    """``FILE.lock`` holding the writer's process id and start time.

    A lock whose process is gone, or whose process id now belongs to a process that
    started later (ids are reused after a reboot or a busy day), is stale and taken over.
    """

    path: Path
    held: bool = False

    @property
    def lock_path(self) -> Path:
        return self.path.with_name(self.path.name + ".lock")

    def acquire(self) -> None:
        try:
            self._acquire()
        except OSError as error:
            raise SaveUnavailable(f"{self.lock_path}: cannot write the save lock "
                                  f"({error.strerror or error})") from None

    def _acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        for _ in range(3):
            if self.lock_path.is_symlink() or (self.lock_path.exists() and not self.lock_path.is_file()):
                raise SaveUnavailable(f"{self.lock_path}: the save lock is not a regular file; "
                                      "remove it or choose another --autosave file")
            try:
                handle = os.open(self.lock_path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                owner = self._owner()
                if owner is not None:
                    raise SaveLocked(f"{self.path}: another deskgame (process {owner}) is saving to "
                                     "this file; close it first or choose another --autosave file") from None
                self.lock_path.unlink(missing_ok=True)  # stale: its game is gone
                continue
            start = process_start(os.getpid())
            with os.fdopen(handle, "w") as out:
                out.write(f"{os.getpid()} {start}\n" if start is not None else f"{os.getpid()}\n")
            self.held = True
            return
        raise SaveLocked(f"{self.path}: could not take the save lock")

    def _owner(self) -> int | None:
        """The process id holding the lock, or None when the lock is stale."""
        for attempt in range(2):
            try:
                text = read_regular(self.lock_path, 256, what="save lock").decode("ascii", "replace")
                written = self.lock_path.stat().st_mtime
            except (FileProblem, OSError):
                return None
            if text.strip() or attempt:
                break
            time.sleep(0.2)  # just created by another game, which is writing its id now
        parts = text.split()
        try:
            pid = int(parts[0])
            start = int(parts[1]) if len(parts) > 1 else None
        except (IndexError, ValueError):
            return None
        if pid <= 0 or pid == os.getpid() or not _alive(pid):
            return None
        if start is not None:
            now = process_start(pid)
            return None if now is not None and now != start else pid
        return None if _started_after(pid, written) else pid  # an older lock: id only

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
    new_file: bool = field(init=False, default=False)
    last_saved_at: float | None = None
    last_tried_at: float | None = None   # a failed save is retried at the next one due, not every frame
    last_phase: str = "playing"
    last_error: str = ""

    def __post_init__(self) -> None:
        self.lock = SaveLock(self.path)
        self.lock.acquire()
        self.new_file = not self.path.exists()  # ours to take back if nothing gets played

    def maybe_save(self, live: LiveSession) -> None:
        now = live.world.now
        phase_changed = live.phase != self.last_phase
        self.last_phase = live.phase
        due = self.last_tried_at is None or now - self.last_tried_at >= AUTOSAVE_EVERY
        if phase_changed or (live.phase == "playing" and due):
            self.save(live)

    def save(self, live: LiveSession) -> bool:
        """Write the save; a failure (full disk...) is reported, the previous save stays whole.

        ``last_error`` stays set until a save succeeds: the play screen keeps showing it.
        Before play has begun (the briefing) a new file is not written at all: a game killed
        there must leave nothing to carry on, as one closed there does (see ``close``).
        """
        if self._nothing_played(live):
            return True  # nothing to keep yet; the first frame the clock moves writes it
        self.last_tried_at = live.world.now
        try:
            write_atomic(self.path, dumps(save_results(live, self.policy, self.team)))
        except OSError as error:
            self.last_error = f"autosave failed: {os.strerror(error.errno or errno.EIO)}"
            return False
        except ValueError:  # NaN or infinity in the session: never written as a results file
            self.last_error = "autosave failed: the session holds a number that is not finite"
            return False
        self.last_saved_at = live.world.now
        self.last_error = ""
        return True

    def close(self, live: LiveSession | None) -> None:
        if live is not None and self._nothing_played(live):
            self.path.unlink(missing_ok=True)  # nothing to carry on: the title offers none
        elif live is not None:
            self.save(live)
        self.lock.release()

    def _nothing_played(self, live: LiveSession) -> bool:
        """Opened and left before the clock moved (a glance at the briefing) in a file this
        saver made (a resumed session keeps its file whatever happens)."""
        world = live.world
        return (self.new_file and world.round == 1 and world.now <= world.round_start
                and not world.decisions)


@dataclass
class Resumed:
    live: LiveSession
    notes: list[str]
    policy: str
    team: str | None


def resume(path: str | os.PathLike[str]) -> Resumed:
    """Rebuild the exact session a save describes; every problem is one ResultsError line."""
    name = str(path)
    try:  # checked whole but held a round at a time: the rounds are re-run, never read
        saved = read_checked_header(path, name)
    except NotStreamable:
        saved = read_results(path)
        compact_rounds(saved)
    if saved.get("ended") != "in_progress":
        raise ResultsError(f"{name}: ended: this session is {saved.get('ended')!r}, not in progress; "
                           "nothing to resume (try 'deskgame replay')")
    reached = check_reached(saved, name)
    text = saved["scenario"]["text"]
    try:
        scenario = load_scenario_text(text, f"{name}:scenario.text", file=saved["scenario"].get("file", ""))
    except ScenarioError as error:
        raise ResultsError(f"{name}: the embedded scenario is invalid: {error.problems[0]}") from None
    notes = scenario_file_notes(saved["scenario"].get("file", ""), saved["scenario"]["sha256"])
    outcome = replay_decisions(scenario, saved, name, stop_at=(reached["round"], float(reached["t"])))
    policy_name = saved.get("policy", "player")
    policy = make_policy(policy_name) if policy_name in POLICIES else None
    return Resumed(LiveSession.resumed(outcome, policy), notes, policy_name, saved.get("team"))


def check_reached(saved: dict[str, Any], name: str) -> dict[str, Any]:
    """A save's ``reached`` ({round: 1-6, t: minutes}), or one ResultsError line."""
    reached = saved.get("reached")
    if not (isinstance(reached, dict) and isinstance(reached.get("round"), int)
            and not isinstance(reached.get("round"), bool)
            and isinstance(reached.get("t"), int | float) and not isinstance(reached.get("t"), bool)
            and 1 <= reached["round"] <= 6 and 0 <= reached["t"] < 1e6):
        shown = repr(reached)
        raise ResultsError(f"{name}: reached: expected {{round: 1-6, t: minutes}}, found "
                           f"{shown[:60]}{'...' if len(shown) > 60 else ''}")
    return reached


def replay_decisions(scenario: Scenario, saved: dict[str, Any], name: str,
                     stop_at: tuple[int, float] | None = None,
                     on_round: Callable[[dict[str, Any]], None] | None = None,
                     keep_log: bool = True) -> SessionOutcome:
    """Re-run a results file's seed and decisions; a decision that cannot be applied is the
    file's fault, so every such failure is one ResultsError line naming the file.
    ``keep_log=False`` (``deskgame replay``) drops the domain-event feed only the game shows."""
    try:
        return run_session(scenario, saved["seed"], decisions=saved["decisions"], stop_at=stop_at,
                           on_round=on_round, keep_log=keep_log)
    except ReplayError as error:
        raise ResultsError(f"{name}: decisions: {error}") from None
    except EmptySchedule:  # a step past every event the world will ever have
        raise ResultsError(f"{name}: decisions: a step lies beyond the last event of its round") from None
    except (TypeError, ValueError, KeyError, AttributeError, IndexError) as error:
        raise ResultsError(f"{name}: decisions: cannot be applied ({error})") from None


def scenario_file_notes(file: str, sha256: str) -> list[str]:
    """Tell the team when the scenario file has changed or moved since the save (the saved copy is used).

    The file is read like any input: only if regular and at most a scenario's size (a save
    naming a huge or special file must not be read whole, nor hang).
    """
    if not file:
        return []
    try:
        data = read_regular(file, MAX_FILE_BYTES, what="scenario file")
    except FileProblem as problem:
        if problem.missing:
            return [f"The scenario file {file} has moved or gone; the copy inside the save is used."]
        return [f"The scenario file {file} cannot be read; the copy inside the save is used."]
    try:
        current = scenario_sha256(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        current = ""
    if current != sha256:
        return [f"The scenario file {file} has changed since this save; the saved version is used."]
    return []


def latest_unfinished(folder: Path | None = None) -> Path | None:
    """The newest save in the saves folder that can still be resumed.

    The scan never blocks and never fails: hidden files (an editor's ``.#a.json`` lock,
    often a dangling link), links that lead nowhere, FIFOs and unreadable files are skipped.
    """
    folder = folder or saves_dir()
    candidates: list[tuple[float, Path]] = []
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.startswith(".") or not entry.name.endswith(".json"):
                    continue
                try:
                    info = entry.stat()  # follows links; a dangling one raises
                except OSError:
                    continue
                if stat.S_ISREG(info.st_mode):
                    candidates.append((info.st_mtime, Path(entry.path)))
    except OSError:
        return None
    for _, path in sorted(candidates, key=lambda item: item[0], reverse=True):
        try:
            saved = read_results(path)
            if saved.get("ended") == "in_progress":
                check_reached(saved, str(path))
                return path
        except ResultsError:
            continue
    return None
