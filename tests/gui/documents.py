"""An EventDocument over a small event, for widget tests that need no main window (import the fixtures you use)."""

from __future__ import annotations

import hashlib
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.small_event import build_small_event
from ui.document import EventDocument
from ui.ops import Job


@pytest.fixture(scope="session")
def small_event_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hand-counted event of tests/small_event.py, built once per run."""
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


def digest(document: EventDocument) -> str:
    """The bytes of the document's file, once every connection has let go of them (the WAL is in the file)."""
    assert document.path is not None
    document.file.engine.dispose()
    return hashlib.sha256(document.path.read_bytes()).hexdigest()


def held(job: Job, go: threading.Event) -> Job:
    """``job``, started only once the test lets it ``go``: a Cancel pressed meanwhile is seen by the real job."""

    def run(*, progress: Any, cancel: Any) -> Any:
        progress(0.25, "Waiting for the test")
        go.wait(10)
        return job(progress=progress, cancel=cancel)

    return run
