"""Each kind of export starts in the folder its last file went to (issue 13, item 10): the setting round-trips,
and the next Save starts there. No real file dialog opens: the dialogs' start paths are read, or the
monkeypatched dialog records the path it was handed."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from tests.gui.documents import export_button
from ui import settings
from ui.document import EventDocument


def _save_dialog_answering(monkeypatch: pytest.MonkeyPatch, *answers: str) -> list[Path]:
    """Save dialogs that answer ``answers`` in turn ("" is Cancel); the start paths they were handed."""
    offered: list[Path] = []
    replies = iter(answers)

    def save_dialog(_parent, _title, start, _filters):  # noqa: ANN001, ANN202 - QFileDialog's
        offered.append(Path(start))
        return next(replies), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    return offered


@pytest.mark.parametrize("kind", settings.EXPORT_KINDS)
def test_each_kind_remembers_its_own_folder_while_it_exists(tmp_path: Path, kind: str) -> None:
    assert settings.export_folder(kind) == settings.documents_folder()
    folder = tmp_path / f"out-{kind}"
    folder.mkdir()
    settings.remember_export(kind, folder / "file.out")
    assert settings.export_folder(kind) == folder
    assert all(settings.export_folder(other) == settings.documents_folder()
               for other in settings.EXPORT_KINDS if other != kind)
    folder.rmdir()  # a folder that went away (an unplugged stick) is not offered
    assert settings.export_folder(kind) == settings.documents_folder()


@pytest.mark.parametrize("export, kind", [("export_pdf", "agenda_pdf"), ("export_calendar", "agenda_ics")])
def test_the_next_agenda_export_starts_where_the_last_one_went(small_document: EventDocument, qtbot, tmp_path: Path,
                                                               export: str, kind: str) -> None:
    button = export_button(small_document, qtbot)
    first = getattr(button, export)()
    assert first.out.path().parent == settings.documents_folder()
    (tmp_path / "agendas").mkdir()
    out = tmp_path / "agendas" / f"mine{first.out.path().suffix}"
    first.out.edit.setText(str(out))
    with qtbot.waitSignal(button.written, timeout=30000):
        first.accept()
    assert settings.export_folder(kind) == out.parent
    second = getattr(button, export)()
    assert second.out.path().parent == out.parent and second.out.path().name != out.name  # a fresh name, there
    second.reject()


@pytest.mark.parametrize("export, kind, count", [("export_roster", "roster", "attendees"),
                                                 ("write_badges", "badges", "badges")])
def test_the_next_roster_export_starts_where_the_last_one_went(small_document: EventDocument, qtbot, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch, export: str,
                                                               kind: str, count: str) -> None:
    from ui.workspaces.attendees.workspace import AttendeesWorkspace

    work = AttendeesWorkspace()
    qtbot.addWidget(work)
    work.show_event(small_document, small_document.summary(), small_document.sessions())
    (tmp_path / "hand-outs").mkdir()
    out = tmp_path / "hand-outs" / ("r.xlsx" if kind == "roster" else "b.pdf")
    offered = _save_dialog_answering(monkeypatch, str(out), "")  # the second one is cancelled
    getattr(work, export)()
    qtbot.waitUntil(lambda: f"{count} written to {out}" in work.count_label.text(), timeout=30000)
    getattr(work, export)()
    assert offered[0].parent == settings.documents_folder() and offered[1].parent == out.parent


def test_the_report_files_start_where_the_last_ones_went(small_document: EventDocument, qtbot,
                                                         tmp_path: Path) -> None:
    from ui.workspaces.reports.workspace import ReportsWorkspace

    work = ReportsWorkspace()
    qtbot.addWidget(work)
    work.set_document(small_document)
    assert all(target.value().parent == settings.documents_folder()
               for target in (work.pdf, work.xlsx, work.certificates))
    folders = {name: tmp_path / name for name in ("leaders", "analysts", "certs")}
    for folder in folders.values():
        folder.mkdir()
    work.pdf.path.setText(str(folders["leaders"] / "r.pdf"))
    work.xlsx.path.setText(str(folders["analysts"] / "r.xlsx"))
    work.certificates.path.setText(str(folders["certs"] / "c.pdf"))
    with qtbot.waitSignal(work.generated, timeout=60000):
        work.generate()
    again = ReportsWorkspace()
    qtbot.addWidget(again)
    assert [t.value().parent for t in (again.pdf, again.xlsx, again.certificates)] == list(folders.values())


def test_the_station_log_starts_where_the_last_one_went(small_document: EventDocument, qtbot, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from ui.workspaces.checkin.workspace import CheckinWorkspace

    work = CheckinWorkspace()
    qtbot.addWidget(work)
    work.show_event(small_document, small_document.summary(), small_document.sessions())
    (tmp_path / "logs").mkdir()
    out = tmp_path / "logs" / "door.json"
    offered = _save_dialog_answering(monkeypatch, str(out), "")  # the second one is cancelled
    work.export_log()
    work.export_log()
    assert offered[0].parent == settings.documents_folder() and offered[1].parent == out.parent
