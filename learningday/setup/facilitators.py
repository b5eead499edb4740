"""Facilitator services: add, edit, remove (and bring back) the people who teach.

Availability is a list of ``[start_min, end_min]`` windows of the facilitator's OWN local day,
applied on every local date (learningday.plan.conflicts converts them per date, so DST is right);
an empty list means "not stated" and raises no availability conflict.
"""

from __future__ import annotations

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from learningday.errors import InvalidInput
from learningday.setup.dto import FacilitatorDraft, RemovedFacilitator, Usage
from learningday.setup.rules import (
    clean_text,
    delete_row,
    format_window,
    get_row,
    name_taken,
    refuse,
    refuse_used,
    session_titles,
    window_problem,
    zone_problem,
)
from learningday.spreadsheet.emails import parse_email
from learningday.spreadsheet.engine import CellProblem
from learningday.store.models import Facilitator, Level, facilitator_levels, session_facilitators


def _draft(row: Facilitator) -> FacilitatorDraft:
    return FacilitatorDraft(row.name, row.email, row.zone, tuple((int(a), int(b)) for a, b in row.availability or ()),
                            tuple(sorted(lv.id for lv in row.levels)))


def facilitator_drafts(session: Session) -> dict[int, FacilitatorDraft]:
    """Every facilitator by id, by name."""
    return {f.id: _draft(f) for f in session.scalars(select(Facilitator).order_by(Facilitator.name, Facilitator.id))}


def availability_windows(windows: tuple[tuple[int, int], ...], problems: list[str]) -> tuple[tuple[int, int], ...]:
    """The windows sorted, each checked and none overlapping another (what is wrong goes into ``problems``)."""
    clean: list[tuple[int, int]] = []
    for window in windows:
        try:
            start, end = window
        except (TypeError, ValueError):
            problems.append(f"not a window: {window!r}")
            continue
        shown = format_window(start, end) if isinstance(start, int) and isinstance(end, int) else window
        if (bad := window_problem(start, end, what=f"availability {shown}")) is not None:
            problems.append(bad)
            continue
        clean.append((start, end))
    clean.sort()
    for (a, b), (c, d) in zip(clean, clean[1:]):
        if c < b:
            problems.append(f"availability {format_window(a, b)} overlaps {format_window(c, d)}")
    return tuple(clean)


def _valid(session: Session, draft: FacilitatorDraft, current: Facilitator | None) -> FacilitatorDraft:
    problems: list[str] = []
    name = clean_text(draft.name, "name", 200, problems)
    if name and (current is None or name != current.name) and name_taken(session, Facilitator, name,
                                                                        current and current.id):
        problems.append(f"there is a facilitator called {name!r} already (lists show names only)")
    email = draft.email.strip()
    if email:
        try:
            email = parse_email(email)
        except CellProblem as exc:
            problems.append(exc.message)
    zone = draft.zone.strip()
    if (bad := zone_problem(zone)) is not None:
        problems.append(bad)
    windows = availability_windows(tuple(draft.availability), problems)
    levels = tuple(sorted(set(draft.level_ids)))
    known = set(session.scalars(select(Level.id)))
    if missing := [lv for lv in levels if lv not in known]:
        problems.append(f"there is no level {', '.join(map(str, missing))} (levels are 1 to 5)")
    refuse(f"facilitator {name or draft.name!r}", problems)
    return FacilitatorDraft(name, email, zone, windows, levels)


def _write(session: Session, row: Facilitator, clean: FacilitatorDraft) -> None:
    row.name, row.email, row.zone = clean.name, clean.email, clean.zone
    row.availability = [list(w) for w in clean.availability]
    row.levels = list(session.scalars(select(Level).where(Level.id.in_(clean.level_ids)))) if clean.level_ids else []


def add_facilitator(session: Session, draft: FacilitatorDraft, *, facilitator_id: int | None = None,
                    uid: str | None = None) -> int:
    """Add a facilitator (``facilitator_id``/``uid``: bring one back as they were); returns the id."""
    clean = _valid(session, draft, None)
    if facilitator_id is not None and session.get(Facilitator, facilitator_id) is not None:
        raise InvalidInput(f"facilitator id {facilitator_id} is taken")
    row = Facilitator(id=facilitator_id, **({"uid": uid} if uid else {}))
    _write(session, row, clean)
    session.add(row)
    session.flush()
    return row.id


def edit_facilitator(session: Session, facilitator_id: int, draft: FacilitatorDraft) -> FacilitatorDraft:
    row = get_row(session, Facilitator, facilitator_id, "facilitator")
    before = _draft(row)
    _write(session, row, _valid(session, draft, row))
    session.flush()
    return before


def _teaches(session: Session, facilitator_id: int) -> list[int]:
    return list(session.scalars(select(session_facilitators.c.session_id)
                                .where(session_facilitators.c.facilitator_id == facilitator_id)
                                .order_by(session_facilitators.c.session_id)))


def facilitator_usage(session: Session, facilitator_id: int) -> Usage:
    get_row(session, Facilitator, facilitator_id, "facilitator")
    return Usage(sessions=session_titles(session, _teaches(session, facilitator_id)))


def remove_facilitator(session: Session, facilitator_id: int, *, detach: bool = False) -> RemovedFacilitator:
    """Remove a facilitator; with ``detach`` the sessions they taught stay, without them."""
    row = get_row(session, Facilitator, facilitator_id, "facilitator")
    refuse_used(f"facilitator {row.name!r}", facilitator_usage(session, facilitator_id), detach)
    removed = RemovedFacilitator(facilitator_id, row.uid, _draft(row), tuple(_teaches(session, facilitator_id)))
    session.execute(delete(session_facilitators).where(session_facilitators.c.facilitator_id == facilitator_id))
    session.execute(delete(facilitator_levels).where(facilitator_levels.c.facilitator_id == facilitator_id))
    delete_row(session, row)
    return removed


def restore_facilitator(session: Session, removed: RemovedFacilitator) -> None:
    """Undo ``remove_facilitator``: same id and uid, levels and sessions."""
    add_facilitator(session, removed.draft, facilitator_id=removed.id, uid=removed.uid)
    if removed.session_ids:
        session.execute(insert(session_facilitators), [{"session_id": sid, "facilitator_id": removed.id}
                                                       for sid in removed.session_ids])
    session.expire_all()


__all__ = ["add_facilitator", "edit_facilitator", "facilitator_drafts", "facilitator_usage", "remove_facilitator",
           "restore_facilitator"]
