"""The main window on a real event file: every workspace shows that event's numbers."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QSize, Qt

from learningday.setup.event import event_summary
from learningday.store.db import open_event
from learningday.store.server import server_label
from tests.gui.documents import target
from ui import errors, settings
from ui.main_window import MainWindow, demo_event_path


def _summary(path: Path | str):
    with open_event(path) as event_file, event_file.read() as session:
        return event_summary(session)


def _text(model, row: int, column: int) -> str:
    return model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole)


def test_every_workspace_shows_the_events_numbers(window: MainWindow, demo_file: Path | str, qtbot) -> None:
    summary = _summary(demo_file)
    assert window.open_path(demo_file)
    where = str(demo_file) if isinstance(demo_file, Path) else server_label(demo_file)  # no password on a server
    assert "Global AI Learning Day (demo)" in window.windowTitle() and where in window.windowTitle()
    # Plan: one row per session, first one at the event's first session time, one card per level.
    assert window.plan.model.rowCount() == summary.sessions
    assert len(window.plan.level_cards) == 5
    assert sum(int(c.value.text().split()[0]) for c in window.plan.level_cards) == summary.sessions
    assert len(window.plan.timeline.rulers) == len(summary.hubs)
    assert len(window.plan.timeline.sessions) == summary.sessions - summary.unscheduled_sessions
    # Attendees: the windowed model counts every attendee and pages them in by name.
    assert window.attendees.model.rowCount() == summary.attendees == 1000
    assert window.attendees.count_label.text() == "1,000 attendees"
    names = [_text(window.attendees.model, r, 0) for r in range(0, 1000, 97)]
    assert names == sorted(names)
    # Check-in and Reports: the headline counts of the log.
    # whole event at the station: people checked in to anything, and who registered
    assert window.checkin.session_uid is None
    assert window.checkin.session_box.count() == summary.sessions + 1
    busiest = max(window.plan.sessions, key=lambda s: s.checked_in)
    window.checkin.session_box.setCurrentIndex(window.checkin.session_box.findData(busiest.uid))
    assert window.checkin.counters["checked_in"].value.text() == f"{busiest.checked_in:,}"
    assert window.checkin.counters["registered"].value.text() == f"{busiest.registered:,}"
    with qtbot.waitSignal(window.reports.analysed, timeout=30000):
        window.tabs.setCurrentIndex(3)
    assert window.reports.cards["people"].value.text() == f"{summary.attendees_checked_in:,}"
    assert window.reports.cards["attended"].value.text() == f"{summary.checkins:,}"
    assert window.reports.level_chart.chart().series()[0].count() == 2


def test_attendee_search_and_filters_run_in_sql(window: MainWindow, demo_file: Path | str, qtbot) -> None:
    window.open_path(demo_file)
    first = _text(window.attendees.model, 0, 0)
    qtbot.keyClicks(window.attendees.search, first.split()[0][:3])
    qtbot.waitUntil(lambda: window.attendees.model.rowCount() < 1000)
    shown = window.attendees.model.rowCount()
    assert shown >= 1
    assert all(_text(window.attendees.model, r, 0).lower().startswith(first[:3].lower()) or
               _text(window.attendees.model, r, 2).startswith(first[:3].lower()) for r in range(shown))
    assert "of 1,000 attendees match" in window.attendees.count_label.text()
    window.attendees.search.clear()
    qtbot.waitUntil(lambda: window.attendees.model.rowCount() == 1000)
    window.attendees.hub_box.setCurrentIndex(window.attendees.hub_box.findText("Bangalore"))
    assert 0 < window.attendees.model.rowCount() < 1000
    assert {_text(window.attendees.model, r, 6) for r in range(window.attendees.model.rowCount())} == {"Bangalore"}


def test_times_can_be_shown_in_any_hub(window: MainWindow, demo_file: Path | str) -> None:
    window.open_path(demo_file)
    first_utc = _text(window.plan.model, 0, 0)
    box = window.plan.zone_box
    box.setCurrentIndex(box.findText("Sydney", Qt.MatchFlag.MatchStartsWith))
    first_sydney = _text(window.plan.model, 0, 0)
    assert first_utc == "Wed 10 Mar 21:30" and first_sydney == "Thu 11 Mar 08:30"
    box.setCurrentIndex(box.findText("Bangalore", Qt.MatchFlag.MatchStartsWith))
    assert _text(window.plan.model, 0, 0) == "Thu 11 Mar 03:00"


def test_bad_file_shows_one_error_and_keeps_the_open_event(window: MainWindow, demo_file: Path | str,
                                                           tmp_path: Path) -> None:
    window.open_path(demo_file)
    bad = tmp_path / "photo.lday"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    assert not window.open_path(bad)
    assert errors.shown == [f"{bad} is not a LearningDay event file (it is not a SQLite database)"]
    assert window.document is not None and target(window.document) == demo_file
    assert bad.read_bytes() == b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.mark.sqlite_only("the recent-files list holds file paths")
def test_recent_files_and_geometry_are_remembered(qtbot, demo_file: Path | str, tmp_path: Path) -> None:
    other = tmp_path / "other.lday"
    shutil.copyfile(demo_file, other)
    first = MainWindow()
    qtbot.addWidget(first)
    first.show()
    first.open_path(demo_file)
    first.open_path(other)
    first.setGeometry(40, 50, 700, 690)
    chosen = first.size()
    assert chosen != QSize(1280, 800)  # not the size a window without settings gets
    first.tabs.setCurrentIndex(2)
    first.close()
    assert settings.recent_files()[:2] == [str(other.resolve()), str(demo_file.resolve())]
    second = MainWindow()
    qtbot.addWidget(second)
    assert second.size() == chosen
    second._fill_recent_menu()
    texts = [a.text() for a in second.recent_menu.actions()]
    assert texts[0].endswith(str(other.resolve())) and texts[1].endswith(str(demo_file.resolve()))
    second.recent_menu.actions()[1].trigger()
    assert second.document is not None and second.document.path.resolve() == demo_file.resolve()
    assert second.tabs.currentIndex() == 2


def test_open_demo_event_writes_it_off_the_gui_thread(window: MainWindow, qtbot, monkeypatch) -> None:
    from learningday.demo import build

    real = build.build_demo
    monkeypatch.setattr(build, "build_demo", lambda path, **kw: real(path, attendees=50, **kw))
    assert not demo_event_path().exists()
    with qtbot.waitSignal(window.event_shown, timeout=30000):
        window.open_demo()
    assert window.document is not None and window.document.path == demo_event_path()
    assert window.attendees.model.rowCount() == 50


def test_file_new_runs_the_wizard_and_opens_the_event(window: MainWindow, tmp_path: Path, monkeypatch, qtbot) -> None:
    from learningday.setup.new_event import HubSpec
    from ui.new_event.wizard import NewEventWizard

    target = tmp_path / "fresh.lday"

    def fake_exec(wizard: NewEventWizard) -> int:
        wizard.event_page.name.setText("Tokyo AI Day")
        wizard.event_page.theme.setText("Agents at work")
        wizard.event_page.length.setValue(12)
        wizard.hubs_page.add_hub(HubSpec("Tokyo", "Asia/Tokyo"))
        wizard.choose_path = lambda: str(target)
        wizard.accept()
        return wizard.result()

    monkeypatch.setattr(NewEventWizard, "exec", fake_exec)
    window.new_event()
    summary = _summary(target)
    assert (summary.event.name, summary.event.theme, summary.event.length_minutes) == ("Tokyo AI Day", "Agents at work", 720)
    assert [(h.name, h.zone) for h in summary.hubs] == [("Tokyo", "Asia/Tokyo")]
    assert window.document is not None and window.document.path == target
    assert window.plan.model.rowCount() == 0 and window.attendees.model.rowCount() == 0
    assert len(window.plan.timeline.rulers) == 1


def test_a_cancelled_wizard_opens_nothing(window: MainWindow, monkeypatch) -> None:
    from ui.new_event.wizard import NewEventWizard

    monkeypatch.setattr(NewEventWizard, "exec", lambda wizard: NewEventWizard.DialogCode.Rejected)
    window.new_event()
    assert window.document is None


def test_item_models_pass_qtmodeltester(window: MainWindow, demo_file: Path | str, qtmodeltester) -> None:
    window.open_path(demo_file)
    qtmodeltester.check(window.plan.model, force_py=True)
    qtmodeltester.check(window.attendees.model, force_py=True)
    assert window.attendees.model.rowCount(window.attendees.model.index(0, 0)) == 0
    assert window.plan.model.columnCount(QModelIndex()) == len(window.plan.model.HEADERS)


def test_close_event_returns_to_the_welcome_page(window: MainWindow, demo_file: Path | str) -> None:
    window.open_path(demo_file)
    assert window.stack.currentWidget() is window.tabs
    window.close_event_file()
    assert window.stack.currentWidget() is window.welcome and window.document is None
    assert window.windowTitle() == "LearningDay"


def test_closing_the_window_closes_the_event_and_stops_its_counter(window: MainWindow, demo_file: Path | str,
                                                                  qtbot) -> None:
    assert window.open_path(demo_file)
    counter = window.counter
    assert counter is not None
    qtbot.waitUntil(counter.timer.isActive)  # ticking once the first read is in
    window.close()
    assert window.document is None and window.counter is None
    assert not counter.timer.isActive()  # it read a closed event (on a server, one maybe gone) every 500 ms


def test_plan_filters_narrow_the_table_and_dim_the_timeline(window: MainWindow, demo_file: Path | str, qtbot) -> None:
    window.open_path(demo_file)
    plan = window.plan
    total = plan.model.rowCount()
    plan.level_filter.setCurrentIndex(plan.level_filter.findData(4))
    level_four = plan.model.rowCount()
    assert 0 < level_four < total
    assert all(plan.model.row_at(r).level_id == 4 for r in range(level_four))
    assert plan.timeline.visible == {plan.model.row_at(r).uid for r in range(level_four)}
    plan.hub_filter.setCurrentIndex(plan.hub_filter.findData("Bangalore"))
    assert all("Bangalore" in plan.model.row_at(r).target_hubs for r in range(plan.model.rowCount()))
    plan.level_filter.setCurrentIndex(0)
    plan.hub_filter.setCurrentIndex(0)
    qtbot.keyClicks(plan.search, "prompt")
    assert 0 < plan.model.rowCount() < total
    assert all("prompt" in plan.model.row_at(r).title.lower() or
               any("prompt" in t for t in plan.model.row_at(r).topics) for r in range(plan.model.rowCount()))
    plan.search.clear()
    assert plan.model.rowCount() == total and plan.timeline.visible is None


def test_a_change_shows_where_it_was_made_and_elsewhere_once_shown(window: MainWindow, demo_file: Path | str) -> None:
    from learningday.plan.dto import SessionDraft
    window.open_path(demo_file)
    window.tabs.setCurrentIndex(0)
    sessions = window.checkin.session_box.count()
    assert window.plan.create_session(SessionDraft(title="Pop-up clinic", level_id=1, start_utc=None))
    assert "Pop-up clinic" in {s.title for s in window.plan.sessions}  # the Plan on screen shows it at once
    assert window.checkin.session_box.count() == sessions  # the station reads it when it is shown
    window.tabs.setCurrentIndex(2)
    assert window.checkin.session_box.count() == sessions + 1
    window.undo_stack.undo()  # on the station: it follows at once, the Plan when shown again
    assert window.checkin.session_box.count() == sessions
    assert "Pop-up clinic" in {s.title for s in window.plan.sessions}
    window.tabs.setCurrentIndex(0)
    assert "Pop-up clinic" not in {s.title for s in window.plan.sessions}


def test_the_demo_event_lives_in_one_learningday_folder(qapp) -> None:
    from ui.app import make_app
    from ui.main_window import demo_event_path

    make_app()
    path = demo_event_path()
    assert path.name == "demo.lday" and path.parent.name == "LearningDay"
    assert path.parent.parent.name != "LearningDay"  # not …/LearningDay/LearningDay/demo.lday
