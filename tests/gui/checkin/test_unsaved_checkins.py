"""A check-in the file cannot take (a full disk, a read-only file) is red, never green, kept at the station
in order, and saved with the time the person came once the file takes it; the title bar says "reading only"."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from learningday.store.db import open_event
from learningday.store.models import Attendee, CheckIn
from tests.helpers.disks import fill, locked, small_disk
from tests.helpers.small_event import NAMES
from ui.document import EventDocument
from ui.main_window import MainWindow
from ui.workspaces.checkin import unsaved
from ui.workspaces.checkin.banner import BANNER_STYLES
from ui.workspaces.checkin.workspace import CheckinWorkspace

RED = BANNER_STYLES["bad"]


def _log(path: Path) -> list[tuple[str, str]]:
    with open_event(path) as event_file, event_file.read() as session:
        return [tuple(r) for r in session.execute(
            select(Attendee.name, CheckIn.method).join(Attendee, Attendee.id == CheckIn.attendee_id)
            .order_by(CheckIn.id))]


@pytest.fixture()
def on_small_disk(small_event_file: Path, tmp_path: Path) -> Iterator[Path]:
    """The small event on a real 4 MB file system, to be filled."""
    with small_disk(tmp_path / "disk", size="4m") as disk:
        path = disk / "small.lday"
        shutil.copyfile(small_event_file, path)
        yield path


def _scan(work: CheckinWorkspace, qtbot, code: str) -> None:
    qtbot.keyClicks(work.search, code)
    qtbot.keyClick(work.search, Qt.Key.Key_Return)


@pytest.mark.sqlite_only("the event file on a full 4 MB file system; a server that refuses a check-in: "
                         "tests/reliability/test_server_refuses.py")
def test_a_full_disk_turns_the_banner_red_and_the_station_keeps_the_scans(on_small_disk: Path, qtbot,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(unsaved, "RETRY_MS", 50)  # the station tries again every few seconds; the test, sooner
    document = EventDocument.open(on_small_disk)
    work = CheckinWorkspace()
    qtbot.addWidget(work)
    work.show_event(document, document.summary(), document.sessions())
    work.station.setText("Door F")
    work.show()
    before = _log(on_small_disk)
    fill(on_small_disk.parent)
    for code in ("AAAAA6", "AAAAA3"):
        _scan(work, qtbot, code)
        assert work.banner.text() == f"✗  Not saved: the disk is full — {code}" and RED in work.banner.styleSheet()
        assert work.search.text() == ""  # the next person can scan
    work.resize(1100, 640)
    work.grab().save("/tmp/file-notsaved.png")  # how it looks: docs/ and the closing note
    assert [s.who for s in work.unsaved.scans] == ["AAAAA6", "AAAAA3"]
    assert work.waiting.isVisible() and work.waiting.text().startswith("2 check-ins kept at this station, not saved yet (the disk is full)")
    kept_at = [s.at_utc for s in work.unsaved.scans]
    document.file.engine.dispose()
    assert _log(on_small_disk) == before
    (on_small_disk.parent / "filler").unlink()  # room again: the retry (every few seconds) writes them, in order
    qtbot.waitUntil(lambda: not work.unsaved.scans, timeout=15_000)
    assert _log(on_small_disk) == [*before, (NAMES["A6"], "scan"), (NAMES["A3"], "scan")]
    with open_event(on_small_disk) as event_file, event_file.read() as session:
        assert list(session.scalars(select(CheckIn.at_utc).order_by(CheckIn.id.desc()).limit(2)))[::-1] == kept_at
    assert work.banner.text().startswith("✓  Saved now: the 2 check-ins") and not work.waiting.isVisible()
    document.close()


@pytest.mark.sqlite_only("the event file made read-only by chmod; a server that refuses a check-in: "
                         "tests/reliability/test_server_refuses.py")
def test_a_read_only_file_says_so_in_the_title_and_never_shows_green(window: MainWindow, small_event_file: Path,
                                                                     qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    with locked(small_event_file):
        assert window.open_path(small_event_file)
        assert "reading only: the file is read-only" in window.windowTitle()
        window.show_workspace(2)
        _scan(window.checkin, qtbot, "AAAAA6")
        assert window.checkin.banner.text() == "✗  Not saved: the file is read-only — AAAAA6"
        assert RED in window.checkin.banner.styleSheet() and len(window.checkin.unsaved.scans) == 1
        asked: list[str] = []
        monkeypatch.setattr(QMessageBox, "question",
                            lambda _parent, _title, text: asked.append(text) or QMessageBox.StandardButton.No)
        window.close_event_file()  # the kept scan would be lost: the user is asked, and said no
        assert window.document is not None and "1 check-in the event file could not take" in asked[0]
        window.checkin.unsaved.outbox.clear()  # the scans are kept in the core's outbox
        window.close_event_file()
    assert window.document is None
