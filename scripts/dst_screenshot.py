"""The Plan workspace on an event across London's autumn clock change: the ruler's marker and both offsets.

Called by scripts/screenshots.py (docs/plan-dst.png), with the window it already has.
"""

from __future__ import annotations

from pathlib import Path

from learningday.plan.dto import SessionDraft
from learningday.plan.sessions import create_session
from learningday.setup.event import create_event_file, list_venues
from learningday.setup.new_event import HubSpec, VenueSpec
from learningday.store.db import open_event
from learningday.timeutil import parse_utc

#: London goes from BST (+01:00) to GMT at 01:00 UTC on Sunday 31 October 2027
START = parse_utc("2027-10-30T12:00Z")
HUBS = (HubSpec("London", "Europe/London"), HubSpec("Kathmandu", "Asia/Kathmandu"),
        HubSpec("Chicago", "America/Chicago"), HubSpec("Auckland", "Pacific/Auckland"))
VENUES = (VenueSpec("Thames room", "room", "London", 40), VenueSpec("Global stream", "virtual", "", 2000))
#: title, level, start (UTC), minutes, venue
SESSIONS = (("AI literacy for everyone", 1, "2027-10-30T14:00Z", 60, "Global stream"),
            ("Prompting in practice", 2, "2027-10-30T17:00Z", 90, "Thames room"),
            ("Across the change", 2, "2027-10-30T23:30Z", 90, "Global stream"),
            ("Agents with tools", 3, "2027-10-31T03:00Z", 60, "Global stream"),
            ("Night owls' retrieval lab", 3, "2027-10-31T01:30Z", 60, "Thames room"),
            ("Fine-tuning, briefly", 4, "2027-10-31T08:30Z", 60, "Thames room"))


def build_autumn_event(path: Path) -> Path:
    create_event_file(path, name="Autumn AI Day", start_utc=START, theme="Across the clock change", hubs=HUBS,
                      venues=VENUES)
    with open_event(path) as event_file, event_file.write() as session:
        venue_ids = {v.name: v.id for v in list_venues(session)}
        for title, level, start, minutes, venue in SESSIONS:
            create_session(session, SessionDraft(title, level, parse_utc(start), minutes, venue_id=venue_ids[venue]))
    return path


def dst_screenshot(app, window, folder: Path, out: Path) -> None:
    """docs/plan-dst.png: the Plan workspace on the autumn event (the window opens it, then it is closed again)."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtWidgets import QComboBox

    window.resize(1440, 900)
    window.open_path(build_autumn_event(folder / "autumn.lday"))
    window.tabs.setCurrentIndex(0)
    plan = window.plan
    plan.zone_box.setCurrentIndex(plan.zone_box.findText("London", Qt.MatchFlag.MatchStartsWith))  # BST → GMT
    # the box and the table keep the widths the demo gave them: widen them to the clock-change labels
    plan.zone_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    for column in (0, 1):
        plan.table.resizeColumnToContents(column)
    app.processEvents()
    timeline = plan.timeline
    timeline.horizontalScrollBar().setValue(int(8 * 60 * timeline.ppm))  # 20:00 UTC on: the change at 01:00 in view
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # the demo's level cards (the app's loop deletes them)
    app.processEvents()
    window.grab().save(str(out / "plan-dst.png"))
    print(out / "plan-dst.png")
