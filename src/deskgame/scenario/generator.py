"""A seeded generator of plausible ``deskgame/1`` scenarios at an offered load you ask for.

Why: the game's lessons must hold in the files facilitators write, not only in the
bundled ones.  The tests and ``benchmarks/validity.py`` sample this family: team sizes
2-20, 2-8 departments, every demand kind and event kind, 1-6 rounds, and rates scaled
so that ``offered_load()`` (deskgame.scenario.workload) of the result is the target.

The output is YAML text, exactly what a facilitator would write, so every generated
scenario goes through the project's own loader.  Each part of the world (team,
customers, demand, events, ...) draws from its own stream of the seed, so an override
of one part (say ``team_size``) leaves the others as they were.  Plausibility rules: a
skill someone needs is held by someone (by two people in teams of four or more), an
end-run rings a specialist who holds its skills and lists its customers in
``known_by``, a major incident's fix needs skills a specialist holds, an absence
takes away nobody who is the only one with a skill (when the team allows it), and
every event falls inside its round.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from deskgame.scenario import model as m
from deskgame.scenario import workload
from deskgame.scenario.generator_words import AGENTS, DEPARTMENTS, DESK_SKILLS, DEVICES, SKILLS
from deskgame.scenario.loader import load_scenario_text
from deskgame.scenario.units import format_clock
from deskgame.scenario.workload import LoadReport

EVENT_KINDS = ("major_incident", "wave", "absence", "social_storm")
TOLERANCE = 0.005

@dataclass(frozen=True)
class GeneratedSpec:
    """What was asked for and what came out: the facts a benchmark groups results by."""

    seed: int
    target: float                    # the offered load asked for
    offered_load: float              # ``offered_load(scenario).overall`` of the text
    team_size: int
    departments: int
    rounds: int
    kinds: tuple[str, ...]           # demand kinds present
    events: tuple[str, ...]          # event kinds present
    byod_share: float                # share of the expected work that is BYOD


@dataclass(frozen=True)
class Generated:
    text: str
    spec: GeneratedSpec
    load: LoadReport


def generate_scenario(seed: int, offered_load: float = 0.7, **overrides: Any) -> str:
    """The YAML text of generated scenario ``seed`` at ``offered_load`` (see ``generate``)."""
    return generate(seed, offered_load, **overrides).text


def generate(seed: int, offered_load: float = 0.7, **overrides: Any) -> Generated:
    """Generate scenario ``seed`` whose offered load is ``offered_load`` (within 0.005).

    Overrides (each optional): ``team_size`` (2-20), ``departments`` (2-8), ``rounds``
    (1-6), ``kinds`` (demand kinds beyond the always-present incidents), ``events``
    (event kinds), ``length_h`` (round length in hours), ``fatigue``.
    """
    if not 0.05 <= offered_load <= 1.5:
        raise ValueError(f"offered_load must be between 0.05 and 1.5, not {offered_load}")
    unknown = set(overrides) - {"team_size", "departments", "rounds", "kinds", "events", "length_h",
                                "fatigue"}
    if unknown:
        raise TypeError(f"unknown override(s): {', '.join(sorted(unknown))}")
    draft = _Draft(seed, overrides)
    draft.even_out()
    scale = _scale_for(draft, offered_load)
    text = draft.render(scale)
    scenario = load_scenario_text(text, f"generated-{seed}.yaml")
    load = workload.offered_load(scenario)
    work = sum(s.total for s in load.streams) or 1.0
    byod = sum(s.total for s in load.streams if s.label in draft.byod_ids)
    spec = GeneratedSpec(
        seed=seed, target=offered_load, offered_load=load.overall, team_size=len(scenario.team),
        departments=len(scenario.customers), rounds=scenario.rounds,
        kinds=tuple(k for k in m.DEMAND_KINDS if any(d.kind == k for d in scenario.demand)),
        events=tuple(k for k in EVENT_KINDS if any(e.kind == k for e in scenario.events)),
        byod_share=byod / work,
    )
    return Generated(text, spec, load)


def _scale_for(draft: _Draft, target: float) -> float:
    """The factor on every rate (demand and surge) that gives the target load (bisection).

    Load grows with the factor (only a fix's one-off effort does not scale), so the
    search brackets the target and halves the bracket until the load is within a
    tenth of the tolerance.
    """
    base = load_scenario_text(draft.render(1.0), "generated.yaml")

    def load_at(factor: float) -> float:
        demand = tuple(replace(d, rate=d.rate * factor) for d in base.demand)
        events = tuple(replace(e, surge=e.surge * factor) if isinstance(e, m.MajorIncident) else e
                       for e in base.events)
        return workload.offered_load(replace(base, demand=demand, events=events)).overall

    lo, hi = 0.0, 1.0
    while load_at(hi) < target and hi < 1e4:
        lo, hi = hi, hi * 2
    for _ in range(60):
        mid = (lo + hi) / 2
        value = load_at(mid)
        if abs(value - target) < TOLERANCE / 10:
            return mid
        lo, hi = (mid, hi) if value < target else (lo, mid)
    return (lo + hi) / 2


def _rng(seed: int, part: int) -> np.random.Generator:
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(part,)))


def _minutes(value: float) -> str:
    return f"{max(1, round(value))}m"


def _rate(per_hour: float) -> str:
    """A rate with four significant digits and no exponent (the format has none)."""
    digits = max(0, 3 - math.floor(math.log10(per_hour))) if per_hour > 0 else 0
    text = f"{per_hour:.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text}/h"


def _probabilities(levels: dict[str, float]) -> str:
    """A probability map rounded to hundredths whose listed levels sum to exactly 1."""
    keys = [k for k, v in levels.items() if v > 0]
    raw = np.array([levels[k] for k in keys]) / sum(levels[k] for k in keys)
    cents = np.floor(raw * 100).astype(int)
    for i in np.argsort(-(raw * 100 - cents))[: 100 - cents.sum()]:
        cents[i] += 1
    return "{" + ", ".join(f"{k}: {c / 100:g}" for k, c in zip(keys, cents, strict=True) if c > 0) + "}"


def _effort(rng: np.random.Generator, mean: float) -> str:
    dist = rng.choice(["exponential", "lognormal", "lognormal", "fixed", "uniform", "triangular"])
    if dist == "exponential":
        return f"{{dist: exponential, mean: {_minutes(mean)}}}"
    if dist == "lognormal":
        return f"{{dist: lognormal, mean: {_minutes(mean)}, sd: {_minutes(mean * rng.uniform(0.3, 0.8))}}}"
    if dist == "fixed":
        return f"{{dist: fixed, value: {_minutes(mean)}}}"
    if dist == "uniform":
        low = max(1, round(mean * 0.5))
        return f"{{dist: uniform, min: {low}m, max: {max(low + 1, round(mean * 1.5))}m}}"
    low, mode = max(1, round(mean * 0.4)), max(1, round(mean * 0.8))
    return f"{{dist: triangular, min: {low}m, mode: {mode}m, max: {max(mode + 1, round(mean * 1.8))}m}}"


def _pick(rng: np.random.Generator, items: list[str] | tuple[str, ...], count: int) -> list[str]:
    chosen = rng.choice(len(items), size=min(count, len(items)), replace=False)
    return [items[i] for i in sorted(chosen)]


@dataclass
class _Agent:
    name: str
    role: str
    skills: list[str]
    empathy: float
    known_by: list[str]


@dataclass
class _Demand:
    id: str
    kind: str
    service: str
    skills: list[str]
    per_hour: float                 # before scaling
    effort: str
    customers: list[str] | None
    extra: list[str]                # further ``key: value`` lines
    share: float | None = None      # a fixed share of all calls (the servant-trap kinds)


class _Draft:
    """Everything but the final rates; ``render(scale)`` writes the YAML text."""

    def __init__(self, seed: int, overrides: dict[str, Any]):
        self.seed = seed
        shape = _rng(seed, 0)
        # Every draw is made whatever is overridden, so an override changes only itself.
        drawn: dict[str, Any] = {
            "team_size": int(shape.integers(2, 21)), "departments": int(shape.integers(2, 9)),
            "rounds": int(shape.integers(1, 7)), "length_h": float(shape.choice([4, 6, 8, 8, 8])),
            "fatigue": bool(shape.random() < 0.9),
            "kinds": ["incident", "request"] + [k for k in ("end_run", "byod", "fake_emergency")
                                                if shape.random() < 0.65],
            "events": [k for k in EVENT_KINDS if shape.random() < 0.5],
        }
        self.start = float(shape.choice([450, 480, 480, 510, 540]))
        drawn.update(overrides)
        self.team_size, self.n_departments = int(drawn["team_size"]), int(drawn["departments"])
        self.rounds, self.length_h = int(drawn["rounds"]), float(drawn["length_h"])
        self.fatigue = bool(drawn["fatigue"])
        self.kinds = ["incident", *[k for k in m.DEMAND_KINDS if k in drawn["kinds"] and k != "incident"]]
        self.event_kinds = [k for k in EVENT_KINDS if k in drawn["events"]]
        if not (2 <= self.team_size <= 20 and 2 <= self.n_departments <= 8 and 1 <= self.rounds <= 6):
            raise ValueError("team_size must be 2-20, departments 2-8 and rounds 1-6")
        self._team(_rng(seed, 1))
        self._customers(_rng(seed, 2))
        self._services(_rng(seed, 3))
        self._demand(_rng(seed, 4))
        self._events(_rng(seed, 5))
        self._rules(_rng(seed, 6))

    # -------------------------------------------------------------- the world
    def _team(self, rng: np.random.Generator) -> None:
        n = self.team_size
        n_skills = int(min(7, 2 + n // 4 + rng.integers(0, 2)))
        deep = [s for s in SKILLS if s not in ("accounts", "devices")]
        self.skills = ["accounts", "devices", *_pick(rng, deep, n_skills - 2)]
        desk = max(1, min(n - 1, round(n * rng.uniform(0.45, 0.7))))
        names = _pick(rng, AGENTS, n)
        rng.shuffle(names)
        desk_pool = [s for s in self.skills if s in DESK_SKILLS]
        specialist_pool = [s for s in self.skills if s not in ("accounts",)]
        self.agents: list[_Agent] = []
        for i, name in enumerate(names):
            if i < desk:
                skills = _pick(rng, desk_pool, int(rng.integers(2, 4)))
                role = "desk"
            else:
                skills = _pick(rng, specialist_pool, int(rng.integers(1, 4)))
                role = "field" if "devices" in skills and rng.random() < 0.3 else "specialist"
            self.agents.append(_Agent(name, role, skills, round(float(rng.uniform(0.5, 0.85)), 2), []))
        wanted = 2 if n >= 4 else 1
        for skill in self.skills:
            holders = [a for a in self.agents if skill in a.skills]
            while len(holders) < wanted:
                others = [a for a in self.agents if skill not in a.skills]
                # Desk skills go to the desk, the rest to specialists, where possible.
                preferred = [a for a in others if (a.role == "desk") == (skill in DESK_SKILLS)]
                helper = min(preferred or others, key=lambda a: (len(a.skills), a.name))
                helper.skills.append(skill)
                holders.append(helper)
        for agent in self.agents:
            agent.skills = [s for s in self.skills if s in agent.skills]

    def _customers(self, rng: np.random.Generator) -> None:
        names = _pick(rng, DEPARTMENTS, self.n_departments)
        influence = rng.dirichlet(np.full(len(names), 2.0))
        self.customers = []
        self.influence = {name: float(share) for name, share in zip(names, influence, strict=True)}
        for name, share in zip(names, influence, strict=True):
            size = int(np.clip(rng.lognormal(math.log(60), 0.9), 5, 400))
            fields = [f"name: {name}", f"size: {size}", f"influence: {max(0.02, round(float(share), 2)):g}",
                      f"patience: {int(rng.choice([15, 20, 30, 30, 45, 60]))}m"]
            if rng.random() < 0.6:
                fields.append(f"satisfaction: {int(rng.integers(52, 70))}")
            self.customers.append("{" + ", ".join(fields) + "}")
        self.customer_names = names

    def _services(self, rng: np.random.Generator) -> None:
        self.impact = {}
        for skill in self.skills:
            low = skill in ("printing", "devices")
            self.impact[skill] = "low" if low else str(rng.choice(["medium", "high", "medium"]))
        if "high" not in self.impact.values():
            key = [s for s in self.skills if s not in ("devices", "printing")]
            self.impact[str(rng.choice(key))] = "high"

    def _some_customers(self, rng: np.random.Generator) -> list[str] | None:
        if rng.random() < 0.4:
            return None
        return _pick(rng, self.customer_names, int(rng.integers(1, len(self.customer_names) + 1)))

    def _demand(self, rng: np.random.Generator) -> None:
        """One incident stream per skill (so nobody idles), then the other kinds asked for.

        The kinds that set the servant trap (end-runs, BYOD, fake emergencies) get a share
        of all calls like the bundled scenarios' (a few to 20%; BYOD dominates one desk
        in four); incidents and requests fill the rest and are evened out later.
        """
        self.demand: list[_Demand] = []
        self.byod_ids: set[str] = set()
        devices_covered = any(k in self.kinds for k in ("request", "byod"))
        for skill in self.skills:
            if skill == "devices" and devices_covered and rng.random() < 0.5:
                continue
            mean = float(rng.uniform(8, 40))
            titles = ", ".join(f'"{t}"' for t in SKILLS[skill][1])
            urgency = {"low": rng.uniform(0.1, 0.5), "medium": rng.uniform(0.3, 0.6),
                       "high": rng.uniform(0, 0.3)}
            self.demand.append(_Demand(
                f"{skill}-faults", "incident", skill, [skill], float(rng.gamma(2.0, 1.0)),
                _effort(rng, mean), self._some_customers(rng),
                [f"impact: {_probabilities(self._impact_mix(rng, self.impact[skill]))}",
                 f"urgency: {_probabilities(urgency)}", f"titles: [{titles}]"]))
        if "request" in self.kinds:
            for skill in _pick(rng, ["devices", "accounts"], int(rng.integers(1, 3))):
                mean = float(rng.uniform(10, 40))
                self.demand.append(_Demand(
                    f"{skill}-requests", "request", skill, [skill], float(rng.gamma(2.0, 0.4)),
                    _effort(rng, mean), self._some_customers(rng),
                    ["impact: {low: 1}", f"urgency: {_probabilities({'low': 0.7, 'medium': 0.3})}"]))
        if "end_run" in self.kinds:
            self._end_run(rng)
        if "byod" in self.kinds:
            self._byod(rng)
        if "fake_emergency" in self.kinds:
            mean = float(rng.uniform(5, 20))
            skill = str(rng.choice(["devices", "accounts"]))
            ranked = sorted(self.customer_names, key=lambda c: -self.influence[c])
            loud = sorted(ranked[: max(1, len(ranked) // 2)], key=self.customer_names.index)
            self.demand.append(_Demand(
                "loud-callers", "fake_emergency", skill, [skill], 1.0, _effort(rng, mean), loud,
                ["impact: {low: 1}", "urgency: {high: 1}"], share=float(rng.uniform(0.04, 0.15))))
        # How loaded each entry's group is, relative to the busiest: some slack stays uneven.
        self.slack = {d.id: float(rng.uniform(0.6, 1.0)) for d in self.demand}
        self._keep_shares()

    def _keep_shares(self) -> None:
        """Set the fixed-share entries' rates from the others' (their shares of all calls)."""
        fixed = sum(d.share for d in self.demand if d.share is not None)
        free = sum(d.per_hour for d in self.demand if d.share is None)
        for d in self.demand:
            if d.share is not None:
                d.per_hour = d.share * free / (1 - fixed)

    def _byod(self, rng: np.random.Generator) -> None:
        mean = float(rng.uniform(12, 35))
        devices = ", ".join(_pick(rng, DEVICES, int(rng.integers(3, 7))))
        impact = {"low": rng.uniform(0.3, 0.8), "medium": rng.uniform(0.2, 0.6)}
        urgency = {"medium": rng.uniform(0.4, 0.8), "high": rng.uniform(0.1, 0.5)}
        share = float(rng.uniform(0.2, 0.4) if rng.random() < 0.25 else rng.uniform(0.03, 0.12))
        self.byod_ids.add("gadgets")
        self.demand.append(_Demand(
            "gadgets", "byod", "devices", ["devices"], 1.0, _effort(rng, mean), self._some_customers(rng),
            [f"impact: {_probabilities(impact)}", f"urgency: {_probabilities(urgency)}",
             f"devices: [{devices}]"], share=share))

    def _impact_mix(self, rng: np.random.Generator, level: str) -> dict[str, float]:
        main = float(rng.uniform(0.5, 0.9))
        others = [lv for lv in m.LEVELS if lv != level]
        return {level: main, others[0]: (1 - main) * 0.6, others[1]: (1 - main) * 0.4}

    def _end_run(self, rng: np.random.Generator) -> None:
        specialists = [a for a in self.agents if a.role != "desk"] or self.agents
        target = specialists[int(rng.integers(0, len(specialists)))]
        skill = str(rng.choice(target.skills))
        callers = _pick(rng, self.customer_names, int(rng.integers(1, min(3, len(self.customer_names)) + 1)))
        target.known_by = callers
        mean = float(rng.uniform(10, 30))
        self.demand.append(_Demand(
            f"{target.name.lower()}-please", "end_run", skill, [skill], 1.0, _effort(rng, mean), callers, [],
            share=float(rng.uniform(0.05, 0.2))))

    def _events(self, rng: np.random.Generator) -> None:
        length = self.length_h * 60
        self.events: list[str] = []

        def when(latest: float) -> tuple[int, str, float]:
            round_no = int(rng.integers(1, self.rounds + 1))
            offset = float(rng.integers(0, max(1, int(latest // 15)) + 1)) * 15
            return round_no, format_clock(self.start + offset), offset

        for kind in self.event_kinds:
            if kind == "major_incident":
                service = str(rng.choice([s for s, v in self.impact.items() if v == "high"]))
                duration = float(rng.choice([30, 45, 60, 75, 90]))
                round_no, clock, offset = when(length - duration - 15)
                fields = [f"service: {service}", f"duration: {int(min(duration, length - offset))}m",
                          "surge: SURGE", f'title: "{SKILLS[service][0]} is down for everyone"']
                fixers = [a for a in self.agents if a.role != "desk" and service in a.skills]
                if fixers and rng.random() < 0.75:
                    fix = fixers[int(rng.integers(0, len(fixers)))]
                    extra = [s for s in fix.skills if s != service][:1]
                    fields.append(f"fix: {{skills: [{', '.join([service, *extra])}], "
                                  f"effort: {{dist: fixed, value: {int(rng.integers(20, 46))}m}}}}")
                self.surge = float(rng.uniform(6, 18))
                at = f"at: {{round: {round_no}, time: \"{clock}\"}}"
                self.events.append("\n    ".join([at, "kind: major_incident", *fields]))
            elif kind == "wave":
                ids = [d.id for d in self.demand if d.kind in ("byod", "incident", "request")]
                chosen = ["gadgets"] if "gadgets" in ids and rng.random() < 0.7 else _pick(rng, ids, 1)
                duration = float(rng.choice([60, 90, 120, 180]))
                round_no, clock, offset = when(length - 60)
                self.events.append(f"{{at: {{round: {round_no}, time: \"{clock}\"}}, kind: wave, "
                                   f"demand: [{', '.join(chosen)}], duration: {int(duration)}m, "
                                   f"factor: {float(rng.choice([1.5, 2, 2.5, 3])):g}}}")
            elif kind == "absence":
                agent = self._absentee(rng)
                round_no, clock, offset = when(length - 60)
                duration = min(length - offset, float(rng.choice([120, 180, 240, 480])))
                self.events.append(f"{{at: {{round: {round_no}, time: \"{clock}\"}}, kind: absence, "
                                   f"agent: {agent.name}, duration: {int(duration)}m}}")
            else:
                hit_list = _pick(rng, self.customer_names, int(rng.integers(1, len(self.customer_names) + 1)))
                round_no, clock, offset = when(length - 30)
                duration = min(length - offset, float(rng.choice([30, 60, 90, 120])))
                hit, amplify = int(rng.integers(3, 9)), float(rng.choice([1.5, 2, 2.5, 3]))
                self.events.append(f"{{at: {{round: {round_no}, time: \"{clock}\"}}, kind: social_storm, "
                                   f"customers: [{', '.join(hit_list)}], duration: {int(duration)}m, "
                                   f"hit: {hit}, amplify: {amplify:g}}}")

    def _absentee(self, rng: np.random.Generator) -> _Agent:
        """Someone whose skills others share; in a tiny team, a colleague learns them first."""
        def covered(a: _Agent) -> bool:
            return all(any(s in b.skills for b in self.agents if b is not a) for s in a.skills)

        spare = [a for a in self.agents if covered(a)]
        if spare:
            return spare[int(rng.integers(0, len(spare)))]
        agent = self.agents[int(rng.integers(0, len(self.agents)))]
        colleague = min((a for a in self.agents if a is not agent), key=lambda a: (len(a.skills), a.name))
        colleague.skills = [s for s in self.skills if s in colleague.skills or s in agent.skills]
        return agent

    def _rules(self, rng: np.random.Generator) -> None:
        self.budget = int(rng.integers(2, 5))
        self.sla = None
        if rng.random() < 0.3:
            p1 = int(rng.choice([10, 15, 20]))
            p2 = int(rng.choice([30, 45, 60]))
            self.sla = f"{{P1: {p1}m, P2: {p2}m, P3: {int(rng.choice([2, 3, 4]))}h, P4: 8h}}"

    def even_out(self, passes: int = 4) -> None:
        """Bring each incident and request entry's group to its slack x the busiest load.

        Random rates alone leave a few people swamped and the rest idle; a desk a
        facilitator designs keeps most people busy, with some groups less so.  The
        servant-trap kinds keep their share of the calls.
        """
        for _ in range(passes):
            report = workload.offered_load(load_scenario_text(self.render(1.0), "generated.yaml"))
            loads = {s.label: s.load for s in report.streams}
            for d in self.demand:
                level = loads.get(d.id, 0.0)
                if d.share is None and 0 < level < math.inf:
                    d.per_hour *= self.slack[d.id] * report.overall / level
            self._keep_shares()

    # -------------------------------------------------------------- writing
    def render(self, scale: float) -> str:
        lines = [
            f"# Generated by deskgame.scenario.generator (seed {self.seed}).",
            "format: deskgame/1",
            f"title: Generated desk {self.seed}",
            "briefing: |",
            f"  A generated service desk: {self.team_size} people, {self.n_departments} departments, "
            f"{len(self.demand)} kinds of work.",
            f"seed: {self.seed}",
            f"rounds: {self.rounds}",
            f"round: {{length: {self.length_h:g}h, start: \"{format_clock(self.start)}\"}}",
            f"fatigue: {'true' if self.fatigue else 'false'}",
            "team:",
        ]
        for a in self.agents:
            known = f", known_by: [{', '.join(a.known_by)}]" if a.known_by else ""
            lines.append(f"  - {{name: {a.name}, role: {a.role}, skills: [{', '.join(a.skills)}], "
                         f"empathy: {a.empathy:g}{known}}}")
        lines.append("customers:")
        lines += [f"  - {c}" for c in self.customers]
        lines.append("services:")
        lines += [f"  - {{id: {s}, name: {SKILLS[s][0]}, impact: {self.impact[s]}}}" for s in self.skills]
        lines.append("demand:")
        for d in self.demand:
            lines += [f"  - id: {d.id}", f"    kind: {d.kind}", f"    service: {d.service}"]
            if d.customers is not None:
                lines.append(f"    customers: [{', '.join(d.customers)}]")
            lines += [f"    rate: {_rate(d.per_hour * scale)}", f"    effort: {d.effort}",
                      f"    skills: [{', '.join(d.skills)}]"]
            lines += [f"    {x}" for x in d.extra]
        if self.events:
            lines.append("events:")
            for event in self.events:
                if "SURGE" in event:
                    event = event.replace("SURGE", _rate(self.surge * scale))
                lines.append(f"  - {event}")
        lines.append(f"improvements: {{budget: {self.budget}, offer: all}}")
        if self.sla:
            lines.append(f"sla: {self.sla}")
        return "\n".join(lines) + "\n"
