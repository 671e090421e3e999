"""The reference: a bare SimPy M/M/c queue, as small as SimPy allows.

``benchmarks/engine.py`` times it in-process (``run``) and as a whole process
(``python benchmarks/bare_mmc.py RATE_PER_MIN MEAN_MIN AGENTS MINUTES SEED``), against
the deskgame world on the same queue.
"""

from __future__ import annotations

import sys

import numpy as np
import simpy


def run(rate_per_min: float, mean_min: float, agents: int, minutes: float, seed: int) -> int:
    """Customers served in ``minutes`` of an M/M/``agents`` queue."""
    env = simpy.Environment()
    desk = simpy.Resource(env, capacity=agents)
    rng = np.random.default_rng(seed)
    done = [0]

    def customer(effort: float):
        with desk.request() as request:
            yield request
            yield env.timeout(effort)
        done[0] += 1

    def source():
        while True:
            yield env.timeout(rng.exponential(1 / rate_per_min))
            env.process(customer(rng.exponential(mean_min)))

    env.process(source())
    env.run(until=minutes)
    return done[0]


if __name__ == "__main__":
    rate, mean, agents, minutes, seed = sys.argv[1:6]
    print(run(float(rate), float(mean), int(agents), float(minutes), int(seed)))
