"""The open event as the windows see it: read operations that hand out DTOs, one per call."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, Signal

from learningday.checkin import log as checkin
from learningday.checkin import presence, search
from learningday.checkin.dto import CheckInResult, LogEntryRow, MergeReport, PresenceCounts, SearchHit, UndoResult
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

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

T = TypeVar("T")


class EventDocument(QObject):
    """Owns the EventFile; widgets ask it for data and never open sessions themselves."""

    changed = Signal()
    #: a check-in, undo or walk-in was written (cheaper than ``changed``: the agenda is the same)
    log_changed = Signal()
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

    def summary(self) -> EventSummary:
        with self.file.read() as session:
            return event.event_summary(session)

    def sessions(self) -> list[SessionRow]:
        with self.file.read() as session:
            return agenda.list_sessions(session)

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

    # -- agenda changes: one transaction each, then ``changed`` -------------------------------
    def session_draft(self, uid: str) -> SessionDraft:
        with self.file.read() as session:
            return agenda.session_draft(session, uid)

    def save_session(self, uid: str, draft: SessionDraft) -> None:
        with self.file.write() as session:
            agenda.edit_session(session, uid, draft)
        self.changed.emit()

    def create_session(self, draft: SessionDraft, uid: str | None = None) -> str:
        with self.file.write() as session:
            uid = agenda.create_session(session, draft, uid=uid)
        self.changed.emit()
        return uid

    def delete_session(self, uid: str, *, drop_registrations: bool = False) -> SessionDraft:
        with self.file.write() as session:
            draft = agenda.delete_session(session, uid, drop_registrations=drop_registrations)
        self.changed.emit()
        return draft

    # -- setup editors: any core service, in one transaction -----------------------------------
    def read_with(self, action: Callable[[Session], T]) -> T:
        with self.file.read() as session:
            return action(session)

    def write_with(self, action: Callable[[Session], T]) -> T:
        """Run ``action`` (a learningday service) in one write transaction, then tell every view."""
        with self.file.write() as session:
            result = action(session)
        self.changed.emit()
        return result

    # -- agenda versions (learningday.plan.snapshots) ----------------------------------------------
    def snapshots(self) -> list[SnapshotRow]:
        with self.file.read() as session:
            return agenda_snapshots.list_snapshots(session)

    def save_snapshot(self, name: str) -> SnapshotRow:
        with self.file.write() as session:
            return agenda_snapshots.save_snapshot(session, name)

    def compare_snapshot(self, uid: str) -> Comparison:
        with self.file.read() as session:
            return agenda_snapshots.compare(session, uid)

    def restore_snapshot(self, uid: str, *, backup: bool = True) -> RestoreResult:
        """One transaction; ``changed`` only when the agenda changed."""
        with self.file.write() as session:
            result = agenda_snapshots.restore(session, uid, backup=backup)
        if result.updated or result.recreated or result.deleted:
            self.changed.emit()
        return result

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
                 method: str) -> CheckInResult:
        """Returns once the entry is committed to disk (synchronous=FULL)."""
        with self.file.write() as session:
            result = checkin.check_in(session, code_or_attendee=who, session_uid=session_uid, station=station,
                                      facilitator_name=facilitator, method=method, at_utc=datetime.now(timezone.utc))
        if result.status == "checked_in":
            self.log_changed.emit()
        return result

    def undo_entry(self, entry_uid: str, *, station: str, facilitator: str) -> UndoResult:
        with self.file.write() as session:
            result = checkin.undo(session, entry_uid, station=station, facilitator_name=facilitator,
                                  at_utc=datetime.now(timezone.utc))
        self.log_changed.emit()
        return result

    def walk_in(self, *, name: str, email: str, hub: str | None, session_uid: str | None, station: str,
                facilitator: str) -> CheckInResult:
        with self.file.write() as session:
            result = checkin.walk_in(session, name=name, email=email, hub=hub, session_uid=session_uid,
                                     station=station, facilitator_name=facilitator, at_utc=datetime.now(timezone.utc))
        self.log_changed.emit()
        return result

    def merge_station_log(self, path: Path) -> MergeReport:
        """Merge another station's log, in one transaction (merging twice changes nothing)."""
        from reports.roster_files import merge_station_log

        report = merge_station_log(self.file, path)
        if report.changed:
            self.log_changed.emit()
        return report

    # -- roster ---------------------------------------------------------------------------------
    def attendee_import_spec(self):  # noqa: ANN201 - learningday.spreadsheet.engine.ImportSpec
        from learningday.roster.importing import attendee_spec
        from learningday.setup.reference import Reference

        with self.file.read() as session:
            return attendee_spec(Reference.load(session))

    # -- imports: all rows or nothing, each in one write transaction (run off the GUI thread) ---
    def import_roster(self, path: Path, **options: Any):  # noqa: ANN201 - learningday.roster.importing.ImportResult
        from learningday.roster.importing import import_roster

        with self.file.write() as session:
            return import_roster(session, path, **options)

    def agenda_preview(self, path: Path, kind: str | None = None):  # noqa: ANN201 - (ImportSpec, Preview)
        from learningday.plan.importing import agenda_preview

        with self.file.read() as session:
            return agenda_preview(session, path, kind)

    def import_agenda(self, path: Path, **options: Any):  # noqa: ANN201 - learningday.plan.importing.AgendaImportResult
        from learningday.plan.importing import import_agenda

        with self.file.write() as session:
            return import_agenda(session, path, **options)

    def register(self, session_id: int, attendee_ids: list[int]):  # noqa: ANN201 - RegistrationResult
        from learningday.roster import registrations

        with self.file.write() as session:
            result = registrations.register(session, session_id, attendee_ids, now=datetime.now(timezone.utc))
        self.changed.emit()
        return result

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

    def update_attendee(self, uid: str, fields: dict[str, str | int | None]) -> AttendeeDetails:
        from learningday.roster import attendees

        with self.file.write() as session:
            details = attendees.update_attendee(session, attendees.find_attendee(session, uid), fields)
        self.changed.emit()
        return details

    def delete_attendee(self, uid: str) -> DeletedAttendee:
        from learningday.roster import attendees

        with self.file.write() as session:
            deleted = attendees.delete_attendee(session, attendees.find_attendee(session, uid))
        self.changed.emit()
        return deleted

    def restore_attendee(self, deleted: DeletedAttendee) -> int:
        from learningday.roster.attendees import restore_attendee

        with self.file.write() as session:
            attendee_id = restore_attendee(session, deleted, now=datetime.now(timezone.utc))
        self.changed.emit()
        return attendee_id

    def cancel_registration(self, session_id: int, attendee_id: int) -> CancelResult:
        from learningday.roster.attendees import cancel_registration

        with self.file.write() as session:
            result = cancel_registration(session, session_id, attendee_id)
        self.changed.emit()
        return result

    def close(self) -> None:
        self.file.close()
