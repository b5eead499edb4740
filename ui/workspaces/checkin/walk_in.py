"""The walk-in dialog: someone who is not on the list turns up."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QWidget


class WalkInDialog(QDialog):
    def __init__(self, hubs: list[str], *, initial: str = "", hub: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Walk-in")
        self.name = QLineEdit(initial if "@" not in initial else "")
        self.email = QLineEdit(initial if "@" in initial else "")
        self.email.setPlaceholderText("optional; an email already on the list checks that person in")
        self.hub = QComboBox()
        self.hub.addItem("No hub", None)
        for name in hubs:
            self.hub.addItem(name, name)
        self.hub.setCurrentIndex(max(0, self.hub.findData(hub)))  # the station's hub
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Check in")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Name", self.name)
        form.addRow("Email", self.email)
        form.addRow("Hub", self.hub)
        form.addRow(buttons)

    def values(self) -> tuple[str, str, str | None]:
        return self.name.text().strip(), self.email.text().strip(), self.hub.currentData()
