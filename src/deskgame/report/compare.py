"""This round beside the last, in numbers and in plain words ("Sales waited half as long").

Why a module of its own, without pygame: the Awareness screen answers "did our change
work?", and the words it says must follow from the numbers.  Tests hand it made-up rounds
and check the sentences; the screen only draws what comes out.

Every input is a round record as ``session.outcome.round_record`` makes it (and the
results file keeps): ``kpis``, ``tickets``, ``series``, ``posts`` and ``improvements``.
Which tickets a wait or an SLA figure counts is ``report.round_figures``' to say.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from deskgame.engine.cards import card_title
from deskgame.report.round_figures import (
    PRIORITIES,
    WorldFacts,
    department_satisfaction,
    department_waits,
    desk_rows,
    sla_by_priority,
)

# Cards that change what customers expect of a wait (engine ``Effects.catalogue``): waits can
# rise while satisfaction rises, and the comparison must say why.
EXPECTATION_CARDS = ("service_catalog",)
MORE_UPDATES = 5          # updates: this many more than last round, and ...
MORE_UPDATES_RATIO = 1.5  # ... this many times as many, soften waits enough to be a reason

# How big a change must be before it is worth a word (smaller: "about the same").
SAME_RATIO = 0.12        # waits and hidden work: within 12% either way
SAME_POINTS = 2.0        # trust and satisfaction, in points of 0-100
SAME_SHARE = 0.05        # SLA met, as a share (5 percentage points)
MIN_WAIT = 1.0           # minutes: shorter mean waits are "no wait" (a ratio of them means nothing)
MIN_HIDDEN = 5.0         # minutes of hidden work below which a round had "almost none"
HEADLINE_ITEMS = 3       # the sentence under the heading names at most this many changes

# What the screens draw between last round's figure and this round's, and the words that
# explain each mark.  "=" only ever stands between two figures that read the same: 66 and 67
# are not equal, they moved too little to count, and a room reading "66 = 67" sees wrong maths.
MARK_WORDS = {
    "up": "went up",
    "down": "went down",
    "steady": "steady",               # it moved, by less than the thresholds above
    "equal": "the same",
    "apart": "not comparable",        # one round had none to compare
}


@dataclass(frozen=True)
class Change:
    """One figure, last round and this round, with the words the room reads.

    ``direction`` is "up", "down" or "same" (the arrow); ``better`` says whether the change
    is good news (None when it is neither); ``weight`` ranks it for the headline.
    """

    group: str          # "trust", "satisfaction", "sla", "wait", "hidden", "posts"
    label: str
    last: float | None
    this: float | None
    shown_last: str
    shown_this: str
    direction: str
    better: bool | None
    words: str
    weight: float
    why: str = ""       # a wait up, satisfaction not down: the model's reason (``wait_reasons``)

    @property
    def mark(self) -> str:
        """What stands between the two figures on screen (a key of ``MARK_WORDS``).

        A change too small to count is "steady" when the figures differ (an arrow, never "="),
        "equal" only when they read the same, and "apart" when a round had nothing to show.
        """
        if self.direction != "same":
            return self.direction
        if self.last is None or self.this is None:
            return "apart"
        return "equal" if self.shown_last == self.shown_this else "steady"

    @property
    def pair_words(self) -> str:
        """The pair in words: "66 to 67, steady"; "100% to 100%, the same"."""
        return f"{self.shown_last} to {self.shown_this}, {MARK_WORDS[self.mark]}"


# ---------------------------------------------------------------- words
def ratio_words(ratio: float) -> str:
    """A ratio of this round to the last as a person says it: "half", "twice", "30% more"."""
    if ratio >= 2.75:
        return f"{ratio:.0f} times"
    if ratio >= 1.8:
        return "twice"
    if ratio <= 0.2:
        return "a fifth"
    if ratio <= 0.29:
        return "a quarter"
    if ratio <= 0.4:
        return "a third"
    if ratio <= 0.6:
        return "half"
    change = round(abs(ratio - 1) * 100 / 5) * 5 or 5
    return f"{change:.0f}% {'more' if ratio > 1 else 'less'}"


def _minutes(value: float) -> str:
    return f"{value:.0f} min"


def _wait_change(name: str, last: float | None, this: float | None) -> Change | None:
    if last is None or this is None:
        return None
    if last < MIN_WAIT and this < MIN_WAIT:
        direction, words, weight = "same", f"{name} hardly waited either round", 0.0
    elif last < MIN_WAIT or this < MIN_WAIT:
        direction = "up" if this > last else "down"
        words = f"{name} waited {_minutes(this)}, after {_minutes(last)} last round"
        weight = 1.5
    else:
        ratio = this / last
        if abs(ratio - 1) < SAME_RATIO:
            direction, words, weight = "same", f"{name} waited about as long", 0.0
        else:
            direction = "up" if ratio > 1 else "down"
            said = ratio_words(ratio)
            if said.endswith(("more", "less")):
                amount = said.split()[0]
                words = f"{name} waited {amount} {'longer' if ratio > 1 else 'less'}"
            else:
                words = f"{name} waited {said} as long"
            weight = abs(_log2(ratio))
    better = None if direction == "same" else direction == "down"
    return Change("wait", name, last, this, _minutes(last), _minutes(this), direction, better, words, weight)


def _hidden_change(last: float, this: float) -> Change:
    if last < MIN_HIDDEN and this < MIN_HIDDEN:
        direction, words, weight = "same", "almost no hidden work either round", 0.0
    elif last < MIN_HIDDEN:
        direction, words, weight = "up", f"hidden work appeared: {_minutes(this)} off the books", 2.0
    elif this < MIN_HIDDEN:
        direction, words, weight = "down", f"hidden work all but gone (was {_minutes(last)})", 2.0
    else:
        ratio = this / last
        if abs(ratio - 1) < SAME_RATIO:
            direction, words, weight = "same", "hidden work about the same", 0.0
        else:
            direction = "up" if ratio > 1 else "down"
            said = ratio_words(ratio)
            if said == "twice":
                words = "hidden work doubled"
            elif said == "half":
                words = "hidden work halved"
            elif said.endswith(("more", "less")):
                words = f"hidden work {'rose' if ratio > 1 else 'fell'} {said.split()[0]}"
            elif ratio > 1:
                words = f"hidden work grew {said} over"
            else:
                words = f"hidden work fell to {said} of last round's"
            weight = abs(_log2(ratio))
    better = None if direction == "same" else direction == "down"
    return Change("hidden", "Hidden work", last, this, _minutes(last), _minutes(this), direction, better,
                  words, weight)


def points_change(group: str, label: str, subject: str, last: float, this: float) -> Change:
    """A 0-100 figure (trust, a department's satisfaction), last round's beside this one's."""
    diff = this - last
    if abs(diff) < SAME_POINTS:
        direction, words, weight = "same", f"{subject} held steady at {this:.0f}", 0.0
    else:
        direction = "up" if diff > 0 else "down"
        verb = "rose" if diff > 0 else "fell"
        words = f"{subject} {verb} {abs(diff):.0f} points to {this:.0f}"
        weight = abs(diff) / 8
    better = None if direction == "same" else direction == "up"
    return Change(group, label, last, this, f"{last:.0f}", f"{this:.0f}", direction, better, words, weight)


def _sla_change(priority: str, last: tuple[float, int], this: tuple[float, int]) -> Change | None:
    (share_last, count_last), (share_this, count_this) = last, this
    if not count_last and not count_this:
        return None
    shown_last = f"{share_last:.0%}" if count_last else "none"
    shown_this = f"{share_this:.0%}" if count_this else "none"
    if not count_last or not count_this:
        return Change("sla", f"{priority} SLA met", share_last if count_last else None,
                      share_this if count_this else None, shown_last, shown_this, "same", None,
                      f"no {priority} tickets {'this' if not count_this else 'last'} round", 0.0)
    diff = share_this - share_last
    if abs(diff) < SAME_SHARE:
        direction, words, weight = "same", f"{priority} SLA met as often", 0.0
    else:
        direction = "up" if diff > 0 else "down"
        words = f"{priority} SLA met {share_this:.0%}, {'up' if diff > 0 else 'down'} from {share_last:.0%}"
        weight = abs(diff) * 3 * (1.5 if priority in ("P1", "P2") else 1.0)
    better = None if direction == "same" else direction == "up"
    return Change("sla", f"{priority} SLA met", share_last, share_this, shown_last, shown_this, direction,
                  better, words, weight)


def _posts_change(last: int, this: int) -> Change:
    if last == this:
        direction, weight = "same", 0.0
        words = "no public posts either round" if this == 0 else f"{this} public posts again"
    else:
        direction = "up" if this > last else "down"
        count = f"{this} public post{'s' if this != 1 else ''}" if this else "no public posts"
        words = f"{count}, {'up' if this > last else 'down'} from {last}"
        weight = min(3.0, abs(this - last) / max(1, min(this, last)))
    better = None if direction == "same" else direction == "down"
    return Change("posts", "Public posts", last, this, str(last), str(this), direction, better, words, weight)


def _log2(value: float) -> float:
    import math

    return math.log2(value) if value > 0 else 0.0


# ---------------------------------------------------------------- the comparison
def compare_rounds(last: dict[str, Any], this: dict[str, Any], targets: dict[str, float],
                   facts: WorldFacts | None = None) -> list[Change]:
    """Every figure of ``this`` round beside ``last`` round's, in the screen's order."""
    changes: list[Change] = [
        points_change("trust", "Business trust", "trust", last["kpis"]["trust"], this["kpis"]["trust"]),
    ]
    sat_last, sat_this = department_satisfaction(last), department_satisfaction(this)
    satisfaction: dict[str, Change] = {}
    for name in sat_this:
        if name in sat_last:
            satisfaction[name] = points_change("satisfaction", name, f"{name} satisfaction", sat_last[name],
                                               sat_this[name])
            changes.append(satisfaction[name])
    sla_last, sla_this = sla_by_priority(last, targets, facts), sla_by_priority(this, targets, facts)
    for (priority, share_l, n_l), (_, share_t, n_t) in zip(sla_last, sla_this, strict=True):
        change = _sla_change(priority, (share_l, n_l), (share_t, n_t))
        if change is not None:
            changes.append(change)
    waits_last, waits_this = department_waits(last, facts), department_waits(this, facts)
    for name in sat_this or waits_this:
        change = _wait_change(name, waits_last.get(name), waits_this.get(name))
        if change is not None:
            sat = satisfaction.get(name)
            if change.direction == "up" and change.weight > 0 and sat is not None and sat.direction != "down":
                change = replace(change, why=wait_reasons(last, this, targets, facts))
            changes.append(change)
    changes.append(_hidden_change(last["kpis"]["hidden_work_min"], this["kpis"]["hidden_work_min"]))
    changes.append(_posts_change(len(last["posts"]), len(this["posts"])))
    return changes


def _duration(minutes: float) -> str:
    """A response time as a room says it: "30 min", "2 h", "1.5 h"."""
    return f"{minutes:.0f} min" if minutes < 60 else f"{minutes / 60:g} h"


def wait_reasons(last: dict[str, Any], this: dict[str, Any], targets: dict[str, float],
                 facts: WorldFacts | None) -> str:
    """Why a department waited longer and was no less satisfied, from the model's own facts
    (docs/model.md): a card new this round that changed what customers expect of a wait (the
    service catalogue: the published response time instead of "now"), or the desk keeping
    more of them informed while they waited (updates soften a wait).  "" when neither is so:
    the screen does not guess.
    """
    reasons = []
    new_cards = [card for card in this.get("improvements", []) if card in EXPECTATION_CARDS
                 and card not in last.get("improvements", [])]
    if new_cards:
        # The promises most of the round's customers were given: its two commonest priorities.
        priorities = [t["priority"] for t in desk_rows(this, facts) if t["priority"] in targets]
        common = sorted(sorted(PRIORITIES, key=lambda p: -priorities.count(p))[:2], key=PRIORITIES.index)
        times = ", ".join(f"{p} {_duration(targets[p])}" for p in common if p in priorities)
        reasons.append(f"the new {card_title(new_cards[0])} card has customers expect the published "
                       f"times{f' ({times})' if times else ''}, not an answer now")
    if facts is not None and "round" in last and "round" in this:
        before, now = facts.updates.get(last["round"], 0), facts.updates.get(this["round"], 0)
        if now >= before + MORE_UPDATES and now >= before * MORE_UPDATES_RATIO:
            reasons.append(f"the desk sent {now} updates to people waiting ({before} last round), "
                           "and being kept informed softens a wait")
    return "; and ".join(reasons)


def headline(changes: list[Change], limit: int = HEADLINE_ITEMS) -> str:
    """The biggest changes in one sentence: "Sales waited half as long; hidden work doubled".

    Ranked by ``weight``; a change with no weight ("about the same") is never news.  When
    nothing moved, it says so.  A change named with a reason (``why``: waits up, yet
    satisfaction not down) is followed by it, so the room never reads the one without the
    other, and the heaviest such change is always named, taking the last place if need be.
    """
    ranked = sorted((c for c in changes if c.weight > 0), key=lambda c: -c.weight)
    news = ranked[:limit]
    explained = [c for c in ranked if c.why]
    if explained and not any(c.why for c in news):
        # A wait that rose with satisfaction goes in even on a short headline: the panel shows
        # both, and a room left to square them alone read the screen as wrong.
        news = [*news[:limit - 1], explained[0]]
    if not news:
        return "Little changed from last round."
    words = "; ".join(c.words for c in news)
    said = words[0].upper() + words[1:] + "."
    explained = [c for c in news if c.why]
    if not explained:
        return said
    return f"{said} {_why_sentence(explained, changes)}"


def reason_question(changes: list[Change]) -> str | None:
    """The headline's reason as a question for the room, for a screen with no room to say it
    in the headline (large text): "Operations waited 6 times as long. Yet satisfaction in
    Operations rose: <the reason>. Better service, or lower hopes?"  None without a reason."""
    explained = [c for c in sorted(changes, key=lambda c: -c.weight) if c.why]
    if not explained:
        return None
    change = explained[0]
    said = change.words[0].upper() + change.words[1:]
    return f"{said}. {_why_sentence([change], changes)} Better service, or lower hopes?"


def _why_sentence(explained: list[Change], changes: list[Change]) -> str:
    """ "Yet satisfaction in Operations rose: <the reasons>." for the waits named
    with a reason (every reason is the round's, the same for each department)."""
    names = [c.label for c in explained]
    moved = {c.direction for c in changes if c.group == "satisfaction" and c.label in names}
    verb = "rose" if moved == {"up"} else "held" if moved == {"same"} else "rose or held"
    who = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"Yet satisfaction in {who} {verb}: {explained[0].why}."


def resolved_split(record: dict[str, Any], length: float) -> tuple[int, int, int]:
    """(resolved, of them new this round, carried over from earlier rounds).

    The round's "resolved" counts every ticket fixed in it; the results keep only the
    tickets that arrived in the round, so those fixed before its end are the new ones and
    the rest came from an earlier round's backlog.
    """
    total = int(record["kpis"]["resolved"])
    new = sum(1 for t in record["tickets"] if t["resolved"] is not None and t["resolved"] < length
              and t["outcome"] == "resolved")
    new = min(new, total)
    return total, new, total - new


def resolved_words(record: dict[str, Any], length: float) -> str:
    """ "99 (96 new, 3 carried over)", or "96" when nothing was carried over."""
    total, new, carried = resolved_split(record, length)
    return f"{total} ({new} new, {carried} carried over)" if carried else str(total)


SCORE_PARTS = (("trust", "trust"), ("sla", "SLA met"), ("morale", "morale"),
               ("throughput", "work done (resolved / arrived)"))


def score_parts(record: dict[str, Any], weights: dict[str, float]) -> list[tuple[str, float, float, float]]:
    """(part, its value 0..1, its weight, the points it gave) of a round's score.

    The same sum as ``session.kpis.round_score``: 100 x the weighted parts.
    """
    k = record["kpis"]
    arrived = record.get("arrived", 0)
    values = {"trust": k["trust"] / 100, "sla": k["sla_met"], "morale": k["morale"],
              "throughput": min(1.0, k["resolved"] / arrived) if arrived else 1.0}
    return [(label, values[key], weights[key], 100 * weights[key] * values[key])
            for key, label in SCORE_PARTS]


def trend_words(values: list[float], what: str) -> str:
    """How a figure went over the rounds: "trust rose from 48 to 61 over 3 rounds"."""
    if len(values) < 2:
        return f"{what} ended at {values[0]:.0f}" if values else ""
    first, last = values[0], values[-1]
    path = " to ".join(f"{v:.0f}" for v in values)
    if abs(last - first) < SAME_POINTS:
        return f"{what} held steady over {len(values)} rounds ({path})"
    return f"{what} {'rose' if last > first else 'fell'} over {len(values)} rounds ({path})"


def best_and_worst(moments: list[dict[str, Any]], neutral: float) -> tuple[dict[str, Any] | None,
                                                                          dict[str, Any] | None]:
    """The best-rated moment above neutral and the worst below it; None where there is none.

    A "worst" moment that still rated above neutral is not a bad moment: on a good day the
    session has none, and the ending says so instead of calling a good moment the worst.
    """
    good = [m for m in moments if m["rating"] > neutral]
    bad = [m for m in moments if m["rating"] < neutral]
    best = max(good, key=lambda m: (m["rating"], m["delta"])) if good else None
    worst = min(bad, key=lambda m: (m["rating"], m["delta"])) if bad else None
    return best, worst


# ---------------------------------------------------------------- what the rounds were dealt
# A scripted or injected event as a round's headline names it: (one, several).  A round with
# an outage is not a fair match for a round without one, and the room must hear that before
# it reads "waited a fifth as long" as its own doing.
EVENT_NAMES = {
    "absence": ("someone away", "{n} people away"),
    "wave": ("a wave of calls", "{n} waves of calls"),
    "major_incident": ("an outage", "{n} outages"),
    "social_storm": ("a social storm", "{n} social storms"),
}


def events_said(kinds: list[str], callers: int = 0) -> str:
    """A round's events in words, in ``EVENT_NAMES`` order: "an outage and a social storm".

    ``callers``: the outage's callers, said with it (they are left out of the waits)."""
    counted = [(kind, kinds.count(kind)) for kind in EVENT_NAMES if kind in kinds]
    parts = [EVENT_NAMES[k][0] if n == 1 else EVENT_NAMES[k][1].format(n=n) for k, n in counted]
    if callers and "major_incident" in kinds:
        index = [k for k, _ in counted].index("major_incident")
        parts[index] += f" ({callers_words(callers)})"
    if not parts:
        return "nothing unusual"  # "round 1 had none" left a room asking: none of what?
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def callers_words(callers: int) -> str:
    """The outage's callers, counted on their own: "10 callers, not in the waits"."""
    return f"{callers} caller{'s' if callers != 1 else ''}, not in the waits"


def events_words(last_round: int, last_kinds: list[str], this_kinds: list[str],
                 callers: tuple[int, int] = (0, 0),
                 injected: tuple[list[str], list[str]] = ([], [])) -> str | None:
    """How the two rounds' events differ, or None when they were dealt the same:
    "round 1 had an outage and a social storm; this round had nothing unusual".

    ``last_kinds`` and ``this_kinds`` are every event of each round; ``injected`` (last
    round's, this round's) those of them the facilitator injected live, said as theirs:
    "in this round the facilitator brought an outage".  A round with injected events is
    always said (the room must hear whose hand it was, even when the scenario's own round
    before had the same kinds).  Kinds the game does not name (none today) are left out of
    the comparison.  ``callers`` (last round's, this round's) are the outages' callers, said
    with each outage.
    """
    known_last = sorted(k for k in last_kinds if k in EVENT_NAMES)
    known_this = sorted(k for k in this_kinds if k in EVENT_NAMES)
    by_hand_last = sorted(k for k in injected[0] if k in EVENT_NAMES)
    by_hand_this = sorted(k for k in injected[1] if k in EVENT_NAMES)
    if known_last == known_this and by_hand_last == by_hand_this and not by_hand_this:
        return None
    return (f"{dealt_words(f'round {last_round}', known_last, by_hand_last, callers[0])}; "
            f"{dealt_words('this round', known_this, by_hand_this, callers[1])}")


def _without(kinds: list[str], taken: list[str]) -> list[str]:
    """``kinds`` less ``taken``, one for one (a round may have two outages, one injected)."""
    left = list(kinds)
    for kind in taken:
        if kind in left:
            left.remove(kind)
    return left


def dealt_words(which: str, kinds: list[str], injected: list[str], callers: int = 0) -> str:
    """What one round was dealt: "round 1 had an outage", "in this round the facilitator
    brought an outage and a wave of calls", "this round had someone away, and the facilitator
    brought a social storm".  ``kinds`` is every event; ``injected`` those the facilitator
    brought.  The outage's callers go with the first outage said."""
    scripted = _without(kinds, injected)
    if not injected:
        return f"{which} had {events_said(scripted, callers)}"
    brought = events_said(injected, 0 if "major_incident" in scripted else callers)
    if not scripted:
        return f"in {which} the facilitator brought {brought}"
    return f"{which} had {events_said(scripted, callers)}, and the facilitator brought {brought}"


def facilitator_words(injected: list[str], callers: int = 0) -> str | None:
    """The round's injected events as a sentence of their own ("The facilitator brought an
    outage."), for a round with no round before it to compare with; None without any."""
    known = [k for k in injected if k in EVENT_NAMES]
    if not known:
        return None
    return f"The facilitator brought {events_said(known, callers)}."


def headline_with_events(changes: list[Change], events: str | None, limit: int = HEADLINE_ITEMS) -> str:
    """The headline, led by how the rounds' events differed when they did: a calmer day is
    said before the figures it flatters ("Round 1 had an outage; this round had nothing unusual. Board
    waited a fifth as long.")."""
    if events is None:
        return headline(changes, limit)
    dealt = events[0].upper() + events[1:] + "."
    if limit <= 0:  # the events alone: a screen short of room keeps them, and the panel the figures
        return dealt
    return dealt + " " + headline(changes, limit)
