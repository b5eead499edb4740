"""Rolling backups of an event file: consistent copies (SQLite's online backup API) in a folder beside it."""

from __future__ import annotations

import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from learningday.errors import EventFileError, InvalidInput, NotSaved
from learningday.store.failures import short_reason
from learningday.store.inspection import inspect_event_file, read_only_uri, side_files

#: minutes between two rolling backups of an open file, and how many are kept
DEFAULT_MINUTES = 10
DEFAULT_KEEP = 12
STAMP = "%Y%m%dT%H%M%SZ"
#: "20270310T210000Z.lday", "20270310T210000Z-2-before-0003.lday": the time (UTC), a counter, why
_NAME = re.compile(r"^(\d{8}T\d{6}Z)(?:-(\d+))?(?:-([a-z0-9-]+))?\.lday$")


@dataclass(frozen=True)
class Backup:
    """One backup: where it is, when it was taken (UTC), its size in bytes, and why ("" for a rolling one)."""

    path: Path
    taken_utc: datetime
    size: int
    reason: str


def backups_folder(event: Path) -> Path:
    """``demo.lday`` keeps its backups in ``demo.backups`` beside it."""
    return event.with_name(f"{event.stem}.backups")


def _copy(source: Path, target: Path) -> None:
    """Every page of ``source`` as of one moment (one read transaction) into ``target``, a single file."""
    src = sqlite3.connect(read_only_uri(source), uri=True)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)  # all pages in one step: one snapshot, however busy the writers are
            dst.execute("PRAGMA journal_mode = DELETE")  # no -wal beside a backup: one file says it all
        finally:
            dst.close()
    finally:
        src.close()


def _free_name(folder: Path, when: datetime, reason: str) -> Path:
    stamp, tail = when.strftime(STAMP), f"-{reason}" if reason else ""
    candidate, n = folder / f"{stamp}{tail}.lday", 1
    while candidate.exists():  # two backups in one second (a merge right after a migration)
        n += 1
        candidate = folder / f"{stamp}-{n}{tail}.lday"
    return candidate


def take_backup(event: Path, *, reason: str = "", when: datetime | None = None) -> Path:
    """A consistent copy of ``event`` in its backups folder, written under a temporary name and then renamed,
    so a backup that exists is whole. Raises sqlite3.Error or OSError; nothing is left behind then."""
    folder = backups_folder(event)
    made_folder = not folder.exists()
    folder.mkdir(exist_ok=True)
    final = _free_name(folder, when or datetime.now(UTC), reason)
    part = final.with_name(f".{final.name}.part")
    try:
        _copy(event, part)
        with part.open("rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(part, final)
    except BaseException:
        part.unlink(missing_ok=True)
        Path(f"{part}-journal").unlink(missing_ok=True)
        if made_folder and not any(folder.iterdir()):
            folder.rmdir()
        raise
    return final


def backup_before(event: Path, *, doing: str, reason: str) -> Path:
    """``take_backup`` before a change to ``event`` (``doing`` says which); a backup the system refuses is
    NotSaved, worded for the user, and the change must not go ahead."""
    try:
        return take_backup(event, reason=reason)
    except (sqlite3.Error, OSError) as exc:
        why = short_reason(exc, label=str(event))
        raise NotSaved(f"not saved: {event} {doing}, but no backup copy could be made beside it ({why}); "
                       "nothing was changed", reason=why) from None


def event_path(target: str | Path) -> Path:
    """The event file ``target`` names, checked to be one; a server's database is backed up by its server."""
    if "://" in str(target) and not str(target).startswith("sqlite"):
        raise InvalidInput("a shared event on a database server is backed up by that server (pg_dump), "
                           "not by LearningDay; `learningday pull` copies it into an event file")
    path = Path(str(target).removeprefix("sqlite:///")).expanduser()
    inspect_event_file(path)
    return path


def back_up(event: Path, *, keep: int = DEFAULT_KEEP, reason: str = "") -> Backup:
    """One rolling backup of ``event`` (the timer's, or the CLI's), then all but the newest ``keep`` removed."""
    if keep < 1:
        raise InvalidInput(f"keep at least one backup, not {keep}")
    path = backup_before(event, doing="was to be backed up", reason=reason)
    prune(event, keep=keep)
    backup = _read(path)
    assert backup is not None
    return backup


def _read(path: Path) -> Backup | None:
    match = _NAME.match(path.name)
    if match is None or not path.is_file():
        return None
    taken = datetime.strptime(match.group(1), STAMP).replace(tzinfo=UTC)
    return Backup(path, taken, path.stat().st_size, match.group(3) or "")


def list_backups(event: Path) -> list[Backup]:
    """The event's backups, newest first."""
    folder = backups_folder(event)
    if not folder.is_dir():
        return []
    found = [b for b in map(_read, folder.iterdir()) if b is not None]
    # names only tell the second: within one, the file's own time orders them
    return sorted(found, key=lambda b: (b.taken_utc, b.path.stat().st_mtime_ns), reverse=True)


def needs_backup(event: Path) -> bool:
    """The event (or its write-ahead log, which any station's write touches) changed since its newest backup."""
    found = list_backups(event)
    if not found:
        return True
    changed = max((p.stat().st_mtime_ns for p in (event, side_files(event)[0]) if p.exists()), default=0)
    return changed > found[0].path.stat().st_mtime_ns


def prune(event: Path, *, keep: int = DEFAULT_KEEP) -> list[Path]:
    """Remove all but the newest ``keep`` backups; the removed ones' paths."""
    if keep < 1:
        raise InvalidInput(f"keep at least one backup, not {keep}")
    gone = [b.path for b in list_backups(event)[keep:]]
    for path in gone:
        path.unlink(missing_ok=True)
    return gone


def find_backup(event: Path, name: str | Path) -> Backup:
    """One of the event's backups, by its file name (or path); EventFileError when it is not one of them."""
    wanted = Path(name).name
    for backup in list_backups(event):
        if backup.path.name == wanted:
            return backup
    raise EventFileError(f"{event} has no backup named {wanted!r}; `learningday backups {event}` lists them")


def restore_backup(event: Path, backup: Backup) -> Path:
    """Put ``backup``'s content back into ``event``, after saving the event as it is now as a backup too
    (returned). The pages go in through the backup API, inside one write transaction of the event file, so a
    station that has it open sees the old event or the restored one, never a mixture."""
    inspect_event_file(backup.path)  # a damaged or foreign file is refused before anything is written
    before = take_backup(event, reason="before-restore")
    try:
        src = sqlite3.connect(read_only_uri(backup.path), uri=True)
        try:
            dst = sqlite3.connect(event, timeout=5)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode = WAL")  # as the app keeps it (the backup is a single file)
            finally:
                dst.close()
        finally:
            src.close()
    except (sqlite3.Error, OSError) as exc:  # the copy is one transaction: the file is as it was
        why = short_reason(exc, label=str(event))
        raise NotSaved(f"not saved: {event} could not be restored ({why}); it is as it was", reason=why) from exc
    return before
