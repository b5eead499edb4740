"""Start-up: the window is on screen before the core is imported, says what it opens, then shows it;
the no-screen hint names a command that runs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from tests.gui.documents import target
from ui import app, errors
from ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]


def test_the_window_frame_needs_neither_sqlalchemy_nor_the_workspaces() -> None:
    script = ("import sys; from ui.app import make_app, show_window; make_app(); w = show_window(None); "
              "print(sorted(m for m in sys.modules if m.startswith(('sqlalchemy', 'ui.workspaces'))))")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120,
                          check=False, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_the_apps_first_start_writes_no_migration_steps_to_stderr(tmp_path: Path) -> None:
    script = ("import sys; from ui.app import configure_logging; configure_logging(); "
              "from learningday.store.db import open_event; open_event(sys.argv[1], create=True).close()")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path / "new.lday")], env=env, capture_output=True,
                          check=False, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0 and (tmp_path / "new.lday").exists()
    assert done.stderr == ""


def test_it_says_what_it_opens_then_shows_the_event(qtbot, qapp, small_event_file: Path | str) -> None:
    app.make_app()
    window = app.show_window(str(small_event_file))
    qtbot.addWidget(window)
    assert window.stack.currentWidget() is window.opening
    named = "small.lday" if isinstance(small_event_file, Path) else make_url(small_event_file).database  # t_<n>
    assert window.opening.text.text() == f"Opening {named}…"
    window.grab().save("/tmp/newcomer-opening.png")
    with qtbot.waitSignal(window.event_shown, timeout=30000):
        app.open_after_first_paint(window, str(small_event_file))
    assert window.stack.currentWidget() is window.tabs and window.document is not None
    assert target(window.document) == small_event_file


def test_a_file_that_cannot_open_says_why_and_shows_the_welcome_page(qtbot, qapp, tmp_path: Path) -> None:
    bad = tmp_path / "notes.lday"
    bad.write_text("not an event", encoding="utf-8")
    app.make_app()
    window: MainWindow = app.show_window(str(bad))
    qtbot.addWidget(window)
    app.open_after_first_paint(window, str(bad))
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.welcome, timeout=30000)
    assert window.document is None and errors.shown and "notes.lday" in errors.shown[-1]


def test_the_demo_event_is_named_when_there_is_nothing_to_reopen(qapp) -> None:
    assert app.opening_what(None) == "the demo event"


def test_a_shared_event_is_named_by_its_database_never_with_its_password() -> None:
    assert app.opening_what("postgresql+psycopg://ana:s3cret@db.example.org:5433/spring_day") == "spring_day"
    assert app.opening_what("postgresql+psycopg://ana@/spring_day?host=/run/postgresql") == "spring_day"
    assert app.opening_what("postgresql+psycopg://ana:s3cret@db.example.org") == "the shared event"


@pytest.mark.parametrize(("argv", "command"), [
    (["/work/x/.venv/bin/learningday", "my event.lday"], "xvfb-run -a /work/x/.venv/bin/learningday 'my event.lday'"),
    (["main.py", "gui"], f"xvfb-run -a {sys.executable} {os.path.abspath('main.py')} gui"),
])
def test_the_no_screen_hint_names_a_command_that_runs(argv: list[str], command: str) -> None:
    hint = app.no_screen_hint(argv)
    assert command in hint and "make run" in hint


def test_without_a_screen_it_prints_the_hint_and_stops(monkeypatch, capsys) -> None:
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(sys, "argv", ["/opt/ld/.venv/bin/learningday"])
    assert app.run_gui(None) == 1
    assert "xvfb-run -a /opt/ld/.venv/bin/learningday" in capsys.readouterr().err


def test_main_py_opening_an_event_shows_its_window_before_the_cli_and_the_core(small_event_file: Path | str) -> None:
    # the path a user takes (main.py with an event's path): the CLI's command modules and SQLAlchemy wait
    # until after the first paint (a command's default once pulled the store in before the window)
    script = ("import sys, runpy; from PySide6.QtCore import QTimer; "
              "import ui.app as a; show = a.show_window\n"
              "def spy(*args, **kw):\n"
              "    w = show(*args, **kw)\n"
              "    print(sorted(m for m in sys.modules if m.startswith(('sqlalchemy', 'ui.cli.main'))), flush=True)\n"
              "    return w\n"
              "a.show_window = spy\n"
              f"sys.argv = ['main.py', {str(small_event_file)!r}, '--exit-when-shown', 'window']\n"
              "runpy.run_path('main.py', run_name='__main__')")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120,
                          check=False, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "[]"
