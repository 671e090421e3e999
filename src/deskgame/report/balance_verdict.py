"""The end of ``deskgame balance``: one verdict line, then why, then what to change.

Why a module of its own: a facilitator read six paragraphs ("teaches the lesson", then
"Too close to call", then "Caution: the lesson is faint", a load note, a difficulty note)
and could not tell whether the file was fit to use.  So the verdict line says it all at
once - the label (a contract, DESIGN.md section 3), whether the file is fit to use, how
sure the sample is - and everything after it is grouped and agrees with it: the reasons
(the verdict's own, the Caution's, the close call's, the first hour, the load, the stated
difficulty), then the changes, numbered in the order to try them, each said once.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import TYPE_CHECKING

from deskgame.report.close_call import more_runs

if TYPE_CHECKING:
    from deskgame.report.balance import BalanceReport


@dataclass(frozen=True)
class VerdictSection:
    headline: str                 # "Verdict: <label>: <fit to use?>[. <how sure>]."
    why: tuple[str, ...]          # sentences
    changes: tuple[str, ...]      # sentences, in the order to try


def _sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def fitness(label: str, caution_kind: str | None, difficulty: str | None) -> str:
    """Whether the file is fit for a workshop, in the words that follow the label."""
    if label == "too harsh":
        return "a team that plays well loses the desk here; not fit for a workshop until changed"
    if label == "too easy":
        if difficulty == "easy":
            return "serving whoever shouts costs nothing here, as a tutorial (difficulty: easy) may want"
        return ("serving whoever shouts costs nothing here; fit for a tutorial only, change it for a "
                "workshop")
    if caution_kind == "inverted":
        return ("usable, but partly inverted: servant ends ahead on some figures, so the debrief may "
                "contradict the lesson; sharpen it first")
    if caution_kind == "faint":
        return "usable, but the lesson is faint; sharpen it for a clearer debrief"
    return "fit for a workshop"


def verdict_section(report: BalanceReport, trap: tuple[str, str], load: tuple[str, str],
                    stated: str) -> VerdictSection:
    """The verdict line, the reasons and the changes, from the report's parts: ``trap`` and
    ``load`` are (finding, advice) pairs, ``stated`` the difficulty note."""
    verdict, scenario = report.verdict, report.scenario
    runs = len(report.of("triage"))
    if verdict.label == "incomplete":
        return VerdictSection(f"Verdict: incomplete: {verdict.reason}.", (),
                              (_sentence(verdict.change),) if verdict.change else ())
    warned = verdict.caution_parts
    fit = fitness(verdict.label, warned.kind if warned else None, scenario.difficulty)
    headline = f"Verdict: {verdict.label}: {fit}"
    if verdict.close_to:
        others = " or ".join(repr(label) for label in verdict.close_to)
        headline += f" (on {runs} runs, which cannot yet rule out {others}: run more to be sure)"
    headline += "."

    why = [_sentence(verdict.reason)]
    if warned:
        why += [_sentence(f"{warned.kind}: {found}") for found in warned.found]
    why += [_sentence(f"not yet sure: {reason}") for reason in verdict.close_whys]
    trap_finding, trap_advice = trap
    if trap_finding:
        why.append(trap_finding)
    load_found, load_fix = load
    if load_found:
        why.append(_sentence(load_found))
    agrees = bool(stated) and ("agrees" in stated or "states no difficulty" in stated
                               or verdict.label == "too harsh")
    if agrees:
        why.append(stated)

    changes: list[str] = []
    if verdict.close_whys:   # first: another sample may give another verdict, and other changes
        changes.append(_sentence(f"be sure first: {more_runs(runs)}"))
    meant_easy = scenario.difficulty == "easy" and verdict.label == "too easy"
    if verdict.change and not meant_easy:
        changes.append(_sentence(verdict.change))
    if warned:
        changes += [_sentence(fix) for fix in warned.fixes]
    if trap_advice and verdict.label != "too harsh":   # louder callers would only sink triage more
        changes.append(trap_advice)
    busier = any("busier" in change or "rates towards" in change for change in changes)
    if load_fix and not busier:
        changes.append(_sentence(load_fix))
    if stated and not agrees:
        changes.append(stated)
    return VerdictSection(headline, tuple(why), tuple(changes))


def render_section(section: VerdictSection, width: int) -> str:
    """The section as text: the verdict line, "Why:" and "What to change:" as lists wrapped
    to ``width`` with hanging indents (a list a room can read down)."""
    lines = textwrap.wrap(section.headline, width, subsequent_indent="  ")
    if section.why:
        lines.append("Why:")
        for reason in section.why:
            lines += textwrap.wrap(reason, width, initial_indent="  - ", subsequent_indent="    ")
    lines.append("What to change:")
    if not section.changes:
        lines.append("  nothing: the file is ready.")
    for number, change in enumerate(section.changes, start=1):
        lines += textwrap.wrap(change, width, initial_indent=f"  {number}. ", subsequent_indent="     ")
    return "\n".join(lines) + "\n"
