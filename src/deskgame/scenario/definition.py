"""The scenario format ``deskgame/1``, written once in the spec language.

Both the loader (``SCENARIO.convert``) and ``deskgame schema`` (``SCENARIO.schema()``)
read this definition; docs/scenarios.md documents the same keys for people.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from deskgame.scenario import model as m
from deskgame.scenario.limits import (
    MAX_BRIEFING,
    MAX_DEVICE,
    MAX_LIST_ITEMS,
    MAX_NAME,
    MAX_ROUND_DAYS,
    MAX_ROUNDS,
    MAX_SKILLS,
    MAX_TITLE,
    MAX_TITLES,
    MIN_EFFORT_MINUTES,
)
from deskgame.scenario.scales import LEVEL, SHARE, TIMES, WEIGHT
from deskgame.scenario.spec_records import Choice, ClockMap, Field, ListOf, ProbabilityMap, Record, Tagged
from deskgame.scenario.spec_scalars import Bool, Clock, Const, Duration, Enum, Number, Rate, Str

FORMAT = "deskgame/1"

NAME = Str(expected="a name", max_length=MAX_NAME)
NAMES = ListOf(item=NAME, unique=True, max_items=MAX_LIST_ITEMS)
TITLE = Str(expected="a title", max_length=MAX_TITLE)
SKILLS = ListOf(item=Str(expected="a skill name", max_length=MAX_NAME), min_items=1, unique=True,
                max_items=MAX_SKILLS, description="skill names (any words you like; they only have to match)")
# Work shorter than a second cannot be simulated sensibly (and a lognormal's parameters
# overflow for absurdly small means), so every effort is at least 1s (a minimum may be 0).
EFFORT_MINUTES = Duration(maximum_minutes=7 * 1440, minimum_minutes=MIN_EFFORT_MINUTES)
EFFORT_MINIMUM = Duration(allow_zero=True, maximum_minutes=7 * 1440, minimum_minutes=MIN_EFFORT_MINUTES)
CUSTOMER_CHOICE = Choice(options=(Const(value="all"), NAMES),
                         description='"all" or a list of customer names')


def _effort_variant(dist: str, **fields: Field) -> Record:
    return Record(fields=fields, build=partial(m.Effort, dist), title=f"a {dist} distribution")


EFFORT = Tagged(
    tag_key="dist",
    scalar_form="{{dist: fixed, value: {}}}",
    description="a service-time distribution",
    variants={
        "exponential": _effort_variant("exponential", mean=Field(
            EFFORT_MINUTES, required=True, doc="mean effort (1s to 7d)")),
        "lognormal": _effort_variant(
            "lognormal", mean=Field(EFFORT_MINUTES, required=True, doc="mean effort (1s to 7d)"),
            sd=Field(EFFORT_MINUTES, required=True,
                     doc="standard deviation of the effort itself, not of its log (1s to 7d)")),
        "fixed": _effort_variant("fixed", value=Field(EFFORT_MINUTES, required=True,
                                                      doc="every ticket takes exactly this (1s to 7d)")),
        "uniform": _effort_variant(
            "uniform", min=Field(EFFORT_MINIMUM, required=True, doc="shortest effort (0, or 1s to 7d)"),
            max=Field(EFFORT_MINUTES, required=True, doc="longest effort, above min")),
        "triangular": _effort_variant(
            "triangular", min=Field(EFFORT_MINIMUM, required=True, doc="shortest effort (0, or 1s to 7d)"),
            mode=Field(EFFORT_MINIMUM, required=True, doc="most likely effort, min <= mode <= max"),
            max=Field(EFFORT_MINUTES, required=True,
                      doc="longest effort; min = mode = max is a fixed effort")),
    },
)

AT = Record(
    title="an event time {round, time}",
    build=m.EventTime,
    fields={
        "round": Field(Number(integer=True, minimum=1, maximum=MAX_ROUNDS), default=1,
                       doc="which round (1 = the first)"),
        "time": Field(Clock(), required=True, doc='clock time "HH:MM" within the round'),
        "day": Field(Number(integer=True, minimum=1, maximum=MAX_ROUND_DAYS), default=1,
                     doc="in a round longer than a day: which time the clock shows `time` "
                         "(1 = the first after the round starts)"),
    },
)

EVENT = Tagged(
    tag_key="kind",
    description="a scripted event",
    variants={
        "major_incident": Record(build=m.MajorIncident, title="a major incident", fields={
            "at": Field(AT, required=True, doc="when it starts: {round, time}"),
            "service": Field(NAME, required=True, doc="the service id that goes down"),
            "duration": Field(Duration(), required=True, doc="how long it is down without a fix"),
            "surge": Field(Rate(), required=True, doc="extra calls about it while it is down"),
            "fix": Field(Record(build=m.Fix, title="a fix {skills, effort}", fields={
                "skills": Field(SKILLS, required=True, doc="skills a specialist needs to fix it"),
                "effort": Field(EFFORT, required=True, doc="the work of the fix"),
            }), doc="a specialist with these skills can end the outage after this effort; "
                    "default: no fix, the outage lasts its duration"),
            "title": Field(TITLE, doc="what the callers say; default built in"),
        }),
        "wave": Record(build=m.Wave, title="a wave", fields={
            "at": Field(AT, required=True, doc="when it starts: {round, time}"),
            "duration": Field(Duration(), required=True, doc="how long the wave lasts"),
            "demand": Field(ListOf(item=NAME, min_items=1, unique=True, max_items=MAX_LIST_ITEMS),
                            required=True, doc="ids of the demand entries that swell"),
            "factor": Field(Number(minimum=0, exclusive_minimum=True, maximum=100, scale=TIMES,
                                   meaning="factor is a multiplier"), default=2.0,
                            doc="their rate is multiplied by this while the wave lasts"),
        }),
        "absence": Record(build=m.Absence, title="an absence", fields={
            "at": Field(AT, required=True, doc="when it starts: {round, time}"),
            "agent": Field(NAME, required=True, doc="the team member who is off"),
            "duration": Field(Duration(), doc="how long; default: the rest of the session (later "
                                              "rounds too)"),
            "reason": Field(Str(expected="a few words", max_length=MAX_NAME), default="",
                            doc="why they are away (\"off sick\"), said on the debrief chart and in "
                                "their own line; default: what the briefing says (\"Ravi is off "
                                "sick\"), else just \"away\""),
        }),
        "social_storm": Record(build=m.SocialStorm, title="a social storm", fields={
            "at": Field(AT, required=True, doc="when it starts: {round, time}"),
            "duration": Field(Duration(), required=True, doc="how long the storm lasts"),
            "customers": Field(CUSTOMER_CHOICE, default="all", doc="who posts and is hit"),
            "hit": Field(Number(minimum=0, maximum=100, scale=LEVEL,
                                meaning="hit is the satisfaction points lost at once (0-100 scale, "
                                        "default 5)"),
                         default=5.0,
                         doc="satisfaction points (0-100 scale) lost at once by the customers named; a value "
                             "between 0 and 1 is refused: 0.3 is a share of 1, write 30"),
            "amplify": Field(Number(minimum=1, maximum=10, scale=TIMES, meaning="amplify is a multiplier"),
                             default=2.0,
                             doc="while it lasts, public posts spread this many times further"),
        }),
    },
)


DEMAND = Record(build=m.Demand, title="a demand entry", fields={
    "kind": Field(Enum(values=m.DEMAND_KINDS), required=True, doc="what arrives"),
    "service": Field(NAME, required=True, doc="the service id it concerns"),
    "rate": Field(Rate(), required=True, doc="mean arrivals over the round"),
    "effort": Field(EFFORT, required=True, doc="work needed per ticket"),
    "skills": Field(SKILLS, required=True, doc="skills an agent needs to work it"),
    "id": Field(NAME, doc="stable name of its random stream; default kind-service-index"),
    "customers": Field(CUSTOMER_CHOICE, default="all", doc="who sends it (picked by size)"),
    "profile": Field(Choice(options=(Enum(values=("flat", "workday")), ClockMap())),
                     default="flat", doc="how arrivals spread over the round"),
    "impact": Field(ProbabilityMap(levels=m.LEVELS),
                    doc="true business impact, probabilities of low/medium/high; "
                        "default: the service's impact"),
    "urgency": Field(ProbabilityMap(levels=m.LEVELS), default=(("low", 0.0), ("medium", 1.0), ("high", 0.0)),
                     doc="stated urgency, probabilities of low/medium/high"),
    "channels": Field(ProbabilityMap(levels=m.CHANNELS),
                      doc="how tickets arrive, probabilities per channel; default: by kind"),
    "titles": Field(ListOf(item=TITLE, min_items=1, max_items=MAX_TITLES),
                    doc="what callers say; default built in per kind"),
    "devices": Field(ListOf(item=Str(expected="a device name", max_length=MAX_DEVICE), min_items=1,
                            unique=True, max_items=MAX_LIST_ITEMS),
                     doc="byod only: devices and apps that need learning; default built in"),
})

SCENARIO = Record(build=dict, title="a scenario", fields={
    "format": Field(Const(value=FORMAT), required=True, doc=f"always {FORMAT}"),
    "title": Field(TITLE, required=True, doc="shown on the title screen and in reports"),
    "briefing": Field(Str(max_length=MAX_BRIEFING, multiline=True), default="",
                      doc="what the team reads before round 1; deskgame scenarios shows its first "
                          "sentence"),
    "facilitator_notes": Field(Str(max_length=MAX_BRIEFING, multiline=True), default="",
                               doc="for the facilitator only: shown in the debrief report and, "
                                   "only after pressing N, in the F9 console"),
    "difficulty": Field(Enum(values=m.DIFFICULTIES),
                        doc="easy, normal or hard: shown on the title screen; easy matches a "
                            "'too easy' verdict of deskgame balance, normal and hard 'teaches the "
                            "lesson'; default: not stated"),
    "tutorial": Field(Bool(), default=False,
                      doc="true: the guided first round (the title offers it to new players, and "
                          "hints explain each thing the first time it appears, pausing the game)"),
    "seed": Field(Number(integer=True, minimum=0, maximum=2**63 - 1), default=1,
                  doc="the random seed of play and run, and the first of deskgame balance's seeds "
                      "(--seed overrides it)"),
    "rounds": Field(Number(integer=True, minimum=1, maximum=MAX_ROUNDS), default=1,
                    doc=f"how many rounds, 1 to {MAX_ROUNDS}; the world carries over between them"),
    "round": Field(Record(build=m.RoundShape, title="a round {length, start, warmup}", fields={
        "length": Field(Duration(maximum_minutes=MAX_ROUND_DAYS * 1440), default=480.0,
                        doc=f"simulated length of a round (at most {MAX_ROUND_DAYS}d)"),
        "start": Field(Clock(), default=480.0, doc='the clock time a round starts at, "HH:MM"'),
        "warmup": Field(Duration(allow_zero=True, maximum_minutes=MAX_ROUND_DAYS * 1440), default=0.0,
                        doc="statistics ignore tickets arriving this early in a round (0 or a duration "
                            "shorter than the round)"),
    }), default=m.RoundShape, doc="the shape of every round"),
    "fatigue": Field(Bool(), default=True,
                     doc="false: morale never changes and never slows work"),
    "team": Field(ListOf(min_items=1, max_items=MAX_LIST_ITEMS, item=Record(
        build=m.TeamMember, title="a team member", description="one agent of the desk", fields={
            "name": Field(NAME, required=True, doc=f"unique name (at most {MAX_NAME} characters)"),
            "role": Field(Enum(values=m.ROLES), required=True,
                          doc="desk (first line), specialist (end-runs, fixes) or field (on site)"),
            "skills": Field(SKILLS, required=True, doc="what this agent can work on (at least one)"),
            "empathy": Field(Number(minimum=0, maximum=1, scale=SHARE, meaning="empathy is a share of 1"),
                             default=0.7,
                             doc="0 to 1, a share of 1 (0.8, not 80%): how well the agent handles people"),
            "known_by": Field(NAMES, default=(),
                              doc="customers who call this agent directly (end-runs)"),
        })), required=True, doc="the desk's agents"),
    "customers": Field(ListOf(min_items=1, max_items=MAX_LIST_ITEMS, item=Record(
        build=m.Customer, title="a customer", description="one department of the business", fields={
            "name": Field(NAME, required=True, doc=f"unique name (at most {MAX_NAME} characters)"),
            "size": Field(Number(integer=True, minimum=1, maximum=1_000_000), default=50,
                          doc="people in it: its share of each demand entry's tickets and of a major "
                              "incident's callers, and how many experiences it takes to change its mind"),
            "influence": Field(Number(minimum=0, maximum=1000, scale=WEIGHT, meaning="influence is a weight "
                                                "(only the ratios between customers count)"),
                               doc="its weight in business trust (normalised); default: the mean of "
                                   "the others given, or equal weights if none is"),
            "patience": Field(Duration(), default=30.0,
                              doc="waiting beyond this hurts more (never removes a ticket)"),
            "satisfaction": Field(Number(minimum=0, maximum=100, scale=LEVEL,
                                         meaning="satisfaction is on the 0-100 scale"), default=60.0,
                                  doc="satisfaction at the start, 0 to 100 (a value between 0 and 1 is "
                                      "refused: 0.6 is a share of 1, write 60)"),
        })), required=True, doc="the departments the desk serves"),
    "services": Field(ListOf(min_items=1, max_items=MAX_LIST_ITEMS, item=Record(
        build=m.Service, title="a service", description="a business service", fields={
            "id": Field(NAME, required=True, doc="unique id that demand and events refer to"),
            "name": Field(NAME, required=True, doc=f"shown on the board (at most {MAX_NAME} characters)"),
            "impact": Field(Enum(values=m.LEVELS), default="medium",
                            doc="business impact: the default impact of its tickets and of its outage"),
        })), required=True, doc="the business services"),
    "demand": Field(ListOf(item=DEMAND, min_items=1, max_items=MAX_LIST_ITEMS), required=True,
                    doc="what arrives during a round"),
    "events": Field(ListOf(item=EVENT, max_items=MAX_LIST_ITEMS), default=(),
                    doc="scripted events: major_incident, wave, absence, social_storm"),
    "improvements": Field(Record(build=m.Improvements, title="improvements {budget, offer}",
                                 fields={
        "budget": Field(Number(integer=True, minimum=0, maximum=100), default=3,
                        doc="cost points a team may spend between rounds"),
        "offer": Field(Choice(options=(Const(value="all"), ListOf(
            item=Enum(values=m.IMPROVEMENT_IDS), unique=True))), default="all",
            doc='"all" or a list of card ids offered'),
    }), default=m.Improvements, doc="the improvement cards offered between rounds"),
    "scoring": Field(Record(build=m.Scoring, title="scoring {weights, outsourcing_below}", fields={
        "weights": Field(ProbabilityMap(levels=m.KPI_WEIGHTS, what="weights"),
                         default=m.Scoring().weights, doc="weights of the round score, summing to 1"),
        "outsourcing_below": Field(Number(minimum=0, maximum=100, scale=LEVEL,
                                          meaning="outsourcing_below is a trust line on the 0-100 scale"),
                                   default=45.0,
                                   doc="trust (0-100) below this at a round's end puts the desk on notice; "
                                       "twice in a row and it is outsourced (a value between 0 and 1 is "
                                       "refused: 0.4 is a share of 1, write 40)"),
    }), default=m.Scoring, doc="how rounds are scored"),
    "sla": Field(Record(build=lambda **kw: tuple(kw.items()), title="response targets",
                        fields={p: Field(Duration(), default=dict(m.Scenario.sla)[p],
                                         doc=f"time within which work on a {p} ticket should start")
                                for p in m.PRIORITIES}),
                 default=lambda: m.Scenario.sla, doc="the desk's response targets per priority"),
})


def json_schema() -> dict[str, Any]:
    """The JSON Schema of ``deskgame/1`` (draft 2020-12), generated from ``SCENARIO``."""
    schema = SCENARIO.schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://deskgame.invalid/schema/deskgame-1.json",
        "title": "deskgame scenario (format deskgame/1)",
        **schema,
    }
