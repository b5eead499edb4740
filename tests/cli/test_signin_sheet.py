"""`learningday signin-sheet EVENT OUT.pdf --session UID`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from learningday.store.db import open_event
from learningday.store.models import Session as LearningSession
from tests.helpers.cli import refused, run


def test_a_sheet_for_a_demo_session(capsys: pytest.CaptureFixture[str], demo_file: Path, tmp_path: Path) -> None:
    with open_event(demo_file) as f, f.read() as s:
        uid, title = s.query(LearningSession.uid, LearningSession.title).order_by(LearningSession.id).first()
    out = tmp_path / "sheet.pdf"
    status, stdout, err = run(capsys, "signin-sheet", str(demo_file), str(out), "--session", uid, "--json")
    assert status == 0, err
    people = json.loads(stdout)["people"]
    text = "".join(p.extract_text() for p in PdfReader(out).pages)
    assert title in text and people > 0 and text.count("\n") > people


def test_an_unknown_session_is_refused(capsys: pytest.CaptureFixture[str], demo_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "sheet.pdf"
    err = refused(capsys, demo_file, "signin-sheet", str(demo_file), str(out), "--session", "nope", "--json")
    assert "no session with uid 'nope'" in err and not out.exists()
