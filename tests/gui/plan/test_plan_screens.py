"""The Plan workspace as a user sees it (issue 13, item 10): conflict signs drawn by the style (no emoji a font
may lack), whole tab labels, a coverage matrix whose hubs all show, an Export button whose arrow has its own room."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QAbstractButton

from learningday.plan import sessions as agenda
from learningday.plan.dto import SessionDraft
from learningday.store.db import open_event
from learningday.store.models import Hub
from tests.helpers.planning import Small, at
from ui.main_window import MainWindow
from ui.workspaces.plan.workspace import PlanWorkspace

#: emoji and symbols that have stood for a sign; a font without them draws an empty box
SIGNS = "⛔⚠✓✗❌✅❗"


@pytest.fixture()
def plan(window: MainWindow, small: Small) -> PlanWorkspace:
    """Five hubs, coverage gaps, Room A booked twice (a conflict)."""
    with open_event(small.path) as event_file, event_file.write() as s:
        s.add_all([Hub(name="Sydney", zone="Australia/Sydney", position=4),
                   Hub(name="São Paulo", zone="America/Sao_Paulo", position=5)])
        s.flush()
        for title in ("Prompting at the door", "Prompting again"):
            agenda.create_session(s, SessionDraft(title=title, level_id=2, start_utc=at(1),
                                                  venue_id=small.venues["Room A"]))
    window.resize(1400, 900)
    window.open_path(small.path)
    return window.plan


def test_conflict_signs_are_style_icons_not_glyphs(plan: PlanWorkspace) -> None:
    table = plan.conflict_table
    assert table.rowCount() >= 1
    for row in range(table.rowCount()):
        mark = table.item(row, 0)
        assert not any(sign in mark.text() for sign in SIGNS) and mark.text() == ""
        assert not mark.icon().isNull() and mark.toolTip() in {"error", "warning"}
    assert not plan.checks.tabIcon(0).isNull()  # the worst sign also on the tab
    assert not any(sign in plan.checks.tabText(i) for i in range(plan.checks.count()) for sign in SIGNS)


@pytest.mark.parametrize("current", [0, 1])
def test_the_check_tabs_show_their_labels_whole(plan: PlanWorkspace, current: int) -> None:
    plan.checks.setCurrentIndex(current)
    bar = plan.checks.tabBar()
    assert plan.checks.tabText(1).startswith("Coverage (") and plan.checks.tabText(1).endswith(" gaps)")
    for index in range(bar.count()):
        font = QFont(bar.font())
        font.setPointSizeF(10)  # the style sheet's size for these tabs, bold as the selected one is drawn
        font.setBold(True)
        needed = QFontMetrics(font).horizontalAdvance(bar.tabText(index))
        if not bar.tabIcon(index).isNull():
            needed += bar.iconSize().width()
        assert bar.tabRect(index).width() >= needed, bar.tabText(index)
        assert bar.tabRect(index).right() < bar.width()  # no tab pushed out of sight behind scroll buttons
    assert bar.width() <= plan.checks.width()


def test_every_hub_of_five_shows_in_the_coverage_matrix_without_scrolling(plan: PlanWorkspace, qtbot) -> None:
    plan.checks.setCurrentIndex(1)
    table = plan.coverage_table
    qtbot.waitUntil(table.isVisible)
    assert table.horizontalScrollBar().maximum() == 0 and table.verticalScrollBar().maximum() == 0
    hubs = [table.verticalHeaderItem(r).text() for r in range(table.rowCount())]
    assert hubs == ["London", "Bangalore", "Tokyo", "Sydney", "São Paulo"] and table.columnCount() == 5
    viewport = table.viewport().rect()
    assert all(viewport.contains(table.visualRect(table.model().index(r, c)))
               for r in range(table.rowCount()) for c in range(table.columnCount()))
    assert [table.horizontalHeaderItem(c).text() for c in range(5)] == ["1", "2", "3", "4", "5"]
    assert table.horizontalHeaderItem(0).toolTip().startswith("Level 1 · ")


def _drawn(button: QAbstractButton) -> set[tuple[int, int, int]]:
    """Every pixel of the button as drawn now: (x, y, colour)."""
    image = button.grab().toImage()
    return {(x, y, image.pixel(x, y)) for x in range(image.width()) for y in range(image.height())}


def _box(pixels: set[tuple[int, int, int]]) -> QRect:
    xs, ys = [p[0] for p in pixels], [p[1] for p in pixels]
    return QRect(QPoint(min(xs), min(ys)), QPoint(max(xs), max(ys)))


def test_the_export_buttons_arrow_sits_beside_its_text(plan: PlanWorkspace) -> None:
    """Drawn three ways at one size: with text and arrow, with the arrow only, bare. What the text adds and
    what the arrow adds must not share a pixel's box."""
    button = plan.export_button
    assert button.menu() is not None and button.isEnabled()
    button.setFixedSize(button.size())
    text = button.text()
    whole = _drawn(button)
    button.setText("")
    arrow_only = _drawn(button)
    menu = button.menu()
    button.setMenu(None)
    bare = _drawn(button)
    button.setMenu(menu)
    button.setText(text)
    text_box, arrow_box = _box(whole - arrow_only), _box(arrow_only - bare)
    assert not text_box.intersects(arrow_box), (text_box, arrow_box)
