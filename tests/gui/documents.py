"""Helpers for widget tests over an EventDocument: the file's bytes once settled, a job held until the test lets it go."""

from __future__ import annotations

import hashlib
import threading
from typing import Any

from ui.document import EventDocument
from ui.ops import Job


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
