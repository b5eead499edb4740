"""Choosing the open event file (or its journal, or a link to it) in a workspace's Save dialog: every export says
why in words through ui/errors, and the event file is as it was."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from tests.gui.documents import digest, export_button
from ui import errors
from ui.document import EventDocument

#: what a user might pick in a Save dialog that is really the event file
TARGETS: dict[str, Callable[[Path], Path]] = {
    "the event file": lambda event: event,
    "its -wal": lambda event: Path(f"{event}-wal"),
    "its -shm": lambda event: Path(f"{event}-shm"),
}
REFUSAL = "is the open event file"
FILE_ONLY = pytest.mark.sqlite_only("the Save dialog is given the event file or its -wal, -shm")


def _choose(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))


def _refused_in_words(qtbot) -> None:
    qtbot.waitUntil(lambda: any(REFUSAL in text for text in errors.shown), timeout=30000)
    assert not any("did not expect" in text for text in errors.shown)


@FILE_ONLY
@pytest.mark.parametrize("target", list(TARGETS))
@pytest.mark.parametrize("workspace, export", [("attendees", "export_roster"), ("attendees", "write_badges"),
                                               ("checkin", "export_log")])
def test_roster_badges_and_station_log_refuse_the_event_file(small_document: EventDocument, qtbot, monkeypatch,
                                                             workspace: str, export: str, target: str) -> None:
    from ui.workspaces.attendees.workspace import AttendeesWorkspace
    from ui.workspaces.checkin.workspace import CheckinWorkspace

    before = digest(small_document)
    work = AttendeesWorkspace() if workspace == "attendees" else CheckinWorkspace()
    qtbot.addWidget(work)
    work.show_event(small_document, small_document.summary(), small_document.sessions())
    _choose(monkeypatch, TARGETS[target](small_document.path))
    getattr(work, export)()
    _refused_in_words(qtbot)
    assert digest(small_document) == before


@FILE_ONLY
@pytest.mark.parametrize("target", list(TARGETS))
@pytest.mark.parametrize("export", ["export_pdf", "export_calendar"])
def test_agenda_exports_refuse_the_event_file(small_document: EventDocument, qtbot, export: str,
                                              target: str) -> None:
    before = digest(small_document)
    dialog = getattr(export_button(small_document, qtbot), export)()
    dialog.out.edit.setText(str(TARGETS[target](small_document.path)))
    dialog.accept()
    _refused_in_words(qtbot)
    assert digest(small_document) == before


@FILE_ONLY
@pytest.mark.parametrize("kind", ["pdf", "xlsx", "certificates"])
def test_report_files_refuse_the_event_file(small_document: EventDocument, qtbot, tmp_path: Path,
                                            kind: str) -> None:
    """The Reports workspace words a refusal in its status line (no box): a link with the file's suffix,
    the event itself for certificates (a name without .pdf is a folder of PDFs)."""
    from ui.workspaces.reports.workspace import ReportsWorkspace

    before = digest(small_document)
    work = ReportsWorkspace()
    qtbot.addWidget(work)
    work.set_document(small_document)
    for target in (work.pdf, work.xlsx, work.certificates):
        target.enabled.setChecked(False)
    chosen = getattr(work, kind)
    chosen.enabled.setChecked(True)
    if kind == "certificates":
        chosen.path.setText(str(small_document.path))
    else:
        link = tmp_path / f"link.{kind}"
        link.symlink_to(small_document.path)
        chosen.path.setText(str(link))
    work.generate()
    qtbot.waitUntil(lambda: not work.panel.running)
    assert "choose another name" in work.status.text() and "did not expect" not in work.status.text()
    assert digest(small_document) == before
