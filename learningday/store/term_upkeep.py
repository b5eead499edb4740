"""Attendee search terms written by the app itself, in the attendee's own transaction, on any backend.

Until revision 0011 SQLite triggers kept ``attendee_terms`` by calling a Python function each connection
registered; a database server cannot call it. Now every statement that inserts, updates (a searched column) or
deletes attendees, through the ORM or Core, is followed on the same connection by the rewrite of those people's
terms: one rule (``folding.attendee_terms``) for every writer, including ones written after this module.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Delete, Insert, Update, delete, event, insert, select
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.sql import operators
from sqlalchemy.sql.elements import BinaryExpression, BindParameter

from learningday.store.folding import attendee_terms
from learningday.store.models import Attendee, attendee_terms as terms_table

ATTENDEES = Attendee.__table__
#: the columns terms are made of: an update of any other column leaves the terms as they are
SEARCHED = frozenset({"name", "email", "employee_id", "code"})
#: ids per statement (far under every backend's limit on bound parameters)
CHUNK = 500
_PENDING = "learningday_term_ids"


def write_terms(connection: Connection, ids: Iterable[int]) -> None:
    """Replace the terms of the attendees ``ids`` by those their rows give now (a deleted attendee: none)."""
    wanted = sorted(set(ids))
    columns = (ATTENDEES.c.id, ATTENDEES.c.name, ATTENDEES.c.email, ATTENDEES.c.employee_id, ATTENDEES.c.code)
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start:start + CHUNK]
        connection.execute(delete(terms_table).where(terms_table.c.attendee_id.in_(chunk)))
        rows = connection.execute(select(*columns).where(ATTENDEES.c.id.in_(chunk)))
        values = [{"term": term, "attendee_id": row[0]} for row in rows for term in sorted(attendee_terms(*row[1:]))]
        if values:
            connection.execute(insert(terms_table), values)


def _on_attendees(statement: object) -> bool:
    table = getattr(statement, "table", None)
    return getattr(table, "name", None) == ATTENDEES.name


def _param_sets(multiparams: Sequence[dict[str, Any]], params: dict[str, Any]) -> list[dict[str, Any]]:
    return list(multiparams) or [params]


def _touches_terms(statement: Update, sets: list[dict[str, Any]]) -> bool:
    written = {getattr(key, "key", key) for key in getattr(statement, "_values", None) or {}}
    return bool(SEARCHED & (written | set(sets[0])))


def _ids_where(connection: Connection, statement: Update | Delete, sets: list[dict[str, Any]]) -> set[int]:
    """The attendees a statement is about to change, before it changes what its WHERE looks at."""
    where = statement.whereclause
    if (isinstance(where, BinaryExpression) and where.operator is operators.eq
            and getattr(where.left, "key", None) == "id" and isinstance(where.right, BindParameter)):
        key, value = where.right.key, where.right.value  # by primary key, the common case: no query
        return {p.get(key, value) for p in sets}
    query = select(ATTENDEES.c.id)
    if where is not None:
        query = query.where(where)
    return {i for p in sets for i in connection.execute(query, p).scalars()}


def _before(connection: Connection, statement: object, multiparams: Any, params: Any, _options: Any) -> None:
    if isinstance(statement, (Update, Delete)) and _on_attendees(statement):
        sets = _param_sets(multiparams, params)
        if isinstance(statement, Delete) or _touches_terms(statement, sets):
            # by the statement's identity: a statement that fails leaves a stale entry, whose only effect, should
            # its id come back, is terms rewritten that were right already
            connection.info.setdefault(_PENDING, {})[id(statement)] = _ids_where(connection, statement, sets)


def _after(connection: Connection, statement: object, _multiparams: Any, _params: Any, _options: Any,
           result: Any) -> None:
    if not _on_attendees(statement):
        return
    if isinstance(statement, Insert):
        uids = [p["uid"] for p in result.context.compiled_parameters]
        for start in range(0, len(uids), CHUNK):
            found = connection.execute(select(ATTENDEES.c.id).where(ATTENDEES.c.uid.in_(uids[start:start + CHUNK])))
            write_terms(connection, found.scalars())
    elif isinstance(statement, (Update, Delete)):
        ids = connection.info.get(_PENDING, {}).pop(id(statement), None)
        if ids:
            write_terms(connection, ids)


def keep_terms(engine: Engine) -> None:
    """Have every attendee write through ``engine`` also write that attendee's search terms."""
    event.listen(engine, "before_execute", _before)
    event.listen(engine, "after_execute", _after)
