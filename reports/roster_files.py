"""The roster, the badge sheet and station logs as files: one function each for the CLI and the
workspaces (no Qt). Each reads in one transaction and writes its file atomically."""

from __future__ import annotations

from pathlib import Path

from learningday.checkin.dto import MergeReport
from learningday.store.db import EventFile


def write_roster(event_file: EventFile, out: Path, *, hub_id: int | None = None) -> int:
    """The attendees (of one hub if given) as CSV or XLSX, by the file's extension; returns the count."""
    from learningday.roster.rows import iter_attendee_rows
    from reports.output import write_then_rename
    from reports.roster_export import export_roster

    with event_file.read() as session:
        return write_then_rename(out, lambda tmp: export_roster(iter_attendee_rows(session, hub_id=hub_id), tmp))


def write_badges(event_file: EventFile, out: Path, *, hub_id: int | None = None, letter: bool = False) -> int:
    """A badge sheet PDF (A4 or US Letter labels); returns how many badges it holds."""
    from learningday.roster.rows import iter_attendee_rows
    from learningday.setup.event import get_event, list_levels
    from reports.badges import render_badges
    from reports.output import write_then_rename

    with event_file.read() as session:
        event, levels = get_event(session), list_levels(session)
        return write_then_rename(out, lambda tmp: render_badges(
            iter_attendee_rows(session, hub_id=hub_id), levels, tmp, layout="letter" if letter else "a4",
            event_name=event.name))


def write_station_log(event_file: EventFile, out: Path) -> int:
    """This file's check-in log as a station log (JSON); returns the entry count."""
    from learningday.checkin.station_log import export_log, log_json
    from reports.output import write_then_rename

    with event_file.read() as session:
        log = export_log(session)
    write_then_rename(out, lambda tmp: tmp.write_text(log_json(log), encoding="utf-8"))
    return len(log["entries"])


def merge_station_log(event_file: EventFile, path: Path) -> MergeReport:
    """Merge another station's log in one transaction (merging twice changes nothing)."""
    from learningday.checkin.station_log import merge_log, read_log_file

    data = read_log_file(path)
    with event_file.write() as session:
        return merge_log(session, data)
