"""The one error type the scenario loader raises, carrying every problem it found.

Facilitators fix files by line number, so each problem knows where it is:
``FILE:LINE:COL: path.to.field: message``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a scenario, at a place in its file."""

    line: int
    column: int
    path: str
    message: str
    file: str = "<scenario>"

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        return f"{self.file}:{self.line}:{self.column}: {where}{self.message}"


class ScenarioError(Exception):
    """Raised when a scenario cannot be loaded; ``problems`` lists every reason."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.line, p.column, p.path, p.message))
        super().__init__("\n".join(str(p) for p in self.problems))
