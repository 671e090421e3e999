"""On notice, then outsourced (DESIGN.md section 2, "Score and ending"), written once.

Headless runs, live play and resume all go through ``runner.close_round``; these tests
hold them to the same verdicts.
"""

from __future__ import annotations

import pytest

from deskgame.policies import make_policy
from deskgame.scenario import load_scenario
from deskgame.session.live import LiveSession
from deskgame.session.results import ResultsError, build_results, dumps, read_results, write_atomic
from deskgame.session.runner import run_session
from deskgame.session.saves import resume, save_results

from .conftest import SCENARIOS

MONDAY = SCENARIOS / "standard-monday.yaml"


def play_live(scenario, seed: int, policy: str) -> LiveSession:  # type: ignore[no-untyped-def]
    live = LiveSession(scenario, seed, make_policy(policy))
    while live.phase != "ended":
        live.tick(5.0)
        if live.incident_alert:
            live.acknowledge_incident()
        if live.phase == "round_over":
            live.next_round()
    return live


def verdicts(rounds: list[dict]) -> list[bool]:
    return [r["on_notice"] for r in rounds]


def test_headless_and_live_give_the_same_notices_over_20_seeds():
    scenario = load_scenario(MONDAY)
    noticed = 0
    for seed in range(1, 21):
        headless = run_session(scenario, seed, make_policy("servant"))
        live = play_live(scenario, seed, "servant")
        assert verdicts(live.outcome.rounds) == verdicts(headless.rounds)
        assert live.outcome.ended == headless.ended
        noticed += any(verdicts(headless.rounds))
    assert noticed >= 10   # the comparison means something: most of these sessions were put on notice


def test_the_rule_notice_first_outsourced_on_the_second_strike():
    scenario = load_scenario(MONDAY)
    line = scenario.scoring.outsourcing_below
    seen_outsourced = False
    for seed in range(1, 21):
        outcome = run_session(scenario, seed, make_policy("fifo"))
        below = [r["kpis"]["trust"] < line for r in outcome.rounds]
        assert verdicts(outcome.rounds) == below
        for i in range(1, len(below) - 1):
            assert not (below[i - 1] and below[i])   # two in a row always ends the session there
        if outcome.ended == "outsourced":
            seen_outsourced = True
            assert below[-1] and below[-2]
        else:
            assert len(outcome.rounds) == scenario.rounds
            assert outcome.ended_on_notice == below[-1]
    assert seen_outsourced


def test_a_save_made_on_notice_resumes_on_notice(tmp_path):
    scenario = load_scenario(MONDAY)
    seed = next(s for s in range(1, 21)
                if run_session(scenario, s, make_policy("fifo")).rounds[0]["on_notice"])
    live = LiveSession(scenario, seed, make_policy("fifo"))
    while live.phase == "playing":
        live.tick(5.0)
        live.acknowledge_incident()
    assert live.on_notice
    live.next_round()
    live.tick(20.0)   # some way into round 2, still on notice
    save = tmp_path / "on-notice.json"
    write_atomic(save, dumps(save_results(live, "fifo", None)))
    resumed = resume(save).live
    assert resumed.on_notice and resumed.world.round == 2 and resumed.phase == "playing"


def test_results_from_the_previous_model_are_refused_by_version(tmp_path):
    outcome = run_session(load_scenario(MONDAY), 3, make_policy("triage"))
    results = build_results(outcome, "triage", None)
    results["deskgame_version"] = "0.1.0"
    old = tmp_path / "old.json"
    old.write_text(dumps(results))
    with pytest.raises(ResultsError, match=r"deskgame_version: written by deskgame 0\.1\.0"):
        read_results(old)
