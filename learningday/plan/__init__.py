"""The agenda: sessions, conflicts, coverage, versions, agenda import and export, calendars."""
