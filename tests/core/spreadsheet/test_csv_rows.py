"""Malformed CSV rows (mixed delimiters, a quote left open) are row errors, never names like 'Ann;ann@…'."""

from __future__ import annotations

from pathlib import Path

import pytest

from learningday.plan.importing import import_agenda
from learningday.store.db import open_event
from tests.helpers.doors import import_roster_file, refused

HEADER = "Name,Email,Employee ID,Department\n"
GOOD = "".join(f"Test Person {i},tp{i}@example.org,X0000{i},Sales\n" for i in (1, 2))


def _roster(tmp_path: Path, body: str, header: str = HEADER) -> Path:
    path = tmp_path / "roster.csv"
    path.write_text(header + body, encoding="utf-8")
    return path


@pytest.mark.parametrize(("row", "words"), [
    ("Test Person 4;tp4@example.org;X00004;Sales\n", "the row has 1 cell but the header has 4"),
    ("Test Person 4,\"tp4@example.org,X00004,Sales\nTest Person 5,tp5@example.org,X00005,Sales\n",
     "the row has 2 cells but the header has 4"),
    ("Test Person 4,tp4@example.org,X00004,Sales,Oslo\n", "the row has 5 cells but the header has 4"),
    ("Test Person 4,tp4@example.org\n", "the row has 2 cells but the header has 4"),
    ("\"Test Person 4;tp4@example.org\",,X00004,Sales\n", "Name holds several values and an email"),
])
def test_a_row_not_split_as_the_header_is_a_row_error(event: Path, tmp_path: Path, row: str, words: str) -> None:
    exc = refused(event, lambda: import_roster_file(event, _roster(tmp_path, GOOD + row)))
    assert [i.row for i in exc.issues] == [4] and words in exc.issues[0].message
    result = import_roster_file(event, _roster(tmp_path, GOOD + row), valid_only=True)
    assert (result.created, result.skipped) == (2, 1)


@pytest.mark.parametrize("body", [
    "\"Lee, Ann\",ann@example.org,X1,Sales\n",       # a delimiter inside quotes, no email beside it
    "Ann,ann@example.org,X1,Sales,,,\n",             # empty cells past the header: a spreadsheet's padding
    "Ann,ann@example.org,X1,\"R&D; AI\"\n",          # another delimiter without an email
])
def test_well_formed_rows_stillimport_roster_file(event: Path, tmp_path: Path, body: str) -> None:
    assert import_roster_file(event, _roster(tmp_path, body)).created == 1


def test_lists_and_free_text_may_hold_delimiters_emails_and_line_breaks(small, tmp_path: Path) -> None:
    agenda = tmp_path / "sessions.csv"
    agenda.write_text("Title,Level,Facilitators,Description,Topics\n"
                      "Prompting,2,\"Ada Byron <ada@example.com>; Bo <bo@example.com>\","
                      "\"Questions? ai@example.com, or the chat.\nBring\ta laptop.\",\"safety\nagents\"\n",
                      encoding="utf-8")
    with open_event(small.path) as event_file, event_file.write() as session:
        result = import_agenda(session, agenda, create_missing=True)
    assert (result.created, result.issue_count, result.created_facilitators) == (1, 0, ("Ada Byron", "Bo"))
