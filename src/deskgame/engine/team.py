"""The team: who is on the desk, how they feel, and how that changes their work.

Morale is the only thing about a person that changes during play; it slows work and
dulls empathy when low (with ``fatigue: false`` nothing changes, for reference queues).
"""

from __future__ import annotations

from deskgame.engine.params import MoraleParams
from deskgame.engine.tickets import Agent
from deskgame.scenario import model as m


class Team:
    """The agents and the morale rules that apply to them."""

    def __init__(self, scenario: m.Scenario, params: MoraleParams) -> None:
        self.params = params
        self.fatigue = scenario.fatigue
        self.agents = [Agent(a.name, i, a.role, frozenset(a.skills), a.empathy, params.start)
                       for i, a in enumerate(scenario.team)]
        self.by_name = {a.name: a for a in self.agents}
        self.known_by = {a.name: frozenset(a.known_by) for a in scenario.team}
        self.specialist_skills = [a.skills for a in self.agents if a.role != "desk"]
        self._specialist_cache: dict[frozenset[str], bool] = {}

    def specialist_can(self, skills: frozenset[str]) -> bool:
        """Does some specialist hold every skill in ``skills``? (cached: asked per arrival)"""
        known = self._specialist_cache.get(skills)
        if known is None:
            known = any(skills <= held for held in self.specialist_skills)
            self._specialist_cache[skills] = known
        return known

    def speed(self, agent: Agent) -> float:
        if not self.fatigue:
            return 1.0
        mp = self.params
        if agent.morale >= mp.slow_below:
            return 1.0
        return mp.slowest_speed + (1 - mp.slowest_speed) * agent.morale / mp.slow_below

    def empathy(self, agent: Agent) -> float:
        if not self.fatigue:
            return agent.empathy
        floor = self.params.empathy_floor
        return agent.empathy * (floor + (1 - floor) * min(1.0, agent.morale / self.params.start))

    def change_morale(self, agent: Agent, change: float) -> None:
        if self.fatigue:
            agent.morale = min(1.0, max(self.params.floor, agent.morale + change))

    def finished(self, agent: Agent) -> None:
        """A job done lifts morale by ``finish_gain``, and above the starting level by less
        the higher it already is: finished work alone does not carry a team to 100% and keep
        it there through an overloaded outage (a room saw 97-100% with 22 waiting)."""
        mp = self.params
        if self.fatigue:
            share = min(1.0, (1.0 - agent.morale) / (1.0 - mp.start))
            self.change_morale(agent, mp.finish_gain * share)

    def overload(self, waiting: int) -> None:
        """A tick with more waiting than the team can face costs everyone present morale, the
        more the longer the queue: 24 waiting for five people wears a team down faster than 12
        (a room watched morale hold at 87% through an outage with 24 waiting)."""
        if not self.fatigue:
            return
        present = [a for a in self.agents if not a.absent]
        if not present:
            return
        excess = waiting / len(present) - self.params.overload_queue_per_agent
        if excess > 0:
            for agent in present:
                self.change_morale(agent, -self.params.overload_loss * excess)

    def mean_morale(self) -> float:
        return sum(a.morale for a in self.agents) / len(self.agents)
