"""Work off the GUI thread: one path for every long job, with progress, Cancel and errors worded by ui.errors.

A job is called as ``job(progress=, cancel=)`` on a pool thread, usually an EventDocument method
with its other arguments bound (``functools.partial``), so it runs the same core code as the CLI.
``start`` runs it and reports through an ``Op``; ``run_with_progress`` shows the Op in a modal
progress dialog, ``ProgressPanel`` as a bar and a Cancel button inside a workspace or a page.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QProgressDialog, QPushButton, QVBoxLayout, QWidget

from learningday.errors import Cancelled
from ui.errors import say_error, show_error

#: job(progress=..., cancel=...) -> result
Job = Callable[..., Any]
#: a progress bar's range: a fraction of the work in thousandths
STEPS = 1000


def quick(action: Callable[[], Any]) -> Job:
    """A job too short to report progress or to stop midway (a count, a roster file)."""
    return lambda *, progress, cancel: action()


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
    def cancel_requested(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        try:
            result = self._job(progress=self.signals.progress.emit, cancel=self._cancel.is_set)
        except BaseException as exc:  # handed to the GUI thread, which words it
            self._tell(self.signals.failed, exc)
        else:
            self._tell(self.signals.finished, result)

    @staticmethod
    def _tell(signal: Any, value: object) -> None:
        try:
            signal.emit(value)
        except RuntimeError:  # the application is closing and took the signals' object with it
            pass


class Op(QObject):
    """One job seen from the GUI thread: ``progressed`` while it runs, then exactly one of ``done``,
    ``failed`` and ``cancelled``, then ``ended``."""

    progressed = Signal(float, str)
    done = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    ended = Signal()

    def __init__(self, job: Job) -> None:
        super().__init__()
        self._worker = Worker(job)
        self._worker.signals.progress.connect(self.progressed)
        self._worker.signals.finished.connect(self._on_worker_finished)
        self._worker.signals.failed.connect(self._on_worker_failed)

    def cancel(self) -> None:
        """Ask the job to stop at its next check; it ends with ``cancelled``."""
        self._worker.cancel()

    @property
    def cancel_requested(self) -> bool:
        return self._worker.cancel_requested

    def begin(self) -> None:
        _running.add(self)
        QThreadPool.globalInstance().start(self._worker)

    def _on_worker_finished(self, result: Any) -> None:
        _running.discard(self)
        self.done.emit(result)
        self.ended.emit()

    def _on_worker_failed(self, exc: BaseException) -> None:
        _running.discard(self)
        if isinstance(exc, Cancelled):
            self.cancelled.emit()  # the user asked to stop: nothing to report
        else:
            self.failed.emit(exc)
        self.ended.emit()


#: jobs under way, kept alive until they end even if the widget that started one goes first
_running: set[Op] = set()


def start(
    job: Job,
    *,
    parent: QWidget | None,
    on_done: Callable[[Any], None],
    on_failed: Callable[[BaseException], None] | None = None,
    on_cancelled: Callable[[], None] | None = None,
    title: str = "LearningDay",
    watch: Callable[[Op], None] | None = None,
) -> Op:
    """Run ``job`` off the GUI thread; the callbacks run on the GUI thread.

    A failure goes to ``on_failed``, else ui.errors shows it (``title``, over ``parent``).
    ``watch`` lets a progress view connect to the Op first, so it is up to date when the callbacks run.
    """
    op = Op(job)
    if watch is not None:
        watch(op)
    op.done.connect(on_done)
    op.failed.connect(on_failed or (lambda exc: show_error(parent=parent, exc=exc, title=title)))
    if on_cancelled is not None:
        op.cancelled.connect(on_cancelled)
    op.begin()
    return op


def run_with_progress(
    *,
    parent: QWidget | None,
    label: str,
    job: Job,
    on_done: Callable[[Any], None],
    on_failed: Callable[[BaseException], None] | None = None,
) -> Op:
    """Start ``job`` behind a window-modal progress dialog whose Cancel asks the job to stop."""
    dialog = QProgressDialog(label, "Cancel", 0, STEPS, parent)
    dialog.setWindowTitle("LearningDay")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)

    def on_progress(fraction: float, message: str) -> None:
        dialog.setValue(_steps(fraction))
        if message:
            dialog.setLabelText(f"{label}\n{message}")

    def watch(op: Op) -> None:
        def close() -> None:
            dialog.canceled.disconnect(op.cancel)  # closing a QProgressDialog emits canceled
            dialog.close()
            dialog.deleteLater()

        op.progressed.connect(on_progress)
        op.done.connect(lambda _result: close())  # the dialog goes before on_done opens anything
        op.failed.connect(lambda _exc: close())
        op.cancelled.connect(close)
        dialog.canceled.connect(op.cancel)

    return start(job, parent=parent, on_done=on_done, on_failed=on_failed, watch=watch)


def _steps(fraction: float) -> int:
    return int(max(0.0, min(1.0, fraction)) * STEPS)


class ProgressPanel(QWidget):
    """The embedded variant: a status line, a bar and a Cancel button inside a workspace or a page.

    ``row`` is the bar's row; a caller may add its own buttons to it. With ``status_apart`` the caller
    places ``status`` in its own layout (a wrapped, several-line status then gets the height it needs:
    nested inside the panel, a wizard page squeezes it).
    """

    #: a job ended (done, failed or cancelled), after its callbacks ran
    ended = Signal()

    def __init__(self, idle_text: str = "", *, cancel_text: str = "Cancel", cancelled_text: str = "Cancelled.",
                 status_apart: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cancelled_text = cancelled_text
        self.op: Op | None = None
        self.status = QLabel(idle_text)
        self.status.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, STEPS)
        self.cancel_button = QPushButton(cancel_text)
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.row = QHBoxLayout()
        self.row.addWidget(self.bar, 1)
        self.row.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if not status_apart:
            layout.addWidget(self.status)
        layout.addLayout(self.row)

    @property
    def running(self) -> bool:
        return self.op is not None

    def run(self, job: Job, *, label: str, on_done: Callable[[Any], None],
            on_failed: Callable[[BaseException], None] | None = None,
            on_cancelled: Callable[[], None] | None = None, title: str = "LearningDay") -> Op | None:
        """Start ``job`` (one at a time: None while another runs); an error is worded in the status line
        unless ``on_failed`` takes it."""
        if self.op is not None:
            return None
        self.status.setText(label)
        self.bar.setValue(0)
        self.cancel_button.setEnabled(True)
        self.op = start(job, parent=self, on_done=on_done, on_cancelled=on_cancelled, watch=self._watch,
                        on_failed=on_failed or (lambda exc: say_error(label=self.status, exc=exc, title=title)))
        return self.op

    def cancel(self) -> None:
        if self.op is not None and not self.op.cancel_requested:
            self.op.cancel()
            self.cancel_button.setEnabled(False)
            self.status.setText("Cancelling…")

    def _watch(self, op: Op) -> None:
        op.progressed.connect(self._on_op_progressed)
        op.done.connect(lambda _result: self._stop(STEPS))
        op.failed.connect(lambda _exc: self._stop(0))
        op.cancelled.connect(self._on_op_cancelled)
        op.ended.connect(self.ended)

    def _on_op_progressed(self, fraction: float, message: str) -> None:
        self.bar.setValue(_steps(fraction))
        if message and not (self.op is not None and self.op.cancel_requested):
            self.status.setText(message)

    def _on_op_cancelled(self) -> None:
        self._stop(0)
        self.status.setText(self.cancelled_text)

    def _stop(self, value: int) -> None:
        self.op = None
        self.cancel_button.setEnabled(False)
        self.bar.setValue(value)
