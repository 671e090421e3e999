"""The validated scenario as frozen, typed dataclasses: what the engine consumes.

Units are already converted: every time and duration is in minutes (clock times are
minutes after midnight), every rate is arrivals per minute.  Probability maps are
tuples of ``(level, probability)`` in the format's level order, so iteration order
never depends on the file.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

LEVELS = ("low", "medium", "high")
DEMAND_KINDS = ("incident", "request", "end_run", "byod", "fake_emergency")
CHANNELS = ("phone", "email", "portal", "walk_up", "social")
ROLES = ("desk", "specialist", "field")
DIFFICULTIES = ("easy", "normal", "hard")
PRIORITIES = ("P1", "P2", "P3", "P4")
IMPROVEMENT_COSTS = {
    "service_catalog": 2,
    "emergency_definition": 1,
    "knowledge_base": 2,
    "byod_learning": 1,
    "social_channel": 1,
    "customer_orientation": 1,
    "empowerment": 2,
    "recognition": 1,
    "governance": 2,
    "service_design_workshop": 2,
    "problem_management": 2,
    "self_service": 2,
}
IMPROVEMENT_IDS = tuple(IMPROVEMENT_COSTS)
KPI_WEIGHTS = ("trust", "sla", "morale", "throughput")

Probabilities = tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class RoundShape:
    length: float = 480.0
    start: float = 480.0
    warmup: float = 0.0

    def offset_of(self, clock: float) -> float:
        """Minutes from the round's start to the first time the clock shows ``clock``."""
        return (clock - self.start) % 1440


@dataclass(frozen=True)
class TeamMember:
    name: str
    role: str
    skills: tuple[str, ...]
    empathy: float = 0.7
    known_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class Customer:
    name: str
    size: int = 50
    influence: float | None = None
    patience: float = 30.0
    satisfaction: float = 60.0


@dataclass(frozen=True)
class Service:
    id: str
    name: str
    impact: str = "medium"


@dataclass(frozen=True)
class Effort:
    """A service-time distribution in minutes; only the fields of ``dist`` are used."""

    dist: str
    mean: float | None = None
    sd: float | None = None
    value: float | None = None
    min: float | None = None
    max: float | None = None
    mode: float | None = None

    @property
    def expected(self) -> float:
        """The distribution's mean in minutes (for load estimates and checks)."""
        if self.dist in ("exponential", "lognormal"):
            return float(self.mean)  # type: ignore[arg-type]
        if self.dist == "fixed":
            return float(self.value)  # type: ignore[arg-type]
        if self.dist == "uniform":
            return (self.min + self.max) / 2  # type: ignore[operator]
        return (self.min + self.mode + self.max) / 3  # type: ignore[operator]


@dataclass(frozen=True)
class Demand:
    kind: str
    service: str
    rate: float
    effort: Effort
    skills: tuple[str, ...]
    id: str | None = None
    customers: str | tuple[str, ...] = "all"
    profile: str | tuple[tuple[float, float], ...] = "flat"
    impact: Probabilities | None = None
    urgency: Probabilities = (("low", 0.0), ("medium", 1.0), ("high", 0.0))
    channels: Probabilities | None = None
    titles: tuple[str, ...] | None = None
    devices: tuple[str, ...] | None = None


@dataclass(frozen=True)
class EventTime:
    round: int
    time: float
    day: int = 1   # which time the clock shows ``time`` in the round (rounds longer than a day)

    def offset(self, shape: RoundShape) -> float:
        """Minutes from the round's start to this event."""
        return (self.day - 1) * 1440 + shape.offset_of(self.time)


@dataclass(frozen=True)
class Fix:
    skills: tuple[str, ...]
    effort: Effort


@dataclass(frozen=True)
class MajorIncident:
    at: EventTime
    service: str
    duration: float
    surge: float
    fix: Fix | None = None
    title: str | None = None
    kind: str = "major_incident"


@dataclass(frozen=True)
class Wave:
    at: EventTime
    duration: float
    demand: tuple[str, ...]
    factor: float = 2.0
    kind: str = "wave"


@dataclass(frozen=True)
class Absence:
    at: EventTime
    agent: str
    duration: float | None = None
    reason: str = ""  # why they are away ("off sick"), as every screen says it
    kind: str = "absence"


@dataclass(frozen=True)
class SocialStorm:
    at: EventTime
    duration: float
    customers: str | tuple[str, ...] = "all"
    hit: float = 5.0
    amplify: float = 2.0
    kind: str = "social_storm"


Event = MajorIncident | Wave | Absence | SocialStorm


@dataclass(frozen=True)
class Improvements:
    budget: int = 3
    offer: tuple[str, ...] = IMPROVEMENT_IDS


@dataclass(frozen=True)
class Scoring:
    weights: Probabilities = (("trust", 0.4), ("sla", 0.3), ("morale", 0.2), ("throughput", 0.1))
    outsourcing_below: float = 45.0


@dataclass(frozen=True)
class Scenario:
    """A whole validated scenario, plus the text it came from (for results and replay)."""

    format: str
    title: str
    team: tuple[TeamMember, ...]
    customers: tuple[Customer, ...]
    services: tuple[Service, ...]
    demand: tuple[Demand, ...]
    briefing: str = ""
    facilitator_notes: str = ""
    difficulty: str | None = None  # easy | normal | hard (docs/scenarios.md: how balance agrees)
    tutorial: bool = False  # the guided first round: hints pause the game (ui/tutorial.py)
    seed: int = 1
    rounds: int = 1
    round: RoundShape = RoundShape()
    fatigue: bool = True
    sla: tuple[tuple[str, float], ...] = (("P1", 15.0), ("P2", 30.0), ("P3", 120.0), ("P4", 480.0))
    events: tuple[Event, ...] = ()
    improvements: Improvements = Improvements()
    scoring: Scoring = Scoring()
    text: str = ""
    file: str = ""

    @property
    def sla_targets(self) -> dict[str, float]:
        return dict(self.sla)

    def someone_holds(self, skills: Iterable[str]) -> bool:
        """Whether one person on the team holds every skill named: the engine gives a job to
        one person, so work needing skills only a pair holds between them is never done."""
        needed = set(skills)
        return any(needed <= set(member.skills) for member in self.team)

    def influence(self) -> dict[str, float]:
        """Normalised influence per customer (see docs/scenarios.md for the omitted case)."""
        given = [c.influence for c in self.customers if c.influence is not None]
        fill = sum(given) / len(given) if given else 1.0
        raw = {c.name: (c.influence if c.influence is not None else fill) for c in self.customers}
        total = sum(raw.values())
        if total <= 0:
            return {name: 1 / len(raw) for name in raw}
        return {name: value / total for name, value in raw.items()}
