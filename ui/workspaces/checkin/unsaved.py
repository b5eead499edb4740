"""Check-ins the event could not take (a full disk; a server gone or refusing): kept at the station, in order, in
the core's outbox (for an event on a server, a file on this computer), and written once it can."""

from __future__ import annotations

from datetime import datetime, timezone

from PySide6.QtCore import QObject, QTimer, Signal

from learningday.checkin.dto import CheckInResult
from learningday.checkin.outbox import Kept, Outbox
from learningday.checkin.outbox_flush import JUDGED_LATER
from learningday.errors import NotSaved
from ui.document import EventDocument
from ui.errors import show_error

#: how often the station tries again while check-ins wait
RETRY_MS = 5000


class Scan(Kept):
    """One check-in as the facilitator made it (the outbox's entry): who, where, when they came, and its uid."""

    @classmethod
    def now(cls, who: str | int, shown: str, method: str, *, session_uid: str | None, station: str,
            facilitator: str, override: str | None = None, over_capacity: bool = False,
            hub: str | None = None) -> Scan:
        return cls(who, shown, method, session_uid, station, facilitator, now(), override, over_capacity, hub)


def not_saved_banner(reason: str, who: str, *, server: bool = False) -> str:
    """The red banner of a check-in the event could not take: never green (the line below it says it is kept);
    on a server, that it is kept to retry and judged by the door rules only when it arrives."""
    return f"✗  Not saved: {reason} — {who}" + (f"\nKept to retry; {JUDGED_LATER}" if server else "")


def waiting_count(count: int, *, server: bool) -> str:
    """How many wait, in the status bar's words: "3 check-ins waiting for the server"."""
    many = f"{count:,} check-in{'s' if count != 1 else ''}"
    return f"{many} waiting for the server" if server else f"{many} kept at this station, not saved yet"


def waiting_words(count: int, reason: str, *, server: bool) -> str:
    """The station's line while check-ins wait: how many, why, and when it tries again."""
    if server:
        return (f"{waiting_count(count, server=True)} ({reason}): kept on this computer and sent in the order they "
                f"came, tried again every {RETRY_MS // 1000} s or now with Retry (F6)")
    return (f"{waiting_count(count, server=False)} ({reason}): it tries again every {RETRY_MS // 1000} s, "
            "in the order they came")


def saved_words(results: list[CheckInResult]) -> tuple[str, str]:
    """The banner once the kept check-ins reached the event: how many were written, and whom a door rule held."""
    held = [r for r in results if r.held or r.status == "unknown_code"]
    kept = f"the {len(results):,} check-in{'s' if len(results) != 1 else ''} this station was keeping"
    if not held:
        return "ok", f"✓  Saved now: {kept}"
    return "warn", f"Sent now: {kept}; {len(held):,} not admitted — " + "; ".join(r.message for r in held)


def now() -> datetime:
    """The station's clock (tests set it inside a session's time)."""
    return datetime.now(timezone.utc)


class UnsavedScans(QObject):
    """The scans waiting for the event, oldest first. A new scan waits behind them: the log keeps their order."""

    #: list[CheckInResult]: the waiting scans a retry has just delivered (written, or held by a door rule)
    saved = Signal(list)
    #: a scan was kept, or a retry found the event still refusing: (how many wait, why)
    waiting = Signal(int, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.outbox = Outbox()
        self.document: EventDocument | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(RETRY_MS)
        self._timer.timeout.connect(self.retry)

    @property
    def scans(self) -> list[Kept]:
        return self.outbox.entries()

    @property
    def reason(self) -> str:
        return self.outbox.reason

    @property
    def kept_on_disk(self) -> bool:
        """Whether the scans outlive the app (an event on a server: its outbox file); else closing loses them."""
        return self.outbox.path is not None

    def follow(self, document: EventDocument) -> None:
        """The station shows ``document``: scans kept for another event are not written into this one (those
        kept for a server stay in its outbox file); what its outbox kept from an earlier run waits again."""
        if self.document is not None and document.label == self.document.label:
            self.document = document
            return
        self.outbox.close()
        self._timer.stop()
        self.document = document
        self.outbox = document.station_outbox()
        if len(self.outbox):
            self._timer.start()
            self.waiting.emit(len(self.outbox), self.reason)

    def save(self, scan: Scan) -> CheckInResult:
        """Write ``scan`` now, after the ones waiting; NotSaved when the event refuses (then it waits too)."""
        if len(self.outbox) and not self.retry():
            raise NotSaved(f"not saved: {self.reason}", reason=self.reason)
        assert self.document is not None
        return self.document.check_in(scan.who, session_uid=scan.session_uid, station=scan.station,
                                      facilitator=scan.facilitator, method=scan.method, at_utc=scan.at_utc,
                                      override=scan.override, over_capacity=scan.over_capacity, hub=scan.hub,
                                      entry_uid=scan.uid)

    def keep(self, scan: Kept, reason: str) -> None:
        self.outbox.keep(scan, reason)
        self.outbox.set_reason(reason)
        self._timer.start()
        self.waiting.emit(len(self.outbox), reason)

    def retry(self) -> bool:
        """Write the waiting scans in order, until the event refuses again; True when none is left."""
        if self.document is None or not len(self.outbox):
            self._timer.stop()
            return True
        flushed = self.document.flush_outbox(self.outbox)
        for refused in (d for d in flushed.delivered if d.error is not None):  # its session was deleted meanwhile
            show_error(parent=None, exc=refused.error, title="A waiting check-in was not saved")
        if not flushed.waiting:
            self._timer.stop()
        done = [d.result for d in flushed.delivered if d.result is not None]
        if done:
            self.saved.emit(done)
        if flushed.waiting:
            self.waiting.emit(flushed.waiting, flushed.reason)
        return not flushed.waiting
