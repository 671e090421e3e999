"""The round's own questions for the Awareness screen's "To talk about".

Between rounds the questions come from the round the team just played: the calls that
claimed an emergency and what the desk did with them, the priorities it set, the people
who went round the desk, the devices nobody knew.  A question about a thing that did not
happen is noise, so each asks only when its fact is there.  What mattered most comes
first: an outage (a room whose order entry was down 40 minutes was asked about one fake
emergency instead), the business putting the desk on notice, waits far past what anyone
expects.  (The HTML debrief's prompts, which compare teams, are in ``prompts``.)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from deskgame.engine.priority import RANK
from deskgame.report.round_figures import desk_rows, world_facts

# When a question is worth the room's time (the Awareness screen pages through all of them).
QUESTION_LIMIT = 3
HIDDEN_WORTH = 30.0    # minutes of off-the-books work
POSTS_WORTH = 2        # public complaints
QUEUED = 1.0           # minutes: a ticket that waited this long stood in the queue
WAIT_WORTH = 20.0      # minutes of mean wait for a first answer
WAIT_FAR = 30.0        # ... and from here the waits are what the round was about
FCR_BELOW = 0.8        # share of fixes at the first contact
MORALE_BELOW = 0.5
SLA_LOOKS_FINE = 0.9   # SLA met at least this while ...
TRUST_LOW = 50.0       # ... trust is under this: a watermelon figure


@dataclass(frozen=True)
class OutageFacts:
    """One major incident of the round, as the event log tells it."""

    service: str                # its name as the business says it ("Order entry")
    minutes: float              # down for this long (to the round's end if it outlasted it)
    callers: int                # people who rang or wrote about it and waited for the service
    broadcasts: int             # status broadcasts the desk sent while it was down
    fixed: bool                 # the team's fix ended it (else it ran its course)
    waiting: int = 0            # the most tickets waiting for a first answer at once meanwhile
    had_fix: bool = True        # a fix ticket ("Restore ...") the team could work: an injected
                                # outage, or a scripted one without ``fix``, has none


@dataclass(frozen=True)
class RoundFacts:
    """What happened in one round that a question can quote: counted from the round's tickets
    and the desk's decisions (no event log needed) and the round's record."""

    emergencies: int = 0        # callers who claimed an emergency (said high urgency, low impact)
    served: int = 0             # ... treated as one: everyone dropped their work (S)
    declined: int = 0           # ... told their real priority (D)
    unanswered: int = 0         # ... rang out and queued as they said
    shouted: str = "P1"         # what those callers said (the most common)
    set_by_hand: int = 0        # tickets whose priority the desk set itself (P), D not counted
    raised: int = 0             # ... set above what the caller said
    lowered: int = 0            # ... set below it
    off_impact: int = -1        # ... not the priority its business impact deserves (-1: not known)
    late: int = 0               # tickets that waited past their response time (as the SLA counts)
    waited: int = 0             # tickets that waited in the queue at all (a minute or more)
    end_runs: int = 0           # people who rang a specialist directly
    taken: int = 0              # ... served off the books (taken, or nobody answered)
    redirected: int = 0         # ... asked to log it with the desk
    byod: int = 0               # people with a device nobody had seen yet
    unsupported: int = 0        # ... told 'unsupported' (or nobody answered)
    learned: int = 0            # ... for whom the desk learned the device
    devices: tuple[str, ...] = ()
    kpis: dict[str, float] = field(default_factory=dict)
    posts: int = 0
    outage: OutageFacts | None = None  # the round's longest major incident (from the event log)
    on_notice: bool = False     # the business put the desk on notice after this round
    line: float = 0.0           # the outsourcing line trust fell under


def _round_start(world: Any, round_no: int) -> float:
    starts = [e.t for e in world.log if e.kind == "round_started" and e.data.get("round") == round_no]
    return starts[0] if starts else float(world.round_start)


def _most_waiting(rows: list[dict[str, Any]], since: float, until: float, length: float) -> int:
    """The most tickets waiting for a first answer at once between ``since`` and ``until``
    (round minutes), as the board's queue showed them: counted at each arrival and at ``since``."""
    spans = [(row["arrived"], row["started"] if row["started"] is not None else length) for row in rows]
    moments = [since] + [a for a, _ in spans if since <= a <= until]
    return max((sum(a <= t < b for a, b in spans) for t in moments), default=0)


def outage_facts(world: Any, record: dict[str, Any], tickets: list[Any]) -> OutageFacts | None:
    """The round's longest major incident, read from the event log (None: the round had none).

    ``tickets`` are the round's own: the incident's callers are those linked to it (its fix,
    the team's own job, is not a caller)."""
    log = getattr(world, "log", None)
    if log is None:
        return None
    round_no = record["round"]
    start = _round_start(world, round_no)
    end = start + world.round_length
    events = [e for e in log if start <= e.t <= end]
    found = []
    for began in (e for e in events if e.kind == "major_incident_started"):
        index = began.data.get("index")
        ended = next((e for e in log if e.kind == "major_incident_ended" and e.t >= began.t
                      and e.data.get("index") == index), None)
        until = min(end, ended.t) if ended is not None else end
        callers = sum(t.demand == f"major-incident-{index}" and not t.repair for t in tickets)
        had_fix = any(t.demand == f"major-incident-{index}-fix" and t.repair for t in tickets)
        broadcasts = sum(e.kind == "broadcast" and began.t <= e.t <= until for e in events)
        fixed = bool(ended is not None and ended.t <= end and ended.data.get("fixed"))
        waiting = _most_waiting(record["tickets"], began.t - start, until - start, world.round_length)
        found.append(OutageFacts(world.service_name(began.data["service"]), until - began.t, callers,
                                 broadcasts, fixed, waiting, had_fix))
    return max(found, key=lambda o: o.minutes) if found else None


def round_facts(world: Any, record: dict[str, Any]) -> RoundFacts:
    """The facts of ``record``'s round, read from the world that played it.

    ``world`` is the engine's World (duck-typed: ``tickets``, ``decisions``, ``sla_targets``,
    ``scenario``), so the headless runner and the live screens ask the same questions.
    """
    round_no = record["round"]
    tickets = [t for t in world.tickets.values() if t.round == round_no and t.answer != "shadow"]
    fakes = [t for t in tickets if t.kind == "fake_emergency" or t.shouted is not None]
    rang = [t for t in fakes if t.kind == "fake_emergency"]
    said = [t.shouted or t.stated_priority for t in fakes]
    chosen = {d["ticket"] for d in world.decisions
              if d["round"] == round_no and d["action"] == "set_priority"}
    by_hand = [world.tickets[i] for i in chosen if i in world.tickets]
    end_runs = [t for t in tickets if t.answer == "redirect" or (t.kind == "end_run" and t.answer)]
    byod = [t for t in tickets if t.kind == "byod"]
    late, waited = _late_and_waited(world, record)  # outage callers are in neither
    return RoundFacts(
        emergencies=len(fakes), served=sum(t.answer == "serve" for t in rang),
        declined=sum(t.answer == "deprioritise" for t in rang),
        unanswered=sum(t.answer == "default" for t in rang),
        shouted=max(set(said), key=said.count) if said else "P1",
        set_by_hand=len(by_hand),
        raised=sum(RANK[t.priority] < RANK[t.shouted or t.stated_priority] for t in by_hand if t.priority),
        lowered=sum(RANK[t.priority] > RANK[t.shouted or t.stated_priority] for t in by_hand if t.priority),
        off_impact=sum(t.priority != t.true_priority for t in by_hand if t.priority),
        late=late, waited=waited, end_runs=len(end_runs),
        taken=sum(t.answer in ("take", "default") for t in end_runs),
        redirected=sum(t.answer == "redirect" for t in end_runs), byod=len(byod),
        unsupported=sum(t.answer in ("unsupported", "default") for t in byod),
        learned=sum(t.answer == "learn" for t in byod),
        devices=tuple(dict.fromkeys(t.device for t in byod if t.device)),
        kpis=dict(record["kpis"]), posts=len(record["posts"]),
        outage=outage_facts(world, record, tickets), on_notice=bool(record.get("on_notice")),
        line=float(world.scenario.scoring.outsourcing_below))


def _late_and_waited(world: Any, record: dict[str, Any]) -> tuple[int, int]:
    """(tickets that waited past their response target, tickets that queued a minute or more),
    over the tickets the SLA figure counts (``report.round_figures.desk_rows``: no outage caller, no
    "unsupported", not in the warm-up), as the record saw them at the round's end.

    Past target is what ``session.kpis.sla_counts`` calls missed: started after its target,
    or not started and its target passed before the round ended.  The target is the stricter
    of the desk's priority's and the real priority's (``World.sla_target``), as the figure has it.
    """
    length = world.scenario.round.length
    targets = world.sla_targets
    late = waited = 0
    for row in desk_rows(record, world_facts(world)):
        target = targets.get(row["priority"])
        if target is None:
            continue
        ticket = world.tickets.get(row["id"])
        if ticket is not None:
            target = min(target, targets.get(ticket.true_priority, target))
        wait = (row["started"] if row["started"] is not None else length) - row["arrived"]
        late += wait > target
        waited += wait >= QUEUED
    return late, waited


def _n(count: int, one: str, many: str | None = None) -> str:
    """ "1 caller", "3 callers"."""
    return f"{count} {one if count == 1 else (many or one + 's')}"


def _emergency_question(f: RoundFacts) -> str | None:
    """The priorities question: what the desk did with calls that claimed an emergency."""
    if not f.emergencies:
        return None
    insisted = f.served + f.declined + f.unanswered
    callers = _n(insisted, "caller")
    if f.served:
        return (f"{_n(f.served, 'caller')} insisted on an emergency and got one. Whose work waited "
                "meanwhile?")
    if f.unanswered:
        return (f"{_n(f.unanswered, 'emergency call')} rang out and queued as {f.shouted}. Who decides "
                "what is one?")
    if f.declined:
        return f"{callers} insisted on an emergency and heard their real priority. Their reaction?"
    if f.emergencies == 1:
        return "1 caller claimed an emergency but did not insist. What would you have said?"
    return f"{f.emergencies} callers claimed an emergency but none insisted. What made them stop?"


def _priority_question(f: RoundFacts) -> str | None:
    """The priorities the desk set itself, or the queue left in arrival order while people waited."""
    if f.set_by_hand:
        moved = [part for part in (f"{f.raised} higher" if f.raised else "",
                                   f"{f.lowered} lower" if f.lowered else "") if part]
        count = _n(f.set_by_hand, "priority", "priorities")
        if f.off_impact == 0:
            # Every one matched the business impact: "each as the caller said" read as if the
            # team had taken the callers' word, to a team that had judged by impact.
            return f"The desk set {count}, each by business impact. What told you the impact?"
        than = f": {', '.join(moved)} than callers said" if moved else ", each as the caller said"
        return f"The desk set {count}{than}. Judged by what?"
    if f.late:
        return (f"Nobody set a priority; {_n(f.late, 'ticket')} waited past target. Which should have "
                "gone first?")
    if f.waited:
        return (f"Nobody set a priority: {_n(f.waited, 'ticket')} queued by arrival. Should any have "
                "gone first?")
    return None


def _end_run_question(f: RoundFacts) -> str | None:
    if not f.end_runs:
        return None
    if f.taken:
        hidden = f.kpis.get("hidden_work_min", 0.0)
        return (f"{_n(f.taken, 'person', 'people')} rang a specialist directly: {hidden:.0f} min of work "
                "nobody logged. Who waited?")
    was = "was" if f.redirected == 1 else "were"
    return (f"{_n(f.redirected, 'person', 'people')} who rang a specialist {was} sent to the desk. "
            "Will they use it next time?")


def _byod_question(f: RoundFacts) -> str | None:
    if not f.byod:
        return None
    if f.unsupported:
        return (f"{_n(f.unsupported, 'person', 'people')} heard 'unsupported' about their device. What did "
                "they do next?")
    devices = f"the {f.devices[0]}" if len(f.devices) == 1 else _n(len(f.devices), "new device")
    return f"The desk learned {devices}. Worth the slow first call?"


def _outage_question(f: RoundFacts) -> str | None:
    """A major incident in its own facts: what was down, how long, who waited, what they heard."""
    o = f.outage
    if o is None:
        return None
    told = "no broadcast" if not o.broadcasts else _n(o.broadcasts, "broadcast")
    # "Why no fix?" only of a team that had a fix to work: an outage without a fix ticket (an
    # injected one) ran its course whatever the team did, and the question would blame them.
    ask = ("Why no fix?" if not o.fixed and o.had_fix else "Enough?" if o.broadcasts else "Who told them?")
    # The queue as the room saw it (its own callers and everyone else's) when it was longer.
    waited = f"up to {o.waiting} waiting" if o.waiting > o.callers else f"{_n(o.callers, 'caller')} waited"
    down = f"down {o.minutes:.0f} min" if o.had_fix else f"down {o.minutes:.0f} min (no fix to work)"
    return f"{o.service}: {down}, {waited}, {told}. {ask}"


def _notice_question(f: RoundFacts) -> str | None:
    if not f.on_notice:
        return None
    trust = f.kpis.get("trust", 0.0)
    return (f"Trust ended at {trust:.0f}, under the line of {f.line:g}: on notice. What were the first "
            "warning signs?")


def _wait_question(f: RoundFacts) -> str | None:
    wait = f.kpis.get("mean_wait_min", 0.0)
    if wait < WAIT_WORTH:
        return None
    late = f", {f.late} past target" if f.late else ""  # as the SLA counts: no outage caller
    return f"A first answer took {wait:.0f} min on average{late}. Who set what to expect?"


def _kpi_question(key: str) -> Callable[[RoundFacts], str | None]:
    """The round's figures, when one of them is worth a word."""
    def ask(f: RoundFacts) -> str | None:
        k = f.kpis
        if key == "posts" and f.posts >= POSTS_WORTH:
            return f"{f.posts} customers complained in public. Which moment set each of them off?"
        if key == "hidden" and k["hidden_work_min"] >= HIDDEN_WORTH and not f.taken:
            return (f"Specialists spent {k['hidden_work_min']:.0f} min on work nobody logged. Why not "
                    "call the desk?")
        if key == "fcr" and 0 < k["fcr"] < FCR_BELOW:
            return f"Only {k['fcr']:.0%} of fixes came at the first contact. What stopped the rest?"
        if key == "morale" and k["morale"] < MORALE_BELOW:
            return f"Team morale ended at {k['morale']:.0%}. What wore the team down?"
        if key == "sla" and k["sla_met"] >= SLA_LOOKS_FINE and k["trust"] < TRUST_LOW:
            return f"The SLA says {k['sla_met']:.0%} met, yet trust is {k['trust']:.0f}. Is the figure true?"
        return None
    return ask


# How much a question matters, most first: what the round was about (an outage, the notice,
# waits far past what anyone expects), then what the desk chose to do (the loud calls, then
# the priorities: the game's lesson), then the other calls and the figures.
MATTERED, LESSON, OTHER = 0, 1, 2


def _wait_rank(f: RoundFacts) -> int:
    return MATTERED if f.kpis.get("mean_wait_min", 0.0) >= WAIT_FAR else OTHER


ROUND_QUESTIONS: tuple[tuple[int | Callable[[RoundFacts], int], Callable[[RoundFacts], str | None]], ...] = (
    (MATTERED, _outage_question), (MATTERED, _notice_question), (_wait_rank, _wait_question),
    (LESSON, _emergency_question), (LESSON, _priority_question),
    (OTHER, _end_run_question), (OTHER, _byod_question), (OTHER, _kpi_question("posts")),
    (OTHER, _kpi_question("hidden")), (OTHER, _kpi_question("fcr")), (OTHER, _kpi_question("morale")),
    (OTHER, _kpi_question("sla")))


def ranked_questions(facts: RoundFacts) -> list[tuple[int, str]]:
    """Every question the round asks, as (rank, words), most telling first."""
    asked = []
    for rank, ask in ROUND_QUESTIONS:
        if (text := ask(facts)) is not None:
            asked.append((rank if isinstance(rank, int) else rank(facts), text))
    return sorted(asked, key=lambda pair: pair[0])  # stable: the order above within a rank


def round_questions(facts: RoundFacts, limit: int = QUESTION_LIMIT) -> list[str]:
    """Up to ``limit`` questions about what happened in the round, most telling first; never
    none (a quiet, good round asks which habit to keep).

    What the round was about leads, but never crowds out the desk's own choices: at least
    one place is kept for the lesson (the emergencies, the priorities) when it has a question."""
    asked = ranked_questions(facts)
    mattered = [text for rank, text in asked if rank == MATTERED]
    rest = [text for rank, text in asked if rank != MATTERED]
    keep = limit - 1 if any(rank == LESSON for rank, _ in asked) else limit
    chosen = mattered[:max(1, keep)] + rest
    if len(chosen) < limit:
        trust = facts.kpis.get("trust", 0.0)
        chosen.append(f"Trust ended at {trust:.0f}. Which habit of this round should the team keep?")
    return chosen[:limit]
