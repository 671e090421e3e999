"""The player's settings: one JSON file in the user config folder, read at start, written on change.

A file that cannot be read, is not JSON or holds a wrong value never stops the game: each
bad part falls back to its default with one line on stderr naming the file and the field,
and the good parts are kept.  ``$DESKGAME_CONFIG_DIR`` overrides the folder (portable
installs, tests).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from deskgame.session.live import SPEEDS

FILE_NAME = "settings.json"
MAX_BYTES = 64 * 1024  # a settings file is a few lines; anything bigger is not ours
TEXT_SIZES = ("normal", "large")
PALETTES = ("default", "high_contrast")
PLAY_SPEEDS = tuple(s for s in SPEEDS if s > 0)


@dataclass
class Settings:
    """What the player chose; the defaults are what a new player gets."""

    volume: float = 0.7  # 0 to 1
    muted: bool = False
    text_size: str = "normal"  # normal | large
    palette: str = "default"  # default (colour-blind safe) | high_contrast
    slow_for_calls: bool = True  # a ringing call slows the clock to give the table 15 real seconds
    default_speed: int = 1  # the speed a new session starts at
    fullscreen: bool = False


def _check(name: str, value: Any) -> str | None:
    """Why ``value`` is not a valid ``name`` (None when it is)."""
    if name == "volume":
        ok = isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value <= 1
        return None if ok else "must be a number from 0 to 1"
    if name in ("muted", "slow_for_calls", "fullscreen"):
        return None if isinstance(value, bool) else "must be true or false"
    if name == "text_size":
        return None if value in TEXT_SIZES else f"must be one of {', '.join(TEXT_SIZES)}"
    if name == "palette":
        return None if value in PALETTES else f"must be one of {', '.join(PALETTES)}"
    if name == "default_speed":
        ok = isinstance(value, int) and not isinstance(value, bool) and value in PLAY_SPEEDS
        return None if ok else f"must be one of {', '.join(map(str, PLAY_SPEEDS))}"
    return "is not a setting"


def config_dir() -> Path:
    override = os.environ.get("DESKGAME_CONFIG_DIR")
    if override:
        return Path(override)
    from platformdirs import user_config_dir

    return Path(user_config_dir("deskgame", appauthor=False))


def settings_path() -> Path:
    return config_dir() / FILE_NAME


def _warn(path: Path, message: str) -> None:
    print(f"deskgame: settings file {path}: {message}", file=sys.stderr)


def load(path: Path | None = None) -> Settings:
    """The settings in ``path`` (default: the user config folder); defaults for what is missing or wrong."""
    path = path or settings_path()
    defaults = Settings()
    try:
        if not path.exists():
            return defaults
        if not path.is_file() or path.stat().st_size > MAX_BYTES:
            _warn(path, "not a small regular file; using the default settings")
            return defaults
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        _warn(path, f"cannot be read ({error.__class__.__name__}); using the default settings")
        return defaults
    except json.JSONDecodeError as error:
        _warn(path, f"is not valid JSON (line {error.lineno}); using the default settings")
        return defaults
    if not isinstance(data, dict):
        _warn(path, "must hold a JSON object; using the default settings")
        return defaults
    chosen: dict[str, Any] = {}
    known = {f.name for f in fields(Settings)}
    for name, value in data.items():
        if name not in known:
            _warn(path, f"field {name!r} is not a setting; ignored")
            continue
        problem = _check(name, value)
        if problem:
            _warn(path, f"field {name!r} {problem}; using the default {getattr(defaults, name)!r}")
            continue
        chosen[name] = float(value) if name == "volume" else value
    return Settings(**chosen)


def save(settings: Settings, path: Path | None = None) -> str:
    """Write ``settings`` atomically (temp file and rename); the problem in one line, or ""."""
    path = path or settings_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=".settings-", suffix=".tmp", dir=path.parent)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(asdict(settings), out, indent=2)
            out.write("\n")
        os.replace(temp, path)
    except OSError as error:
        return f"settings not saved to {path}: {error.strerror or error}"
    return ""


def apply(settings: Settings) -> None:
    """Text size and palette for everything drawn from now on (the app applies the rest)."""
    from deskgame.ui import text, theme

    theme.apply(settings.palette, settings.text_size)
    text.reset()
