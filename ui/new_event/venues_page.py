"""The New Event wizard's venues page: rooms and virtual channels, the agenda's lanes."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from learningday.errors import InvalidInput
from learningday.setup.new_event import HubSpec, VenueSpec, channels_per_hub, check_venues
from learningday.setup.rules import parse_seats
from ui.new_event.row_list import RowList
from ui.widgets import refill

KINDS = (("Room", "room"), ("Virtual channel", "virtual"))
NO_HUB = "No hub"


class VenueRow(QWidget):
    """One venue: its name, kind, hub and seats, and a Remove button."""

    changed = Signal()
    remove_requested = Signal(object)

    def __init__(self, venue: VenueSpec, hubs: list[HubSpec], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = QLineEdit(venue.name)
        self.name.setMaxLength(100)
        self.name.setPlaceholderText("Room 101, Main hall, Teams…")
        self.name.setAccessibleName("Venue name")
        self.kind = QComboBox()
        for label, kind in KINDS:
            self.kind.addItem(label, kind)
        self.kind.setCurrentIndex(self.kind.findData(venue.kind))
        self.kind.setAccessibleName("Room or virtual channel")
        self.hub = QComboBox()
        self.hub.setAccessibleName("Hub of the venue")
        self.hub.setMinimumContentsLength(14)
        self.set_hubs(hubs, chosen=venue.hub)
        self.seats = QLineEdit("" if venue.capacity is None else str(venue.capacity))
        self.seats.setPlaceholderText("any")
        self.seats.setAccessibleName("Seats (empty: no limit)")
        self.seats.setFixedWidth(self.seats.fontMetrics().horizontalAdvance("000000") + 20)
        self.remove = QPushButton("Remove")
        self.remove.setAccessibleName(f"Remove venue {venue.name}")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        seats_word = QLabel("seats")
        seats_word.setBuddy(self.seats)
        for widget, stretch in ((self.name, 3), (self.kind, 0), (self.hub, 2), (self.seats, 0), (seats_word, 0),
                                (self.remove, 0)):
            row.addWidget(widget, stretch)
        self.name.textChanged.connect(lambda _text: self.changed.emit())
        self.seats.textChanged.connect(lambda _text: self.changed.emit())
        self.kind.currentIndexChanged.connect(lambda _index: self.changed.emit())
        self.hub.currentIndexChanged.connect(lambda _index: self.changed.emit())
        self.remove.clicked.connect(lambda: self.remove_requested.emit(self))

    def set_hubs(self, hubs: list[HubSpec], *, chosen: str | None = None) -> None:
        """Offer ``hubs``; the chosen one stays, a hub that went (or was renamed) leaves 'No hub'."""
        if chosen is not None:
            self.hub.clear()
            self.hub.addItem(NO_HUB, chosen)  # refill below keeps ``chosen`` when it names a hub
        refill(self.hub, [(NO_HUB, "")] + [(h.name, h.name) for h in hubs])

    def focus_chain(self) -> list[QWidget]:
        return [self.name, self.kind, self.hub, self.seats, self.remove]

    def spec(self) -> VenueSpec:
        """The venue as typed; seats that are not a whole number are refused in words."""
        name, seats = self.name.text().strip(), self.seats.text().strip()
        try:
            capacity = parse_seats(seats) if seats else None
        except InvalidInput as exc:
            raise InvalidInput(f"venue {name!r}: {exc.message}, not {seats!r}") from None
        return VenueSpec(name, self.kind.currentData(), self.hub.currentData() or "", capacity)


class VenuesPage(QWizardPage):
    """Page 3: the rooms and virtual channels, with one channel per hub offered."""

    def __init__(self, hubs: Callable[[], list[HubSpec]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hubs = hubs
        self.setTitle("Venues")
        self.setSubTitle("Rooms and virtual channels: each one is a lane of the agenda, where sessions are "
                         "dragged. You can change them later in Event ▸ Venues.")
        self.per_hub = QCheckBox("Add a virtual channel for each hub")
        self.per_hub.setChecked(True)
        self.per_hub_names = QLabel()
        self.per_hub_names.setObjectName("hubZone")
        self.per_hub_names.setWordWrap(True)
        self.add_room = QPushButton("Add a room")
        self.add_channel = QPushButton("Add a virtual channel")
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_room)
        buttons.addWidget(self.add_channel)
        buttons.addStretch(1)
        self.message = QLabel()
        self.message.setObjectName("error")
        self.message.setWordWrap(True)
        self.message.hide()
        self.row_list: RowList[VenueRow] = RowList("No rooms or channels of your own yet.",
                                               [self.per_hub, self.add_room, self.add_channel])
        self.rows, self.empty = self.row_list.rows, self.row_list.empty
        layout = QVBoxLayout(self)
        layout.addWidget(self.per_hub)
        layout.addWidget(self.per_hub_names)
        layout.addSpacing(8)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.row_list, 1)
        self.add_room.clicked.connect(lambda: self._on_add_clicked("room"))
        self.add_channel.clicked.connect(lambda: self._on_add_clicked("virtual"))
        self.per_hub.toggled.connect(self._on_per_hub_toggled)

    # -- venues ---------------------------------------------------------------------------
    def venues(self) -> list[VenueSpec]:
        """The rows, then the hubs' channels if ticked; seats that are no number raise InvalidInput."""
        own = [row.spec() for row in self.rows]
        return own + (channels_per_hub(self._hubs()) if self.per_hub.isChecked() else [])

    def add_venue(self, venue: VenueSpec) -> VenueRow:
        row = VenueRow(venue, self._hubs())
        row.changed.connect(lambda: self.show_message(""))
        row.remove_requested.connect(self.remove_row)
        self.row_list.append(row)
        return row

    def remove_row(self, row: VenueRow) -> None:
        self.row_list.remove(row)
        self.show_message("")

    def _on_add_clicked(self, kind: str) -> None:
        hubs = self._hubs()
        first_hub = hubs[0].name if hubs and kind == "room" else ""
        self.add_venue(VenueSpec("", kind, first_hub)).name.setFocus()

    def _on_per_hub_toggled(self, _checked: bool) -> None:
        self._show_channels()
        self.show_message("")

    def _show_channels(self) -> None:
        names = [v.name for v in channels_per_hub(self._hubs())]
        self.per_hub_names.setText(("Adds " + ", ".join(names) + ".") if names else "")
        self.per_hub_names.setEnabled(self.per_hub.isChecked())

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # -- QWizardPage ----------------------------------------------------------------------
    def initializePage(self) -> None:
        hubs = self._hubs()
        for row in self.rows:
            row.set_hubs(hubs)
        self._show_channels()

    def validatePage(self) -> bool:
        try:
            check_venues(self.venues(), self._hubs())
        except InvalidInput as exc:
            self.show_message(exc.message)
            return False
        return True
