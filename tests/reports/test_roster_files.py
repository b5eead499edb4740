"""The roster, badge and station-log files: progress as they are written, and a cancel that leaves no file."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from learningday.errors import Cancelled
from learningday.store.db import open_event
from reports.roster_files import write_badges, write_roster, write_station_log


def test_roster_reports_progress_and_holds_everyone(demo_file: Path, tmp_path: Path) -> None:
    out, seen = tmp_path / "roster.csv", []
    with open_event(demo_file) as event_file:
        count = write_roster(event_file, out, progress=lambda f, m: seen.append((f, m)))
    with out.open(encoding="utf-8-sig", newline="") as fh:
        assert len(list(csv.reader(fh))) == count + 1 == 1001  # the header, then one row a person
    assert [f for f, _ in seen] == [0.5, 1.0] and seen[0][1] == "500 of 1,000 attendees"


@pytest.mark.parametrize(("write", "name", "checks"), [
    (write_roster, "roster.xlsx", 2), (write_badges, "badges.pdf", 2), (write_station_log, "log.json", 1)])
def test_a_cancel_leaves_no_file(demo_file: Path, tmp_path: Path, write, name: str, checks: int) -> None:  # noqa: ANN001
    """Stopped at the ``checks``-th question: for the roster and badges, half-way through the people."""
    asked: list[int] = []
    folder = tmp_path / "out"
    folder.mkdir()
    with open_event(demo_file) as event_file, pytest.raises(Cancelled, match="cancelled; no file was written"):
        write(event_file, folder / name, cancel=lambda: asked.append(1) or len(asked) >= checks)
    assert list(folder.iterdir()) == []  # neither the file nor its hidden temporary
