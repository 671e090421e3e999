"""Drawing many effort values at once from a scenario's effort distribution (minutes)."""

from __future__ import annotations

import math

import numpy as np

from deskgame.scenario.model import Effort


def draw_efforts(effort: Effort, rng: np.random.Generator, size: int) -> np.ndarray:
    """``size`` draws of ``effort``; lognormal is given by its own mean and sd in minutes."""
    if effort.dist == "exponential":
        return rng.exponential(effort.mean, size)
    if effort.dist == "lognormal":
        mean, sd = float(effort.mean), float(effort.sd)  # type: ignore[arg-type]
        sigma2 = math.log(1 + (sd / mean) ** 2)
        mu = math.log(mean) - sigma2 / 2
        return rng.lognormal(mu, math.sqrt(sigma2), size)
    if effort.dist == "fixed":
        return np.full(size, float(effort.value))  # type: ignore[arg-type]
    if effort.dist == "uniform":
        return rng.uniform(effort.min, effort.max, size)
    if effort.min == effort.max:  # numpy needs left < right; min = mode = max is a fixed effort
        return np.full(size, float(effort.min))  # type: ignore[arg-type]
    return rng.triangular(effort.min, effort.mode, effort.max, size)
