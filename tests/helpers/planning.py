"""A small hand-made event for the planning tests: three hubs, three venues, three facilitators."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from learningday.setup.event import create_event_file
from learningday.store.db import open_event
from learningday.store.models import Facilitator, Hub, Venue
from learningday.timeutil import parse_utc

START = parse_utc("2027-03-10T21:00Z")


def at(hours: float) -> datetime:
    """The instant ``hours`` after the event start (21:00Z)."""
    return START + timedelta(hours=hours)


@dataclass(frozen=True)
class Small:
    path: Path | str  # a file, or a database URL on PostgreSQL (the small fixture)
    hubs: dict[str, int]
    venues: dict[str, int]
    facilitators: dict[str, int]


def small_event(tmp_path: Path) -> Small:
    """London, Bangalore and Tokyo (09:00-17:00); Room A (2 seats), Room B (10), a virtual channel;
    Ann (London, 08:00-18:00), Raj (Kolkata, no stated availability), Kei (Tokyo, 09:00-12:00)."""
    path = create_event_file(tmp_path / "small.lday", name="Small day", start_utc=START)
    with open_event(path) as event_file, event_file.write() as s:
        hubs = [Hub(name="London", zone="Europe/London", position=1),
                Hub(name="Bangalore", zone="Asia/Kolkata", position=2),
                Hub(name="Tokyo", zone="Asia/Tokyo", position=3)]
        venues = [Venue(name="Room A", capacity=2), Venue(name="Room B", capacity=10),
                  Venue(name="Virtual", kind="virtual")]
        people = [Facilitator(name="Ann", zone="Europe/London", availability=[[480, 1080]]),
                  Facilitator(name="Raj", zone="Asia/Kolkata", availability=[]),
                  Facilitator(name="Kei", zone="Asia/Tokyo", availability=[[540, 720]])]
        s.add_all(hubs + venues + people)
        s.flush()
        return Small(path, {h.name: h.id for h in hubs}, {v.name: v.id for v in venues},
                     {f.name: f.id for f in people})
