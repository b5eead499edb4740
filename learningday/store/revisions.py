"""The schema's revisions: the graph read from the migration scripts, and the tables each revision holds."""

from __future__ import annotations

import re
import sqlite3
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from learningday.errors import MigrationError

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy.engine import Engine

MIGRATIONS = Path(__file__).with_name("migrations")
#: written into the SQLite header (PRAGMA application_id): 'LDay'
APPLICATION_ID = 0x4C446179
#: the shape of a schema: (kind, name, table) for each table, index, trigger and view, and each table's columns
Schema = frozenset[tuple[str, str, str]]

_REVISION_LINE = re.compile(r"^(down_revision|revision)\s*=\s*['\"]?([\w]+)['\"]?", re.MULTILINE)


def alembic_config() -> Config:
    from alembic.config import (
        Config,  # alembic costs ~0.7 s to import: only when migrating
    )

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


@lru_cache(maxsize=1)
def revision_graph() -> dict[str, str | None]:
    """revision -> down_revision, read from the migration scripts' text (no alembic import)."""
    graph: dict[str, str | None] = {}
    for script in sorted((MIGRATIONS / "versions").glob("*.py")):
        fields = dict((k, v) for k, v in _REVISION_LINE.findall(script.read_text(encoding="utf-8")))
        if "revision" in fields:
            down = fields.get("down_revision")
            graph[fields["revision"]] = None if down in (None, "None") else down
    return graph


def head_revision() -> str:
    graph = revision_graph()
    heads = sorted(set(graph) - {down for down in graph.values() if down})
    assert len(heads) == 1, f"migrations have several heads: {heads}"
    return heads[0]


def known_revision(revision: str) -> bool:
    return revision in revision_graph()


def schema_of(con: sqlite3.Connection) -> Schema:
    """What a database holds, by name: its tables (with their columns), indexes, triggers and views."""
    shape: set[tuple[str, str, str]] = set()
    rows = con.execute("SELECT type, name, tbl_name FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")
    for kind, name, table in rows.fetchall():
        shape.add((str(kind), str(name), str(table)))
        if kind == "table":
            columns = con.execute("SELECT name FROM pragma_table_info(?)", (name,)).fetchall()
            shape.add(("columns", str(name), ",".join(str(column) for (column,) in columns)))
    return frozenset(shape)


@lru_cache(maxsize=4)
def schema_at(revision: str) -> Schema:
    """The schema our migrations build up to ``revision``, built in memory (about a second: asked only
    of a file that does not carry our application id)."""
    from alembic import command
    from sqlalchemy import create_engine, event

    from learningday.store.folding import register_sql_functions

    engine = create_engine("sqlite://")
    event.listen(engine, "connect", lambda con, _record: register_sql_functions(con))
    cfg = alembic_config()
    try:
        with engine.begin() as connection:
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, revision)
            raw = connection.connection.driver_connection
            assert isinstance(raw, sqlite3.Connection)
            return schema_of(raw)
    finally:
        engine.dispose()


def migrate(engine: Engine) -> None:
    """Bring the database behind ``engine`` to the head revision, in one transaction, and mark it ours."""
    from alembic import command

    cfg = alembic_config()
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, "head")
        if connection.dialect.name == "sqlite":
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise MigrationError(f"migration left {len(broken)} broken references")
            connection.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
