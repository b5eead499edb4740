"""The Attendees table's filters (hub, level, department, registration state, search) and its counts."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import rows
from ui.workspaces.attendees.workspace import AttendeesWorkspace

ARRIVED = ("EXISTS (SELECT 1 FROM checkins AS c WHERE c.attendee_id = a.id AND c.kind IN ('check_in', 'walk_in') "
           "AND NOT EXISTS (SELECT 1 FROM checkins AS u WHERE u.kind = 'undo' AND u.reverses_uid = c.uid))")
STATE_SQL = {
    "registered": "EXISTS (SELECT 1 FROM registrations AS r WHERE r.attendee_id = a.id AND r.status = 'registered')",
    "waitlisted": "EXISTS (SELECT 1 FROM registrations AS r WHERE r.attendee_id = a.id AND r.status = 'waitlisted')",
    "unregistered": "NOT EXISTS (SELECT 1 FROM registrations AS r WHERE r.attendee_id = a.id "
                    "AND r.status IN ('registered', 'waitlisted'))",
    "checked_in": ARRIVED,
}


def _ids(path: Path | str, where: str, **params) -> set[int]:
    return {i for (i,) in rows(path, f"SELECT a.id FROM attendees AS a WHERE {where}", **params)}


#: a word of the name, or the email, begins so (LOWER: PostgreSQL's LIKE minds the case, SQLite's does not)
WORD_OR_EMAIL = "(LOWER(a.name) LIKE :whole OR LOWER(a.name) LIKE :word OR LOWER(a.email) LIKE :mail)"


def _like(word: str) -> dict[str, str]:
    word = word.lower()
    return {"whole": f"{word} %", "word": f"% {word}%", "mail": f"{word}%"}


def _shown(work: AttendeesWorkspace) -> set[int]:
    model = work.model
    return {model.row_at(r).id for r in range(model.rowCount())}


@pytest.mark.parametrize("state", list(STATE_SQL))
def test_registration_state_and_department_filters_match_the_file(demo_workspace: AttendeesWorkspace,
                                                                  demo_file: Path | str, state: str) -> None:
    work = demo_workspace
    work.state_box.setCurrentIndex(work.state_box.findData(state))
    expected = _ids(demo_file, STATE_SQL[state])
    assert 0 < len(expected) < 1000
    assert _shown(work) == expected
    assert work.count_label.text() == f"{len(expected):,} of 1,000 attendees match"
    department = work.department_box.itemData(2)
    work.department_box.setCurrentIndex(2)
    assert _shown(work) == expected & _ids(demo_file, "a.department = :department", department=department)


def test_search_text_combines_with_the_filters(demo_workspace: AttendeesWorkspace, demo_file: Path | str,
                                              qtbot) -> None:
    work = demo_workspace
    first = work.model.row_at(0).name.split()[0]
    work.level_box.setCurrentIndex(work.level_box.findData(3))
    work.search.setText(first.upper())
    qtbot.waitUntil(lambda: work.model.query.text == first.upper())
    expected = _ids(demo_file, f"a.level_id = 3 AND {WORD_OR_EMAIL}", **_like(first))
    assert _shown(work) == expected and expected
    assert [work.model.row_at(r).name for r in range(len(expected))] == sorted(
        work.model.row_at(r).name for r in range(len(expected)))
    work.search.setText("")
    qtbot.waitUntil(lambda: work.model.query.text == "")
    assert _shown(work) == _ids(demo_file, "a.level_id = 3")


def test_search_text_combines_with_the_department(demo_workspace: AttendeesWorkspace, demo_file: Path | str,
                                                 qtbot) -> None:
    work = demo_workspace
    department = work.department_box.itemData(2)
    first = next(row.name.split()[0] for row in map(work.model.row_at, range(work.model.rowCount()))
                 if row.department == department)
    work.department_box.setCurrentIndex(2)
    work.search.setText(first.lower())
    qtbot.waitUntil(lambda: work.model.query.text == first.lower())
    expected = _ids(demo_file, f"a.department = :department AND {WORD_OR_EMAIL}", department=department,
                    **_like(first))
    assert _shown(work) == expected and expected


def test_past_the_cap_the_rest_is_counted_off_the_gui_thread(demo_workspace: AttendeesWorkspace, demo_file: Path | str,
                                                             qtbot) -> None:
    work = demo_workspace
    work.model.COUNT_CAP = 40
    work.state_box.setCurrentIndex(work.state_box.findData("registered"))
    expected = _ids(demo_file, STATE_SQL["registered"])
    assert work.model.rowCount() == 40 or work.model.exact  # the worker may already be back
    qtbot.waitUntil(lambda: work.model.exact, timeout=10000)
    assert work.model.rowCount() == len(expected) and _shown(work) == expected
    assert work.count_label.text() == f"{len(expected):,} of 1,000 attendees match"


def test_the_places_model_passes_qtmodeltester(demo_workspace: AttendeesWorkspace, qtmodeltester) -> None:
    work = demo_workspace
    work.state_box.setCurrentIndex(work.state_box.findData("waitlisted"))
    work.select_row(0)
    assert work.panel.places.rowCount() > 0
    qtmodeltester.check(work.panel.places, force_py=True)


def test_a_header_click_sorts_in_sql_and_the_order_survives_new_filters(demo_workspace: AttendeesWorkspace,
                                                                          demo_file: Path | str, qtbot) -> None:
    from PySide6.QtCore import QPoint, Qt

    work = demo_workspace
    header = work.table.horizontalHeader()
    email = work.model.HEADERS.index("Email")

    def emails() -> list[str]:
        return [work.model.row_at(r).email for r in range(work.model.rowCount())]

    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(header.sectionViewportPosition(email) + 5, header.height() // 2))
    everyone = sorted(e for (e,) in rows(demo_file, "SELECT email FROM attendees"))
    assert emails() == everyone and work.model.query.order == "email"
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(header.sectionViewportPosition(email) + 5, header.height() // 2))
    assert emails() == everyone[::-1] and work.model.query.descending
    work.state_box.setCurrentIndex(work.state_box.findData("registered"))  # a new filter keeps the order
    shown = emails()
    assert shown == sorted(shown, reverse=True) and len(shown) < len(everyone)
    assert work.count_label.text().startswith(f"{len(shown):,} of 1,000")
