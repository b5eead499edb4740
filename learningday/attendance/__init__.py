"""Virtual attendance: meeting-platform attendance reports read, matched and written to the check-in log."""
