"""A small event for the auto-plan GUI tests: the planning helper's hubs, rooms and people, with three sessions."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from learningday.plan import sessions as agenda
from learningday.plan.dto import SessionDraft
from learningday.store.db import open_event
from tests.helpers.planning import at, small_event


def planned_event(tmp_path: Path) -> Path:
    """London, Bangalore, Tokyo (09:00-17:00); starting 21:00Z. "Tokyo basics" (Kei, 09:00-12:00 Tokyo
    time: 00:00-03:00Z) is a draft; "London welcome" (Ann) sits at 09:00Z in Room B; "Bangalore lab" (Raj)
    at 03:00Z, 08:30 in Bangalore: before its working day."""
    event = small_event(tmp_path)
    h, v, f = event.hubs, event.venues, event.facilitators
    with open_event(event.path) as event_file, event_file.write() as s:
        agenda.create_session(s, SessionDraft("Tokyo basics", 1, None, 60, v["Virtual"], (f["Kei"],), (h["Tokyo"],)),
                              uid="tokyo")
        agenda.create_session(s, SessionDraft("London welcome", 1, at(12), 60, v["Room B"], (f["Ann"],),
                                              (h["London"],)), uid="london")
        agenda.create_session(s, SessionDraft("Bangalore lab", 2, at(6), 90, v["Room B"], (f["Raj"],),
                                              (h["Bangalore"],)), uid="bangalore")
    return event.path


def sessions_table(path: Path) -> list[tuple]:
    """Every row and column of the sessions table, as the file holds it."""
    with sqlite3.connect(path) as db:
        return db.execute("SELECT * FROM sessions ORDER BY id").fetchall()
