"""Who came to a session: in the room or online, minutes, late, left early."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from learningday.attendance.recording import import_attendance
from learningday.attendance.rule import session_attendance
from learningday.checkin.log import check_in
from learningday.store.db import open_event
from learningday.store.models import Session as LearningSession
from learningday.timeutil import UTC
from tests.helpers.attendance import REPORTS, build_attendance_event
from tests.helpers.backends import Backend
from tests.helpers.doors import open_door
from ui.models import DISPLAY
from ui.workspaces.attendees.session_attendance import SessionAttendanceDialog


def test_rows_say_where_and_how_long(qtbot, qtmodeltester, backend: Backend) -> None:  # noqa: ANN001
    path = build_attendance_event(backend)
    open_door(path)  # Robert holds no registration: an open door admits him (the door rules have their own tests)
    with open_event(path) as event_file, event_file.write() as s:
        sid, uid, start = s.execute(select(LearningSession.id, LearningSession.uid, LearningSession.start_utc)
                                    .where(LearningSession.title == "Chicago only")).one()
        check_in(s, code_or_attendee="ROB001", session_uid=uid, station="Door", at_utc=start)
        import_attendance(s, [REPORTS / "zoom_chicago.csv"], at_utc=datetime(2026, 10, 26, tzinfo=UTC))
        rows = session_attendance(s, sid)
    dialog = SessionAttendanceDialog("Chicago only", rows)
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)
    model = dialog.model
    shown = [tuple(model.data(model.index(r, c), DISPLAY) for c in range(5)) for r in range(model.rowCount())]
    assert shown == [("Ana Silva", "online", 55, "", ""), ("Dev Patel", "online", 60, "", ""),
                     ("Eve Moss", "online", 20, "yes", "yes"), ("Robert Jones", "in the room", 60, "", "")]
    dialog.show()
    dialog.grab().save("/tmp/attendance-who-came.png")
