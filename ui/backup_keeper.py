"""The rolling backups of the open event file: every N minutes (a setting), off the GUI thread.

The core is imported when first needed: the window is on screen before it is.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from ui import ops, settings

log = logging.getLogger(__name__)


def backup_minutes() -> int:
    """Minutes between two backups of an open event file (setting ``backups/minutes``, at least 1)."""
    from learningday.store.backups import DEFAULT_MINUTES

    return _positive("backups/minutes", DEFAULT_MINUTES)


def backups_kept() -> int:
    """How many backups of a file are kept (setting ``backups/keep``, at least 1)."""
    from learningday.store.backups import DEFAULT_KEEP

    return _positive("backups/keep", DEFAULT_KEEP)


def _positive(key: str, default: int) -> int:
    try:
        value = int(settings.settings().value(key, default))
    except (TypeError, ValueError):
        return default
    return value if value >= 1 else default


class BackupKeeper(QObject):
    """Backs up the followed file when its time comes and it changed since its newest backup."""

    #: a backup was written (its path), or one failed (why, worded for the user)
    backed_up = Signal(object)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path: Path | None = None
        self._running = False
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.back_up_now)

    def follow(self, path: Path | None) -> None:
        """Back up ``path`` (None: a server's event, or no event) from now on."""
        self.path = path
        if path is None:
            self._timer.stop()
        else:
            self._timer.start(backup_minutes() * 60_000)

    def back_up_now(self) -> None:
        if self.path is None or self._running:
            return
        from learningday.store.backups import back_up, needs_backup

        path, keep = self.path, backups_kept()
        self._running = True
        op = ops.start(ops.quick(lambda: back_up(path, keep=keep).path if needs_backup(path) else None),
                       parent=None, on_done=self._on_op_done, on_failed=self._on_op_failed)
        op.ended.connect(self._on_op_ended)

    def _on_op_done(self, path: Path | None) -> None:
        if path is not None:
            self.backed_up.emit(path)

    def _on_op_failed(self, exc: BaseException) -> None:
        # every few minutes: said in the status bar, not in a dialog that would stop the door
        log.warning("backup failed: %s", exc)
        self.failed.emit(str(getattr(exc, "message", exc)))

    def _on_op_ended(self) -> None:
        self._running = False
