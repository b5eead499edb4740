"""The import wizard: file → column mapping with the first rows → report → import.

What it imports is an ImportTarget: attendees (RosterTarget, here) or the agenda
(ui.workspaces.plan.import_dialog.AgendaTarget); the pages only talk to the target.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from learningday.errors import LearningDayError
from learningday.roster.importing import ImportResult
from learningday.spreadsheet.engine import ImportRefused, ImportSpec, Issue, Preview, preview
from ui.document import EventDocument
from ui.errors import describe, say_error
from ui.ops import Job, ProgressPanel

NOT_IMPORTED = "— not imported —"


class RosterTarget:
    """What an import wizard imports, and how it words it: here, attendees."""

    title = "Import attendees"
    file_title = "Choose the roster"
    file_hint = "A CSV (any common encoding and delimiter) or an Excel workbook (.xlsx)."

    def __init__(self, document: EventDocument) -> None:
        self.document = document

    def file_widget(self) -> QWidget | None:
        """Extra choices on the file page (none for a roster)."""
        return None

    def report_widget(self, page: ImportPage) -> QWidget | None:
        """Extra choices on the report page (none for a roster)."""
        return None

    def preview(self, path: Path, encoding: str | None = None) -> tuple[ImportSpec, Preview]:
        spec = self.document.attendee_import_spec()
        return spec, preview(path, spec, encoding=encoding)

    def options(self) -> dict[str, Any]:
        """The choices of the extra widgets, read on the GUI thread before the import starts."""
        return {}

    def run(self, path: Path, **kw: Any) -> Any:
        """The document's import (in a worker thread: it must not touch widgets)."""
        return self.document.import_roster(path, **kw)

    def job(self, path: Path, overrides: dict[str, int | None], *, valid_only: bool, encoding: str | None) -> Job:
        """The import as an ops job; the extra widgets' choices are read now, on the GUI thread."""
        return partial(self.run, path, overrides=overrides, valid_only=valid_only, encoding=encoding,
                       **self.options())

    def summary(self, result: ImportResult) -> str:
        text = (f"Imported: {result.created:,} created, {result.updated:,} updated, "
                f"{result.unchanged:,} unchanged, {result.skipped:,} rows skipped.")
        if result.merged:
            text += f" {result.merged:,} rows repeated a person and were merged."
        return text

    def result_rows(self, result: ImportResult) -> tuple[Issue, ...]:
        return result.issues + result.notices

    def refusal_rows(self, exc: ImportRefused) -> tuple[Issue, ...]:
        return exc.issues


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class FilePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.path = QLineEdit()
        self.path.setObjectName("rosterPath")
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._on_browse_clicked)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b42318;")
        self.layout_ = QVBoxLayout(self)
        self.layout_.addLayout(row)
        self.layout_.addWidget(self.error)
        self.path.textChanged.connect(self.completeChanged)

    def set_target(self, target: RosterTarget) -> None:
        self.setTitle(target.file_title)
        self.setSubTitle(target.file_hint)
        extra = target.file_widget()
        if extra is not None:
            self.layout_.insertWidget(1, extra)

    def _on_browse_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.title(), self.path.text(),
                                              "Spreadsheets (*.csv *.xlsx *.txt);;All files (*)")
        if path:
            self.path.setText(path)

    def isComplete(self) -> bool:  # noqa: N802 - Qt's name
        return bool(self.path.text().strip())

    def validatePage(self) -> bool:  # noqa: N802 - Qt's name
        wizard: ImportWizard = self.wizard()  # type: ignore[assignment]
        wizard.encoding = None  # a file (again): its encoding is guessed afresh
        try:
            wizard.spec, wizard.preview = wizard.target.preview(Path(self.path.text().strip()))
        except (LearningDayError, OSError) as exc:
            self.error.setText(describe(exc))
            return False
        self.error.clear()
        return True


class MappingPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Check the columns")
        self.setSubTitle("Each field LearningDay knows, and the column of your file it is read from.")
        self.detected = QLabel()
        self.encoding = QComboBox()
        self.encoding.setObjectName("encoding")
        self.encoding.setEditable(True)  # any encoding Python knows, beside the ones offered
        self.encoding.setToolTip("The encoding the file was saved in: check the names in the first rows below")
        self.encoding.activated.connect(self._on_encoding_activated)
        self.encoding_note = QLabel()
        self.encoding_note.setObjectName("encodingNote")
        self.encoding_note.setWordWrap(True)
        self.encoding_note.setStyleSheet("color: #b42318;")
        self.encoding_row = QWidget()
        row = QHBoxLayout(self.encoding_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel("Encoding:"))
        row.addWidget(self.encoding)
        row.addStretch(1)
        self.fields = _table(["Field", "Column in the file"])
        self.fields.setObjectName("mapping")
        self.sample = _table([])
        self.sample.setObjectName("sample")
        layout = QVBoxLayout(self)
        layout.addWidget(self.detected)
        layout.addWidget(self.encoding_row)
        layout.addWidget(self.encoding_note)
        layout.addWidget(self.fields, 1)
        layout.addWidget(QLabel("The first rows of the file:"))
        layout.addWidget(self.sample, 1)
        self.boxes: dict[str, QComboBox] = {}

    def initializePage(self) -> None:  # noqa: N802 - Qt's name
        wizard: ImportWizard = self.wizard()  # type: ignore[assignment]
        p = wizard.preview
        assert p is not None
        what = p.format.upper() + (f", {p.encoding}, delimiter {p.delimiter!r}" if p.format == "csv" else f", sheet {p.sheet}")
        self.detected.setText(f"Read as {what}; header on row {p.mapping.header_row}; importing {wizard.spec.kind}.")
        self.encoding_row.setVisible(p.format == "csv")
        self.encoding.clear()
        self.encoding.addItems(list(p.encodings))
        self.encoding.setCurrentText(p.encoding)
        self.encoding_note.setText(p.encoding_note)
        self.encoding_note.setVisible(bool(p.encoding_note))
        self.fields.setRowCount(len(wizard.spec.fields))
        self.boxes = {}
        for row, field in enumerate(wizard.spec.fields):
            self.fields.setItem(row, 0, QTableWidgetItem(field.label + (" *" if field.required else "")))
            box = QComboBox()
            box.addItem(NOT_IMPORTED, None)
            for index, header in enumerate(p.mapping.headers):
                box.addItem(header or f"column {index + 1}", index)
            chosen = p.mapping.columns.get(field.key)
            box.setCurrentIndex(box.findData(chosen) if chosen is not None else 0)
            self.fields.setCellWidget(row, 1, box)
            self.boxes[field.key] = box
        self.fields.resizeColumnToContents(0)
        self.sample.setColumnCount(len(p.mapping.headers))
        self.sample.setHorizontalHeaderLabels(list(p.mapping.headers))
        self.sample.setRowCount(len(p.rows))
        for r, (_number, cells) in enumerate(p.rows):
            for c, value in enumerate(cells[: len(p.mapping.headers)]):
                self.sample.setItem(r, c, QTableWidgetItem(value))

    def overrides(self) -> dict[str, int | None]:
        return {key: box.currentData() for key, box in self.boxes.items()}

    def _on_encoding_activated(self, _index: int) -> None:
        """Read the file again in the encoding chosen, and show its first rows that way."""
        wizard: ImportWizard = self.wizard()  # type: ignore[assignment]
        chosen = self.encoding.currentText().strip()
        try:
            wizard.spec, wizard.preview = wizard.target.preview(Path(wizard.file_page.path.text().strip()), chosen)
        except (LearningDayError, OSError) as exc:
            self.encoding_note.setText(describe(exc))
            self.encoding_note.show()
            return
        wizard.encoding = chosen
        self.initializePage()

    def chosen_encoding(self) -> str | None:
        """What the import reads the file as: the encoding chosen here, or the one shown when the guess
        was not sure (the user saw its rows and went on); else None, to guess as the preview did."""
        wizard: ImportWizard = self.wizard()  # type: ignore[assignment]
        if wizard.encoding is not None:
            return wizard.encoding
        p = wizard.preview
        return None if p is None or p.encoding_sure else p.encoding


class ImportPage(QWizardPage):
    """Runs the import off the GUI thread; a refusal shows the row-level report."""

    #: an import ended: done, refused, failed or cancelled (tests wait on it)
    ended = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Import")
        self.panel = ProgressPanel(cancel_text="Cancel import", cancelled_text="Cancelled: nothing was imported.",
                                   status_apart=True)
        self.status = self.panel.status
        self.status.setObjectName("importStatus")
        self.valid_only = QPushButton("Import the valid rows only")
        self.valid_only.hide()
        self.again = QPushButton("Import again")
        self.again.setToolTip("Read the file again (after fixing it, or with other choices) and import it")
        self.again.hide()
        self.report = _table(["Row", "Column", "Value", "Problem"])
        self.report.setObjectName("report")
        self.report.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.report.horizontalHeader().setStretchLastSection(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.valid_only)
        buttons.addWidget(self.again)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        self.layout_ = layout
        layout.addWidget(self.status)
        layout.addWidget(self.panel)
        layout.addLayout(buttons)
        layout.addWidget(self.report, 1)
        self.valid_only.clicked.connect(lambda: self.start(valid_only=True))
        self.again.clicked.connect(lambda: self.start(valid_only=False))
        self.panel.ended.connect(self.ended)
        self.result: Any = None
        self.refused = False

    @property
    def running(self) -> bool:
        return self.panel.running

    def set_target(self, target: RosterTarget) -> None:
        extra = target.report_widget(self)
        if extra is not None:
            self.layout_.insertWidget(1, extra)

    def initializePage(self) -> None:  # noqa: N802 - Qt's name
        self.start(valid_only=False)

    def start(self, *, valid_only: bool) -> None:
        if self.panel.running:
            return
        wizard: ImportWizard = self.wizard()  # type: ignore[assignment]
        path = Path(wizard.file_page.path.text().strip())
        overrides = wizard.mapping_page.overrides()
        self.result = None
        self.refused = False
        self.report.setRowCount(0)
        self.valid_only.hide()
        self.again.hide()
        self.completeChanged.emit()
        job = wizard.target.job(path, overrides, valid_only=valid_only, encoding=wizard.mapping_page.chosen_encoding())
        self.panel.run(job, label=f"Reading {path.name}…",
                       on_done=self._on_done, on_failed=self._on_failed, on_cancelled=self.completeChanged.emit)

    def _on_done(self, result: Any) -> None:
        self.result = result
        wizard: ImportWizard = self.wizard()  # type: ignore[assignment]
        self.status.setText(wizard.target.summary(result))
        self._show_issues(wizard.target.result_rows(result))
        wizard.document.imported(result)
        self.completeChanged.emit()

    def _on_failed(self, exc: BaseException) -> None:
        if isinstance(exc, ImportRefused):
            wizard: ImportWizard = self.wizard()  # type: ignore[assignment]
            self.refused = True
            headline = exc.headline.removesuffix("; nothing was imported")
            self.status.setText(f"{headline}. Nothing was imported: fix the file and import again, "
                                "or import the valid rows only.")
            self._show_issues(wizard.target.refusal_rows(exc))
            self.valid_only.show()
            self.again.show()
        else:
            say_error(label=self.status, exc=exc, title="Import")
        self.completeChanged.emit()

    def _show_issues(self, issues: tuple[Issue, ...]) -> None:
        self.report.setRowCount(len(issues))
        for row, issue in enumerate(issues):
            for column, value in enumerate((str(issue.row), issue.column, issue.value, issue.message)):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.report.setItem(row, column, item)
        for column, width in enumerate((60, 130, 170)):
            self.report.setColumnWidth(column, width)

    def isComplete(self) -> bool:  # noqa: N802 - Qt's name
        return self.result is not None


class ImportWizard(QWizard):
    def __init__(self, document: EventDocument, parent: QWidget | None = None, *, path: str = "",
                 target: RosterTarget | None = None) -> None:
        super().__init__(parent)
        self.target = target or RosterTarget(document)
        self.setWindowTitle(self.target.title)
        self.document = document
        self.spec: ImportSpec | None = None
        self.preview: Any = None
        #: the encoding the user chose on the mapping page (None: as guessed)
        self.encoding: str | None = None
        self.file_page = FilePage()
        self.file_page.path.setText(path)
        self.mapping_page = MappingPage()
        self.import_page = ImportPage()
        self.file_page.set_target(self.target)
        self.import_page.set_target(self.target)
        for page in (self.file_page, self.mapping_page, self.import_page):
            self.addPage(page)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.resize(820, 620)
        self.setWindowModality(Qt.WindowModality.WindowModal)
