"""File ▸ Connect to Shared Event…: a database server's event opened like a file; a password asked, never kept.

The URL remembered in the settings names no password: libpq finds one in a pgpass or service file, or the
facilitator types it when the server asks, and it lives only in the open connection's memory.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QInputDialog, QLineEdit, QSpinBox, QWidget

from ui import settings

DRIVER = "postgresql+psycopg"
#: what libpq says when the server wants a password it was not given, or the one given was wrong
DEFAULT_PORT = 5432
PASSWORD_WANTED = ("no password supplied", "password authentication failed")


def shared_url(*, host: str, port: int, database: str, user: str, service: str = "", password: str = "") -> str:
    """The SQLAlchemy URL of a shared event; a host that is a folder is a unix socket (libpq's own rule)."""
    from sqlalchemy.engine import URL

    socket = host.startswith("/")
    query = {"service": service, "host": host if socket else "",
             "port": str(port) if socket and port != DEFAULT_PORT else ""}  # the socket's file is named by it
    return URL.create(DRIVER, username=user or None, password=password or None, host=None if socket else host or None,
                      port=port if host and not socket else None, database=database or None,
                      query={k: v for k, v in query.items() if v}).render_as_string(hide_password=False)


def last_shared_url() -> str:
    return str(settings.settings().value("shared/last_url", "") or "")


class ConnectDialog(QDialog):
    """Host, port, database and user (or a libpq service name); ``url`` once accepted, with no password."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Connect to Shared Event"))
        self.setMinimumWidth(420)
        self.service, self.host, self.database, self.user = (QLineEdit() for _ in range(4))
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(DEFAULT_PORT)
        self.service.setPlaceholderText(self.tr("optional: a name in pg_service.conf"))
        self.host.setPlaceholderText(self.tr("db.example.org, or a socket folder"))
        form = QFormLayout(self)
        for label, field in ((self.tr("&Host:"), self.host), (self.tr("&Port:"), self.port),
                             (self.tr("&Database:"), self.database), (self.tr("&User:"), self.user),
                             (self.tr("&Service:"), self.service)):
            form.addRow(label, field)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton(self.tr("Connect"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self._fill(last_shared_url())

    def _fill(self, url: str) -> None:
        if not url:
            return
        from sqlalchemy.engine import make_url

        parts = make_url(url)
        self.host.setText(parts.host or str(parts.query.get("host", "")))
        self.port.setValue(parts.port or int(parts.query.get("port", DEFAULT_PORT)))
        self.database.setText(parts.database or "")
        self.user.setText(parts.username or "")
        self.service.setText(str(parts.query.get("service", "")))

    def url(self, password: str = "") -> str:
        return shared_url(host=self.host.text().strip(), port=self.port.value(), database=self.database.text().strip(),
                          user=self.user.text().strip(), service=self.service.text().strip(), password=password)


def wants_password(message: str) -> bool:
    return any(words in message for words in PASSWORD_WANTED)


def connect_shared(*, parent: QWidget, open_url: Callable[[str], bool], probe: Callable[[str], str | None]) -> bool:
    """Ask where, then open the event there with ``open_url``; ``probe(url)`` says why a connection fails
    (None: it connects). When the server wants a password, it is asked for and used for this connection only."""
    dialog = ConnectDialog(parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    url = dialog.url()
    settings.settings().setValue("shared/last_url", url)  # asked for below, a password is never in it
    why = probe(url)
    if why is not None and wants_password(why):
        password, ok = QInputDialog.getText(parent, dialog.tr("Password"),
                                            dialog.tr("Password for %1:").replace("%1", dialog.user.text() or url),
                                            QLineEdit.EchoMode.Password)
        if not ok:
            return False
        url = dialog.url(password)
    return open_url(url)
