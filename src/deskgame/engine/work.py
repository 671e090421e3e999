"""Work: tickets joining the queue, agents taking them, jobs finishing, escalating, pausing.

Free agents pull the next ticket they can do at once (engine behaviour, not a
decision); a ticket assigned to someone busy waits in that person's reserved list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from deskgame.engine.tickets import Agent, Ticket

if TYPE_CHECKING:
    from deskgame.engine.world import World

INF = float("inf")


class Work:
    """Moves tickets between the queue, agents and done."""

    def __init__(self, world: World) -> None:
        self.world = world

    def enqueue(self, ticket: Ticket) -> None:
        """A ticket is ready to be worked: to its assignee, a free agent, or the queue."""
        world = self.world
        if ticket.assigned_to:
            agent = world.agent_by_name[ticket.assigned_to]
            if agent.ticket is None and not agent.absent:
                self.start(agent, ticket)
            else:
                agent.reserved.append(ticket)
            return
        best: Agent | None = None
        for agent in world.agents:
            if agent.ticket is None and not agent.absent and agent.can_do(ticket) and (
                    best is None or agent.idle_since < best.idle_since):
                best = agent
        if best is not None:
            self.start(best, ticket)
        else:
            world.wait(ticket)

    def pull(self, agent: Agent) -> None:
        """A free agent takes the next ticket it can do, at once (engine behaviour)."""
        if agent.absent or agent.ticket is not None:
            return
        if agent.reserved:
            self.start(agent, agent.reserved.pop(0))
            return
        ticket = self.world.queue.first_for(agent)
        if ticket is not None:
            self.start(agent, ticket)

    def pull_later(self, agent: Agent) -> None:
        self.world.env.at(0.0, lambda: self.pull(agent))

    def start(self, agent: Agent, ticket: Ticket) -> None:
        world = self.world
        env = world.env
        now = env.now
        if ticket.started is None:
            ticket.started = now
            ticket.chase_at = INF  # answered: nothing left to chase
            ticket.first_agent = agent.name
            world.recorder.sla.first_start(ticket)
            if not ticket.hidden and ticket.linked is None and not ticket.repair:
                # Outage callers judge the outage, at its end; everyone else the first answer.
                # An outage's fix is the team's own job: its customers judge the outage itself.
                world.touch(ticket, "first_answer", agent, wait=now - ticket.arrived,
                            expected=world.expectation(ticket))
            effects = world.effects
            if ticket.kind == "byod" and ticket.device not in world.known_devices:
                ticket.learning = True
                ticket.remaining *= effects.unknown_device_factor(world.params.work.unknown_device_factor)
            elif ticket.kind in ("incident", "request") and ticket.linked is None:
                ticket.remaining *= effects.knowledge_factor
        if ticket.call_pending:
            world.phone.hang_up(ticket)
        ticket.agent = agent.name
        agent.ticket = ticket
        agent.token += 1
        agent.job_started = now
        agent.job_speed = world.team.speed(agent)
        work, action = ticket.remaining, "finish"
        if ticket.linked is not None and ticket.kind == "incident":
            action = "log"
        elif ticket.needs_specialist and agent.role == "desk" and not ticket.escalated:
            done = ticket.effort - ticket.remaining
            part = max(0.0, ticket.effort * world.params.work.escalate_after - done)
            if part < ticket.remaining:
                work, action = part, "escalate"
        agent.job_end_action = action
        token = agent.token
        env.call_later(work / agent.job_speed, lambda _event: self._job_done(agent, token))
        if world.log.keeps:  # per ticket: a headless run skips even building the call
            world.log.append(now, "ticket_started", ticket=ticket.id, agent=agent.name)

    def stop_job(self, agent: Agent) -> Ticket | None:
        """Take the agent off their current job, keeping the effort still left."""
        ticket = agent.ticket
        if ticket is None:
            return None
        world = self.world
        now = world.env.now
        ticket.remaining = max(0.0, ticket.remaining - (now - agent.job_started) * agent.job_speed)
        if ticket.hidden:  # off the books: the specialist's time this round is hidden work
            world.recorder.hidden(now - max(agent.job_started, world.round_start))
        agent.ticket = None
        agent.token += 1
        agent.idle_since = now
        if world.log.keeps:  # the journey's busy time: every job's end, whatever ended it
            world.log.append(now, "job_ended", ticket=ticket.id, agent=agent.name)
        return ticket

    def _job_done(self, agent: Agent, token: int) -> None:
        if token != agent.token:
            return  # the job was interrupted; this timer is stale
        world = self.world
        action = agent.job_end_action
        ticket = self.stop_job(agent)
        assert ticket is not None
        if action == "finish":
            ticket.remaining = 0.0
            if ticket.hidden:
                ticket.resolved = world.env.now
                ticket.outcome = "hidden"
            else:
                self.resolve(ticket, agent)
        elif action == "escalate":
            self.escalate(ticket, automatic=True)
        elif action == "log":
            ticket.logged = True
            ticket.remaining = 0.0
        world.team.finished(agent)
        self.pull(agent)

    def interrupt(self, agent: Agent, morale_loss: bool) -> None:
        """Stop what ``agent`` is doing; the work goes back where it came from."""
        world = self.world
        ticket = self.stop_job(agent)
        if ticket is None:
            return
        world.log.append(world.env.now, "ticket_paused", ticket=ticket.id, agent=agent.name)
        if morale_loss:
            world.team.change_morale(agent, -world.params.morale.interruption_loss)
            if not ticket.hidden and ticket.linked is None and not ticket.repair:
                world.touch(ticket, "dropped", agent)
        if ticket.hidden:
            agent.reserved.insert(0, ticket)
        else:
            world.wait(ticket)

    def escalate(self, ticket: Ticket, automatic: bool) -> None:
        world = self.world
        ticket.escalated = True
        ticket.specialist_only = True
        ticket.remaining += world.params.work.handover_effort
        if not ticket.repair:
            world.touch(ticket, "handover")
        # Who handed it over: the desk agent whose job ended in the hand-over (a command is the desk's).
        world.log.append(world.env.now, "ticket_escalated", ticket=ticket.id, automatic=automatic,
                         agent=ticket.agent if automatic else None)
        self.enqueue(ticket)

    def release(self, ticket: Ticket, pull_at_once: bool = False) -> None:
        """Take ``ticket`` out of the queue and off whoever works it or holds it.

        A command (assign, escalate) lets the freed agent pull once the command is done;
        an outage that ends frees them at once (``pull_at_once``).
        """
        world = self.world
        world.queue.remove(ticket)
        for agent in world.agents:
            if ticket in agent.reserved:
                agent.reserved.remove(ticket)
            if agent.ticket is ticket:
                self.stop_job(agent)
                if pull_at_once:
                    self.pull(agent)
                else:
                    self.pull_later(agent)

    def resolve(self, ticket: Ticket, agent: Agent | None, outcome: str = "resolved") -> None:
        world = self.world
        now = world.env.now
        ticket.resolved = now
        ticket.outcome = outcome
        if outcome == "resolved" and not ticket.repair:
            first_contact = ticket.first_agent == (agent.name if agent else None) and not ticket.escalated
            world.touch(ticket, "resolution", agent, wait=now - ticket.arrived,
                        expected=world.expectation(ticket), effort=ticket.effort, first_contact=first_contact)
            if ticket.learning and ticket.device and ticket.device not in world.known_devices:
                world.known_devices.add(ticket.device)
                world.log.append(now, "byod_learned", device=ticket.device, ticket=ticket.id)
        if world.log.keeps:
            world.log.append(now, "ticket_resolved", ticket=ticket.id, outcome=outcome,
                             agent=agent.name if agent else None)
        world.phone.ringing.pop(ticket.id, None)
        world.scripted.fixed(ticket)
