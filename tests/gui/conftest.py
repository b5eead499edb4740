"""GUI fixtures: settings and app data redirected per test, dialogs switched off."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QStandardPaths

from tests.helpers.small_event import build_small_event
from ui.document import EventDocument


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "settings"
    folder.mkdir()
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    QStandardPaths.setTestModeEnabled(True)
    monkeypatch.setenv("HOME", str(tmp_path))  # QStandardPaths test mode writes under ~/.qttest
    from ui import errors

    monkeypatch.setattr(errors, "DIALOGS", False)
    errors.shown.clear()
    return folder


@pytest.fixture()
def window(qtbot, qapp):
    from ui.app import make_app
    from ui.main_window import MainWindow

    make_app()
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    return win


# -- an EventDocument over the small hand-counted event, for widgets tested without the window --
@pytest.fixture(scope="session")
def small_event_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hand-counted event of tests/helpers/small_event.py, built once per run."""
    return build_small_event(tmp_path_factory.mktemp("small-event") / "template.lday")


@pytest.fixture()
def small_event_file(small_event_template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "small.lday"
    shutil.copyfile(small_event_template, target)
    return target


@pytest.fixture()
def small_document(small_event_file: Path) -> Iterator[EventDocument]:
    document = EventDocument.open(small_event_file)
    yield document
    document.close()
