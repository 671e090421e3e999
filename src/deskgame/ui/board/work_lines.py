"""The words of a team card's work line: what the person is doing, and what waits for them.

Apart from ``layout`` because fitting them to the room a card has is its own job.  A ticket
being worked is in no queue, so its card is the only place its title shows: when the whole
title does not fit, the card shows as much of it as the room allows, cut at a word (never
"…", DESIGN.md section 7), and the card's tooltip says it whole.  A review saw "T0008 for
Finance" beside cards with two-line titles and read it as a ticket titled "for Finance";
when not even a few words fit, the card says the ticket's number alone, which cannot be
read as a title.
"""

from __future__ import annotations

from collections.abc import Callable

from deskgame.engine.tickets import Agent
from deskgame.ui import engine_view, text, theme
from deskgame.ui.board.ticket_line import numbered

MIN_TITLE_WORDS = 2  # fewer words of a title than this say nothing: the number alone instead
# Words a title cut at a word should not end on: "Mail will not" reads as the opposite of
# "Mail will not send" and "I need this report right now, it is" as half a sentence.
DANGLING = frozenset({
    "a", "an", "the", "to", "of", "and", "or", "but", "so", "it", "is", "are", "was", "be", "i",
    "my", "me", "you", "your", "we", "our", "this", "that", "these", "those", "for", "with", "on",
    "in", "at", "from", "by", "not", "no", "will", "can", "cannot", "could", "would", "should",
    "do", "does", "did", "has", "have", "had", "when", "while", "if", "as", "just", "still",
    "please", "very", "really"
})


def away_words(away: engine_view.Away, round_end: float, clock: Callable[[float], str]) -> list[str]:
    """An absence in words, from the whole to the fewest: "away: off sick until 12:00", "away
    until 12:00", "away".  A room saw a grey "away" like "free" and never learned why or for how
    long (the scenario said "off sick")."""
    if away.until is None:
        when = "for the rest of the session"
    elif away.until >= round_end - 1e-6:
        when = "for the rest of the round"
    else:
        when = f"until {clock(away.until)}"
    said = [f"away: {away.reason} {when}"] if away.reason else []
    return [*said, f"away {when}", "away"]


def work_words(agent: Agent, now: float, away: list[str] | None = None
               ) -> tuple[str, tuple[int, int, int], float | None, bool]:
    """What the agent is doing, its colour, how far along (None when idle), and whether it is
    hidden.  ``away``: how their absence is said (``away_words``), when they are away."""
    queued = engine_view.reserved(agent)  # assigned to them, waiting until they are free
    then = f" · then {', '.join(t.id for t in queued)}" if queued else ""
    if agent.ticket is None and agent.absent:
        return (away[0] if away else "away") + then, theme.INK_WARN, None, False
    if agent.ticket is None:
        return "free" + then, theme.TEXT_DIM, None, False
    ticket = agent.ticket
    elapsed = (now - agent.job_started) * agent.job_speed
    done = 1 - max(0.0, ticket.remaining - elapsed) / max(ticket.effort, 1e-9)
    if ticket.hidden:  # who it is for is the point: a customer who went round the desk
        return f"off the books for {ticket.customer}{then}", theme.INK_CALL["end_run"], done, True
    return f"{numbered(ticket)}{then}", theme.TEXT, done, False


def _thens(agent: Agent) -> list[str]:
    """The work held for them, from the whole list down to the fewest words that count it
    (a card with one line showed "off the books for Sales · then T0026," and lost the rest)."""
    queued = engine_view.reserved(agent)
    if not queued:
        return [""]
    return [f" · then {', '.join(t.id for t in queued)}", f" · {len(queued)} more held for them",
            f" · +{len(queued)} held"]


def cut_title(title: str, words: int) -> str:
    """The first ``words`` words of ``title``, without a dangling small word or comma at the
    end ("" when nothing of substance is left)."""
    kept = title.split()[:words]
    while kept:
        last = kept[-1].rstrip(",;:-–—")
        if last and last.lower() not in DANGLING:
            kept[-1] = last
            break
        kept.pop()
    return " ".join(kept)


def fit_work(agent: Agent, lines: int, width: int, away: list[str] | None = None) -> list[str]:
    """The card's work in at most ``lines`` lines of ``width``, said as fully as they allow:
    the whole, then the title cut at a word (with what waits for them always whole), then
    the few words that still say what they do."""
    whole = text.wrap(work_words(agent, 0.0, away)[0], theme.SIZE_BODY, width)
    if len(whole) <= lines:
        return whole
    ticket = agent.ticket
    thens = _thens(agent)
    if ticket is not None and not ticket.hidden:
        count = len(ticket.title.split())
        for then in thens:
            for words in range(count - 1, MIN_TITLE_WORDS - 1, -1):  # the longest cut that fits
                title = cut_title(ticket.title, words)
                if len(title.split()) < MIN_TITLE_WORDS:
                    continue
                wrapped = text.wrap(f"{numbered(ticket, title)}{then}", theme.SIZE_BODY, width)
                if len(wrapped) <= lines:
                    return wrapped
        doing = ticket.id  # the number alone: it cannot be read as a title
    elif ticket is not None:
        doing = f"off the books for {ticket.customer}"
    elif agent.absent:
        short = [f"{doing}{then}" for doing in (away or ["away"]) for then in thens]
        for said in short:
            wrapped = text.wrap(said, theme.SIZE_BODY, width)
            if len(wrapped) <= lines:
                return wrapped
        return text.wrap(short[-1], theme.SIZE_BODY, width)
    else:
        doing = "free"
    short = [f"{doing}{then}" for then in thens]
    if ticket is not None and ticket.hidden:
        short.append("off the books" + thens[-1])
    for said in short:
        wrapped = text.wrap(said, theme.SIZE_BODY, width)
        if len(wrapped) <= lines:
            return wrapped
    return text.wrap(short[-1], theme.SIZE_BODY, width)
