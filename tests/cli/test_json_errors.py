"""A `--json` command that fails prints one JSON document carrying the error, and the message on stderr too."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers.cli import run


def _error(out: str) -> dict:
    document = json.loads(out)
    assert set(document["error"]) == {"message", "kind"}
    return document["error"]


def test_a_refused_roster_says_why_in_its_json(capsys: pytest.CaptureFixture[str], demo_file: Path,
                                               tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("nothing;that;maps\n1;2;3\n", encoding="utf-8")
    status, out, err = run(capsys, "import-roster", str(demo_file), str(roster), "--json")
    error = _error(out)
    assert status == 2 and error["message"] and error["message"] in err
    assert json.loads(out)["created"] == 0


def test_a_missing_event_file_is_an_error_document(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, out, err = run(capsys, "info", str(tmp_path / "absent.lday"), "--json")
    error = _error(out)
    assert status == 2 and "absent.lday" in error["message"] and error["message"] in err
    assert error["kind"] == "event_file_error"


def test_an_unknown_hub_is_an_error_document(capsys: pytest.CaptureFixture[str], demo_file: Path) -> None:
    status, out, err = run(capsys, "agenda", str(demo_file), "--json", "--for-hub", "Nowhere")
    error = _error(out)
    assert status == 2 and "Nowhere" in error["message"] and error["kind"] == "invalid_input"
    assert "Nowhere" in err


def test_a_bad_option_with_json_is_an_error_document(capsys: pytest.CaptureFixture[str], demo_file: Path) -> None:
    with pytest.raises(SystemExit) as exited:
        run(capsys, "agenda", str(demo_file), "--json", "--level", "seven")
    out, err = capsys.readouterr()
    assert exited.value.code == 2
    error = _error(out)
    assert error["kind"] == "usage" and "--level" in error["message"] and "usage:" in err


def test_without_json_an_error_stays_one_line_on_stderr(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, out, err = run(capsys, "info", str(tmp_path / "absent.lday"))
    assert status == 2 and out == "" and err.startswith("learningday: error: ")
