"""Copying a results file to a folder a facilitator collects from (a USB stick, a share).

Why its own module: the end screen offers the copy, but the rules are file rules and are
tested without a screen: the copy never overwrites anything (a name already taken by a
different file gets ``-2``, ``-3`` ... ), a copy of the same bytes is not made twice,
and every failure is one sentence for the screen.
"""

from __future__ import annotations

import os
from pathlib import Path

MAX_NAME_TRIES = 100


class CopyFailed(Exception):
    """The copy could not be made; the message is one sentence to show the team."""


def suggested_folder() -> Path:
    """A removable drive if one is mounted (Linux /media or /run/media, macOS /Volumes), else home."""
    user = os.environ.get("USER") or os.environ.get("USERNAME") or ""
    for root in (Path("/media") / user, Path("/run/media") / user, Path("/Volumes")):
        try:
            drives = sorted(p for p in root.iterdir() if p.is_dir() and p.name != "Macintosh HD")
        except OSError:
            continue
        if drives:
            return drives[0]
    return Path.home()


def copy_results(source: Path, folder: Path) -> Path:
    """Copy ``source`` into ``folder`` under a free name; the path of the copy."""
    folder = folder.expanduser()
    if not folder.is_dir():
        raise CopyFailed(f"{folder} is not a folder")
    try:
        data = source.read_bytes()
    except OSError as error:
        raise CopyFailed(f"cannot read {source}: {error.strerror or error}") from None
    for n in range(1, MAX_NAME_TRIES + 1):
        target = folder / (source.name if n == 1 else f"{source.stem}-{n}{source.suffix}")
        try:
            if target.resolve() == source.resolve():
                return target          # already there: it is the file itself
            if target.is_file() and target.read_bytes() == data:
                return target          # the same results were copied before
        except OSError:
            pass
        try:
            handle = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            continue
        except OSError as error:
            raise CopyFailed(f"cannot write in {folder}: {error.strerror or error}") from None
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
        except OSError as error:
            target.unlink(missing_ok=True)
            raise CopyFailed(f"cannot write in {folder}: {error.strerror or error}") from None
        return target
    raise CopyFailed(f"{folder} already holds {MAX_NAME_TRIES} files named like {source.name}")
