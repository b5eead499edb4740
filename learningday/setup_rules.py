"""Shared rules of the setup services: wall-clock words, names, zones, links, refusals."""

from __future__ import annotations

import re
from collections.abc import Sequence

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from .errors import InvalidInput
from .models import Session as LearningSession
from .setup_dto import Usage
from .timeutil import is_zone

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
    hours, minutes = (int(match[1]), int(match[2] or 0)) if match else (-1, 0)
    if not (0 <= hours <= 24 and minutes < 60 and hours * 60 + minutes <= DAY):
        raise InvalidInput(f"not a time of day like 09:00: {text!r}")
    return hours * 60 + minutes


def parse_window(text: str) -> tuple[int, int]:
    """'09:00-17:00' (or with an en dash) -> (540, 1020); the end must come after the start."""
    parts = re.split(r"\s*[-–—]\s*", text.strip())
    if len(parts) != 2:
        raise InvalidInput(f"not a time window like 09:00-17:00: {text!r}")
    start, end = parse_clock(parts[0]), parse_clock(parts[1])
    check_window(start, end, what=f"{text.strip()!r}")
    return start, end


def check_window(start: object, end: object, *, what: str) -> None:
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= DAY):
        raise InvalidInput(f"{what} must end after it starts, between 00:00 and 24:00 (e.g. 09:00-17:00)")


def zone_problem(zone: str) -> str | None:
    if not is_zone(zone):
        return f"unknown time zone {zone!r} (use an IANA name such as 'Asia/Kolkata')"
    return None


def clean_text(value: str, label: str, limit: int, problems: list[str], *, required: bool = True) -> str:
    value = " ".join(value.split())
    if required and not value:
        problems.append(f"the {label} must not be empty")
    elif len(value) > limit:
        problems.append(f"the {label} is longer than {limit} characters")
    return value


def refuse(what: str, problems: list[str]) -> None:
    if problems:
        raise InvalidInput(f"{what}: " + "; ".join(problems))


def name_taken(session: Session, model: type, name: str, current: int | None) -> bool:
    """Another row of ``model`` has this name (case and spacing aside)."""
    rows = session.execute(select(model.id, model.name)).all()
    return any(i != current and " ".join(n.split()).casefold() == name.casefold() for i, n in rows)


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
