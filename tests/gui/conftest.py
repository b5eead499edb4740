"""GUI fixtures: settings and app data redirected per test, dialogs switched off."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QSettings, QStandardPaths

from tests.gui.documents import on_backend
from tests.helpers.backends import make_published
from tests.helpers.small_event import build_small_event
from ui.document import EventDocument

if TYPE_CHECKING:
    from tests.helpers.backends import Backend
    from tests.helpers.pgcluster import Cluster


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


@pytest.fixture(autouse=True)
def backend_outlives_widgets(request: pytest.FixtureRequest) -> None:
    """A test on a backend gets it before any widget or document, so that its database is dropped after they have
    all let go: a window's timer firing on a dropped database would fail the next test."""
    if "backend" in request.fixturenames:
        request.getfixturevalue("backend")


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
    return build_small_event(tmp_path_factory.mktemp("small-event") / "small.lday")


@pytest.fixture(scope="session")
def pg_small_event(pg_cluster: Cluster, small_event_template: Path) -> str:
    """The hand-counted event published once per run: the template of its copies on the server."""
    return make_published(pg_cluster, small_event_template, "ld_small_event")


@pytest.fixture()
def small_event_file(small_event_template: Path, backend: Backend, request: pytest.FixtureRequest) -> Path | str:
    """The hand-counted event on this test's backend: a file ``small.lday``, or a database URL."""
    return on_backend(backend, small_event_template, request, "pg_small_event")


@pytest.fixture()
def small_document(small_event_file: Path | str) -> Iterator[EventDocument]:
    document = EventDocument.open(small_event_file)
    yield document
    document.close()
