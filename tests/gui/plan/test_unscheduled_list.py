"""The Unscheduled list keeps the user's place across refreshes and follows the workspace's filters (issue 13,
item 10): scheduling one draft of forty no longer throws the list back to the top."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from learningday.plan import sessions as agenda
from learningday.plan.dto import SessionDraft
from learningday.store.db import open_event
from tests.helpers.planning import Small, at
from ui.main_window import MainWindow
from ui.workspaces.plan.workspace import PlanWorkspace

DRAFTS = 40


@pytest.fixture()
def plan(window: MainWindow, small: Small) -> PlanWorkspace:
    """Forty drafts, eight per level: "Draft 00" … "Draft 39", Draft n at level 1 + n % 5."""
    with open_event(small.path) as event_file, event_file.write() as s:
        for n in range(DRAFTS):
            agenda.create_session(s, SessionDraft(title=f"Draft {n:02d}", level_id=1 + n % 5, start_utc=None))
    window.resize(1400, 900)
    window.open_path(small.path)
    return window.plan


def _uid_in_view(plan: PlanWorkspace) -> str:
    """The draft in the middle of what the list shows now."""
    view = plan.unscheduled.list
    return view.itemAt(QPoint(10, view.viewport().height() // 2)).data(Qt.ItemDataRole.UserRole)


def _drop(plan: PlanWorkspace, uid: str, hours: int) -> None:
    """What a drop onto Room B does: schedule ``uid`` there; then back to the event loop, as after a real drop
    (the list lays its items out there)."""
    assert plan.place_session(uid, at(hours), "Room B", 60)
    QApplication.processEvents()


def test_a_drop_keeps_the_scroll_position_and_the_chosen_draft(plan: PlanWorkspace, qtbot) -> None:
    view = plan.unscheduled.list
    qtbot.waitUntil(lambda: view.verticalScrollBar().maximum() > 0)
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    chosen = _uid_in_view(plan)
    view.setCurrentItem(next(view.item(i) for i in range(view.count())
                             if view.item(i).data(Qt.ItemDataRole.UserRole) == chosen))
    where = bar.value()
    last = view.item(view.count() - 1).data(Qt.ItemDataRole.UserRole)  # far below the view
    _drop(plan, last, 2)
    assert last not in plan.unscheduled.uids() and plan.unscheduled.count() == DRAFTS - 1
    assert bar.value() == where and view.currentItem().data(Qt.ItemDataRole.UserRole) == chosen
    _drop(plan, chosen, 3)  # the chosen one itself: the drafts above it stay where they were
    assert chosen not in plan.unscheduled.uids() and bar.value() == where


def test_the_search_box_and_filters_hide_drafts_and_a_refresh_keeps_them_hidden(plan: PlanWorkspace,
                                                                                 qtbot) -> None:
    view = plan.unscheduled.list

    def shown() -> list[str]:
        return [view.item(i).text().split("\n")[0] for i in range(view.count()) if not view.item(i).isHidden()]

    qtbot.waitUntil(lambda: view.verticalScrollBar().maximum() > 0)
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    qtbot.keyClicks(plan.search, "draft 1")
    assert view.verticalScrollBar().value() == 0  # a new search shows its first match
    assert shown() == [f"Draft {n}" for n in (10, 15, 11, 16, 12, 17, 13, 18, 14, 19)]  # by level, then title
    assert plan.unscheduled.heading.text() == f"Unscheduled (10 of {DRAFTS})"
    plan.level_filter.setCurrentIndex(plan.level_filter.findData(2))
    assert shown() == ["Draft 11", "Draft 16"]
    _drop(plan, next(u for u in plan.unscheduled.uids() if plan.unscheduled.list.rows[u].title == "Draft 11"), 2)
    assert shown() == ["Draft 16"] and plan.unscheduled.heading.text() == f"Unscheduled (1 of {DRAFTS - 1})"
    plan.search.clear()
    plan.level_filter.setCurrentIndex(0)
    assert len(shown()) == DRAFTS - 1 and plan.unscheduled.heading.text() == f"Unscheduled ({DRAFTS - 1})"
