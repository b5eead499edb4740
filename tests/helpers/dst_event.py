"""An event across the EU autumn clock change, with hubs on odd offsets and on another local date.

Event: 2026-10-24 12:00 UTC, 24 h. London goes from BST (+01:00) to GMT at 01:00 UTC on the 25th.

| hub       | zone             | offset in the window        |
|-----------|------------------|-----------------------------|
| London    | Europe/London    | +01:00, then +00:00         |
| Kathmandu | Asia/Kathmandu   | +05:45                      |
| Chatham   | Pacific/Chatham  | +13:45 (already Sunday 25)  |
| Chicago   | America/Chicago  | -05:00                      |

| session        | start UTC  | min | for hubs  | London clock        |
|----------------|------------|-----|-----------|---------------------|
| Across the change | 24th 23:30 | 90 | London  | 00:30 BST–01:00 GMT |
| Chicago only   | 24th 14:00 | 60  | Chicago   |                     |
| Kathmandu only | 25th 03:00 | 60  | Kathmandu |                     |
| For everyone   | 25th 02:00 | 60  | (nobody)  | 02:00–03:00 GMT     |
"""

from __future__ import annotations

from pathlib import Path

from learningday.plan import sessions as agenda
from learningday.plan.dto import SessionDraft
from learningday.store.db import open_event
from learningday.store.models import Facilitator, Hub, Venue
from learningday.timeutil import parse_utc
from tests.helpers.backends import Backend, create_on

START = parse_utc("2026-10-24T12:00Z")
HUBS = (("London", "Europe/London"), ("Kathmandu", "Asia/Kathmandu"), ("Chatham", "Pacific/Chatham"),
        ("Chicago", "America/Chicago"))
SESSIONS = (("Across the change", "2026-10-24T23:30Z", 90, "London"),
            ("Chicago only", "2026-10-24T14:00Z", 60, "Chicago"),
            ("Kathmandu only", "2026-10-25T03:00Z", 60, "Kathmandu"),
            ("For everyone", "2026-10-25T02:00Z", 60, None))


def build_dst_event(path: Path | str | Backend) -> Path | str:
    """The event at ``path``: a new file, or an empty database (Backend.empty()), or a Backend's fresh store."""
    path = create_on(path, name="Autumn Day", start_utc=START)
    with open_event(path) as event_file, event_file.write() as s:
        hubs = {name: Hub(name=name, zone=zone, position=k) for k, (name, zone) in enumerate(HUBS, start=1)}
        room = Venue(name="Studio", kind="virtual")
        owl = Facilitator(name="Owl", zone="Europe/London")
        s.add_all([*hubs.values(), room, owl])
        s.flush()
        for title, start, minutes, hub in SESSIONS:
            agenda.create_session(s, SessionDraft(title, 1, parse_utc(start), minutes, venue_id=room.id,
                                                  facilitator_ids=(owl.id,),
                                                  hub_ids=(hubs[hub].id,) if hub else ()))
    return path
