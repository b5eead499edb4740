"""`learningday report`: files written, figures printed, bad options refused with status 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from tests import ROOT
from tests.helpers.backends import Backend
from tests.helpers.cli import run
from tests.helpers.small_event import EVENT_NAME, build_small_event


def test_report_writes_all_three(capsys, tmp_path: Path, backend: Backend) -> None:
    event = backend.take(build_small_event(tmp_path / "small.lday"))
    status, out, err = run(capsys, "report", str(event), "--pdf", str(tmp_path / "r.pdf"),
                           "--xlsx", str(tmp_path / "r.xlsx"), "--certificates", str(tmp_path / "c.pdf"), "--json")
    assert status == 0 and err == ""
    result = json.loads(out)
    assert result["session_attendances"] == 6 and result["unique_attendees"] == 5
    assert result["attendance_rate"] == pytest.approx(3 / 7) and result["learning_hours"] == 6.0
    assert result["certificate_count"] == "5"
    assert EVENT_NAME in PdfReader(result["pdf"]).pages[0].extract_text()
    assert load_workbook(result["xlsx"]).sheetnames[0] == "Summary"
    assert len(PdfReader(result["certificates"]).pages) == 5


def test_report_text_output_on_the_demo(capsys, demo_file: Path, tmp_path: Path) -> None:
    status, out, _ = run(capsys, "report", str(demo_file), "--xlsx", str(tmp_path / "demo.xlsx"))
    assert status == 0
    assert f"wrote xlsx: {tmp_path / 'demo.xlsx'}" in out and "session attendances by" in out
    assert sum(1 for _ in load_workbook(tmp_path / "demo.xlsx", read_only=True)["Attendees"].iter_rows()) == 1001


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ((), "say what to write"),
        (("--pdf", "{tmp}/r.xlsx"), "ending in .pdf"),
        (("--xlsx", "{tmp}/missing/r.xlsx"), "does not exist"),
    ],
)
def test_bad_options_exit_2_and_write_nothing(capsys, tmp_path: Path, backend: Backend, extra: tuple[str, ...],
                                              message: str) -> None:
    event = backend.take(build_small_event(tmp_path / "small.lday"))
    status, out, err = run(capsys, "report", str(event), *(e.format(tmp=tmp_path) for e in extra))
    assert status == 2 and message in err and out == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["small.lday"]


def test_missing_event_is_a_readable_error(capsys, tmp_path: Path) -> None:
    status, _, err = run(capsys, "report", str(tmp_path / "nope.lday"), "--pdf", str(tmp_path / "r.pdf"))
    assert status == 2 and "no such event file" in err


def test_report_help_imports_no_qt_and_no_renderer() -> None:
    code = ("import sys; from ui.cli.main import main\n"
            "try:\n    main(['report', '--help'])\nexcept SystemExit:\n    pass\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'PySide6', 'reportlab', 'openpyxl'}))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"
