"""The scenario format ``deskgame/1``: loading, validation, the typed model and its schema."""

from deskgame.scenario.errors import Problem, ScenarioError
from deskgame.scenario.loader import load_scenario, load_scenario_text, validate_files
from deskgame.scenario.model import Scenario

__all__ = [
    "Problem",
    "Scenario",
    "ScenarioError",
    "load_scenario",
    "load_scenario_text",
    "validate_files",
]
