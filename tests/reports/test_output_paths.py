"""reports/output_paths.check_output, the one rule on where a writer may write, and atomic_output around it."""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

import pytest

from learningday.errors import InvalidInput, LearningDayError
from reports.output import atomic_output, write_then_rename
from reports.output_paths import check_output, partial_name


@pytest.fixture()
def event(tmp_path: Path) -> Path:
    """A small SQLite file standing for the open event, with its -wal beside it."""
    path = tmp_path / "p.lday"
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    Path(f"{path}-wal").write_bytes(b"\x37\x7f\x06\x82" + bytes(28))
    return path


def _refused(out: Path | str, event: Path | None = None, *, folder: bool = False) -> str:
    with pytest.raises(InvalidInput) as caught:
        check_output(out, event_path=event, folder=folder)
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
    assert "holds an event" in _refused(f"{event}-wal")  # a write-ahead log's own header


@pytest.mark.parametrize("out", [os.devnull, "/"])
def test_a_device_and_the_root_are_refused(out: str) -> None:
    assert ("not a regular file" if out == os.devnull else "is a folder") in _refused(out)
    assert "is a folder" in _refused("/", folder=True)


def test_a_pipe_and_a_folder_are_refused(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    assert "not a regular file" in _refused(tmp_path / "pipe")
    assert "not a regular file" in _refused(tmp_path / "pipe", folder=True)
    assert "is a folder: give a file name" in _refused(tmp_path)
    assert "is a folder" in _refused(".")


def test_a_folder_target_must_be_new_or_empty(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert check_output(tmp_path / "empty", folder=True) == tmp_path / "empty"
    assert check_output(tmp_path / "new", folder=True) == tmp_path / "new"
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    assert "not an empty folder" in _refused(tmp_path / "file.txt", folder=True)
    assert "not an empty folder" in _refused(tmp_path, folder=True)


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


def test_the_hidden_name_fits_the_folder_and_keeps_the_suffix(tmp_path: Path) -> None:
    assert partial_name(tmp_path / "report.pdf") == tmp_path / ".report.partial.pdf"
    long = partial_name(tmp_path / ("n" * 250 + ".xlsx"))
    assert long.suffix == ".xlsx" and len(long.name) == 255
    assert write_then_rename(tmp_path / ("n" * 250 + ".txt"), lambda tmp: tmp.write_text("ok")) == 2


def test_atomic_output_refuses_before_the_block_runs(event: Path) -> None:
    before = event.read_bytes()
    with pytest.raises(InvalidInput), atomic_output(event):
        pytest.fail("the block ran")
    assert event.read_bytes() == before


def test_a_full_disk_is_one_error_and_leaves_no_file(tmp_path: Path) -> None:
    out = tmp_path / "out.pdf"
    with pytest.raises(LearningDayError) as caught, atomic_output(out) as tmp:
        tmp.write_bytes(b"half")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(tmp))
    assert caught.value.message == f"could not write {out}: {os.strerror(errno.ENOSPC)}"
    assert list(tmp_path.iterdir()) == []


def test_a_folder_of_certificates_on_a_full_disk_leaves_no_folder(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from learningday.reporting.analytics import analyse
    from learningday.store.db import open_event
    from reports import certificates
    from tests.helpers.small_event import build_small_event

    with open_event(build_small_event(tmp_path / "small.lday")) as event_file, event_file.read() as session:
        analytics = analyse(session)
    saved = []

    def save(canvas) -> None:  # noqa: ANN001 - a reportlab Canvas
        saved.append(canvas)
        if len(saved) == 3:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), canvas._filename)

    monkeypatch.setattr(certificates.Canvas, "save", save)
    with pytest.raises(LearningDayError) as caught:
        certificates.write_certificates(analytics, tmp_path / "certs")
    assert caught.value.message == f"could not write {tmp_path / 'certs'}: {os.strerror(errno.ENOSPC)}"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["small.lday"]


def test_every_orchestration_refuses_the_event_before_reading_it(small) -> None:
    """The CLI and the GUI's jobs write through these: the check comes before the read and any rendering."""
    from learningday.store.db import open_event
    from reports.agenda_files import AgendaPdfRequest, IcsRequest, write_agenda_ics, write_agenda_pdf
    from reports.report_files import ReportRequest, write_reports
    from reports.roster_files import write_badges, write_roster, write_station_log

    event = small.path
    #: each job, and the suffix it insists on (None: any name)
    jobs = {
        "report": (lambda f, out: write_reports(f, ReportRequest(pdf=out)), ".pdf"),
        "workbook": (lambda f, out: write_reports(f, ReportRequest(xlsx=out)), ".xlsx"),
        "certificates": (lambda f, out: write_reports(f, ReportRequest(certificates=out)), None),
        "agenda-pdf": (lambda f, out: write_agenda_pdf(f, AgendaPdfRequest(out, "London")), None),
        "ics": (lambda f, out: write_agenda_ics(f, IcsRequest(out)), None),
        "roster": (lambda f, out: write_roster(f, out), None),
        "badges": (lambda f, out: write_badges(f, out), None),
        "station-log": (lambda f, out: write_station_log(f, out), None),
    }
    before = event.read_bytes()
    with open_event(event) as event_file:
        event_file.read = event_file.write = lambda: pytest.fail("read the event before refusing")
        for name, (job, suffix) in jobs.items():
            link = event.with_name(f"link-{name}{suffix or ''}")
            link.symlink_to(event)
            for out in (link,) if suffix else (link, event, Path(f"{event}-wal")):
                with pytest.raises(InvalidInput, match="is the open event file"):
                    job(event_file, out)
    assert event.read_bytes() == before
