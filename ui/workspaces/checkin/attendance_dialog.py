"""Import meeting attendance reports: the files, their session and zone, a preview, the fuzzy review, the result."""

from __future__ import annotations

from datetime import datetime, timezone
from functools import partial
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from learningday.attendance.dto import FilePlan, ImportResult
from learningday.attendance.recording import apply_import, confirm, plan_import, review_key
from learningday.attendance.sessions import scheduled_targets
from ui.changes import CHECKIN, NOTHING, ROSTER, Changes
from ui.document import EventDocument
from ui.models import DISPLAY, RowsModel
from ui.ops import ProgressPanel

HOST_HUB = "The session's host hub"
FIND = "Find by the report's title and time"
MATCHES = {"email": "email", "name": "name", "confirmed": "confirmed", "fuzzy": "to review", "none": "not on roster"}


class PeopleModel(RowsModel):
    """The reports' people as read: one row per person per file."""

    HEADERS = ("File", "Session", "Name", "Email", "Minutes", "Share", "Late", "Left early", "Match", "Attendee")

    def set_plans(self, plans: tuple[FilePlan, ...]) -> None:
        self.beginResetModel()
        self._rows = [(plan, p) for plan in plans for p in plan.people]
        self.endResetModel()

    def data(self, index: Any, role: int = DISPLAY) -> Any:
        if role != DISPLAY or not index.isValid():
            return None
        plan, p = self._rows[index.row()]
        return (plan.name, plan.session_title, p.name, p.email, p.minutes, f"{p.share:.0%}", "yes" if p.late else "",
                "yes" if p.left_early else "", MATCHES[p.match], p.attendee_name)[index.column()]


class AttendanceDialog(QDialog):
    """Read reports off the GUI thread, show what they say, let the user review fuzzy matches, then import."""

    def __init__(self, document: EventDocument, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import Attendance Reports"))
        self.document = document
        self.files: list[str] = []
        self.plans: tuple[FilePlan, ...] = ()
        self.result: ImportResult | None = None
        self.files_label = QLabel(self.tr("No report chosen."))
        self.files_label.setWordWrap(True)
        choose = QPushButton(self.tr("Choose Reports…"))
        choose.clicked.connect(self._on_choose_clicked)
        self.session_box = QComboBox()
        self.session_box.addItem(self.tr(FIND), None)
        for target in document.read_with(scheduled_targets):
            self.session_box.addItem(f"{target.start_utc:%d %b %H:%M} UTC — {target.title}", target.uid)
        self.zone_box = QComboBox()
        self.zone_box.setEditable(True)
        self.zone_box.addItem(self.tr(HOST_HUB))
        self.read_button = QPushButton(self.tr("Read"))
        self.read_button.setEnabled(False)
        self.read_button.clicked.connect(self._on_read_clicked)
        self.model = PeopleModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.review = QListWidget()
        self.review.setMaximumHeight(110)
        self.walk_ins = QCheckBox(self.tr("Add people not on the roster as walk-ins"))
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.progress = ProgressPanel()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.import_button = self.buttons.addButton(self.tr("Import"), QDialogButtonBox.ButtonRole.ApplyRole)
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self._on_import_clicked)
        self.buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(choose)
        top.addWidget(self.files_label, 1)
        form = QFormLayout()
        form.addRow(self.tr("Session:"), self.session_box)
        form.addRow(self.tr("Times are in:"), self.zone_box)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(form)
        layout.addWidget(self.read_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.table, 1)
        layout.addWidget(QLabel(self.tr("Names that only look alike: tick the ones that are the same person "
                                         "(unticked ones are not imported)")))
        layout.addWidget(self.review)
        layout.addWidget(self.walk_ins)
        layout.addWidget(self.notes)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)
        self.resize(980, 760)

    def choose_files(self, files: list[str]) -> None:
        self.files = list(files)
        self.files_label.setText(", ".join(f.rsplit("/", 1)[-1] for f in files) or self.tr("No report chosen."))
        self.read_button.setEnabled(bool(files))

    def _on_choose_clicked(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("Attendance reports"), "",
                                                self.tr("Reports (*.csv *.tsv *.txt *.xlsx);;All files (*)"))
        if files:
            self.choose_files(files)

    def _zone(self) -> str | None:
        text = self.zone_box.currentText().strip()
        return None if not text or text == self.tr(HOST_HUB) else text

    def _on_read_clicked(self) -> None:
        plan = partial(plan_import, paths=self.files, session_uid=self.session_box.currentData(), zone=self._zone())
        job = lambda *, progress, cancel: self.document.read_with(  # noqa: E731
            lambda s: plan(s, progress=progress, cancel=cancel))
        self.progress.run(job, label=self.tr("Reading the reports…"), on_done=self._on_plans_read)

    def _on_plans_read(self, plans: tuple[FilePlan, ...]) -> None:
        self.plans, self.result = plans, None
        self.model.set_plans(plans)
        self.table.resizeColumnsToContents()
        self.review.clear()
        for plan in plans:
            for p in plan.people:
                if p.match == "fuzzy":
                    item = QListWidgetItem(f"{p.name} ({plan.name}, {p.minutes} min) — is this "
                                           f"{p.attendee_name}? ({p.score:.0f}% alike)")
                    item.setData(Qt.ItemDataRole.UserRole, review_key(plan, p))
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                    item.setCheckState(Qt.CheckState.Unchecked)
                    self.review.addItem(item)
        unsure = [p for p in plans if not p.session_sure]
        notes = [f"{p.name}: {n}" for p in plans for n in p.notes]
        if unsure:
            notes.insert(0, self.tr("Not clearly the session shown: {0}. Choose the session above and Read again.")
                         .format(", ".join(f"{p.name} → '{p.session_title}'" for p in unsure)))
        self.notes.setText("\n".join(notes[:8]) + (f"\n… {len(notes) - 8} more" if len(notes) > 8 else ""))
        self.import_button.setEnabled(bool(plans) and not unsure)

    def decisions(self) -> dict[str, bool]:
        """Ticked fuzzy matches only: an unticked one keeps waiting, it is never applied."""
        return {self.review.item(i).data(Qt.ItemDataRole.UserRole): True for i in range(self.review.count())
                if self.review.item(i).checkState() == Qt.CheckState.Checked}

    def _on_import_clicked(self) -> None:
        plans, walk_ins = confirm(self.plans, self.decisions()), self.walk_ins.isChecked()
        now = datetime.now(timezone.utc)
        # the worker emits nothing (ui.document: a signal sent there would run its slots there); _on_imported does
        job = lambda *, progress, cancel: self.document.write_with(  # noqa: E731
            lambda s: apply_import(s, plans, at_utc=now, add_walk_ins=walk_ins, progress=progress, cancel=cancel),
            NOTHING).value
        self.import_button.setEnabled(False)
        self.progress.run(job, label=self.tr("Importing…"), on_done=self._on_imported)

    def _on_imported(self, result: ImportResult) -> None:
        self.result = result
        self.document.changed.emit(Changes.of(CHECKIN, ROSTER, sessions=None, attendees=None, counts=True))
        self.notes.setText(self.tr("{0} entries written ({1} reversed from earlier versions of these files), "
                                   "{2} walk-ins added; {3} still to review, {4} not on the roster.").format(
            result.entries_written, result.entries_undone, result.walk_ins_added, len(result.fuzzy_pending),
            len(result.unmatched)))


def open_attendance_dialog(document: EventDocument | None, *, parent: QWidget | None = None) -> None:
    if document is not None:
        AttendanceDialog(document, parent=parent).exec()
