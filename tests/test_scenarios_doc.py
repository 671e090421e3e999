"""docs/scenarios.md against the loader: a facilitator writes scenarios from that page alone.

Every key the format knows is shown written out (``key: value``) somewhere on the page,
and the examples of the format's sections fit together into one scenario that loads.
"""

from __future__ import annotations

import re
from pathlib import Path

from deskgame.scenario import load_scenario_text
from deskgame.scenario.definition import SCENARIO
from deskgame.scenario.spec import Spec
from deskgame.scenario.spec_records import Choice, ListOf, ProbabilityMap, Record, Tagged

DOC = (Path(__file__).resolve().parent.parent / "docs" / "scenarios.md").read_text(encoding="utf-8")


def keys_of(spec: Spec) -> set[str]:
    """Every key a scenario file may hold, at any depth of the definition."""
    if isinstance(spec, Record):
        found = set(spec.fields)
        for field in spec.fields.values():
            found |= keys_of(field.spec)
        return found
    if isinstance(spec, Tagged):
        found = {spec.tag_key}
        for record in spec.variants.values():
            found |= keys_of(record)
        return found
    if isinstance(spec, ProbabilityMap):
        return set(spec.levels)
    if isinstance(spec, ListOf):
        return keys_of(spec.item)
    if isinstance(spec, Choice):
        return set().union(*(keys_of(option) for option in spec.options))
    return set()


def test_every_key_of_the_format_has_an_example_on_the_page() -> None:
    keys = keys_of(SCENARIO)
    assert {"format", "kind", "dist", "day", "fix", "amplify", "walk_up", "throughput"} <= keys
    missing = sorted(key for key in keys if not re.search(rf"(^|[\s{{,]){key}:", DOC, re.MULTILINE))
    assert missing == [], f"keys with no example written out in docs/scenarios.md: {missing}"


def test_the_sections_examples_load_as_one_scenario() -> None:
    format_part = DOC.split("## Limits", 1)[0]
    blocks = re.findall(r"```yaml\n(.*?)```", format_part, re.DOTALL)
    whole = [block for block in blocks if not block.startswith(" ")]   # not the indented snippets
    assert whole[0].startswith("format: deskgame/1")
    scenario = load_scenario_text("".join(whole), "docs/scenarios.md")
    assert {"new-gadgets", "mail-faults", "sales-calls"} <= {d.id for d in scenario.demand}
    assert len(scenario.events) == 4 and scenario.facilitator_notes
    assert dict(scenario.scoring.weights)["throughput"] == 0
