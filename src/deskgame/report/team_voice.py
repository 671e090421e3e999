"""The team's own voice: what each agent did in a round, in their words, from the event log.

Why apart from the customer's journey: the people in the service factory have a view too
(who was flat out, who kept being pulled away, who fixed what on the quiet, who is proud of
a fix), and saying it is its own job.  Drawn from the domain events the live session
records; nothing here changes the world or draws.
"""

from __future__ import annotations

from dataclasses import dataclass

from deskgame.engine.world import World
from deskgame.report.journey import (
    FLAT_OUT,
    MANY,
    PROUD,
    QUIET,
    SPOKEN_TITLES,
    clock,
    round_events,
    round_span,
)
from deskgame.report.prompts import possessive


@dataclass(frozen=True)
class AgentRound:
    """What happened to one agent in a round (all derived from the event log)."""

    name: str
    busy: float               # share of the round spent on a job
    interrupted: int          # jobs dropped for a louder caller
    calls_taken: int          # people who rang them directly and were served off the books
    fixes: int
    handed_over: int          # tickets they passed on to a specialist
    best_fix: tuple[str, str, float] | None  # (customer, what, rating) of the fix to be proud of:
    # what is the title in quotes ("'VPN down'") or, for a caller's words, "Order entry call"
    away_from: float | None   # engine minutes they went absent, if they did
    morale: float
    away_reason: str = ""     # the scenario's reason for the absence, if it gives one
    hidden_minutes: float = 0.0  # minutes on work nobody sees (end-runs taken, fixes on the quiet)
    quiet_fixes: int = 0      # refused devices whose owner came back and had them fixed on the quiet


def proud_words(world: World, ticket_id: str | None, title: str) -> tuple[str, bool]:
    """What a fix was, as its agent would say it, and whether it names the problem: the
    ticket's title in quotes, or, when the title is only what the caller said, the service."""
    ticket = world.tickets.get(ticket_id) if ticket_id else None
    # The demand entry's kind: an end-run sent to the desk becomes an incident, a call that
    # claimed an emergency a request, and both keep the caller's words as their title.
    came_as = {d.id: d.kind for d in world.scenario.demand}
    if ticket is None or (ticket.kind not in SPOKEN_TITLES
                          and came_as.get(ticket.demand) not in SPOKEN_TITLES):
        return f"'{title}'", True
    service = world.service_name(ticket.service) if ticket.service else "their"
    return f"{service} call", False


def agent_rounds(world: World, round_no: int) -> list[AgentRound]:
    """Each agent's round, in team order."""
    start, end = round_span(world, round_no)
    events = round_events(world, round_no)
    names = [a.name for a in world.agents]
    busy = dict.fromkeys(names, 0.0)
    working: dict[str, float] = {}                 # agent -> since when on their current job
    hidden = dict.fromkeys(names, 0.0)             # of which on tickets nobody sees
    quiet = dict.fromkeys(names, 0)
    on_ticket: dict[str, str | None] = {}
    counts = {name: {"interrupted": 0, "calls": 0, "fixes": 0, "handed": 0} for name in names}
    best: dict[str, tuple[str, str, float]] = {}
    best_key: dict[str, tuple[bool, bool, float]] = {}
    away: dict[str, float] = {}
    reasons: dict[str, str] = {}
    for event in events:
        d, kind = event.data, event.kind
        who = d.get("agent")
        if kind == "ticket_started" and who in busy:
            working[who] = event.t
            on_ticket[who] = d.get("ticket")
        elif kind == "job_ended" and who in busy:
            spent = max(0.0, event.t - working.pop(who, start))  # not started here: since the start
            busy[who] += spent
            if _hidden(world, d.get("ticket")):
                hidden[who] += spent
        elif kind == "ticket_escalated" and who in counts:
            counts[who]["handed"] += 1
        elif kind == "ticket_paused" and who in counts:
            counts[who]["interrupted"] += 1
        elif kind == "ticket_resolved" and d.get("outcome") == "resolved" and who in counts:
            counts[who]["fixes"] += 1
        elif kind == "end_run_taken" and who in counts and d.get("shadow"):
            quiet[who] += 1
        elif kind == "end_run_taken" and who in counts:
            counts[who]["calls"] += 1
        elif kind == "agent_absent" and who in counts:
            away.setdefault(who, event.t)
            reasons.setdefault(who, d.get("reason", ""))
        elif kind == "moment":
            moment = d["moment"]
            touch = moment.touch
            if touch.kind == "resolution" and touch.agent in counts:
                what, plain = proud_words(world, moment.ticket, touch.title)
                key = (moment.rating >= PROUD, plain, moment.rating)  # a named problem first
                if touch.agent not in best_key or key > best_key[touch.agent]:
                    best_key[touch.agent] = key
                    best[touch.agent] = (moment.customer, what, moment.rating)
    for name, since in working.items():
        busy[name] += max(0.0, end - since)
        if _hidden(world, on_ticket.get(name)):
            hidden[name] += max(0.0, end - since)
    length = max(1e-9, end - start)
    return [AgentRound(a.name, min(1.0, busy[a.name] / length), counts[a.name]["interrupted"],
                       counts[a.name]["calls"], counts[a.name]["fixes"], counts[a.name]["handed"],
                       best.get(a.name), away.get(a.name), a.morale, reasons.get(a.name, ""),
                       hidden[a.name], quiet[a.name])
            for a in world.agents]


def _hidden(world: World, ticket_id: str | None) -> bool:
    ticket = world.tickets.get(ticket_id) if ticket_id else None
    return ticket is not None and ticket.hidden


def hidden_words(agent: AgentRound) -> str:
    """The work nobody sees, as the one who did it says it: the minutes first (the tutorial's 25
    hidden minutes were Ola's, and her line said only "interrupted 1 time"), then what they were."""
    what = []
    if agent.calls_taken:
        what.append(f"{agent.calls_taken} {'people' if agent.calls_taken > 1 else 'person'} rang me directly "
                    "and I dropped my work")
    if agent.quiet_fixes:
        what.append(f"fixed {agent.quiet_fixes} refused device{'s' if agent.quiet_fixes > 1 else ''} "
                    "on the quiet")
    if not what and agent.hidden_minutes < 1:
        return ""
    minutes = f"{agent.hidden_minutes:.0f} min of work nobody sees" if agent.hidden_minutes >= 1 \
        else "work nobody sees"
    return minutes + (": " + " and ".join(what) if what else "")


def voice(agent: AgentRound, when_away: str = "", reason: str = "") -> str:
    """One line, in the agent's own words, on how the round felt and why.

    Someone who was away says so first, with when and, if the scenario gives one, why
    ("Away from 08:30, off sick"): an absent agent's idle round is not "a quiet round".
    """
    parts: list[str] = []
    if agent.away_from is not None:
        since = f" from {when_away}" if when_away else " this round"
        parts.append("Away" + since + (f", {reason}" if reason else ""))
        if agent.busy > 0:
            parts.append(f"busy {agent.busy:.0%} of the round")
    elif agent.busy >= FLAT_OUT:
        parts.append(f"Overloaded: busy {agent.busy:.0%} of the round")
    elif agent.busy <= QUIET:
        parts.append(f"A quiet round: busy {agent.busy:.0%} of the time")
    else:
        parts.append(f"Busy {agent.busy:.0%} of the round")
    hidden = hidden_words(agent)
    if hidden:
        parts.append(hidden)
    if agent.interrupted >= MANY:
        parts.append(f"pulled off my work {agent.interrupted} times")
    elif agent.interrupted:
        parts.append(f"interrupted {agent.interrupted} time{'s' if agent.interrupted > 1 else ''}")
    if agent.handed_over >= MANY:
        parts.append(f"I had to pass {agent.handed_over} tickets on")
    if agent.fixes:
        parts.append(f"{agent.fixes} fix{'es' if agent.fixes > 1 else ''}")
    if agent.away_from is None or agent.busy > 0:
        parts.append(f"morale {agent.morale:.0%} at the end")
    line = "; ".join(parts)
    if agent.best_fix is not None and agent.best_fix[2] >= PROUD:
        customer, what, _ = agent.best_fix
        if what.startswith("'"):
            line += f". Proud of fixing {what} for {customer}"
        else:
            line += f". Proud of sorting out {possessive(customer)} {what}"
    elif agent.fixes == 0 and agent.calls_taken:
        line += ". Whatever I fixed was off the books: none of it counts"
    elif agent.fixes == 0 and agent.busy > QUIET:
        line += ". Nothing finished, and that wears on you"
    return line + "."


def team_voices(world: World, round_no: int) -> list[tuple[str, str]]:
    """(agent, their line) for every agent, in team order."""
    return [(a.name, voice(a, clock(world, a.away_from, round_no) if a.away_from is not None else ""))
            for a in agent_rounds(world, round_no)]


