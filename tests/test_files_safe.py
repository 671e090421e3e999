"""Nothing overwritten, nothing hangs, no tracebacks (issue 15, DESIGN.md section 3).

Each case runs the real command where it can (``python -m deskgame``; ``run``,
``replay`` and the output checks of ``play`` never import pygame, so they are cheap) and
asserts the exit code, the one line on stderr, and that every input is byte-identical
afterwards.  A case that needs a full disk or a read-only mount is tested through what a
test can create: a FIFO, links, folders, /proc, and a failing write injected in-process.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from deskgame import cli
from deskgame.files import FileProblem, check_output, read_regular
from deskgame.session import results as results_module
from deskgame.session.live import LiveSession
from deskgame.session.results import MAX_RESULTS_BYTES, ResultsError, read_results
from deskgame.session.saves import (
    AUTOSAVE_EVERY,
    Autosaver,
    SaveLock,
    SaveLocked,
    latest_unfinished,
    process_start,
    scenario_file_notes,
)

from .conftest import MINIMAL

ENV = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy", "PYTHONIOENCODING": "utf-8"}
HAVE_PROC = Path("/proc/self/stat").exists()


# ---------------------------------------------------------------------------- helpers
def deskgame(*args: str | Path, cwd: Path | None = None, timeout: float = 60,
             **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "deskgame", *map(str, args)], capture_output=True,
                          text=True, timeout=timeout, cwd=cwd, env={**ENV, **env},
                          encoding="utf-8", errors="replace")


def snapshot(*paths: Path) -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in paths}


def assert_unchanged(before: dict[Path, bytes]) -> None:
    for path, data in before.items():
        assert not path.is_symlink() or path.resolve().exists()
        assert path.read_bytes() == data, f"{path} was changed"


def assert_refused(done: subprocess.CompletedProcess[str], code: int, *words: str) -> str:
    """Exit ``code``, exactly one line on stderr holding ``words``, no traceback."""
    assert done.returncode == code, (done.returncode, done.stderr)
    assert "Traceback" not in done.stderr, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


@pytest.fixture
def scenario(tmp_path: Path) -> Path:
    path = tmp_path / "my.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def base_results(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """A real results file of the tiny scenario (triage makes decisions to tamper with)."""
    folder = tmp_path_factory.mktemp("base")
    (folder / "tiny.yaml").write_text(MINIMAL, encoding="utf-8")
    done = deskgame("run", folder / "tiny.yaml", "--seed", "3", "--out", folder / "r.json")
    assert done.returncode == 0, done.stderr
    results = json.loads((folder / "r.json").read_text(encoding="utf-8"))
    assert len(results["decisions"]) >= 2
    return results


def as_save(results: dict, t: float = 120.0) -> dict:
    """The same session as an autosave made ``t`` minutes into round 1."""
    saved = json.loads(json.dumps(results))
    saved["ended"], saved["reached"] = "in_progress", {"round": 1, "t": t}
    saved["decisions"] = [d for d in saved["decisions"] if d["round"] == 1 and d["t"] <= t]
    return saved


def write_json(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


# ---------------------------------------------------------------------------- overwriting what is not ours
def link(tmp_path: Path, name: str, target: Path, hard: bool = False) -> Path:
    path = tmp_path / name
    (os.link if hard else os.symlink)(target, path)
    return path


@pytest.mark.parametrize("how", ["itself", "symlink", "hard link", "relative path"])
def test_run_out_onto_its_own_scenario_is_refused(tmp_path, scenario, how):
    out = {"itself": scenario, "relative path": Path("sub/../my.yaml")}.get(how)
    if out is None:
        out = link(tmp_path, "out.json", scenario, hard=how == "hard link")
    (tmp_path / "sub").mkdir()
    before = snapshot(scenario)
    done = deskgame("run", "my.yaml", "--out", out, cwd=tmp_path)
    assert_refused(done, 2, "--out", "is the scenario itself, an input")
    assert_unchanged(before)
    assert done.stdout == ""  # refused before the session ran


@pytest.mark.parametrize("flag", ["--out", "--autosave"])
@pytest.mark.parametrize("through_link", [False, True])
def test_play_out_and_autosave_onto_the_scenario_are_refused(tmp_path, scenario, flag, through_link):
    target = link(tmp_path, "save.json", scenario) if through_link else scenario
    before = snapshot(scenario)
    done = deskgame("play", scenario, "--autoplay", "fifo", "--frames", "1", flag, target)
    assert_refused(done, 2, flag, "is the scenario itself, an input")
    assert_unchanged(before)


def test_play_out_onto_the_save_being_resumed_is_refused(tmp_path, base_results):
    save = write_json(tmp_path / "team.json", as_save(base_results))
    before = snapshot(save)
    done = deskgame("play", "--resume", save, "--out", save)
    assert_refused(done, 2, "--out", "is the save to resume itself, an input")
    assert_unchanged(before)


def test_out_and_autosave_naming_one_file_are_refused(tmp_path, scenario):
    done = deskgame("play", scenario, "--autoplay", "fifo", "--frames", "1",
                    "--autosave", tmp_path / "a.json", "--out", tmp_path / "a.json")
    assert_refused(done, 2, "--out", "also the --autosave file")
    assert not (tmp_path / "a.json").exists()


def _special(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / f"{kind}.json"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    elif kind == "device":
        try:  # our own /dev/null twin: the real one is never put at risk by a test
            os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        except (PermissionError, OSError) as error:
            pytest.skip(f"cannot make a device node here ({error}); /dev/null is refused by the same check")
    elif kind == "link to a fifo":
        os.mkfifo(tmp_path / "pipe")
        path.symlink_to(tmp_path / "pipe")
    return path


@pytest.mark.parametrize("kind", ["fifo", "folder", "device", "link to a fifo"])
def test_an_output_that_is_not_a_regular_file_is_refused(tmp_path, scenario, kind):
    target = _special(tmp_path, kind)
    before = snapshot(scenario)
    done = deskgame("run", scenario, "--out", target)
    assert_refused(done, 2, "--out", str(target), "not a regular file")
    assert_unchanged(before)
    mode = os.stat(target).st_mode
    assert not stat.S_ISREG(mode)  # still what it was: nothing was renamed over it


def test_dev_null_is_refused_by_the_check():
    """The check alone, never a command: were it broken, ``--out /dev/null`` run as root would
    replace the machine's device node (the ``device`` case above runs the command on a twin)."""
    with pytest.raises(FileProblem, match="/dev/null is a device, not a regular file"):
        check_output("/dev/null", "--out")


@pytest.mark.parametrize("where", ["missing folder", "/proc", "read-only folder"])
@pytest.mark.parametrize("flag", ["--out", "--autosave", "--screenshot"])
def test_an_output_that_cannot_be_written_is_refused_before_play(tmp_path, scenario, where, flag):
    folder = {"missing folder": tmp_path / "nowhere", "/proc": Path("/proc")}.get(where)
    if folder is None:
        if os.geteuid() == 0:
            pytest.skip("root writes in a read-only folder; the /proc case tests the same probe")
        folder = tmp_path / "ro"
        folder.mkdir()
        folder.chmod(0o555)
    name = "shot.png" if flag == "--screenshot" else "x.json"
    before = snapshot(scenario)
    started = time.monotonic()
    done = deskgame("play", scenario, "--autoplay", "fifo", "--frames", "1", flag, folder / name)
    line = assert_refused(done, 2, flag)
    assert "does not exist" in line or "cannot write in" in line
    assert time.monotonic() - started < 30
    assert_unchanged(before)
    assert not (folder / name).exists()


def test_run_into_a_missing_folder_is_refused_before_the_session(tmp_path, scenario):
    done = deskgame("run", scenario, "--out", tmp_path / "nowhere" / "r.json")
    assert_refused(done, 2, "--out", "does not exist")
    assert done.stdout == ""


def test_autosave_naming_a_folder_is_refused(tmp_path, scenario):
    (tmp_path / "saves").mkdir()
    done = deskgame("play", scenario, "--autoplay", "fifo", "--frames", "5", "--autosave", tmp_path / "saves")
    assert_refused(done, 2, "--autosave", "is a folder, not a regular file")
    assert list((tmp_path / "saves").iterdir()) == []


def test_a_save_lock_that_is_a_folder_is_refused(tmp_path, scenario):
    (tmp_path / "team.json.lock").mkdir()
    done = deskgame("play", scenario, "--autoplay", "fifo", "--frames", "5",
                    "--autosave", tmp_path / "team.json")
    assert_refused(done, 2, "--autosave", "team.json.lock is a folder")
    assert not (tmp_path / "team.json").exists()
    with pytest.raises(Exception, match="not a regular file"):  # and the lock itself never crashes on it
        SaveLock(tmp_path / "team.json").acquire()


def test_a_full_disk_is_found_before_play(tmp_path, monkeypatch):
    """A full disk cannot be made without root; the probe's write failing stands for it."""
    real_write = os.write

    def full(handle: int, data: bytes) -> int:
        if data == b"deskgame":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(handle, data)

    monkeypatch.setattr(os, "write", full)
    with pytest.raises(FileProblem, match=r"--autosave: cannot write in .*No space left on device"):
        check_output(tmp_path / "s.json", "--autosave")
    assert list(tmp_path.iterdir()) == []  # the probe is cleaned up


def test_a_lock_that_cannot_be_written_at_start_is_one_line(tmp_path, scenario, monkeypatch, capsys):
    """Disk full when the game takes its save lock: exit 2 with one line, not a traceback."""
    real_open = os.open

    def refuse_locks(path, flags, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(path).endswith(".lock"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse_locks)
    code = cli.main(["play", str(scenario), "--autoplay", "fifo", "--frames", "3",
                     "--autosave", str(tmp_path / "s.json")])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err
    assert err.strip().count("\n") == 0 and "cannot write the save lock" in err and "No space left" in err


# ---------------------------------------------------------------------------- the final writes
def test_a_failed_out_still_makes_the_final_autosave_and_releases_the_lock(tmp_path, scenario, monkeypatch,
                                                                         capsys):
    save, out = tmp_path / "team.json", tmp_path / "final.json"
    real = results_module.write_atomic

    def out_fails(path, text):  # type: ignore[no-untyped-def]
        if Path(path).name == out.name:
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        return real(path, text)

    monkeypatch.setattr(results_module, "write_atomic", out_fails)
    code = cli.main(["play", str(scenario), "--autoplay", "triage", "--frames", "120", "--speed", "8",
                     "--autosave", str(save), "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 1, err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert f"cannot write the results to {out}" in err
    assert not out.exists()
    saved = read_results(save)  # the final autosave ran ...
    assert saved["ended"] == "in_progress" and saved["reached"]["t"] > 0
    assert not (tmp_path / "team.json.lock").exists()  # ... and the lock is gone


def test_a_failed_screenshot_is_one_line_and_the_save_is_kept(tmp_path, scenario, monkeypatch, capsys):
    import pygame

    def cannot(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise pygame.error("Couldn't open file")

    monkeypatch.setattr(pygame.image, "save", cannot)
    code = cli.main(["play", str(scenario), "--autoplay", "fifo", "--frames", "3",
                     "--autosave", str(tmp_path / "s.json"), "--screenshot", str(tmp_path / "s.png")])
    err = capsys.readouterr().err
    assert code == 1 and "--screenshot: cannot write" in err and len(err.strip().splitlines()) == 1
    assert read_results(tmp_path / "s.json")["ended"] == "in_progress"
    assert not (tmp_path / "s.json.lock").exists()


def test_a_failed_autosave_mid_session_warns_and_retries_at_the_next_one(tmp_path, scenario, monkeypatch):
    from deskgame.scenario import load_scenario

    live = LiveSession(load_scenario(scenario), 3)
    saver = Autosaver(tmp_path / "s.json", "player")
    attempts: list[float] = []
    real = results_module.os.replace

    def full(*args):  # type: ignore[no-untyped-def]
        attempts.append(live.world.now)
        raise OSError(errno.ENOSPC, "full")

    monkeypatch.setattr(results_module.os, "replace", full)
    live.set_speed(4)
    started, frames = live.world.now, 0
    while live.world.now - started < 3 * AUTOSAVE_EVERY + 1 and live.phase == "playing":
        live.tick(1 / 6)
        saver.maybe_save(live)
        frames += 1
    assert saver.last_error.startswith("autosave failed")  # lasting: the board shows it until a save works
    assert 3 <= len(attempts) <= 4 < frames  # retried at each autosave due, not every frame
    assert all(b - a >= AUTOSAVE_EVERY for a, b in zip(attempts, attempts[1:], strict=False))
    monkeypatch.setattr(results_module.os, "replace", real)
    assert saver.save(live) and saver.last_error == ""
    saver.close(None)


# ---------------------------------------------------------------------------- signals and the lock
@pytest.mark.parametrize("signum", [signal.SIGHUP, signal.SIGTERM])
def test_sighup_saves_and_stops_like_sigterm(tmp_path, scenario, signum):
    save = tmp_path / "team.json"
    game = subprocess.Popen([sys.executable, "-m", "deskgame", "play", str(scenario), "--autoplay", "triage",
                             "--autosave", str(save), "--frames", "100000000"],
                            env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 40
        while not save.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert save.exists(), "no autosave appeared"
        time.sleep(0.3)
        game.send_signal(signum)
        _, err = game.communicate(timeout=30)
    finally:
        if game.poll() is None:
            game.kill()
    assert game.returncode == 0, err
    assert "Traceback" not in err
    assert f"stopped by {signum.name}; the session was saved to {save.resolve()}" in err
    assert read_results(save)["ended"] == "in_progress"
    assert not (tmp_path / "team.json.lock").exists()


@pytest.mark.skipif(not HAVE_PROC, reason="process start times come from /proc")
def test_a_stale_lock_is_judged_by_process_id_and_start_time(tmp_path):
    save = tmp_path / "s.json"
    lock_file = tmp_path / "s.json.lock"
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        start = process_start(other.pid)
        assert start is not None
        lock_file.write_text(f"{other.pid} {start}\n")  # the live game that wrote it
        with pytest.raises(SaveLocked, match=f"process {other.pid}"):
            SaveLock(save).acquire()
        lock_file.write_text(f"{other.pid} {start - 1}\n")  # that id now belongs to another process
        taken = SaveLock(save)
        taken.acquire()
        assert lock_file.read_text().split() == [str(os.getpid()), str(process_start(os.getpid()))]
        taken.release()
        lock_file.write_text(f"{other.pid}\n")  # an older lock with the id only, written an hour
        an_hour_ago = time.time() - 3600  # before the process holding that id started
        os.utime(lock_file, (an_hour_ago, an_hour_ago))
        again = SaveLock(save)
        again.acquire()
        again.release()
    finally:
        other.kill()
        other.wait()


# ---------------------------------------------------------------------------- the saves folder
def _in_time(function, seconds: float = 10):  # type: ignore[no-untyped-def]
    """Run ``function`` in a thread; fail (not hang) when it blocks."""
    box: list = []
    worker = threading.Thread(target=lambda: box.append(function()), daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), f"blocked for more than {seconds} s"
    return box[0]


def test_the_saves_folder_scan_skips_what_it_cannot_read_and_never_blocks(tmp_path, base_results):
    folder = tmp_path / "saves"
    folder.mkdir()
    good = write_json(folder / "good.json", as_save(base_results))
    os.utime(good, (1, 1))  # the oldest: everything else is looked at first
    (folder / ".#good.json").symlink_to("emacs@host.1234:1700000000")  # an editor's lock, dangling
    (folder / "gone.json").symlink_to(folder / "nothing-here.json")
    os.mkfifo(folder / "pipe.json")
    (folder / "dir.json").mkdir()
    (folder / "junk.json").write_bytes(b"\xff\xfe not json")
    write_json(folder / "bad-reached.json", {**as_save(base_results), "reached": {"round": 99, "t": 1}})
    before = snapshot(good)
    assert _in_time(lambda: latest_unfinished(folder)) == good
    assert_unchanged(before)


def test_a_save_that_reads_but_cannot_resume_is_reported_on_the_title_screen(tmp_path, base_results):
    from deskgame.ui.app import App, SaveOptions
    from deskgame.ui.scenes.menus import TitleScene

    folder = tmp_path / "saves"
    folder.mkdir()
    broken = as_save(base_results)
    broken["decisions"][-1]["step"] = 999_999_999  # reads fine, replays into nothing
    path = write_json(folder / "broken.json", broken)
    before = snapshot(path)
    app = App(None, saves=SaveOptions(folder=folder))
    try:
        title = app.scenes.top
        assert isinstance(title, TitleScene) and title.items[0].name == "resume"
        title._choose(0)  # "Carry on the unfinished session"
        app._follow(title)  # the app takes the step the title asked for
        assert app.scenes.top is title  # still the title screen, no crash
        assert "Cannot carry on broken.json" in title.problem and "step" in title.problem
        assert all(item.name != "resume" for item in title.items)
        app.draw()  # the message is drawn
        assert app.live is None and app.autosaver is None
    finally:
        app.close()
    assert_unchanged(before)
    assert not (folder / "broken.json.lock").exists()


# ---------------------------------------------------------------------------- hostile results files
@pytest.mark.parametrize("command", ["replay", "play --resume"])
@pytest.mark.parametrize("kind", ["fifo", "/dev/zero", "/dev/urandom", "folder"])
def test_results_readers_open_only_regular_files(tmp_path, command, kind):
    path = {"/dev/zero": Path("/dev/zero"), "/dev/urandom": Path("/dev/urandom")}.get(kind)
    if path is None:
        path = _special(tmp_path, kind)
    extra = ["--autosave", tmp_path / "s.json"] if command.startswith("play") else []
    done = deskgame(*command.split(), path, *extra, timeout=30)
    assert_refused(done, 2, str(path), "not a results file")
    assert not (tmp_path / "s.json").exists()


def test_the_size_limit_is_enforced_while_reading(tmp_path):
    big = tmp_path / "big.json"
    with big.open("wb") as handle:  # sparse: costs no disk
        handle.truncate(MAX_RESULTS_BYTES + 1)
    done = deskgame("replay", big)
    assert_refused(done, 2, "big.json", "limited to")
    if HAVE_PROC:  # /proc reports a size of 0: the limit holds while reading, not from st_size
        with pytest.raises(FileProblem, match="over 10 bytes"):
            read_regular("/proc/self/status", 10)
        assert b"Pid:" in read_regular("/proc/self/status", 1 << 20)


def _tampered(results: dict, case: str) -> tuple[str, str]:
    """A results file text for ``case`` and the words its refusal must hold."""
    data = json.loads(json.dumps(results))
    if case == "step 999999999":
        data["decisions"][-1]["step"] = 999_999_999
        return json.dumps(data), "decisions"
    if case == "5,000-digit number":
        return json.dumps(data).replace('"seed": 3', '"seed": ' + "9" * 5000), "5,000 digits"
    if case == "number too large for a float":
        return json.dumps(data).replace('"seed": 3', '"seed": 3, "x": 1e999'), "too large"
    if case == "NaN":
        return json.dumps(data).replace('"seed": 3', '"seed": 3, "x": NaN'), "NaN"
    if case == "lone surrogate in the scenario text":
        data["scenario"]["text"] += "# \ud800\n"
        return json.dumps(data), "scenario.text"
    if case == "lone surrogate in a key":
        data["decisions"][0]["\udcff"] = 1
        return json.dumps(data), "decisions[0]"
    if case in ("scenario.file 123", "scenario.file list"):
        data["scenario"]["file"] = 123 if case.endswith("123") else ["a", "b"]
        return json.dumps(data), "scenario.file"
    if case == "team a list":
        data["team"] = ["Red"]
        return json.dumps(data), "team: expected text"
    if case == "decision step a string":
        data["decisions"][0]["step"] = "5"
        return json.dumps(data), "decisions[0].step"
    if case == "decision of unknown fields":
        data["decisions"][0]["ticket"] = {"a": [1]}
        return json.dumps(data), "decisions"
    raise AssertionError(case)


CASES = ["step 999999999", "5,000-digit number", "number too large for a float", "NaN",
         "lone surrogate in the scenario text", "lone surrogate in a key", "scenario.file 123",
         "scenario.file list", "team a list", "decision step a string", "decision of unknown fields"]


@pytest.mark.parametrize("case", CASES)
def test_hostile_results_files_are_refused_with_one_line(tmp_path, base_results, case):
    text, words = _tampered(base_results, case)
    path = tmp_path / "r.json"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    before = snapshot(path)
    done = deskgame("replay", path)
    assert_refused(done, 2, "r.json", words)
    assert_unchanged(before)


@pytest.mark.parametrize("case", ["step 999999999", "5,000-digit number", "scenario.file list"])
def test_hostile_saves_are_refused_by_resume_with_one_line(tmp_path, base_results, case):
    text, words = _tampered(as_save(base_results), case)
    path = tmp_path / "save.json"
    path.write_text(text, encoding="utf-8")
    before = snapshot(path)
    done = deskgame("play", "--resume", path)
    assert_refused(done, 2, "save.json", words)
    assert_unchanged(before)
    assert not (tmp_path / "save.json.lock").exists()


def test_a_saves_scenario_file_is_never_read_whole_nor_waited_on(tmp_path):
    huge = tmp_path / "huge.yaml"
    with huge.open("wb") as handle:
        handle.truncate(3 * 1024**3)  # 3 GB, sparse
    os.mkfifo(tmp_path / "pipe.yaml")
    started = time.monotonic()
    notes = _in_time(lambda: scenario_file_notes(str(huge), "0" * 64) + scenario_file_notes(
        str(tmp_path / "pipe.yaml"), "0" * 64) + scenario_file_notes("a\0b", "0" * 64))
    assert time.monotonic() - started < 2
    assert len(notes) == 3 and all("the copy inside the save is used" in n or "saved version" in n
                                   for n in notes)


def test_seed_accepts_exactly_what_results_files_accept(tmp_path, scenario):
    done = deskgame("run", scenario, "--seed", str(2**63))
    assert_refused(done, 2, "--seed", "0 to 2^63-1")
    done = deskgame("run", scenario, "--seed", "9" * 5000)
    assert_refused(done, 2, "--seed")
    out = tmp_path / "max.json"
    done = deskgame("run", scenario, "--seed", str(2**63 - 1), "--out", out)
    assert done.returncode == 0, done.stderr
    assert read_results(out)["seed"] == 2**63 - 1
    done = deskgame("replay", out)
    assert done.returncode == 0 and "replay identical" in done.stdout


def test_the_results_reader_agrees_with_seed_limits(tmp_path, base_results):
    for seed, ok in ((2**63 - 1, True), (2**63, False), (-1, False)):
        path = write_json(tmp_path / "r.json", {**base_results, "seed": seed})
        if ok:
            assert read_results(path)["seed"] == seed
        else:
            with pytest.raises(ResultsError, match="seed|out of range"):
                read_results(path)


# ---------------------------------------------------------------------------- the terminal's encoding
ASCII_TERMINALS = [{"PYTHONIOENCODING": "ascii"},
                   {"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}]


def terminal(env: dict[str, str]) -> dict[str, str]:
    made = {key: value for key, value in ENV.items() if key != "PYTHONIOENCODING"}
    return {**made, **env}


@pytest.mark.parametrize("env", ASCII_TERMINALS)
def test_run_on_an_ascii_terminal_writes_its_results_and_prints_ascii(tmp_path, scenario, env):
    out = tmp_path / "r.json"
    before = snapshot(scenario)
    done = subprocess.run([sys.executable, "-m", "deskgame", "run", str(scenario), "--out", str(out)],
                          capture_output=True, timeout=60, env=terminal(env))
    assert done.returncode == 0, done.stderr
    assert b"Traceback" not in done.stderr
    done.stdout.decode("ascii")  # nothing but ASCII reached the terminal
    assert b"Tiny - triage, seed" in done.stdout  # the dash degraded, not dropped
    assert read_results(out)["scenario"]["title"] == "Tiny"
    assert_unchanged(before)


def test_results_are_written_before_the_table_is_printed(tmp_path, scenario):
    """Even when printing fails outright (``| head`` gone), the results file is there."""
    out = tmp_path / "r.json"
    with subprocess.Popen([sys.executable, "-m", "deskgame", "run", str(scenario), "--out", str(out)],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV) as game:
        assert game.stdout is not None and game.stderr is not None
        game.stdout.close()  # the reader went away before a single line
        err = game.stderr.read()
        game.wait(timeout=60)
    assert read_results(out)["seed"] is not None
    assert b"Traceback" not in err and game.returncode == 1


@pytest.mark.parametrize("env", ASCII_TERMINALS)
def test_validate_prints_a_non_ascii_file_name_on_an_ascii_terminal(tmp_path, env):
    path = tmp_path / "café—lundi.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    before = snapshot(path)
    done = subprocess.run([sys.executable, "-m", "deskgame", "validate", os.fsencode(path)],
                          capture_output=True, timeout=60, env=terminal(env))
    assert done.returncode == 0 and b"Traceback" not in done.stderr, done.stderr
    line = done.stdout.decode("ascii").strip()
    assert line.startswith(str(tmp_path)) and line.endswith("lundi.yaml: ok")
    assert_unchanged(before)


# ---------------------------------------------------------------------------- non-finite numbers
def test_a_non_finite_number_never_becomes_a_results_file(tmp_path, scenario, monkeypatch, capsys):
    """The engine must never emit NaN; if it ever does, ``run`` says so in one line (exit 1)."""
    from deskgame.session import results as built

    real = built.build_results

    def with_nan(*args, **kwargs):  # type: ignore[no-untyped-def]
        data = real(*args, **kwargs)
        data["rounds"][0]["kpis"]["csat"] = float("nan")
        return data

    monkeypatch.setattr(built, "build_results", with_nan)
    out = tmp_path / "r.json"
    code = cli.main(["run", str(scenario), "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 1 and "not finite" in err and len(err.strip().splitlines()) == 1
    assert not out.exists()


def test_nothing_is_left_behind_by_the_output_checks(tmp_path, scenario):
    with contextlib.suppress(FileProblem):
        check_output(tmp_path / "x.json", "--out", [("the scenario", scenario)], companions=(".lock",))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["my.yaml"]


@pytest.mark.parametrize("team", [b"Red\xff", b"Red\x1b[2J", b"x" * 121])
def test_a_team_name_a_results_file_could_not_hold_is_refused(tmp_path, scenario, team):
    """Undecodable bytes would become lone surrogates: a file ``replay`` then refuses."""
    out = tmp_path / "r.json"
    done = subprocess.run([sys.executable, "-m", "deskgame", "run", os.fsencode(scenario), "--team", team,
                           "--out", os.fsencode(out)], capture_output=True, timeout=60, env=ENV)
    assert done.returncode == 2 and b"Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and b"--team" in done.stderr
    assert not out.exists()


def test_an_engine_failure_in_run_is_one_line(tmp_path, scenario, monkeypatch, capsys):
    """A scenario the validator let through but the engine cannot run (issue 15: a lognormal
    effort mean of 1e-200 minutes overflowed) is a runtime failure, not a traceback."""
    from deskgame.session import runner

    def overflow(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise OverflowError(34, "Numerical result out of range")

    monkeypatch.setattr(runner, "run_session", overflow)
    code = cli.main(["run", str(scenario), "--out", str(tmp_path / "r.json")])
    err = capsys.readouterr().err
    assert code == 1 and err.strip() == ("deskgame run: the session failed: OverflowError: "
                                         "(34, 'Numerical result out of range')")
    assert not (tmp_path / "r.json").exists()


def test_a_saves_folder_that_cannot_take_a_save_lets_the_team_play_and_says_so(tmp_path):
    """From the title screen the save goes to the user data folder; when that cannot be
    written (here it is a file) the game plays on unsaved and the board says why."""
    from deskgame.ui.app import App, SaveOptions
    from deskgame.ui.scenes.menus import BriefingScene

    blocked = tmp_path / "saves"
    blocked.write_text("not a folder")
    app = App(None, saves=SaveOptions(folder=blocked))
    try:
        title = app.scenes.top
        title._choose(title.index)
        app._follow(title)  # the app takes the step the title asked for
        assert isinstance(app.scenes.top, BriefingScene) and app.autosaver is None
        assert any("not being saved" in note and "save lock" in note for note in app.notes)
    finally:
        app.close()
    assert blocked.read_text() == "not a folder"
