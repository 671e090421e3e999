"""Discussion prompts for the debrief report, drawn from what happened and quoting the numbers.

A facilitator opens the debrief with a question the room can argue about, so each
prompt states two facts side by side ("Red had 240 min of hidden work;
Blue ... ") and asks why.  A prompt appears only when its difference is large enough to
be worth the room's time; with one team, the rounds are compared instead.

The questions between rounds (the Awareness screen's "To talk about") come from the round
just played and live in ``round_questions``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from deskgame.engine.cards import card_title
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


def possessive(name: str) -> str:
    """The possessive of a team's name: "Red's", "Blue Herons'"."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"

def rounds_words(numbers: list[int]) -> str:
    """Round numbers as a sentence says them: "round 1", "rounds 1 and 2", "rounds 1, 2 and 4"."""
    if len(numbers) == 1:
        return f"round {numbers[0]}"
    return f"rounds {', '.join(str(n) for n in numbers[:-1])} and {numbers[-1]}"


def shared_rounds(sessions: list[Session]) -> tuple[list[Session], str]:
    """The teams cut to the rounds every one of them played, when one is a save still in
    progress, and the sentence that says so ("" when nothing was cut).

    Why: a save's unplayed rounds count 0 in its file's session score, so a prompt read "84.2 vs
    21.5 ... widest in round 1 (82.7 against 64.5)": self-contradictory.  Compared over the
    shared rounds, a session's score is the mean of those rounds' scores."""
    saves = [s for s in sessions if s.ended == "in_progress"]
    if len(sessions) < 2 or not saves:
        return sessions, ""
    numbers = sorted(set.intersection(*({r.number for r in s.rounds} for s in sessions)))
    if not numbers or all(len(s.rounds) == len(numbers) for s in sessions):
        return sessions, ""
    cut = []
    for s in sessions:
        rounds = [r for r in s.rounds if r.number in numbers]
        cut.append(replace(s, rounds=rounds, score=sum(r.score for r in rounds) / len(rounds)))
    names = " and ".join(f"{possessive(s.name)} file" for s in saves)
    what = "is a save" if len(saves) == 1 else "are saves"
    return cut, (f"Compared over {rounds_words(numbers)} only, the rounds every team played ({names} "
                 f"{what} of a session still in progress).")


def discussion_prompts(sessions: list[Session], limit: int = 12) -> list[str]:
    """Up to ``limit`` prompts, the most telling first (the limit is above the eleven kinds: a
    report with every kind of prompt lost its worst moment, the one that names a ticket).
    With a save in progress among the teams, only the rounds every team played are compared,
    and the first prompt says so."""
    sessions, note = shared_rounds(sessions)
    makers: list[Callable[[list[Session]], str | None]] = (
        [_score_gap, _hidden_work, _early_lead, _sla_gap, _updates, _posts, _outage, _cards, _notice,
         _morale, _worst_moment]
        if len(sessions) > 1 else [_one_team_rounds, _notice, _hidden_work_alone, _worst_moment])
    prompts = [text for make in makers if (text := make(sessions))]
    if note and prompts:
        prompts[0] = f"{note} {prompts[0]}"
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
            f"{possessive(last.name)} {early[last.name]:.1f}), but {last.name} ended ahead "
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
    return (f"{possessive(hi.name)} customers posted {total[hi.name]} bad experiences in public over the "
            f"session; {possessive(lo.name)} {total[lo.name]}. Which moments went public, and what would "
            "have kept them in the room?")


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
    return (f"{possessive(hi.name)} agents ended with morale {a:.0%}, {possessive(lo.name)} with {b:.0%}. "
            f"What wore {possessive(lo.name)} people down?")


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
    return (f"{possessive(s.name)} score went from {first.score:.1f} in round 1 to {last.score:.1f} in round "
            f"{last.number}, trust from {first.kpis['trust']:.1f} to {last.kpis['trust']:.1f}. "
            "What changed between the rounds?")
