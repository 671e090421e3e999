"""Tickets and agents: the mutable state of the world's people and work."""

from __future__ import annotations

from dataclasses import dataclass, field

from deskgame.engine.priority import RANK, UNSET_RANK


@dataclass(slots=True, eq=False)
class Ticket:
    """One piece of work (or one call that may become work)."""

    id: str
    seq: int
    round: int
    kind: str
    demand: str
    customer: str
    channel: str
    title: str
    service: str
    impact: str               # the true business impact
    urgency: str              # what the caller says
    true_priority: str        # ITIL matrix of the truth
    stated_priority: str      # what the desk sees until it looks closer
    effort: float             # minutes of work at full speed
    skills: frozenset[str]
    arrived: float
    priority: str | None = None        # set by the desk; None = nobody prioritised it
    remaining: float = 0.0
    started: float | None = None
    resolved: float | None = None
    agent: str | None = None           # who is (or was last) working it
    first_agent: str | None = None
    escalated: bool = False
    needs_specialist: bool = False
    specialist_only: bool = False
    assigned_to: str | None = None     # reserved for one agent by a command
    updates: int = 0
    device: str | None = None
    call_pending: bool = False
    call_target: str | None = None     # end-runs: the specialist they ring
    answer: str | None = None
    outcome: str | None = None         # resolved, unsupported, hidden, outage_over, overtaken
    hidden: bool = False
    linked: int | None = None          # index of the major incident it belongs to
    logged: bool = False               # linked tickets: the call was taken
    learning: bool = False
    rating: float | None = None        # the satisfaction model's rating of its latest touch
    heard_updates: int = 0             # updates already counted in a rated touch
    inconsistent: bool = False         # answered differently from the last of its kind (not yet heard)
    breached: bool = False
    chase_at: float = float("inf")     # when an unanswered customer's patience runs out (then inf)
    repair: bool = False               # an outage's fix: the team's own job, which no customer rates
    shouted: str | None = None         # a fake emergency told its real priority: what the caller said

    @property
    def queue_key(self) -> tuple[int, int]:
        return (RANK[self.priority] if self.priority else UNSET_RANK, self.seq)

    @property
    def desk_priority(self) -> str:
        """The priority the desk works to: its own if set, else what the caller stated."""
        return self.priority or self.stated_priority

    @property
    def is_open(self) -> bool:
        return self.resolved is None and not self.hidden


@dataclass(slots=True, eq=False)
class Agent:
    name: str
    index: int
    role: str
    skills: frozenset[str]
    empathy: float
    morale: float
    ticket: Ticket | None = None
    token: int = 0                 # bumps on every start/stop so stale timers do nothing
    job_started: float = 0.0
    job_speed: float = 1.0
    job_end_action: str = "finish"
    idle_since: float = 0.0
    absent: bool = False
    reserved: list[Ticket] = field(default_factory=list)

    def can_do(self, ticket: Ticket) -> bool:
        if ticket.specialist_only and self.role == "desk":
            return False
        return ticket.skills <= self.skills
