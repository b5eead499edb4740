"""Migration 0006: a file from revision 0001 opens with every session unpinned and no preferred start."""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import select

from learningday.store.db import open_event
from learningday.store.models import Session as LearningSession
from tests import DATA


def test_an_older_file_gains_pinned_and_preferred_start(tmp_path: Path) -> None:
    copy = tmp_path / "old.lday"
    shutil.copyfile(DATA / "event_rev0001.lday", copy)
    with open_event(copy) as event_file, event_file.read() as s:
        rows = s.execute(select(LearningSession.pinned, LearningSession.preferred_start_utc)).all()
    assert len(rows) == 61 and set(rows) == {(False, None)}
