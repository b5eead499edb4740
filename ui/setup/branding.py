"""Event ▸ Certificate branding: logo, issuer, signature image, signer name and title, saved as one undoable step."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap, QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from learningday.errors import LearningDayError
from learningday.reporting.branding import (
    Branding,
    get_branding,
    read_png,
    set_branding,
)
from ui import errors
from ui.changes import EVENT, Changes
from ui.document import EventDocument
from ui.setup.commands import SetupCommand
from ui.setup.editor import error_label, push


def branding_command(document: EventDocument, after: Branding) -> SetupCommand:
    fields = after.__dict__
    return SetupCommand(document, "Edit certificate branding", lambda s, _: set_branding(s, **fields),
                        lambda s, before: set_branding(s, **before.__dict__), Changes.of(EVENT))


class _Image(QWidget):
    """A preview of a PNG with Choose… and Remove; the bytes stay in memory until Save."""

    def __init__(self, label: str, data: bytes | None) -> None:
        super().__init__()
        self.label, self.data = label, data
        self.preview = QLabel()
        self.preview.setFixedSize(220, 70)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("border: 1px solid #d1d5db; background: white;")
        self.choose = QPushButton("Choose…")
        self.remove = QPushButton("Remove")
        self.choose.clicked.connect(self._on_choose_clicked)
        self.remove.clicked.connect(lambda: self.set_data(None))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.preview)
        layout.addWidget(self.choose)
        layout.addWidget(self.remove)
        layout.addStretch(1)
        self.error: QLabel | None = None
        self.set_data(data)

    def set_data(self, data: bytes | None) -> None:
        self.data = data
        pixmap = QPixmap()
        if data and pixmap.loadFromData(data):
            self.preview.setPixmap(pixmap.scaled(self.preview.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                                 Qt.TransformationMode.SmoothTransformation))
        else:
            self.preview.setPixmap(QPixmap())
            self.preview.setText("(none)")
        self.remove.setEnabled(data is not None)

    def load(self, path: Path) -> None:
        """Read a PNG (refused with a readable message under the form, nothing kept)."""
        try:
            self.set_data(read_png(path, self.label))
        except LearningDayError as exc:
            if self.error is not None:
                self.error.setText(errors.describe(exc))

    def _on_choose_clicked(self) -> None:
        chosen = QFileDialog.getOpenFileName(self, f"Choose the {self.label}", "", "PNG image (*.png)")[0]
        if chosen:
            self.load(Path(chosen))


class BrandingDialog(QDialog):
    def __init__(self, document: EventDocument, undo_stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Certificate branding")
        self.document, self.undo_stack = document, undo_stack
        self.before = document.read_with(get_branding)
        self.issuer = QLineEdit(self.before.issuer)
        self.issuer.setPlaceholderText("who issues the certificates, e.g. Northwind Learning Academy")
        self.logo = _Image("logo", self.before.logo_png)
        self.signature = _Image("signature", self.before.signature_png)
        self.signer = QLineEdit(self.before.signer_name)
        self.signer_title = QLineEdit(self.before.signer_title)
        self.error = error_label()
        self.logo.error = self.signature.error = self.error
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        note = QLabel("Printed on every certificate of this event; stored in the event file.")
        note.setObjectName("subheading")
        form.addRow(note)
        for label, widget in (("Issuer", self.issuer), ("Logo", self.logo), ("Signature", self.signature),
                              ("Signer", self.signer), ("Signer's title", self.signer_title)):
            form.addRow(label, widget)
        form.addRow(self.error)
        form.addRow(buttons)
        self.setMinimumWidth(560)

    def branding(self) -> Branding:
        return Branding(self.issuer.text(), self.logo.data, self.signature.data, self.signer.text(),
                        self.signer_title.text())

    def save(self) -> bool:
        after = self.branding()
        if after == self.before:
            self.accept()
            return False
        if push(branding_command(self.document, after), self.undo_stack, self.error):
            self.accept()
            return True
        return False
