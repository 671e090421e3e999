"""The satisfaction model (DESIGN.md section 2, "Moments of truth"): its interface and its properties.

Each property asserts a number from the simulation against what the model promises:
the world only reports facts; a department's satisfaction converges to how it is served,
whatever the volume; trust tracks the service a queue gives; more staff never lowers it.
"""

from __future__ import annotations

import math
import statistics
from collections import deque

import numpy as np
import pytest

from deskgame.engine.arrivals import Arrival
from deskgame.engine.params import DEFAULT_PARAMS
from deskgame.engine.satisfaction import (
    TOUCH_KINDS,
    Memory,
    MemoryModel,
    Moment,
    Touch,
    expected_wait,
    rating_curve,
)
from deskgame.engine.world import World
from deskgame.policies import make_policy
from deskgame.scenario import load_scenario, load_scenario_text
from deskgame.session.runner import run_session

from .conftest import SCENARIOS

SP = DEFAULT_PARAMS.satisfaction


# ---------------------------------------------------------------------------- the interface
class RecordingModel:
    """A fake satisfaction model: remembers every fact it hears and rates everything 50."""

    def __init__(self, names: list[str]):
        self._names = names
        self.touches: list[Touch] = []
        self.other: list[tuple] = []
        self.posts: list = []
        self.recent: deque[Moment] = deque()
        self.unsettled = 0

    def hear(self, touch: Touch) -> float:
        self.touches.append(touch)
        return 50.0

    def expectation(self, promised: float, catalogue: float, personal: bool) -> float:
        return expected_wait(promised, catalogue, personal, SP)

    def storm(self, t, customers, hit, amplify):  # type: ignore[no-untyped-def]
        self.other.append(("storm", t, tuple(customers), hit, amplify))

    def storm_over(self, t):  # type: ignore[no-untyped-def]
        self.other.append(("storm_over", t))

    def uplift(self, t, points):  # type: ignore[no-untyped-def]
        self.other.append(("uplift", t, points))

    def begin_round(self, round_no, spread_relief):  # type: ignore[no-untyped-def]
        self.other.append(("round", round_no, spread_relief))

    def value(self, customer: str, t: float) -> float:
        return 50.0

    def trust(self, t: float) -> float:
        return 50.0

    def values(self, t: float) -> list[float]:
        return [self.value(name, t) for name in self.names()]

    def sample(self, times):  # type: ignore[no-untyped-def]
        return [[self.value(name, t) for t in times] for name in self.names()]

    def settle(self) -> None:
        pass

    def names(self) -> list[str]:
        return self._names

    def notable(self, round_no: int) -> list[Moment]:
        return []


DAY = """\
format: deskgame/1
title: Facts only
fatigue: false
team:
  - {name: Asha, role: desk, skills: [email, devices], empathy: 0.9}
  - {name: Ben, role: specialist, skills: [email], known_by: [Sales]}
customers:
  - {name: Sales, patience: 20m}
  - {name: Finance, patience: 60m}
services:
  - {id: email, name: Email, impact: high}
demand:
  - {kind: incident, service: email, rate: 1/d, effort: {dist: fixed, value: 10m}, skills: [email]}
events:
  - {at: {time: "12:00"}, kind: social_storm, customers: [Sales], duration: 1h, hit: 10, amplify: 2}
"""


def arrival(t: float, kind: str = "incident", effort: float = 30.0, customer: str = "Finance",
            skills=("email",), order: int = 0, device: str | None = None) -> Arrival:
    return Arrival(t=t, order=order, kind=kind, demand=f"{kind}-d", customer=customer, channel="phone",
                   title=f"{kind} at {t}", service="email", impact="high", urgency="medium",
                   stated_priority="P2", true_priority="P2", effort=effort, skills=frozenset(skills),
                   device=device, chance=0.0, thin=1.0)


def test_the_world_only_reports_facts_to_the_model_it_is_given():
    scenario = load_scenario_text(DAY)
    fake = RecordingModel(["Sales", "Finance"])
    world = World(scenario, seed=1, satisfaction=fake)
    world.start_round(1, arrivals=[
        arrival(0.0), arrival(0.0, order=1), arrival(5.0, order=2, customer="Sales"),
        arrival(6.0, kind="end_run", customer="Sales", order=3),
        arrival(7.0, kind="byod", customer="Finance", order=4, skills=("devices",), device="watch"),
    ])
    world.habit["end_run-d"] = 1.0   # this customer always rings the specialist they know
    world.listeners.append(lambda w, why, t: why == "arrival" and t.call_pending and w.command(
        "answer", ticket=t.id, choice={"end_run": "redirect", "byod": "unsupported"}[t.kind]))
    world.advance_to(10.0)
    world.command("update", ticket="T0003")
    world.advance_to(480.0)
    assert {t.kind for t in fake.touches} <= set(TOUCH_KINDS)
    by_ticket: dict[str | None, list[Touch]] = {}
    for touch in fake.touches:
        by_ticket.setdefault(touch.ticket, []).append(touch)
    # Asha and Ben each take one at once: a first answer with no wait, then a resolution.
    first = by_ticket["T0001"]
    assert [t.kind for t in first] == ["first_answer", "resolution"]
    assert first[0].wait == 0.0 and first[0].expected == SP.expect_now and first[0].empathy == 0.9
    assert first[1].wait == pytest.approx(30.0) and first[1].first_contact
    # Sales waits for a free agent (30 - 5 = 25 min), past its 20 min patience: it chases at the
    # first 5-minute tick after 20 minutes (t = 25 + 5 = 30 > 25), hears its update, then is answered.
    sales = by_ticket["T0003"]
    assert [t.kind for t in sales][:2] == ["first_answer", "resolution"] or sales[0].kind == "chase"
    answer = next(t for t in sales if t.kind == "first_answer")
    assert answer.wait == pytest.approx(25.0) and answer.updates == 1 and answer.impact == "high"
    # The redirected end-run and the "unsupported" BYOD call are facts of their own kind.
    assert [t.kind for t in by_ticket["T0004"]][0] == "redirect"
    # "Unsupported" comes back later: the device still does not work (no specialist here to
    # fix it on the quiet, so no one is named).
    byod = by_ticket["T0005"]
    assert [t.kind for t in byod] == ["unsupported", "still_broken"]
    assert byod[1].t - byod[0].t == pytest.approx(world.params.work.comeback_after) and byod[1].agent is None
    # The storm is a happening, told to the model (which alone decides what it does).
    assert ("storm", 240.0, ("Sales",), 10.0, 2.0) in fake.other
    assert ("storm_over", 300.0) in fake.other
    # The ratings the world keeps are the model's own (for CSAT), never computed by the world.
    assert world.tickets["T0001"].rating == 50.0


# ---------------------------------------------------------------------------- the worked example
WORKED = """\
format: deskgame/1
title: Worked example of docs/model.md
team:
  - {name: Marco, role: desk, skills: [orders], empathy: 0.7}
customers:
  - {name: Sales, size: 120, influence: 0.35, patience: 20m, satisfaction: 58}
  - {name: Finance, influence: 0.65}
services:
  - {id: orders, name: Order entry, impact: high}
demand:
  - {kind: incident, service: orders, rate: 1/d, effort: {dist: fixed, value: 10m}, skills: [orders]}
"""


def test_the_worked_example_of_the_model_doc():
    """docs/model.md, "Worked example": every figure it gives, from the engine."""
    first = arrival(0.0, effort=23, skills=("orders",))
    sales = arrival(0.0, effort=10, skills=("orders",), customer="Sales", order=1)
    world = World(load_scenario_text(WORKED), seed=1)
    world.start_round(1, arrivals=[first, sales])
    world.advance_to(10.0)
    world.command("update", ticket="T0002")
    world.advance_to(23.0)
    moment = next(m for m in world.satisfaction.recent if m.ticket == "T0002")
    points = -20.4 - 6.8 + 0.8                                 # the doc's three terms: -26.4
    assert moment.rating == pytest.approx(rating_curve(points, SP))
    assert moment.rating == pytest.approx(0.52, abs=0.01)     # as the doc says
    prior = 3 * math.sqrt(120)                                 # 32.9 experiences at 58
    weight = 1 + (65 - moment.rating) / 25                     # 3.58: a memorable moment
    after = (prior * 58 + weight * moment.rating) / (prior + weight)
    assert world.satisfaction.value("Sales", 23.0) == pytest.approx(after)
    assert after == pytest.approx(52.35, abs=0.01)
    keep = 0.5 ** (120 / 240)
    later = (prior * 58 + keep * weight * moment.rating) / (prior + keep * weight)
    assert world.satisfaction.value("Sales", 143.0) == pytest.approx(later)
    assert later == pytest.approx(53.89, abs=0.01)


def test_the_rating_curve_is_increasing_and_stays_inside_0_to_100():
    points = np.linspace(-60, 60, 241)
    ratings = [rating_curve(p, SP) for p in points]
    assert all(0 < r < 100 for r in ratings)
    assert all(b > a for a, b in zip(ratings, ratings[1:], strict=False))
    assert rating_curve(0.0, SP) == pytest.approx(SP.neutral_rating)


def test_a_departments_state_is_a_few_numbers_not_a_list_of_ratings():
    # The numbers, plus the history of changes the series has not read yet (kept short below).
    assert set(Memory.__slots__) == {"base", "prior", "influence", "patience", "weight", "rated", "since",
                                     "history", "settled"}


# ---------------------------------------------------------------------------- quality, not volume
def overstaffed(scale: int) -> str:
    team = "\n".join(f"  - {{name: A{i:02d}, role: desk, skills: [work], empathy: 0.9}}"
                     for i in range(2 * scale))
    return f"""\
format: deskgame/1
title: Nobody waits
fatigue: false
team:
{team}
customers:
  - {{name: Small, size: 20, satisfaction: 40, patience: 8h}}
  - {{name: Large, size: 100, satisfaction: 40, patience: 8h}}
services:
  - {{id: work, name: Work, impact: low}}
demand:
  - {{kind: request, service: work, rate: {30 * scale}/h, effort: {{dist: fixed, value: 1m}}, skills: [work]}}
"""


def memory_from_the_log(world: World, name: str, t: float) -> tuple[float, float]:
    """(discounted weight n, weighted mean rating) recomputed from the moments in the log."""
    weight = rated = 0.0
    for event in world.log:
        if event.kind == "moment" and event.data["moment"].customer == name:
            r = event.data["moment"].rating
            w = (1 + abs(r - SP.neutral_rating) / SP.memorable_scale) * 0.5 ** ((t - event.t) / SP.half_life)
            weight += w
            rated += w * r
    return weight, rated / weight


def test_quality_not_volume_satisfaction_converges_to_the_mean_rating():
    ends = {}
    for scale in (1, 10):
        world = World(load_scenario_text(overstaffed(scale)), seed=3)
        world.start_round(1)
        world.advance_to(480.0)
        ends[scale] = world
    for name, size in (("Small", 20), ("Large", 100)):
        many = ends[10]
        n10, mean10 = memory_from_the_log(many, name, 480.0)
        assert mean10 >= 75                                       # the service is good
        assert many.satisfaction.value(name, 480.0) == pytest.approx(mean10, abs=1.0)
        few = ends[1]
        n1, mean1 = memory_from_the_log(few, name, 480.0)
        prior = SP.prior_per_sqrt_size * math.sqrt(size)
        gap = many.satisfaction.value(name, 480.0) - few.satisfaction.value(name, 480.0)
        assert gap == pytest.approx(prior / (prior + n1) * (mean1 - 40), abs=1.0)
        assert gap > 1.0                                          # few experiences: the prior still holds


# ---------------------------------------------------------------------------- tracks the service
MM6 = """\
format: deskgame/1
title: M/M/6 for six weeks
rounds: 6
round: {length: 7d, start: "00:00", warmup: 1d}
fatigue: false
team:
""" + "\n".join(f"  - {{name: A{i}, role: desk, skills: [work]}}" for i in range(6)) + """
customers:
  - {name: Everyone}
services:
  - {id: work, name: Work, impact: medium}
demand:
  - {kind: incident, service: work, rate: 7/h, effort: {dist: exponential, mean: 40m}, skills: [work]}
improvements: {budget: 0}
scoring: {outsourcing_below: 0}
"""


def test_trust_tracks_the_service_of_a_steady_queue():
    """Each week's closing trust against the share who waited longer than expected on its last day."""
    scenario = load_scenario_text(MM6)
    closing, late = [], []
    for seed in range(1, 21):
        outcome = run_session(scenario, seed, make_policy("fifo"))
        assert outcome.ended == "completed" and len(outcome.rounds) == 6
        for record in outcome.rounds:
            last_day = [t for t in record["tickets"]
                        if t["started"] is not None and t["arrived"] >= 6 * 1440]
            late.append(statistics.fmean(t["started"] - t["arrived"] > SP.expect_now for t in last_day))
            closing.append(record["kpis"]["trust"])
    slope, intercept = np.polyfit(late, closing, 1)
    residuals = np.array(closing) - (slope * np.array(late) + intercept)
    assert slope < 0                                   # more late answers, less trust
    assert residuals.std() <= 10.0                     # it does not wander off the service (was 31)
    assert all(0 < trust < 100 for trust in closing)   # and never sticks at an end (8 of 24 did)


# ---------------------------------------------------------------------------- monotone
def one_more_desk_agent(text: str) -> str:
    first = text.index("team:\n") + len("team:\n")
    extra = "  - {name: Extra, role: desk, skills: [accounts, email, devices, orders, claims]}\n"
    return text[:first] + extra \
        + text[first:]


@pytest.mark.parametrize("name", ["standard-monday", "byod-after-holidays"])
def test_one_more_desk_agent_never_lowers_trust(name):
    text = (SCENARIOS / f"{name}.yaml").read_text()
    plain, bigger = load_scenario_text(text), load_scenario_text(one_more_desk_agent(text))
    gains = [run_session(bigger, s, make_policy("triage")).rounds[-1]["kpis"]["trust"]
             - run_session(plain, s, make_policy("triage")).rounds[-1]["kpis"]["trust"] for s in range(1, 21)]
    standard_error = statistics.stdev(gains) / math.sqrt(len(gains))
    assert statistics.fmean(gains) > -2 * standard_error


def test_posts_reach_the_other_departments_as_weighted_ratings():
    model = MemoryModel.for_customers([("A", 60.0, 0.5, 100, 30.0), ("B", 60.0, 0.5, 100, 30.0)], SP,
                                      np.random.default_rng(0), log=World(load_scenario(
                                          SCENARIOS / "first-day.yaml")).log)
    model._post(0.0, "A", "IT, again.", 5.0)  # noqa: SLF001 - the spreading step alone
    weight = SP.post_weight * (1 + (SP.neutral_rating - 5.0) / SP.memorable_scale)
    prior = SP.prior_per_sqrt_size * 10
    assert model.value("B", 0.0) == pytest.approx((prior * 60 + weight * 5.0) / (prior + weight))
    assert model.value("A", 0.0) == 60.0


def test_a_public_post_says_only_what_the_customer_lived_through():
    """A post at a late answer or a slow fix does not claim nobody picked it up; a customer who
    was kept informed does not say "silence" (a room read "Silence." about a ticket with two
    updates that was fixed that morning)."""
    from deskgame.engine.touch_words import words_of as _words
    from deskgame.engine.voices import VOICES, public_text

    def posts(**facts) -> list[str]:  # type: ignore[no-untyped-def]
        touch = Touch(t=0.0, customer="Sales", title="VPN drops", device="tablet", service="Mail", **facts)
        voice = _words(touch)[2]
        return [public_text(voice, seq, customer="Sales", title="VPN drops", wait="90", device="tablet",
                            service="Mail") for seq in range(len(VOICES[voice]))]

    never_answered = ("Silence", "nobody has even picked", "actually answer")
    for said in posts(kind="first_answer", wait=90, expected=30, updates=2):
        assert not any(words in said for words in never_answered), said
    for said in posts(kind="resolution", wait=300, expected=30, effort=20):
        assert not any(words in said for words in never_answered), said
    for said in posts(kind="chase", wait=90, expected=30, updates=2):
        assert "Silence" not in said and "nobody has even picked" not in said, said
    assert any("Silence" in said for said in posts(kind="chase", wait=90, expected=30, updates=0))
    for said in posts(kind="outage", wait=60, broadcasts=2):
        assert "Not a word" not in said and "No status" not in said, said
    assert any("Not a word" in said for said in posts(kind="outage", wait=60, broadcasts=0))
