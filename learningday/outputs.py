"""Where a file the user names may be written: one rule every writer checks before any work (never over the event
file, a folder or a device; never a name the file system cannot hold)."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Literal

from learningday.errors import InvalidInput

#: the files SQLite keeps beside an event file while it is open
SIDECARS = ("-wal", "-shm", "-journal")
#: the first bytes of a SQLite database (an event, a backup of one), and of a write-ahead log (either byte order)
SQLITE_HEADER = b"SQLite format 3\x00"
WAL_HEADERS = (b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83")
#: the limits of one name and of a whole path, in bytes, where the system does not say (Windows)
NAME_MAX, PATH_MAX = 255, 4096
#: what a writer makes: a file, a folder of files, or an event file (which SQLite gives sidecars)
Kind = Literal["file", "folder", "event"]


def check_output(out: Path | str, *, event_path: Path | None = None, kind: Kind = "file") -> Path:
    """``out`` as a Path when a writer may give a ``kind`` of thing that name; else one InvalidInput saying why.

    Refused: the open event file ``event_path`` and its -wal/-shm/-journal, compared by resolved path and by
    inode (a symlink, a hard link and ``x/../p.lday`` are the same file); any file holding a SQLite database
    (a backup of the event, another event), unless ``kind`` is "event" (its writer judges what it replaces), and
    any database's journal; a folder (for a "folder": one that is not empty), a device or a pipe; a name longer
    than the file system holds (for an "event", with room for its sidecars); a missing folder, or one this user
    cannot write in.
    """
    out = Path(out)
    if "\x00" in str(out):
        raise InvalidInput("a file name cannot hold a NUL character")
    _check_length(out, spare=len(_sidecar_room(kind)))
    resolved = Path(os.path.realpath(out))
    info = _stat(out)
    if event_path is not None and _is_event(resolved, info, Path(event_path)):
        raise InvalidInput(f"{out} is the open event file (or its journal); writing there would replace the "
                           "event: choose another name")
    if out.name in ("", ".", "..") or resolved == Path(resolved.anchor):
        raise InvalidInput(f"{out} is a folder: give {_wanted(kind)}")
    if info is not None:
        _check_what_is_there(out, resolved, info, kind)
    if _is_sidecar(resolved):  # even a new one: SQLite would take it for the journal of the database beside it
        raise InvalidInput(f"{out} is the journal of an event file beside it; writing there would damage that "
                           "event: choose another name")
    parent_info = _stat(out.parent)
    if parent_info is None or not stat.S_ISDIR(parent_info.st_mode):
        raise InvalidInput(f"folder {out.parent} does not exist")
    if not os.access(out.parent, os.W_OK | os.X_OK):
        raise InvalidInput(f"cannot write in folder {out.parent}: it is read-only or this user may not write there")
    return out


def _check_what_is_there(out: Path, resolved: Path, info: os.stat_result, kind: Kind) -> None:
    """Refuse what a writer must not replace: a folder (a folder writer takes an empty one), a device or a pipe,
    a database (an event's writer judges that itself)."""
    taken = f"{out} exists and is not an empty folder; choose a new folder or a .pdf name"
    if stat.S_ISDIR(info.st_mode):
        if kind != "folder":
            raise InvalidInput(f"{out} is a folder: give {_wanted(kind)}")
        if next(os.scandir(out), None) is not None:
            raise InvalidInput(taken)
    elif not stat.S_ISREG(info.st_mode):
        raise InvalidInput(f"{out} is not a regular file (a device, a pipe or a socket): give {_wanted(kind)}")
    elif kind != "event" and _header(resolved) == SQLITE_HEADER:
        raise InvalidInput(f"{out} holds an event (a SQLite database, such as a backup copy); an output never "
                           "replaces one: choose another name")
    elif kind == "folder":
        raise InvalidInput(taken)


def _wanted(kind: Kind) -> str:
    return "a new folder's name" if kind == "folder" else "a file name"


def partial_name(out: Path, kind: Kind = "file") -> Path:
    """The hidden name beside ``out`` a writer fills before the rename, with ``out``'s suffix, short enough
    for the folder (a name near the limit loses the end of its stem, not its suffix; an event keeps room for
    its sidecars)."""
    stem, limit = out.stem, _limit(out.parent, "PC_NAME_MAX", NAME_MAX) - len(_sidecar_room(kind))
    while stem and len(os.fsencode(f".{stem}.partial{out.suffix}")) > limit:
        stem = stem[:-1]
    name = f".{stem}.partial{out.suffix}"
    return out.with_name(name if len(os.fsencode(name)) <= limit else ".partial")


def _sidecar_room(kind: Kind) -> str:
    """The longest name SQLite appends to an event file's (none for other files)."""
    return max(SIDECARS, key=len) if kind == "event" else ""


def _check_length(out: Path, *, spare: int) -> None:
    """A name or a path the file system cannot hold is refused here, not as an OSError mid-write; the last
    name keeps ``spare`` bytes for what SQLite appends to it."""
    limit = _limit(out.parent, "PC_NAME_MAX", NAME_MAX)
    for part in out.parts:
        size, room = len(os.fsencode(part)), limit - (spare if part == out.name else 0)
        if size > room:
            shown = part if len(part) <= 40 else f"{part[:40]}…"
            where = "an event file's name (SQLite adds to it)" if room < limit else "a name"
            raise InvalidInput(f"the name {shown!r} is too long: {len(part):,} characters ({size:,} bytes), "
                               f"and the file system holds at most {room} bytes in {where}")
    path_limit = _limit(out.parent, "PC_PATH_MAX", PATH_MAX)
    if len(os.fsencode(os.path.abspath(out))) + spare >= path_limit:
        raise InvalidInput(f"the path of {out.name!r} is too long: the file system holds at most {path_limit} bytes")


def _limit(folder: Path, name: str, default: int) -> int:
    """The file system's limit ``name`` for the nearest folder of ``folder`` that exists."""
    folder = Path(os.path.abspath(folder))
    while not os.path.isdir(folder) and folder != folder.parent:
        folder = folder.parent
    try:
        return os.pathconf(folder, name)
    except (OSError, ValueError, AttributeError):  # no pathconf on Windows; an unknown name
        return default


def _stat(path: Path) -> os.stat_result | None:
    """``path``'s kind (through symlinks), None when nothing is there; a path the system refuses is refused."""
    try:
        return os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno == errno.ENOTDIR:  # a file where a folder should be: nothing can be there
            return None
        raise InvalidInput(f"cannot write {path}: {exc.strerror}") from None


def _is_event(resolved: Path, info: os.stat_result | None, event_path: Path) -> bool:
    """Is ``resolved`` (``info``: what is there) the event file or one of its SQLite sidecars?"""
    names = {Path(f"{base}{suffix}") for base in (event_path, Path(os.path.realpath(event_path)))
             for suffix in ("", *SIDECARS)}
    if resolved in {Path(os.path.realpath(n)) for n in names}:
        return True
    if info is None:
        return False
    inodes = set()
    for name in names:
        try:
            s = os.stat(name)
        except OSError:
            continue
        inodes.add((s.st_dev, s.st_ino))
    return (info.st_dev, info.st_ino) in inodes


def _header(path: Path) -> bytes:
    """The first 16 bytes of a regular file (empty when it cannot be read: nothing to compare)."""
    try:
        with open(path, "rb") as fh:
            return fh.read(16)
    except OSError:
        return b""


def _is_sidecar(path: Path) -> bool:
    """A write-ahead log, or a -wal/-shm/-journal name beside the database it belongs to."""
    if _header(path)[:4] in WAL_HEADERS:
        return True
    return any(path.name.endswith(suffix) and _header(path.with_name(path.name.removesuffix(suffix))) == SQLITE_HEADER
               for suffix in SIDECARS)
