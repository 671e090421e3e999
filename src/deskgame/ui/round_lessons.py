"""What the tutorial round showed, in its own facts, and where to go next.

A newcomer who touched nothing and one who played well saw the same end screen, and the
untouched round's "best moment" was the end-run trap, uncommented.  After a tutorial the
end screen says what this round's choices did (calls answered or left to their default,
priorities set, work done off the books, a best moment that was a trap), names the next
scenario, and gives the personal best.  Everything is read from the world's event log and
tickets (through the session's public objects), nothing is guessed.
"""

from __future__ import annotations

from typing import Any

from deskgame.report.compare import best_and_worst
from deskgame.report.moment_words import moment_words
from deskgame.scenario.catalog import DEFAULT_SCENARIO
from deskgame.ui import engine_view

LEARNED_TITLE = "What this round showed"
# What a call's default answer did, said when one rang out (engine.calls / engine.intake).
DEFAULT_DONE = {
    "end_run": "the specialist took the end-run off the books",
    "byod": "the device was refused as unsupported",
    "fake_emergency": "the \"emergency\" kept the priority its caller claimed",
}
NEXT_NAME = DEFAULT_SCENARIO  # the bundled scenario a newcomer plays after the tutorial
NEXT_ABOUT = "the normal day"


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def call_line(log: list[Any]) -> str:
    """Calls answered by the desk against calls left to ring out (and what that did)."""
    rang = [e for e in log if e.kind == "call_ringing"]
    answered = {e.data.get("ticket") for e in log if e.kind == "call_answered"}
    unanswered = [e for e in log if e.kind == "call_unanswered"]
    if not rang:
        return "Calls: none rang this round."
    said = f"Calls: you answered {len(answered)} of {len(rang)}"
    if not unanswered:
        return said + "; none was left to its default answer."
    done = []
    for event in unanswered:
        words = DEFAULT_DONE.get(str(event.data.get("kind")))
        if words and words not in done:
            done.append(words)
    what = f": {', '.join(done)}" if done else ""
    took = "took its default answer" if len(unanswered) == 1 else "took their default answers"
    return f"{said}; {len(unanswered)} rang out and {took}{what}."


def priority_line(log: list[Any]) -> str:
    tickets = {e.data.get("ticket") for e in log if e.kind == "priority_set"}
    if not tickets:
        return "Priorities: you set none, so the callers' own priorities set the queue's order."
    return f"Priorities: you set {_plural(len(tickets), 'ticket')}'s priority."


def hidden_line(world: Any) -> str:
    hidden = [t for t in world.tickets.values() if t.hidden]
    if not hidden:
        return "Hidden work: none; every fix counted for the desk."
    return (f"Hidden work: {_plural(len(hidden), 'job')} done off the books (no ticket, no credit; "
            "the habit of going round the desk grew).")


# How a moment of hidden work reads (engine.touch_words); such a moment names no ticket.
OFF_THE_BOOKS = "(off the books)"


def moment_line(live: Any) -> str | None:
    """The best moment: said as a trap when it was one (a delighted caller served off the
    books, or a loud "emergency" served at once while real work waited), else as the good
    service it was."""
    moments = [{**m, "round": r["round"]} for r in live.outcome.rounds for m in r["moments"]]
    best, _ = best_and_worst(moments, engine_view.neutral_rating(live.world))
    if best is None:
        return None
    said = moment_words(best["text"]).rstrip(".")
    ticket = live.world.tickets.get(best.get("ticket") or "")
    if best.get("ticket") is None and OFF_THE_BOOKS in best["text"]:
        cost = "the desk lost the work and the credit"
    elif ticket is not None and ticket.answer == "serve":
        cost = "someone else's real work waited"
    else:
        return f"The best-rated moment ({best['rating']:.0f}): {said}."
    return f"The best-rated moment was a trap: {said}. One caller was delighted; {cost}."


def round_lessons(live: Any) -> list[str]:
    """The lines of the learned block, most telling first (the screen drops from the end)."""
    log = list(live.world.log)
    best = moment_line(live)
    return [call_line(log), *([best] if best else []), hidden_line(live.world), priority_line(log)]


def next_step() -> str:
    """"Next: Monday at Northwind, the normal day (T, then Enter)": the scenario after the tutorial."""
    from deskgame.scenario import load_scenario
    from deskgame.scenario.catalog import bundled_scenarios
    from deskgame.scenario.errors import ScenarioError

    for bundled in bundled_scenarios(include_examples=False):
        if bundled.name == NEXT_NAME:
            try:
                title = load_scenario(bundled.path).title
            except ScenarioError:  # pragma: no cover - bundled_scenarios skips bad files
                break
            return f"Next: {title}, {NEXT_ABOUT} (T for the title, then Enter)."
    return "Next: choose a scenario on the title (T)."


def best_line(userdata: Any, title: str, seed: int, score: float) -> str:
    best = userdata.best(title, seed) if userdata is not None else None
    if best is None:
        return ""
    if round(best.score, 1) <= round(score, 1):
        return f"Your best on this day: {best.score:.1f}, this time."
    return f"Your best on this day: {best.score:.1f} (this time {score:.1f})."
