"""`learningday backups | backup | restore-backup`: list, take and restore an event file's backups."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select

from learningday.store.backups import list_backups
from learningday.store.db import open_event
from learningday.store.models import CheckIn
from tests.helpers.cli import refused, run


def _checkins(path: Path) -> int:
    with open_event(path) as event_file, event_file.read() as session:
        return session.scalar(select(func.count()).select_from(CheckIn))


@pytest.mark.sqlite_only("backups are copies of the event file (SQLite's online backup) beside it")
def test_backup_list_and_restore_round_trip(capsys: pytest.CaptureFixture[str], demo_file: Path) -> None:
    assert run(capsys, "backups", str(demo_file))[1] == f"{demo_file} has no backups yet\n"
    before = _checkins(demo_file)
    status, out, _ = run(capsys, "backup", str(demo_file), "--json")
    taken = json.loads(out)
    assert status == 0 and taken["reason"] == "" and Path(taken["path"]).stat().st_size == taken["size"]
    status, out, _ = run(capsys, "backups", str(demo_file))
    assert status == 0 and out.count("\n") == 1 and taken["name"] in out and " MB  " in out
    with open_event(demo_file) as event_file, event_file.write() as session:
        session.execute(delete(CheckIn))
    status, out, _ = run(capsys, "restore-backup", str(demo_file), taken["name"], "--json")
    result = json.loads(out)
    assert status == 0 and result["restored"]["name"] == taken["name"]
    assert _checkins(demo_file) == before and _checkins(Path(result["before"])) == 0
    assert [b.reason for b in list_backups(demo_file)] == ["before-restore", ""]


@pytest.mark.sqlite_only("backups are copies of the event file (SQLite's online backup) beside it")
def test_backup_keeps_the_newest_k(capsys: pytest.CaptureFixture[str], demo_file: Path) -> None:
    for _ in range(3):
        assert run(capsys, "backup", str(demo_file), "--keep", "2")[0] == 0
    assert len(list_backups(demo_file)) == 2


@pytest.mark.sqlite_only("backups are copies of the event file (SQLite's online backup) beside it")
@pytest.mark.parametrize(("argv", "expect"), [
    (("backup", "{event}", "--keep", "0"), "keep at least one backup, not 0"),
    (("restore-backup", "{event}", "nope.lday", "--json"), "has no backup named 'nope.lday'"),
    (("backup", "postgresql+psycopg://u@h/db"), "backed up by that server"),
    (("backups", "{other}"), "is not a LearningDay event file"),
])
def test_bad_input_is_refused_and_changes_nothing(capsys: pytest.CaptureFixture[str], demo_file: Path,
                                                  argv: tuple[str, ...], expect: str) -> None:
    other = demo_file.with_name("notes.txt")
    other.write_text("not an event")
    filled = [a.format(event=demo_file, other=other) for a in argv]
    assert expect in refused(capsys, demo_file, *filled)
    assert not list_backups(demo_file)
