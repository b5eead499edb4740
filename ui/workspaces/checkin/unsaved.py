"""Check-ins the event file could not take (a full disk): kept at the station, in order, saved once it can."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from PySide6.QtCore import QObject, QTimer, Signal

from learningday.checkin.dto import CheckInResult
from learningday.errors import LearningDayError, NotSaved
from ui.document import EventDocument
from ui.errors import show_error

#: how often the station tries again while check-ins wait
RETRY_MS = 5000


@dataclass(frozen=True)
class Scan:
    """One check-in as the facilitator made it: who, where, and when (the time they arrived, not the time
    the disk had room again)."""

    who: str | int
    shown: str
    method: str
    session_uid: str | None
    station: str
    facilitator: str
    at_utc: datetime
    #: the door rules' override (its reason) and "admit over capacity"; the station's hub
    override: str | None = None
    over_capacity: bool = False
    hub: str | None = None

    @classmethod
    def now(cls, who: str | int, shown: str, method: str, *, session_uid: str | None, station: str,
            facilitator: str, override: str | None = None, over_capacity: bool = False,
            hub: str | None = None) -> Scan:
        return cls(who, shown, method, session_uid, station, facilitator, now(), override, over_capacity, hub)


def now() -> datetime:
    """The station's clock (tests set it inside a session's time)."""
    return datetime.now(timezone.utc)


class UnsavedScans(QObject):
    """The scans waiting for the file, oldest first. A new scan waits behind them: the log keeps their order."""

    #: list[CheckInResult]: the waiting scans a retry has just written
    saved = Signal(list)
    #: a scan was kept, or a retry found the file still refusing: (how many wait, why)
    waiting = Signal(int, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.scans: list[Scan] = []
        self.reason = ""
        self.document: EventDocument | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(RETRY_MS)
        self._timer.timeout.connect(self.retry)

    def follow(self, document: EventDocument) -> None:
        """The station shows ``document``: scans kept for another event file are not written into this one."""
        if self.document is not None and document.path != self.document.path:
            self.scans.clear()
            self._timer.stop()
        self.document = document

    def save(self, scan: Scan) -> CheckInResult:
        """Write ``scan`` now, after the ones waiting; NotSaved when the file refuses (then it waits too)."""
        if self.scans and not self.retry():
            raise NotSaved(f"not saved: {self.reason}", reason=self.reason)
        return self._write(scan)

    def _write(self, scan: Scan) -> CheckInResult:
        assert self.document is not None
        return self.document.check_in(scan.who, session_uid=scan.session_uid, station=scan.station,
                                      facilitator=scan.facilitator, method=scan.method, at_utc=scan.at_utc,
                                      override=scan.override, over_capacity=scan.over_capacity, hub=scan.hub)

    def keep(self, scan: Scan, reason: str) -> None:
        self.scans.append(scan)
        self.reason = reason
        self._timer.start()
        self.waiting.emit(len(self.scans), reason)

    def retry(self) -> bool:
        """Write the waiting scans in order, until the file refuses again; True when none is left."""
        done: list[CheckInResult] = []
        while self.scans and self.document is not None:
            try:
                done.append(self._write(self.scans[0]))
            except NotSaved as exc:
                self.reason = exc.reason
                break
            except LearningDayError as exc:  # written, but refused (its session was deleted meanwhile)
                show_error(parent=None, exc=exc, title="A waiting check-in was not saved")
            self.scans.pop(0)
        if not self.scans:
            self._timer.stop()
        if done:
            self.saved.emit(done)
        if self.scans:
            self.waiting.emit(len(self.scans), self.reason)
        return not self.scans
