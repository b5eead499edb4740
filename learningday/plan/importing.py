"""Agenda import: sessions, facilitators or venues from a CSV or XLSX file, all rows or nothing.

The roster's engine reads the file (learningday.spreadsheet.engine, learningday.spreadsheet.sources); this module
chooses the kind, validates every row, and writes in the caller's one transaction
(learningday.plan.import_write); the caller commits.

Decisions a user meets in the report:

* sessions are recognised by title and level (case and spaces ignored), and by their start when
  the file repeats a title at several times; a recognised session is updated, and empty cells
  never erase what is known (re-importing the spreadsheet keeps the times set in the planner);
* facilitators by email, else by name; venues by name;
* a session row without a start becomes an unscheduled draft (start NULL);
* a venue cell holding a kind ("virtual", "online", "room", "in person") leaves the venue open
  and says so in the report (the model has no "wanted kind" to keep it in);
* facilitators and venues a session names but the event lacks are reported apart ("missing");
  ``create_missing`` creates them in the same transaction: a facilitator in the first hub's
  zone, a venue that is virtual when its name says so (Zoom, Teams, online …), else a room.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from learningday.errors import CancelCheck, InvalidInput, Progress, share_of, stop_if_cancelled
from learningday.plan.import_specs import KINDS, AgendaContext, choose_kind
from learningday.plan.import_write import WRITERS, MissingReference
from learningday.spreadsheet.engine import (
    IMPORT_CANCELLED,
    FileRead,
    ImportRefused,
    ImportSpec,
    Issue,
    Preview,
    Report,
    open_for_import,
    parse_rows,
    preview,
)
from learningday.spreadsheet.sources import open_source

__all__ = ["KINDS", "AgendaImportRefused", "AgendaImportResult", "MissingReference", "agenda_preview",
           "detect_kind", "import_agenda"]


class AgendaImportRefused(ImportRefused):
    """Nothing was imported: ``issues`` are the row problems, ``missing`` the unknown people and venues."""

    def __init__(self, message: str, issues: tuple[Issue, ...], issue_count: int, *, kind: str,
                 missing: tuple[MissingReference, ...] = ()) -> None:
        self.kind = kind
        self.missing = missing
        super().__init__(message, issues, issue_count)
        if missing and not issues:
            listed = "; ".join(str(m) for m in missing[:5])
            self.args = (f"{message}: {listed}" + (f" (and {len(missing) - 5} more)" if len(missing) > 5 else ""),)


@dataclass(frozen=True)
class AgendaImportResult(FileRead):
    """What an agenda import did (the same report shape as the roster's, plus the agenda's own)."""

    kind: str
    created: int
    updated: int
    unchanged: int
    skipped: int
    #: sessions written without a start (unscheduled drafts)
    drafts: int
    created_facilitators: tuple[str, ...]
    created_venues: tuple[str, ...]
    issues: tuple[Issue, ...]
    issue_count: int
    notices: tuple[Issue, ...]
    missing: tuple[MissingReference, ...] = ()
    #: rows imported with a part left out (a target hub the event lacks)
    warnings: tuple[Issue, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind, "created": self.created, "updated": self.updated, "unchanged": self.unchanged,
            "skipped": self.skipped, "unscheduled": self.drafts,
            "created_facilitators": list(self.created_facilitators), "created_venues": list(self.created_venues),
            "errors": [i.as_dict() for i in self.issues], "error_count": self.issue_count,
            "missing": [m.as_dict() for m in self.missing], "notices": [i.as_dict() for i in self.notices],
            "warnings": [i.as_dict() for i in self.warnings],
        }


def detect_kind(session: Session, path: Path | str, overrides: Mapping[str, str | int | None] | None = None,
                *, encoding: str | None = None) -> str:
    """'sessions', 'facilitators' or 'venues': the kind whose columns the file's header fits best."""
    ctx = AgendaContext.load(session)
    with open_source(Path(path), encoding) as source:
        return choose_kind(source, ctx, None, overrides)[0].kind


def agenda_preview(session: Session, path: Path | str, kind: str | None = None,
                   overrides: Mapping[str, str | int | None] | None = None,
                   *, encoding: str | None = None) -> tuple[ImportSpec, Preview]:
    """The spec (of ``kind``, else the detected kind) and the preview an import wizard shows."""
    ctx = AgendaContext.load(session)
    with open_source(Path(path), encoding) as source:
        spec = choose_kind(source, ctx, kind, overrides)[0]
    return spec, preview(path, spec, overrides, encoding=encoding)


def _headline(name: str, report: Report, missing: tuple[MissingReference, ...], create_missing: bool) -> str:
    parts = [f"{len(report.bad_rows):,} row(s) have problems"] if report.count else []
    if missing and not create_missing:
        people = sum(1 for m in missing if m.kind == "facilitator")
        rooms = len(missing) - people
        named = " and ".join(x for x in (f"{people} facilitator(s)" if people else "",
                                         f"{rooms} venue(s)" if rooms else "") if x)
        parts.append(f"{named} named by sessions are not in the event (create them, or add them first)")
    return f"{name}: {'; '.join(parts)}; nothing was imported"


def import_agenda(
    session: Session,
    path: Path | str,
    *,
    kind: str | None = None,
    overrides: Mapping[str, str | int | None] | None = None,
    valid_only: bool = False,
    create_missing: bool = False,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
    encoding: str | None = None,
) -> AgendaImportResult:
    """Import sessions, facilitators or venues (``kind``, else detected from the header): every row or nothing.

    Raises AgendaImportRefused with the row-level report and the missing references when a row is
    wrong or a session names an unknown facilitator or venue (unless ``create_missing``), and
    Cancelled when ``cancel`` says stop. ``valid_only`` imports the good rows and skips the others.
    A CSV file is read in ``encoding`` if given, else in the one guessed (refused when not certain).
    Run it in the caller's write transaction (``EventFile.write()``): the caller commits, and a
    refusal or a cancel, raised out of it, leaves nothing written.
    """
    path = Path(path)
    ctx = AgendaContext.load(session)
    report = Report()
    with open_for_import(path, encoding) as source:
        spec, mapping = choose_kind(source, ctx, kind, overrides)
        rows = []
        for parsed in parse_rows(source, spec, mapping, progress=share_of(progress, 0.0, 0.8), cancel=cancel):
            for issue in parsed.issues:
                report.problem(issue)
            if not parsed.issues:
                rows.append(parsed)
        info = (source.format, source.encoding, source.delimiter)
    stop_if_cancelled(cancel, IMPORT_CANCELLED)
    writer = WRITERS[spec.kind](session, ctx, report, mapping)
    writer.match(rows)
    missing = tuple(writer.missing)

    def refuse_unless_valid_only() -> None:
        if (report.count or (missing and not create_missing)) and not valid_only:
            raise AgendaImportRefused(_headline(path.name, report, missing, create_missing),
                                      tuple(report.issues), report.count, kind=spec.kind, missing=missing)

    refuse_unless_valid_only()
    try:
        counts = writer.apply(create_missing=create_missing, progress=progress, cancel=cancel)
        session.flush()  # a clash shows here, in words, rather than at the caller's commit
    except IntegrityError as exc:
        raise InvalidInput(f"{path.name}: the event changed while importing ({exc.orig}); nothing was imported; "
                           "try again") from None
    refuse_unless_valid_only()  # a service's own check may still have refused a row
    if progress is not None:
        progress(1.0, f"{counts.created:,} created, {counts.updated:,} updated")
    skipped = report.bad_rows | (set() if create_missing else writer.blocked)
    return AgendaImportResult(
        kind=spec.kind, created=counts.created, updated=counts.updated, unchanged=counts.unchanged,
        skipped=len(skipped), drafts=counts.drafts, created_facilitators=tuple(counts.created_facilitators),
        created_venues=tuple(counts.created_venues), issues=tuple(report.issues), issue_count=report.count,
        notices=tuple(report.notices), missing=() if create_missing else missing, format=info[0],
        encoding=info[1], delimiter=info[2], ignored_columns=mapping.ignored,
        warnings=tuple(w for w in report.warnings if w.row not in skipped),  # a row written after all
    )
