"""File ▸ Connect to Shared Event… against the throw-away PostgreSQL server: opened like a file, no password kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QInputDialog
from sqlalchemy.engine import make_url

from learningday.store.server import probe
from tests.helpers.backends import Backend
from ui import settings
from ui.connect_dialog import ConnectDialog, connect_shared, shared_url


def _accepting(monkeypatch: pytest.MonkeyPatch, **fields: str) -> None:
    """The dialog "filled in" with ``fields`` and Connect pressed."""
    def exec_(dialog: ConnectDialog) -> int:
        for name, value in fields.items():
            getattr(dialog, name).setText(value)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ConnectDialog, "exec", exec_)


@pytest.mark.postgres
def test_connect_opens_the_shared_event_and_names_its_server(qtbot, window, pg_cluster, pg_demo: str, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    backend = Backend("postgresql", tmp_path, pg_cluster)
    url = make_url(str(backend.empty(template=pg_demo)))
    try:
        _accepting(monkeypatch, host=str(url.query["host"]), database=url.database, user=url.username)
        monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: pytest.fail("trust needs no password"))
        window.connect_shared()
        assert window.document is not None and window.document.path is None
        assert window.document.summary().attendees == 1000
        assert f"{url.database} on {url.query['host']}" in window.windowTitle()
        assert window.backup_keeper.path is None and not window.restore_action.isEnabled()  # the server's own job
        assert settings.settings().value("shared/last_url") == window.document.file.url
        window.close_event_file()
        dialog = ConnectDialog()  # the next time, the fields are as they were
        qtbot.addWidget(dialog)
        assert (dialog.database.text(), dialog.user.text()) == (url.database, url.username)
        dialog.grab().save("/tmp/pg2/connect-dialog.png")
    finally:
        backend.drop()


def test_a_password_is_asked_when_the_server_wants_one_and_never_kept(qtbot, window,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    _accepting(monkeypatch, host="db.example.org", database="day", user="door7")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("s3cret", True))
    opened: list[str] = []
    connect_shared(parent=window, open_url=lambda u: opened.append(u) or True,
                   probe=lambda u: None if "s3cret" in u else 'FATAL:  password authentication failed for user "door7"')
    assert opened == ["postgresql+psycopg://door7:s3cret@db.example.org:5432/day"]
    ini = Path(settings.settings().fileName()).read_text()
    assert "db.example.org" in ini and "s3cret" not in ini


def test_a_service_or_a_socket_folder_makes_the_url_libpq_reads() -> None:
    assert shared_url(host="", port=5432, database="", user="", service="learningday") == \
        "postgresql+psycopg://?service=learningday"
    assert shared_url(host="/run/postgresql", port=5432, database="day", user="u") == \
        "postgresql+psycopg://u@/day?host=%2Frun%2Fpostgresql"


def test_probe_says_why_a_server_cannot_be_reached(tmp_path: Path) -> None:
    why = probe(shared_url(host=str(tmp_path), port=5432, database="day", user="u"))
    assert why is not None and "No such file" in why
