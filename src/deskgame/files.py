"""The one rule for the files deskgame reads and writes (DESIGN.md section 3).

Reading: only regular files are opened (a FIFO would block forever, ``/dev/zero`` never
ends), and the size limit is enforced while reading, not trusted from ``st_size``.

Writing: an output path (``--out``, ``--autosave``, ``--screenshot``, a save) is checked
before any work starts, so a session is never played only to be lost at the end.  It
must not be one of the command's inputs (also not through a symbolic or hard link), it
must not resolve to anything but a regular file, and its folder must really take a new
file (probed by making one: ``os.access`` says yes to root on a read-only mount or /proc).
Writes themselves are atomic (``session.results.write_atomic``) and go to the resolved
path, so a symbolic link the user made stays a link.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

_KINDS = {stat.S_IFDIR: "a folder", stat.S_IFIFO: "a FIFO (named pipe)", stat.S_IFCHR: "a device",
          stat.S_IFBLK: "a device", stat.S_IFSOCK: "a socket"}
_CHUNK = 1024 * 1024


class FileProblem(Exception):
    """A file that cannot be used; ``str()`` is one line naming the file and the reason."""

    def __init__(self, message: str, missing: bool = False):
        super().__init__(message)
        self.missing = missing  # the file does not exist (callers word that case their own way)


def _reason(error: OSError) -> str:
    return error.strerror or os.strerror(error.errno or errno.EIO)


def kind_of(mode: int) -> str:
    """What a non-regular file is, in words."""
    return _KINDS.get(stat.S_IFMT(mode), "not a regular file")


def read_regular(path: str | os.PathLike[str], limit: int, name: str | None = None,
                 what: str = "file") -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them.

    Raises FileProblem (one line, starting with ``name``) for a missing file, anything not
    a regular file, a file over the limit (counted while reading: /proc and device files
    report a size of 0) and any read error.  Never blocks on a FIFO: it is opened
    non-blocking and refused after ``fstat``.
    """
    name = str(path) if name is None else name
    try:
        before = os.stat(path)
        if not stat.S_ISREG(before.st_mode):
            raise FileProblem(f"{name}: is {kind_of(before.st_mode)}, not a {what}")
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | \
            getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
        handle = os.open(path, flags)
    except FileNotFoundError:
        raise FileProblem(f"{name}: no such file", missing=True) from None
    except (ValueError, UnicodeError):  # an embedded NUL or an unencodable name
        raise FileProblem(f"{name}: not a usable file name") from None
    except OSError as error:
        raise FileProblem(f"{name}: cannot read ({_reason(error)})") from None
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):  # swapped between stat and open
            raise FileProblem(f"{name}: is {kind_of(info.st_mode)}, not a {what}")
        if info.st_size > limit:
            raise FileProblem(f"{name}: file is {info.st_size:,} bytes; a {what} is limited to {limit:,}")
        parts: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(handle, min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            parts.append(chunk)
            total += len(chunk)
    except OSError as error:
        raise FileProblem(f"{name}: cannot read ({_reason(error)})") from None
    finally:
        os.close(handle)
    if total > limit:
        raise FileProblem(f"{name}: file is over {limit:,} bytes; a {what} is limited to {limit:,}")
    return b"".join(parts)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


def check_output(path: str | os.PathLike[str], flag: str,
                 inputs: Iterable[tuple[str, str | os.PathLike[str]]] = (),
                 companions: Iterable[str] = ()) -> Path:
    """The resolved path to write ``flag``'s output to, or FileProblem (one line).

    ``inputs`` are ``(what, path)`` pairs the command reads ("the scenario", "the save to
    resume"); ``companions`` are suffixes of files written beside the output (a save's
    ``.lock``), which must be regular files or absent too.
    """
    shown = str(path)
    if not shown.strip():
        raise FileProblem(f"{flag}: give a file name")
    try:
        target = Path(os.path.realpath(path))
        for what, given in inputs:
            if given and (target == Path(os.path.realpath(given)) or _same_file(target, Path(given))):
                raise FileProblem(f"{flag}: {shown} is {what} itself, an input; choose another file")
        _check_regular_or_absent(target, flag, shown)
        for suffix in companions:
            _check_regular_or_absent(target.with_name(target.name + suffix), flag,
                                     shown + suffix)
        probe_folder(target.parent, flag)
    except (ValueError, UnicodeError):
        raise FileProblem(f"{flag}: {shown!r} is not a usable file name") from None
    return target


def _check_regular_or_absent(target: Path, flag: str, shown: str) -> None:
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        return
    except OSError as error:
        raise FileProblem(f"{flag}: cannot use {shown} ({_reason(error)})") from None
    if not stat.S_ISREG(mode):
        raise FileProblem(f"{flag}: {shown} is {kind_of(mode)}, not a regular file; choose a file name")


def probe_folder(folder: Path, flag: str) -> None:
    """FileProblem unless a new file can really be made (and removed) in ``folder``."""
    if not folder.is_dir():
        raise FileProblem(f"{flag}: the folder {folder} does not exist")
    try:
        handle, probe = tempfile.mkstemp(prefix=".deskgame-probe-", dir=folder)
    except OSError as error:
        raise FileProblem(f"{flag}: cannot write in {folder} ({_reason(error)})") from None
    try:
        os.write(handle, b"deskgame")
        os.fsync(handle)
    except OSError as error:
        raise FileProblem(f"{flag}: cannot write in {folder} ({_reason(error)})") from None
    finally:
        os.close(handle)
        with contextlib.suppress(OSError):
            os.unlink(probe)
