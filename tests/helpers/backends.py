"""Where a test's event lives: a fresh SQLite file, or a fresh database on the throw-away PostgreSQL server."""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from learningday.setup.event import create_event, create_event_file
from learningday.store.db import open_event
from tests.helpers.pgcluster import Cluster

#: the database every test database is copied from: migrated to the head revision once per run
TEMPLATE = "ld_template"
#: the demo event (conftest's demo_template) published once per run, for the tests that want it on the server
DEMO = "ld_demo"
_numbers = itertools.count(1)


def run_sql(url: str, *statements: str, autocommit: bool = False) -> None:
    """``statements`` on a connection of their own, not through the app: in one transaction, or each alone."""
    engine = create_engine(url, **({"isolation_level": "AUTOCOMMIT"} if autocommit else {}))
    try:
        with engine.connect() as connection:
            for statement in statements:
                connection.execute(text(statement))
            connection.commit()
    finally:
        engine.dispose()


def _admin(cluster: Cluster, *statements: str) -> None:
    run_sql(cluster.url(), *statements, autocommit=True)  # CREATE DATABASE refuses a transaction


def make_template(cluster: Cluster) -> str:
    """The template database at the head revision (no event in it yet)."""
    _admin(cluster, f"CREATE DATABASE {TEMPLATE}")
    open_event(cluster.url(TEMPLATE)).close()  # migrates; closing leaves no connection (a template needs none)
    return TEMPLATE


def make_demo(cluster: Cluster, demo_file: Path) -> str:
    """The demo event's database, a template for each test that wants the demo on the server."""
    return make_published(cluster, demo_file, DEMO)


def make_published(cluster: Cluster, event_file: Path, database: str) -> str:
    """``event_file`` published into a new database called ``database``: a template for the tests that want it."""
    from learningday.store.copying import publish

    _admin(cluster, f"CREATE DATABASE {database} TEMPLATE {TEMPLATE}")
    publish(event_file, cluster.url(database))
    return database


def as_file(target: str | Path, path: Path) -> Path:
    """The event at ``target`` as a new event file ``path`` (a station's copy): the file copied, or the database
    pulled."""
    if isinstance(target, Path):
        shutil.copyfile(target, path)
        return path
    from learningday.store.copying import pull

    pull(target, path)
    return path


def new_event(target: str | Path, *, name: str, start_utc: datetime, **fields: Any) -> str | Path:
    """An event made at ``target``: a new file (``create_event_file``), or an empty database at the head revision
    (``Backend.empty()``); the builders in tests/helpers take either."""
    if isinstance(target, Path):
        return create_event_file(target, name=name, start_utc=start_utc, **fields)
    with open_event(target) as event_file, event_file.write() as session:
        create_event(session, name=name, start_utc=start_utc, created_utc=datetime.now(timezone.utc), **fields)
    return target


def _engine(target: str | Path) -> Any:
    url = target if isinstance(target, str) else f"sqlite:///{target}"
    return create_engine(url, poolclass=NullPool)  # nothing left connected: a test may drop the database next


def one_statement(target: str | Path, sql: str, params: dict[str, Any], *, write: bool) -> list[tuple[Any, ...]]:
    """``sql`` on an event file or database, outside the app: its rows (none for a write, which is committed)."""
    engine = _engine(target)
    try:
        with engine.begin() as connection:
            result = connection.execute(text(sql), params)
            return [] if write or not result.returns_rows else [tuple(row) for row in result]
    finally:
        engine.dispose()


def dump(target: str | Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows in key order (Alembic's version table too): what "nothing was written" compares."""
    engine = _engine(target)
    try:
        tables = sorted(inspect(engine).get_table_names())
        with engine.connect() as connection:
            return {name: [tuple(row) for row in connection.execute(text(f'SELECT * FROM "{name}" ORDER BY 1'))]
                    for name in tables}
    finally:
        engine.dispose()


@dataclass
class Backend:
    """``name`` is 'sqlite' or 'postgresql'; ``target`` what open_event takes (a path or a URL), once made."""

    name: str
    folder: Path
    cluster: Cluster | None = None
    database: str | None = None

    def empty(self, *, template: str = TEMPLATE) -> str | Path:
        """Where a new event may be made: a file name, or a fresh database at the head revision (a copy of
        ``template``)."""
        if self.cluster is None:
            return self.folder / "event.lday"
        if self.database is None:
            self.database = f"t_{next(_numbers)}"
            _admin(self.cluster, f"CREATE DATABASE {self.database} TEMPLATE {template}")
        return self.cluster.url(self.database)

    def create_event(self, *, name: str = "Event", start_utc: datetime, **fields: Any) -> str | Path:
        """An event (``setup.event.create_event``'s fields) in this backend's fresh store: what open_event takes."""
        return new_event(self.empty(), name=name, start_utc=start_utc, **fields)

    def copy_of(self, event_file: Path, template: Callable[[], str]) -> str | Path:
        """A fresh copy of a template event: ``event_file`` copied here, or a database copied from ``template()``
        (the name of that file published once per run: make_published)."""
        if self.cluster is None:
            return as_file(event_file, self.folder / event_file.name)
        return self.empty(template=template())

    def copy(self, source: str | Path) -> str | Path:
        """A fresh copy of the event at ``source`` (made on this backend's kind, nobody connected to it) as this
        backend's store: the file copied into ``folder``, or a database made with ``source`` as its template."""
        if self.cluster is None:
            target = self.folder / Path(source).name
            shutil.copyfile(source, target)
            return target
        return self.empty(template=make_url(str(source)).database)

    def take(self, event_file: Path) -> str | Path:
        """An event file a helper built (small_event, skills_event, …) where this backend keeps events: the file
        itself, or its rows published into this test's fresh database (ids kept, as ``small`` does)."""
        if self.cluster is None:
            return event_file
        from learningday.store.copying import publish

        target = self.empty()
        publish(event_file, str(target))
        return target

    def drop(self) -> None:
        if self.cluster is not None and self.database is not None:
            _admin(self.cluster, f"DROP DATABASE IF EXISTS {self.database} WITH (FORCE)")
            self.database = None


def create_on(where: Path | str | Backend, *, name: str, start_utc: datetime, **fields: Any) -> str | Path:
    """A builder's new event: at a file path or an empty database (``new_event``), or in a Backend's fresh store;
    what open_event takes."""
    if isinstance(where, Backend):
        return where.create_event(name=name, start_utc=start_utc, **fields)
    return new_event(where, name=name, start_utc=start_utc, **fields)
