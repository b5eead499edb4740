"""What an event holds, to compare before and after: every row of every table, on a file or on a server."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import create_engine, inspect, select, text

from learningday.store.db import open_event
from learningday.store.models import Base


def every_row(target: str | Path) -> dict[str, list[tuple]]:
    """Every row of every table of the models, in primary-key order, as the ORM's types read them."""
    with open_event(target) as event_file, event_file.read() as session:
        return {table.name: [tuple(row) for row in session.execute(
            select(table).order_by(*table.primary_key.columns))] for table in Base.metadata.sorted_tables}


def raw_rows(path: Path) -> dict[str, tuple[list[str], list[tuple]]]:
    """A SQLite file read as it is, without the app (no migration, no write): per table, its column names and its
    rows, sorted."""
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = [name for (name,) in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'")]
        dump = {}
        for table in tables:
            cursor = con.execute(f'SELECT * FROM "{table}"')
            dump[table] = ([d[0] for d in cursor.description], sorted(cursor.fetchall(), key=repr))
        return dump
    finally:
        con.close()


def server_dump(url: str) -> dict[str, list[tuple]]:
    """Every table of a server database (the app's and any other), every row sorted: what a refused input must
    leave as it was. Read on a connection of its own, not through the app."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return {table: sorted((tuple(row) for row in connection.execute(
                        text(f'SELECT * FROM "{table}"'))), key=repr)
                    for table in sorted(inspect(connection).get_table_names())}
    finally:
        engine.dispose()
