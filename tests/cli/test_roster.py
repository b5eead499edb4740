"""The roster commands: import-roster (json report, exit 2, file untouched), attendees, export-roster, badges."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.helpers import sha256
from tests.helpers.backends import Backend
from tests.helpers.cli import run
from tests.helpers.roster import ROSTER, make_event


@pytest.fixture()
def event(tmp_path: Path, backend: Backend) -> str | Path:
    return backend.take(make_event(tmp_path / "cli.lday"))


def test_import_roster_json_then_attendees_json(capsys, event: Path) -> None:
    status, out, err = run(capsys, "import-roster", str(event), str(ROSTER / "utf8_bom.csv"), "--json")
    assert status == 0, err
    report = json.loads(out)
    assert (report["created"], report["updated"], report["skipped"], report["errors"]) == (8, 0, 0, [])
    status, out, _ = run(capsys, "attendees", str(event), "--json")
    people = json.loads(out)
    assert len(people) == 8
    assert set(people[0]) >= {"uid", "name", "email", "employee_id", "department", "hub", "level", "code"}
    status, out, _ = run(capsys, "attendees", str(event), "--hub", "bangalore", "--json")
    assert sorted(p["name"] for p in json.loads(out)) == sorted(["प्रिया शर्मा", "فاطمة الزهراء"])


def test_invalid_roster_exits_2_with_the_report_and_changes_nothing(capsys, event: Path) -> None:
    digest = sha256(event)
    status, out, _ = run(capsys, "import-roster", str(event), str(ROSTER / "invalid_email_row37.csv"), "--json")
    assert status == 2
    report = json.loads(out)
    assert report["created"] == 0 and len(report["errors"]) == 1
    assert report["errors"][0]["row"] == 37 and report["errors"][0]["column"] == "Email"
    assert set(report["errors"][0]) == {"row", "column", "value", "message"}
    status, out, err = run(capsys, "import-roster", str(event), str(ROSTER / "invalid_email_row37.csv"))
    assert status == 2 and "row 37, Email: not a valid email address" in err and "nothing was imported" in err
    status, out, _ = run(capsys, "import-roster", str(event), str(ROSTER / "empty.csv"), "--json")
    assert status == 2 and "0 bytes" in json.loads(out)["errors"][0]["message"]
    assert sha256(event) == digest


def test_valid_only_skips_the_bad_row(capsys, event: Path) -> None:
    status, out, _ = run(capsys, "import-roster", str(event), str(ROSTER / "invalid_email_row37.csv"),
                         "--valid-only", "--json")
    report = json.loads(out)
    assert status == 0 and (report["created"], report["skipped"]) == (38, 1) and report["errors"][0]["row"] == 37


def test_text_output_and_mapping_option(capsys, event: Path, tmp_path: Path) -> None:
    roster = tmp_path / "odd.csv"
    roster.write_text("Who,Reach me at\nAnna,anna@example.com\n", encoding="utf-8")
    status, out, err = run(capsys, "import-roster", str(event), str(roster), "--map", "name=Who",
                           "--map", "email=Reach me at")
    assert status == 0, err
    assert out.startswith("1 created, 0 updated")


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_roster_writes_a_file_that_imports_back_unchanged(capsys, event: Path, tmp_path: Path,
                                                                  suffix: str) -> None:
    run(capsys, "import-roster", str(event), str(ROSTER / "cp1252_semicolon.csv"))
    out_file = tmp_path / f"roster{suffix}"
    status, out, _ = run(capsys, "export-roster", str(event), str(out_file))
    assert status == 0 and "4 attendees" in out and out_file.exists()
    if suffix == ".csv":
        with out_file.open(encoding="utf-8-sig", newline="") as fh:
            assert len(list(csv.reader(fh))) == 5
    status, out, _ = run(capsys, "import-roster", str(event), str(out_file), "--json")
    report = json.loads(out)
    assert (report["created"], report["updated"], report["unchanged"]) == (0, 0, 4)
    assert run(capsys, "export-roster", str(event), str(tmp_path / "r.ods"))[0] == 2


def test_badges_for_one_hub_on_letter(capsys, event: Path, tmp_path: Path) -> None:
    run(capsys, "import-roster", str(event), str(ROSTER / "utf8_bom.csv"))
    out_file = tmp_path / "badges.pdf"
    status, out, _ = run(capsys, "badges", str(event), str(out_file), "--hub", "London", "--letter")
    assert status == 0 and "4 badges" in out
    reader = PdfReader(out_file)
    text = reader.pages[0].extract_text()
    assert "Анна Смирнова" in text and "Zoë Ångström" in text and "王芳" not in text
    assert round(float(reader.pages[0].mediabox[3])) == 792
    status, _, err = run(capsys, "badges", str(event), str(out_file), "--hub", "Atlantis")
    assert status == 2 and "no hub called 'Atlantis'" in err
