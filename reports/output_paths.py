"""Where an output may go: one rule every writer checks before any work (never over the event file)."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from learningday.errors import InvalidInput

#: the files SQLite keeps beside an event file while it is open
SIDECARS = ("-wal", "-shm", "-journal")
#: the first bytes of a SQLite database (an event, a backup of one) and of a write-ahead log
DATABASE_HEADERS = (b"SQLite format 3\x00", b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83")
#: the limits of one name and of a whole path, in bytes, where the system does not say (Windows)
NAME_MAX, PATH_MAX = 255, 4096


def check_output(out: Path | str, *, event_path: Path | None = None, folder: bool = False) -> Path:
    """``out`` as a Path when a writer may give a file (``folder``: a new folder) that name; else InvalidInput.

    Refused: the open event file ``event_path`` and its -wal/-shm/-journal, compared by resolved path and by
    inode (a symlink, a hard link and ``x/../p.lday`` are the same file); any file holding a SQLite database
    (a backup of the event, another event); a folder (``folder``: one that is not empty), a device or a pipe;
    a name longer than the file system holds; a missing folder, or one this user cannot write in.
    """
    out = Path(out)
    if "\x00" in str(out):
        raise InvalidInput("a file name cannot hold a NUL character")
    _check_length(out)
    resolved = Path(os.path.realpath(out))
    info = _stat(out)
    if event_path is not None and _is_event(resolved, info, Path(event_path)):
        raise InvalidInput(f"{out} is the open event file (or its journal); writing there would replace the "
                           "event: choose another name")
    kind = "a new folder's name" if folder else "a file name"
    if out.name in ("", ".", "..") or resolved == Path(resolved.anchor):
        raise InvalidInput(f"{out} is a folder: give {kind}")
    if info is not None and stat.S_ISDIR(info.st_mode):
        if not folder:
            raise InvalidInput(f"{out} is a folder: give {kind}")
        if next(os.scandir(out), None) is not None:
            raise InvalidInput(f"{out} exists and is not an empty folder; choose a new folder or a .pdf name")
    elif info is not None and not stat.S_ISREG(info.st_mode):
        raise InvalidInput(f"{out} is not a regular file (a device, a pipe or a socket): give {kind}")
    elif info is not None and _header(resolved) in DATABASE_HEADERS:
        raise InvalidInput(f"{out} holds an event (a SQLite database, such as a backup copy); an output never "
                           "replaces one: choose another name")
    elif info is not None and folder:
        raise InvalidInput(f"{out} exists and is not an empty folder; choose a new folder or a .pdf name")
    parent = out.parent
    parent_info = _stat(parent)
    if parent_info is None or not stat.S_ISDIR(parent_info.st_mode):
        raise InvalidInput(f"folder {parent} does not exist")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise InvalidInput(f"cannot write in folder {parent}: it is read-only or this user may not write there")
    return out


def partial_name(out: Path) -> Path:
    """The hidden name beside ``out`` a writer fills before the rename, with ``out``'s suffix, short enough
    for the folder (a name near the limit loses the end of its stem, not its suffix)."""
    stem, limit = out.stem, _limit(out.parent, "PC_NAME_MAX", NAME_MAX)
    while stem and len(os.fsencode(f".{stem}.partial{out.suffix}")) > limit:
        stem = stem[:-1]
    name = f".{stem}.partial{out.suffix}"
    return out.with_name(name if len(os.fsencode(name)) <= limit else ".partial")


def _check_length(out: Path) -> None:
    """A name or a path the file system cannot hold is refused here, not as an OSError mid-write."""
    limit = _limit(out.parent, "PC_NAME_MAX", NAME_MAX)
    for part in out.parts:
        size = len(os.fsencode(part))
        if size > limit:
            shown = part if len(part) <= 40 else f"{part[:40]}…"
            raise InvalidInput(f"the name {shown!r} is too long: {len(part):,} characters ({size:,} bytes), "
                               f"and the file system holds at most {limit} bytes in a name")
    path_limit = _limit(out.parent, "PC_PATH_MAX", PATH_MAX)
    if len(os.fsencode(os.path.abspath(out))) >= path_limit:
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
    """The first bytes of a regular file (empty when it cannot be read: nothing to compare)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(16)
    except OSError:
        return b""
    return head if head.startswith(b"SQLite") else head[:4]
