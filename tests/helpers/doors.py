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


def import_roster_file(event: Path, roster: Path, **options: object):  # noqa: ANN201 - an ImportResult
    """``learningday.roster.importing.import_roster`` in one write transaction of ``event``."""
    from learningday.roster.importing import import_roster
    from learningday.store.db import open_event

    with open_event(event) as event_file, event_file.write() as session:
        return import_roster(session, roster, **options)


def open_door(path: Path) -> None:
    """Set the event's door policy to 'open' (everyone admitted, warnings only): for tests of the log itself,
    whose check-ins fall outside a session's time or the event's days."""
    from dataclasses import replace

    from learningday.setup.services import edit_event, event_props
    from learningday.store.db import open_event

    with open_event(path) as event_file, event_file.write() as session:
        edit_event(session, replace(event_props(session), door_policy="open"))
