"""The simulated service desk: a thin façade over parts that each own one thing.

Commands in (``command(action, **fields)``), domain events out (``log``).  The world
never reads the wall clock and never advances itself: its driver (the session loop)
calls ``advance_to(t)``, which processes every scheduled event up to ``t`` in the
engine's order.  Policies and players act through ``command`` only, and every applied
command is recorded with the engine ``step`` (events processed before it) so that a
replay can apply it at exactly that point.

The parts (see docs/architecture.md): the clock (``SteppedEnvironment``), ``Intake``
(arrivals become tickets), ``TicketQueue`` (the order of waiting work), ``Work`` (jobs,
escalation), ``Phone`` (calls and habits), ``Team`` (morale), ``ScriptedEvents``
(outages, absences, storms), ``Recorder`` (what is measured) and the satisfaction
model, which only hears facts.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from deskgame.engine.arrivals import Arrival, round_arrivals
from deskgame.engine.calls import CALL_CHOICES, Phone
from deskgame.engine.cards import effects_for
from deskgame.engine.clock import SteppedEnvironment
from deskgame.engine.commands import CommandRefused, build
from deskgame.engine.effects import Effects
from deskgame.engine.events import EventLog, NoLog
from deskgame.engine.incidents import MajorIncidentState, ScriptedEvents
from deskgame.engine.intake import Intake
from deskgame.engine.params import DEFAULT_PARAMS, ModelParams
from deskgame.engine.recorder import Recorder
from deskgame.engine.rng import stream
from deskgame.engine.satisfaction import MemoryModel, SatisfactionModel, Touch
from deskgame.engine.team import Team
from deskgame.engine.ticket_queue import TicketQueue
from deskgame.engine.tickets import Agent, Ticket
from deskgame.engine.work import Work
from deskgame.scenario import model as m

Listener = Callable[["World", str, Any], None]
INF = float("inf")
SETTLE_AFTER = 20_000  # satisfaction changes kept before the series is brought up to date

__all__ = ["CALL_CHOICES", "CommandRefused", "MajorIncidentState", "World"]


class Listeners(list):  # type: ignore[type-arg]
    """The world's listeners (bots).  A listener that says until when it has nothing to do at
    a tick (``World.listen``) lets quiet ticks pass; one appended plainly looks at every tick.
    Either way, a new listener wakes the clock."""

    def __init__(self, on_add: Callable[[], None]) -> None:
        super().__init__()
        self._on_add = on_add
        self.every_tick = False
        self.quiet: list[Callable[[], float]] = []

    def append(self, listener: Listener) -> None:  # type: ignore[override]
        self.every_tick = True
        super().append(listener)
        self._on_add()

    def add(self, listener: Listener, quiet_until: Callable[[], float]) -> None:
        """A listener that says before when it has nothing to do at a tick."""
        self.quiet.append(quiet_until)
        super().append(listener)
        self._on_add()

    def quiet_until(self) -> float:
        """Before when no listener has anything to do at a tick."""
        if self.every_tick:
            return -INF
        return min((quiet() for quiet in self.quiet), default=INF)


class World:
    """One session's world: team, customers, queue, clock and everything that happened."""

    def __init__(self, scenario: m.Scenario, seed: int | None = None,
                 params: ModelParams = DEFAULT_PARAMS, satisfaction: SatisfactionModel | None = None,
                 keep_log: bool = True):
        self.scenario = scenario
        self.seed = scenario.seed if seed is None else seed
        self.params = params
        self.env = SteppedEnvironment()
        self.log = EventLog() if keep_log else NoLog()
        self.decisions: list[dict[str, Any]] = []
        self.listeners = Listeners(lambda: self.env.wake_after(self.env.now))
        self.round = 0
        self.round_length = scenario.round.length
        self.round_start = 0.0
        self.effects = Effects()
        self.sla_targets = scenario.sla_targets
        self.team = Team(scenario, params.morale)
        self.agents = self.team.agents
        self.agent_by_name = self.team.by_name
        self.queue = TicketQueue()
        self.queue.serve(self.agents)
        self.tickets: dict[str, Ticket] = {}
        self.influence = scenario.influence()
        self.customers = {c.name: c for c in scenario.customers}
        # The world only reports facts; the model it is handed turns them into satisfaction.
        facts = ((c.name, c.satisfaction, self.influence[c.name], c.size, c.patience)
                 for c in scenario.customers)
        self.satisfaction: SatisfactionModel = satisfaction or MemoryModel.for_customers(
            facts, params.satisfaction, stream(self.seed, "social"), self.log)
        self.known_devices: set[str] = set()
        self.adopted: dict[str, int] = {}        # card id -> first round it acts in
        self.improvements_by_round: dict[int, list[str]] = {}
        self.commitments: dict[int, str] = {}
        self.recorder = Recorder(self)
        self.intake = Intake(self)
        self.work = Work(self)
        self.phone = Phone(self)
        self.scripted = ScriptedEvents(self)
        self._service_names = self.scripted.service_names
        self._notifying = False
        self._expected: dict[tuple[str, bool], float] = {}

    # ------------------------------------------------------------------ clock
    @property
    def now(self) -> float:
        return self.env.now

    @property
    def step(self) -> int:
        """Events processed so far (a decision's position in the run)."""
        return self.env.steps

    @property
    def round_end(self) -> float:
        return self.round_start + self.round_length

    def advance_to(self, t: float) -> None:
        """Process every event scheduled at or before ``t``, then set the clock to ``t``."""
        self.env.advance_to(t)

    def run_until_step(self, step: int, t: float) -> None:
        """Process events until ``step`` events are done, then move the clock to ``t`` (replay)."""
        self.env.run_until_step(step, t)

    # ------------------------------------------------------------------ rounds
    def start_round(self, round_no: int, arrivals: list[Arrival] | None = None) -> None:
        """Begin round ``round_no`` at the current time (the world carries over).

        ``arrivals`` replaces the scenario's drawn arrivals (unit tests hand-craft days).
        """
        if self.round:
            self.recorder.bank_hidden()  # the last round keeps its share of work still in hand
            self.recorder.catch_up()     # and its series, to its last tick
        self.round = round_no
        self.round_start = self.env.now
        self.effects, _ = effects_for(self.adopted, round_no, self.mean_morale())
        self._expected = {}
        self.satisfaction.begin_round(round_no, self.effects.spread_relief)
        self.recorder.begin_round(round_no)
        self.log.append(self.env.now, "round_started", round=round_no)
        if arrivals is None:
            arrivals = round_arrivals(self.scenario, self.seed, round_no, self.round_start,
                                      self.params.work.surge_effort)
        self.intake.begin(arrivals)
        self.scripted.schedule(round_no)
        self.recorder.sample()
        every = self.params.work.sample_every
        self.env.tick_every(every, int(self.round_length // every), self._on_tick, self._quiet_until)

    def _quiet_until(self) -> float:
        """Before when ticks have nothing to do (the clock passes them without running them).

        A tick has work when a bot has something to do at it, when the team tires (an
        overloaded team loses morale per tick) or when a deadline falls due; its series point
        needs no tick.  A listener added later wakes the clock (``Listeners``).
        """
        if self.team.fatigue:
            return -INF
        return min(self.listeners.quiet_until(), self.recorder.quiet_until())

    def _on_tick(self) -> None:
        """Every sample period: overload, patience running out, the bots' look."""
        recorder = self.recorder
        now = self.env.now
        if self.team.fatigue:
            self.team.overload(len(self.queue))
        if recorder.anything_due(now):
            for ticket in recorder.due(now):
                # Nobody has answered and their patience has run out: being ignored is an experience.
                ticket.chase_at = float("inf")
                self.touch(ticket, "chase", wait=now - ticket.arrived, expected=self.expectation(ticket))
        if self.listeners:
            self.notify("tick", None)

    # ------------------------------------------------------------------ shared by the parts
    def wait(self, ticket: Ticket) -> None:
        """``ticket`` joins the queue (the recorder starts watching its deadlines)."""
        self.queue.put(ticket)
        self.recorder.waits(ticket)

    def set_priority(self, ticket: Ticket, priority: str) -> None:
        ticket.priority = priority
        self.queue.reprioritise(ticket)
        self.recorder.retarget(ticket)
        self.recorder.sla.retarget(ticket)
        if self.log.keeps:  # a triage bot sets one per arrival
            self.log.append(self.env.now, "priority_set", ticket=ticket.id, priority=priority)

    def desk_fcr(self) -> float:
        """The chance the desk resolves an incident without a specialist (cards move it)."""
        return min(1.0, max(0.0, self.params.work.desk_fcr + self.effects.fcr_shift))

    def expectation(self, ticket: Ticket) -> float:
        """Minutes the customer expects to wait for a first answer (the model judges, from facts).

        The facts: the response time published for the ticket's real priority, how far the
        catalogue is known, and whether someone promised it on the phone (a BYOD caller told
        "we'll learn it", a fake emergency told its real response time).
        """
        personal = ticket.answer in ("deprioritise", "learn")
        key = (ticket.true_priority, personal)
        expected = self._expected.get(key)
        if expected is None:  # the facts change only between rounds (the catalogue card)
            expected = self._expected[key] = self.satisfaction.expectation(
                self.sla_targets[ticket.true_priority], self.effects.catalogue, personal)
        return expected

    def sla_target(self, ticket: Ticket) -> float:
        """Minutes to the first answer the SLA promises this ticket.

        The desk's own priority sets the clock, but lowering a priority never relaxes what
        the business agreed for the ticket's real impact and urgency: downgrading work
        cannot make the SLA figure look better (the "watermelon").
        """
        targets = self.sla_targets
        return min(targets[ticket.desk_priority], targets[ticket.true_priority])

    def empathy(self, agent: Agent) -> float:
        return self.team.empathy(agent)

    def touch(self, ticket: Ticket, kind: str, agent: Agent | None = None, wait: float = 0.0,
              expected: float = 0.0, effort: float = 0.0, first_contact: bool = False,
              broadcasts: int = 0, shown: bool = True) -> float:
        """Tell the satisfaction model what this customer just lived through (facts only)."""
        updates = ticket.updates
        new_updates = updates - ticket.heard_updates
        ticket.heard_updates = updates
        inconsistent = ticket.inconsistent
        ticket.inconsistent = False
        if agent is None:
            empathy, name = None, None
        else:
            empathy, name = self.team.empathy(agent), agent.name
        service = self._service_names.get(ticket.service, "")
        # Positional: this runs for every touch, and keyword construction costs twice as much.
        rating = self.satisfaction.hear(Touch(
            self.env.now, kind, ticket.customer, ticket.id if shown else None, ticket.seq, ticket.title,
            wait, expected, empathy, ticket.impact, updates, new_updates, first_contact, effort,
            broadcasts, inconsistent, name, ticket.device, service))
        ticket.rating = rating
        if self.satisfaction.unsettled > SETTLE_AFTER:
            self.recorder.catch_up()  # keeps the model's history short in a long round
        return rating

    def listen(self, listener: Listener, quiet_until: Callable[[], float]) -> None:
        """Add a bot that says, whenever asked, before when it has nothing to do at a tick
        (``-inf``: it looks at every tick); it calls ``wake_after`` when that comes sooner."""
        self.listeners.add(listener, quiet_until)

    def wake_after(self, t: float) -> None:
        """Something may need the first tick after ``t`` (a bot's next look)."""
        self.env.wake_after(t)

    def notify(self, reason: str, subject: Any) -> None:
        """Tell listeners (bots) what just happened; they may send commands, but not re-enter."""
        if self._notifying or not self.listeners:
            return
        self._notifying = True
        try:
            for listener in self.listeners:
                listener(self, reason, subject)
        finally:
            self._notifying = False

    # ------------------------------------------------------------------ commands
    def command(self, action: str, **fields: Any) -> None:
        """Apply a player or bot command, recording it as a decision; raise CommandRefused."""
        cmd, handler = build(action, fields)
        # Recorded before it runs: a command whose effects make a bot react (an injected
        # outage prompts a broadcast) must come first in the replay record.
        position = len(self.decisions)
        self.decisions.append({"round": self.round, "step": self.env.steps, "t": self.env.now,
                               "action": action, **fields})
        try:
            handler(self, cmd)
        except CommandRefused:
            del self.decisions[position]  # a refused command changed nothing and is no decision
            raise

    def try_command(self, action: str, **fields: Any) -> str | None:
        """Like ``command`` but returns the refusal reason instead of raising."""
        try:
            self.command(action, **fields)
        except CommandRefused as refused:
            self.log.append(self.env.now, "command_refused", action=action, reason=str(refused))
            return str(refused)
        return None

    # ------------------------------------------------------------------ reading
    @property
    def calls(self) -> dict[str, Ticket]:
        """Calls ringing now, by ticket id."""
        return self.phone.ringing

    @property
    def habit(self) -> dict[str, float]:
        return self.phone.habit

    @property
    def incidents(self) -> dict[int, MajorIncidentState]:
        return self.scripted.incidents

    @property
    def series(self) -> dict[int, dict[str, Any]]:
        """Each round's series, up to the last tick passed."""
        self.recorder.catch_up()
        return self.recorder.series

    @property
    def hidden_work(self) -> dict[int, float]:
        """Minutes of off-the-books work per round, the current round's including work in hand."""
        minutes = dict(self.recorder.hidden_work)
        in_hand = self.recorder.hidden_in_hand()
        if in_hand:
            minutes[self.round] = minutes.get(self.round, 0.0) + in_hand
        return minutes

    @property
    def fatigue(self) -> bool:
        return self.team.fatigue

    @property
    def improvements_in_force(self) -> list[str]:
        return list(self.adopted)

    def mean_morale(self) -> float:
        return self.team.mean_morale()

    def sla_now(self) -> tuple[int, int]:
        """(met, due) of the round so far, as DESIGN.md section 5 counts them (kept up to date)."""
        return self.recorder.sla.counts()

    def service_name(self, service_id: str) -> str:
        """A service's display name."""
        return self.scripted.service_name(service_id)

    @property
    def call_window(self) -> float:
        """Simulated minutes a call rings before its default answer happens."""
        return self.params.work.call_window

    def call_deadline(self, ticket: Ticket) -> float:
        """When a ringing call gets its default answer (calls ring from their arrival)."""
        return ticket.arrived + self.params.work.call_window

    def incident_fixers(self, incident: MajorIncidentState) -> list[str]:
        """Who has the skills to restore the service (empty when the outage has no fix)."""
        fix = incident.fix_ticket
        return [] if fix is None else [a.name for a in self.agents if a.can_do(fix)]

    def waiting(self) -> list[Ticket]:
        return list(self.queue)

    def active_incidents(self) -> list[MajorIncidentState]:
        return self.scripted.active()
