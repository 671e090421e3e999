"""The engine makes no garbage in reference cycles while it runs.

Why it matters: ``clock.advance_to`` collects the youngest generation every
``GC_EVERY`` allocations instead of every 700 (a tenth of a long run, measured in
``benchmarks/engine.py``).  That is safe only while running leaves nothing that needs
the cycle collector to be freed: otherwise a long round would hold on to it.  Here the
collector is off for a whole session of each kind of play, and must then find nothing.
"""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from deskgame.policies import make_policy
from deskgame.scenario import load_scenario
from deskgame.session.runner import run_session

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"


@pytest.mark.parametrize("policy", ["triage", "servant", "fifo"])
@pytest.mark.parametrize("keep_log", [False, True])
def test_a_session_leaves_no_garbage_in_cycles(policy: str, keep_log: bool) -> None:
    scenario = load_scenario(SCENARIOS / "standard-monday.yaml")  # an outage, calls, storms
    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        outcome = run_session(scenario, 3, make_policy(policy), keep_log=keep_log)
        found = gc.collect()  # the session is still held: only garbage made on the way counts
    finally:
        if was_enabled:
            gc.enable()
    assert outcome.rounds, "the session played"
    assert found == 0, f"{found} objects were left in reference cycles while running"
