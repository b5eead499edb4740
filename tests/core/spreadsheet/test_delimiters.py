"""The delimiter is the one that splits the rows steadily and gives a header that maps, not csv.Sniffer's
guess: a quoted cell full of another delimiter does not change it (issue 13, item 1)."""

from __future__ import annotations

from pathlib import Path

import pytest

from learningday.roster.importing import attendee_spec
from learningday.roster.rows import iter_attendee_rows
from learningday.setup.reference import Reference
from learningday.spreadsheet.engine import preview
from learningday.store.db import open_event
from tests.helpers.agenda import run_import, sessions_on_disk
from tests.helpers.doors import import_roster_file

LINK = '"=HYPERLINK(""http://x.example"",""click"")"'


def _write(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "file.csv"
    path.write_bytes(text.encode(encoding))
    return path


def _names(event: Path) -> list[str]:
    with open_event(event) as event_file, event_file.read() as session:
        return sorted(r.name for r in iter_attendee_rows(session))


def test_a_semicolon_cp1252_roster_with_commas_in_a_quoted_cell(event: Path, tmp_path: Path) -> None:
    roster = _write(tmp_path, f"Name;E-mail;Department;Hub\r\n{LINK};ann@x.example;Sales;London\r\n"
                              "Renée O’Brien;renee@x.example;Qualité;São Paulo\r\n"
                              "José Núñez;jose@x.example;Développement;Tokyo\r\n", "cp1252")
    result = import_roster_file(event, roster, encoding="cp1252")
    assert (result.delimiter, result.created, result.issue_count) == (";", 3, 0)
    # the formula-like name is kept as text (spreadsheet.text), whole: its commas did not split it
    assert '=HYPERLINK("http://x.example","click")' in _names(event)[0]
    with open_event(event) as event_file, event_file.read() as session:
        spec = attendee_spec(Reference.load(session))
    shown = preview(roster, spec, encoding="cp1252")
    assert (shown.delimiter, shown.mapping.headers) == (";", ("Name", "E-mail", "Department", "Hub"))


def test_a_comma_roster_with_semicolons_in_a_quoted_cell(event: Path, tmp_path: Path) -> None:
    roster = _write(tmp_path, 'Name,E-mail,Hub\r\n"=HYPERLINK(""http://x.example"";""click"")",ann@x.example,London\r\n'
                              "Bo Chen,bo@x.example,Tokyo\r\n")
    result = import_roster_file(event, roster)
    assert (result.delimiter, result.created, result.issue_count) == (",", 2, 0)


def test_a_tab_roster_with_commas_in_a_quoted_cell(event: Path, tmp_path: Path) -> None:
    roster = _write(tmp_path, f"Name\tE-mail\tHub\r\n{LINK}\tann@x.example\tLondon\r\nBo Chen\tbo@x.example\tTokyo\r\n")
    result = import_roster_file(event, roster)
    assert (result.delimiter, result.created, result.issue_count) == ("\t", 2, 0)


def test_a_tab_agenda_with_tabs_and_commas_in_a_quoted_cell(small, tmp_path: Path) -> None:
    agenda = _write(tmp_path, f'Title\tLevel\tDescription\r\n{LINK}\t2\t"Bring\ta laptop, and\tnotes"\r\n'
                              'Agents\t3\t"Tools,\tplans"\r\n')
    result = run_import(small.path, agenda)
    assert (result.kind, result.delimiter, result.created, result.issue_count) == ("sessions", "\t", 2, 0)
    assert sessions_on_disk(small.path)["Agents"]["description"] == "Tools,\tplans"


@pytest.mark.parametrize("names", [
    ["Ann Lee", "Smith, Jr.", "Bo Chen"],       # a comma that no other row has: not a second column
    ["Ann Lee", "Lee; Ann", "Bo Chen"],
    ["Ann Lee", '"Chen, Bo; Jr."', "Ann | Lee"],
])
def test_a_one_column_roster(event: Path, tmp_path: Path, names: list[str]) -> None:
    roster = _write(tmp_path, "Name\r\n" + "".join(f"{n}\r\n" for n in names))
    result = import_roster_file(event, roster)
    assert (result.created, result.issue_count) == (3, 0)
    assert _names(event) == sorted(n.strip('"') for n in names)

