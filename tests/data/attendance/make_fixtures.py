"""Writes the attendance-report fixtures (run from the repository: python tests/data/attendance/make_fixtures.py).

Their sessions are those of tests/helpers/dst_event.py; the minutes each person should get are worked out by
hand in tests/core/attendance/test_import.py."""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).parent

# Teams: UTF-16 with tabs, three sections; London across the autumn change (01:00-01:59 happens twice)
TEAMS = """1. Summary
Meeting title\tAcross the change
Attended participants\t4
Start time\t10/25/2026, 12:29:00 AM
End time\t10/25/2026, 1:30:00 AM
Meeting duration\t2h 1m 0s

2. Participants
Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tParticipant ID (UPN)\tRole
Ana Silva\t10/25/2026, 12:29:00 AM\t10/25/2026, 1:05:00 AM\t1h 6m 0s\tana@example.com\tana@example.com\tOrganizer
Bobby Jones\t10/25/2026, 12:45:00 AM\t10/25/2026, 1:30:00 AM\t45m 0s\t\tbobby-ext\tAttendee
Visitor (Guest)\t10/25/2026, 12:30:00 AM\t10/25/2026, 1:15:00 AM\t45m\t\t\tAttendee
dev  PATEL\t10/25/2026, 12:30:00 AM\t10/25/2026, 12:40:00 AM\t10m\t\t\tPresenter

3. In-Meeting Activities
Name\tJoin Time\tLeave Time\tDuration\tEmail\tRole
Ana Silva\t10/25/2026, 12:29:00 AM\t10/25/2026, 1:10:00 AM\t41m 0s\tana@example.com\tOrganizer
Bobby Jones\t10/25/2026, 12:45:00 AM\t10/25/2026, 1:30:00 AM\t45m 0s\t\tAttendee
Ana Silva\t10/25/2026, 1:40:00 AM\t10/25/2026, 1:05:00 AM\t25m 0s\tANA@example.com\tOrganizer
Visitor (Guest)\t10/25/2026, 12:30:00 AM\t10/25/2026, 1:15:00 AM\t45m 0s\t\tAttendee
dev  PATEL\t10/25/2026, 12:30:00 AM\t10/25/2026, 12:40:00 AM\t10m 0s\t\tPresenter
"""

# Zoom: UTF-8 CSV, a meeting block above the participants; Chicago (CDT), a rejoin
ZOOM = """Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants
812 3456 7890,Chicago only,10/24/2026 08:58:00 AM,10/24/2026 10:02:00 AM,host@example.com,64,3

Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest
Ana Silva,ana@example.com,10/24/2026 08:58:00 AM,10/24/2026 09:20:00 AM,22,No
Eve Moss,Eve@Example.com,10/24/2026 09:10:00 AM,10/24/2026 09:30:00 AM,20,No
Ana Silva,ana@example.com,10/24/2026 09:25:00 AM,10/24/2026 10:02:00 AM,37,No
Dev Patel,,10/24/2026 09:00:00 AM,10/24/2026 10:00:00 AM,60,Yes
"""

# Google Meet style: no leave time, durations in three formats; ISO times in Chicago
DURATIONS = """Full Name,Email,First Seen,Time in Call
Ana Silva,ana@example.com,2026-10-24 09:00:00,0h 40m 30s
Eve Moss,eve@example.com,2026-10-24 09:00:00,25
Dev Patel,,2026-10-24 09:00:00,00:35:59
"""

# Webex attendee report: CRLF, an email in capitals, a rejoin, times without seconds, durations in "mins"
WEBEX = """Name,Attendee Email,Join Time,Leave Time,Attendance Duration,Connection Type
Ana Silva,ANA@example.com,10/24/2026 9:05 AM,10/24/2026 9:30 AM,25 mins,Desktop app
Ana Silva,ANA@example.com,10/24/2026 9:40 AM,10/24/2026 10:10 AM,30 mins,Desktop app
Robert Jones,rob@example.com,10/24/2026 8:55 AM,10/24/2026 9:50 AM,55 mins,Web app
"""


def main() -> None:
    (HERE / "teams_across_dst.csv").write_bytes(TEAMS.replace("\n", "\r\n").encode("utf-16"))
    (HERE / "zoom_chicago.csv").write_text(ZOOM, encoding="utf-8", newline="")
    (HERE / "meet_durations.csv").write_text(DURATIONS, encoding="utf-8", newline="")
    (HERE / "webex_chicago.csv").write_bytes(WEBEX.replace("\n", "\r\n").encode("utf-8"))


if __name__ == "__main__":
    main()
