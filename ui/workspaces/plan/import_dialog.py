"""Import Agenda…: the import wizard over sessions, facilitators or venues (learningday.plan.importing)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QWidget

from learningday.plan.importing import AgendaImportResult
from learningday.spreadsheet.engine import ImportRefused, ImportSpec, Issue, Preview
from ui.document import EventDocument
from ui.import_wizard import ImportPage, ImportWizard, RosterTarget

KIND_CHOICES = (("Tell from the columns", None), ("Sessions", "sessions"), ("Facilitators", "facilitators"),
                ("Venues", "venues"))


def missing_rows(missing: tuple) -> tuple[Issue, ...]:
    """Unknown facilitators and venues as rows of the report (their own kind of line)."""
    return tuple(
        Issue(m.rows[0], "Facilitators" if m.kind == "facilitator" else "Venue", m.name or m.email,
              f"{m.kind} not in the event (row{'s' if len(m.rows) > 1 else ''} {', '.join(map(str, m.rows))}); "
              "tick 'Create missing facilitators/venues' to add")
        for m in missing
    )


def warning_rows(warnings: tuple[Issue, ...]) -> tuple[Issue, ...]:
    """Rows imported with a part left out, said as warnings among the report's lines."""
    return tuple(replace(w, message=f"Warning: {w.message}") for w in warnings)


def kind_row(box: QComboBox) -> QWidget:
    """"The file holds [kind]" on the wizard's file page."""
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(QLabel("The file holds"))
    layout.addWidget(box)
    layout.addStretch(1)
    return row


class AgendaTarget(RosterTarget):
    """Sessions (unscheduled drafts when they have no start), facilitators or venues."""

    title = "Import agenda"
    file_title = "Choose the agenda spreadsheet"
    file_hint = ("Sessions, facilitators or venues, as CSV (any common encoding and delimiter) or XLSX. "
                 "Sessions without a start become unscheduled drafts.")

    def __init__(self, document: EventDocument) -> None:
        super().__init__(document)
        self.kind_box = QComboBox()
        self.kind_box.setObjectName("agendaKind")
        for text, kind in KIND_CHOICES:
            self.kind_box.addItem(text, kind)
        self.create_missing = QCheckBox("Create missing facilitators/venues")
        self.create_missing.setObjectName("createMissing")
        self.create_missing.setToolTip("Facilitators get the first hub's zone; a venue named like 'Zoom …' or "
                                       "'… channel' is virtual, any other a room. Edit them afterwards.")
        self.kind: str | None = None

    def file_widget(self) -> QWidget:
        return kind_row(self.kind_box)

    def report_widget(self, page: ImportPage) -> QWidget:
        # One click: ticking it after a refusal imports again, creating what was missing.
        self.create_missing.toggled.connect(lambda on: page.again.click() if on and page.refused else None)
        return self.create_missing

    def preview(self, path: Path, encoding: str | None = None) -> tuple[ImportSpec, Preview]:
        spec, shown = self.document.agenda_import_preview(path, self.kind_box.currentData(), encoding)
        self.kind = spec.kind
        return spec, shown

    def options(self) -> dict[str, Any]:
        return {"kind": self.kind, "create_missing": self.create_missing.isChecked()}

    def run(self, path: Path, **kw: Any) -> AgendaImportResult:
        return self.document.import_agenda(path, **kw)

    def summary(self, result: AgendaImportResult) -> str:
        text = (f"Imported {result.kind}: {result.created:,} created, {result.updated:,} updated, "
                f"{result.unchanged:,} unchanged, {result.skipped:,} rows skipped.")
        if result.drafts:
            text += f" {result.drafts:,} sessions have no start yet: they wait in the Unscheduled list."
        made = [*result.created_facilitators, *result.created_venues]
        if made:
            text += f" Created: {', '.join(made)}."
        if n := len(result.warnings):
            text += f" {n:,} row{'s' if n != 1 else ''} imported with a part left out: see the warnings below."
        return text

    def result_rows(self, result: AgendaImportResult) -> tuple[Issue, ...]:
        return result.issues + missing_rows(result.missing) + warning_rows(result.warnings) + result.notices

    def refusal_rows(self, exc: ImportRefused) -> tuple[Issue, ...]:
        return exc.issues + missing_rows(getattr(exc, "missing", ()))


def agenda_import_wizard(document: EventDocument, parent: QWidget | None = None, *, path: str = "") -> ImportWizard:
    return ImportWizard(document, parent, path=path, target=AgendaTarget(document))
