"""Helpers for the agenda import tests: the fixtures' folder, imports, and what the event holds."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from learningday.plan.importing import import_agenda
from learningday.store.db import open_event
from learningday.store.models import Facilitator, Venue
from learningday.store.models import Session as LearningSession
from tests import DATA

AGENDA = DATA / "agenda"


def run_import(path: Path, source: Path, **kw: Any):
    with open_event(path) as event_file, event_file.write() as session:
        return import_agenda(session, source, **kw)


def with_people_and_rooms(path: Path) -> Path:
    """The event with the venues and facilitators fixtures imported (what session rows name)."""
    run_import(path, AGENDA / "venues.csv")
    run_import(path, AGENDA / "facilitators_cp1252.csv")
    return path


def sessions_on_disk(path: Path) -> dict[str, dict[str, Any]]:
    with open_event(path) as event_file, event_file.read() as session:
        return {
            s.title: {
                "level": s.level_id, "start": s.start_utc, "minutes": s.duration_minutes,
                "venue": s.venue.name if s.venue else None, "capacity": s.capacity, "topics": list(s.topics),
                "description": s.description, "facilitators": sorted(f.name for f in s.facilitators),
                "hubs": sorted(h.name for h in s.target_hubs),
            }
            for s in session.scalars(select(LearningSession))
        }


def facilitators_on_disk(path: Path) -> dict[str, dict[str, Any]]:
    with open_event(path) as event_file, event_file.read() as session:
        return {f.name: {"email": f.email, "zone": f.zone, "availability": f.availability,
                         "levels": sorted(lv.id for lv in f.levels)}
                for f in session.scalars(select(Facilitator))}


def venues_on_disk(path: Path) -> dict[str, tuple]:
    with open_event(path) as event_file, event_file.read() as session:
        return {v.name: (v.kind, v.site, v.hub.name if v.hub else None, v.capacity, v.join_url)
                for v in session.scalars(select(Venue))}


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))
