"""Helpers for widget tests over an EventDocument: a template's copy on the test's backend, the file's bytes once
settled, a job held until the test lets it go, the agenda's Export button."""

from __future__ import annotations

import hashlib
import shutil
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tests.helpers import sha256
from ui.document import EventDocument
from ui.ops import Job

if TYPE_CHECKING:
    import pytest

    from tests.helpers.backends import Backend
    from ui.workspaces.plan.export_dialog import AgendaExportButton


def digest(document: EventDocument) -> str:
    """The bytes of the document's file, once every connection has let go of them (the WAL is in the file); on a
    server, every table's rows."""
    document.file.engine.dispose()
    if document.path is None:
        return sha256(document.file.url)
    return hashlib.sha256(document.path.read_bytes()).hexdigest()


def target(document: EventDocument) -> Path | str:
    """Where the document's event lives, as tests.helpers.rows and execute take it: its file, or its URL."""
    return document.path if document.path is not None else document.file.url


def on_backend(backend: Backend, template: Path, request: pytest.FixtureRequest, pg_template: str) -> Path | str:
    """A fresh copy of ``template`` as this test's event: the file copied, or a database copied from the fixture
    named ``pg_template`` (the same event published; ids kept)."""
    if backend.cluster is None:
        target = backend.folder / template.name
        shutil.copyfile(template, target)
        return target
    assert backend.database is None, "the test's database holds an event already"  # empty() would hand it back
    return backend.empty(template=request.getfixturevalue(pg_template))


def held(job: Job, go: threading.Event) -> Job:
    """``job``, started only once the test lets it ``go``: a Cancel pressed meanwhile is seen by the real job."""

    def run(*, progress: Any, cancel: Any) -> Any:
        progress(0.25, "Waiting for the test")
        go.wait(10)
        return job(progress=progress, cancel=cancel)

    return run


def export_button(document: EventDocument, qtbot: Any) -> AgendaExportButton:
    """The agenda's Export button over ``document``, beside a "Show times in" box left on UTC."""
    from PySide6.QtWidgets import QComboBox

    from ui.workspaces.plan.export_dialog import AgendaExportButton

    zone_box = QComboBox()
    button = AgendaExportButton(zone_box=zone_box)
    qtbot.addWidget(zone_box)
    qtbot.addWidget(button)
    button.set_event(document, document.summary())
    return button
