"""The whole roster as DTO rows, streamed (for exports, badges and the CLI), and the look-ups other
domains share: a hub by name, an attendee by email."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from learningday.roster.dto import AttendeeRow
from learningday.setup.rules import find_named
from learningday.spreadsheet.emails import email_key
from learningday.store.folding import fold
from learningday.store.models import Attendee, Hub

#: the columns of an AttendeeRow, in its order (select them, outer-joined to Hub, and build ``AttendeeRow(*row)``)
ROW_COLUMNS = (Attendee.id, Attendee.uid, Attendee.code, Attendee.name, Attendee.email, Attendee.employee_id,
               Attendee.department, Attendee.role, func.coalesce(Hub.name, ""), Attendee.level_id)
#: the same for the plain-SQL paths (the roster's pages, the check-in search): ``SELECT {ROW_SQL} WHERE ...``
ROW_SQL = ("a.id, a.uid, a.code, a.name, a.email, a.employee_id, a.department, a.role, COALESCE(h.name, ''), "
           "a.level_id FROM attendees AS a LEFT JOIN hubs AS h ON h.id = a.hub_id")


def hub_id_by_name(session: Session, name: str) -> int:
    """The id of the hub called ``name`` (any case); an unknown name is an error that lists the hubs."""
    return find_named(session.execute(select(Hub.name, Hub.id).order_by(Hub.position, Hub.name)), name, what="hub").id


def attendee_with_email(session: Session, address: str, *, other_than: int | None = None) -> int | None:
    """The attendee (the first by id, ``other_than`` aside) whose email is ``address`` in any letter case:
    the one email match of the import, the editor, the walk-in and the merge (spreadsheet.emails.email_key)."""
    key = email_key(address)
    if not key:
        return None
    # the folded address is a search term: an indexed look-up instead of a scan of every email
    ids = session.scalars(text("SELECT attendee_id FROM attendee_terms WHERE term = :term"),
                          {"term": fold(address).strip()}).all()
    if not ids:
        return None
    rows = session.execute(select(Attendee.id, Attendee.email).where(Attendee.id.in_(ids)).order_by(Attendee.id))
    return next((i for i, email in rows if i != other_than and email_key(email) == key), None)


def iter_attendee_rows(session: Session, *, hub_id: int | None = None, batch: int = 2000) -> Iterator[AttendeeRow]:
    """Every attendee (of one hub if given) by hub then name, without holding them all."""
    stmt = (
        select(*ROW_COLUMNS)
        .outerjoin(Hub, Hub.id == Attendee.hub_id)
        .order_by(Hub.position, Hub.name, Attendee.name, Attendee.id)
        .execution_options(yield_per=batch)
    )
    if hub_id is not None:
        stmt = stmt.where(Attendee.hub_id == hub_id)
    for row in session.execute(stmt):
        yield AttendeeRow(*row)
