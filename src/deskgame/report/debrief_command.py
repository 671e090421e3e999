"""What ``deskgame debrief`` does, apart from argument parsing: check, read, render, write.

The output path is checked before any file is read, so a typo costs nothing, and the
report is never written over one of its inputs (a results file named ``report.html``,
or a link to one) nor over anything that is not a regular file.
"""

from __future__ import annotations

import contextlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from deskgame.report.sessions import DebriefInputError, collect_paths, comparability_warnings, load_sessions

DEFAULT_OUT = "debrief.html"

__all__ = ["DEFAULT_OUT", "DebriefInputError", "DebriefDone", "make_debrief"]


@dataclass(frozen=True)
class DebriefDone:
    out: str
    teams: list[str]
    warnings: list[str]

    def __str__(self) -> str:
        lines = [f"warning: {w}" for w in self.warnings]
        lines.append(f"debrief of {len(self.teams)} team{'s' if len(self.teams) != 1 else ''} "
                     f"({', '.join(self.teams)}) written to {self.out}")
        return "\n".join(lines)


def check_out(out: str, inputs: list[Path]) -> None:
    """Refuse an output path that is an input, not a regular file, or in a folder we cannot write."""
    target = Path(out)
    real = os.path.realpath(target)
    if any(os.path.realpath(path) == real for path in inputs):
        raise DebriefInputError(f"--out: {out} is one of the results files given; choose another name")
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as error:
        raise DebriefInputError(f"--out: {out}: {error.strerror or error}") from None
    if mode is not None and not stat.S_ISREG(mode):
        raise DebriefInputError(f"--out: {out} exists and is not a regular file")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise DebriefInputError(f"--out: the folder {folder} does not exist")
    if not os.access(folder, os.W_OK):
        raise DebriefInputError(f"--out: cannot write in {folder}")


def _shareable(out: str) -> None:
    """A report is for sharing: readable as the user's umask allows (the atomic write made it 0600)."""
    mask = os.umask(0)
    os.umask(mask)
    with contextlib.suppress(OSError):
        os.chmod(out, 0o666 & ~mask)


def make_debrief(arguments: list[str], out: str = DEFAULT_OUT) -> DebriefDone:
    """Read every results file named (or found in the folders named) and write the report."""
    from deskgame.report.debrief import build_report
    from deskgame.session.results import write_atomic

    check_out(out, collect_paths(arguments))
    sessions, notes = load_sessions(arguments)
    page = build_report(sessions, notes)
    write_atomic(out, page)
    _shareable(out)
    return DebriefDone(out, [s.name for s in sessions], comparability_warnings(sessions) + notes)
