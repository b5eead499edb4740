"""The Plan workspace: the timeline, unscheduled drafts, versions, agenda import and export."""
