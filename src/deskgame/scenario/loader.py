"""Load a scenario: text -> composed nodes -> converted values -> checked, frozen model.

Everything wrong is collected and raised once as a ``ScenarioError`` listing every
problem with its line, column and field path, so a facilitator fixes a file in one go.
Nothing is half-built: either a whole ``Scenario`` comes back or the error does.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from deskgame.scenario import model as m
from deskgame.scenario.coverage import check_absences
from deskgame.scenario.definition import FORMAT, SCENARIO
from deskgame.scenario.errors import Problem, ScenarioError
from deskgame.scenario.limits import MAX_ARRIVALS_PER_ROUND, MAX_LIST_ITEMS, MAX_ROUNDS
from deskgame.scenario.placeholders import placeholder_problem
from deskgame.scenario.profile import mean_factor, raw_segments
from deskgame.scenario.spec import INVALID, Context, mapping_items, suggest
from deskgame.scenario.spec_records import salvage
from deskgame.scenario.texts import DEFAULT_CHANNELS, DEFAULT_DEVICES, DEFAULT_TITLES
from deskgame.scenario.units import format_clock, format_duration
from deskgame.scenario.yamlread import compose, read_file_text


def load_scenario(path: str | os.PathLike[str], shown_as: str | None = None) -> m.Scenario:
    """Load and validate the scenario file at ``path``."""
    name = shown_as or str(path)
    text = read_file_text(path, name)
    return load_scenario_text(text, name, file=str(path))


def load_scenario_text(text: str, name: str = "<scenario>", file: str = "") -> m.Scenario:
    """Load and validate scenario ``text``; ``name`` is how errors refer to it."""
    root = compose(text, name)
    ctx = Context(file=name)
    ctx.visit(root, "")
    _check_format_first(root, ctx)
    if ctx.problems:
        raise ScenarioError(ctx.problems)
    values = SCENARIO.convert(root, "", ctx)
    if values is INVALID or ctx.problems:
        if isinstance(root, MappingNode) and not ctx.too_many_nodes:
            _check_what_can_be_read(root, ctx)
        raise ScenarioError(ctx.problems or [Problem(1, 1, "", "invalid scenario", name)])
    scenario = _complete(values, ctx)
    _check(scenario, ctx)
    if ctx.problems:
        raise ScenarioError(ctx.problems)
    return replace(scenario, text=text, file=file or name)


LISTS = ("team", "customers", "services", "demand", "events")
# Stand-ins for broken top-level values, chosen so that they cannot cause a false alarm.
FALLBACK: dict[str, Any] = {"format": FORMAT, "title": "?", "rounds": MAX_ROUNDS,
                            "round": m.RoundShape(length=7 * 1440, start=0.0, warmup=0.0)}


def _check_what_can_be_read(root: MappingNode, ctx: Context) -> None:
    """Some fields are broken: still check the references among what could be read.

    An item that fails is salvaged (``Record.salvage``): its readable fields are checked
    like any other's and its broken ones (INVALID) are skipped, so an unknown key in an
    event does not hide that its service does not exist.  Items that cannot be read at
    all (not a mapping, no valid kind) are left out.  The names the file defines are taken
    from the raw file, so broken items raise no false alarms.  Problems already reported
    while converting are not repeated.
    """
    def scratch() -> Context:
        return Context(file=ctx.file)

    nodes = {key: value for key, _, value in mapping_items(root, "", scratch())}
    values: dict[str, Any] = {}
    where: dict[str, list[int]] = {}
    for name, field in SCENARIO.fields.items():
        node = nodes.get(name)
        if name in LISTS:
            kept, at = [], []
            if isinstance(node, SequenceNode):
                item_spec = field.spec.item  # type: ignore[attr-defined]
                for i, child in enumerate(node.value[:MAX_LIST_ITEMS]):
                    value = item_spec.convert(child, f"{name}[{i}]", scratch())
                    if value is INVALID:
                        value = salvage(item_spec, child, f"{name}[{i}]", scratch())
                    if value is not INVALID:
                        kept.append(value)
                        at.append(i)
            values[name], where[name] = tuple(kept), at
            continue
        default = field.default() if callable(field.default) else field.default
        if node is None:   # left out: the default, as in a file that loads (rounds: 1, round: 8h)
            value = FALLBACK.get(name, default) if field.required else default
        else:
            value = field.spec.convert(node, name, scratch())
            if value is INVALID:
                value = FALLBACK.get(name, default)
        values[name] = value
    team = nodes.get("team")
    known = Known(_raw_values(nodes.get("customers"), "name"), _raw_values(nodes.get("services"), "id"),
                  _raw_demand_ids(nodes.get("demand")), _raw_skills(team), _raw_values(team, "name"),
                  whole_team=isinstance(team, SequenceNode) and len(where["team"]) == len(team.value)
                  and all(isinstance(agent.known_by, tuple) for agent in values["team"]))
    checks = Context(file=ctx.file, positions=ctx.positions)
    _check(_complete(values, checks, where), checks, known, where)
    ctx.problems.extend(p for p in checks.problems if p not in ctx.problems)


def _raw_items(node: Any) -> list[dict[str, Any]]:
    """The items of a raw list of mappings, each as {key: node} (an item that is not a
    mapping is {}, so that positions still count as in the file)."""
    if not isinstance(node, SequenceNode):
        return []
    return [{k.value: v for k, v in child.value if isinstance(k, ScalarNode)}
            if isinstance(child, MappingNode) else {} for child in node.value[:MAX_LIST_ITEMS]]


def _raw_values(node: Any, key: str) -> set[str]:
    return {item[key].value for item in _raw_items(node) if isinstance(item.get(key), ScalarNode)}


def _raw_skills(node: Any) -> set[str]:
    return {skill.value for item in _raw_items(node) if isinstance(item.get("skills"), SequenceNode)
            for skill in item["skills"].value if isinstance(skill, ScalarNode)}


def _raw_demand_ids(node: Any) -> set[str]:
    ids = set()
    for index, item in enumerate(_raw_items(node)):
        if isinstance(item.get("id"), ScalarNode):
            ids.add(item["id"].value)
        elif isinstance(item.get("kind"), ScalarNode) and isinstance(item.get("service"), ScalarNode):
            ids.add(f"{item['kind'].value}-{item['service'].value}-{index}")
    return ids


def _check_format_first(root: Any, ctx: Context) -> None:
    """A file that is not a deskgame/1 scenario gets one clear line, not fifty."""
    if not isinstance(root, MappingNode):
        ctx.problem(root, "", "a scenario is a mapping of keys (format, title, team, ...); "
                    "this file is not")
        return
    for key, _, value in mapping_items(root, "", ctx):
        if key == "format":
            text = getattr(value, "value", None)
            if isinstance(text, str) and text.startswith("deskgame-results/"):
                ctx.problem(value, "format", "this is a results file (written by run --out or play "
                            "--out, or a save), not a scenario: 'deskgame replay FILE' re-runs it and "
                            "'deskgame debrief FILE' reports on it")
            elif text != FORMAT:
                ctx.problem(value, "format", f"unsupported format {text!r}; this version of "
                            f"deskgame reads {FORMAT!r}")
            return
    ctx.problem(root, "format", f"missing required key 'format' (write 'format: {FORMAT}' "
                "as the first line)")


def _complete(values: dict[str, Any], ctx: Context, where: dict[str, list[int]] | None = None) -> m.Scenario:
    """Fill the defaults that depend on other parts of the file (``where``: as in ``_check``)."""
    customer_names = tuple(c.name for c in values["customers"] if c.name is not INVALID)
    service_impact = {s.id: s.impact for s in values["services"]}
    demand = []
    for index, entry in enumerate(values["demand"]):
        if where and "demand" in where:
            index = where["demand"][index]
        path = f"demand[{index}]"
        changes: dict[str, Any] = {}
        if entry.kind is INVALID:   # only in a salvaged file: its kind decides its defaults
            demand.append(replace(entry, id=INVALID) if entry.id is None else entry)
            continue
        if entry.id is None:
            changes["id"] = f"{entry.kind}-{entry.service}-{index}"
        if entry.customers == "all":
            changes["customers"] = customer_names
        if entry.impact is None:
            level = service_impact.get(entry.service, "medium")
            changes["impact"] = tuple((lv, 1.0 if lv == level else 0.0) for lv in m.LEVELS)
        if entry.channels is None:
            defaults = DEFAULT_CHANNELS[entry.kind]
            changes["channels"] = tuple((ch, defaults.get(ch, 0.0)) for ch in m.CHANNELS)
        if entry.titles is None:
            changes["titles"] = DEFAULT_TITLES[entry.kind]
        if entry.kind == "byod" and entry.devices is None:
            changes["devices"] = DEFAULT_DEVICES
        elif entry.kind != "byod" and entry.devices is not None:
            ctx.problem_at(f"{path}.devices", "devices are only for byod demand "
                           f"(this entry is {entry.kind})")
        demand.append(replace(entry, **changes))
    events = []
    for event in values["events"]:
        if isinstance(event, m.SocialStorm) and event.customers == "all":
            event = replace(event, customers=customer_names)
        events.append(event)
    improvements = values["improvements"]
    if improvements.offer == "all":
        improvements = replace(improvements, offer=m.IMPROVEMENT_IDS)
    return m.Scenario(**{**values, "demand": tuple(demand), "events": tuple(events),
                         "improvements": improvements})


def _duplicates(names: list[str]) -> list[tuple[int, str]]:
    seen: set[str] = set()
    found = []
    for index, name in enumerate(names):
        if name is INVALID:
            continue
        if name in seen:
            found.append((index, name))
        seen.add(name)
    return found


@dataclass
class Known:
    """The names a scenario defines (from the model, or from the raw file when parts are broken)."""

    customers: set[str]
    services: set[str]
    demand_ids: set[str]
    team_skills: set[str]
    agents: set[str]
    whole_team: bool = True   # False when some team members could not be read


def _known_from_model(s: m.Scenario) -> Known:
    return Known({c.name for c in s.customers}, {v.id for v in s.services}, {str(d.id) for d in s.demand},
                 {skill for agent in s.team for skill in agent.skills}, {a.name for a in s.team})


def _check(s: m.Scenario, ctx: Context, known: Known | None = None,
           where: dict[str, list[int]] | None = None) -> None:
    """Cross-references and limits that no single field can check on its own.

    ``where`` maps each list to the file positions of its items when broken items were left
    out (so paths still name the right item); ``known`` then comes from the raw file.
    """
    known = known or _known_from_model(s)

    def item(key: str, i: int) -> str:
        return f"{key}[{where[key][i] if where and key in where else i}]"

    for key, names, field in (
        ("team", [a.name for a in s.team], "name"),
        ("customers", [c.name for c in s.customers], "name"),
        ("services", [v.id for v in s.services], "id"),
        ("demand", [d.id for d in s.demand], "id"),
    ):
        for index, name in _duplicates(names):
            ctx.problem_at(f"{item(key, index)}.{field}", f"{name!r} is used twice; {field}s must "
                           "be unique")
    customers, services, demand_ids = known.customers, known.services, known.demand_ids
    team_skills, agents = known.team_skills, known.agents

    def check_customers(path: str, names: Any) -> None:
        if isinstance(names, tuple):
            for i, name in enumerate(names):
                if name not in customers:
                    ctx.problem_at(f"{path}[{i}]", f"unknown customer {name!r}"
                                   f"{_did_you_mean(name, customers)}")

    def check_skills(path: str, skills: tuple[str, ...]) -> None:
        if not isinstance(skills, tuple):
            return
        missing = [skill for skill in skills if skill not in team_skills]
        if missing:
            ctx.problem_at(path, f"nobody in the team has the skill{'s' if len(missing) > 1 else ''}"
                           f" {', '.join(repr(x) for x in missing)}; this work could never be done")
        elif len(skills) > 1 and known.whole_team and all(isinstance(a.skills, tuple) for a in s.team) \
                and not s.someone_holds(skills):
            # The engine gives work to one person who holds every skill it names.
            ctx.problem_at(path, f"nobody in the team has the skills {', '.join(repr(x) for x in skills)} "
                           "together (one person must hold them all); this work could never be done")

    for i, agent in enumerate(s.team):
        check_customers(f"{item('team', i)}.known_by", agent.known_by)
    for i, d in enumerate(s.demand):
        path = item("demand", i)
        if _ok(d.service) and d.service not in services:
            listed = ", ".join(_in_file_order(s, services))
            ctx.problem_at(f"{path}.service", f"unknown service {d.service!r}"
                           f"{_did_you_mean(d.service, services)}; services: {listed}")
        check_customers(f"{path}.customers", d.customers)
        if isinstance(d.titles, tuple) and _ok(d.kind):
            for j, title in enumerate(d.titles):
                problem = placeholder_problem(title, d.kind)
                if problem:
                    ctx.problem_at(f"{path}.titles[{j}]", problem)
        check_skills(f"{path}.skills", d.skills)
        _check_effort(f"{path}.effort", d.effort, ctx)
        if d.kind == "end_run" and isinstance(d.customers, tuple) and known.whole_team:
            targets = [a.name for a in s.team if set(a.known_by) & set(d.customers)]
            if not targets:
                ctx.problem_at(f"{path}.kind", "an end_run needs a team member whose known_by "
                               "lists one of its customers (whom would they call?)")
        if isinstance(d.profile, tuple):
            outside = [clock for clock, _ in d.profile if s.round.offset_of(clock) >= s.round.length]
            for clock in outside:
                ctx.problem_at(f'{path}.profile."{format_clock(clock)}"', f"this time is outside the "
                               f"round ({round_span(s.round)}); give times within it")
            if not outside and mean_factor(raw_segments(d.profile, s.round), s.round.length) <= 0:
                ctx.problem_at(f"{path}.profile", "this profile is zero for the whole round")
    if s.round.warmup >= s.round.length:
        ctx.problem_at("round.warmup", "the warm-up must be shorter than the round")
    for i, event in enumerate(s.events):
        path = item("events", i)
        at = event.at
        if _ok(at) and _ok(at.round) and at.round > s.rounds:
            ctx.problem_at(f"{path}.at.round", f"round {at.round} does not exist; "
                           f"the scenario has {s.rounds} round{'s' if s.rounds > 1 else ''}")
        if _ok(at) and _ok(at.time, at.day) and at.offset(s.round) >= s.round.length:
            ctx.problem_at(f"{path}.at.time", f"this time is outside the round ({round_span(s.round)})")
        if isinstance(event, m.MajorIncident):
            if _ok(event.service) and event.service not in services:
                ctx.problem_at(f"{path}.service", f"unknown service {event.service!r}"
                               f"{_did_you_mean(event.service, services)}")
            problem = placeholder_problem(event.title, "event") if isinstance(event.title, str) else None
            if problem:
                ctx.problem_at(f"{path}.title", problem)
            if event.fix is not None and _ok(event.fix):
                check_skills(f"{path}.fix.skills", event.fix.skills)
                _check_effort(f"{path}.fix.effort", event.fix.effort, ctx)
        elif isinstance(event, m.Wave) and isinstance(event.demand, tuple):
            for j, demand_id in enumerate(event.demand):
                if demand_id not in demand_ids:
                    ctx.problem_at(f"{path}.demand[{j}]", f"unknown demand id {demand_id!r}"
                                   f"{_did_you_mean(demand_id, demand_ids)}")
        elif isinstance(event, m.Absence):
            if _ok(event.agent) and event.agent not in agents:
                ctx.problem_at(f"{path}.agent", f"unknown team member {event.agent!r}"
                               f"{_did_you_mean(event.agent, agents)}")
        elif isinstance(event, m.SocialStorm):
            check_customers(f"{path}.customers", event.customers)
    if known.whole_team:
        check_absences(s, ctx, item)
    _check_volume(s, ctx)


def round_span(shape: m.RoundShape) -> str:
    """'the round runs 08:00–16:00' (or 'from 08:00 for 2d' when it lasts a day or more)."""
    if shape.length >= 1440:
        return f"the round runs from {format_clock(shape.start)} for {format_duration(shape.length)}"
    return f"the round runs {format_clock(shape.start)}\u2013{format_clock(shape.start + shape.length)}"


def _ok(*values: Any) -> bool:
    """None of ``values`` is INVALID (a broken field of a salvaged item: its problem is
    already reported, and no check may read it)."""
    return all(value is not INVALID for value in values)


def _check_effort(path: str, effort: m.Effort, ctx: Context) -> None:
    if not _ok(effort) or not _ok(effort.min, effort.max, effort.mode):
        return
    if effort.dist == "uniform" and effort.min >= effort.max:  # type: ignore[operator]
        ctx.problem_at(path, "a uniform effort needs min below max")
    if effort.dist == "triangular" and not (
        effort.min <= effort.mode <= effort.max  # type: ignore[operator]
    ):
        ctx.problem_at(path, "a triangular effort needs min <= mode <= max")


def _check_volume(s: m.Scenario, ctx: Context) -> None:
    """Refuse scenarios whose expected arrivals in one round could never be simulated."""
    expected = sum(d.rate * s.round.length for d in s.demand if _ok(d.rate))
    for event in s.events:
        if isinstance(event, m.MajorIncident) and _ok(event.surge, event.duration):
            expected += event.surge * event.duration
        elif isinstance(event, m.Wave) and _ok(event.demand, event.factor, event.duration):
            rates = sum(d.rate for d in s.demand if d.id in event.demand and _ok(d.rate))
            expected += rates * (event.factor - 1) * min(event.duration, s.round.length)
    if expected > MAX_ARRIVALS_PER_ROUND:
        ctx.problem_at("demand", f"about {expected:,.0f} tickets would arrive in one round; the "
                       f"limit is {MAX_ARRIVALS_PER_ROUND:,} (check the rates' units: /h or /d)")


def _in_file_order(s: m.Scenario, ids: set[str]) -> list[str]:
    """Service ids as the file lists them (a set's order changes from run to run)."""
    listed = [v.id for v in s.services if v.id in ids]
    return list(dict.fromkeys(listed)) + sorted(ids - set(listed))


def _did_you_mean(name: str, options: set[str] | Any) -> str:
    return suggest(name, sorted(options))


def validate_files(paths: list[str]) -> list[Problem]:
    """Every problem in every file."""
    return [problem for _, found in validate_each(paths) for problem in found]


def validate_each(paths: list[str]) -> list[tuple[str, list[Problem]]]:
    """Each file with its problems (none: it is valid), in the order given (``deskgame validate``
    prints one "ok" or the problems for every file)."""
    out: list[tuple[str, list[Problem]]] = []
    for path in paths:
        try:
            load_scenario(Path(path), shown_as=path)
        except ScenarioError as error:
            out.append((path, list(error.problems)))
        else:
            out.append((path, []))
    return out
