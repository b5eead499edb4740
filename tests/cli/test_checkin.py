"""The check-in commands through ui.cli.main.main: checkin, undo-checkin, export-log, merge-log."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from learningday.store.db import open_event
from learningday.store.models import Attendee, CheckIn
from learningday.store.models import Session as LearningSession
from ui.cli.main import main
from tests.helpers.doors import open_door


def _fresh_code(path: Path) -> tuple[str, str]:
    with open_event(path) as ef, ef.read() as s:
        code, name = s.execute(select(Attendee.code, Attendee.name)
                               .where(Attendee.id.not_in(select(CheckIn.attendee_id)))).first()
    return code, name


def _json(capsys: pytest.CaptureFixture[str]) -> dict:
    return json.loads(capsys.readouterr().out)


def test_checkin_json_then_already_then_undo(demo_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, name = _fresh_code(demo_file)
    open_door(demo_file)  # now is months before the demo's day
    with open_event(demo_file) as ef, ef.read() as s:
        session_uid, title = s.execute(select(LearningSession.uid, LearningSession.title)).first()
    assert main(["checkin", str(demo_file), code.lower(), "--session", session_uid, "--station", "Door B",
                 "--json"]) == 0
    first = _json(capsys)
    assert (first["status"], first["attendee"], first["session"]) == ("checked_in", name, title)
    assert first["at_utc"].endswith("+00:00") and len(first["entry_uid"]) == 36
    with open_event(demo_file) as ef, ef.read() as s:
        assert s.scalar(select(CheckIn.kind).where(CheckIn.uid == first["entry_uid"])) == "check_in"
    assert main(["checkin", str(demo_file), code, "--session", session_uid, "--json"]) == 0
    again = _json(capsys)
    assert again["status"] == "already" and again["entry_uid"] is None
    assert main(["undo-checkin", str(demo_file), first["entry_uid"]]) == 0
    assert "undone" in capsys.readouterr().out
    assert main(["undo-checkin", str(demo_file), first["entry_uid"]]) == 2
    assert "already undone" in capsys.readouterr().err


def test_unknown_code_exits_2_and_bad_input_is_readable(demo_file: Path, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["checkin", str(demo_file), "ZZZZZZ", "--json"]) == 2
    assert _json(capsys) == {"status": "unknown_code", "attendee": None, "session": None, "at_utc": None,
                             "entry_uid": None}
    assert main(["checkin", str(demo_file), "ZZZZZZ", "--session", "nope"]) == 2
    err = capsys.readouterr().err
    assert "no session with uid 'nope'" in err and "Traceback" not in err
    assert main(["checkin", str(tmp_path / "missing.lday"), "ZZZZZZ"]) == 2
    assert "no such event file" in capsys.readouterr().err


def test_export_then_merge_log_is_idempotent(demo_file: Path, demo_template: Path, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    station = tmp_path / "station.lday"  # a laptop's own copy of the event, as the organiser's was
    shutil.copyfile(demo_template, station)
    code, _ = _fresh_code(station)
    assert main(["checkin", str(station), code, "--station", "Door B"]) == 0
    out = tmp_path / "door-b.json"
    assert main(["export-log", str(station), str(out)]) == 0
    capsys.readouterr()
    assert main(["merge-log", str(demo_file), str(out), "--json"]) == 0
    first = _json(capsys)
    assert first["entries_added"] == 1 and first["problems"] == []
    assert main(["merge-log", str(demo_file), str(out), "--json"]) == 0
    assert _json(capsys)["entries_added"] == 0
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    assert main(["merge-log", str(demo_file), str(tmp_path / "bad.json")]) == 2
    assert "not a readable station log" in capsys.readouterr().err


def test_cli_module_imports_no_qt() -> None:
    import subprocess

    code = "import sys, ui.cli.main; assert 'ui.cli.checkin' in sys.modules; print(any(m.startswith('PySide6') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
