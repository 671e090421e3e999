"""The simulated service desk: a SimPy world driven by ``advance_to`` and commands.

Commands in (``command(action, **fields)``), domain events out (``log``).  The world
never reads the wall clock and never advances itself: its driver (the headless runner
or the UI's frame loop) calls ``advance_to(t)``, which processes every scheduled
event up to ``t`` in the engine's order.  Policies and players act through
``command`` only, and every applied command is recorded with the engine ``step``
(events processed before it) so that a replay can apply it at exactly that point.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import simpy

from deskgame.engine.arrivals import Arrival, round_arrivals
from deskgame.engine.cards import CARDS, card_problem, culture, effects_for
from deskgame.engine.distributions import draw_efforts
from deskgame.engine.effects import Effects
from deskgame.engine.events import EventLog
from deskgame.engine.params import DEFAULT_PARAMS, ModelParams
from deskgame.engine.priority import RANK
from deskgame.engine.rng import stream
from deskgame.engine.satisfaction import MemoryModel, SatisfactionModel, Touch
from deskgame.engine.tickets import Agent, Ticket
from deskgame.scenario import model as m

Listener = Callable[["World", str, Any], None]
INF = float("inf")


class CommandRefused(Exception):
    """A command that cannot be applied; the world is unchanged."""


@dataclass
class MajorIncidentState:
    index: int
    service: str
    started: float
    broadcasts: int = 0
    fix_ticket: Ticket | None = None
    tickets: list[Ticket] = field(default_factory=list)
    active: bool = True


class World:
    """One session's world: team, customers, queue, clock and everything that happened."""

    def __init__(self, scenario: m.Scenario, seed: int | None = None,
                 params: ModelParams = DEFAULT_PARAMS, satisfaction: SatisfactionModel | None = None):
        self.scenario = scenario
        self.seed = scenario.seed if seed is None else seed
        self.params = params
        self.env = simpy.Environment()
        self.step = 0
        self.log = EventLog()
        self.decisions: list[dict[str, Any]] = []
        self.listeners: list[Listener] = []
        self.round = 0
        self.round_length = scenario.round.length
        self.round_start = 0.0
        self.effects = Effects()
        self.fatigue = scenario.fatigue
        self.sla_targets = scenario.sla_targets
        morale = params.morale.start
        self.agents = [Agent(a.name, i, a.role, frozenset(a.skills), a.empathy, morale)
                       for i, a in enumerate(scenario.team)]
        self.agent_by_name = {a.name: a for a in self.agents}
        self.queue: list[Ticket] = []
        self.tickets: dict[str, Ticket] = {}
        self.calls: dict[str, Ticket] = {}
        self.influence = scenario.influence()
        self.customers = {c.name: c for c in scenario.customers}
        self._service_names = {s.id: s.name for s in scenario.services}
        self._patience = {c.name: c.patience for c in scenario.customers}
        # The world only reports facts; the model it is handed turns them into satisfaction.
        facts = ((c.name, c.satisfaction, self.influence[c.name], c.size, c.patience)
                 for c in scenario.customers)
        self.satisfaction: SatisfactionModel = satisfaction or MemoryModel.for_customers(
            facts, params.satisfaction, stream(self.seed, "social"), self.log)
        self.known_devices: set[str] = set()
        self.habit: dict[str, float] = {}
        self.habit_credit: dict[str, float] = {}
        self.last_answer: dict[str, str] = {}
        self.incidents: dict[int, MajorIncidentState] = {}
        self.hidden_work: dict[int, float] = {}
        self.series: dict[int, dict[str, Any]] = {}
        self._arrivals: list[Arrival] = []
        self._next_arrival = 0
        self._ticket_count = 0
        self._notifying = False
        self._ticks_left = 0
        self._specialist_skills = [a.skills for a in self.agents if a.role != "desk"]
        self._specialist_cache: dict[frozenset[str], bool] = {}
        self.adopted: dict[str, int] = {}        # card id -> first round it acts in
        self.improvements_by_round: dict[int, list[str]] = {}
        self.commitments: dict[int, str] = {}

    # ------------------------------------------------------------------ clock
    @property
    def now(self) -> float:
        return self.env.now

    @property
    def round_end(self) -> float:
        return self.round_start + self.round_length

    def advance_to(self, t: float) -> None:
        """Process every event scheduled at or before ``t``, then set the clock to ``t``."""
        env = self.env
        while True:
            upcoming = env.peek()
            if upcoming > t:
                break
            self.step += 1
            env.step()
        if t > env.now:
            env._now = t  # noqa: SLF001 - SimPy has no public way to move an idle clock

    def run_until_step(self, step: int, t: float) -> None:
        """Process events until ``step`` events are done, then move the clock to ``t`` (replay)."""
        env = self.env
        while self.step < step:
            self.step += 1
            env.step()
        if t > env.now:
            if env.peek() < t:
                raise ValueError(f"decision at t={t} is after the next event at {env.peek()}")
            env._now = t  # noqa: SLF001

    def _at(self, delay: float, action: Callable[[], None]) -> None:
        event = self.env.timeout(max(0.0, delay))
        event.callbacks.append(lambda _event: action())

    # ------------------------------------------------------------------ rounds
    def start_round(self, round_no: int, arrivals: list[Arrival] | None = None) -> None:
        """Begin round ``round_no`` at the current time (the world carries over).

        ``arrivals`` replaces the scenario's drawn arrivals (unit tests hand-craft days).
        """
        self.round = round_no
        self.round_start = self.env.now
        self.effects, _ = effects_for(self.adopted, round_no, self.mean_morale())
        self.satisfaction.begin_round(round_no, self.effects.spread_relief)
        self.hidden_work[round_no] = 0.0
        self.series[round_no] = {"t": [], "trust": [],
                                 "satisfaction": {name: [] for name in self.customers}}
        self.log.append(self.env.now, "round_started", round=round_no)
        if arrivals is None:
            arrivals = round_arrivals(self.scenario, self.seed, round_no, self.round_start,
                                      self.params.work.surge_effort)
        self._arrivals = arrivals
        self._next_arrival = 0
        self._schedule_next_arrival()
        for index, event in enumerate(self.scenario.events):
            if event.at.round == round_no:
                offset = (event.at.time - self.scenario.round.start) % 1440
                self._at(offset, lambda index=index, event=event: self._scripted(index, event))
        self._sample()
        self._ticks_left = int(self.round_length // self.params.work.sample_every)
        self._schedule_tick()

    def _schedule_tick(self) -> None:
        """One tick at a time (a chain, not a heap full of timers: the heap stays small)."""
        if self._ticks_left > 0:
            self._ticks_left -= 1
            self.env.timeout(self.params.work.sample_every).callbacks.append(self._on_tick)

    def _schedule_next_arrival(self) -> None:
        if self._next_arrival < len(self._arrivals):
            arrival = self._arrivals[self._next_arrival]
            self.env.timeout(max(0.0, arrival.t - self.env.now)).callbacks.append(self._on_arrival)

    # ------------------------------------------------------------------ arrivals
    def _new_ticket(self, a: Arrival) -> Ticket:
        self._ticket_count += 1
        ticket = Ticket(
            id=f"T{self._ticket_count:04d}", seq=self._ticket_count, round=self.round, kind=a.kind,
            demand=a.demand, customer=a.customer, channel=a.channel, title=a.title,
            service=a.service, impact=a.impact, urgency=a.urgency, true_priority=a.true_priority,
            stated_priority=a.stated_priority, effort=a.effort, remaining=a.effort,
            skills=a.skills, arrived=self.env.now, device=a.device, linked=a.linked,
        )
        if a.kind == "incident" and a.chance > self._desk_fcr():
            ticket.needs_specialist = self._specialist_can(a.skills)
        if a.linked is None:
            ticket.chase_at = ticket.arrived + self._patience[ticket.customer]
        self.tickets[ticket.id] = ticket
        return ticket

    def _specialist_can(self, skills: frozenset[str]) -> bool:
        known = self._specialist_cache.get(skills)
        if known is None:
            known = any(skills <= held for held in self._specialist_skills)
            self._specialist_cache[skills] = known
        return known

    def _desk_fcr(self) -> float:
        return min(1.0, max(0.0, self.params.work.desk_fcr + self.effects.fcr_shift))

    def _on_arrival(self, _event: simpy.Event) -> None:
        self._arrive()

    def _arrive(self) -> None:
        a = self._arrivals[self._next_arrival]
        self._next_arrival += 1
        self._schedule_next_arrival()
        if a.linked is not None:
            incident = self.incidents.get(a.linked)
            if incident is None or not incident.active:
                return
            kept_away = min(2, incident.broadcasts) * self.params.work.broadcast_call_cut
            if a.thin < kept_away:
                return
            ticket = self._new_ticket(a)
            incident.tickets.append(ticket)
        elif a.thin < self.effects.thinning(a):
            return  # prevented by problem management or self-service
        else:
            ticket = self._new_ticket(a)
        self.log.append(self.env.now, "ticket_arrived", ticket=ticket.id, kind=ticket.kind,
                        customer=ticket.customer, priority=ticket.stated_priority)
        if ticket.kind == "end_run":
            self._ring_end_run(ticket)
        elif ticket.kind == "byod":
            self._ring(ticket, default=self._byod_default)
        elif ticket.kind == "fake_emergency":
            if a.chance < self.effects.emergency_definition or not self._shouts(ticket):
                # Classified by impact on arrival, or the caller did not shout this time.
                ticket.kind = "request"
                ticket.stated_priority = ticket.true_priority
                self._enqueue(ticket)
            else:
                self._ring(ticket, default=self._enqueue)
        else:
            self._enqueue(ticket)
        self._notify("arrival", ticket)

    def _ring(self, ticket: Ticket, default: Callable[[Ticket], None]) -> None:
        ticket.call_pending = True
        self.calls[ticket.id] = ticket
        self.log.append(self.env.now, "call_ringing", ticket=ticket.id, kind=ticket.kind,
                        customer=ticket.customer, target=ticket.call_target)

        def timeout() -> None:
            if ticket.call_pending:
                ticket.call_pending = False
                self.calls.pop(ticket.id, None)
                ticket.answer = "default"
                default(ticket)

        self._at(self.params.work.call_window, timeout)

    def _shouts(self, ticket: Ticket) -> bool:
        """Does this caller make it an emergency? A habit, like end-runs: it grows when served."""
        habit = self.habit.setdefault(ticket.demand, self.params.work.habit_start)
        credit = self.habit_credit.get(ticket.demand, 0.0) + habit
        if credit >= 1.0 - 1e-9:
            self.habit_credit[ticket.demand] = credit - 1.0
            return True
        self.habit_credit[ticket.demand] = credit
        return False

    def _habit(self, demand: str, change: float) -> None:
        work = self.params.work
        now = self.habit.get(demand, work.habit_start)
        self.habit[demand] = min(1.0, max(work.habit_floor, now + change))

    def _ring_end_run(self, ticket: Ticket) -> None:
        habit = self.habit.setdefault(ticket.demand, self.params.work.habit_start)
        credit = self.habit_credit.get(ticket.demand, 0.0) + habit
        targets = [a for a in self.agents
                   if not a.absent and ticket.customer in self.scenario.team[a.index].known_by]
        if credit >= 1.0 - 1e-9 and targets:
            self.habit_credit[ticket.demand] = credit - 1.0
            ticket.call_target = targets[0].name
            self._ring(ticket, default=self._take_end_run)
        else:
            self.habit_credit[ticket.demand] = min(credit, 1.0)
            ticket.kind = "incident"  # the customer used the desk this time
            self._enqueue(ticket)

    # ------------------------------------------------------------------ queue and work
    def _enqueue(self, ticket: Ticket) -> None:
        if ticket.assigned_to:
            agent = self.agent_by_name[ticket.assigned_to]
            if agent.ticket is None and not agent.absent:
                self._start(agent, ticket)
            else:
                agent.reserved.append(ticket)
            return
        bisect.insort(self.queue, ticket, key=lambda t: t.queue_key)
        best: Agent | None = None
        for agent in self.agents:
            if agent.ticket is None and not agent.absent and agent.can_do(ticket) and (
                    best is None or agent.idle_since < best.idle_since):
                best = agent
        if best is not None:
            self.queue.remove(ticket)
            self._start(best, ticket)

    def _pull(self, agent: Agent) -> None:
        """A free agent takes the next ticket it can do, at once (engine behaviour)."""
        if agent.absent or agent.ticket is not None:
            return
        if agent.reserved:
            self._start(agent, agent.reserved.pop(0))
            return
        for index, ticket in enumerate(self.queue):
            if agent.can_do(ticket):
                del self.queue[index]
                self._start(agent, ticket)
                return

    def _speed(self, agent: Agent) -> float:
        if not self.fatigue:
            return 1.0
        mp = self.params.morale
        if agent.morale >= mp.slow_below:
            return 1.0
        return mp.slowest_speed + (1 - mp.slowest_speed) * agent.morale / mp.slow_below

    def empathy(self, agent: Agent) -> float:
        if not self.fatigue:
            return agent.empathy
        floor = self.params.morale.empathy_floor
        return agent.empathy * (floor + (1 - floor) * min(1.0, agent.morale / self.params.morale.start))

    def _start(self, agent: Agent, ticket: Ticket) -> None:
        now = self.env.now
        if ticket.started is None:
            ticket.started = now
            ticket.chase_at = INF  # answered: nothing left to chase
            ticket.first_agent = agent.name
            if not ticket.hidden:
                self._first_answer(ticket, agent)
            if ticket.kind == "byod" and ticket.device not in self.known_devices:
                ticket.learning = True
                ticket.remaining *= self.effects.unknown_device_factor(self.params.work.unknown_device_factor)
            elif ticket.kind in ("incident", "request") and ticket.linked is None:
                ticket.remaining *= self.effects.knowledge_factor
        if ticket.call_pending:
            ticket.call_pending = False
            self.calls.pop(ticket.id, None)
        ticket.agent = agent.name
        agent.ticket = ticket
        agent.token += 1
        agent.job_started = now
        agent.job_speed = self._speed(agent)
        work, action = ticket.remaining, "finish"
        if ticket.linked is not None and ticket.kind == "incident":
            action = "log"
        elif ticket.needs_specialist and agent.role == "desk" and not ticket.escalated:
            done = ticket.effort - ticket.remaining
            part = max(0.0, ticket.effort * self.params.work.escalate_after - done)
            if part < ticket.remaining:
                work, action = part, "escalate"
        agent.job_end_action = action
        token = agent.token
        # The hot paths (arrivals, work, ticks) hang their handler on the timeout directly.
        self.env.timeout(work / agent.job_speed).callbacks.append(lambda _event: self._job_done(agent, token))
        self.log.append(now, "ticket_started", ticket=ticket.id, agent=agent.name)

    def _stop_job(self, agent: Agent) -> Ticket | None:
        """Take the agent off their current job, keeping the effort still left."""
        ticket = agent.ticket
        if ticket is None:
            return None
        elapsed = self.env.now - agent.job_started
        ticket.remaining = max(0.0, ticket.remaining - elapsed * agent.job_speed)
        agent.ticket = None
        agent.token += 1
        agent.idle_since = self.env.now
        return ticket

    def _job_done(self, agent: Agent, token: int) -> None:
        if token != agent.token:
            return  # the job was interrupted; this timer is stale
        action = agent.job_end_action
        ticket = self._stop_job(agent)
        assert ticket is not None
        if action == "finish":
            ticket.remaining = 0.0
            if ticket.hidden:
                ticket.resolved = self.env.now
                ticket.outcome = "hidden"
                self.hidden_work[self.round] = self.hidden_work.get(self.round, 0.0) + ticket.effort
            else:
                self._resolve(ticket, agent)
        elif action == "escalate":
            self._escalate(ticket, automatic=True)
        elif action == "log":
            ticket.logged = True
            ticket.remaining = 0.0
        self._morale(agent, self.params.morale.finish_gain)
        self._pull(agent)

    def _morale(self, agent: Agent, change: float) -> None:
        if self.fatigue:
            agent.morale = min(1.0, max(self.params.morale.floor, agent.morale + change))

    def _interrupt(self, agent: Agent, morale_loss: bool) -> None:
        ticket = self._stop_job(agent)
        if ticket is None:
            return
        self.log.append(self.env.now, "ticket_paused", ticket=ticket.id, agent=agent.name)
        if morale_loss:
            self._morale(agent, -self.params.morale.interruption_loss)
            if not ticket.hidden and ticket.linked is None:
                self._touch(ticket, "dropped", agent)
        if ticket.hidden:
            agent.reserved.insert(0, ticket)
        else:
            bisect.insort(self.queue, ticket, key=lambda t: t.queue_key)

    def _escalate(self, ticket: Ticket, automatic: bool) -> None:
        ticket.escalated = True
        ticket.specialist_only = True
        ticket.remaining += self.params.work.handover_effort
        self._touch(ticket, "handover")
        self.log.append(self.env.now, "ticket_escalated", ticket=ticket.id, automatic=automatic)
        self._enqueue(ticket)

    # ------------------------------------------------------------------ moments of truth
    def expectation(self, ticket: Ticket) -> float:
        """Minutes the customer expects to wait for a first answer (the model judges, from facts).

        The facts: the response time published for the ticket's real priority, how far the
        catalogue is known, and whether someone promised it on the phone (a BYOD caller told
        "we'll learn it", a fake emergency told its real response time).
        """
        return self.satisfaction.expectation(self.sla_targets[ticket.true_priority], self.effects.catalogue,
                                             ticket.answer in ("deprioritise", "learn"))

    def sla_target(self, ticket: Ticket) -> float:
        """Minutes to the first answer the SLA promises this ticket.

        The desk's own priority sets the clock, but lowering a priority never relaxes what
        the business agreed for the ticket's real impact and urgency: downgrading work
        cannot make the SLA figure look better (the "watermelon").
        """
        targets = self.sla_targets
        return min(targets[ticket.desk_priority], targets[ticket.true_priority])

    def _touch(self, ticket: Ticket, kind: str, agent: Agent | None = None, wait: float = 0.0,
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
            empathy, name = self.empathy(agent), agent.name
        # Positional: this runs for every touch, and keyword construction costs twice as much.
        rating = self.satisfaction.hear(Touch(
            self.env.now, kind, ticket.customer, ticket.id if shown else None, ticket.seq, ticket.title,
            wait, expected, empathy, ticket.impact, updates, new_updates, first_contact, effort,
            broadcasts, inconsistent, name, ticket.device, self._service_names.get(ticket.service, "")))
        ticket.rating = rating
        return rating

    def _first_answer(self, ticket: Ticket, agent: Agent) -> None:
        if ticket.linked is not None:
            return  # outage callers judge the outage, at its end
        self._touch(ticket, "first_answer", agent, wait=self.env.now - ticket.arrived,
                    expected=self.expectation(ticket))

    def _resolve(self, ticket: Ticket, agent: Agent | None, outcome: str = "resolved") -> None:
        ticket.resolved = self.env.now
        ticket.outcome = outcome
        if outcome == "resolved":
            first_contact = ticket.first_agent == (agent.name if agent else None) and not ticket.escalated
            self._touch(ticket, "resolution", agent, wait=self.env.now - ticket.arrived,
                        expected=self.expectation(ticket), effort=ticket.effort, first_contact=first_contact)
            if ticket.learning and ticket.device and ticket.device not in self.known_devices:
                self.known_devices.add(ticket.device)
                self.log.append(self.env.now, "byod_learned", device=ticket.device, ticket=ticket.id)
        self.log.append(self.env.now, "ticket_resolved", ticket=ticket.id, outcome=outcome,
                        agent=agent.name if agent else None)
        self.calls.pop(ticket.id, None)
        incident = next((i for i in self.incidents.values() if i.fix_ticket is ticket), None) \
            if self.incidents else None
        if incident is not None and incident.active:
            self._end_incident(incident.index, fixed=True)

    def _consistency(self, ticket: Ticket, answer: str) -> None:
        """Customers notice when the same kind of request is answered differently (a fact they carry)."""
        previous = self.last_answer.get(ticket.demand)
        self.last_answer[ticket.demand] = answer
        ticket.inconsistent = previous is not None and previous != answer

    # ------------------------------------------------------------------ call answers
    def _take_end_run(self, ticket: Ticket) -> None:
        agent = self.agent_by_name[ticket.call_target or ""]
        ticket.hidden = True
        ticket.answer = ticket.answer or "take"
        self._habit(ticket.demand, self.params.work.habit_take_gain)
        self._interrupt(agent, morale_loss=True)
        self._touch(ticket, "end_run_taken", agent, shown=False)
        self.log.append(self.env.now, "end_run_taken", ticket=ticket.id, agent=agent.name)
        if agent.ticket is None and not agent.absent:
            self._start(agent, ticket)
        else:
            agent.reserved.insert(0, ticket)

    def _redirect_end_run(self, ticket: Ticket) -> None:
        work = self.params.work
        self._habit(ticket.demand, -work.habit_redirect_drop * self.effects.orientation_factor)
        self._touch(ticket, "redirect")
        self.log.append(self.env.now, "end_run_redirected", ticket=ticket.id)
        ticket.kind = "incident"
        ticket.call_target = None
        self._enqueue(ticket)

    def _byod_default(self, ticket: Ticket) -> None:
        self._unsupported(ticket)

    def _unsupported(self, ticket: Ticket) -> None:
        ticket.started = self.env.now
        self._consistency(ticket, "unsupported")
        self._touch(ticket, "unsupported")
        self.log.append(self.env.now, "byod_unsupported", ticket=ticket.id, device=ticket.device)
        self._resolve(ticket, None, outcome="unsupported")
        helpers = [a for a in self.agents if a.role != "desk" and ticket.skills <= a.skills]
        if helpers:
            self._at(self.params.work.comeback_after, lambda: self._comeback(ticket, helpers[0]))

    def _comeback(self, ticket: Ticket, agent: Agent) -> None:
        """The problem did not go away: the customer gets a specialist to fix it off the books."""
        if agent.absent:
            return
        self._ticket_count += 1
        shadow = Ticket(
            id=f"T{self._ticket_count:04d}", seq=self._ticket_count, round=self.round, kind="end_run",
            demand=ticket.demand, customer=ticket.customer, channel="walk_up",
            title=f"(off the books) {ticket.title}", service=ticket.service, impact=ticket.impact,
            urgency=ticket.urgency, true_priority=ticket.true_priority,
            stated_priority=ticket.stated_priority, effort=ticket.effort, remaining=ticket.effort,
            skills=ticket.skills, arrived=self.env.now, device=ticket.device, hidden=True, answer="shadow",
        )
        self.tickets[shadow.id] = shadow
        self._touch(ticket, "still_broken", agent)
        self.log.append(self.env.now, "end_run_taken", ticket=shadow.id, agent=agent.name, shadow=True)
        self._interrupt(agent, morale_loss=True)
        if agent.ticket is None:
            self._start(agent, shadow)
        else:
            agent.reserved.insert(0, shadow)

    def _serve_fake(self, ticket: Ticket) -> None:
        ticket.priority = "P1"
        self._habit(ticket.demand, self.params.work.habit_take_gain)
        self._touch(ticket, "fake_served")
        self.log.append(self.env.now, "fake_served", ticket=ticket.id)
        # "Drop everything": whoever took the call and can do it stops their own work for it.
        busy = [a for a in self.agents if a.ticket is not None and not a.absent
                and a.can_do(ticket) and not a.ticket.hidden]
        if busy:
            victim = max(busy, key=lambda a: (a.ticket.queue_key if a.ticket else (0, 0)))
            self._interrupt(victim, morale_loss=True)
            ticket.assigned_to = victim.name
        self._enqueue(ticket)

    def _deprioritise_fake(self, ticket: Ticket) -> None:
        self._habit(ticket.demand, -self.params.work.habit_redirect_drop * self.effects.orientation_factor)
        ticket.priority = ticket.true_priority
        self.log.append(self.env.now, "priority_set", ticket=ticket.id, priority=ticket.priority)
        ticket.stated_priority = ticket.true_priority
        self._touch(ticket, "fake_declined")
        self.log.append(self.env.now, "fake_deprioritised", ticket=ticket.id)
        self._enqueue(ticket)

    def _set_priority(self, ticket: Ticket, priority: str) -> None:
        in_queue = ticket in self.queue
        if in_queue:
            self.queue.remove(ticket)
        ticket.priority = priority
        if in_queue:
            bisect.insort(self.queue, ticket, key=lambda t: t.queue_key)
        self.log.append(self.env.now, "priority_set", ticket=ticket.id, priority=priority)

    # ------------------------------------------------------------------ scripted events
    def _scripted(self, index: int, event: m.Event) -> None:
        if isinstance(event, m.MajorIncident):
            self._start_incident(index, event)
        elif isinstance(event, m.Absence):
            agent = self.agent_by_name[event.agent]
            agent.absent = True
            self._interrupt(agent, morale_loss=False)
            for ticket in agent.reserved:
                if not ticket.hidden:
                    ticket.assigned_to = None
                    bisect.insort(self.queue, ticket, key=lambda t: t.queue_key)
            agent.reserved = [t for t in agent.reserved if t.hidden]
            self.log.append(self.env.now, "agent_absent", agent=agent.name)
            if event.duration is not None:
                self._at(event.duration, lambda: self._back(agent))
        elif isinstance(event, m.SocialStorm):
            self.satisfaction.storm(self.env.now, event.customers, event.hit, event.amplify)
            self.log.append(self.env.now, "social_storm", customers=list(event.customers))
            self._at(event.duration, lambda: self.satisfaction.storm_over(self.env.now))
        self._notify("event", event)

    def _back(self, agent: Agent) -> None:
        agent.absent = False
        agent.idle_since = self.env.now
        self.log.append(self.env.now, "agent_back", agent=agent.name)
        self._pull(agent)

    def _start_incident(self, index: int, event: m.MajorIncident) -> None:
        incident = MajorIncidentState(index, event.service, self.env.now)
        self.incidents[index] = incident
        self.log.append(self.env.now, "major_incident_started", index=index, service=event.service,
                        title=event.title or "A major incident")
        if event.fix is not None:
            effort = float(draw_efforts(event.fix.effort, stream(self.seed, "fix", index, self.round), 1)[0])
            self._ticket_count += 1
            fix = Ticket(
                id=f"T{self._ticket_count:04d}", seq=self._ticket_count, round=self.round,
                kind="incident", demand=f"major-incident-{index}-fix", customer=self._biggest_customer(),
                channel="phone", title=f"Restore {self._service_name(event.service)}",
                service=event.service, impact="high", urgency="high", true_priority="P1",
                stated_priority="P1", effort=effort, remaining=effort,
                skills=frozenset(event.fix.skills), arrived=self.env.now, priority="P1",
                specialist_only=any(a.role != "desk" and frozenset(event.fix.skills) <= a.skills
                                    for a in self.agents),
            )
            self.tickets[fix.id] = fix
            incident.fix_ticket = fix
            self._enqueue(fix)
        self._at(event.duration, lambda: self._end_incident(index, fixed=False))

    def _biggest_customer(self) -> str:
        return max(self.customers.values(), key=lambda c: (self.influence[c.name], c.size)).name

    def _service_name(self, service_id: str) -> str:
        return self._service_names.get(service_id, service_id)

    def _end_incident(self, index: int, fixed: bool) -> None:
        incident = self.incidents[index]
        if not incident.active:
            return
        incident.active = False
        for ticket in incident.tickets:
            if not ticket.is_open:
                continue
            self._withdraw(ticket)
            self._touch(ticket, "outage", wait=self.env.now - ticket.arrived, broadcasts=incident.broadcasts)
            ticket.resolved = self.env.now
            ticket.outcome = "outage_over"
        fix = incident.fix_ticket
        if fix is not None and fix.is_open:
            self._withdraw(fix)
            fix.resolved = self.env.now
            fix.outcome = "outage_over"
        self.log.append(self.env.now, "major_incident_ended", index=index, fixed=fixed)

    def _withdraw(self, ticket: Ticket) -> None:
        """Take a ticket out of the queue and off whoever works it (the outage is over)."""
        if ticket in self.queue:
            self.queue.remove(ticket)
        for agent in self.agents:
            if agent.ticket is ticket:
                self._stop_job(agent)
                self._pull(agent)

    # ------------------------------------------------------------------ periodic
    def _on_tick(self, _event: simpy.Event) -> None:
        self._tick()

    def _tick(self) -> None:
        self._schedule_tick()
        self._sample()
        now = self.env.now
        if self.fatigue:
            available = sum(1 for a in self.agents if not a.absent)
            if available and len(self.queue) > self.params.morale.overload_queue_per_agent * available:
                loss = -self.params.morale.overload_loss
                for agent in self.agents:
                    if not agent.absent:
                        self._morale(agent, loss)
        for ticket in self.queue:
            if not ticket.breached and now - ticket.arrived > self.sla_target(ticket):
                ticket.breached = True
                self.log.append(now, "sla_breached", ticket=ticket.id)
            if now > ticket.chase_at:
                # Nobody has answered and their patience has run out: being ignored is an experience.
                ticket.chase_at = INF
                self._touch(ticket, "chase", wait=now - ticket.arrived, expected=self.expectation(ticket))
        self._notify("tick", None)

    def _sample(self) -> None:
        """One point of the round's series (rounded when the results are written)."""
        series = self.series[self.round]
        t = self.env.now
        series["t"].append(t - self.round_start)
        trust = 0.0
        value = self.satisfaction.value
        for name, values in series["satisfaction"].items():
            now = value(name, t)
            trust += self.influence[name] * now
            values.append(now)
        series["trust"].append(trust)

    def _notify(self, reason: str, subject: Any) -> None:
        if self._notifying:
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
        handler = getattr(self, f"_cmd_{action}", None)
        if handler is None:
            raise CommandRefused(f"unknown command {action!r}")
        handler(**fields)
        self.decisions.append({"round": self.round, "step": self.step, "t": self.env.now,
                               "action": action, **fields})

    def try_command(self, action: str, **fields: Any) -> str | None:
        """Like ``command`` but returns the refusal reason instead of raising."""
        try:
            self.command(action, **fields)
        except CommandRefused as refused:
            self.log.append(self.env.now, "command_refused", action=action, reason=str(refused))
            return str(refused)
        except TypeError as error:
            return f"bad fields for {action}: {error}"
        return None

    def _open_ticket(self, ticket_id: str) -> Ticket:
        ticket = self.tickets.get(ticket_id)
        if ticket is None:
            raise CommandRefused(f"no ticket {ticket_id}")
        if not ticket.is_open:
            raise CommandRefused(f"{ticket_id} is already closed")
        return ticket

    def _cmd_set_priority(self, ticket: str, priority: str) -> None:
        t = self._open_ticket(ticket)
        if priority not in RANK:
            raise CommandRefused(f"no priority {priority!r}; use P1, P2, P3 or P4")
        if t.hidden:
            raise CommandRefused(f"{ticket} is an end-run call")
        self._set_priority(t, priority)

    def _cmd_assign(self, ticket: str, agent: str) -> None:
        t = self._open_ticket(ticket)
        a = self.agent_by_name.get(agent)
        if a is None:
            raise CommandRefused(f"nobody called {agent!r} on the team")
        if not a.can_do(t):
            raise CommandRefused(f"{agent} lacks the skills for {ticket}")
        if a.absent:
            raise CommandRefused(f"{agent} is not here")
        if t.call_pending and t.kind in ("end_run", "byod"):
            raise CommandRefused(f"{ticket} is a call waiting for an answer")
        if any(other.ticket is t for other in self.agents):
            raise CommandRefused(f"{ticket} is already being worked on")
        if t.logged:
            raise CommandRefused(f"{ticket} waits for the outage to end")
        if t in self.queue:
            self.queue.remove(t)
        for other in self.agents:
            if t in other.reserved:
                other.reserved.remove(t)
        t.assigned_to = a.name
        self.log.append(self.env.now, "ticket_assigned", ticket=t.id, agent=a.name)
        self._enqueue(t)

    def _cmd_escalate(self, ticket: str) -> None:
        t = self._open_ticket(ticket)
        if t.escalated or t.hidden or t.linked is not None:
            raise CommandRefused(f"{ticket} cannot be escalated")
        if not any(t.skills <= a.skills and a.role != "desk" for a in self.agents):
            raise CommandRefused(f"no specialist has the skills for {ticket}")
        if t.call_pending and t.kind in ("end_run", "byod"):
            raise CommandRefused(f"{ticket} is a call waiting for an answer")
        for agent in self.agents:
            if agent.ticket is t:
                self._stop_job(agent)
                self._pull_later(agent)
            if t in agent.reserved:
                agent.reserved.remove(t)
        if t in self.queue:
            self.queue.remove(t)
        t.assigned_to = None
        self._escalate(t, automatic=False)

    def _pull_later(self, agent: Agent) -> None:
        self._at(0.0, lambda: self._pull(agent))

    def _cmd_update(self, ticket: str) -> None:
        t = self._open_ticket(ticket)
        if t.hidden or t.call_pending:
            raise CommandRefused(f"{ticket} is a call, not a waiting ticket")
        t.updates += 1  # not a rating of its own: it changes how the wait is experienced
        self.log.append(self.env.now, "ticket_updated", ticket=t.id, updates=t.updates)

    def _cmd_answer(self, ticket: str, choice: str) -> None:
        t = self.tickets.get(ticket)
        if t is None:
            raise CommandRefused(f"no ticket {ticket}")
        if not t.call_pending:
            raise CommandRefused(f"{ticket} is not a call waiting for an answer")
        choices = CALL_CHOICES.get(t.kind, ())
        if choice not in choices:
            raise CommandRefused(f"{choice!r} is not an answer to a {t.kind}; choose {', '.join(choices)}")
        t.call_pending = False
        self.calls.pop(t.id, None)
        t.answer = choice
        self.log.append(self.env.now, "call_answered", ticket=t.id, choice=choice)
        if choice == "take":
            self._take_end_run(t)
        elif choice == "redirect":
            self._redirect_end_run(t)
        elif choice == "learn":
            self._consistency(t, "helped")  # heard with the first answer
            self._enqueue(t)
        elif choice == "unsupported":
            self._unsupported(t)
        elif choice == "serve":
            self._serve_fake(t)
        elif choice == "deprioritise":
            self._deprioritise_fake(t)

    def _cmd_improve(self, cards: list[str], commitment: str = "") -> None:
        """Between rounds: adopt improvement cards within the budget (they act from now on)."""
        problem = card_problem(list(cards), self.scenario)
        if problem:
            raise CommandRefused(problem)
        new = [c for c in dict.fromkeys(cards) if c not in self.adopted]
        next_round = self.round + 1
        self.improvements_by_round[next_round] = new
        self.commitments[next_round] = commitment
        morale = self.mean_morale()
        for card_id in new:
            self.adopted[card_id] = next_round
            card = CARDS[card_id]
            amount = card.once_amount * culture(morale)
            if card.once == "morale":
                for agent in self.agents:
                    self._morale(agent, amount)
            elif card.once == "satisfaction":
                self.satisfaction.uplift(self.env.now, amount)

    @property
    def improvements_in_force(self) -> list[str]:
        return list(self.adopted)

    def mean_morale(self) -> float:
        return sum(a.morale for a in self.agents) / len(self.agents)

    def _cmd_broadcast(self) -> None:
        active = [i for i in self.incidents.values() if i.active]
        if not active:
            raise CommandRefused("there is no major incident to broadcast about")
        for incident in active:
            incident.broadcasts += 1
        self.log.append(self.env.now, "broadcast", count=active[0].broadcasts)

    # ------------------------------------------------------------------ reading
    def waiting(self) -> list[Ticket]:
        return list(self.queue)

    def active_incidents(self) -> list[MajorIncidentState]:
        return [i for i in self.incidents.values() if i.active]


CALL_CHOICES = {
    "end_run": ("take", "redirect"),
    "byod": ("learn", "unsupported"),
    "fake_emergency": ("serve", "deprioritise"),
}
