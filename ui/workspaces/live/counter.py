"""The counts every screen shows, kept current on a short timer: its own writes at once, other stations' when seen."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from learningday.checkin.live_counts import LiveCounts, LiveTally, live_counts
from learningday.checkin.watch import ChangeWatcher
from learningday.errors import LearningDayError
from ui.document import EventDocument

#: how often the event file is asked whether another connection wrote (a few microseconds each)
TICK_MS = 500
log = logging.getLogger(__name__)


class LiveCounter(QObject):
    """Owns the event's ``LiveTally``: ``counted`` carries fresh counts after a write by this window
    (``poke``) or by anyone else (``external`` is True then: another station, another process)."""

    counted = Signal(object, bool)  # LiveCounts, whether another connection wrote

    def __init__(self, document: EventDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.tally = LiveTally()
        self.watcher = ChangeWatcher(document.file)
        self.counts: LiveCounts | None = None
        self._poked = False
        self.timer = QTimer(self, interval=TICK_MS)
        self.timer.timeout.connect(self._on_timer_timeout)
        self.timer.start()

    def poke(self) -> None:
        """This window wrote to the log: count at the next tick (a burst of scans is counted once)."""
        self._poked = True

    def _on_timer_timeout(self) -> None:
        changed, poked = self.watcher.changed(), self._poked
        if not (changed or poked or self.counts is None):  # the first tick counts
            return
        self._poked = False
        external = changed and not poked  # this window's own writes show in data_version too
        try:
            self.counts = self.document.read_with(lambda s: live_counts(s, self.tally))
        except LearningDayError as exc:  # a file gone away: the counts stay as they were
            log.warning("could not count the check-ins: %s", exc)
            return
        self.counted.emit(self.counts, external)

    def stop(self) -> None:
        self.timer.stop()
        self.watcher.close()
