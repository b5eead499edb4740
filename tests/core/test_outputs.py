"""learningday/outputs.check_output: the one rule on where a writer may write (never over the event file)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from learningday.errors import InvalidInput
from learningday.outputs import (
    SQLITE_HEADER,
    WAL_HEADERS,
    Kind,
    check_output,
    partial_name,
)


@pytest.fixture()
def event(tmp_path: Path) -> Path:
    """A file standing for the open event (a SQLite header is all the rule reads), its -wal beside it."""
    path = tmp_path / "p.lday"
    path.write_bytes(SQLITE_HEADER + bytes(84))
    Path(f"{path}-wal").write_bytes(WAL_HEADERS[0] + bytes(28))
    return path


def _refused(out: Path | str, event: Path | None = None, *, kind: Kind = "file") -> str:
    with pytest.raises(InvalidInput) as caught:
        check_output(out, event_path=event, kind=kind)
    return caught.value.message


@pytest.mark.parametrize("name", ["p.lday", "p.lday-wal", "p.lday-shm", "p.lday-journal"])
def test_the_event_and_its_sidecars_are_refused_whether_or_not_they_exist(event: Path, name: str) -> None:
    assert "is the open event file" in _refused(event.parent / name, event)


def test_a_symlink_a_hard_link_and_dot_dot_are_the_same_file(event: Path, tmp_path: Path) -> None:
    (tmp_path / "link.pdf").symlink_to(event)
    os.link(event, tmp_path / "hard.pdf")
    (tmp_path / "wal-link.json").symlink_to(f"{event}-wal")
    for out in ("link.pdf", "hard.pdf", "wal-link.json", "x/../p.lday", "./p.lday"):
        assert "is the open event file" in _refused(tmp_path / out, event), out
    # opened through a link, the event is still the file behind it
    assert "is the open event file" in _refused(event, tmp_path / "link.pdf")


def test_any_file_holding_a_database_is_refused_even_without_the_event(event: Path, tmp_path: Path) -> None:
    backup = tmp_path / "p.before-0123abcd-20270310T210000Z.lday.bak"
    backup.write_bytes(event.read_bytes())
    assert "holds an event" in _refused(backup, event)
    assert "holds an event" in _refused(event)  # atomic_output checks without the event
    assert "is the journal of an event" in _refused(f"{event}-wal")  # a write-ahead log's own header
    Path(f"{event}-shm").write_bytes(bytes(32))
    assert "is the journal of an event" in _refused(f"{event}-shm", kind="event")  # beside its database
    (tmp_path / "notes").write_text("not a database", encoding="utf-8")
    (tmp_path / "notes-journal").write_text("mine", encoding="utf-8")
    assert check_output(tmp_path / "notes-journal") == tmp_path / "notes-journal"


@pytest.mark.parametrize("out", [os.devnull, "/"])
def test_a_device_and_the_root_are_refused(out: str) -> None:
    assert ("not a regular file" if out == os.devnull else "is a folder") in _refused(out)
    assert "is a folder" in _refused("/", kind="folder")


def test_a_pipe_and_a_folder_are_refused(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    assert "not a regular file" in _refused(tmp_path / "pipe")
    assert "not a regular file" in _refused(tmp_path / "pipe", kind="folder")
    assert "is a folder: give a file name" in _refused(tmp_path)
    assert "is a folder" in _refused(".")


def test_a_folder_target_must_be_new_or_empty(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert check_output(tmp_path / "empty", kind="folder") == tmp_path / "empty"
    assert check_output(tmp_path / "new", kind="folder") == tmp_path / "new"
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    assert "not an empty folder" in _refused(tmp_path / "file.txt", kind="folder")
    assert "not an empty folder" in _refused(tmp_path, kind="folder")


@pytest.mark.parametrize("name", ["a" * 300 + ".pdf", "é" * 150 + ".pdf"])
def test_a_name_too_long_for_the_file_system_is_refused_in_words(tmp_path: Path, name: str) -> None:
    message = _refused(tmp_path / name)
    assert "is too long" in message and "at most 255 bytes" in message
    assert "is too long" in _refused(tmp_path / name / "out.pdf")  # a folder's name, too


def test_a_path_too_long_for_the_file_system_is_refused(tmp_path: Path) -> None:
    deep = tmp_path.joinpath(*["d" * 200] * 25, "out.pdf")
    assert "too long" in _refused(deep)


def test_a_missing_or_unwritable_folder_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _refused(tmp_path / "missing" / "out.pdf") == f"folder {tmp_path / 'missing'} does not exist"
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert "does not exist" in _refused(tmp_path / "file" / "out.pdf")
    assert "NUL" in _refused(tmp_path / "a\x00b.pdf")
    monkeypatch.setattr(os, "access", lambda *_a, **_k: False)  # root may write anywhere: ask as a user would
    assert "cannot write in folder" in _refused(tmp_path / "out.pdf")


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root writes in a read-only folder")
def test_a_read_only_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        assert "cannot write in folder" in _refused(folder / "out.pdf")
    finally:
        folder.chmod(0o755)


def test_a_new_file_or_an_earlier_output_is_fine(tmp_path: Path, event: Path) -> None:
    assert check_output(tmp_path / "out.pdf", event_path=event) == tmp_path / "out.pdf"
    (tmp_path / "old.pdf").write_bytes(b"%PDF-1.4")
    assert check_output(str(tmp_path / "old.pdf"), event_path=event) == tmp_path / "old.pdf"


def test_an_event_file_may_replace_a_database_but_keeps_room_for_its_sidecars(event: Path, tmp_path: Path) -> None:
    """A demo replaces an earlier demo (its writer decides); SQLite adds "-journal" to an event's name."""
    assert check_output(event, kind="event") == event
    assert "is the journal of an event" in _refused(f"{event}-wal", kind="event")
    assert "is the journal of an event" in _refused(f"{event}-journal", kind="event")  # not there yet
    assert "is the open event file" in _refused(event, event, kind="event")
    name = "e" * 248 + ".lday"  # 253 bytes: a file may have it, an event may not
    assert check_output(tmp_path / name) == tmp_path / name
    assert "an event file's name" in _refused(tmp_path / name, kind="event")
    tmp = partial_name(tmp_path / ("e" * 240 + ".lday"), "event")
    assert len(os.fsencode(f"{tmp.name}-journal")) <= 255 and tmp.suffix == ".lday"
