"""The main window's pages without an event on screen: the welcome page, and the opening page."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QTabBar, QVBoxLayout, QWidget

from ui import settings
from ui.widgets import heading

WORKSPACES = ("Plan", "Attendees", "Check-in", "Reports", "Live")


def last_workspace() -> int:
    """The workspace shown when the last event closed (a valid tab)."""
    return max(0, min(settings.last_workspace(), len(WORKSPACES) - 1))


def welcome_page(*, new_event: Callable[[], None], open_dialog: Callable[[], None],
                 open_demo: Callable[[], None]) -> QWidget:
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.addStretch(1)
    title = heading("LearningDay")
    title.setAlignment(Qt.AlignmentFlag.AlignCenter)
    text = heading("Plan, run and report a 24-hour, follow-the-sun AI Learning Day.", sub=True)
    text.setAlignment(Qt.AlignmentFlag.AlignCenter)
    layout.addWidget(title)
    layout.addWidget(text)
    for label, slot in (("New event…", new_event), ("Open event…", open_dialog),
                        ("Open the demo event", open_demo)):
        button = QPushButton(label)
        button.setMinimumWidth(240)
        button.clicked.connect(slot)
        layout.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
    layout.addStretch(2)
    return page


class OpeningPage(QWidget):
    """The workspaces while an event opens: their tabs, greyed, and what is being opened."""

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        bar = QTabBar()
        bar.setDocumentMode(True)
        bar.setExpanding(False)
        for name in WORKSPACES:
            bar.addTab(name)
        bar.setCurrentIndex(last_workspace())  # where it will open
        bar.setEnabled(False)
        layout.addWidget(bar)
        layout.addStretch(1)
        self.text = heading("")
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # no busy bar: its animation takes the GIL from the import it waits for, every frame
        layout.addWidget(self.text)
        layout.addStretch(2)

    def say(self, what: str) -> None:
        self.text.setText(f"Opening {what}…")
