"""Search-as-you-type for check-in: indexed prefix lookups over folded terms, never a scan.

Each keystroke runs a handful of index range searches on ``attendee_terms`` (migration
0002). The statements are plain SQL: building them through SQLAlchemy's expression
layer cost ten times more than running them.
"""

from __future__ import annotations

from functools import lru_cache

from sqlalchemy.orm import Session

from learningday.checkin.dto import SearchHit
from learningday.roster.codes import looks_like_code, normalise_code
from learningday.roster.rows import ROW_SQL
from learningday.store.arrival import current_arrival_sql
from learningday.store.driver_sql import runner
from learningday.store.search_terms import HAS_WORD, prefix_ranges, search_words

MAX_HITS = 50
#: registrations above which a session's search is driven by the typed word instead
LARGE_SESSION = 1000
#: a session's people matching what was typed, read to be ranked (more than are shown)
RANK_POOL = 50

_ARRIVED = "SELECT c.attendee_id FROM checkins AS c WHERE c.attendee_id IN ({ids}) AND {where_session} AND {arrived}"
_ROWS = f"SELECT {ROW_SQL} WHERE a.id IN ({{ids}})"


@lru_cache(maxsize=64)
def _registered_sql(n_words: int, status: str = "registered") -> str:
    words = " AND ".join(HAS_WORD.format(n=i, col="r.attendee_id") for i in range(n_words))
    return (f"SELECT r.attendee_id FROM registrations AS r WHERE r.session_id = ? AND r.status = '{status}' "
            f"AND {words} LIMIT ?")


@lru_cache(maxsize=64)
def _registered_by_term_sql(n_words: int) -> str:
    more = "".join(" AND " + HAS_WORD.format(n=i, col="t.attendee_id") for i in range(1, n_words))
    # CROSS JOIN keeps SQLite walking the terms first; its conditions go in WHERE, as PostgreSQL wants no ON there
    return ("SELECT DISTINCT t.attendee_id FROM attendee_terms AS t CROSS JOIN registrations AS r "
            "WHERE r.attendee_id = t.attendee_id AND r.session_id = ? AND r.status = 'registered' "
            f"AND t.term >= ? AND t.term < ?{more} LIMIT ?")


@lru_cache(maxsize=64)
def _matching_sql(n_words: int) -> str:
    more = "".join(" AND " + HAS_WORD.format(n=i, col="t.attendee_id") for i in range(1, n_words))
    return f"SELECT DISTINCT t.attendee_id FROM attendee_terms AS t WHERE t.term >= ? AND t.term < ?{more} LIMIT ?"


def search_attendees(
    session: Session, text: str, *, session_uid: str | None = None, limit: int = 20
) -> list[SearchHit]:
    """People whose name, email, employee id or badge code match what was typed so far.

    Each typed word must begin one word of the name (or the email, id or code), ignoring
    case and accents; an exact badge code comes first, then people registered for
    ``session_uid`` (by name), then its waitlist (by name), then everyone else (alphabetically by the word
    matched).
    """
    limit = max(1, min(limit, MAX_HITS))
    words = search_words(text)
    if not words:
        return []
    ranges = prefix_ranges(words)
    run = runner(session)
    session_id = None
    if session_uid is not None:
        session_id = run("SELECT id FROM sessions WHERE uid = ?", (session_uid,)).scalar()
    exact: list[int] = []
    if looks_like_code(text):
        exact = list(run("SELECT id FROM attendees WHERE code = ?", (normalise_code(text),)).scalars())
    registered: list[int] = []
    waiting: list[int] = []
    if session_id is not None:
        # A small session: walk its registrations (not the many matches of a one-letter word).
        # A large one (a virtual session of thousands): walk the matches, one in a few is registered.
        size = run("SELECT COUNT(*) FROM (SELECT 1 FROM registrations WHERE session_id = ? "
                   "AND status = 'registered' LIMIT ?) AS q", (session_id, LARGE_SESSION)).scalar()
        sql = _registered_by_term_sql if size >= LARGE_SESSION else _registered_sql
        # the session's own people are ranked from a wider pool than is shown: the closest names come first
        # (not for a single letter: it matches too many to rank, and its first place goes to one person anyway)
        pool = limit if sum(map(len, words)) < 2 else RANK_POOL
        registered = _closest(run, words, list(run(sql(len(words)), (session_id, *ranges, pool)).scalars()), limit)
        waiting = _closest(run, words, list(run(_registered_sql(len(words), "waitlisted"),
                                                (session_id, *ranges, pool)).scalars()), limit)
    others = list(run(_matching_sql(len(words)), (*ranges, limit + len(registered) + len(waiting) + len(exact)))
                  .scalars())
    rows = _hit_rows(session, {*exact, *registered, *waiting, *others}, session_id)
    ordered = exact + registered + waiting + others
    seen: set[int] = set()
    hits = []
    for attendee_id in ordered:
        if attendee_id not in seen and attendee_id in rows:
            seen.add(attendee_id)
            hits.append(rows[attendee_id])
    return hits[:limit]


def _closest(run, words: list[str], ids: list[int], limit: int) -> list[int]:  # noqa: ANN001 - exec_driver_sql
    """The ``limit`` of ``ids`` whose names are closest to what was typed, closest first."""
    if not ids:
        return []
    names = dict(run(f"SELECT id, name FROM attendees WHERE id IN ({', '.join('?' * len(ids))})", tuple(ids)).fetchall())
    return sorted(names, key=lambda i: _closeness(words, names[i]))[:limit]


def _closeness(typed: list[str], name: str) -> tuple[bool, float, str]:
    """How a name ranks among a session's people for what was typed: typed words that begin its words in
    order first ('ann b' is Ann Bell before Bea Annan), then the name the typed letters cover most of ('ann'
    is Ann before Annabel), then by name."""
    words = search_words(name) or []
    in_order = len(words) >= len(typed) and all(w.startswith(t) for t, w in zip(typed, words, strict=False))
    covered = sum(len(t) / len(w) for t in typed for w in words if w.startswith(t))
    return not in_order, -covered, name.casefold()


def _hit_rows(session: Session, ids: set[int], session_id: int | None) -> dict[int, SearchHit]:
    if not ids:
        return {}
    run = runner(session)
    id_list = tuple(sorted(ids))
    marks = ", ".join("?" * len(id_list))
    arrived = current_arrival_sql()
    if session_id is None:
        here = set(run(_ARRIVED.format(ids=marks, where_session="c.session_id IS NULL", arrived=arrived), id_list)
                   .scalars())
        registered: set[int] = set()
        waitlisted: set[int] = set()
    else:
        here = set(run(_ARRIVED.format(ids=marks, where_session="c.session_id = ?", arrived=arrived),
                       (*id_list, session_id)).scalars())
        places = dict(run(
            f"SELECT attendee_id, status FROM registrations WHERE attendee_id IN ({marks}) AND +session_id = ? "
            "AND status IN ('registered', 'waitlisted')", (*id_list, session_id)).fetchall())
        registered = {i for i, status in places.items() if status == "registered"}
        waitlisted = {i for i, status in places.items() if status == "waitlisted"}
    return {
        r[0]: SearchHit(*r, registered=r[0] in registered, checked_in=r[0] in here, waitlisted=r[0] in waitlisted)
        for r in run(_ROWS.format(ids=marks), id_list)
    }
