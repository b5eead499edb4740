"""A station's outbox: check-ins the event's store would not take, kept in order in a small local SQLite file."""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import sys
from dataclasses import astuple, dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import make_url

from learningday.store.models import new_uid
from learningday.store.server import server_label

#: the outbox's own schema: one row per kept check-in, ``seq`` its place in the queue
_SCHEMA = """
CREATE TABLE IF NOT EXISTS kept (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, uid TEXT NOT NULL UNIQUE, who TEXT NOT NULL, who_is_id INTEGER NOT NULL,
    shown TEXT NOT NULL, method TEXT NOT NULL, session_uid TEXT, station TEXT NOT NULL, facilitator TEXT NOT NULL,
    at_utc TEXT NOT NULL, override TEXT, over_capacity INTEGER NOT NULL, hub TEXT, reason TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS about (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
_COLUMNS = "who, who_is_id, shown, method, session_uid, station, facilitator, at_utc, override, over_capacity, hub, uid"


@dataclass(frozen=True)
class Kept:
    """One check-in as the facilitator made it: who, where, and when (the time they came, not the time the
    server took it), with the uid it will be written with: a retry after a lost answer finds it, not a twin."""

    who: str | int
    shown: str
    method: str
    session_uid: str | None
    station: str
    facilitator: str
    at_utc: datetime
    #: the door rules' override (its reason) and "admit over capacity"; the station's hub
    override: str | None = None
    over_capacity: bool = False
    hub: str | None = None
    uid: str = field(default_factory=new_uid)


def default_folder() -> Path:
    """Where outboxes live: beside the app's own data (never inside the shared database)."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "LearningDay" / "outbox"


def on_server(target: str | Path) -> bool:
    """Whether ``target`` names an event on a database server (a URL that is not SQLite's), which keeps an outbox."""
    return isinstance(target, str) and "://" in target and make_url(target).get_backend_name() != "sqlite"


def outbox_path(url: str, folder: Path | None = None) -> Path:
    """The outbox file of the event at ``url``: one per event, named without its password."""
    plain = make_url(url).render_as_string(hide_password=True)
    slug = re.sub(r"[^A-Za-z0-9]+", "-", server_label(url)).strip("-")[:60] or "event"
    return (folder or default_folder()) / f"{slug}-{hashlib.sha256(plain.encode()).hexdigest()[:12]}.sqlite"


class Outbox:
    """The check-ins waiting, oldest first, in a file (``path``) or, for an event file, in memory only (a full
    disk would refuse a file beside it too). Each change is committed at once (synchronous=FULL)."""

    def __init__(self, path: Path | None = None, *, label: str = "") -> None:
        self.path = path
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(":memory:" if path is None else path, timeout=10, isolation_level=None,
                                   check_same_thread=False)
        self._db.execute("PRAGMA synchronous = FULL")
        self._db.executescript(_SCHEMA)
        if label:
            self._db.execute("INSERT OR REPLACE INTO about VALUES ('event', ?)", (label,))

    @classmethod
    def for_event(cls, url: str, folder: Path | None = None) -> Outbox:
        """The outbox of the event on a server at ``url`` (the same file for every run on this computer)."""
        return cls(outbox_path(url, folder), label=make_url(url).render_as_string(hide_password=True))

    @property
    def label(self) -> str:
        """The event it keeps check-ins for (its URL without the password); '' for one kept in memory."""
        row = self._db.execute("SELECT value FROM about WHERE key = 'event'").fetchone()
        return row[0] if row else ""

    def keep(self, entry: Kept, reason: str) -> int:
        """Add ``entry`` behind the ones waiting (a second keep of one uid changes nothing); how many wait."""
        values = list(astuple(entry))
        values[0:1] = [str(entry.who), isinstance(entry.who, int)]
        values[7] = entry.at_utc.isoformat()
        self._db.execute(f"INSERT OR IGNORE INTO kept ({_COLUMNS}, reason) VALUES ({', '.join('?' * 13)})",
                         (*values, reason))
        return len(self)

    def entries(self) -> list[Kept]:
        rows = self._db.execute(f"SELECT {_COLUMNS} FROM kept ORDER BY seq").fetchall()
        return [Kept(int(who) if is_id else who, *rest[:5], datetime.fromisoformat(rest[5]), rest[6],
                     bool(rest[7]), *rest[8:]) for who, is_id, *rest in rows]

    @property
    def reason(self) -> str:
        """Why the newest entry was kept ("the server cannot be reached"); '' when none waits."""
        row = self._db.execute("SELECT reason FROM kept ORDER BY seq DESC LIMIT 1").fetchone()
        return row[0] if row else ""

    def set_reason(self, reason: str) -> None:
        self._db.execute("UPDATE kept SET reason = ?", (reason,))

    def drop(self, uid: str) -> None:
        """Take an entry out: written (or judged) by the event's store."""
        self._db.execute("DELETE FROM kept WHERE uid = ?", (uid,))

    def clear(self) -> None:
        self._db.execute("DELETE FROM kept")

    def __len__(self) -> int:
        return self._db.execute("SELECT count(*) FROM kept").fetchone()[0]

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Outbox:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
