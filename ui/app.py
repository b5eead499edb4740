"""Start the desktop app: QApplication, style, excepthook, the main window on an event."""

from __future__ import annotations

import gc
import logging
import os
import shlex
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from ui import ops, settings
from ui.errors import install_excepthook, show_error
from ui.main_window import MainWindow, workspace_classes
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
    """The given file; else the last one opened if it is still there; else the demo event. The workspace
    on screen shows it first, the others after that first paint."""
    if event:
        if not window.open_path(event, others_later=True):
            window.show_welcome_unless_open()
        return
    for path in settings.recent_files()[:1]:
        if Path(path).exists() and window.open_path(path, others_later=True):
            return
    window.open_demo(others_later=True)


def opening_what(event: str | None) -> str:
    """What ``open_initial_event`` will open, as the opening page names it."""
    if event and "://" in event:  # a URL: the database's name, never its password (urllib: SQLAlchemy waits)
        return Path(urlsplit(event).path).name or "the shared event"
    if event:
        return Path(event).name
    last = next((Path(p) for p in settings.recent_files()[:1] if Path(p).exists()), None)
    return last.name if last is not None else "the demo event"


def no_screen_hint(argv: list[str]) -> str:
    """What to type instead: this same command under a virtual screen, with paths that work anywhere."""
    command = os.path.abspath(argv[0]) if argv and argv[0] else "learningday"
    runnable = [sys.executable, command] if command.endswith(".py") else [command]
    install = "" if shutil.which("xvfb-run") else " (xvfb-run comes with: sudo apt-get install xvfb xauth)"
    return ("learningday: no screen here (neither DISPLAY nor WAYLAND_DISPLAY is set). Run it on a desktop, "
            f"or under a virtual one: {shlex.join(['xvfb-run', '-a', *runnable, *argv[1:]])}{install}; "
            "`make run` in the project folder does that for you")


def _no_screen() -> bool:
    return (sys.platform.startswith("linux") and not os.environ.get("QT_QPA_PLATFORM")
            and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"))


def configure_logging() -> None:
    """Our own INFO lines on stderr; other libraries' only from WARNING (a new or older event file
    would print every Alembic migration step)."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    for ours in ("ui", "learningday", "reports"):
        logging.getLogger(ours).setLevel(logging.INFO)


def run_gui(event: str | None = None, *, exit_when_shown: str | None = None) -> int:
    """``exit_when_shown`` ("window" or "event"), for the start-up benchmark: print 'shown <epoch>'
    once the window, or the event in it, is on screen, then quit."""
    configure_logging()
    if _no_screen():
        print(no_screen_hint(sys.argv), file=sys.stderr)
        return 1
    app = make_app()
    install_excepthook()
    window = show_window(event)
    if exit_when_shown:
        def _shown() -> None:
            print("shown", time.time(), flush=True)
            app.quit()

        if exit_when_shown == "window":
            QTimer.singleShot(0, _shown)
            return app.exec()
        window.event_shown.connect(lambda: QTimer.singleShot(0, _shown))
    open_after_first_paint(window, event, then=settle_memory)
    return app.exec()


def show_window(event: str | None) -> MainWindow:
    """The window's frame, saying what it opens: on screen before the core is imported."""
    window = MainWindow(workspaces=False)
    window.show_opening(opening_what(event))
    window.show()
    return window


def open_after_first_paint(window: MainWindow, event: str | None, *, then: Callable[[], None] | None = None) -> None:
    """Import the workspaces and the core off the GUI thread (the window stays responsive), then open
    ``event`` as ``open_initial_event`` does; a failure shows the usual error and the welcome page."""
    def imported(_: object) -> None:
        _collect_again()
        open_initial_event(window, event)
        if then is not None:
            QTimer.singleShot(0, then)

    def failed(exc: BaseException) -> None:
        _collect_again()
        window.show_welcome_unless_open()
        show_error(parent=window, exc=exc, title="Cannot open the event")

    QTimer.singleShot(0, lambda: ops.start(lambda progress, cancel: workspace_classes(), parent=window,
                                           on_done=imported, on_failed=failed))


def _collect_again() -> None:
    """Garbage collection back on, if ui.launch turned it off for the imports; what they built stays
    out of its sight (it is for good), so the collections while the event opens stay short."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def settle_memory() -> None:
    """Once the window is up: move what start-up built (Qt wrappers, SQLAlchemy's mappers, the
    fonts) out of the garbage collector's sight. A full collection then walks only what the user's
    work allocates, so it no longer stalls a check-in by milliseconds (bench/bench_checkin.py)."""
    gc.collect()
    gc.freeze()
