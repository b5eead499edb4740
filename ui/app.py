"""Start the desktop app: QApplication, style, excepthook, the main window on an event."""

from __future__ import annotations

import gc
import logging
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from ui import settings
from ui.errors import install_excepthook
from ui.main_window import MainWindow, demo_event_path
from ui.resources import icon, stylesheet


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(settings.ORGANISATION)
    app.setApplicationName(settings.APPLICATION)
    app.setApplicationDisplayName("LearningDay")
    app.setWindowIcon(icon("app"))
    app.setStyleSheet(stylesheet())
    return app  # type: ignore[return-value]


def open_initial_event(window: MainWindow, event: str | None) -> None:
    """The given file; else the last one opened if it is still there; else the demo event."""
    if event:
        window.open_path(event)
        return
    for path in settings.recent_files()[:1]:
        if Path(path).exists() and window.open_path(path):
            return
    window.open_demo()


def _no_screen() -> bool:
    return (sys.platform.startswith("linux") and not os.environ.get("QT_QPA_PLATFORM")
            and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"))


def run_gui(event: str | None = None, *, exit_when_shown: bool = False) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    if _no_screen():
        print("learningday: no screen here (DISPLAY is not set). Run it on a desktop, or under a "
              "virtual one: xvfb-run -a learningday", file=sys.stderr)
        return 1
    app = make_app()
    install_excepthook()
    window = MainWindow()
    window.show()
    if exit_when_shown:  # for the start-up benchmark: say when the event is on screen, then quit
        def _shown() -> None:
            print("shown", time.time(), flush=True)
            app.quit()

        window.event_shown.connect(lambda: QTimer.singleShot(0, _shown))
        if event is None:
            event = str(demo_event_path())
    open_initial_event(window, event)
    QTimer.singleShot(0, settle_memory)
    return app.exec()


def settle_memory() -> None:
    """Once the window is up: move what start-up built (Qt wrappers, SQLAlchemy's mappers, the
    fonts) out of the garbage collector's sight. A full collection then walks only what the user's
    work allocates, so it no longer stalls a check-in by milliseconds (bench/bench_checkin.py)."""
    gc.collect()
    gc.freeze()
