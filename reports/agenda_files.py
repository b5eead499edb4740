"""Writing the agenda's files, a hub's PDF and an .ics calendar: one function each for the CLI and
the Plan workspace (no Qt)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from learningday.errors import CancelCheck, InvalidInput, Progress
from learningday.plan.export import AgendaScope, agenda_clock, calendar_zone, find_hub, select_agenda
from learningday.setup.event import list_hubs
from learningday.store.db import EventFile
from learningday.outputs import check_output


@dataclass(frozen=True)
class AgendaPdfRequest:
    out: Path
    #: the clock the times are on: a hub's name or an IANA zone
    zone: str
    letter: bool = False
    #: list the sessions for this hub (and those for every hub); None: for the ``zone`` hub, if it is one
    for_hub: str | None = None
    #: list every session of the event
    all_sessions: bool = False


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
    """An agenda on one hub's (or zone's) clock, listing one hub's sessions or all; a bad request writes nothing."""
    from reports.agenda_pdf import hub_label
    from reports.agenda_pdf import write_agenda_pdf as render

    check_output(request.out, event_path=event_file.path)
    if request.all_sessions and request.for_hub is not None:
        raise InvalidInput("--for-hub and --all-sessions: give one or the other")
    with event_file.read() as session:
        clock = agenda_clock(list_hubs(session), request.zone)
        for_hub = None if request.all_sessions else request.for_hub or (clock.hub.name if clock.hub else None)
        selection = select_agenda(session, AgendaScope(hub=for_hub))
    for_hub = find_hub(selection.hubs, for_hub, "--for-hub").name if for_hub is not None else None
    count = render(selection.event, clock, selection.levels, selection.rows, request.out, for_hub=for_hub,
                   letter_size=request.letter, progress=progress, cancel=cancel)
    listed = f"sessions for {for_hub}" if for_hub else "every session"
    return AgendaWritten(request.out, count, f"{hub_label(selection.event, clock)}, {listed}")


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
