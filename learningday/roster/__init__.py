"""The people: attendees, registrations and waitlists, roster import and queries, badge codes."""
