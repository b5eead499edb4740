"""The roster: attendees searched, filtered, counted and paged in SQL so 100k people stay fast.

The search text is matched like the check-in search box: each typed word must begin a folded
term of the person (name words, email, employee id, badge code) in ``attendee_terms``
(migration 0002). What a keystroke costs is bounded: matches are gathered only up to a cap
(the exact count of more can be made off the GUI thread); up to the cap they are sorted by
name for the page; past it the page is found along the name index, each name checked against
its terms where a word matches densely (a first letter), else against the matching ids
gathered once. Plain SQL, as in ``search``: the expression layer cost more than the statements.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from learningday.errors import InvalidInput
from learningday.roster.dto import ATTENDEE_ORDERS, REGISTRATION_STATES, AttendeeQuery, AttendeeRow
from learningday.roster.rows import ROW_SQL
from learningday.store.arrival import current_arrival_sql
from learningday.store.driver_sql import piece, runner
from learningday.store.search_terms import HAS_WORD, TERM_RANGE, prefix_ranges, search_words

#: at most this many matches are gathered and sorted for a page; more are found along the name index
SORT_LIMIT = 2000
#: a word beginning terms of this share of the roster (people have ~6) matches densely: walking the names
#: finds a page of them soon; a sparser one is looked for among its matches gathered first
DENSE = 0.16
_ARRIVED = "EXISTS (SELECT 1 FROM checkins AS c WHERE c.attendee_id = {id} AND {arrived})"
_HOLDS = "EXISTS (SELECT 1 FROM registrations AS r WHERE r.attendee_id = {{id}} AND r.status {})"
_STATE_SQL = {
    "registered": _HOLDS.format("= 'registered'"),
    "waitlisted": _HOLDS.format("= 'waitlisted'"),
    "unregistered": "NOT " + _HOLDS.format("IN ('registered', 'waitlisted')"),
    "checked_in": _ARRIVED,
}
_ORDER_SQL = {"name": "a.name", "code": "a.code", "email": "a.email", "employee_id": "a.employee_id",
              "department": "a.department", "role": "a.role", "hub": "COALESCE(h.name, '')", "level": "a.level_id"}


class _Where:
    """A query as SQL: the typed words (longest first: it narrows most), the column filters, the state."""

    def __init__(self, query: AttendeeQuery) -> None:
        if query.registration is not None and query.registration not in REGISTRATION_STATES:
            raise InvalidInput(f"unknown registration state {query.registration!r} "
                               f"(one of {', '.join(REGISTRATION_STATES)})")
        words = search_words(query.text)
        self.words = words or []
        self.nothing = bool(query.text.strip()) and not words  # only punctuation typed, or a pasted text
        self.columns = [(c, v) for c, v in (("hub_id", query.hub_id), ("level_id", query.level_id),
                                            ("department", query.department)) if v is not None]
        self.state = query.registration
        if query.order not in ATTENDEE_ORDERS:
            raise InvalidInput(f"cannot sort attendees by {query.order!r} (one of {', '.join(ATTENDEE_ORDERS)})")
        self.order = _ORDER_SQL[query.order] + (" DESC" if query.descending else "")
        self.by_name = query.by_name

    @property
    def filtered(self) -> bool:
        return bool(self.columns or self.state or self.nothing)

    def ranges(self) -> list[str]:
        return prefix_ranges(self.words)

    def matching_ids(self) -> str:
        """SELECT of the ids whose terms hold every word (its parameters: ``ranges()``)."""
        more = "".join(" AND " + HAS_WORD.format(n=i, col="t0.attendee_id") for i in range(1, len(self.words)))
        return f"SELECT t0.attendee_id FROM attendee_terms AS t0 WHERE {TERM_RANGE.format(n=0)}{more}"

    def filters(self, *, id_column: str = "a.id", use_indexes: bool = True) -> tuple[list[str], list[object]]:
        """Conditions on ``a`` (and the state on ``id_column``); without ``use_indexes`` ('+a.hub_id')
        SQLite keeps to the index that drives the statement."""
        plus = "" if use_indexes else "+"
        parts = ["1 = 0"] if self.nothing else []
        # PostgreSQL has no unary + on text: appending '' keeps SQLite off the department's index the same way
        parts += [f"a.{column} || '' = ?" if plus and column == "department" else f"{plus}a.{column} = ?"
                  for column, _ in self.columns]
        if self.state is not None:
            parts.append(_STATE_SQL[self.state].format(id=id_column, arrived=current_arrival_sql()))
        return parts, [value for _, value in self.columns]


def _where_sql(parts: list[str]) -> str:
    return " WHERE " + " AND ".join(parts) if parts else ""


def _matching(where: _Where, select: str) -> tuple[str, list[object]]:
    """SELECT ``select`` (over ``m.id``) of the people whose terms hold every word and who pass the filters;
    its last parameter, a LIMIT, is the caller's."""
    # each person once (they have several terms), then the filters: a lookup costs
    parts, params = where.filters(id_column="m.id", use_indexes=False)
    join = " CROSS JOIN attendees AS a" if where.columns else ""  # CROSS: SQLite keeps m first
    parts = ["a.id = m.id", *parts] if where.columns else parts  # PostgreSQL refuses CROSS JOIN ... ON
    terms = where.matching_ids().replace("SELECT t0.attendee_id", "SELECT DISTINCT t0.attendee_id AS id", 1)
    return f"SELECT {select} FROM ({terms}) AS m{join}{_where_sql(parts)} LIMIT ?", [*where.ranges(), *params]


def count_attendees(session: Session, query: AttendeeQuery = AttendeeQuery(), *, cap: int | None = None) -> int:
    """How many attendees match; with ``cap`` counting stops early and the answer is at most ``cap + 1``."""
    where = _Where(query)
    if where.words:
        sql, params = _matching(where, "1")
    else:
        parts, params = where.filters()
        sql = f"SELECT 1 FROM attendees AS a{_where_sql(parts)} LIMIT ?"
    limit = 2**62 if cap is None else cap + 1  # no limit, in words both backends read
    return int(runner(session)(f"SELECT COUNT(*) FROM ({sql}) AS q", (*params, limit)).scalar() or 0)


def first_page(session: Session, query: AttendeeQuery, *, cap: int, limit: int) -> tuple[int, list[AttendeeRow]]:
    """What a keystroke needs: the count of matches (at most ``cap + 1``) and the first page.

    Up to ``cap`` matches are gathered once and serve both (instead of matching twice).
    """
    where = _Where(query)
    if not where.words:
        matches = count_attendees(session, query, cap=cap)
        return matches, attendee_page(session, query, limit=limit, matches=matches)
    sql, params = _matching(where, "m.id AS id")
    run = runner(session)
    # the ids stay in SQLite as one JSON array: no Python object per match
    matches, ids = run(f"SELECT COUNT(*), {piece(session, 'ids_json')} FROM ({sql}) AS q", (*params, cap + 1)).one()
    if matches > cap:
        return matches, attendee_page(session, query, limit=limit, matches=matches)
    rows = run(_page_sql([f"a.id {piece(session, 'in_ids_json')}"], where.order), (ids, limit, 0))
    return matches, [AttendeeRow(*row) for row in rows]


def _dense(session: Session, where: _Where) -> bool:
    """Whether the first word begins terms of at least DENSE of the roster (terms are cheap to count, people not)."""
    run = runner(session)
    enough = max(1, int(DENSE * (run("SELECT MAX(id) FROM attendees").scalar() or 0)))
    sql = "SELECT COUNT(*) FROM (SELECT 1 FROM attendee_terms AS t0 WHERE " + TERM_RANGE.format(n=0) + " LIMIT ?) AS q"
    return run(sql, (*where.ranges()[:2], enough)).scalar() >= enough


def attendee_page(
    session: Session, query: AttendeeQuery = AttendeeQuery(), *, offset: int = 0, limit: int = 500,
    matches: int | None = None,
) -> list[AttendeeRow]:
    """One page of the matching attendees by name; only the shown columns are read.

    ``matches`` (a count, capped or not, if the caller has one) picks how the page is read: up
    to SORT_LIMIT matches are fetched by their terms and sorted; more are looked for along the
    name index, each name checked against its terms when the first word is dense, else against
    the matching ids gathered once.
    """
    where = _Where(query)
    if matches is None and (where.words or where.filtered):
        matches = count_attendees(session, query, cap=SORT_LIMIT)
    run = runner(session)
    page = (limit if limit >= 0 else 2**62, offset)  # a negative limit is every row: SQLite's word, not PostgreSQL's
    if (matches is not None and matches <= SORT_LIMIT) or not where.by_name:
        # few enough to sort, or another order than the name index's: SQLite sorts the matches
        parts, params = where.filters()
        if where.words:
            parts.insert(0, f"a.id IN ({where.matching_ids()})")
            params = [*where.ranges(), *params]
        rows = run(_page_sql(parts, where.order), (*params, *page))
    elif where.words and not _dense(session, where):
        parts, params = where.filters(use_indexes=False)
        parts.insert(0, f"+a.id IN ({where.matching_ids()})")
        rows = run(_page_sql(parts, where.order), (*where.ranges(), *params, *page))
    else:
        parts, params = where.filters(use_indexes=False)
        parts += [HAS_WORD.format(n=i, col="a.id") for i in range(len(where.words))]
        rows = run(_page_sql(parts, where.order), (*params, *where.ranges(), *page))
    return [AttendeeRow(*row) for row in rows]


def _page_sql(parts: list[str], order: str) -> str:
    tie = "" if order == "a.name" else ", a.name"
    return f"SELECT {ROW_SQL}{_where_sql(parts)} ORDER BY {order}{tie}, a.id LIMIT ? OFFSET ?"


def attendee_ids(session: Session, query: AttendeeQuery = AttendeeQuery()) -> list[int]:
    """Every matching attendee's id (for a bulk registration: 'all Bangalore level-2 people')."""
    where = _Where(query)
    parts, params = where.filters()
    if where.words:
        parts.insert(0, f"a.id IN ({where.matching_ids()})")
        params = [*where.ranges(), *params]
    sql = f"SELECT a.id FROM attendees AS a{_where_sql(parts)} ORDER BY a.id"
    return list(runner(session)(sql, tuple(params)).scalars())


def departments(session: Session) -> list[str]:
    """The departments people belong to, for a filter list ('' when someone has none)."""
    return list(runner(session)(
        "SELECT DISTINCT department FROM attendees ORDER BY department").scalars())
