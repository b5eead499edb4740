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


def server_fingerprint(url: str) -> dict[str, tuple[int, str]]:
    """Every table of a server database (the app's and any other): its row count and a digest of all its rows, in
    one query on a connection of its own, not through the app. What a refused input must leave as it was."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            tables = sorted(inspect(connection).get_table_names())
            if not tables:
                return {}
            query = " UNION ALL ".join(
                f"SELECT '{table}', count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) "
                f'FROM public."{table}" AS t' for table in tables)
            return {table: (count, digest) for table, count, digest in connection.execute(text(query))}
    finally:
        engine.dispose()
