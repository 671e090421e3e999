"""Finding the bundled scenarios, from a source checkout or from an installed wheel.

The wheel carries ``scenarios/`` inside the package as ``deskgame/_data/scenarios``;
a checkout (or an editable install) finds it at the repository's top.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from deskgame.scenario.errors import ScenarioError
from deskgame.scenario.loader import load_scenario

PACKAGE_DIR = Path(__file__).resolve().parent.parent
DEFAULT_SCENARIO = "standard-monday"


def data_dir(name: str) -> Path:
    """The bundled ``scenarios`` or ``assets`` folder, wherever deskgame was installed from."""
    installed = PACKAGE_DIR / "_data" / name
    if installed.is_dir():
        return installed
    return PACKAGE_DIR.parent.parent / name


def scenarios_dir() -> Path:
    return data_dir("scenarios")


@dataclass(frozen=True)
class BundledScenario:
    name: str
    path: Path
    title: str
    summary: str


def bundled_scenarios(include_examples: bool = True) -> list[BundledScenario]:
    """Every bundled scenario with its title and the first line of its briefing."""
    folder = scenarios_dir()
    paths = sorted(folder.glob("*.yaml"))
    if include_examples:
        paths += sorted((folder / "examples").glob("*.yaml"))
    found = []
    for path in paths:
        name = path.stem if path.parent == folder else f"examples/{path.stem}"
        try:
            scenario = load_scenario(path)
        except ScenarioError:
            continue
        first_line = next((line for line in scenario.briefing.splitlines() if line.strip()), "")
        found.append(BundledScenario(name, path, scenario.title, first_line.strip()))
    return found


def resolve_scenario(name_or_path: str | None) -> Path:
    """A path as given, or the bundled scenario of that name (``None`` = the default)."""
    if name_or_path is None:
        name_or_path = DEFAULT_SCENARIO
    given = Path(name_or_path)
    if given.suffix in (".yaml", ".yml") or given.exists():
        return given
    bundled = scenarios_dir() / f"{name_or_path}.yaml"
    return bundled if bundled.exists() else given
