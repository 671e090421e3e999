"""The scenario format ``deskgame/1``, written once in the spec language.

Both the loader (``SCENARIO.convert``) and ``deskgame schema`` (``SCENARIO.schema()``)
read this definition; docs/scenarios.md documents the same keys for people.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from deskgame.scenario import model as m
from deskgame.scenario.limits import MAX_LIST_ITEMS, MAX_ROUND_DAYS, MAX_ROUNDS
from deskgame.scenario.spec import (
    Bool,
    Choice,
    Clock,
    ClockMap,
    Const,
    Duration,
    Enum,
    Field,
    ListOf,
    Number,
    ProbabilityMap,
    Rate,
    Record,
    Str,
    Tagged,
)

FORMAT = "deskgame/1"

NAME = Str(expected="a name")
NAMES = ListOf(item=NAME, unique=True, max_items=MAX_LIST_ITEMS)
SKILLS = ListOf(item=Str(expected="a skill name"), min_items=1, unique=True, max_items=50)
EFFORT_MINUTES = Duration(maximum_minutes=7 * 1440)
CUSTOMER_CHOICE = Choice(options=(Const(value="all"), NAMES),
                         description='"all" or a list of customer names')


def _effort_variant(dist: str, **fields: Field) -> Record:
    return Record(fields=fields, build=partial(m.Effort, dist), title=f"a {dist} distribution")


EFFORT = Tagged(
    tag_key="dist",
    description="a service-time distribution",
    variants={
        "exponential": _effort_variant("exponential", mean=Field(EFFORT_MINUTES, required=True)),
        "lognormal": _effort_variant("lognormal", mean=Field(EFFORT_MINUTES, required=True),
                                     sd=Field(EFFORT_MINUTES, required=True)),
        "fixed": _effort_variant("fixed", value=Field(EFFORT_MINUTES, required=True)),
        "uniform": _effort_variant("uniform", min=Field(Duration(allow_zero=True), required=True),
                                   max=Field(EFFORT_MINUTES, required=True)),
        "triangular": _effort_variant("triangular", min=Field(Duration(allow_zero=True), required=True),
                                      mode=Field(Duration(allow_zero=True), required=True),
                                      max=Field(EFFORT_MINUTES, required=True)),
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
            "at": Field(AT, required=True),
            "service": Field(NAME, required=True, doc="the service id that goes down"),
            "duration": Field(Duration(), required=True, doc="how long it is down without a fix"),
            "surge": Field(Rate(), required=True, doc="extra calls about it while it is down"),
            "fix": Field(Record(build=m.Fix, title="a fix {skills, effort}", fields={
                "skills": Field(SKILLS, required=True),
                "effort": Field(EFFORT, required=True),
            }), doc="a specialist with these skills can end the outage after this effort"),
            "title": Field(Str(), doc="what the callers say"),
        }),
        "wave": Record(build=m.Wave, title="a wave", fields={
            "at": Field(AT, required=True),
            "duration": Field(Duration(), required=True),
            "demand": Field(ListOf(item=NAME, min_items=1, unique=True), required=True,
                            doc="ids of the demand entries that swell"),
            "factor": Field(Number(minimum=0, exclusive_minimum=True, maximum=100), default=2.0,
                            doc="their rate is multiplied by this while the wave lasts"),
        }),
        "absence": Record(build=m.Absence, title="an absence", fields={
            "at": Field(AT, required=True),
            "agent": Field(NAME, required=True, doc="the team member who is off"),
            "duration": Field(Duration(), doc="how long; default the rest of the round"),
        }),
        "social_storm": Record(build=m.SocialStorm, title="a social storm", fields={
            "at": Field(AT, required=True),
            "duration": Field(Duration(), required=True),
            "customers": Field(CUSTOMER_CHOICE, default="all"),
            "hit": Field(Number(minimum=0, maximum=100), default=5.0,
                         doc="satisfaction points lost at once by the customers named"),
            "amplify": Field(Number(minimum=1, maximum=10), default=2.0,
                             doc="while it lasts, public posts spread this many times further"),
        }),
    },
)


DEMAND = Record(build=m.Demand, title="a demand entry", fields={
    "kind": Field(Enum(values=m.DEMAND_KINDS), required=True),
    "service": Field(NAME, required=True, doc="the service id it concerns"),
    "rate": Field(Rate(), required=True, doc="mean arrivals over the round"),
    "effort": Field(EFFORT, required=True, doc="work needed per ticket"),
    "skills": Field(SKILLS, required=True, doc="skills an agent needs to work it"),
    "id": Field(NAME, doc="stable name of its random stream; default kind-service-index"),
    "customers": Field(CUSTOMER_CHOICE, default="all"),
    "profile": Field(Choice(options=(Enum(values=("flat", "workday")), ClockMap())),
                     default="flat", doc="how arrivals spread over the round"),
    "impact": Field(ProbabilityMap(levels=m.LEVELS), doc="default: the service's impact"),
    "urgency": Field(ProbabilityMap(levels=m.LEVELS),
                     default=(("low", 0.0), ("medium", 1.0), ("high", 0.0))),
    "channels": Field(ProbabilityMap(levels=m.CHANNELS), doc="default: by kind"),
    "titles": Field(ListOf(item=Str(max_length=200), min_items=1, max_items=500),
                    doc="what callers say; default built in per kind"),
    "devices": Field(ListOf(item=Str(max_length=100), min_items=1, unique=True, max_items=200),
                     doc="byod only: devices and apps that need learning"),
})

SCENARIO = Record(build=dict, title="a scenario", fields={
    "format": Field(Const(value=FORMAT), required=True),
    "title": Field(Str(max_length=200), required=True),
    "briefing": Field(Str(max_length=20_000), default=""),
    "seed": Field(Number(integer=True, minimum=0, maximum=2**63 - 1), default=1),
    "rounds": Field(Number(integer=True, minimum=1, maximum=MAX_ROUNDS), default=1),
    "round": Field(Record(build=m.RoundShape, title="a round {length, start, warmup}", fields={
        "length": Field(Duration(maximum_minutes=MAX_ROUND_DAYS * 1440), default=480.0),
        "start": Field(Clock(), default=480.0),
        "warmup": Field(Duration(allow_zero=True, maximum_minutes=MAX_ROUND_DAYS * 1440), default=0.0),
    }), default=m.RoundShape),
    "fatigue": Field(Bool(), default=True),
    "team": Field(ListOf(min_items=1, max_items=MAX_LIST_ITEMS, item=Record(
        build=m.TeamMember, title="a team member", fields={
            "name": Field(NAME, required=True),
            "role": Field(Enum(values=m.ROLES), required=True),
            "skills": Field(SKILLS, required=True),
            "empathy": Field(Number(minimum=0, maximum=1), default=0.7),
            "known_by": Field(NAMES, default=()),
        })), required=True),
    "customers": Field(ListOf(min_items=1, max_items=MAX_LIST_ITEMS, item=Record(
        build=m.Customer, title="a customer", fields={
            "name": Field(NAME, required=True),
            "size": Field(Number(integer=True, minimum=1, maximum=1_000_000), default=50),
            "influence": Field(Number(minimum=0, maximum=1000)),
            "patience": Field(Duration(), default=30.0),
            "satisfaction": Field(Number(minimum=0, maximum=100), default=60.0),
        })), required=True),
    "services": Field(ListOf(min_items=1, max_items=MAX_LIST_ITEMS, item=Record(
        build=m.Service, title="a service", fields={
            "id": Field(NAME, required=True),
            "name": Field(NAME, required=True),
            "impact": Field(Enum(values=m.LEVELS), default="medium"),
        })), required=True),
    "demand": Field(ListOf(item=DEMAND, min_items=1, max_items=MAX_LIST_ITEMS), required=True),
    "events": Field(ListOf(item=EVENT, max_items=MAX_LIST_ITEMS), default=()),
    "improvements": Field(Record(build=m.Improvements, title="improvements {budget, offer}",
                                 fields={
        "budget": Field(Number(integer=True, minimum=0, maximum=100), default=3),
        "offer": Field(Choice(options=(Const(value="all"), ListOf(
            item=Enum(values=m.IMPROVEMENT_IDS), unique=True))), default="all"),
    }), default=m.Improvements),
    "scoring": Field(Record(build=m.Scoring, title="scoring {weights, outsourcing_below}", fields={
        "weights": Field(ProbabilityMap(levels=m.KPI_WEIGHTS, what="weights"),
                         default=m.Scoring().weights),
        "outsourcing_below": Field(Number(minimum=0, maximum=100), default=45.0),
    }), default=m.Scoring),
    "sla": Field(Record(build=lambda **kw: tuple(kw.items()), title="response targets",
                        fields={p: Field(Duration(), default=dict(m.Scenario.sla)[p])
                                for p in m.PRIORITIES}),
                 default=lambda: m.Scenario.sla),
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
