"""The Plan workspace's Export menu: a hub's agenda PDF and .ics calendars, each through a small dialog."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QPushButton,
    QWidget,
)

from learningday.plan.export import AgendaScope
from learningday.setup.clock import offsets_label
from learningday.setup.dto import EventSummary
from reports.agenda_files import AgendaPdfRequest, AgendaWritten, IcsRequest
from ui.document import EventDocument
from ui.errors import show_info
from ui.ops import run_with_progress
from ui.settings import export_folder, remember_export

SCOPES = (("all", "The whole agenda"), ("hub", "One hub's audience"), ("level", "One level"),
          ("facilitator", "One facilitator's own sessions"))


def _slug(text: str) -> str:
    return re.sub(r"[^\w]+", "-", text.casefold(), flags=re.UNICODE).strip("-") or "agenda"


class _PathField(QWidget):
    """A file name and a Choose… button; the name follows the dialog's choices until the user edits it."""

    def __init__(self, title: str, filters: str, *, kind: str) -> None:
        super().__init__()
        self.kind = kind
        self.edit = QLineEdit()
        self.edit.setObjectName("outPath")
        self.edit.setMinimumWidth(360)
        self.edit.textEdited.connect(self._on_edit_textEdited)
        self.follows = True
        browse = QPushButton("Choose…")
        browse.clicked.connect(lambda: self._browse(title, filters))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(browse)

    def suggest(self, name: str) -> None:
        if self.follows:
            folder = Path(self.edit.text()).parent if self.edit.text() else export_folder(self.kind)
            self.edit.setText(str(folder / name))

    def _on_edit_textEdited(self, _text: str) -> None:
        self.follows = False

    def _browse(self, title: str, filters: str) -> None:
        chosen = QFileDialog.getSaveFileName(self, title, self.edit.text(), filters)[0]
        if chosen:
            self.edit.setText(chosen)
            self.follows = False

    def path(self) -> Path:
        return Path(self.edit.text().strip())


def _buttons(dialog: QDialog, ok: str) -> QDialogButtonBox:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    box.button(QDialogButtonBox.StandardButton.Ok).setText(ok)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


def _hub_items(box: QComboBox, summary: EventSummary) -> None:
    for hub in summary.hubs:
        box.addItem(f"{hub.name} ({offsets_label(summary.event.start_utc, summary.event.end_utc, hub.zone)})",
                    hub.name)


class AgendaPdfDialog(QDialog):
    """Which hub (its sessions on its clock, or every session), which paper, which file."""

    def __init__(self, summary: EventSummary, *, hub: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export Agenda PDF")
        self.hub = QComboBox()
        self.hub.setObjectName("pdfHub")
        _hub_items(self.hub, summary)
        self.all_sessions = QCheckBox("List every session, not only those for this hub")
        self.all_sessions.setObjectName("pdfAllSessions")
        self.paper = QComboBox()
        self.paper.setObjectName("pdfPaper")
        self.paper.addItem("A4", False)
        self.paper.addItem("US Letter", True)
        self.out = _PathField("Save the agenda as", "PDF (*.pdf)", kind="agenda_pdf")
        self.hub.currentIndexChanged.connect(self._suggest)
        if hub is not None and self.hub.findData(hub) >= 0:
            self.hub.setCurrentIndex(self.hub.findData(hub))
        self._suggest()
        form = QFormLayout(self)
        form.addRow("Hub (times on its clock)", self.hub)
        form.addRow("", self.all_sessions)
        form.addRow("Paper", self.paper)
        form.addRow("File", self.out)
        form.addRow(_buttons(self, "Export"))

    def _suggest(self) -> None:
        self.out.suggest(f"agenda-{_slug(self.hub.currentData() or '')}.pdf")

    def request(self) -> AgendaPdfRequest:
        return AgendaPdfRequest(self.out.path(), self.hub.currentData(), letter=bool(self.paper.currentData()),
                                all_sessions=self.all_sessions.isChecked())


class CalendarDialog(QDialog):
    """Which sessions, in which zone, to which .ics file."""

    def __init__(self, summary: EventSummary, facilitators: tuple[tuple[int, str], ...], *,
                 zone_hub: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export Calendar (.ics)")
        self.summary, self.facilitators = summary, facilitators
        self.scope = QComboBox()
        self.scope.setObjectName("icsScope")
        for key, text in SCOPES:
            self.scope.addItem(text, key)
        self.choice = QComboBox()
        self.choice.setObjectName("icsChoice")
        self.choice.setMinimumContentsLength(24)
        self.zone = QComboBox()
        self.zone.setObjectName("icsZone")
        self.zone.addItem("UTC", None)
        _hub_items(self.zone, summary)
        if zone_hub is not None and self.zone.findData(zone_hub) >= 0:
            self.zone.setCurrentIndex(self.zone.findData(zone_hub))
        self.out = _PathField("Save the calendar as", "Calendar (*.ics)", kind="agenda_ics")
        self.scope.currentIndexChanged.connect(self._on_scope_currentIndexChanged)
        self.choice.currentIndexChanged.connect(self._suggest)
        form = QFormLayout(self)
        form.addRow("Sessions", self.scope)
        form.addRow("", self.choice)
        form.addRow("Times", self.zone)
        form.addRow("File", self.out)
        form.addRow(_buttons(self, "Export"))
        self._on_scope_currentIndexChanged()

    def _on_scope_currentIndexChanged(self, _index: int = 0) -> None:
        kind = self.scope.currentData()
        self.choice.blockSignals(True)
        self.choice.clear()
        if kind == "hub":
            for hub in self.summary.hubs:
                self.choice.addItem(hub.name, hub.name)
        elif kind == "level":
            for level in self.summary.levels:
                self.choice.addItem(f"{level.id} · {level.name}", level.id)
        elif kind == "facilitator":
            for person_id, name in self.facilitators:
                self.choice.addItem(name, person_id)
        self.choice.blockSignals(False)
        self.choice.setEnabled(kind != "all")
        self._suggest()

    def _suggest(self) -> None:
        kind = self.scope.currentData()
        part = "" if kind == "all" else f"-{_slug(self.choice.currentText())}"
        self.out.suggest(f"agenda{part}.ics")

    def request(self) -> IcsRequest:
        kind, value = self.scope.currentData(), self.choice.currentData()
        scope = AgendaScope(hub=value if kind == "hub" else None, level=value if kind == "level" else None,
                            facilitator_id=value if kind == "facilitator" else None)
        return IcsRequest(self.out.path(), scope, zone=self.zone.currentData())


class AgendaExportButton(QPushButton):
    """'Export ▾': Agenda PDF… and Calendar (.ics)…, written off the GUI thread. A push button with a menu,
    as Setup beside it: its arrow has a place of its own (a tool button drew it over the text).

    ``zone_box``: the workspace's "Show times in" box (UTC, then the hubs in order); the dialogs
    start on the hub it shows.
    """

    #: a file was written (tests wait on it)
    written = Signal(object)

    def __init__(self, parent: QWidget | None = None, *, zone_box: QComboBox | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agendaExport")
        self.setText("Export")
        self.setToolTip("Export the agenda: one hub's PDF, or an .ics calendar")
        menu = QMenu(self)
        self.pdf_action = menu.addAction("Export Agenda PDF…", self.export_pdf)
        self.ics_action = menu.addAction("Export Calendar (.ics)…", self.export_calendar)
        self.setMenu(menu)
        self.zone_box = zone_box
        self.document: EventDocument | None = None
        self.summary: EventSummary | None = None
        self.setEnabled(False)

    def set_event(self, document: EventDocument | None, summary: EventSummary | None) -> None:
        self.document, self.summary = document, summary
        self.setEnabled(document is not None and summary is not None and bool(summary.hubs))

    def _current_hub(self) -> str | None:
        index = self.zone_box.currentIndex() if self.zone_box is not None else 0
        if self.summary is None or not 0 < index <= len(self.summary.hubs):
            return None
        return self.summary.hubs[index - 1].name

    def export_pdf(self) -> AgendaPdfDialog | None:
        """Open the dialog (window-modal, so tests can fill it in); Export writes the file."""
        if self.document is None or self.summary is None:
            return None
        dialog = AgendaPdfDialog(self.summary, hub=self._current_hub(), parent=self.window())
        dialog.accepted.connect(lambda: self._run(self.document.write_agenda_pdf, dialog.request(), dialog.out.kind))
        dialog.open()
        return dialog

    def export_calendar(self) -> CalendarDialog | None:
        if self.document is None or self.summary is None:
            return None
        dialog = CalendarDialog(self.summary, self.document.facilitators(), zone_hub=self._current_hub(),
                                parent=self.window())
        dialog.accepted.connect(lambda: self._run(self.document.write_agenda_ics, dialog.request(), dialog.out.kind))
        dialog.open()
        return dialog

    def _run(self, write: Callable[..., AgendaWritten], request: AgendaPdfRequest | IcsRequest, kind: str) -> None:
        """``write``: the document's job for the file asked for; once written, its folder is the next start."""
        run_with_progress(parent=self.window(), label=f"Writing {request.out.name}…", job=partial(write, request),
                          on_done=partial(self._on_job_done, kind))

    def _on_job_done(self, kind: str, written: AgendaWritten) -> None:
        remember_export(kind, written.path)
        show_info(parent=self.window(), title="Exported",
                  text=f"Wrote {written.path} ({written.sessions} sessions, {written.what}).")
        self.written.emit(written)
