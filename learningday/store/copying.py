"""Publish an event file to a database server, and pull one back into a file: every row of every table, as it is."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Table, delete, func, insert, select, text
from sqlalchemy.orm import Session

from learningday.errors import InvalidInput
from learningday.outputs import check_output, partial_name
from learningday.store.db import EventFile, open_event
from learningday.store.inspection import side_files
from learningday.store.models import Base, Event
from learningday.store.models import attendee_terms as terms_table

#: rows per INSERT statement
CHUNK = 2000


@dataclass(frozen=True)
class Copied:
    """Where the event went (a path, or the URL without its password) and how many rows each table got."""

    target: str
    rows: dict[str, int]


def _tables() -> list[Table]:
    # the search terms are written afresh as the attendees arrive (term_upkeep): the same rule, the same rows
    return [t for t in Base.metadata.sorted_tables if t is not terms_table]


def _copy_rows(source: Session, target: Session) -> dict[str, int]:
    """Every row of ``source`` into ``target``, whose own rows (the seeded levels and roles) go first."""
    if target.scalar(select(func.count()).select_from(Event)):
        raise InvalidInput("the target already holds an event; publish into an empty database")
    for table in reversed(_tables()):
        target.execute(delete(table))
    counts = {}
    for table in _tables():
        rows = [dict(row._mapping) for row in source.execute(select(table).order_by(*table.primary_key.columns))]
        for start in range(0, len(rows), CHUNK):
            target.execute(insert(table), rows[start:start + CHUNK])
        counts[table.name] = len(rows)
    if target.get_bind().dialect.name == "postgresql":  # ids were given: each sequence goes on after the highest
        for table in _tables():
            if "id" in table.c and table.c.id.autoincrement is not False:
                target.execute(text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                                    f"COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM {table.name}"))
    return counts


def _copy(source: EventFile, target: EventFile) -> dict[str, int]:
    with source.read() as reading, target.write() as writing:
        return _copy_rows(reading, writing)


def publish(event: str | Path, url: str) -> Copied:
    """Copy the event file ``event`` into the (empty) database at ``url``, in one transaction."""
    with open_event(event) as source, open_event(url) as target:
        if target.path is not None:
            raise InvalidInput(f"{url} is not a database server URL (postgresql+psycopg://user@host/dbname)")
        return Copied(target.label, _copy(source, target))


def pull(url: str, out: str | Path) -> Copied:
    """Copy the event at ``url`` into a new event file ``out`` (written whole, then renamed into place)."""
    path = check_output(Path(out).expanduser(), kind="event")
    if path.exists():
        raise InvalidInput(f"{path} exists already; choose another name")
    tmp = partial_name(path, "event")
    try:
        with open_event(url) as source:
            if source.path is not None:
                raise InvalidInput(f"{url} is not a database server URL; copy a file with your file manager")
            with open_event(tmp, create=True) as target:
                rows = _copy(source, target)
        tmp.replace(path)
    finally:
        for made in (tmp, *side_files(tmp)):
            made.unlink(missing_ok=True)
    return Copied(str(path), rows)
