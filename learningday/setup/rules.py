"""Shared rules of the setup services: wall-clock words, names, zones, links, refusals."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import Generic, TypeVar
from urllib.parse import urlsplit

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from learningday.errors import InvalidInput
from learningday.setup.dto import Usage, VenueDraft
from learningday.spreadsheet.text import control_problem
from learningday.store.folding import fold
from learningday.store.models import Session as LearningSession
from learningday.timeutil import is_zone

DAY = 24 * 60
_CLOCK = re.compile(r"\s*(\d{1,2})(?::|h|\.)?(\d{2})?\s*")


# -- wall-clock words ------------------------------------------------------------------------
def hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def format_window(start: int, end: int) -> str:
    return f"{hhmm(start)}–{hhmm(end)}"


def parse_clock(text: str) -> int:
    """'09:00', '9', '0930', '17h30', '24:00' -> minutes after midnight."""
    match = _CLOCK.fullmatch(text)
    if match is None:
        raise InvalidInput(f"not a time of day like 09:00: {text!r}")
    hours, minutes = int(match[1]), int(match[2] or 0)
    if minutes > 59 or hours * 60 + minutes > DAY:
        raise InvalidInput(f"the time {text.strip()!r} does not exist (a day runs from 00:00 to 24:00)")
    return hours * 60 + minutes


def parse_window(text: str) -> tuple[int, int]:
    """'09:00-17:00' (or with an en dash, or '9-17:30') -> (540, 1020); the end must come after the start.

    The one parser of typed working hours and availability (hub editor, ``learningday new``, CLI)."""
    parts = re.split(r"\s*[-–—]\s*", text.strip())
    if len(parts) != 2:
        raise InvalidInput(f"{text.strip()!r} is not a time window: it must look like 09:00-17:00")
    start, end = parse_clock(parts[0]), parse_clock(parts[1])
    if (bad := window_problem(start, end, what=repr(text.strip()))) is not None:
        raise InvalidInput(bad)
    return start, end


def window_problem(start: object, end: object, *, what: str) -> str | None:
    if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= DAY:
        return None
    return (f"{what} must end after they start, between 00:00 and 24:00 "
            "(a 24-hour clock: 9 to 5 must look like 09:00-17:00)")


def zone_problem(zone: str) -> str | None:
    if not is_zone(zone):
        return f"unknown time zone {zone!r} (use an IANA name such as 'Asia/Kolkata')"
    return None


def hub_problems(name: str, zone: str, work_start_min: object, work_end_min: object, problems: list[str]) -> str:
    """The rules a hub keeps wherever it is written (hub editor, New Event wizard, ``learningday new``):
    a name, a real zone, working hours inside one day. Adds to ``problems``; returns the tidied name."""
    name = clean_text(name, "hub name", 100, problems)
    if (bad := zone_problem(zone.strip())) is not None:
        problems.append(bad)
    if (bad := window_problem(work_start_min, work_end_min, what="working hours")) is not None:
        problems.append(bad)
    return name


def parse_seats(text: str) -> int:
    """'40', '1,200', '40.0' -> seats: the one reader of a typed capacity (agenda import, wizard, ``new``)."""
    try:
        value = float(text.replace(" ", "").replace(",", ""))
    except ValueError:
        raise InvalidInput("a capacity is a whole number of seats") from None
    if not value.is_integer() or value <= 0 or value > 1_000_000:
        raise InvalidInput("a capacity is a whole number of seats, at least 1")
    return int(value)


def _url_problem(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or any(c.isspace() for c in url):
        return f"the join link must be an http(s) address such as https://meet.example.com/room, not {url!r}"
    if len(url) > 500:
        return "the join link is longer than 500 characters"
    return None


def venue_problems(draft: VenueDraft, problems: list[str], *,
                   name_problem: Callable[[str], str | None] = lambda _name: None) -> VenueDraft:
    """The rules a venue keeps wherever it is written (venue editor, agenda import, New Event wizard,
    ``learningday new``): a name (``name_problem`` says whether another venue has it), a kind, no site
    for a virtual channel, 1 seat or more, an http(s) link. Adds to ``problems``; returns the venue tidied.
    Whether its hub exists is the caller's to check (by id in a file, by name in a new event)."""
    name = clean_text(draft.name, "venue name", 100, problems)
    if name and (taken := name_problem(name)) is not None:
        problems.append(taken)
    if draft.kind not in ("room", "virtual"):
        problems.append(f"the kind must be 'room' or 'virtual', not {draft.kind!r}")
    site = clean_text(draft.site, "site", 100, problems, required=False)
    if draft.kind == "virtual" and site:
        problems.append("a virtual channel has no site")
    if draft.capacity is not None and (not isinstance(draft.capacity, int) or draft.capacity < 1):
        problems.append(f"the capacity must be 1 or more (or none), not {draft.capacity!r}")
    url = draft.join_url.strip()
    if url and (bad := _url_problem(url)) is not None:
        problems.append(bad)
    return VenueDraft(name, draft.kind, site, draft.capacity, draft.hub_id, url)


def tidy(text: str) -> str:
    """Surrounding and repeated spaces gone: how names and labels are stored."""
    return " ".join(text.split())


def name_key(text: str) -> str:
    """How names are compared (hubs, levels, venues, facilitators, roles, session titles): letter case and
    surrounding or repeated spaces do not count, accents do (search folds more: store.folding.fold)."""
    return tidy(text).casefold()


def loose_key(text: str) -> str:
    """``name_key`` with the accents gone as well: 'Sao  paulo' and 'São Paulo' -> 'sao paulo' (store.folding.fold)."""
    return " ".join(fold(text).split())


Item = TypeVar("Item")


class NameIndex(Generic[Item]):
    """Items found by a name a person typed: by ``name_key`` first, else by ``loose_key`` (accents aside) when
    that names one item only. The one rule of a hub named in a cell, an option or a zone column."""

    def __init__(self, named: Iterable[tuple[str, Item]]) -> None:
        self._exact: dict[str, Item] = {}
        self._loose: dict[str, list[Item]] = {}
        for name, item in named:
            self._exact.setdefault(self._key(name), item)
            self._loose.setdefault(loose_key(name), []).append(item)

    @staticmethod
    def _key(text: str) -> str:
        return name_key(unicodedata.normalize("NFC", text))  # a stored name may not be NFC; a cell is

    def get(self, text: str) -> Item | None:
        found = self._exact.get(self._key(text))
        if found is None and len(alike := self._loose.get(loose_key(text), [])) == 1:
            found = alike[0]  # "Sao Paulo" is São Paulo, unless the event holds both spellings
        return found


def clean_text(value: str, label: str, limit: int, problems: list[str], *, required: bool = True) -> str:
    """A name or label as stored (``tidy``); what is wrong with it is added to ``problems``."""
    value = tidy(value)
    if required and not value:
        problems.append(f"the {label} must not be empty")
    elif len(value) > limit:
        problems.append(f"the {label} is longer than {limit} characters")
    elif (bad := control_problem(value)) is not None:  # the one rule of stored text (spreadsheet.text)
        problems.append(f"the {label} {bad}")
    return value


def refuse(what: str, problems: list[str]) -> None:
    if problems:
        raise InvalidInput(f"{what}: " + "; ".join(problems))


def name_taken(session: Session, model: type, name: str, current: int | None) -> bool:
    """Another row of ``model`` has this name (case and spacing aside)."""
    rows = session.execute(select(model.id, model.name)).all()
    return any(i != current and name_key(n) == name_key(name) for i, n in rows)


def get_row(session: Session, model: type, ident: int, label: str):
    row = session.get(model, ident)
    if row is None:
        raise InvalidInput(f"there is no {label} {ident} in this event")
    return row


def delete_row(session: Session, row: object) -> None:
    """Delete ``row`` with one statement (its links were dealt with by the caller)."""
    model = type(row)
    session.expunge(row)
    session.execute(delete(model).where(model.id == row.id))  # type: ignore[attr-defined]
    session.flush()


def session_titles(session: Session, ids: Sequence[int]) -> tuple[str, ...]:
    if not ids:
        return ()
    return tuple(session.scalars(select(LearningSession.title).where(LearningSession.id.in_(ids))
                                 .order_by(LearningSession.title)))


def _plural(n: int, one: str, many: str) -> str:
    return one if n == 1 else many


def usage_words(what: str, usage: Usage) -> str:
    """What removing ``what`` ("hub 'Tokyo'") does to other rows, as one readable sentence."""
    parts = []
    if n := usage.attendees:
        parts.append(f"{n:,} {_plural(n, 'attendee loses its', 'attendees lose their')} hub")
    if n := len(usage.venues):
        parts.append(f"{_plural(n, 'venue', 'venues')} {', '.join(usage.venues)} {_plural(n, 'loses its', 'lose their')} hub")
    if n := len(usage.sessions):
        shown = ", ".join(f"'{t}'" for t in usage.sessions[:5]) + (" …" if n > 5 else "")
        parts.append(f"{n} {_plural(n, 'session loses', 'sessions lose')} {what}: {shown}")
    if n := len(usage.only_for_it):
        parts.append(f"{n} of them {_plural(n, 'was', 'were')} only for it and "
                     f"{_plural(n, 'becomes', 'become')} open to every hub")
    return "; ".join(parts)


def refuse_used(what: str, usage: Usage, detach: bool) -> None:
    """A removal that would change other rows needs the user's word (``detach``)."""
    if not detach and not usage.empty:
        raise InvalidInput(f"{what} is in use: {usage_words(what, usage)}; remove it anyway to go ahead")


Named = TypeVar("Named")
#: how many names an "unknown name" error lists before it says "…"
LISTED = 12


def listing(names: Sequence[str]) -> str:
    """Names for an error message: the first LISTED of them, else 'none'."""
    shown = ", ".join(names[:LISTED])
    return (shown + ", …" if len(names) > LISTED else shown) or "none"


def find_named(items: Iterable[Named], name: str, *, what: str, option: str = "") -> Named:
    """The item whose ``name`` is ``name`` (as NameIndex finds it: any case and spacing, accents aside);
    an unknown name is an error that lists the names (prefixed with the command-line ``option`` it came
    from, if any)."""
    items = list(items)
    found = NameIndex((getattr(item, "name"), item) for item in items).get(name)
    if found is not None:
        return found
    prefix = f"{option}: " if option else ""
    names: list[str] = [getattr(item, "name") for item in items]
    raise InvalidInput(f"{prefix}no {what} called {name!r} ({what}s: {listing(names)})")
