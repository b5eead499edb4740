"""A read-only file, a read-only folder, a full disk: the reading commands work, a write says why in one line,
and nothing is left beside the file."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from sqlalchemy import select

from learningday.store.db import open_event
from learningday.store.models import Attendee
from tests.helpers import sha256
from tests.helpers.cli import run
from tests.helpers.disks import fill, locked, small_disk
from tests.helpers.doors import open_door



def _first_code(path: Path) -> str:
    with open_event(path) as event_file, event_file.read() as session:
        return session.scalars(select(Attendee.code).order_by(Attendee.id)).first() or ""


@pytest.fixture()
def lock() -> Iterator[Callable[[Path], None]]:
    """Make files or folders read-only for the rest of the test (for root too)."""
    with ExitStack() as stack:
        yield lambda path: stack.enter_context(locked(path))


@pytest.fixture()
def disk(tmp_path: Path) -> Iterator[Path]:
    with small_disk(tmp_path / "disk") as mounted:
        yield mounted


def _check_in_everyone(event_file, sessions: int = 1) -> int:
    """One transaction checking the whole roster in to the first ``sessions`` sessions; the entries written."""
    from datetime import datetime, timezone

    from learningday.checkin.log import check_in
    from learningday.store.models import Session as AgendaSession

    with event_file.write() as session:
        codes = session.scalars(select(Attendee.code)).all()
        uids = session.scalars(select(AgendaSession.uid).order_by(AgendaSession.id).limit(sessions)).all()
        return sum(1 for uid in uids for code in codes
                   if check_in(session, code_or_attendee=code, session_uid=uid, station="Door F", method="scan",
                               at_utc=datetime.now(timezone.utc)).entry_uid)


def _refused_cleanly(capsys: pytest.CaptureFixture[str], path: Path, *argv: str, says: str) -> None:
    before, siblings = sha256(path), sorted(path.parent.iterdir())
    status, out, err = run(capsys, *argv)
    assert status == 1 and out == ""
    assert err.startswith("learningday: error: not saved") and says in err and "nothing was changed" in err
    assert "Traceback" not in err and len(err.splitlines()) == 1
    assert sha256(path) == before
    assert sorted(path.parent.iterdir()) == siblings  # no -wal, no -shm


@pytest.mark.sqlite_only("a read-only event file or folder: the file's own permissions")
def test_a_read_only_file_is_read_and_never_written(capsys, demo_file: Path, lock, tmp_path: Path) -> None:
    code = _first_code(demo_file)
    roster = tmp_path / "roster.csv"
    roster.write_text("name,email\nAda Lovelace,ada@example.org\n", encoding="utf-8")
    lock(demo_file)
    status, out, _ = run(capsys, "info", str(demo_file))
    assert status == 0 and "attendees 1,000" in out
    assert run(capsys, "attendees", str(demo_file), "--search", "a")[0] == 0
    _refused_cleanly(capsys, demo_file, "checkin", str(demo_file), code, says="the file is read-only")
    _refused_cleanly(capsys, demo_file, "import-roster", str(demo_file), str(roster), says="the file is read-only")


@pytest.mark.sqlite_only("a read-only event file or folder: the file's own permissions")
def test_a_read_only_folder_is_read_and_never_written(capsys, demo_file: Path, lock) -> None:
    code = _first_code(demo_file)
    lock(demo_file.parent)
    assert run(capsys, "info", str(demo_file))[0] == 0
    _refused_cleanly(capsys, demo_file, "checkin", str(demo_file), code, says="its folder is read-only")
    status, _, err = run(capsys, "export-roster", str(demo_file), str(demo_file.parent / "roster.csv"))
    assert status != 0 and err.startswith("learningday: error: ") and len(err.splitlines()) == 1


@pytest.mark.sqlite_only("the event file on a full disk: its journal, its checkpoint, its size")
def test_a_check_in_on_a_full_disk_is_refused_in_one_line(capsys, demo_file: Path, disk: Path) -> None:
    path = disk / "event.lday"
    path.write_bytes(demo_file.read_bytes())
    code = _first_code(path)
    fill(disk)
    assert run(capsys, "info", str(path))[0] == 0  # reading needs no room
    _refused_cleanly(capsys, path, "checkin", str(path), code, says="the disk is full")
    status, _, err = run(capsys, "export-roster", str(path), str(disk / "roster.csv"))
    assert status != 0 and err.startswith("learningday: error: ") and len(err.splitlines()) == 1
    (disk / "filler").unlink()
    assert run(capsys, "checkin", str(path), code)[0] == 0  # room again: it is written
    assert sorted(p.name for p in disk.iterdir()) == ["event.lday"]


@pytest.mark.sqlite_only("the event file on a full disk: its journal, its checkpoint, its size")
def test_a_disk_that_fills_while_the_file_is_open_refuses_the_write(demo_file: Path, disk: Path) -> None:
    from datetime import datetime, timezone

    from learningday.checkin.log import check_in
    from learningday.errors import NotSaved

    path = disk / "event.lday"
    path.write_bytes(demo_file.read_bytes())
    with open_event(path) as event_file:
        assert event_file.read_only is None
        with event_file.read() as session:
            codes = iter(session.scalars(select(Attendee.code).order_by(Attendee.id)).all())
        fill(disk)
        with pytest.raises(NotSaved, match="the disk is full") as refused:
            for code in codes:  # a page or two may still fit in the log: write until the disk says no
                with event_file.write() as session:
                    check_in(session, code_or_attendee=code, station="Door F", method="scan",
                             at_utc=datetime.now(timezone.utc))
        assert refused.value.reason == "the disk is full"
    assert sorted(p.name for p in disk.iterdir()) == ["event.lday", "filler"]


@pytest.mark.sqlite_only("the event file on a full disk: its journal, its checkpoint, its size")
def test_a_checkpoint_the_full_disk_cut_short_is_not_refused(capsys, demo_file: Path, disk: Path) -> None:
    open_door(demo_file)  # now is months before the demo's day
    import struct

    from sqlalchemy import func

    from learningday.store.models import CheckIn

    path = disk / "event.lday"
    path.write_bytes(demo_file.read_bytes())
    with open_event(path) as event_file:
        with event_file.read() as session:
            before = session.scalar(select(func.count(CheckIn.id)))
        written = _check_in_everyone(event_file, sessions=3)  # the file grows, in the write-ahead log
        fill(disk)
    # closing checkpoints: page 1, which counts the new pages, went in; the file could not grow
    header = path.read_bytes()[:100]
    assert struct.unpack(">I", header[28:32])[0] * struct.unpack(">H", header[16:18])[0] > path.stat().st_size
    status, out, err = run(capsys, "info", str(path))
    assert status == 0, err
    assert f"{before + written:,} log entries" in out
    (disk / "filler").unlink()
    with open_event(path) as event_file, event_file.read() as session:
        assert session.scalar(select(func.count(CheckIn.id))) == before + written


def test_an_older_file_on_a_full_disk_is_left_as_it_was(capsys, disk: Path) -> None:
    from tests import DATA

    path = disk / "old.lday"
    path.write_bytes((DATA / "event_rev0001.lday").read_bytes())
    fill(disk)
    before = sha256(path)
    status, _, err = run(capsys, "info", str(path))
    assert status == 1 and "no backup copy could be made beside it (the disk is full); nothing was changed" in err
    assert sha256(path) == before and sorted(p.name for p in disk.iterdir()) == ["filler", "old.lday"]
