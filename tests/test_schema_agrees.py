"""The JSON Schema (editor help) and the validator accept the same scenarios.

Both come from ``scenario/definition.py``; these tests hold them together over the
bundled scenarios, a fixed sample of generated ones (``benchmarks/schema_agreement.py``
runs hundreds), and hand-made cases on either side of every per-field rule.  Rules that
span fields (a customer named in demand must exist, probabilities sum to 1) cannot be
said in JSON Schema; only the validator checks those.
"""

from __future__ import annotations

import jsonschema
import pytest
import yaml

from deskgame.scenario import ScenarioError, load_scenario_text
from deskgame.scenario.definition import SCENARIO, json_schema
from deskgame.scenario.generator import generate_scenario

from .conftest import BUNDLED, MINIMAL

SCHEMA = json_schema()
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
GENERATED_SAMPLE = 40


def validator_accepts(text: str) -> bool:
    try:
        load_scenario_text(text, "s.yaml")
    except ScenarioError:
        return False
    return True


def schema_accepts(text: str) -> bool:
    return VALIDATOR.is_valid(yaml.safe_load(text))


def test_every_property_has_a_description_and_optional_ones_their_default() -> None:
    missing, no_default = [], []

    def walk(node: object, path: str) -> None:
        if isinstance(node, dict):
            for key, prop in (node.get("properties") or {}).items():
                if not prop.get("description"):
                    missing.append(f"{path}.{key}")
                walk(prop, f"{path}.{key}")
            for key in ("items", "anyOf", "oneOf"):
                sub = node.get(key)
                for child in sub if isinstance(sub, list) else [sub] if sub else []:
                    walk(child, path)

    walk(SCHEMA, "")
    assert not missing
    for name, field in SCENARIO.fields.items():
        if not field.required and field.default is not None and "default" not in SCHEMA["properties"][name]:
            no_default.append(name)
    assert not no_default
    assert len(SCHEMA["properties"]) == 18


def test_schema_defaults_are_what_the_loader_fills_in() -> None:
    scenario = load_scenario_text(MINIMAL)
    for name in ("briefing", "seed", "rounds", "round", "fatigue", "improvements", "scoring", "sla"):
        prop = SCHEMA["properties"][name]
        value = getattr(scenario, name)
        assert SCENARIO.fields[name].spec.to_json(value) == prop["default"], name
    assert SCHEMA["properties"]["round"]["default"] == {"length": "8h", "start": "08:00", "warmup": 0}
    assert SCHEMA["properties"]["sla"]["default"] == {"P1": "15m", "P2": "30m", "P3": "2h", "P4": "8h"}
    # Each default is itself valid where it stands.
    with_defaults = yaml.safe_load(MINIMAL) | {name: prop["default"] for name, prop in
                                                SCHEMA["properties"].items() if "default" in prop}
    assert VALIDATOR.is_valid(with_defaults)
    assert validator_accepts(yaml.safe_dump(with_defaults))


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_bundled_scenarios_pass_both(path) -> None:  # type: ignore[no-untyped-def]
    text = path.read_text(encoding="utf-8")
    assert validator_accepts(text) and schema_accepts(text)


def test_generated_scenarios_pass_both() -> None:
    for seed in range(1, GENERATED_SAMPLE + 1):
        text = generate_scenario(seed, offered_load=0.45 + (seed % 5) * 0.1)
        assert validator_accepts(text), seed
        errors = [e.message for e in VALIDATOR.iter_errors(yaml.safe_load(text))]
        assert not errors, (seed, errors[:3])


def _demand(line: str) -> str:
    return MINIMAL.replace("    effort: {dist: exponential, mean: 10m}\n", f"    {line}\n")


BOTH_ACCEPT = {
    "bare zero warm-up": MINIMAL + "round: {warmup: 0}\n",
    "unquoted clock time": MINIMAL + "round: {start: 10:30}\n",
    "number as a name": MINIMAL.replace("{name: Sales}", "{name: 42}").replace("role: desk,", "role: desk,"),
    "triangular min = max": _demand("effort: {dist: triangular, min: 5m, mode: 5m, max: 5m}"),
    "one-second effort": _demand("effort: {dist: fixed, value: 1s}"),
    "40-character name": MINIMAL.replace("{name: Sales}", "{name: " + "S" * 40 + "}"),
    "120-character title": MINIMAL.replace("title: Tiny", "title: " + "T" * 120),
    "facilitator notes": MINIMAL + "facilitator_notes: |\n  Inject a storm at 11:00 if they are bored.\n",
    "briefing with a tab": MINIMAL + 'briefing: "Line one\\n\\tindented"\n',
    "map profile": MINIMAL.replace("rate: 4/h", 'rate: 4/h\n    profile: {"08:00": 2, "12:00": 0.5}'),
}

BOTH_REJECT = {
    "unknown key": MINIMAL + "round: {lenght: 8h}\n",
    "unknown role": MINIMAL.replace("role: desk", "role: boss"),
    "duration without unit": MINIMAL + "round: {length: 8}\n",
    "zero patience": MINIMAL.replace("{name: Sales}", "{name: Sales, patience: 0m}"),
    "zero rate": MINIMAL.replace("rate: 4/h", "rate: 0/h"),
    "rate without unit": MINIMAL.replace("rate: 4/h", "rate: 4"),
    "empty skills": MINIMAL.replace("skills: [email]}", "skills: []}"),
    "41-character name": MINIMAL.replace("{name: Sales}", "{name: " + "S" * 41 + "}"),
    "NUL in a name": MINIMAL.replace("{name: Sales}", '{name: "Sa\\0les"}'),
    "escape in a name": MINIMAL.replace("{name: Sales}", '{name: "Sa\\eles"}'),
    "blank name": MINIMAL.replace("{name: Sales}", '{name: "   "}'),
    "121-character title": MINIMAL.replace("title: Tiny", "title: " + "T" * 121),
    "201 customers": MINIMAL.replace("customers:\n  - {name: Sales}\n", "customers:\n" + "".join(
        f"  - {{name: C{i}}}\n" for i in range(201))),
    "sub-second effort": _demand("effort: {dist: fixed, value: 0.5s}"),
    "tiny lognormal mean": _demand("effort: {dist: lognormal, mean: 0." + "0" * 200 + "1m, sd: 5m}"),
    "hour 25": MINIMAL + 'round: {start: "25:00"}\n',
    "profile multiplier over 1000": MINIMAL.replace("rate: 4/h", 'rate: 4/h\n    profile: {"08:00": 2000}'),
    "empathy above 1": MINIMAL.replace("skills: [email]}", "skills: [email], empathy: 1.5}"),
    "text for a number": MINIMAL + "rounds: three\n",
    "seven rounds": MINIMAL + "rounds: 7\n",
    "wrong format": MINIMAL.replace("deskgame/1", "deskgame/2"),
    "missing demand": MINIMAL.split("demand:")[0],
    "unknown distribution": _demand("effort: {dist: normal, mean: 5m}"),
    "boolean name": MINIMAL.replace("{name: Sales}", "{name: true}"),
    "duplicate skills": MINIMAL.replace("skills: [email]}", "skills: [email, email]}"),
    "outsourcing line as a share": MINIMAL + "scoring: {outsourcing_below: 0.4}\n",
    "storm hit as a share": MINIMAL + 'events:\n  - {at: {time: "10:00"}, kind: social_storm, duration: 1h, '
                                      "hit: 0.3}\n",
    "probability as a percent": MINIMAL.replace("rate: 4/h",
                                                "rate: 4/h\n    urgency: {medium: 30%, high: 0.7}"),
    "weight as a percent number": MINIMAL + "scoring: {weights: {trust: 40, sla: 60}}\n",
}


@pytest.mark.parametrize("case", BOTH_ACCEPT)
def test_both_accept(case: str) -> None:
    text = BOTH_ACCEPT[case]
    assert validator_accepts(text), case
    assert schema_accepts(text), [e.message for e in VALIDATOR.iter_errors(yaml.safe_load(text))][:2]


@pytest.mark.parametrize("case", BOTH_REJECT)
def test_both_reject(case: str) -> None:
    text = BOTH_REJECT[case]
    assert not validator_accepts(text), case
    assert not schema_accepts(text), case
