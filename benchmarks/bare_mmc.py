"""The reference: a bare SimPy M/M/c queue, as small as SimPy allows.

``benchmarks/engine.py`` times it in-process (``run``) and as a whole process
(``python benchmarks/bare_mmc.py RATE_PER_MIN MEAN_MIN AGENTS MINUTES SEED [rated]``), against
the deskgame world on the same queue.

``run_rated`` is the same queue that also rates its two moments of truth per customer
(the first answer and the fix) with the game's own satisfaction model: a reference that
models what the game must model, so its ratio to the world is the engine's overhead
beyond the satisfaction arithmetic (the issue's bare queue rates nobody).
"""

from __future__ import annotations

import sys

import numpy as np
import simpy


def run(rate_per_min: float, mean_min: float, agents: int, minutes: float, seed: int) -> int:
    """Customers served in ``minutes`` of an M/M/``agents`` queue."""
    env = simpy.Environment()
    desk = simpy.Resource(env, capacity=agents)
    done = [0]

    def customer(effort: float):
        with desk.request() as request:
            yield request
            yield env.timeout(effort)
        done[0] += 1

    return _serve(env, customer, rate_per_min, mean_min, minutes, seed, done)


def _serve(env: simpy.Environment, customer, rate_per_min: float, mean_min: float,  # type: ignore[no-untyped-def]
           minutes: float, seed: int, done: list[int]) -> int:
    """Poisson arrivals of ``customer`` processes with exponential work, run for ``minutes``."""
    rng = np.random.default_rng(seed)

    def source():
        while True:
            yield env.timeout(rng.exponential(1 / rate_per_min))
            env.process(customer(rng.exponential(mean_min)))

    env.process(source())
    env.run(until=minutes)
    return done[0]


def run_rated(rate_per_min: float, mean_min: float, agents: int, minutes: float, seed: int) -> int:
    """``run``, with each customer's first answer and fix heard by the game's satisfaction model."""
    from deskgame.engine.events import NoLog
    from deskgame.engine.params import DEFAULT_PARAMS
    from deskgame.engine.satisfaction import MemoryModel, Touch
    from deskgame.engine.world import SETTLE_AFTER
    from deskgame.scenario import load_scenario_text
    from deskgame.scenario.reference import mmc_text

    scenario = load_scenario_text(mmc_text(agents, rate_per_min * 60, mean_min, f"{minutes / 60}h"))
    customer_facts = [(c.name, c.satisfaction, 1.0, c.size, c.patience) for c in scenario.customers]
    model = MemoryModel.for_customers(customer_facts, DEFAULT_PARAMS.satisfaction,
                                      np.random.default_rng(seed + 1), NoLog())
    expected = model.expectation(240.0, 0.0, False)  # no catalogue: "now", as in the world
    name = scenario.customers[0].name
    env = simpy.Environment()
    desk = simpy.Resource(env, capacity=agents)
    done = [0]

    def customer(effort: float):
        arrived = env.now
        with desk.request() as request:
            yield request
            model.hear(Touch(env.now, "first_answer", name, None, 0, "", env.now - arrived, expected, 0.5))
            yield env.timeout(effort)
        model.hear(Touch(env.now, "resolution", name, None, 0, "", env.now - arrived, expected, 0.5,
                         "medium", 0, 0, True, effort))
        if model.unsettled > SETTLE_AFTER:
            model.settle()  # as the world's recorder does: the change history stays short
        done[0] += 1

    return _serve(env, customer, rate_per_min, mean_min, minutes, seed, done)


if __name__ == "__main__":
    rate, mean, agents, minutes, seed = sys.argv[1:6]
    model = run_rated if sys.argv[6:] == ["rated"] else run
    print(model(float(rate), float(mean), int(agents), float(minutes), int(seed)))
