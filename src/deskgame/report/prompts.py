"""Discussion prompts and questions, drawn from what happened and quoting the numbers.

A facilitator opens the debrief with a question the room can argue about, so each
prompt states two facts side by side ("Red had 240 min of hidden work;
Blue ... ") and asks why.  A prompt appears only when its difference is large enough to
be worth the room's time; with one team, the rounds are compared instead.

Between rounds (the Awareness screen's "To talk about") the questions come from the round
the team just played: the calls that claimed an emergency and what the desk did with them,
the priorities it set, the people who went round the desk, the devices nobody knew.  A
question about a thing that did not happen is noise, so each asks only when its fact is there.
What mattered most comes first: an outage (a room whose order entry was down 40 minutes
was asked about one fake emergency instead), the business putting the desk on notice,
waits far past what anyone expects.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from deskgame.engine.cards import card_title
from deskgame.engine.priority import RANK
from deskgame.report.figures import best_and_worst, clock, sla_by_priority, trust_at
from deskgame.report.moment_words import moment_words
from deskgame.report.sessions import Session

MIN_HIDDEN_GAP = 30.0      # minutes of hidden work worth talking about
MIN_SLA_GAP = 0.10         # ten points of SLA met on one priority
MIN_SCORE_GAP = 2.0
MIN_MORALE_GAP = 0.10
MIN_UPDATE_GAP = 10        # updates sent to waiting callers
MIN_POST_GAP = 5           # public posts over the session
FIRST_HOUR = 60.0
LEVEL_TRUST = 2.0          # trust points: closer than this at the end, the teams ended level


def _of(name: str) -> str:
    """The possessive of a team's name: "Red's", "Blue Herons'"."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"

def discussion_prompts(sessions: list[Session], limit: int = 12) -> list[str]:
    """Up to ``limit`` prompts, the most telling first (the limit is above the eleven kinds: a
    report with every kind of prompt lost its worst moment, the one that names a ticket)."""
    makers: list[Callable[[list[Session]], str | None]] = (
        [_score_gap, _hidden_work, _early_lead, _sla_gap, _updates, _posts, _outage, _cards, _notice,
         _morale, _worst_moment]
        if len(sessions) > 1 else [_one_team_rounds, _notice, _hidden_work_alone, _worst_moment])
    prompts = [text for make in makers if (text := make(sessions))]
    return prompts[:limit]


def _final_trust(s: Session) -> float:
    return s.rounds[-1].kpis["trust"]


def _score_gap(sessions: list[Session]) -> str | None:
    ranked = sorted(sessions, key=lambda s: -s.score)
    best, worst = ranked[0], ranked[-1]
    if best.score - worst.score < MIN_SCORE_GAP:
        return (f"The teams ended close together: session scores from {worst.score:.1f} ({worst.name}) to "
                f"{best.score:.1f} ({best.name}). Did they get there the same way?")
    common = min(len(best.rounds), len(worst.rounds))
    gaps = [best.rounds[i].score - worst.rounds[i].score for i in range(common)]
    widest = max(range(common), key=lambda i: gaps[i])
    # The gap between the figures as shown, so the room's own subtraction agrees.
    apart = round(best.score, 1) - round(worst.score, 1)
    return (f"{best.name} ended with a session score of {best.score:.1f}, {worst.name} with "
            f"{worst.score:.1f}: {apart:.1f} points apart. The gap was widest in round "
            f"{best.rounds[widest].number} ({best.rounds[widest].score:.1f} against "
            f"{worst.rounds[widest].score:.1f}). What did {best.name} do differently there?")


def _hidden_work(sessions: list[Session]) -> str | None:
    ranked = sorted(sessions, key=lambda s: -s.total_hidden_work)
    hi, lo = ranked[0], ranked[-1]
    if hi.total_hidden_work - lo.total_hidden_work < MIN_HIDDEN_GAP:
        return None
    first_hi, first_lo = hi.rounds[0].kpis["trust"], lo.rounds[0].kpis["trust"]
    return (f"{hi.name} had {hi.total_hidden_work:.0f} min of hidden work (specialists working off "
            "the books on end-runs they took or on 'unsupported' callers who came back: no ticket, no "
            f"SLA); {lo.name} had {lo.total_hidden_work:.0f} min. "
            f"After round 1 trust stood at {first_hi:.1f} for {hi.name} and {first_lo:.1f} for {lo.name}; "
            f"at the end {_final_trust(hi):.1f} against {_final_trust(lo):.1f}. "
            + ("Who paid for the hidden work?" if abs(_final_trust(hi) - _final_trust(lo)) >= LEVEL_TRUST
               else "Trust ended level: where did the hidden work cost something instead (waits, "
                    "morale, the queue)?"))


def _hidden_work_alone(sessions: list[Session]) -> str | None:
    s = sessions[0]
    if s.total_hidden_work < MIN_HIDDEN_GAP:
        return None
    per_round = ", ".join(f"round {r.number}: {r.kpis['hidden_work_min']:.0f} min" for r in s.rounds)
    return (f"{s.name} did {s.total_hidden_work:.0f} min of hidden work ({per_round}): end-runs "
            "taken and 'unsupported' callers who came back to a specialist. What did that time take "
            "from the queue?")


def _led_throughout(leader: Session, sessions: list[Session]) -> bool:
    """Was ``leader`` ahead of every other team at every sample of round 1 from the first hour?"""
    trust = {s.name: s.rounds[0].series_trust for s in sessions}
    for index, t in enumerate(leader.rounds[0].series_t):
        if t < FIRST_HOUR:
            continue
        mine = trust[leader.name][index]
        for s in sessions:
            other = trust[s.name]
            if s is not leader and index < len(other) and other[index] >= mine:
                return False
    return True


def _early_lead(sessions: list[Session]) -> str | None:
    early = {s.name: trust_at(s.rounds[0], FIRST_HOUR) for s in sessions}
    if any(value is None for value in early.values()):
        return None
    first = max(sessions, key=lambda s: early[s.name] or 0.0)
    if sum(1 for s in sessions if early[s.name] == early[first.name]) > 1:
        return None  # level at the first hour: nobody led
    last = max(sessions, key=_final_trust)
    if first is last and not _led_throughout(first, sessions):
        return None  # ahead at the first hour and at the end, but not in between: no clean story
    if first is last:
        trailing = min(sessions, key=_final_trust)
        return (f"{first.name} led on trust from the first hour ({early[first.name]:.1f}) to the end "
                f"({_final_trust(first):.1f}; {trailing.name} ended at {_final_trust(trailing):.1f}). "
                "What did it do from the very first calls?")
    return (f"{first.name} led on trust after the first hour ({early[first.name]:.1f} against "
            f"{_of(last.name)} {early[last.name]:.1f}), but {last.name} ended ahead "
            f"({_final_trust(last):.1f} against {_final_trust(first):.1f}). What made the early lead fade?")


def _sla_gap(sessions: list[Session]) -> str | None:
    shares = {s.name: sla_by_priority(s) for s in sessions}
    best_gap = None
    for priority in ("P1", "P2", "P3", "P4"):
        known = [(s, shares[s.name][priority]) for s in sessions if shares[s.name][priority].pool]
        if len(known) < 2:
            continue
        hi = max(known, key=lambda pair: pair[1].share or 0.0)
        lo = min(known, key=lambda pair: pair[1].share or 0.0)
        gap = (hi[1].share or 0.0) - (lo[1].share or 0.0)
        if gap >= MIN_SLA_GAP and (best_gap is None or gap > best_gap[0]):
            best_gap = (gap, priority, hi, lo)
    if best_gap is None:
        return None
    _, priority, (hi, a), (lo, b) = best_gap
    return (f"{hi.name} started {a.share:.0%} of its {priority} tickets within the target "
            f"({a.met}/{a.pool}); {lo.name} {b.share:.0%} ({b.met}/{b.pool}). "
            f"Which {priority} tickets waited, and what were the agents doing instead?")


def _updates(sessions: list[Session]) -> str | None:
    hi = max(sessions, key=lambda s: s.actions.get("update", 0))
    lo = min(sessions, key=lambda s: s.actions.get("update", 0))
    a, b = hi.actions.get("update", 0), lo.actions.get("update", 0)
    if a - b < MIN_UPDATE_GAP:
        return None
    return (f"{hi.name} sent {a} updates to customers who were waiting; {lo.name} sent {b}. "
            f"Mean wait (the average of the rounds' means): {hi.name} {_mean_wait(hi):.1f} min, "
            f"{lo.name} {_mean_wait(lo):.1f} min. "
            "How does being kept informed change a wait?")


def _posts(sessions: list[Session]) -> str | None:
    """Word of mouth: how far apart the teams' public posts were."""
    total = {s.name: sum(r.posts for r in s.rounds) for s in sessions}
    hi = max(sessions, key=lambda s: total[s.name])
    lo = min(sessions, key=lambda s: total[s.name])
    if total[hi.name] - total[lo.name] < MIN_POST_GAP:
        return None
    return (f"{_of(hi.name)} customers posted {total[hi.name]} bad experiences in public over the "
            f"session; {_of(lo.name)} {total[lo.name]}. Which moments went public, and what would have "
            "kept them in the room?")


def _outage(sessions: list[Session]) -> str | None:
    """A major incident: who kept the callers informed."""
    if not any(e.kind == "major_incident" for e in sessions[0].scenario.events):
        return None
    sent = {s.name: s.actions.get("broadcast", 0) for s in sessions}
    hi = max(sessions, key=lambda s: sent[s.name])
    lo = min(sessions, key=lambda s: sent[s.name])
    if sent[hi.name] == sent[lo.name]:
        return None
    return (f"During the major incident {hi.name} sent {sent[hi.name]} status broadcast"
            f"{'s' if sent[hi.name] != 1 else ''}, {lo.name} {sent[lo.name]}. A broadcast keeps callers "
            "away and softens the wait of those who call: how did the two outages feel to the business?")


def _mean_wait(s: Session) -> float:
    return sum(r.kpis["mean_wait_min"] for r in s.rounds) / len(s.rounds)


def _cards(sessions: list[Session]) -> str | None:
    def summary(s: Session) -> str:
        cards = [c for r in s.rounds for c in r.improvements]
        change = f"score {s.rounds[0].score:.1f} in round 1, {s.rounds[-1].score:.1f} in round " \
                 f"{s.rounds[-1].number}"
        played = ", ".join(card_title(c) for c in cards) if cards else "no cards"
        return f"{s.name} played {played} ({change})"

    if len(sessions[0].rounds) < 2 and all(len(s.rounds) < 2 for s in sessions):
        return None
    played = [s for s in sessions if any(r.improvements for r in s.rounds)]
    if not played:
        return None
    others = [s for s in sessions if s not in played]
    shown = played[:2] + others[:1]
    return "; ".join(summary(s) for s in shown) + ". Which change paid off first, and why?"


def _notice(sessions: list[Session]) -> str | None:
    line = sessions[0].scenario.scoring.outsourcing_below
    hit = [(s, r) for s in sessions for r in s.rounds if r.on_notice]
    if not hit:
        return None
    s, r = hit[0]
    after = next((x for x in s.rounds if x.number == r.number + 1), None)
    if s.ended == "outsourced":
        fate = "and was outsourced at the next round below the line"
    elif after is None:
        fate = "as the session ended"
    elif not after.on_notice:
        fate = f"and lifted the notice in round {after.number}"
    else:
        fate = "and played on"
    safe = [x for x in sessions if not any(rr.on_notice for rr in x.rounds)]
    contrast = f" {safe[0].name} never went below it (lowest round-end trust " \
               f"{min(rr.kpis['trust'] for rr in safe[0].rounds):.1f})." if safe else ""
    return (f"{s.name} was put on notice after round {r.number}: trust {r.kpis['trust']:.1f}, below the "
            f"line of {line:g}, {fate}.{contrast} What were the first warning signs?")


def _morale(sessions: list[Session]) -> str | None:
    hi = max(sessions, key=lambda s: s.rounds[-1].kpis["morale"])
    lo = min(sessions, key=lambda s: s.rounds[-1].kpis["morale"])
    a, b = hi.rounds[-1].kpis["morale"], lo.rounds[-1].kpis["morale"]
    if a - b < MIN_MORALE_GAP:
        return None
    return (f"{_of(hi.name)} agents ended with morale {a:.0%}, {_of(lo.name)} with {b:.0%}. "
            f"What wore {_of(lo.name)} people down?")


def ticket_words(ticket: str | None, arrived: str | None) -> str:
    """Which ticket a moment was about, so a room cannot mix it up with its twin.

    Two tickets often share a customer and a title (a desk hears "Mail will not send" all
    day): the summary named one and the room remembered the other.  The ticket's id is what
    the board and the journey list show, and when it came in is how people tell twins apart.
    """
    if ticket is None:
        return "no ticket"  # off the books: the moment's own words say so
    if not ticket:
        return ""  # an old results file does not say
    return f"ticket {ticket}, in at {arrived}" if arrived else f"ticket {ticket}"


def arrival_clock(session: Session, round_no: int, ticket: str | None) -> str | None:
    """When a moment's ticket came in, as the team saw the clock ("09:10"; "R1 15:30" for a
    ticket carried over from another round); None when the file does not say."""
    if not ticket:
        return None
    for r in sorted(session.rounds, key=lambda r: r.number != round_no):  # its own round first
        found = next((t for t in r.tickets if t.id == ticket), None)
        if found is not None:
            said = clock(session, found.arrived)
            return said if r.number == round_no else f"R{r.number} {said}"
    return None


def _worst_moment(sessions: list[Session]) -> str | None:
    found = [(s, m) for s in sessions for m in best_and_worst(s, 1)[1]]
    if not found:
        return None
    s, m = min(found, key=lambda pair: pair[1].rating)
    which = ticket_words(m.ticket, arrival_clock(s, m.round, m.ticket))
    about = ", ".join(part for part in (m.customer, which, f"rated {m.rating:.0f}/100") if part)
    return (f"The lowest-rated moment of truth was {s.name}'s, round {m.round} at {clock(s, m.t)} "
            f"({about}): \u201c{moment_words(m.text)}\u201d What would have changed it?")


def _one_team_rounds(sessions: list[Session]) -> str | None:
    s = sessions[0]
    if len(s.rounds) < 2:
        r = s.rounds[0]
        return (f"{s.name} scored {r.score:.1f} with trust {r.kpis['trust']:.1f} and "
                f"{r.kpis['sla_met']:.0%} of response targets met. Which decision mattered most?")
    first, last = s.rounds[0], s.rounds[-1]
    return (f"{_of(s.name)} score went from {first.score:.1f} in round 1 to {last.score:.1f} in round "
            f"{last.number}, trust from {first.kpis['trust']:.1f} to {last.kpis['trust']:.1f}. "
            "What changed between the rounds?")


# ---------------------------------------------------------------- the round's own questions
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
    late: int = 0               # tickets that waited past their response time
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
        broadcasts = sum(e.kind == "broadcast" and began.t <= e.t <= until for e in events)
        fixed = bool(ended is not None and ended.t <= end and ended.data.get("fixed"))
        waiting = _most_waiting(record["tickets"], began.t - start, until - start, world.round_length)
        found.append(OutageFacts(world.service_name(began.data["service"]), until - began.t, callers,
                                 broadcasts, fixed, waiting))
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
    length = world.scenario.round.length
    late = waited = 0
    for row in record["tickets"]:
        target = world.sla_targets.get(row["priority"])
        if target is None or row["outcome"] == "unsupported":
            continue
        wait = (row["started"] if row["started"] is not None else length) - row["arrived"]
        late += wait > target
        waited += wait >= QUEUED
    return RoundFacts(
        emergencies=len(fakes), served=sum(t.answer == "serve" for t in rang),
        declined=sum(t.answer == "deprioritise" for t in rang),
        unanswered=sum(t.answer == "default" for t in rang),
        shouted=max(set(said), key=said.count) if said else "P1",
        set_by_hand=len(by_hand),
        raised=sum(RANK[t.priority] < RANK[t.shouted or t.stated_priority] for t in by_hand if t.priority),
        lowered=sum(RANK[t.priority] > RANK[t.shouted or t.stated_priority] for t in by_hand if t.priority),
        late=late, waited=waited, end_runs=len(end_runs),
        taken=sum(t.answer in ("take", "default") for t in end_runs),
        redirected=sum(t.answer == "redirect" for t in end_runs), byod=len(byod),
        unsupported=sum(t.answer in ("unsupported", "default") for t in byod),
        learned=sum(t.answer == "learn" for t in byod),
        devices=tuple(dict.fromkeys(t.device for t in byod if t.device)),
        kpis=dict(record["kpis"]), posts=len(record["posts"]),
        outage=outage_facts(world, record, tickets), on_notice=bool(record.get("on_notice")),
        line=float(world.scenario.scoring.outsourcing_below))


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
        than = f": {', '.join(moved)} than callers said" if moved else ", each as the caller said"
        return f"The desk set {_n(f.set_by_hand, 'priority', 'priorities')}{than}. Judged by what?"
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
    ask = "Why no fix?" if not o.fixed else "Enough?" if o.broadcasts else "Who told them?"
    # The queue as the room saw it (its own callers and everyone else's) when it was longer.
    waited = f"up to {o.waiting} waiting" if o.waiting > o.callers else f"{_n(o.callers, 'caller')} waited"
    return f"{o.service}: down {o.minutes:.0f} min, {waited}, {told}. {ask}"


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
    late = f", {f.late} past target" if f.late else ""
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
