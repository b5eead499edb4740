"""The paper fallback at a station: print a session's sign-in sheet, and enter its ticks back in one dialog."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from learningday.checkin.dto import CheckInResult
from learningday.checkin.paper import PaperSheet, enter_ticks, paper_sheet
from learningday.errors import InvalidInput, LearningDayError
from learningday.store.folding import fold
from ui import ops
from ui.changes import CHECKIN, Changes
from ui.errors import show_error, show_info

if TYPE_CHECKING:
    from ui.document import EventDocument
    from ui.workspaces.checkin.workspace import CheckinWorkspace


class PaperTicksDialog(QDialog):
    """The registered people of a session's sheet: tick those who signed, then confirm once."""

    def __init__(self, sheet: PaperSheet, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sheet = sheet
        self.setWindowTitle(f"Ticks from the sheet — {sheet.title}")
        self.filter = QLineEdit(placeholderText="Find a name or badge code")
        self.people = QListWidget()
        for person in sheet.people:
            item = QListWidgetItem(f"{person.name}  ·  {person.code}  ·  {person.hub or 'no hub'}")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, person.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, fold(f"{person.name} {person.code}"))
            self.people.addItem(item)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"{sheet.when}. Tick everyone who signed; walk-ins go in with Walk-in (F2)."))
        layout.addWidget(self.filter)
        layout.addWidget(self.people)
        layout.addWidget(self.buttons)
        self.filter.textChanged.connect(self._on_filter_textChanged)
        self.people.itemChanged.connect(self._on_people_itemChanged)
        self._on_people_itemChanged()
        self.resize(520, 560)

    def ticked(self) -> list[int]:
        return [self.people.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.people.count())
                if self.people.item(i).checkState() == Qt.CheckState.Checked]

    def _on_filter_textChanged(self, text: str) -> None:
        words = fold(text).split()
        for i in range(self.people.count()):
            item = self.people.item(i)
            key = item.data(Qt.ItemDataRole.UserRole + 1)
            item.setHidden(not all(w in key for w in words))

    def _on_people_itemChanged(self, _item: QListWidgetItem | None = None) -> None:
        count = len(self.ticked())
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(f"Check in {count} from paper")
        ok.setEnabled(count > 0)


def enter_paper_ticks(document: EventDocument, session_uid: str, ids: list[int], *, station: str,
                      facilitator: str) -> list[CheckInResult]:
    """One transaction through the one check-in (method "paper"); the windows refresh the session's counts."""
    return document.write_with(
        lambda s: enter_ticks(s, session_uid, ids, station=station, facilitator_name=facilitator),
        Changes.of(CHECKIN, attendees=None, counts=True, sessions={session_uid})).value


def _session_chosen(station: CheckinWorkspace) -> str | None:
    if station.document is not None and station.session_uid is None:
        show_error(parent=station, title="Paper sign-in", exc=InvalidInput(
            "choose a session first: a sign-in sheet lists one session's registered people"))
    return station.session_uid if station.document is not None else None


def print_sheet(station: CheckinWorkspace) -> None:
    uid = _session_chosen(station)
    if uid is None:
        return
    path, _ = QFileDialog.getSaveFileName(station, "Save the sign-in sheet", "sign-in sheet.pdf", "PDF (*.pdf)")
    if not path:
        return
    from reports.signin_sheet import write_signin_sheet

    event_file = station.document.file
    ops.run_with_progress(parent=station, label="Writing the sign-in sheet…",
                          job=lambda progress, cancel: write_signin_sheet(event_file, uid, Path(path),
                                                                           progress=progress, cancel=cancel),
                          on_done=lambda n: show_info(parent=station, title="Sign-in sheet written",
                                                      text=f"{n:,} registered people, and walk-in lines: {path}"),
                          on_failed=lambda exc: show_error(parent=station, exc=exc, title="Sheet not written"))


def enter_ticks_dialog(station: CheckinWorkspace) -> PaperTicksDialog | None:
    """Show the tick list of the station's session; a confirmed list is written at once."""
    uid = _session_chosen(station)
    if uid is None:
        return None
    document = station.document
    sheet = document.read_with(lambda s: paper_sheet(s, uid))
    dialog = PaperTicksDialog(sheet, station)

    def confirmed() -> None:
        try:
            results = enter_paper_ticks(document, uid, dialog.ticked(), station=station.station_name(),
                                        facilitator=station.facilitator.text())
        except LearningDayError as exc:
            show_error(parent=station, exc=exc, title="Ticks not entered")
            return
        added = sum(r.status == "checked_in" for r in results)
        station.refresh_station()
        show_info(parent=station, title="Ticks entered",
                  text=f"{added} checked in from paper; {len(results) - added} were already checked in.")

    dialog.accepted.connect(confirmed)
    dialog.open()
    return dialog


def paper_menu(station: CheckinWorkspace) -> QMenu:
    """The station's Paper sign-in menu."""
    menu = QMenu("Paper sign-in", station)
    menu.addAction("Print the Sign-in Sheet…", lambda: print_sheet(station))
    menu.addAction("Enter Ticks from a Sheet…", lambda: enter_ticks_dialog(station))
    return menu
