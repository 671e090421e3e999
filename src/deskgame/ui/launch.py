"""How the game is started: whether there is a screen, and where and whether it saves."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from deskgame.policies.base import Policy


@dataclass
class SaveOptions:
    """Where and whether the game saves (from the command line)."""

    autosave: Path | None = None
    resume_from: Path | None = None
    enabled: bool = True
    team: str | None = None
    folder: Path | None = None  # where saves live (default: the user data folder)

    def unfinished(self) -> Path | None:
        from deskgame.session.saves import latest_unfinished

        return latest_unfinished(self.folder)

    def policy_name(self, policy: Policy | None) -> str:
        return policy.name if policy is not None else "player"


def display_available() -> bool:
    """False when there is no screen to open a window on (and no headless SDL driver asked for)."""
    driver = os.environ.get("SDL_VIDEODRIVER", "")
    if driver in ("dummy", "offscreen"):
        return True
    if os.name == "nt" or sys.platform == "darwin":
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
