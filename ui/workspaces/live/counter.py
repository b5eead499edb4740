"""The counts every screen shows, kept current on a short timer: its own writes at once, other stations' when seen."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from learningday.checkin.live_counts import LiveCounts, LiveTally, live_counts
from learningday.checkin.watch import ChangeWatcher
from learningday.errors import LearningDayError
from ui import ops
from ui.document import EventDocument

#: how often the event file is asked whether another connection wrote (a few microseconds each)
TICK_MS = 500
log = logging.getLogger(__name__)


class LiveCounter(QObject):
    """Owns the event's ``LiveTally``: ``counted`` carries fresh counts after a write by this window
    (``poke``) or by anyone else (``external`` is True then: another station, another process).

    The first read takes in the whole log (a second or more at 100k attendees), so it runs off the GUI
    thread; the ticks after it read only the entries added since, on the GUI thread (a few milliseconds)."""

    counted = Signal(object, bool)  # LiveCounts, whether another connection wrote

    def __init__(self, document: EventDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        #: None until the first read has taken in the log
        self.tally: LiveTally | None = None
        self.watcher = ChangeWatcher(document.file)  # from now on: what the first read may miss shows here
        self.counts: LiveCounts | None = None
        self._poked = False
        self._stopped = False
        self.timer = QTimer(self, interval=TICK_MS)
        self.timer.timeout.connect(self._on_timer_timeout)

        def first_read(progress, cancel) -> tuple[LiveTally, LiveCounts]:  # noqa: ANN001, ARG001 - the Job signature
            tally = LiveTally()
            return tally, document.read_with(lambda s: live_counts(s, tally))

        self._first = ops.start(first_read, parent=parent, on_done=self._on_first_read_done,
                                on_failed=lambda exc: log.warning("could not count the check-ins: %s", exc))

    def _on_first_read_done(self, result: tuple[LiveTally, LiveCounts]) -> None:
        if self._stopped:  # the event closed while the log was read
            return
        self.tally, self.counts = result
        self.timer.start()
        self.counted.emit(self.counts, False)

    def poke(self) -> None:
        """This window wrote to the log: count at the next tick (a burst of scans is counted once)."""
        self._poked = True

    def forget(self) -> None:
        """This window changed what the log does not carry (registrations, the roster): read it whole."""
        if self.tally is not None:
            self.tally.forget()
        self.poke()

    def _on_timer_timeout(self) -> None:
        changed, poked = self.watcher.changed(), self._poked
        if self.tally is None or not (changed or poked):
            return
        self._poked = False
        external = changed and not poked  # this window's own writes show in data_version too
        tally = self.tally
        try:
            self.counts = self.document.read_with(lambda s: live_counts(s, tally))
        except LearningDayError as exc:  # a file gone away: the counts stay as they were
            log.warning("could not count the check-ins: %s", exc)
            return
        self.counted.emit(self.counts, external)

    def stop(self) -> None:
        self._stopped = True
        self.timer.stop()
        self.watcher.close()
