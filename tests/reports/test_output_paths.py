"""reports/output.atomic_output and the orchestrations around learningday/outputs.check_output: a refusal before
any work, a hidden name that fits, a full disk that is one error and leaves no file."""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from learningday.errors import InvalidInput, LearningDayError
from learningday.outputs import partial_name
from learningday.store.db import EventFile
from reports.output import atomic_output, write_then_rename
from tests.helpers import execute, sha256
from tests.helpers.backends import Backend


def test_the_hidden_name_fits_the_folder_and_keeps_the_suffix(tmp_path: Path) -> None:
    assert partial_name(tmp_path / "report.pdf") == tmp_path / ".report.partial.pdf"
    long = partial_name(tmp_path / ("n" * 250 + ".xlsx"))
    assert long.suffix == ".xlsx" and len(long.name) == 255
    assert write_then_rename(tmp_path / ("n" * 250 + ".txt"), lambda tmp: tmp.write_text("ok")) == 2


@pytest.mark.sqlite_only("the output named is the event's own file")
def test_atomic_output_refuses_before_the_block_runs(small) -> None:
    before = small.path.read_bytes()
    with pytest.raises(InvalidInput, match="holds an event"), atomic_output(small.path):
        pytest.fail("the block ran")
    assert small.path.read_bytes() == before


def test_a_full_disk_is_one_error_and_leaves_no_file(tmp_path: Path) -> None:
    out = tmp_path / "out.pdf"
    with pytest.raises(LearningDayError) as caught, atomic_output(out) as tmp:
        tmp.write_bytes(b"half")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(tmp))
    assert caught.value.message == f"could not write {out}: {os.strerror(errno.ENOSPC)}"
    assert list(tmp_path.iterdir()) == []


def test_a_folder_of_certificates_on_a_full_disk_leaves_no_folder(backend: Backend, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from learningday.reporting.analytics import analyse
    from learningday.store.db import open_event
    from reports import certificates
    from tests.helpers.small_event import build_small_event

    event = build_small_event(backend.empty())
    with open_event(event) as event_file, event_file.read() as session:
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
    assert [p.name for p in tmp_path.iterdir()] == ([event.name] if isinstance(event, Path) else [])


def _jobs() -> dict[str, tuple[Callable[[EventFile, Path], object], str | None]]:
    """The CLI's and the GUI's writers of files, and the suffix each insists on (None: any name)."""
    from reports.agenda_files import AgendaPdfRequest, IcsRequest, write_agenda_ics, write_agenda_pdf
    from reports.report_files import ReportRequest, write_reports
    from reports.roster_files import write_badges, write_roster, write_station_log

    return {
        "report": (lambda f, out: write_reports(f, ReportRequest(pdf=out)), ".pdf"),
        "workbook": (lambda f, out: write_reports(f, ReportRequest(xlsx=out)), ".xlsx"),
        "certificates": (lambda f, out: write_reports(f, ReportRequest(certificates=out)), None),
        "agenda-pdf": (lambda f, out: write_agenda_pdf(f, AgendaPdfRequest(out, "London")), None),
        "ics": (lambda f, out: write_agenda_ics(f, IcsRequest(out)), None),
        "roster": (lambda f, out: write_roster(f, out), None),
        "badges": (lambda f, out: write_badges(f, out), None),
        "station-log": (lambda f, out: write_station_log(f, out), None),
    }


@pytest.mark.sqlite_only("the outputs named are the event's own file, its journal and links to it")
def test_every_orchestration_refuses_the_event_before_reading_it(small) -> None:
    """The CLI and the GUI's jobs write through these: the check comes before the read and any rendering."""
    from learningday.store.db import open_event

    event = small.path
    before = event.read_bytes()
    with open_event(event) as event_file:
        event_file.read = event_file.write = lambda: pytest.fail("read the event before refusing")
        for name, (job, suffix) in _jobs().items():
            link = event.with_name(f"link-{name}{suffix or ''}")
            link.symlink_to(event)
            for out in (link,) if suffix else (link, event, Path(f"{event}-wal")):
                with pytest.raises(InvalidInput, match="is the open event file"):
                    job(event_file, out)
    assert event.read_bytes() == before


def test_every_orchestration_refuses_another_event_file_before_reading_the_event(small, tmp_path: Path) -> None:
    """A backup of an event is never replaced by an output, whether the open event is a file or on a server
    (where there is no event file to guard, this check still holds)."""
    from learningday.store.db import open_event

    backup = tmp_path / "backup.lday"
    execute(backup, "CREATE TABLE kept (x INTEGER)")
    before = (sha256(small.path), sha256(backup))
    with open_event(small.path) as event_file:
        event_file.read = event_file.write = lambda: pytest.fail("read the event before refusing")
        for name, (job, suffix) in _jobs().items():
            out = backup.with_name(f"backup-{name}{suffix or '.lday'}")
            shutil.copyfile(backup, out)
            with pytest.raises(InvalidInput, match="holds an event"):
                job(event_file, out)
            assert sha256(out) == before[1]
    assert (sha256(small.path), sha256(backup)) == before
