"""Helpers for the roster tests: the roster fixtures' folder and a small event with four hubs."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from learningday.store.db import open_event
from learningday.store.models import Hub
from tests import DATA
from tests.helpers.backends import Backend, create_on

ROSTER = DATA / "roster"
HUBS = (("London", "Europe/London"), ("Bangalore", "Asia/Kolkata"), ("São Paulo", "America/Sao_Paulo"),
        ("Tokyo", "Asia/Tokyo"))


def make_event(path: Path | str | Backend) -> Path | str:
    """The four hubs' event at ``path``: a new file, an empty database (Backend.empty()) or a Backend's store."""
    path = create_on(path, name="Roster test day", start_utc=datetime(2027, 3, 10, 21, tzinfo=timezone.utc))
    with open_event(path) as event_file, event_file.write() as session:
        session.add_all(Hub(name=n, zone=z, position=i) for i, (n, z) in enumerate(HUBS))
    return path

