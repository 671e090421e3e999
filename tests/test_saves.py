"""Nothing lost: autosave, resume after a hard kill, the save lock, safe writes, hardened reading."""

from __future__ import annotations

import copy
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pygame
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deskgame.policies import make_policy
from deskgame.scenario import load_scenario
from deskgame.session import results as results_module
from deskgame.session.live import LiveSession
from deskgame.session.results import ResultsError, build_results, dumps, read_results, write_atomic
from deskgame.session.runner import run_session
from deskgame.session.saves import AUTOSAVE_EVERY, Autosaver, SaveLock, SaveLocked, resume, save_results

from .conftest import SCENARIOS

MONDAY = SCENARIOS / "standard-monday.yaml"
ENV = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}


def state(live: LiveSession) -> tuple:
    world = live.world
    tickets = [
        (t.id, t.arrived, t.started, t.resolved, t.agent, t.priority, t.outcome)
        for t in world.tickets.values()
    ]
    satisfaction = {name: world.satisfaction.value(name, world.now) for name in world.satisfaction.names()}
    return world.round, world.now, tickets, satisfaction, world.decisions


def straight_to(reached: dict, policy: str = "triage") -> LiveSession:
    """The same session played without interruption up to ``reached``."""
    outcome = run_session(
        load_scenario(MONDAY), 7, make_policy(policy), stop_at=(reached["round"], reached["t"])
    )
    return LiveSession.resumed(outcome)


def test_a_killed_game_resumes_exactly_where_its_last_autosave_was(tmp_path):
    save = tmp_path / "team.json"
    game = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "deskgame",
            "play",
            str(MONDAY),
            "--seed",
            "7",
            "--autoplay",
            "triage",
            "--autosave",
            str(save),
            "--speed",
            "8",
            "--frames",
            "1000000",
        ],
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 120
        reached = None
        while time.monotonic() < deadline:
            time.sleep(0.2)
            try:
                data = json.loads(save.read_text())
            except (OSError, ValueError):
                continue
            reached = data.get("reached")
            if data.get("ended") == "in_progress" and (reached["round"], reached["t"]) >= (1, 200):
                break
        assert reached is not None, "no autosave appeared"
        game.send_signal(signal.SIGKILL)  # no chance to save on the way out
        game.wait(timeout=30)
    finally:
        if game.poll() is None:
            game.kill()
    saved = read_results(save)  # the last autosave is whole
    resumed = resume(save)
    assert state(resumed.live) == state(straight_to(saved["reached"]))
    assert (save.parent / "team.json.lock").exists()  # the dead game's lock is stale ...
    lock = SaveLock(save)
    lock.acquire()  # ... and is taken over
    lock.release()


def test_autosave_every_fifteen_simulated_minutes_and_at_round_end(tmp_path):
    live = LiveSession(load_scenario(SCENARIOS / "first-day.yaml"), 11, make_policy("triage"))
    saver = Autosaver(tmp_path / "s.json", "triage")
    saved_at = []
    live.set_speed(8)
    while live.phase == "playing":
        live.tick(0.25)
        before = saver.last_saved_at
        saver.maybe_save(live)
        if saver.last_saved_at != before:
            saved_at.append(saver.last_saved_at)
    gaps = [b - a for a, b in zip(saved_at, saved_at[1:], strict=False)]
    assert max(gaps) < AUTOSAVE_EVERY + 2.5  # a frame at 8x is 1.6 simulated minutes
    assert saved_at[-1] == live.world.round_end  # the round's end is saved
    final = read_results(tmp_path / "s.json")
    assert final["ended"] == "completed" and final["rounds"][0]["kpis"]["resolved"] > 0
    saver.close(live)


def test_a_second_game_cannot_write_the_same_save(tmp_path):
    save = tmp_path / "s.json"
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        save.with_name("s.json.lock").write_text(str(other.pid))
        with pytest.raises(SaveLocked, match=f"process {other.pid}"):
            SaveLock(save).acquire()
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "deskgame",
                "play",
                "first-day",
                "--autosave",
                str(save),
                "--frames",
                "10",
            ],
            env=ENV,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 1 and "another deskgame" in done.stderr
    finally:
        other.kill()


@pytest.mark.parametrize("failure", ["mkstemp", "write", "fsync", "replace"])
def test_an_interrupted_save_leaves_the_previous_one_whole(tmp_path, monkeypatch, failure):
    path = tmp_path / "s.json"
    first = build_results(
        run_session(load_scenario(SCENARIOS / "first-day.yaml"), 11, make_policy("fifo")), "fifo", None
    )
    write_atomic(path, dumps(first))

    def boom(*args, **kwargs):
        raise OSError(28, "No space left on device")

    if failure == "mkstemp":
        monkeypatch.setattr(results_module.tempfile, "mkstemp", boom)
    elif failure == "write":
        real_fdopen = results_module.os.fdopen

        class Full:
            def __init__(self, *args, **kwargs):
                self.inner = real_fdopen(*args, **kwargs)

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                self.inner.close()

            def write(self, text):
                self.inner.write(text[: len(text) // 2])
                raise OSError(28, "No space left on device")

        monkeypatch.setattr(results_module.os, "fdopen", Full)
    elif failure == "fsync":
        monkeypatch.setattr(results_module.os, "fsync", boom)
    else:
        monkeypatch.setattr(results_module.os, "replace", boom)
    second = copy.deepcopy(first)
    second["score"] = 1.0
    with pytest.raises(OSError):
        write_atomic(path, dumps(second))
    monkeypatch.undo()
    assert read_results(path) == first
    assert [p.name for p in tmp_path.iterdir()] == ["s.json"]  # no temporary file left behind


def test_a_failed_autosave_is_reported_and_the_game_goes_on(tmp_path, monkeypatch):
    live = LiveSession(load_scenario(SCENARIOS / "first-day.yaml"), 11)
    live.tick(1.0)  # play has begun: before it, a new save is not written at all
    saver = Autosaver(tmp_path / "s.json", "player")
    assert saver.save(live)
    monkeypatch.setattr(results_module.os, "replace", lambda *a: (_ for _ in ()).throw(OSError(28, "full")))
    assert not saver.save(live)
    assert "autosave failed" in saver.last_error
    monkeypatch.undo()
    assert read_results(tmp_path / "s.json")["ended"] == "in_progress"
    saver.close(None)


def test_resume_says_when_the_scenario_file_has_changed(tmp_path):
    scenario_path = tmp_path / "mine.yaml"
    scenario_path.write_text((SCENARIOS / "first-day.yaml").read_text())
    live = LiveSession(load_scenario(scenario_path), 11, make_policy("triage"))
    live.set_speed(4)
    for _ in range(40):
        live.tick(1.0)
    save = tmp_path / "s.json"
    write_atomic(save, dumps(save_results(live, "triage", "Blue")))
    assert resume(save).notes == []
    scenario_path.write_text(scenario_path.read_text().replace("Harbour Books", "Harbour Books Ltd"))
    notes = resume(save).notes
    assert notes and "has changed" in notes[0]
    scenario_path.unlink()
    assert "moved" in resume(save).notes[0]
    assert state(resume(save).live) == state(live)


def test_closing_the_window_mid_round_saves_and_asks(tmp_path):
    from deskgame.ui.app import App, SaveOptions

    save = tmp_path / "s.json"
    app = App(load_scenario(SCENARIOS / "first-day.yaml"), seed=11, saves=SaveOptions(autosave=save))
    app.start_play()
    app.coach = None  # the tutorial's hint boxes pause the game too (tests/test_onboarding.py)
    try:
        for _ in range(120):
            app.step(1.0)
        pygame.event.post(pygame.event.Event(pygame.QUIT))
        app.step(1.0)
        assert app.running and app.confirm_quit
        reached = read_results(save)["reached"]
        assert reached["t"] == pytest.approx(app.live.world.now - app.live.world.round_start)
        frozen = app.live.world.now
        app.step(1.0)
        assert app.live.world.now == frozen  # the game waits for the answer
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_n, mod=0, unicode="n"))
        app.step(1.0)
        assert app.running and not app.confirm_quit and app.live.world.now > frozen
        pygame.event.post(pygame.event.Event(pygame.QUIT))
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_y, mod=0, unicode="y"))
        app.step(0.0)
        assert not app.running
    finally:
        app.close()


def valid_results() -> dict:
    outcome = run_session(load_scenario(SCENARIOS / "first-day.yaml"), 11, make_policy("triage"))
    return json.loads(dumps(build_results(outcome, "triage", None)))  # as a reader sees the file


VALID = valid_results()


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "deskgame", *args], capture_output=True, text=True, timeout=120, env=ENV
    )


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda d: d.update(format="deskgame-results/9"), "format"),
        (lambda d: d.pop("decisions"), "decisions"),
        (lambda d: d.update(seed=-1), "seed"),
        (lambda d: d["decisions"][0].update(t=1e300), "decisions[0].t"),
        (lambda d: d["decisions"][0].update(ticket="T9999"), "no ticket T9999"),
        (lambda d: d["scenario"].update(text=d["scenario"]["text"] + "\n# edited"), "sha256"),
    ],
)
def test_broken_results_files_are_refused_with_the_file_and_the_problem(tmp_path, mutate, expected):
    data = copy.deepcopy(VALID)
    assert data["decisions"], "the triage bot makes decisions"
    mutate(data)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data))
    done = cli("replay", str(path))
    assert done.returncode == 2, done.stderr
    assert str(path) in done.stderr and expected in done.stderr
    assert "Traceback" not in done.stderr and done.stderr.count("\n") == 1


def test_truncated_and_huge_results_files(tmp_path):
    path = tmp_path / "cut.json"
    path.write_text(dumps(VALID)[:5000])
    done = cli("replay", str(path))
    assert done.returncode == 2 and "not valid JSON" in done.stderr
    huge = tmp_path / "huge.json"
    with huge.open("wb") as out:
        out.truncate(results_module.MAX_RESULTS_BYTES + 1)
    done = cli("play", "--resume", str(huge))
    assert done.returncode == 2 and "limited to" in done.stderr
    done = cli("play", "--resume", str(path), "--seed", "3")
    assert done.returncode == 2 and "give neither" in done.stderr


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**12), 10**12)
    | st.floats(allow_nan=False)
    | st.text(max_size=8),
    lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=6), c, max_size=3),
    max_leaves=8,
)


@st.composite
def mutated_results(draw: st.DrawFn) -> dict:
    data = copy.deepcopy(VALID)
    for _ in range(draw(st.integers(1, 3))):
        target = data
        path = []
        while isinstance(target, dict | list) and target and draw(st.booleans()):
            key = draw(st.sampled_from(list(target) if isinstance(target, dict) else range(len(target))))
            path.append((target, key))
            target = target[key]
        if not path:
            continue
        parent, key = path[-1]
        if draw(st.booleans()) and isinstance(parent, dict):
            parent.pop(key)
        else:
            parent[key] = draw(JSON_VALUES)
    return data


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(mutated_results())
def test_fuzzed_results_files_load_or_raise_the_projects_own_error(tmp_path, data):
    path = tmp_path / "fuzz.json"
    path.write_text(json.dumps(data))
    try:
        loaded = read_results(path)
    except ResultsError as error:
        assert str(error).startswith(str(path))
        return
    assert loaded["format"] == "deskgame-results/1"
    if loaded.get("ended") == "in_progress":
        try:
            resume(path)
        except ResultsError as error:
            assert str(error).startswith(str(path))


def test_demo_mode_saves_only_when_asked(tmp_path):
    folder = Path(os.environ["DESKGAME_DATA_DIR"]) / "saves"
    before = set(folder.glob("*.json")) if folder.exists() else set()
    done = cli("play", "first-day", "--autoplay", "fifo", "--frames", "30")
    assert done.returncode == 0
    after = set(folder.glob("*.json")) if folder.exists() else set()
    assert after == before
    save = tmp_path / "demo.json"
    assert (
        cli("play", "first-day", "--autoplay", "fifo", "--frames", "30", "--autosave", str(save)).returncode
        == 0
    )
    assert read_results(save)["policy"] == "fifo"


def test_a_players_save_replays_identically(tmp_path):
    live = LiveSession(load_scenario(MONDAY), 7)
    live.set_speed(4)
    for _ in range(200):
        live.tick(0.5)
        for ticket in list(live.world.queue)[:1]:
            if ticket.priority is None:
                live.command("set_priority", ticket=ticket.id, priority=ticket.true_priority)
        for call in list(live.world.calls.values()):
            live.command("answer", ticket=call.id, choice={"end_run": "redirect", "byod": "learn",
                                                           "fake_emergency": "deprioritise"}[call.kind])
    assert len(live.world.decisions) > 5
    save = tmp_path / "player.json"
    write_atomic(save, dumps(save_results(live, "player", "Team Blue")))
    done = cli("replay", str(save))
    assert done.returncode == 0, done.stderr
    assert "identical" in done.stdout


def test_a_glance_at_the_briefing_leaves_no_save_to_carry_on(tmp_path):
    """Opening a scenario and leaving before the clock moved writes no unfinished save (the
    title would otherwise offer to 'carry on' a session nobody played, above the tutorial)."""
    from deskgame.ui.app import App, SaveOptions

    folder = tmp_path / "saves"
    app = App(load_scenario(MONDAY), seed=3, saves=SaveOptions(folder=folder))
    app.step(0.0)
    assert app.close() == ""
    assert not any(folder.glob("*.json"))
    app = App(load_scenario(MONDAY), seed=3, saves=SaveOptions(folder=folder))
    app.start_play()
    app.live.set_speed(8)
    for _ in range(10):
        app.step(0.5)
    assert app.live.world.now > 0
    assert app.close() == ""
    assert len(list(folder.glob("*.json"))) == 1


def test_a_resumed_game_says_it_waits_for_the_team(tmp_path):
    """Carried on from a save, the board opens paused and says so (a room saw a still clock)."""
    from deskgame.ui.app import App, SaveOptions

    save = tmp_path / "s.json"
    app = App(load_scenario(MONDAY), seed=3, saves=SaveOptions(autosave=save))
    app.start_play()
    app.live.set_speed(8)
    for _ in range(20):
        app.step(0.5)
    app.close()
    again = App(None, resumed=resume(save), saves=SaveOptions(autosave=save))
    try:
        again.step(0.0)
        board = again.scenes.top
        assert again.live.speed == 0
        assert "the game waits until you press Space" in board.shown_message()
    finally:
        again.close()


def test_resume_checks_the_whole_save_a_round_at_a_time(tmp_path):
    """Resume re-runs the seed and decisions and never needs the saved tickets, so it streams
    the file (a million-arrival save is checked without holding it); a broken ticket is still
    refused with the very line the whole-file reader gives."""
    out = tmp_path / "r.json"
    subprocess.run([sys.executable, "-m", "deskgame", "run", str(MONDAY), "--seed", "3", "--out", str(out)],
                   check=True, capture_output=True, env=ENV)
    data = json.loads(out.read_text())
    with pytest.raises(ResultsError, match="not in progress"):
        resume(out)  # whole and valid: only its state is wrong for a resume
    data["rounds"][1]["tickets"][5]["arrived"] = "SOON"
    out.write_text(json.dumps(data).replace('"SOON"', "soon"))  # not JSON, deep in round 2
    with pytest.raises(ResultsError) as whole:
        read_results(out)
    with pytest.raises(ResultsError) as streamed:
        resume(out)
    assert str(streamed.value) == str(whole.value)
    assert "not valid JSON" in str(streamed.value)
