"""Finding the bundled scenarios, from a source checkout or from an installed wheel.

The wheel carries ``scenarios/`` inside the package as ``deskgame/_data/scenarios``;
a checkout (or an editable install) finds it at the repository's top.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from deskgame.scenario.errors import ScenarioError
from deskgame.scenario.loader import load_scenario
from deskgame.scenario.model import Scenario

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
    """A scenario as ``deskgame scenarios`` lists it (bundled, or a file in a facilitator's folder)."""

    name: str            # the bundled name, or the file's name in its folder
    path: Path
    title: str
    summary: str         # the briefing's first sentence
    difficulty: str | None = None
    rounds: int = 1
    team: int = 0        # people on the desk


SUMMARY_CHARACTERS = 200


def summary(briefing: str) -> str:
    """The briefing's first sentence (its lines joined: a briefing is often wrapped mid-sentence),
    at most SUMMARY_CHARACTERS long, cut at a word."""
    paragraph = " ".join(briefing.strip().split("\n\n", 1)[0].split())
    match = re.match(r"(.+?[.!?])(\s|$)", paragraph)
    sentence = match.group(1) if match else paragraph
    if len(sentence) > SUMMARY_CHARACTERS:
        sentence = sentence[:SUMMARY_CHARACTERS].rsplit(" ", 1)[0] + " ..."
    return sentence


def listed(name: str, path: Path, scenario: Scenario) -> BundledScenario:
    return BundledScenario(name, path, scenario.title, summary(scenario.briefing), scenario.difficulty,
                           scenario.rounds, len(scenario.team))


def bundled_scenarios(include_examples: bool = True) -> list[BundledScenario]:
    """Every bundled scenario with its title, the first sentence of its briefing and its figures."""
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
        found.append(listed(name, path, scenario))
    return found


SUFFIXES = (".yaml", ".yml")
MAX_FOLDER_FILES = 200   # a folder is read file by file (each up to 1 MiB): list at most this many


@dataclass(frozen=True)
class FolderListing:
    """The scenario files of a facilitator's folder: those that load, and those that do not."""

    scenarios: list[BundledScenario]
    broken: list[tuple[Path, ScenarioError]]
    left_out: int = 0    # files beyond MAX_FOLDER_FILES, not read


def folder_scenarios(folder: Path) -> FolderListing:
    """Every ``*.yaml`` / ``*.yml`` file directly in ``folder`` (not in sub-folders, not hidden),
    in name order, loaded and checked as ``deskgame validate`` would."""
    paths = sorted(path for path in folder.iterdir()
                   if path.suffix.lower() in SUFFIXES and not path.name.startswith(".") and not path.is_dir())
    scenarios, broken = [], []
    for path in paths[:MAX_FOLDER_FILES]:
        try:
            scenarios.append(listed(path.name, path, load_scenario(path)))
        except ScenarioError as error:
            broken.append((path, error))
    return FolderListing(scenarios, broken, max(0, len(paths) - MAX_FOLDER_FILES))


def resolve_scenario(name_or_path: str | None) -> Path:
    """A path as given, or the bundled scenario of that name (``None`` = the default)."""
    if name_or_path is None:
        name_or_path = DEFAULT_SCENARIO
    given = Path(name_or_path)
    if given.suffix in (".yaml", ".yml") or given.exists():
        return given
    bundled = scenarios_dir() / f"{name_or_path}.yaml"
    return bundled if bundled.exists() else given
