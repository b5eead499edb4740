"""Work off the GUI thread: a worker with progress and Cancel, calling the same core code as the CLI."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from learningday.errors import LearningDayError
from ui.errors import show_error

#: fn(progress=..., cancel=...) -> result
Job = Callable[..., Any]


class _Signals(QObject):
    progress = Signal(float, str)
    finished = Signal(object)
    failed = Signal(object)


class Worker(QRunnable):
    """Runs ``job(progress=, cancel=)`` in the thread pool and reports through signals."""

    def __init__(self, job: Job) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.signals = _Signals()
        self._job = job
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        try:
            result = self._job(progress=self.signals.progress.emit, cancel=self._cancel.is_set)
        except BaseException as exc:  # handed to the GUI thread, which words it
            self.signals.failed.emit(exc)
        else:
            self.signals.finished.emit(result)


_running: set[Worker] = set()


def run_with_progress(
    *,
    parent: QWidget | None,
    label: str,
    job: Job,
    on_done: Callable[[Any], None],
    on_failed: Callable[[BaseException], None] | None = None,
) -> Worker:
    """Start ``job`` with a progress dialog whose Cancel asks the job to stop."""
    dialog = QProgressDialog(label, "Cancel", 0, 1000, parent)
    dialog.setWindowTitle("LearningDay")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    worker = Worker(job)
    _running.add(worker)

    def _on_progress(fraction: float, message: str) -> None:
        dialog.setValue(int(max(0.0, min(1.0, fraction)) * 1000))
        if message:
            dialog.setLabelText(f"{label}\n{message}")

    def _finish() -> None:
        _running.discard(worker)
        dialog.canceled.disconnect(worker.cancel)  # closing a QProgressDialog emits canceled
        dialog.close()
        dialog.deleteLater()

    def _on_finished(result: Any) -> None:
        _finish()
        on_done(result)

    def _on_failed(exc: BaseException) -> None:
        _finish()
        if worker.cancelled and isinstance(exc, LearningDayError):
            return  # the user asked to stop; nothing to report
        if on_failed is not None:
            on_failed(exc)
        else:
            show_error(parent=parent, exc=exc)

    worker.signals.progress.connect(_on_progress)
    worker.signals.finished.connect(_on_finished)
    worker.signals.failed.connect(_on_failed)
    dialog.canceled.connect(worker.cancel)
    QThreadPool.globalInstance().start(worker)
    return worker
