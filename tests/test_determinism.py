"""Same scenario + seed + decisions = the same results, whatever the hash seed or frame sizes."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import numpy as np

from deskgame.engine.world import World
from deskgame.policies import make_policy
from deskgame.scenario import load_scenario
from deskgame.session.results import build_results, dumps
from deskgame.session.runner import run_session

from .conftest import SCENARIOS

MONDAY = SCENARIOS / "standard-monday.yaml"


def results_text(policy: str, seed: int = 7) -> str:
    outcome = run_session(load_scenario(MONDAY), seed, make_policy(policy))
    return dumps(build_results(outcome, policy, None))


def test_same_seed_same_bytes_and_another_seed_differs():
    assert results_text("triage") == results_text("triage")
    assert results_text("triage", seed=8) != results_text("triage")


def test_results_do_not_depend_on_python_hash_seed(tmp_path):
    outputs = []
    for hash_seed in ("0", "12345"):
        out = tmp_path / f"r{hash_seed}.json"
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        subprocess.run([sys.executable, "-m", "deskgame", "run", str(MONDAY), "--policy", "servant",
                        "--out", str(out)], check=True, env=env, capture_output=True)
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


def world_state(world: World) -> list[tuple]:
    return [(t.id, t.arrived, t.started, t.resolved, t.agent, t.priority, round(t.remaining, 9))
            for t in world.tickets.values()] + [
        (name, world.satisfaction.value(name, world.now)) for name in world.satisfaction.names()]


def test_advance_in_random_chunks_equals_one_advance():
    scenario = load_scenario(MONDAY)
    straight = World(scenario)
    make_policy("triage").attach(straight)
    straight.start_round(1)
    straight.advance_to(scenario.round.length)

    chunked = World(scenario)
    make_policy("triage").attach(chunked)
    chunked.start_round(1)
    rng = np.random.default_rng(3)
    t = 0.0
    while t < scenario.round.length:
        t = min(scenario.round.length, t + float(rng.exponential(1 / 60)) * 8)  # frames of 0-30 s
        chunked.advance_to(t)
    assert world_state(chunked) == world_state(straight)
    assert chunked.decisions == straight.decisions and chunked.step == straight.step


def test_arrivals_are_the_same_whatever_the_team_decides():
    scenario = load_scenario(MONDAY)
    days = {}
    for policy in ("fifo", "servant"):
        world = World(scenario)
        make_policy(policy).attach(world)
        world.start_round(1)
        days[policy] = [(a.t, a.customer, a.title, a.effort) for a in world.intake.arrivals]
    assert days["fifo"] == days["servant"]


def test_results_file_round_trips_and_replays(tmp_path):
    out = tmp_path / "r.json"
    subprocess.run([sys.executable, "-m", "deskgame", "run", "standard-monday", "--policy", "triage",
                    "--out", str(out)], check=True, capture_output=True)
    data = json.loads(out.read_text())
    for key in ("format", "deskgame_version", "numpy_version", "scenario", "seed", "policy", "team",
                "rounds", "decisions", "score", "ended", "reached"):
        assert key in data
    r1 = data["rounds"][0]
    assert set(r1["kpis"]) == {"trust", "csat", "sla_met", "fcr", "mean_wait_min", "backlog_end",
                               "morale", "hidden_work_min", "resolved"}
    assert r1["series"]["t"][:3] == [0, 5, 10]
    assert len(r1["series"]["t"]) == len(r1["series"]["trust"]) == 97
    assert len(r1["moments"]) >= 10
    done = subprocess.run([sys.executable, "-m", "deskgame", "replay", str(out)], capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stderr
    assert "identical" in done.stdout

    data["rounds"][0]["kpis"]["trust"] += 1
    tampered = tmp_path / "t.json"
    tampered.write_text(json.dumps(data))
    done = subprocess.run([sys.executable, "-m", "deskgame", "replay", str(tampered)],
                          capture_output=True, text=True)
    assert done.returncode == 1
    assert "rounds[0].kpis.trust" in done.stderr

    garbage = tmp_path / "g.json"
    garbage.write_text('{"format": "deskgame-results/1", "rounds": [')
    done = subprocess.run([sys.executable, "-m", "deskgame", "replay", str(garbage)],
                          capture_output=True, text=True)
    assert done.returncode == 2 and "not valid JSON" in done.stderr and "Traceback" not in done.stderr


def test_headless_commands_do_not_import_pygame_or_matplotlib(tmp_path):
    code = ("import sys\nfrom deskgame.cli import main\n"
            f"main(['run', 'first-day', '--out', {str(tmp_path / 'r.json')!r}])\n"
            f"main(['replay', {str(tmp_path / 'r.json')!r}])\n"
            "main(['validate', 'scenarios/first-day.yaml'])\n"
            "assert 'pygame' not in sys.modules and 'matplotlib' not in sys.modules, 'heavy import'\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=SCENARIOS.parent)
    assert done.returncode == 0, done.stderr


def test_the_live_session_at_any_frame_size_equals_the_headless_run():
    from deskgame.session.live import LiveSession

    scenario = load_scenario(MONDAY)
    straight = run_session(scenario, 7, make_policy("triage"))
    for frame in (0.05, 0.7, 3.0):
        live = LiveSession(scenario, 7, make_policy("triage"))
        live.set_speed(8)
        while live.phase != "ended":
            if live.incident_alert:
                live.acknowledge_incident()
            if live.phase == "round_over":
                live.next_round()
            live.tick(frame)
        assert live.world.decisions == straight.world.decisions
        assert live.outcome.rounds == straight.rounds


def test_every_domain_event_is_one_of_the_documented_kinds():
    from deskgame.engine.events import EVENT_KINDS

    scenario = load_scenario(SCENARIOS / "byod-after-holidays.yaml")
    kinds = set()
    for policy in ("triage", "servant", "fifo"):
        kinds |= {event.kind for event in run_session(scenario, 3, make_policy(policy)).world.log}
    assert kinds <= set(EVENT_KINDS)
    assert {"major_incident_started", "broadcast", "end_run_taken", "byod_learned", "post",
            "agent_absent", "social_storm", "sla_breached"} <= kinds


def test_replay_compares_every_round_and_the_round_count(tmp_path):
    """Replay checks rounds as they close (and lets them go): a changed ticket in the last
    round and a missing round are both caught, by path."""
    out = tmp_path / "r.json"
    subprocess.run([sys.executable, "-m", "deskgame", "run", "standard-monday", "--policy", "servant",
                    "--seed", "2", "--out", str(out)], check=True, capture_output=True)
    data = json.loads(out.read_text())
    last = len(data["rounds"]) - 1
    assert last >= 1
    changed = json.loads(out.read_text())
    changed["rounds"][last]["tickets"][3]["agent"] = "Nobody"
    (tmp_path / "c.json").write_text(json.dumps(changed))
    done = subprocess.run([sys.executable, "-m", "deskgame", "replay", str(tmp_path / "c.json")],
                          capture_output=True, text=True)
    assert done.returncode == 1
    assert f"rounds[{last}].tickets[3].agent: 'Nobody' !=" in done.stderr
    shorter = json.loads(out.read_text())
    del shorter["rounds"][last]
    (tmp_path / "s.json").write_text(json.dumps(shorter))
    done = subprocess.run([sys.executable, "-m", "deskgame", "replay", str(tmp_path / "s.json")],
                          capture_output=True, text=True)
    assert done.returncode == 1
    assert f"rounds: {last} != {last + 1}" in done.stderr
