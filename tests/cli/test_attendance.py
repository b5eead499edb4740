"""import-attendance: the JSON the brief names, exit 2 and an untouched file on a refused report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers.attendance import REPORTS, build_attendance_event
from tests.helpers.backends import Backend
from tests.helpers.cli import refused, run


@pytest.fixture
def autumn(tmp_path: Path, backend: Backend) -> str | Path:
    return backend.take(build_attendance_event(tmp_path / "autumn.lday"))


def test_json_counts_and_the_review_list(autumn: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "import-attendance", str(autumn), str(REPORTS / "teams_across_dst.csv"),
                         str(REPORTS / "zoom_chicago.csv"), "--json")
    assert status == 0
    got = json.loads(out)
    assert {"files", "matched", "fuzzy_pending", "unmatched", "entries_written", "errors"} <= set(got)
    assert [f["session"] for f in got["files"]] == ["Across the change", "Chicago only"]
    assert (got["matched"], got["entries_written"], got["errors"]) == (5, 5, [])
    assert [(p["name"], p["candidate"]) for p in got["fuzzy_pending"]] == [("Bobby Jones", "Robert Jones")]
    assert [p["name"] for p in got["unmatched"]] == ["Visitor (Guest)"]
    status, out, _ = run(capsys, "import-attendance", str(autumn), str(REPORTS / "zoom_chicago.csv"), "--json")
    assert json.loads(out)["entries_written"] == 0


def test_text_output_names_what_waits(autumn: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "import-attendance", str(autumn), str(REPORTS / "teams_across_dst.csv"))
    assert status == 0
    assert "to review: Bobby Jones (teams_across_dst.csv) may be Robert Jones" in out
    assert out.rstrip().endswith("2 matched, 1 to review, 1 unmatched; 2 entries written")


@pytest.mark.parametrize("extra", [(), ("--json",)])
def test_an_unreadable_file_exits_2_and_changes_nothing(autumn: Path, tmp_path: Path, extra: tuple[str, ...],
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "gone.csv"
    err = refused(capsys, autumn, "import-attendance", str(autumn), str(REPORTS / "zoom_chicago.csv"), str(missing),
                  *extra)
    assert "gone.csv" in err


def test_an_unknown_zone_is_refused(autumn: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = refused(capsys, autumn, "import-attendance", str(autumn), str(REPORTS / "zoom_chicago.csv"),
                  "--zone", "Mars/Olympus")
    assert "unknown time zone" in err
