"""A kind chosen by hand must fit the file: a sessions sheet is never read as venues (issue 12, item 12)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from learningday.plan.importing import import_agenda
from learningday.spreadsheet.engine import ImportRefused
from learningday.store.db import open_event
from learningday.store.models import Venue
from tests.helpers.doors import refused

SESSIONS = ("Title,Level,Duration,Venue,Capacity\n"
            "Prompting lab,2,60,{venue},20\n")


def _import(path: Path, source: Path, **kw):  # noqa: ANN202 - an AgendaImportResult
    with open_event(path) as event_file, event_file.write() as session:
        return import_agenda(session, source, **kw)


def _capacities(path: Path) -> dict[str, int | None]:
    with open_event(path) as event_file, event_file.read() as session:
        return dict(session.execute(select(Venue.name, Venue.capacity)).all())


@pytest.mark.parametrize("kind", ["venues", "facilitators"])
def test_a_sessions_sheet_is_not_imported_as_another_kind(small, tmp_path: Path, kind: str) -> None:
    venue = next(iter(_capacities(small.path)))
    sheet = tmp_path / "sessions.csv"
    sheet.write_text(SESSIONS.format(venue=venue), encoding="utf-8")
    before = _capacities(small.path)
    exc = refused(small.path, lambda: _import(small.path, sheet, kind=kind), "the header looks like sessions")
    assert isinstance(exc, ImportRefused) and "5 of its columns are sessions columns" in exc.issues[-1].message
    assert _capacities(small.path) == before
    assert _import(small.path, sheet, kind="sessions").created == 1  # the right kind goes through


def test_a_sessions_sheet_without_its_level_is_still_not_venues(small, tmp_path: Path) -> None:
    sheet = tmp_path / "sessions.csv"
    sheet.write_text("Title,Venue,Capacity,Description\nPrompting lab,Kew,20,Hands on\n", encoding="utf-8")
    exc = refused(small.path, lambda: _import(small.path, sheet, kind="venues"), "looks like sessions, not venues")
    assert isinstance(exc, ImportRefused)


def test_a_kind_that_fits_as_well_as_another_is_taken(small, tmp_path: Path) -> None:
    names = tmp_path / "names.csv"
    names.write_text("Name,Capacity\nAtrium,40\n", encoding="utf-8")
    assert _import(small.path, names, kind="venues").created == 1
