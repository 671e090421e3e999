"""Calls that ring and wait for an answer: end-runs, BYOD surprises and fake emergencies.

Each is a moment where the desk chooses how to serve, and the choice shapes tomorrow:
end-runs and shouting are *habits* that grow when they are rewarded and fade when the
desk redirects them kindly.  A call nobody answers in time gets its default answer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from deskgame.engine.tickets import Agent, Ticket

if TYPE_CHECKING:
    from deskgame.engine.world import World

CALL_CHOICES = {
    "end_run": ("take", "redirect"),
    "byod": ("learn", "unsupported"),
    "fake_emergency": ("serve", "deprioritise"),
}


class Phone:
    """Ringing calls, the answers to them and the habits they build."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.ringing: dict[str, Ticket] = {}
        self.habit: dict[str, float] = {}
        self.habit_credit: dict[str, float] = {}
        self.last_answer: dict[str, str] = {}

    # ---------------------------------------------------------------- ringing
    def ring(self, ticket: Ticket, default: Callable[[Ticket], None]) -> None:
        world = self.world
        ticket.call_pending = True
        self.ringing[ticket.id] = ticket
        world.log.append(world.env.now, "call_ringing", ticket=ticket.id, kind=ticket.kind,
                         customer=ticket.customer, target=ticket.call_target)

        def timeout() -> None:
            if ticket.call_pending:
                ticket.call_pending = False
                self.ringing.pop(ticket.id, None)
                ticket.answer = "default"
                if world.log.keeps:  # the journey says nobody answered: a room thought someone pressed N
                    world.log.append(world.env.now, "call_unanswered", ticket=ticket.id, kind=ticket.kind)
                default(ticket)

        world.env.at(world.params.work.call_window, timeout)

    def hang_up(self, ticket: Ticket) -> None:
        """The call is over (answered, or its ticket taken or closed)."""
        ticket.call_pending = False
        self.ringing.pop(ticket.id, None)

    def shouts(self, ticket: Ticket) -> bool:
        """Does this caller make it an emergency? A habit, like end-runs: it grows when served."""
        habit = self.habit.setdefault(ticket.demand, self.world.params.work.habit_start)
        credit = self.habit_credit.get(ticket.demand, 0.0) + habit
        if credit >= 1.0 - 1e-9:
            self.habit_credit[ticket.demand] = credit - 1.0
            return True
        self.habit_credit[ticket.demand] = credit
        return False

    def _habit(self, demand: str, change: float) -> None:
        work = self.world.params.work
        now = self.habit.get(demand, work.habit_start)
        self.habit[demand] = min(1.0, max(work.habit_floor, now + change))

    def ring_end_run(self, ticket: Ticket) -> None:
        world = self.world
        habit = self.habit.setdefault(ticket.demand, world.params.work.habit_start)
        credit = self.habit_credit.get(ticket.demand, 0.0) + habit
        targets = [a for a in world.agents
                   if not a.absent and ticket.customer in world.team.known_by[a.name]]
        if credit >= 1.0 - 1e-9 and targets:
            self.habit_credit[ticket.demand] = credit - 1.0
            ticket.call_target = targets[0].name
            self.ring(ticket, default=self.take_end_run)
        else:
            self.habit_credit[ticket.demand] = min(credit, 1.0)
            ticket.kind = "incident"  # the customer used the desk this time
            world.work.enqueue(ticket)

    # ---------------------------------------------------------------- answers
    def answer(self, ticket: Ticket, choice: str) -> None:
        """Apply the desk's answer (already checked to be one of the call's choices)."""
        world = self.world
        self.hang_up(ticket)
        ticket.answer = choice
        world.log.append(world.env.now, "call_answered", ticket=ticket.id, choice=choice)
        if choice == "take":
            self.take_end_run(ticket)
        elif choice == "redirect":
            self._redirect_end_run(ticket)
        elif choice == "learn":
            self._consistency(ticket, "helped")  # heard with the first answer
            world.work.enqueue(ticket)
        elif choice == "unsupported":
            self.unsupported(ticket)
        elif choice == "serve":
            self._serve_fake(ticket)
        elif choice == "deprioritise":
            self._deprioritise_fake(ticket)

    def _consistency(self, ticket: Ticket, answer: str) -> None:
        """Customers notice when the same kind of request is answered differently (a fact they carry)."""
        previous = self.last_answer.get(ticket.demand)
        self.last_answer[ticket.demand] = answer
        ticket.inconsistent = previous is not None and previous != answer

    def take_end_run(self, ticket: Ticket) -> None:
        world = self.world
        agent = world.agent_by_name[ticket.call_target or ""]
        ticket.hidden = True
        world.recorder.sla.excluded(ticket)
        ticket.answer = ticket.answer or "take"
        self._habit(ticket.demand, world.params.work.habit_take_gain)
        world.work.interrupt(agent, morale_loss=True)
        world.touch(ticket, "end_run_taken", agent, shown=False)
        world.log.append(world.env.now, "end_run_taken", ticket=ticket.id, agent=agent.name)
        if agent.ticket is None and not agent.absent:
            world.work.start(agent, ticket)
        else:
            agent.reserved.insert(0, ticket)

    def _redirect_end_run(self, ticket: Ticket) -> None:
        world = self.world
        work = world.params.work
        self._habit(ticket.demand, -work.habit_redirect_drop * world.effects.orientation_factor)
        world.touch(ticket, "redirect")
        world.log.append(world.env.now, "end_run_redirected", ticket=ticket.id)
        ticket.kind = "incident"
        ticket.call_target = None
        world.work.enqueue(ticket)

    def unsupported(self, ticket: Ticket) -> None:
        world = self.world
        ticket.started = world.env.now
        self._consistency(ticket, "unsupported")
        world.touch(ticket, "unsupported")
        world.log.append(world.env.now, "byod_unsupported", ticket=ticket.id, device=ticket.device)
        world.work.resolve(ticket, None, outcome="unsupported")
        world.recorder.sla.excluded(ticket)
        helpers = [a for a in world.agents if a.role != "desk" and ticket.skills <= a.skills]
        helper = helpers[0] if helpers else None
        world.env.at(world.params.work.comeback_after, lambda: self._comeback(ticket, helper))

    def _comeback(self, ticket: Ticket, agent: Agent | None) -> None:
        """The problem did not go away: the customer is stuck, and asks a specialist on the quiet.

        "Unsupported" is a quick answer that costs the desk nothing today; what it costs is
        felt later, when the person finds they still cannot work (article 001).  With a
        specialist who can help, they get it fixed off the books (hidden work).
        """
        world = self.world
        if agent is None or agent.absent:
            world.touch(ticket, "still_broken")
            return
        shadow = world.intake.make(
            kind="end_run", demand=ticket.demand, customer=ticket.customer, channel="walk_up",
            title=f"(off the books) {ticket.title}", service=ticket.service, impact=ticket.impact,
            urgency=ticket.urgency, true_priority=ticket.true_priority,
            stated_priority=ticket.stated_priority, effort=ticket.effort, remaining=ticket.effort,
            skills=ticket.skills, arrived=world.env.now, device=ticket.device, hidden=True, answer="shadow",
        )
        world.touch(ticket, "still_broken", agent)
        world.log.append(world.env.now, "end_run_taken", ticket=shadow.id, agent=agent.name, shadow=True)
        world.work.interrupt(agent, morale_loss=True)
        if agent.ticket is None:
            world.work.start(agent, shadow)
        else:
            agent.reserved.insert(0, shadow)

    def _serve_fake(self, ticket: Ticket) -> None:
        world = self.world
        ticket.priority = "P1"
        world.recorder.sla.retarget(ticket)
        self._habit(ticket.demand, world.params.work.habit_take_gain)
        world.touch(ticket, "fake_served")
        world.log.append(world.env.now, "fake_served", ticket=ticket.id)
        # "Drop everything": whoever took the call and can do it stops their own work for it.
        busy = [a for a in world.agents if a.ticket is not None and not a.absent
                and a.can_do(ticket) and not a.ticket.hidden]
        if busy:
            victim = max(busy, key=lambda a: (a.ticket.queue_key if a.ticket else (0, 0)))
            world.work.interrupt(victim, morale_loss=True)
            ticket.assigned_to = victim.name
        world.work.enqueue(ticket)

    def _deprioritise_fake(self, ticket: Ticket) -> None:
        world = self.world
        self._habit(ticket.demand, -world.params.work.habit_redirect_drop * world.effects.orientation_factor)
        ticket.priority = ticket.true_priority
        world.log.append(world.env.now, "priority_set", ticket=ticket.id, priority=ticket.priority)
        ticket.shouted = ticket.stated_priority  # the contrast the board keeps showing
        ticket.stated_priority = ticket.true_priority
        world.recorder.sla.retarget(ticket)
        world.touch(ticket, "fake_declined")
        world.log.append(world.env.now, "fake_deprioritised", ticket=ticket.id)
        world.work.enqueue(ticket)
