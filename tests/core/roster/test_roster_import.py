"""Roster import: every fixture either imports exactly what it should or is refused, file untouched."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select

from learningday.errors import Cancelled, InvalidInput, LearningDayError
from learningday.roster.importing import attendee_spec, import_roster
from learningday.setup.reference import Reference
from learningday.setup.roles import RoleMatcher, list_role_levels, set_role_level
from learningday.spreadsheet.engine import ImportRefused, preview
from learningday.store.db import open_event
from learningday.store.models import Attendee, Hub
from tests.data.roster.make_roster_fixtures import huge_cell
from tests.helpers import sha256
from tests.helpers.roster import ROSTER, make_event


@pytest.fixture()
def event(tmp_path: Path) -> Path:
    return make_event(tmp_path / "roster.lday")


def people(path: Path) -> dict[str, tuple]:
    with open_event(path) as event_file, event_file.read() as session:
        rows = session.execute(
            select(Attendee.name, Attendee.email, Attendee.employee_id, Attendee.department, Attendee.role,
                   Hub.name, Attendee.level_id, Attendee.code, Attendee.uid).outerjoin(Hub)
        ).all()
    return {r.employee_id or r.email: tuple(r) for r in rows}


def run_import(path: Path, roster: Path, **kw):
    with open_event(path) as event_file, event_file.write() as session:
        return import_roster(session, roster, **kw)


@pytest.mark.parametrize("name", ["utf8_bom.csv", "utf16_tab.csv", "title_row.xlsx"])
def test_wide_rosters_import_every_script(event: Path, name: str) -> None:
    result = run_import(event, ROSTER / name)
    assert (result.created, result.updated, result.skipped, result.issue_count) == (8, 0, 0, 0)
    got = people(event)
    assert got["E1005"][:7] == ("Анна Смирнова", "anna.smirnova@example.com", "E1005", "Research",
                                "Research Scientist", "London", 5)
    assert got["E1006"][0] == "王芳" and got["E1006"][6] == 3  # level given as "L3"
    assert got["E1007"][0] == "प्रिया शर्मा" and got["E1007"][6] == 3  # data engineer -> 3, from the role table
    assert got["E1008"][5] == "Bangalore"  # hub given by its IANA zone
    assert got["E1004"][6] == 2  # level given by its name
    assert got["E1002"][6] == 1  # sales -> 1-2: starts at 1
    assert result.levels_from_role == 2
    assert len({row[7] for row in got.values()}) == 8 and len({row[8] for row in got.values()}) == 8


def _workbook_without_row_numbers(path: Path, rows: list[list[str]]) -> Path:
    """A minimal XLSX whose rows and cells carry no 'r' reference (optional in the format; some writers omit it)."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    data = "".join("<row>" + "".join(f'<c t="inlineStr"><is><t>{v}</t></is></c>' for v in row) + "</row>"
                   for row in rows)
    with zipfile.ZipFile(path, "w") as book:
        book.writestr("xl/workbook.xml", f'<workbook xmlns="{main}" xmlns:r="http://schemas.openxmlformats.org/'
                      'officeDocument/2006/relationships"><sheets><sheet name="People" sheetId="1" r:id="rId1"/>'
                      "</sheets></workbook>")
        book.writestr("xl/_rels/workbook.xml.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/'
                      'package/2006/relationships"><Relationship Id="rId1" Target="worksheets/sheet1.xml"/>'
                      "</Relationships>")
        book.writestr("xl/worksheets/sheet1.xml", f'<worksheet xmlns="{main}"><sheetData>{data}</sheetData></worksheet>')
    return path


def test_xlsx_rows_without_row_numbers_are_numbered_in_order(event: Path, tmp_path: Path) -> None:
    roster = _workbook_without_row_numbers(tmp_path / "plain.xlsx", [
        ["Name", "Email"], ["Ada Lovelace", "ada@example.com"], ["Alan Turing", "not-an-email"]])
    exc = _refused(event, roster)
    assert [(i.row, i.column) for i in exc.issues] == [(3, "Email")]
    result = run_import(event, roster, valid_only=True)
    assert (result.created, result.skipped) == (1, 1)
    assert people(event)["ada@example.com"][0] == "Ada Lovelace"


def test_xlsx_header_is_looked_for_on_every_sheet(event: Path, tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Read me"
    book.active.append(["Exported from HR"])
    book.create_sheet("People").append(["Name", "Email"])
    book["People"].append(["Ada Lovelace", "ada@example.com"])
    book.save(found := tmp_path / "second_sheet.xlsx")
    del book["People"]
    book.create_sheet("Totals").append(["42"])
    book.save(neither := tmp_path / "no_header.xlsx")
    with open_event(event) as event_file, event_file.read() as session:
        spec = attendee_spec(Reference.load(session))
    assert preview(found, spec).sheet == "People"
    assert run_import(event, found).created == 1
    with pytest.raises(ImportRefused, match="starts with: Exported from HR"):  # the first sheet's problem
        preview(neither, spec)


def test_cp1252_semicolons_and_synonyms(event: Path) -> None:
    result = run_import(event, ROSTER / "cp1252_semicolon.csv")
    assert (result.encoding, result.delimiter, result.created) == ("cp1252", ";", 4)
    got = people(event)
    assert got["E1001"][:6] == ("Zoë Ångström", "zoe.angstrom@example.com", "E1001", "Finance", "Financial Analyst",
                                "London")
    assert got["E1003"][5] == "São Paulo"


def test_xlsx_header_below_a_title_and_a_merged_grouping_row(event: Path) -> None:
    with open_event(event) as event_file, event_file.read() as session:
        spec = attendee_spec(Reference.load(session))
    shown = preview(ROSTER / "title_row.xlsx", spec, rows=2)
    assert shown.format == "xlsx" and shown.mapping.header_row == 3
    assert shown.mapping.headers[-1] == "AI level"  # the empty trailing column is dropped
    assert shown.mapping.header_of("email") == "Work email" and shown.mapping.header_of("hub") == "Location"
    assert [n for n, _ in shown.rows] == [4, 5]


def test_duplicates_differing_in_case_update_instead_of_creating(event: Path) -> None:
    result = run_import(event, ROSTER / "duplicates_case.csv")
    assert (result.created, result.merged, result.issue_count) == (2, 2, 0)
    got = people(event)
    assert got["E1001"][0] == "ZOË ÅNGSTRÖM" and got["E1001"][4] == "Senior Financial Analyst"
    assert got["E1002"][6] == 2
    assert all("repeats row" in n.message for n in result.notices)
    # Against existing people: the same file again recognises them by employee id or email.
    again = run_import(event, ROSTER / "duplicates_case.csv")
    assert (again.created, again.updated) == (0, 0) and again.unchanged == 2


def test_existing_person_matched_by_email_case_insensitively_is_updated(event: Path, tmp_path: Path) -> None:
    run_import(event, ROSTER / "utf8_bom.csv")
    before = people(event)["E1005"]
    roster = tmp_path / "one.csv"
    roster.write_text("Name,Email,Department\nAnna S.,ANNA.SMIRNOVA@Example.com,Research Lab\n", encoding="utf-8")
    result = run_import(event, roster)
    assert (result.created, result.updated) == (0, 1)
    after = people(event)["E1005"]
    assert after[0] == "Anna S." and after[3] == "Research Lab" and after[7:] == before[7:]  # same code and uid
    assert "updates existing attendee" in result.notices[0].message


def _refused(event: Path, roster: Path, **kw) -> ImportRefused | InvalidInput:
    digest = sha256(event)
    with pytest.raises(InvalidInput) as caught:
        run_import(event, roster, **kw)
    assert sha256(event) == digest, "a refused import changed the event file"
    return caught.value


def test_merged_rows_are_counted_past_the_notices_kept(event: Path, tmp_path: Path) -> None:
    from learningday.spreadsheet.engine import MAX_ISSUES

    twice = MAX_ISSUES + 200
    roster = tmp_path / "concatenated.csv"
    roster.write_text("Name,Email\n" + "".join(f"P{i},p{i}@example.com\n" for i in range(twice)) * 2, encoding="utf-8")
    result = run_import(event, roster)
    assert (result.created, result.merged, len(result.notices)) == (twice, twice, MAX_ISSUES)


def test_invalid_email_on_row_37_refuses_the_whole_file(event: Path) -> None:
    exc = _refused(event, ROSTER / "invalid_email_row37.csv")
    assert isinstance(exc, ImportRefused)
    assert [(i.row, i.column, i.value) for i in exc.issues] == [(37, "Email", "person37(at)example.com")]
    assert "not a valid email address" in exc.issues[0].message
    assert "row 37" in exc.message and "nothing was imported" in exc.message
    assert people(event) == {}


def test_valid_only_imports_the_other_rows(event: Path) -> None:
    result = run_import(event, ROSTER / "invalid_email_row37.csv", valid_only=True)
    assert (result.created, result.skipped, result.issue_count) == (38, 1, 1)
    assert result.issues[0].row == 37 and "E2037" not in people(event)


@pytest.mark.parametrize(("name", "words"), [
    ("missing_required.csv", "no 'Name' column"),
    ("empty.csv", "empty (0 bytes)"),
    ("binary.csv", "not a text file"),
])
def test_unusable_files_are_refused_and_leave_the_event_untouched(event: Path, name: str, words: str) -> None:
    exc = _refused(event, ROSTER / name)
    assert words in exc.message


def test_a_5_mb_cell_is_refused(event: Path, tmp_path: Path) -> None:
    exc = _refused(event, huge_cell(tmp_path / "huge.csv"))
    assert "row 2" in exc.message and "characters" in exc.message


def test_unknown_hub_bad_level_and_missing_name_are_reported_per_row(event: Path, tmp_path: Path) -> None:
    roster = tmp_path / "bad.csv"
    roster.write_text("Name,Email,Hub,Level\nA,a@example.com,Atlantis,2\n,b@example.com,London,\n"
                      "C,c@example.com,Asia/Tokyo,7\nD,d@example.com,Europe/Paris,\n", encoding="utf-8")
    exc = _refused(event, roster)
    assert [(i.row, i.column) for i in exc.issues] == [(2, "Hub"), (3, "Name"), (4, "Level"), (5, "Hub")]
    assert "unknown hub" in exc.issues[0].message and "1 to 5" in exc.issues[2].message


def test_conflicting_employee_ids_for_one_email_are_refused(event: Path, tmp_path: Path) -> None:
    run_import(event, ROSTER / "utf8_bom.csv")
    roster = tmp_path / "clash.csv"
    roster.write_text("Name,Email,Employee ID\nZoe,zoe.angstrom@example.com,E9999\n", encoding="utf-8")
    exc = _refused(event, roster)
    assert exc.issues[0].row == 2 and "E1001" in exc.issues[0].message


def test_column_overrides_win(event: Path, tmp_path: Path) -> None:
    roster = tmp_path / "odd.csv"
    roster.write_text("Who,Reach me at,Name\nAnna,anna@example.com,nickname\n", encoding="utf-8")
    run_import(event, roster, overrides={"name": "Who", "email": 1})
    assert people(event)["anna@example.com"][0] == "Anna"
    with pytest.raises(InvalidInput, match="no column 'Nope'"):
        run_import(event, roster, overrides={"name": "Nope"})


def test_progress_and_cancel(event: Path, tmp_path: Path) -> None:
    roster = tmp_path / "many.csv"
    roster.write_text("Name,Email\n" + "".join(f"P{i},p{i}@example.com\n" for i in range(3000)), encoding="utf-8")
    seen: list[float] = []
    run_import(event, roster, progress=lambda f, m: seen.append(f))
    assert seen == sorted(seen) and seen[-1] == 1.0 and len(seen) >= 3
    digest = sha256(event)
    calls = iter(range(100))
    with pytest.raises(Cancelled) as caught:
        run_import(event, roster, cancel=lambda: next(calls) >= 1)
    assert isinstance(caught.value, LearningDayError) and sha256(event) == digest


def test_role_table_is_editable_and_the_longest_pattern_wins(event: Path) -> None:
    with open_event(event) as event_file, event_file.write() as session:
        assert {r.pattern for r in list_role_levels(session)} >= {"sales", "analyst", "ml engineer", "research"}
        set_role_level(session, "Prompt Engineer", 2)
        matcher = RoleMatcher(list_role_levels(session))
    assert matcher.match("Senior Prompt Engineer").level_min == 2
    assert matcher.recommended_level("Lead ML Engineer") == 4
    assert matcher.recommended_level("Data Engineer II") == 3
    assert matcher.recommended_level("Administrator") == 1
    assert matcher.recommended_level("Chef") is None


def test_an_event_file_copied_before_import_still_opens(event: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.lday"
    shutil.copyfile(event, copy)
    assert run_import(copy, ROSTER / "utf8_bom.csv").created == 8


@pytest.mark.parametrize("text", ["a@example.com", "A.B@EXAMPLE.COM", "x@localhost", "x@foo.test", "x@münchen.de",
                                  "ü@x.com", "a..b@x.com", "a@-x.com", "a+b@x.co.uk", "a@x.com.", "'a@x.com",
                                  "a" * 65 + "@x.com"])
def test_fast_email_path_agrees_with_email_validator(text: str) -> None:
    from email_validator import EmailNotValidError, validate_email

    from learningday.spreadsheet.emails import parse_email
    from learningday.spreadsheet.engine import CellProblem

    try:
        expected = validate_email(text, check_deliverability=False).normalized
    except EmailNotValidError:
        with pytest.raises(CellProblem):
            parse_email(text)
    else:
        assert parse_email(text) == expected
