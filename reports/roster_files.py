"""The roster, the badge sheet and station logs as files: one function each for the CLI and the
workspaces (no Qt). Each reads in one transaction, writes its file atomically, and takes progress
and cancel (a cancel leaves no file)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from learningday.checkin.dto import MergeReport
from learningday.errors import CancelCheck, Progress
from learningday.roster.dto import AttendeeRow
from learningday.store.db import EventFile
from learningday.outputs import check_output

#: how often (in people) a roster or badge file reports progress and asks whether to stop
CHECK_EVERY = 500


def _roster_rows(session, hub_id: int | None, what: str, progress: Progress | None,  # noqa: ANN001 - a Session
                 cancel: CancelCheck | None) -> Iterator[AttendeeRow]:
    """The attendees (of one hub if given), with a cancel check and a progress report every CHECK_EVERY."""
    from learningday.roster.dto import AttendeeQuery
    from learningday.roster.query import count_attendees
    from learningday.roster.rows import iter_attendee_rows
    from reports.output import check

    total = count_attendees(session, AttendeeQuery(hub_id=hub_id)) if progress is not None else 0
    check(cancel, what)
    for done, row in enumerate(iter_attendee_rows(session, hub_id=hub_id), start=1):
        if done % CHECK_EVERY == 0:
            check(cancel, what)
            if progress is not None:
                progress(done / max(total, 1), f"{done:,} of {total:,} attendees")
        yield row
    check(cancel, what)  # the last rows: before the file gets its name


def write_roster(event_file: EventFile, out: Path, *, hub_id: int | None = None, progress: Progress | None = None,
                 cancel: CancelCheck | None = None) -> int:
    """The attendees (of one hub if given) as CSV or XLSX, by the file's extension; returns the count."""
    from reports.output import write_then_rename
    from reports.roster_export import export_roster

    check_output(out, event_path=event_file.path)
    with event_file.read() as session:
        rows = _roster_rows(session, hub_id, "export", progress, cancel)
        return write_then_rename(out, lambda tmp: export_roster(rows, tmp))


def write_badges(event_file: EventFile, out: Path, *, hub_id: int | None = None, letter: bool = False,
                 progress: Progress | None = None, cancel: CancelCheck | None = None) -> int:
    """A badge sheet PDF (A4 or US Letter labels); returns how many badges it holds."""
    from learningday.setup.event import get_event, list_levels
    from reports.badges import render_badges
    from reports.output import write_then_rename

    check_output(out, event_path=event_file.path)
    with event_file.read() as session:
        event, levels = get_event(session), list_levels(session)
        rows = _roster_rows(session, hub_id, "badge sheet", progress, cancel)
        return write_then_rename(out, lambda tmp: render_badges(
            rows, levels, tmp, layout="letter" if letter else "a4", event_name=event.name))


def write_station_log(event_file: EventFile, out: Path, *, progress: Progress | None = None,
                      cancel: CancelCheck | None = None) -> int:
    """This file's check-in log as a station log (JSON); returns the entry count."""
    from learningday.checkin.station_log import export_log, log_json
    from reports.output import check, write_then_rename

    check_output(out, event_path=event_file.path)
    with event_file.read() as session:
        log = export_log(session)
    check(cancel, "export")
    write_then_rename(out, lambda tmp: tmp.write_text(log_json(log), encoding="utf-8"))
    if progress is not None:
        progress(1.0, f"{len(log['entries']):,} entries written")
    return len(log["entries"])


def merge_station_log(event_file: EventFile, path: Path) -> MergeReport:
    """Merge another station's log in short steps beside the stations (merging twice changes nothing)."""
    from learningday.checkin.station_log import merge_log_in_steps, read_log_file

    return merge_log_in_steps(event_file, read_log_file(path))
