"""What the business thinks of the desk, in words for the room: on notice, outsourced, done.

The board, the change cycle, the session summary and the end screen all take their
sentences from here, so they never disagree about the rule of DESIGN.md section 2
("Score and ending").  Nothing here draws; ``widgets.banner`` does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from deskgame.ui import theme

if TYPE_CHECKING:
    from deskgame.session.live import LiveSession


@dataclass(frozen=True)
class Verdict:
    """A banner's content: a word in capitals, a sentence heading, and why (plain sentences)."""

    headline: str
    title: str
    lines: tuple[str, ...]
    fill: tuple[int, int, int]  # the banner's colour; its writing is black (>= 5.4:1 on each)
    sign: str = "warning"  # "warning" (a triangle with !) or "done" (a tick): shape, not colour alone


def outsourcing_line(live: LiveSession) -> str:
    """The line as the room should read it: ``30``, or ``37.5`` when the scenario says so."""
    return f"{live.scenario.scoring.outsourcing_below:g}"


def _trust(record: dict) -> str:  # type: ignore[type-arg]
    return f"{record['kpis']['trust']:.0f}"


def board_notice(live: LiveSession) -> Verdict | None:
    """The banner on the play board for the whole round played on notice."""
    if not live.on_notice:
        return None
    line = outsourcing_line(live)
    return Verdict(
        "ON NOTICE",
        "The desk is on notice",
        (f"End this round below {line} and the desk is outsourced.",),
        theme.ORANGE,
    )


def round_verdict(live: LiveSession) -> Verdict | None:
    """Between rounds: the notice just given (or lifted), said at once; None when neither."""
    rounds = live.outcome.rounds
    if live.phase != "round_over" or not rounds:
        return None
    last, line = rounds[-1], outsourcing_line(live)
    if live.on_notice:
        return Verdict(
            "ON NOTICE",
            "The business has put the desk on notice",
            (
                f"Round {last['round']} ended with trust {_trust(last)}, below {line}.",
                f"End round {last['round'] + 1} below {line} and the desk is outsourced.",
            ),
            theme.ORANGE,
        )
    if len(rounds) > 1 and rounds[-2]["on_notice"]:
        return Verdict(
            "NOTICE LIFTED",
            "The business has lifted the notice",
            (f"Round {last['round']} ended with trust {_trust(last)}, at or above {line}.",),
            theme.GREEN,
            sign="done",
        )
    return None


def session_verdict(live: LiveSession) -> Verdict:
    """How a finished session ended: outsourced, completed on notice, or completed."""
    outcome = live.outcome
    last, line = outcome.rounds[-1], outsourcing_line(live)
    played, planned = last["round"], live.scenario.rounds
    if outcome.ended == "outsourced":
        lines = [
            f"Round {played} ended with trust {_trust(last)}, below {line}, while the desk was on notice.",
        ]
        left = planned - played
        if left == 1:
            lines.append("The session is over. The round not played scores 0.")
        elif left:
            lines.append(f"The session is over. The {left} rounds not played score 0.")
        else:
            lines.append("The session is over.")
        return Verdict("OUTSOURCED", f"Outsourced after round {played}", tuple(lines), theme.VERMILLION)
    if outcome.ended_on_notice:
        return Verdict(
            "ON NOTICE",
            "Session over, on notice",
            (
                f"The last round ended with trust {_trust(last)}, below {line}: the desk is on notice.",
                "Not outsourced: there was no notice before it.",
            ),
            theme.ORANGE,
        )
    played_all = (
        "The desk played the round; it" if planned == 1 else f"The desk played all {planned} rounds; the last"
    )
    return Verdict(
        "SESSION OVER",
        "Session complete",
        (f"{played_all} ended with trust {_trust(last)} (the line: {line}).",),
        theme.GREEN,
        sign="done",
    )
