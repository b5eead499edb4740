"""GUI fixtures: settings and app data redirected per test, dialogs switched off."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QStandardPaths


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
