"""The Attendees workspace: the roster table, the editor, registrations, roster import."""
