"""The open event as the windows see it: reads hand out DTOs; writes say what they changed."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, Signal

from learningday.checkin import log as checkin
from learningday.checkin import presence, search
from learningday.checkin.dto import CheckInResult, LogEntryRow, MergeReport, PresenceCounts, SearchHit, UndoResult
from learningday.checkin.outbox import Outbox, on_server
from learningday.checkin.outbox_flush import Flushed, flush
from learningday.plan import sessions as agenda
from learningday.plan import snapshots as agenda_snapshots
from learningday.plan.conflicts import Conflict, find_conflicts
from learningday.plan.coverage import Coverage, coverage_by_level_and_hub
from learningday.plan.dto import Comparison, RestoreResult, SessionDraft, SessionRow, SnapshotRow
from learningday.plan.plandata import PlanRules, load_plan
from learningday.roster import query as roster
from learningday.roster.dto import (
    AttendeeDetails,
    AttendeeQuery,
    AttendeeRegistration,
    AttendeeRow,
    CancelResult,
    DeletedAttendee,
)
from learningday.setup import event
from learningday.setup.dto import EventSummary, VenueDTO
from learningday.store.db import EventFile, open_event
from ui.changes import CHECKIN, NOTHING, PLAN, ROSTER, SETUP, Changes, Written
from ui.skills_door import SkillsDoor

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from learningday.errors import CancelCheck, Progress
    from learningday.plan.importing import AgendaImportResult
    from learningday.plan.planner import Bands, PlanOptions, PlanResult
    from learningday.reporting.dto import EventAnalytics
    from learningday.roster.importing import ImportResult
    from learningday.spreadsheet.engine import ImportSpec, Preview
    from reports.agenda_files import AgendaPdfRequest, AgendaWritten, IcsRequest
    from reports.report_files import ReportOutcome, ReportRequest

T = TypeVar("T")
#: (session uid, start or None for the drafts, venue id)
Move = tuple[str, datetime | None, int | None]


@dataclass(frozen=True)
class PlanProposal:
    """A proposed plan with the coverage before and after it (minimum: the plan's own), for the preview."""

    result: PlanResult
    before: Coverage
    after: Coverage


class EventDocument(SkillsDoor, QObject):
    """Owns the EventFile; widgets ask it for data and never open sessions themselves.

    Each write is one transaction and tells what it changed (``Changes``) through ``changed`` (the
    check-in log through ``log_changed``), so the window refreshes only what they touch. The writes
    the undo commands make return ``Written``: their answer (the state before, a new uid) with those
    ``Changes``; undo needs no read of its own. The skills reads and writes come from ``SkillsDoor``.
    """

    #: Changes: a write through the document (the views that show what it touched follow)
    changed = Signal(object)
    #: Changes: a check-in, undo or walk-in was written; the station shows it itself, the rest catch up
    log_changed = Signal(object)
    #: an undo or redo could not be replayed on the file as it is now (the message says why)
    history_broken = Signal(str)

    def __init__(self, event_file: EventFile, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.file = event_file

    @classmethod
    def open(cls, target: str | Path) -> EventDocument:
        return cls(open_event(target))

    @property
    def path(self) -> Path | None:
        return self.file.path

    @property
    def label(self) -> str:
        """The file's name as the title bar shows it."""
        return self.file.label

    @property
    def read_only(self) -> str | None:
        """Why the file is open for reading only ("the disk is full"); None when it can be written."""
        return self.file.read_only

    @property
    def backup_path(self) -> Path | None:
        """The copy kept when opening brought an older file up to date (None: nothing was migrated)."""
        return self.file.backup_path

    # -- long work, run by ui.ops off the GUI thread -----------------------------------------------
    # Each job opens its own session on the worker's thread and emits no signal there (a slot with no
    # receiver object would run on that thread): the widget announces a change once the job is done.
    def analytics(self, *, progress: Progress | None = None, cancel: CancelCheck | None = None) -> EventAnalytics:
        """Every figure the Reports workspace shows, in one read (seconds at 100k attendees)."""
        from learningday.reporting.analytics import analyse

        with self.file.read() as session:
            return analyse(session, progress=progress, cancel=cancel)

    def write_reports(self, request: ReportRequest, *, progress: Progress | None = None,
                      cancel: CancelCheck | None = None) -> ReportOutcome:
        from reports.report_files import write_reports

        return write_reports(self.file, request, progress=progress, cancel=cancel)

    def write_agenda_pdf(self, request: AgendaPdfRequest, *, progress: Progress | None = None,
                         cancel: CancelCheck | None = None) -> AgendaWritten:
        from reports.agenda_files import write_agenda_pdf

        return write_agenda_pdf(self.file, request, progress=progress, cancel=cancel)

    def write_agenda_ics(self, request: IcsRequest, *, progress: Progress | None = None,
                         cancel: CancelCheck | None = None) -> AgendaWritten:
        from reports.agenda_files import write_agenda_ics

        return write_agenda_ics(self.file, request, progress=progress, cancel=cancel)

    def write_roster(self, out: Path, *, hub_id: int | None = None, progress: Progress | None = None,
                     cancel: CancelCheck | None = None) -> int:
        from reports.roster_files import write_roster

        return write_roster(self.file, out, hub_id=hub_id, progress=progress, cancel=cancel)

    def write_badges(self, out: Path, *, hub_id: int | None = None, progress: Progress | None = None,
                     cancel: CancelCheck | None = None) -> int:
        from reports.roster_files import write_badges

        return write_badges(self.file, out, hub_id=hub_id, progress=progress, cancel=cancel)

    def write_station_log(self, out: Path) -> int:
        from reports.roster_files import write_station_log

        return write_station_log(self.file, out)

    def agenda_import_preview(self, path: Path, kind: str | None, encoding: str | None = None,
                              ) -> tuple[ImportSpec, Preview]:
        """The spec (of ``kind``, else the kind the header shows) and the first rows, for the wizard."""
        from learningday.plan.importing import agenda_preview

        with self.file.read() as session:
            return agenda_preview(session, path, kind, encoding=encoding)

    def import_roster(self, path: Path, *, overrides: dict[str, int | None] | None = None, valid_only: bool = False,
                      progress: Progress | None = None, cancel: CancelCheck | None = None,
                      encoding: str | None = None) -> ImportResult:
        from learningday.roster.importing import import_roster

        with self.file.write() as session:  # all rows or nothing: one transaction
            return import_roster(session, path, overrides=overrides, valid_only=valid_only, progress=progress,
                                 cancel=cancel, encoding=encoding)

    def import_agenda(self, path: Path, *, kind: str | None = None, overrides: dict[str, int | None] | None = None,
                      valid_only: bool = False, create_missing: bool = False, progress: Progress | None = None,
                      cancel: CancelCheck | None = None, encoding: str | None = None) -> AgendaImportResult:
        from learningday.plan.importing import import_agenda

        with self.file.write() as session:  # all rows or nothing: one transaction
            return import_agenda(session, path, kind=kind, overrides=overrides, valid_only=valid_only,
                                 create_missing=create_missing, progress=progress, cancel=cancel, encoding=encoding)

    def imported(self, result: ImportResult | AgendaImportResult) -> Changes:
        """An import job has ended on its worker (in one transaction): tell the views
        what it touched, on the GUI thread."""
        from learningday.plan.importing import AgendaImportResult

        if isinstance(result, AgendaImportResult):
            setup = result.kind != "sessions" or result.created_facilitators or result.created_venues
            changes = Changes.of(PLAN, *((SETUP,) if setup else ()), sessions=None, counts=True)
        else:
            changes = Changes.of(ROSTER, sessions=None, attendees=None, counts=True)  # places may come with people
        self.changed.emit(changes)
        return changes

    def summary(self) -> EventSummary:
        with self.file.read() as session:
            return event.event_summary(session)

    def sessions(self, uids: frozenset[str] | None = None) -> list[SessionRow]:
        """Every session, or only the rows of ``uids`` (what a write changed)."""
        with self.file.read() as session:
            return agenda.list_sessions(session, uids)

    def venues(self) -> tuple[VenueDTO, ...]:
        with self.file.read() as session:
            return event.list_venues(session)

    def count_attendees(self, query: AttendeeQuery, cap: int | None = None) -> int:
        with self.file.read() as session:
            return roster.count_attendees(session, query, cap=cap)

    def first_attendee_page(self, query: AttendeeQuery, cap: int, limit: int) -> tuple[int, list[AttendeeRow]]:
        """The count of matches up to ``cap`` (cap + 1: more) and the first page, in one read."""
        with self.file.read() as session:
            return roster.first_page(session, query, cap=cap, limit=limit)

    def attendee_page(self, query: AttendeeQuery, offset: int, limit: int,
                      matches: int | None = None) -> list[AttendeeRow]:
        with self.file.read() as session:
            return roster.attendee_page(session, query, offset=offset, limit=limit, matches=matches)

    def plan_checks(self, rules: PlanRules = PlanRules()) -> tuple[list[Conflict], Coverage]:
        """Conflicts and the level × hub coverage of the agenda as it is on disk."""
        with self.file.read() as session:
            plan = load_plan(session)
        return find_conflicts(plan, rules), coverage_by_level_and_hub(plan, rules)

    def facilitators(self) -> tuple[tuple[int, str], ...]:
        with self.file.read() as session:
            return event.list_facilitators(session)

    # -- writes: one transaction each; the changes are returned and emitted ----------------------
    def _write(self, action: Callable[[Session], T],
               changes: Changes | Callable[[Session, T], Changes], *, serial: bool = False) -> Written[T]:
        """``changes`` may be worked out inside the transaction from ``action``'s answer. ``serial``: a scan
        at the door, run as ``EventFile.run_write`` runs it (other stations' scans cannot slip in between)."""
        def attempt(session: Session) -> tuple[T, Changes]:
            value = action(session)
            return value, changes(session, value) if callable(changes) else changes

        if serial:
            value, found = self.file.run_write(attempt)
        else:
            with self.file.write() as session:
                value, found = attempt(session)
        if found:
            self.changed.emit(found)
        return Written(value, found)

    # -- agenda changes ---------------------------------------------------------------------------
    def session_draft(self, uid: str) -> SessionDraft:
        with self.file.read() as session:
            return agenda.session_draft(session, uid)

    def save_session(self, uid: str, draft: SessionDraft) -> Written[SessionDraft]:
        """Every field of the session from ``draft``; the value is the draft it replaced (undo's)."""
        return self._write(lambda s: agenda.edit_session(s, uid, draft),
                           lambda _s, before: _session_changed(uid, before, draft))

    def move_session(self, uid: str, *, start_utc: datetime, venue_id: int | None,
                     duration_minutes: int) -> Written[SessionDraft]:
        """A timeline drag: new start, venue and length, the rest as it is; the value is the draft before."""
        return self._write(
            lambda s: agenda.move_session(s, uid, start_utc=start_utc, venue_id=venue_id,
                                          duration_minutes=duration_minutes),
            lambda _s, before: _session_changed(uid, before, replace(before, start_utc=start_utc)))

    def create_session(self, draft: SessionDraft, uid: str | None = None) -> Written[str]:
        """The value is the new session's uid (``uid`` given: a deleted one comes back with it)."""
        return self._write(lambda s: agenda.create_session(s, draft, uid=uid),
                           lambda _s, new: Changes.of(PLAN, sessions={new}, counts=True))

    def delete_session(self, uid: str, *, drop_registrations: bool = False) -> Written[SessionDraft]:
        """The value is the session as it was (undo creates it again)."""
        return self._write(lambda s: agenda.delete_session(s, uid, drop_registrations=drop_registrations),
                           Changes.of(PLAN, *((ROSTER,) if drop_registrations else ()), sessions={uid},
                                      attendees=None if drop_registrations else (), counts=True))

    # -- auto-plan (learningday.plan.planner) -------------------------------------------------
    def session_bands(self, uid: str, grid_minutes: int = 15) -> Bands:
        """Where ``uid`` may start, its people's nights and its hubs' working hours (the drag help)."""
        from learningday.plan.planner import allowed_starts

        with self.file.read() as session:
            return allowed_starts(session, uid, grid_minutes)

    def propose_plan(self, options: PlanOptions, *, progress: Progress | None = None,
                     cancel: CancelCheck | None = None) -> PlanProposal:
        """A long job (ui.ops): the plan and the coverage it would give; nothing is written."""
        from learningday.plan.planner import load_inputs, propose_plan
        from learningday.plan.planner.propose import planned_snapshot

        with self.file.read() as session:
            result = propose_plan(session, options, progress=progress, cancel=cancel)
            inputs = load_inputs(session, options.grid_minutes, PlanRules(coverage_minimum=options.min_per_cell))
        return PlanProposal(result, coverage_by_level_and_hub(planned_snapshot(inputs, ()), inputs.rules),
                            coverage_by_level_and_hub(planned_snapshot(inputs, result.placements), inputs.rules))

    def apply_plan(self, result: PlanResult) -> Written[SnapshotRow | None]:
        """Every move of ``result`` in one transaction, after saving the agenda as a version (its value)."""
        from learningday.plan.planner import apply_plan

        return self._write(lambda s: apply_plan(s, result), _plan_changed({p.uid for p in result.changes}))

    def move_sessions(self, moves: Sequence[Move]) -> Written[None]:
        """Give each session its start and venue, in one transaction (a plan undone or redone, a Place it)."""
        def action(s: Session) -> None:
            for uid, start, venue_id in moves:
                agenda.move_session(s, uid, start_utc=start, venue_id=venue_id)

        return self._write(action, _plan_changed({uid for uid, _start, _venue in moves}))

    # -- setup editors: any core service, in one transaction -----------------------------------
    def read_with(self, action: Callable[[Session], T]) -> T:
        with self.file.read() as session:
            return action(session)

    def write_with(self, action: Callable[[Session], T], changes: Changes | None = None) -> Written[T]:
        """Run ``action`` (a learningday service) in one write transaction; ``changes``: what the
        caller knows it touches (without it, every view reads the event again)."""
        return self._write(action, changes or Changes.everything())

    # -- agenda versions (learningday.plan.snapshots) ----------------------------------------------
    def snapshots(self) -> list[SnapshotRow]:
        with self.file.read() as session:
            return agenda_snapshots.list_snapshots(session)

    def save_snapshot(self, name: str) -> SnapshotRow:
        """Adds a version; the agenda and every view stay as they are."""
        return self._write(lambda s: agenda_snapshots.save_snapshot(s, name), NOTHING).value

    def compare_snapshot(self, uid: str) -> Comparison:
        with self.file.read() as session:
            return agenda_snapshots.compare(session, uid)

    def restore_snapshot(self, uid: str, *, backup: bool = True) -> Written[RestoreResult]:
        """One transaction; no changes when the agenda already matched."""
        return self._write(lambda s: agenda_snapshots.restore(s, uid, backup=backup),
                           lambda _s, result: Changes.of(PLAN, sessions=None, counts=True)
                           if result.updated or result.recreated or result.deleted else NOTHING)

    # -- check-in station: each call is one committed transaction ---------------------------
    def search(self, text: str, session_uid: str | None, limit: int = 12) -> list[SearchHit]:
        with self.file.read() as session:
            return search.search_attendees(session, text, session_uid=session_uid, limit=limit)

    def presence(self, session_uid: str | None) -> PresenceCounts:
        with self.file.read() as session:
            return presence.presence_counts(session, session_uid)

    def not_yet_here(self, session_uid: str | None, limit: int = 200) -> list[AttendeeRow]:
        with self.file.read() as session:
            return presence.not_yet_here(session, session_uid, limit=limit)

    def recent_entries(self, station: str, session_uid: str | None, limit: int = 10) -> list[LogEntryRow]:
        with self.file.read() as session:
            return presence.recent_entries(session, station=station, session_uid=session_uid, limit=limit)

    def check_in(self, who: str | int, *, session_uid: str | None, station: str, facilitator: str,
                 method: str, at_utc: datetime | None = None, override: str | None = None,
                 over_capacity: bool = False, hub: str | None = None, entry_uid: str | None = None) -> CheckInResult:
        """Returns once the entry is committed to disk (synchronous=FULL). ``at_utc``: when the person came,
        for a scan the station kept while the file could not take it (default: now). The door rules judge it
        first (``override``, ``over_capacity``: checkin.rules; ``hub``: the station's, for local times)."""
        result = self.file.run_lean_write(lambda session: checkin.check_in(
            session, code_or_attendee=who, session_uid=session_uid, station=station, facilitator_name=facilitator,
            method=method, at_utc=at_utc or datetime.now(timezone.utc), override=override,
            over_capacity=over_capacity, hub=hub, entry_uid=entry_uid))
        if result.status == "checked_in":
            self._log_changed(result.session_uid)
        return result

    def station_outbox(self) -> Outbox:
        """Where the station keeps check-ins the event will not take: for an event on a server a file on this
        computer (kept across runs), for an event file memory (a full disk would refuse a file beside it)."""
        return Outbox.for_event(self.file.url) if on_server(self.file.url) else Outbox()

    def flush_outbox(self, outbox: Outbox) -> Flushed:
        """Write the station's kept check-ins in order, each with its uid, until the event refuses again."""
        flushed = flush(outbox, self.file)
        for written in {d.result.session_uid for d in flushed.delivered if d.result and d.result.entry_uid}:
            self._log_changed(written)
        return flushed

    def undo_entry(self, entry_uid: str, *, station: str, facilitator: str) -> UndoResult:
        result = self.file.run_write(lambda session: checkin.undo(
            session, entry_uid, station=station, facilitator_name=facilitator, at_utc=datetime.now(timezone.utc)))
        self._log_changed(None)  # the entry undone may be any session's
        return result

    def walk_in(self, *, name: str, email: str, hub: str | None, session_uid: str | None, station: str,
                facilitator: str) -> CheckInResult:
        result = self.file.run_write(lambda session: checkin.walk_in(
            session, name=name, email=email, hub=hub, session_uid=session_uid, station=station,
            facilitator_name=facilitator, at_utc=datetime.now(timezone.utc)))
        self._log_changed(session_uid, walk_in=True)
        return result

    def merge_station_log(self, path: Path) -> MergeReport:
        """Merge another station's log: checked whole first, then written in short steps so the door keeps
        working (merging twice changes nothing)."""
        from reports.roster_files import merge_station_log

        report = merge_station_log(self.file, path)
        if report.changed:
            self._log_changed(None, walk_in=bool(report.attendees_created))
        return report

    def _log_changed(self, session_uid: str | None, *, walk_in: bool = False) -> None:
        """``session_uid`` None: any session's count may have moved (an undo, a merged log)."""
        self.log_changed.emit(Changes.of(CHECKIN, *((ROSTER,) if walk_in else ()), attendees=None, counts=True,
                                         sessions=None if session_uid is None else {session_uid}))

    # -- roster ---------------------------------------------------------------------------------
    def attendee_import_spec(self):  # noqa: ANN201 - learningday.spreadsheet.engine.ImportSpec
        from learningday.roster.importing import attendee_spec
        from learningday.setup.reference import Reference

        with self.file.read() as session:
            return attendee_spec(Reference.load(session))

    def register(self, session_id: int, attendee_ids: list[int]):  # noqa: ANN201 - RegistrationResult
        from learningday.roster import registrations

        now = datetime.now(timezone.utc)
        return self._write(lambda s: registrations.register(s, session_id, attendee_ids, now=now),
                           lambda s, _: _places_changed(s, {session_id}, attendee_ids)).value

    # -- one attendee: the editor and the registrations panel --------------------------------
    def attendee_details(self, who: str | int) -> AttendeeDetails:
        """``who``: an attendee id, or a badge code, uid or employee id."""
        from learningday.roster import attendees

        with self.file.read() as session:
            return attendees.attendee_details(session, who if isinstance(who, int)
                                              else attendees.find_attendee(session, who))

    def attendee_registrations(self, attendee_id: int) -> list[AttendeeRegistration]:
        from learningday.roster.attendees import attendee_registrations

        with self.file.read() as session:
            return attendee_registrations(session, attendee_id)

    def departments(self) -> list[str]:
        with self.file.read() as session:
            return roster.departments(session)

    def attendee_ids(self, query: AttendeeQuery) -> list[int]:
        with self.file.read() as session:
            return roster.attendee_ids(session, query)

    def update_attendee(self, uid: str, fields: dict[str, str | int | None]) -> Written[AttendeeDetails]:
        from learningday.roster import attendees

        return self._write(lambda s: attendees.update_attendee(s, attendees.find_attendee(s, uid), fields),
                           lambda _s, details: Changes.of(ROSTER, attendees={details.id}))

    def delete_attendee(self, uid: str) -> Written[DeletedAttendee]:
        """The value holds the person and their places (undo puts them back)."""
        from learningday.roster import attendees

        return self._write(lambda s: attendees.delete_attendee(s, attendees.find_attendee(s, uid)),
                           lambda s, gone: _places_changed(s, {sid for sid, _ in gone.registrations},
                                                           {gone.details.id}, promoted=bool(gone.promoted)))

    def restore_attendee(self, deleted: DeletedAttendee) -> Written[int]:
        """The value is the attendee's new id."""
        from learningday.roster.attendees import restore_attendee

        return self._write(lambda s: restore_attendee(s, deleted, now=datetime.now(timezone.utc)),
                           lambda s, new_id: _places_changed(s, {sid for sid, _ in deleted.registrations}, {new_id},
                                                             promoted=True))

    def cancel_registration(self, session_id: int, attendee_id: int) -> CancelResult:
        from learningday.roster.attendees import cancel_registration

        return self._write(lambda s: cancel_registration(s, session_id, attendee_id),
                           lambda s, result: _places_changed(s, {session_id}, {attendee_id},
                                                             promoted=bool(result.promoted))).value

    def close(self) -> None:
        self.file.close()


def _session_changed(uid: str, before: SessionDraft, after: SessionDraft) -> Changes:
    """One session's row; the totals move only when it leaves or joins the unscheduled drafts."""
    return Changes.of(PLAN, sessions={uid}, counts=(before.start_utc is None) != (after.start_utc is None))


def _plan_changed(uids: set[str]) -> Changes:
    """Sessions given a start or a venue by a plan; a draft placed (or put back) changes the totals."""
    return Changes.of(PLAN, sessions=uids, counts=True) if uids else NOTHING


def _places_changed(session: Session, session_ids: set[int], attendee_ids, *, promoted: bool = False) -> Changes:
    """Registrations: the sessions' counts and the people's rows (and whoever moved up a waitlist)."""
    return Changes.of(ROSTER, sessions=agenda.session_uids(session, session_ids),
                      attendees=None if promoted else attendee_ids, counts=True)
