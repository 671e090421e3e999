"""The JSON Schema and the validator over many generated scenarios (tests use 40).

Usage: python benchmarks/schema_agreement.py [--scenarios 300]

Generates scenarios 1..N (offered load spread over 0.45..0.85, as the validity
benchmark does), checks each with the validator and with the JSON Schema of
``deskgame schema``, and prints every disagreement (there should be none).
"""

from __future__ import annotations

import argparse
import time

import jsonschema
import yaml

from deskgame.scenario import ScenarioError, load_scenario_text
from deskgame.scenario.definition import json_schema
from deskgame.scenario.generator import generate_scenario


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenarios", type=int, default=300)
    args = parser.parse_args()
    validator = jsonschema.Draft202012Validator(json_schema())
    started = time.perf_counter()
    disagreements = 0
    for seed in range(1, args.scenarios + 1):
        text = generate_scenario(seed, offered_load=0.45 + 0.4 * (seed - 1) / max(1, args.scenarios - 1))
        try:
            load_scenario_text(text, f"generated-{seed}.yaml")
            valid = True
        except ScenarioError as error:
            valid, first = False, str(error.problems[0])
        errors = list(validator.iter_errors(yaml.safe_load(text)))
        if valid != (not errors):
            disagreements += 1
            reason = errors[0].message[:120] if errors else first
            print(f"scenario {seed}: validator {'accepts' if valid else 'rejects'}, schema "
                  f"{'rejects' if errors else 'accepts'}: {reason}")
    print(f"{args.scenarios} generated scenarios, {disagreements} disagreements, "
          f"{time.perf_counter() - started:.1f} s")
    return 1 if disagreements else 0


if __name__ == "__main__":
    raise SystemExit(main())
