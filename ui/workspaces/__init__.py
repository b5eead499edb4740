"""The four workspaces of the main window: Plan, Attendees, Check-in, Reports."""
