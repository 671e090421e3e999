"""Moments of truth: each customer's satisfaction, how touches move it, and the social feed.

Satisfaction drifts back toward each customer's starting level with a half-life, so
it is stored as (value, time of last change) and read at any time without changing
the world: reading never mutates, which keeps ``advance_to`` exact.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np

from deskgame.engine.events import EventLog
from deskgame.engine.params import SatisfactionParams


@dataclass(slots=True)
class CustomerState:
    name: str
    base: float
    influence: float
    size: int
    patience: float
    value: float
    since: float = 0.0

    def at(self, t: float, half_life: float) -> float:
        if t <= self.since:
            return self.value
        keep = 0.5 ** ((t - self.since) / half_life)
        return self.base + (self.value - self.base) * keep


class Moment(NamedTuple):
    """One moment of truth (a NamedTuple: thousands are made per simulated day).

    Its words are kept as a template and its values and only put together when read:
    most moments are never shown, so formatting them eagerly would cost the engine dearly.
    """

    t: float
    customer: str
    ticket: str | None
    delta: float
    template: str
    values: tuple
    round: int

    @property
    def text(self) -> str:
        return self.template.format(*self.values) if self.values else self.template


@dataclass(slots=True)
class Post:
    t: float
    customer: str
    text: str
    round: int


@dataclass
class Satisfaction:
    params: SatisfactionParams
    customers: dict[str, CustomerState]
    social_rng: np.random.Generator
    log: EventLog
    moments: list[Moment] = field(default_factory=list)
    posts: list[Post] = field(default_factory=list)
    amplify: float = 1.0          # a social storm makes posts spread further
    spread_relief: float = 0.0    # a social channel answers posts: less spread
    round: int = 1

    def value(self, name: str, t: float) -> float:
        return self.customers[name].at(t, self.params.drift_half_life)

    def trust(self, t: float) -> float:
        return sum(c.influence * c.at(t, self.params.drift_half_life) for c in self.customers.values())

    def shift(self, name: str, t: float, points: float) -> None:
        """Move a department's satisfaction by ``points`` (clamped to 0..100)."""
        customer = self.customers[name]
        customer.value = min(100.0, max(0.0, customer.at(t, self.params.drift_half_life) + points))
        customer.since = t

    def moment(self, t: float, customer: str, ticket_id: str | None, experience: float, text: str,
               post_probability: float | None = None,
               public_text: Callable[[], str] | None = None, values: tuple = ()) -> float:
        """One person's experience (points on their scale) moves their department.

        ``text`` is the description, or a ``str.format`` template for ``values``.
        """
        params = self.params
        delta = experience * params.touch_weight
        self.shift(customer, t, delta)
        moment = Moment(t, customer, ticket_id, delta, text, values, self.round)
        self.moments.append(moment)
        self.log.append(t, "moment", customer=customer, ticket=ticket_id, delta=delta, moment=moment)
        chance = post_probability
        if chance is None:
            chance = params.post_probability if experience <= params.post_threshold else 0.0
        if chance > 0 and self.social_rng.random() < chance:
            self.post(t, customer, public_text() if public_text else moment.text, experience)
        return delta

    def post(self, t: float, customer: str, text: str, experience: float) -> None:
        self.posts.append(Post(t, customer, text, self.round))
        self.log.append(t, "post", customer=customer, text=text)
        spread = experience * self.params.touch_weight * self.params.spread * self.amplify
        spread *= 1.0 - self.spread_relief
        for other in self.customers:
            if other != customer:
                self.shift(other, t, spread)
