"""Event ▸ Hubs…, Venues…, Facilitators… and Properties…: the setup editors, one window each."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from learningday.errors import LearningDayError
from learningday.setup import services as setup
from learningday.setup.dto import EventProps, HubDraft, VenueDraft
from learningday.timeutil import UTC, is_zone, offset_label, to_local
from ui.document import EventDocument
from ui.setup import editor as setup_editor
from ui.setup.commands import event_command, reorder_hubs_command
from ui.setup.editor import SetupEditor, error_label, push
from ui.setup.facilitators_editor import FacilitatorsEditor
from ui.widgets import minutes_of, refill, set_minutes, time_edit, utc_edit, utc_of
from ui.zone_input import ZoneEdit, event_windows_text, offset_text


class HubsEditor(SetupEditor):
    kind, title = "hub", "Hubs"
    columns = ("Hub", "Time zone", "Offset", "Working hours", "Event starts (local)")
    first_size = (1040, 440)

    def build_form(self, form: QFormLayout) -> None:
        self.event = EventProps("", "", datetime(2000, 1, 1, tzinfo=UTC), 1440)
        self.name = QLineEdit()
        self.zone = ZoneEdit()
        self.offset = QLabel()
        self.offset.setObjectName("subheading")
        self.work_start, self.work_end = time_edit(), time_edit(end=True)
        hours = QHBoxLayout()
        hours.addWidget(self.work_start)
        hours.addWidget(QLabel("to"))
        hours.addWidget(self.work_end)
        hours.addStretch(1)
        self.in_utc = QLabel()
        self.in_utc.setObjectName("subheading")
        self.in_utc.setWordWrap(True)
        form.addRow("Name", self.name)
        form.addRow("Time zone", self.zone)
        form.addRow("", self.offset)
        form.addRow("Working hours", hours)
        form.addRow("", self.in_utc)
        for signal in (self.zone.textChanged, self.work_start.timeChanged, self.work_end.timeChanged):
            signal.connect(self._show_offset)

    def extra_buttons(self) -> list[QPushButton]:
        self.up, self.down = QPushButton("Move up"), QPushButton("Move down")
        self.up.clicked.connect(lambda: self.move(-1))
        self.down.clicked.connect(lambda: self.move(+1))
        return [self.up, self.down]

    def before_reload(self, session) -> None:  # noqa: ANN001
        self.event = setup.event_props(session)

    def load(self, session):  # noqa: ANN001, ANN201
        return setup.hub_drafts(session)

    def usage(self, session, ident: int):  # noqa: ANN001, ANN201
        return setup.hub_usage(session, ident)

    def cells(self, d: HubDraft) -> list[str]:
        start = self.event.start_utc
        return [d.name, d.zone, offset_label(start, d.zone) if is_zone(d.zone) else "?",
                setup.format_window(d.work_start_min, d.work_end_min),
                f"{to_local(start, d.zone):%a %d %H:%M}" if is_zone(d.zone) else ""]

    def blank(self) -> HubDraft:
        return HubDraft("", "")

    def show_draft(self, d: HubDraft) -> None:
        self.name.setText(d.name)
        self.zone.setText(d.zone)
        set_minutes(self.work_start, d.work_start_min)
        set_minutes(self.work_end, d.work_end_min)
        self._show_offset()

    def form_draft(self) -> HubDraft:
        position = self.drafts[self.current].position if self.current is not None else None
        return HubDraft(self.name.text(), self.zone.zone(), minutes_of(self.work_start),
                        minutes_of(self.work_end, end=True), position)

    def typed_problem(self) -> str:
        problem = self.work_start.problem or self.work_end.problem
        return f"Working hours: {problem}" if problem else ""

    def _show_offset(self) -> None:
        zone, a, b = self.zone.zone(), minutes_of(self.work_start), minutes_of(self.work_end, end=True)
        self.offset.setText(offset_text(zone, self.event.start_utc))
        hours = ("The working day must end after it starts." if a >= b else
                 event_windows_text(zone, self.event.start_utc, self.event.length_minutes, [(a, b)]))
        self.in_utc.setText(self.typed_problem() or hours)

    def move(self, step: int) -> None:
        if self.current is None:
            return
        order = list(self.drafts)
        k = order.index(self.current)
        if 0 <= k + step < len(order):
            order[k], order[k + step] = order[k + step], order[k]
            self.push_command(reorder_hubs_command(self.document, order))


class VenuesEditor(SetupEditor):
    kind, title = "venue", "Venues"
    columns = ("Venue", "Kind", "Site or join link", "Seats", "Hub")
    first_size = (1180, 540)

    def build_form(self, form: QFormLayout) -> None:
        self.hub_names: dict[int, str] = {}
        self.name = QLineEdit()
        self.venue_kind = QComboBox()
        self.venue_kind.addItem("Room at a site", "room")
        self.venue_kind.addItem("Virtual channel", "virtual")
        self.site = QLineEdit()
        self.site.setPlaceholderText("e.g. Bangalore office, 3rd floor")
        self.capacity = QSpinBox()
        self.capacity.setRange(0, 100_000)
        self.capacity.setSpecialValueText("no limit")
        self.hub = QComboBox()
        self.link = QLineEdit()
        self.link.setPlaceholderText("https://…")
        for label, widget in (("Name", self.name), ("Kind", self.venue_kind), ("Site", self.site),
                              ("Seats", self.capacity), ("Hub", self.hub), ("Join link", self.link)):
            form.addRow(label, widget)
        self.venue_kind.currentIndexChanged.connect(self._on_venue_kind_currentIndexChanged)

    def before_reload(self, session) -> None:  # noqa: ANN001
        self.hub_names = {i: d.name for i, d in setup.hub_drafts(session).items()}
        refill(self.hub, [("No hub", None), *((name, ident) for ident, name in self.hub_names.items())])

    def load(self, session):  # noqa: ANN001, ANN201
        return setup.venue_drafts(session)

    def usage(self, session, ident: int):  # noqa: ANN001, ANN201
        return setup.venue_usage(session, ident)

    def cells(self, d: VenueDraft) -> list[str]:
        return [d.name, "room" if d.kind == "room" else "virtual", d.site if d.kind == "room" else d.join_url,
                str(d.capacity) if d.capacity else "", self.hub_names.get(d.hub_id, "")]

    def blank(self) -> VenueDraft:
        return VenueDraft("")

    def show_draft(self, d: VenueDraft) -> None:
        self.name.setText(d.name)
        self.venue_kind.setCurrentIndex(max(0, self.venue_kind.findData(d.kind)))
        self.site.setText(d.site)
        self.capacity.setValue(d.capacity or 0)
        self.hub.setCurrentIndex(max(0, self.hub.findData(d.hub_id)))
        self.link.setText(d.join_url)
        self._on_venue_kind_currentIndexChanged()

    def form_draft(self) -> VenueDraft:
        kind = self.venue_kind.currentData()
        return VenueDraft(self.name.text(), kind, self.site.text() if kind == "room" else "",
                          self.capacity.value() or None, self.hub.currentData(), self.link.text())

    def _on_venue_kind_currentIndexChanged(self, _index: int = 0) -> None:
        self.site.setEnabled(self.venue_kind.currentData() == "room")


class EventPropertiesDialog(QDialog):
    """Name, theme, start (UTC, with every hub's local time) and length; saved as one undoable step."""

    def __init__(self, document: EventDocument, undo_stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Event properties")
        self.document, self.undo_stack = document, undo_stack
        self.before = document.read_with(setup.event_props)
        self.hubs = document.read_with(setup.hub_drafts)
        self.name = QLineEdit(self.before.name)
        self.theme = QLineEdit(self.before.theme)
        self.start = utc_edit(self.before.start_utc)
        self.length = QDoubleSpinBox()
        self.length.setRange(1, 72)
        self.length.setDecimals(2)
        self.length.setSingleStep(0.5)
        self.length.setSuffix(" hours")
        self.length.setValue(self.before.length_minutes / 60)
        self.local = QLabel()
        self.local.setObjectName("subheading")
        self.local.setWordWrap(True)
        self.door = QComboBox()  # who the door admits (checkin/rules.py)
        for policy in setup.POLICIES:
            self.door.addItem(setup.POLICY_LABELS[policy], policy)
        self.door.setCurrentIndex(max(0, self.door.findData(self.before.door_policy)))
        self.kiosk_strict = QCheckBox("The kiosk asks for the last 3 characters of the badge code")
        self.kiosk_strict.setChecked(self.before.kiosk_strict)
        self.error = error_label()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        for label, widget in (("Name", self.name), ("Theme", self.theme), ("Starts", self.start),
                              ("", self.local), ("Length", self.length), ("At the door", self.door),
                              ("", self.kiosk_strict)):
            form.addRow(label, widget)
        form.addRow(self.error)
        form.addRow(buttons)
        self.start.dateTimeChanged.connect(self._show_local)
        self.setMinimumWidth(560)
        self._show_local()

    def props(self) -> EventProps:
        return EventProps(self.name.text(), self.theme.text(), utc_of(self.start), round(self.length.value() * 60),
                          self.door.currentData(), self.kiosk_strict.isChecked())

    def _show_local(self) -> None:
        start = self.props().start_utc
        self.local.setText(" · ".join(f"{h.name} {to_local(start, h.zone):%a %d %H:%M}"
                                      for h in self.hubs.values() if is_zone(h.zone)))

    def save(self) -> bool:
        if self.start.problem:
            self.error.setText(f"Starts: {self.start.problem}")
            return False
        props = self.props()
        if props == self.before:
            self.accept()
            return False
        try:
            outside = self.document.read_with(lambda s: setup.sessions_outside(s, props))
        except LearningDayError:
            outside = ()  # the same refusal is shown by push below
        if outside and not setup_editor.confirm(parent=self, title="Event properties", text=(
                f"{len(outside)} scheduled sessions would lie outside the new window "
                f"({', '.join(outside[:5])}{' …' if len(outside) > 5 else ''}). They keep their times and show "
                "as conflicts until you move them. Save anyway?")):
            return False
        if push(event_command(self.document, props), self.undo_stack, self.error):
            self.accept()
            return True
        return False


EDITORS = {"hubs": HubsEditor, "venues": VenuesEditor, "facilitators": FacilitatorsEditor}


class SetupEditors:
    """The main window's setup editors: one window per kind, reused, closed with the event."""

    def __init__(self, parent: QWidget) -> None:
        self.parent = parent
        self.open_editors: dict[str, QDialog] = {}

    def open(self, kind: str, document: EventDocument | None, undo_stack: QUndoStack) -> QDialog | None:
        if document is None:
            return None
        if kind in ("properties", "branding"):
            from ui.setup.branding import BrandingDialog

            make = EventPropertiesDialog if kind == "properties" else BrandingDialog
            dialog = make(document, undo_stack, self.parent)
            dialog.open()
            return dialog
        editor = self.open_editors.get(kind)
        if editor is None or editor.document is not document:
            editor = self.open_editors[kind] = EDITORS[kind](document, undo_stack, self.parent)
            editor.resize(*editor.first_size)
        if editor.isVisible():  # already open, maybe behind the main window
            editor.raise_()
            editor.activateWindow()
        else:
            editor.show()
        return editor

    def close_all(self) -> None:
        for editor in self.open_editors.values():
            editor.document.changed.disconnect(editor._on_document_changed)
            editor.close()
            editor.deleteLater()
        self.open_editors.clear()
