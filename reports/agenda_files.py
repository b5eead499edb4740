"""Writing the agenda's files, a hub's PDF and an .ics calendar: one function each for the CLI and
the Plan workspace (no Qt)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from learningday.errors import CancelCheck, Progress
from learningday.plan.export import AgendaScope, calendar_zone, find_hub, select_agenda
from learningday.store.db import EventFile
from learningday.outputs import check_output


@dataclass(frozen=True)
class AgendaPdfRequest:
    out: Path
    hub: str
    letter: bool = False


@dataclass(frozen=True)
class IcsRequest:
    out: Path
    scope: AgendaScope = field(default_factory=AgendaScope)
    #: a hub's name or an IANA zone for the times (with a VTIMEZONE); None or "UTC": UTC
    zone: str | None = None


@dataclass(frozen=True)
class AgendaWritten:
    path: Path
    sessions: int
    #: what the file holds, in words ("Bangalore, IST (UTC+05:30)")
    what: str = ""


def write_agenda_pdf(event_file: EventFile, request: AgendaPdfRequest, *, progress: Progress | None = None,
                     cancel: CancelCheck | None = None) -> AgendaWritten:
    """One hub's agenda in its local time; an unknown hub writes nothing."""
    from reports.agenda_pdf import hub_label
    from reports.agenda_pdf import write_agenda_pdf as render

    check_output(request.out, event_path=event_file.path)
    with event_file.read() as session:
        selection = select_agenda(session)
    hub = find_hub(selection.hubs, request.hub)
    count = render(selection.event, hub, selection.levels, selection.rows, request.out,
                   letter_size=request.letter, progress=progress, cancel=cancel)
    return AgendaWritten(request.out, count, hub_label(selection.event, hub))


def write_agenda_ics(event_file: EventFile, request: IcsRequest, *, progress: Progress | None = None,
                     cancel: CancelCheck | None = None) -> AgendaWritten:
    """The sessions ``request.scope`` picks as an .ics calendar, in UTC or in one zone."""
    from learningday.plan.ics import agenda_calendar
    from reports.output import check, write_then_rename

    check_output(request.out, event_path=event_file.path)
    with event_file.read() as session:
        selection = select_agenda(session, request.scope)
    zone_name = calendar_zone(selection.hubs, request.zone)
    check(cancel)
    scheduled = [r for r in selection.rows if r.start_utc is not None]
    data = agenda_calendar(selection.event, scheduled, selection.levels, title=selection.title, zone_name=zone_name)
    write_then_rename(request.out, lambda tmp: tmp.write_bytes(data))
    if progress is not None:
        progress(1.0, "calendar written")
    return AgendaWritten(request.out, len(scheduled), f"times in {zone_name or 'UTC'}")
