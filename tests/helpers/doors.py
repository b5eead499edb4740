"""What a refused write must leave behind: the event file as it was, and no -wal or -shm beside it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from learningday.errors import LearningDayError
from tests.helpers import sha256


def sidecars(path: Path) -> list[Path]:
    """The -wal and -shm files beside an event file (an open connection's; none once it is closed)."""
    return [side for side in (Path(f"{path}-wal"), Path(f"{path}-shm")) if side.exists()]


def refused(event: Path, attempt: Callable[[], object], match: str | None = None) -> LearningDayError:
    """Run ``attempt`` (which opens ``event`` itself); it must raise a LearningDayError and change nothing."""
    digest = sha256(event)
    with pytest.raises(LearningDayError, match=match) as caught:
        attempt()
    assert sha256(event) == digest, "a refused input changed the event file"
    assert sidecars(event) == [], "a refused input left SQLite side files"
    return caught.value
