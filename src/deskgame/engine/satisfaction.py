"""The satisfaction model: each department's memory of its people's recent experiences.

The world reports *facts* (a ``Touch``: who was served, how long they waited, what they
expected, who answered and how) and a few other happenings (a social storm, a card that
acts on customers).  This module alone turns facts into ratings and memory:

- every touch is rated 0-100 by how it compares with what the person expected
  (``rating_of``): a neutral experience sits at ``neutral_rating``;
- a department's satisfaction is the time-discounted, weighted mean of its people's
  ratings, anchored by a prior at its starting level whose weight grows with the
  department's size; memorable moments (far from neutral) weigh more;
- a bad moment may go public: a post is an extra, weighted rating at every other
  department;
- business trust is the influence-weighted mean.

Why a weighted *mean* and not a running sum of points: a sum is a bounded random walk,
so the dice and the ticket count decide the result; a mean converges to how people are
served, whatever the volume (DESIGN.md section 2, "Moments of truth").

The state per department is four numbers (prior, discounted sums of weights and of
weighted ratings, and the time they were last brought up to date), so memory stays flat
however long a round runs.  Reading never changes the state, which keeps
``advance_to`` exact.

Each change to a department's state is also kept, as four numbers, until the recorder
has read the round's series up to now (``sample`` then ``settle``): the 5-minute series
is computed from this history when someone looks, rather than by waking the world every
five minutes to write down numbers that only change when somebody is served.
"""

from __future__ import annotations

import heapq
import math
from array import array
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple, Protocol

import numpy as np

from deskgame.engine.events import EventLog, NoLog
from deskgame.engine.params import SatisfactionParams
from deskgame.engine.touch_words import words_of
from deskgame.engine.voices import public_text

IMPACT_WEIGHT = {"low": 0.5, "medium": 1.0, "high": 2.0}
# The kinds ``MemoryModel._plain_points`` rates (most touches are one of them).
_PLAIN_KINDS = frozenset(("first_answer", "chase", "resolution"))


class Touch(NamedTuple):
    """One person's contact with the desk: the facts, no judgement.

    ``wait`` is the minutes waited for a first answer (``first_answer``), from arrival to
    now (``resolution``) or without the service (``outage``); ``expected`` the minutes
    they expected; ``empathy`` the effective empathy of the agent who spoke to them
    (None when nobody did); ``updates`` the updates they had had by then and
    ``new_updates`` how many of those came since their last rated touch.
    """

    t: float
    kind: str
    customer: str
    ticket: str | None = None
    seq: int = 0
    title: str = ""
    wait: float = 0.0
    expected: float = 0.0
    empathy: float | None = None
    impact: str = "medium"
    updates: int = 0
    new_updates: int = 0
    first_contact: bool = False
    effort: float = 0.0
    broadcasts: int = 0
    inconsistent: bool = False
    agent: str | None = None
    device: str | None = None
    service: str = ""


TOUCH_KINDS = ("first_answer", "chase", "resolution", "handover", "redirect", "unsupported", "still_broken",
               "end_run_taken", "dropped", "fake_served", "fake_declined", "outage")


class Moment(NamedTuple):
    """A rated moment of truth.  ``delta`` is how far it moved its department at once.

    It keeps its touch and is only put into words when read: most moments never are,
    and wording each one would cost the engine dearly.
    """

    t: float
    customer: str
    ticket: str | None
    rating: float
    delta: float
    touch: Touch
    round: int

    @property
    def text(self) -> str:
        template, values, _voice = words_of(self.touch)
        return template.format(*values)


@dataclass(slots=True)
class Post:
    t: float
    customer: str
    text: str
    round: int


class SatisfactionModel(Protocol):
    """What the world needs from a satisfaction model (tests hand it a recording fake)."""

    def hear(self, touch: Touch) -> float | None: ...
    def expectation(self, promised: float, catalogue: float, personal: bool) -> float: ...
    def storm(self, t: float, customers: Iterable[str], hit: float, amplify: float) -> None: ...
    def storm_over(self, t: float) -> None: ...
    def uplift(self, t: float, points: float) -> None: ...
    def begin_round(self, round_no: int, spread_relief: float) -> None: ...
    def value(self, customer: str, t: float) -> float: ...
    def values(self, t: float) -> list[float]: ...
    def sample(self, times: Sequence[float]) -> list[list[float]]: ...
    def settle(self) -> None: ...
    def trust(self, t: float) -> float: ...
    def names(self) -> list[str]: ...
    def notable(self, round_no: int) -> list[Moment]: ...
    @property
    def neutral_rating(self) -> float: ...

    posts: list[Post]
    recent: deque[Moment]
    unsettled: int


@dataclass(slots=True)
class Memory:
    """A department's memory: a prior plus discounted sums, brought up to date lazily."""

    base: float          # the starting level the memory drifts back to
    prior: float         # the prior's weight, in experiences
    influence: float
    patience: float
    weight: float = 0.0  # discounted sum of the experiences' weights
    rated: float = 0.0   # discounted sum of weight x rating
    since: float = 0.0
    # The changes since the last settle, flat (t, weight, rated, since) after each, and the
    # state before the first of them: what ``MemoryModel.sample`` reads.
    history: array = field(default_factory=lambda: array("d"))
    settled: tuple[float, float, float] = (0.0, 0.0, 0.0)

    def decay(self, t: float, half_life: float) -> float:
        return 0.5 ** ((t - self.since) / half_life) if t > self.since else 1.0

    def at(self, t: float, half_life: float) -> float:
        keep = self.decay(t, half_life)
        return (self.prior * self.base + self.rated * keep) / (self.prior + self.weight * keep)

    def add(self, t: float, rating: float, weight: float, half_life: float) -> tuple[float, float]:
        """Remember one rating; returns satisfaction just before and just after it."""
        keep = self.decay(t, half_life)
        weight_before, rated_before = self.weight * keep, self.rated * keep
        self.weight = weight_before + weight
        self.rated = rated_before + weight * rating
        if t > self.since:
            self.since = t
        self.history.extend((t, self.weight, self.rated, self.since))
        anchor = self.prior * self.base
        return ((anchor + rated_before) / (self.prior + weight_before),
                (anchor + self.rated) / (self.prior + self.weight))


def expected_wait(promised: float, catalogue: float, personal: bool, params: SatisfactionParams) -> float:
    """Minutes a customer expects to wait for a first answer.

    Without a published catalogue the expectation is "now" (the servant trap); as the
    catalogue becomes known (``catalogue`` 0..1) it moves to the promised response time,
    which a personal promise on the phone sets at once.
    """
    if personal:
        return promised
    return params.expect_now + catalogue * (promised - params.expect_now)


def rating_curve(points: float, params: SatisfactionParams) -> float:
    """Experience points to a 0-100 rating: a logistic through ``neutral_rating`` at 0 points.

    Smooth and strictly increasing, so better service always rates higher, and no rating
    ever leaves 0-100 (nothing downstream needs clamping).
    """
    neutral = params.neutral_rating / 100
    x = points / params.rating_spread + math.log(neutral / (1 - neutral))
    if x < -700:
        return 0.0  # exp would overflow: as bad as a rating gets
    return 100 / (1 + math.exp(-x))


def points_of(touch: Touch, patience: float, p: SatisfactionParams) -> float:
    """How a touch compares with what the person expected, in points (0 = as expected)."""
    kind = touch.kind
    weight = IMPACT_WEIGHT[touch.impact]
    empathy = p.empathy_weight * (touch.empathy - 0.5) if touch.empathy is not None else 0.0
    # Updates while waiting soften the wait (up to two); more than two annoy.
    relief = 1 - p.update_relief * min(2, touch.updates)
    spam = max(0, touch.updates - max(2, touch.updates - touch.new_updates)) * p.update_spam
    consistency = p.consistency_penalty if touch.inconsistent else 0.0
    if kind in ("first_answer", "chase"):
        wait, expected = touch.wait, touch.expected
        if wait <= expected:
            points = p.met_bonus
        else:
            points = -p.late_penalty * min(p.late_cap, (wait - expected) / expected) * weight * relief
        if wait > patience:
            points -= p.patience_penalty * weight * relief
        return points + empathy - spam - consistency
    if kind == "resolution":
        points = p.resolve_bonus + (p.fcr_bonus if touch.first_contact else 0.0) + empathy
        overrun = touch.wait - (touch.expected + touch.effort)
        if overrun > 0:
            points -= p.slow_fix_penalty * min(p.late_cap, overrun / max(touch.expected, 30.0)) * weight
        return points - spam - consistency
    if kind == "outage":
        hours = touch.wait / 60
        return -(p.outage_penalty + p.outage_penalty_per_hour * hours) * (
            1 - p.broadcast_relief * min(2, touch.broadcasts))
    if kind == "unsupported":
        return -p.unsupported_penalty - consistency
    if kind == "dropped":
        return -p.dropped_penalty * weight
    fixed = {"handover": -p.handover_penalty, "redirect": -p.end_run_redirect_dip,
             "still_broken": -p.still_broken_penalty, "end_run_taken": p.end_run_taken_gain,
             "fake_served": p.fake_served_gain, "fake_declined": -p.fake_declined_dip}
    return fixed[kind]


@dataclass
class MemoryModel:
    """DESIGN.md section 2's model: ratings, a size-weighted prior, memorable moments, posts."""

    params: SatisfactionParams
    memories: dict[str, Memory]
    social_rng: np.random.Generator
    log: EventLog
    posts: list[Post] = field(default_factory=list)
    recent: deque[Moment] = field(default_factory=lambda: deque(maxlen=64))  # the feed (not headless)
    amplify: float = 1.0          # a social storm makes posts spread further
    spread_relief: float = 0.0    # a social channel answers posts: less spread
    round: int = 1
    _best: dict[int, list] = field(default_factory=dict)
    _worst: dict[int, list] = field(default_factory=dict)
    _count: int = 0
    _feed: bool = True            # False when nobody reads the log (a headless run)
    _heaps: tuple[list, list] = ((), ())  # type: ignore[assignment]  # this round's (worst, best)
    _heaps_round: int = 0
    unsettled: int = 0            # changes kept in the departments' histories

    def __post_init__(self) -> None:
        neutral = self.params.neutral_rating / 100
        self._log_odds = math.log(neutral / (1 - neutral))  # rating_curve's offset, once
        self.settle()

    @classmethod
    def for_customers(cls, customers: Iterable[tuple[str, float, float, int, float]],
                      params: SatisfactionParams, social_rng: np.random.Generator,
                      log: EventLog) -> MemoryModel:
        """``customers``: (name, starting satisfaction, influence, size, patience)."""
        memories = {name: Memory(base, params.prior_per_sqrt_size * math.sqrt(max(1, size)), influence,
                                 patience)
                    for name, base, influence, size, patience in customers}
        return cls(params, memories, social_rng, log, _feed=not isinstance(log, NoLog))

    # ------------------------------------------------------------ reading
    @property
    def neutral_rating(self) -> float:
        """The rating of a touch that met expectations exactly."""
        return self.params.neutral_rating

    def names(self) -> list[str]:
        return list(self.memories)

    def value(self, customer: str, t: float) -> float:
        return self.memories[customer].at(t, self.params.half_life)

    def values(self, t: float) -> list[float]:
        """Every department's satisfaction at ``t``, in ``names()`` order (one call per sample)."""
        half_life = self.params.half_life
        out = []
        for m in self.memories.values():  # Memory.at, written out: this runs every sample
            keep = 0.5 ** ((t - m.since) / half_life) if t > m.since else 1.0
            out.append((m.prior * m.base + m.rated * keep) / (m.prior + m.weight * keep))
        return out

    def sample(self, times: Sequence[float]) -> list[list[float]]:
        """Every department's satisfaction at each of ``times`` (ascending, after the last
        ``settle``), as it stood before anything heard at that very time: a sample is taken
        before the events of its instant, as a tick would have.  Same arithmetic as ``values``.
        """
        half_life = self.params.half_life
        out = []
        for m in self.memories.values():
            history, count, i = m.history, len(m.history), 0
            weight, rated, since = m.settled
            anchor, prior = m.prior * m.base, m.prior
            column = []
            for t in times:
                while i < count and history[i] < t:
                    weight, rated, since = history[i + 1], history[i + 2], history[i + 3]
                    i += 4
                keep = 0.5 ** ((t - since) / half_life) if t > since else 1.0
                column.append((anchor + rated * keep) / (prior + weight * keep))
            out.append(column)
        return out

    def settle(self) -> None:
        """Forget the history: the series has been read up to now."""
        for m in self.memories.values():
            m.settled = (m.weight, m.rated, m.since)
            del m.history[:]
        self.unsettled = 0

    def trust(self, t: float) -> float:
        half_life = self.params.half_life
        return sum(m.influence * m.at(t, half_life) for m in self.memories.values())

    def notable(self, round_no: int) -> list[Moment]:
        """The round's most telling moments (the worst and the best few), in time order."""
        entries = self._worst.get(round_no, []) + self._best.get(round_no, [])
        unique = {entry[2]: entry[3] for entry in entries}
        return sorted(unique.values(), key=lambda moment: moment.t)

    # ------------------------------------------------------------ hearing facts
    def begin_round(self, round_no: int, spread_relief: float) -> None:
        self.round = round_no
        self.spread_relief = spread_relief

    def expectation(self, promised: float, catalogue: float, personal: bool) -> float:
        return expected_wait(promised, catalogue, personal, self.params)

    def weight_of(self, rating: float) -> float:
        """Memorable moments weigh more: peaks are remembered, routine is not."""
        return 1.0 + abs(rating - self.params.neutral_rating) / self.params.memorable_scale

    def hear(self, touch: Touch) -> float:
        """Rate a touch, remember it, maybe see it posted; returns the rating."""
        params = self.params
        memory = self.memories[touch.customer]
        # rating_curve and Memory.add, written out with the same arithmetic: this runs for
        # every touch, twice or more per ticket (benchmarks/engine.py).
        kind = touch.kind
        if touch.updates or touch.inconsistent or kind not in _PLAIN_KINDS:
            points = points_of(touch, memory.patience, params)
        else:
            points = self._plain_points(touch, kind, memory.patience)
        x = points / params.rating_spread + self._log_odds
        rating = 0.0 if x < -700 else 100 / (1 + math.exp(-x))
        t = touch.t
        weight = 1.0 + abs(rating - params.neutral_rating) / params.memorable_scale  # as weight_of
        since = memory.since
        if t > since:
            keep = 0.5 ** ((t - since) / params.half_life)
            weight_before, rated_before = memory.weight * keep, memory.rated * keep
            memory.since = since = t
        else:  # no time has passed: keep is 1, and x * 1.0 is x
            weight_before, rated_before = memory.weight, memory.rated
        memory.weight = weight_now = weight_before + weight
        memory.rated = rated_now = rated_before + weight * rating
        memory.history.extend((t, weight_now, rated_now, since))
        self.unsettled += 1
        anchor, prior = memory.prior * memory.base, memory.prior
        delta = ((anchor + rated_now) / (prior + weight_now)
                 - (anchor + rated_before) / (prior + weight_before))
        self._count += 1
        if self._heaps_round == self.round:
            worst, best = self._heaps
        else:
            worst, best = self._heaps = self._notable_heaps()
            self._heaps_round = self.round
        keep = params.notable_moments
        routine = len(worst) >= keep and len(best) >= keep and best[0][0] >= delta >= -worst[0][0]
        if self._feed or not routine:  # headless, a routine moment is only a number in memory
            moment = Moment(t, touch.customer, touch.ticket, rating, delta, touch, self.round)
            if self._feed:
                self.recent.append(moment)
                self.log.append(t, "moment", moment=moment)  # it carries customer, ticket, rating
            if not routine:
                self._keep_notable(moment, worst, best, keep)
        chance = params.still_broken_post_probability if touch.kind == "still_broken" else (
            params.post_probability if rating <= params.post_below else 0.0)
        if chance > 0 and self.social_rng.random() < chance:
            text = public_text(words_of(touch)[2], touch.seq, customer=touch.customer, title=touch.title,
                               wait=f"{touch.wait:.0f}", device=touch.device or "device",
                               service=touch.service)
            self._post(touch.t, touch.customer, text, rating)
        return rating

    def _plain_points(self, touch: Touch, kind: str, patience: float) -> float:
        """``points_of`` for the touches most people have (a first answer, a chase or a fix,
        without updates or an inconsistency), with the same arithmetic: with no updates the
        relief is exactly 1 and the spam exactly 0, so the result is bit for bit the same
        (``tests/test_satisfaction.py`` checks it).  Why: ``hear`` runs at every touch and
        ``points_of``'s general case was half its cost."""
        p = self.params
        empathy = touch.empathy
        empathy = p.empathy_weight * (empathy - 0.5) if empathy is not None else 0.0
        wait, expected = touch.wait, touch.expected
        if kind == "resolution":
            points = p.resolve_bonus + (p.fcr_bonus if touch.first_contact else 0.0) + empathy
            overrun = wait - (expected + touch.effort)
            if overrun > 0:
                late = overrun / (expected if expected > 30.0 else 30.0)
                points -= p.slow_fix_penalty * (late if late < p.late_cap else p.late_cap) * \
                    IMPACT_WEIGHT[touch.impact]
            return points
        if wait <= expected:
            points = p.met_bonus
        else:
            late = (wait - expected) / expected
            points = -p.late_penalty * (late if late < p.late_cap else p.late_cap) * \
                IMPACT_WEIGHT[touch.impact]
        if wait > patience:
            points -= p.patience_penalty * IMPACT_WEIGHT[touch.impact]
        return points + empathy

    def _notable_heaps(self) -> tuple[list, list]:  # type: ignore[type-arg]
        """This round's heaps of its worst and best moments."""
        worst = self._worst.get(self.round)
        if worst is None:
            worst = self._worst[self.round] = []
            self._best[self.round] = []
        return worst, self._best[self.round]

    def _keep_notable(self, moment: Moment, worst: list, best: list, keep: int) -> None:  # type: ignore[type-arg]
        """Heaps of (key, tie-break, id, moment), smallest key on top: each keeps the ``keep``
        largest keys (the most negative deltas in ``worst``, the most positive in ``best``).
        Most moments are routine and beat neither heap's floor; ``hear`` skips them."""
        delta, count = moment.delta, self._count
        if len(worst) < keep:
            heapq.heappush(worst, (-delta, -count, count, moment))
        elif -delta > worst[0][0]:
            heapq.heapreplace(worst, (-delta, -count, count, moment))
        if len(best) < keep:
            heapq.heappush(best, (delta, -count, count, moment))
        elif delta > best[0][0]:
            heapq.heapreplace(best, (delta, -count, count, moment))

    def _post(self, t: float, customer: str, text: str, rating: float) -> None:
        """Word of mouth: the others hear one bad experience, weighted by how far it spreads."""
        self.posts.append(Post(t, customer, text, self.round))
        self.log.append(t, "post", customer=customer, text=text)
        reach = self.params.post_weight * self.amplify * (1.0 - self.spread_relief)
        if reach <= 0:
            return
        for name, memory in self.memories.items():
            if name != customer:
                memory.add(t, rating, reach * self.weight_of(rating), self.params.half_life)
                self.unsettled += 1

    # ------------------------------------------------------------ other happenings
    def _nudge(self, name: str, t: float, points: float) -> None:
        """Move a department by ``points`` at once, as a memory that fades like any other.

        A batch of experiences worth ``nudge_share`` of what it already remembers, rated
        so that its mean moves by ``points`` (as far as 0-100 allows).
        """
        params = self.params
        memory = self.memories[name]
        now = memory.at(t, params.half_life)
        held = memory.prior + memory.weight * memory.decay(t, params.half_life)
        extra = params.nudge_share * held
        rating = min(100.0, max(0.0, now + points * (held + extra) / extra))
        memory.add(t, rating, extra, params.half_life)
        self.unsettled += 1

    def storm(self, t: float, customers: Iterable[str], hit: float, amplify: float) -> None:
        for name in customers:
            self._nudge(name, t, -hit)
        self.amplify = amplify

    def storm_over(self, t: float) -> None:
        self.amplify = 1.0

    def uplift(self, t: float, points: float) -> None:
        """A card that acts on every customer at once (the service design workshop)."""
        for name in self.memories:
            self._nudge(name, t, points)
