"""Control characters and formula-like text from the command line: refused at the door, harmless in every file."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import update

from learningday.store.db import open_event
from learningday.store.models import Attendee, Session
from tests.helpers import sha256
from tests.helpers.backends import Backend
from tests.helpers.cli import run
from tests.helpers.roster import make_event
from tests.helpers.small_event import build_small_event

#: what an older version (or a hand edit) may have stored
DIRTY = "Ann\x01 Lee\x1b"
#: OWASP's formula starts that a plain startswith("=") misses
FORMULAS = ("＝HYPERLINK(\"http://x\")", "＋1", "＠SUM(A1)", "－2+3", "﹦1")


@pytest.fixture()
def event(tmp_path: Path, backend: Backend) -> str | Path:
    return backend.take(build_small_event(tmp_path / "cli.lday", checkins=False))


def _store(event: Path, **names: str) -> None:
    with open_event(event) as event_file, event_file.write() as session:
        for code, name in names.items():
            session.execute(update(Attendee).where(Attendee.code == code).values(name=name))
        session.execute(update(Session).where(Session.level_id == 1).values(title=f"Intro {DIRTY}"))


def test_attendee_edit_refuses_a_control_character(capsys, event: Path) -> None:
    digest = sha256(event)
    status, out, _ = run(capsys, "attendee-edit", str(event), "AAAAA1", "--name", "Ann\x01", "--role", "x\x07",
                         "--json")
    assert status == 2 and set(json.loads(out)["errors"]) == {"name", "role"}
    assert "U+0001" in json.loads(out)["errors"]["name"]
    assert sha256(event) == digest


def test_every_writer_leaves_control_characters_out(capsys, event: Path, tmp_path: Path) -> None:
    _store(event, AAAAA1=DIRTY)
    for name in ("roster.csv", "roster.xlsx"):
        status, _, err = run(capsys, "export-roster", str(event), str(tmp_path / name))
        assert status == 0, err
    with (tmp_path / "roster.csv").open(encoding="utf-8-sig", newline="") as fh:
        assert "Ann Lee" in [row[2] for row in csv.reader(fh)]
    assert "Ann Lee" in [row[2] for row in load_workbook(tmp_path / "roster.xlsx").active.iter_rows(values_only=True)]
    status, _, err = run(capsys, "report", str(event), "--xlsx", str(tmp_path / "report.xlsx"), "--pdf",
                         str(tmp_path / "report.pdf"))
    assert status == 0, err
    book = load_workbook(tmp_path / "report.xlsx")
    assert "Ann Lee" in [row[1] for row in book["Attendees"].iter_rows(values_only=True)]
    assert "Intro Ann Lee" in [row[0] for row in book["Sessions"].iter_rows(values_only=True)]
    assert run(capsys, "badges", str(event), str(tmp_path / "badges.pdf"))[0] == 0
    text = PdfReader(tmp_path / "badges.pdf").pages[0].extract_text()
    assert "Ann Lee" in text and "\x01" not in text


def test_formula_like_names_are_guarded_in_csv_and_text_in_xlsx_and_import_back(capsys, tmp_path: Path,
                                                                               backend: Backend) -> None:
    event = backend.take(make_event(tmp_path / "roster.lday"))
    roster = tmp_path / "in.csv"
    roster.write_text("Name,Email\n" + "".join(f"{n},p{i}@example.com\n" for i, n in enumerate(FORMULAS)),
                      encoding="utf-8")
    assert run(capsys, "import-roster", str(event), str(roster))[0] == 0
    out = tmp_path / "roster.csv"
    assert run(capsys, "export-roster", str(event), str(out))[0] == 0
    with out.open(encoding="utf-8-sig", newline="") as fh:
        names = [row[2] for row in csv.reader(fh)]
    assert sorted(names[1:]) == sorted("'" + name for name in FORMULAS)
    assert run(capsys, "export-roster", str(event), str(tmp_path / "roster.xlsx"))[0] == 0
    cells = {c.value: c.data_type for row in load_workbook(tmp_path / "roster.xlsx").active.iter_rows()
             for c in row}
    assert all(cells[name] == "s" for name in FORMULAS)
    status, printed, _ = run(capsys, "import-roster", str(event), str(out), "--json")
    assert status == 0 and json.loads(printed)["unchanged"] == len(FORMULAS)
