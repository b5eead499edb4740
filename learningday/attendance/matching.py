"""Who a report's person is on the roster: email first, then the exact name, then a fuzzy name to review."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from rapidfuzz import fuzz, process
from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from learningday.attendance.dto import Person
from learningday.errors import InvalidInput
from learningday.setup.rules import loose_key
from learningday.spreadsheet.emails import email_key
from learningday.store.models import Attendee

#: a fuzzy name at least this close (rapidfuzz WRatio, 0-100) is proposed for review; below it, unmatched.
#: With the same surname a looser match is proposed: a nickname ('Bobby Jones' for 'Robert Jones') scores ~70.
FUZZY_CUTOFF, SURNAME_CUTOFF = 80.0, 60.0


class Roster:
    """The event's attendees as matching needs them, read once per import."""

    def __init__(self, session: Session) -> None:
        query = select(Attendee.id, Attendee.uid, Attendee.name, Attendee.email).order_by(Attendee.id)
        rows = list(_rows(session, query))
        ids, uids, names, emails = zip(*rows) if rows else ((), (), (), ())
        # built by zip, not row by row (100k people): reversed, so an email two people share stays the first's
        self.by_email: dict[str, int] = dict(zip(map(email_key, reversed([e or "" for e in emails])), reversed(ids)))
        self.by_email.pop("", None)
        self.who: dict[int, tuple[str, str]] = dict(zip(ids, zip(uids, names)))  # id -> (uid, name)
        self.by_uid: dict[str, int] = dict(zip(uids, ids))
        self._by_name: dict[str, list[int]] | None = None
        self._names: list[str] | None = None
        self._ids: list[int] = []
        self._surnames: dict[str, list[int]] = defaultdict(list)

    def by_name(self, name: str) -> list[int]:
        """Attendees whose folded name is ``name``'s (folding 100k names costs a second: only when asked)."""
        if self._by_name is None:
            self._by_name = defaultdict(list)
            for aid, (_, known) in self.who.items():
                self._by_name[loose_key(known)].append(aid)
        return self._by_name.get(loose_key(name), [])

    def fuzzy(self, name: str) -> tuple[int, float] | None:
        if self._names is None:
            self.by_name(name)
            assert self._by_name is not None
            self._ids = [aid for ids in self._by_name.values() for aid in ids]
            self._names = [loose_key(self.who[aid][1]) for aid in self._ids]
            for i, known in enumerate(self._names):
                self._surnames[known.rsplit(" ", 1)[-1]].append(i)
        key = loose_key(name)
        best = process.extractOne(key, self._names, scorer=fuzz.WRatio, score_cutoff=FUZZY_CUTOFF)
        if best is not None:
            return self._ids[best[2]], float(best[1])
        same = self._surnames.get(key.rsplit(" ", 1)[-1], []) if " " in key else []
        near = process.extractOne(key, [self._names[i] for i in same], scorer=fuzz.WRatio, score_cutoff=SURNAME_CUTOFF)
        return None if near is None else (self._ids[same[near[2]]], float(near[1]))


def _rows(session: Session, query: Select) -> Iterable[tuple]:
    """The query's rows; on SQLite through the driver (SQLAlchemy's per-row work is most of reading 100k people)."""
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        return connection.execute(query).tuples()
    compiled = query.compile(connection)
    driver = connection.connection.driver_connection
    assert driver is not None
    return driver.execute(str(compiled), tuple(compiled.params[k] for k in compiled.positiontup or ()))


def _as(person: Person, roster: Roster, match: str, attendee_id: int, score: float = 100.0) -> Person:
    """``person`` matched: dataclasses.replace with its field checks costs more than the matching itself, and a
    frozen Person's fields are its __dict__, copied here with the match's."""
    uid, name = roster.who[attendee_id]
    matched = object.__new__(Person)
    matched.__dict__.update(person.__dict__, match=match, attendee_id=attendee_id, attendee_uid=uid,
                            attendee_name=name, score=score)
    return matched


def match_people(roster: Roster, people: Iterable[Person], *, confirmed: Mapping[str, str] | None = None) -> tuple[Person, ...]:
    """Each person with their match. ``confirmed`` (person key -> attendee uid) holds the fuzzy matches a user
    accepted, or a person they matched by hand; a fuzzy match not in it stays 'fuzzy' and is never written."""
    confirmed = confirmed or {}
    out = []
    for person in people:
        if person.key in confirmed:
            attendee = roster.by_uid.get(confirmed[person.key].strip().lower())
            if attendee is None:
                raise InvalidInput(f"no attendee with uid {confirmed[person.key]!r} to match {person.name!r} to")
            out.append(_as(person, roster, "confirmed", attendee))
        elif person.email and (attendee := roster.by_email.get(email_key(person.email))) is not None:
            out.append(_as(person, roster, "email", attendee))
        elif len(same := roster.by_name(person.name)) == 1:
            out.append(_as(person, roster, "name", same[0]))
        elif (near := roster.fuzzy(person.name)) is not None:
            out.append(_as(person, roster, "fuzzy", *near))
        else:
            out.append(person)
    return tuple(out)
