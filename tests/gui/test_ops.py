"""The one path for long work (ui.ops): progress, Cancel, results and errors, in a panel or a modal dialog."""

from __future__ import annotations

import threading
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget

from reports.report_files import ReportRequest
from tests import DATA
from tests.gui.documents import digest, held
from tests.helpers.backends import Backend
from tests.helpers.roster import make_event
from ui import errors, ops
from ui.document import EventDocument

ROSTER = DATA / "roster"


def _panel(qtbot, **kw) -> ops.ProgressPanel:
    panel = ops.ProgressPanel("Ready.", **kw)
    qtbot.addWidget(panel)
    return panel


def test_the_panel_shows_progress_and_cancel_stops_the_import_leaving_the_file_unchanged(backend: Backend,
                                                                                          qtbot) -> None:
    document = EventDocument.open(make_event(backend))
    before = digest(document)
    panel = _panel(qtbot, cancelled_text="Cancelled: nothing was imported.")
    go, done, stopped = threading.Event(), [], []
    panel.run(held(partial(document.import_roster, ROSTER / "utf8_bom.csv"), go), label="Importing…",
              on_done=done.append, on_cancelled=lambda: stopped.append(True))
    assert panel.running and panel.status.text() == "Importing…" and panel.cancel_button.isEnabled()
    qtbot.waitUntil(lambda: panel.bar.value() == 250)
    assert panel.status.text() == "Waiting for the test"
    with qtbot.waitSignal(panel.ended, timeout=10000):
        qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
        assert panel.status.text() == "Cancelling…" and not panel.cancel_button.isEnabled()
        go.set()
    assert stopped == [True] and done == [] and not panel.running
    assert panel.status.text() == "Cancelled: nothing was imported." and panel.bar.value() == 0
    assert errors.shown == []  # a cancel is not an error
    assert digest(document) == before
    document.close()


def test_the_panel_hands_the_result_of_the_documents_job_back(backend: Backend, qtbot) -> None:
    document = EventDocument.open(make_event(backend))
    panel = _panel(qtbot)
    done: list = []
    with qtbot.waitSignal(panel.ended, timeout=10000):
        panel.run(partial(document.import_roster, ROSTER / "utf8_bom.csv"), label="Importing…", on_done=done.append)
        assert panel.run(partial(document.import_roster, ROSTER / "utf8_bom.csv"), label="again",
                         on_done=done.append) is None  # one job at a time
    assert [r.created for r in done] == [8] and panel.bar.value() == ops.STEPS and not panel.cancel_button.isEnabled()
    document.close()


def test_a_failure_is_worded_by_ui_errors_in_the_status_line(small_document: EventDocument, tmp_path: Path,
                                                             qtbot) -> None:
    panel = _panel(qtbot)
    request = ReportRequest(pdf=tmp_path / "report.pdf")
    (tmp_path / "report.pdf").mkdir()  # a folder where the file should go: the write fails
    with qtbot.waitSignal(panel.ended, timeout=30000):
        panel.run(partial(small_document.write_reports, request), label="Writing…", on_done=_never)
    assert errors.shown == [panel.status.text()] and panel.bar.value() == 0
    assert panel.status.text().endswith("report.pdf is a folder: give a file name")  # refused before any work
    assert not panel.running and not panel.cancel_button.isEnabled()


def test_an_unexpected_failure_says_so(qtbot) -> None:
    panel = _panel(qtbot)
    with qtbot.waitSignal(panel.ended):
        panel.run(ops.quick(lambda: 1 / 0), label="Dividing…", on_done=_never)
    assert panel.status.text().startswith("Something went wrong that LearningDay did not expect (ZeroDivisionError")
    assert errors.shown == [panel.status.text()]


def test_the_modal_variant_cancels_the_real_job_and_writes_nothing(small_document: EventDocument, tmp_path: Path,
                                                                   qtbot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    folder = tmp_path / "out"
    folder.mkdir()
    go, out = threading.Event(), folder / "certificates.pdf"
    op = ops.run_with_progress(parent=parent, label="Writing certificates…", on_done=_never,
                               job=held(partial(small_document.write_reports, ReportRequest(certificates=out)), go))
    dialog = parent.findChild(QProgressDialog)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.value() == 250)
    assert dialog.labelText() == "Writing certificates…\nWaiting for the test"
    with qtbot.waitSignal(op.cancelled, timeout=30000):
        qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)  # the dialog's Cancel
        go.set()
    qtbot.waitUntil(lambda: parent.findChild(QProgressDialog) is None)
    assert errors.shown == [] and list(folder.iterdir()) == []


def test_the_modal_variant_shows_a_failure_through_ui_errors(qtbot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    with qtbot.waitSignal(ops.start(ops.quick(lambda: 1 / 0), parent=parent, on_done=_never).ended):
        pass
    op = ops.run_with_progress(parent=parent, label="Writing…", job=ops.quick(lambda: [][1]), on_done=_never)
    with qtbot.waitSignal(op.ended):
        pass
    assert [text.split(" (")[1].split(":")[0] for text in errors.shown] == ["ZeroDivisionError", "IndexError"]
    qtbot.waitUntil(lambda: parent.findChild(QProgressDialog) is None)


def _never(result: object) -> None:
    raise AssertionError(f"the job should not have succeeded (it gave a {type(result).__name__})")
