"""Date and time boxes that read what is typed whole ('2027-03-10', '10 Mar', '9:30', '1415'): the wizard's,
the setup editors' hours, the event's and a session's start (a UTC date and time).

A QDateEdit or QTimeEdit reads keys section by section: typed into the weekday of 'Wed 6 Jan 2027', or with
the cursor inside a section, digits and month names are dropped (issue 13, item 10). These are
line edits whose text goes through the core's readers (``parse_day``, ``parse_clock``); Up and
Down step, and the date box has a calendar. A text that is no date or time keeps its words in
``problem`` (the page shows them) and the last good value stays.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QTimer, QTimeZone, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QStyle,
    QWidget,
    QWidgetAction,
)

from learningday.errors import InvalidInput


def _rules():
    """The core's clock rules, imported when a box first needs them: they bring SQLAlchemy, and ui.widgets (which
    holds these boxes) is imported before the window first shows."""
    from learningday.setup import rules

    return rules

_INVALID = "QLineEdit { border: 2px solid #b42318; border-radius: 3px; padding: 1px; }"


class _TypedField(QLineEdit):
    """A line edit holding one value; subclasses read text (``_read``) and write it (``_text``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.problem = ""
        self.textEdited.connect(self._on_self_textEdited)
        self.editingFinished.connect(self._on_self_editingFinished)

    def _on_self_textEdited(self, text: str) -> None:
        try:
            value = self._read(text)
        except InvalidInput as exc:
            self._flag(exc.message)
            return
        self._flag("")
        self._take(value)

    def _on_self_editingFinished(self) -> None:
        if not self.problem:
            self.setText(self._text())  # the typed words, written the usual way
        self._edit_done()

    def _flag(self, problem: str) -> None:
        if problem != self.problem:
            self.problem = problem
            self.setStyleSheet(_INVALID if problem else "")
            self.setToolTip(problem or self._hint)
            self._announce()

    def _show(self) -> None:
        """The value was set from outside: show it, forget any half-typed text."""
        self._flag("")
        self.setText(self._text())
        self._edit_done()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        # after the click that gave the focus placed the cursor: typing replaces (self as the context: a box
        # closed meanwhile is not called)
        QTimer.singleShot(0, self, self.selectAll)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        steps = {Qt.Key.Key_Up: 1, Qt.Key.Key_Down: -1}
        if event.key() in steps and not self.problem:
            self._step(steps[event.key()])
            return
        super().keyPressEvent(event)

    # what a subclass says
    _hint = ""

    def _read(self, text: str) -> object: ...
    def _take(self, value: object) -> None: ...
    def _text(self) -> str: ...
    def _step(self, sign: int) -> None: ...
    def _announce(self) -> None: ...
    def _edit_done(self) -> None: ...


class DateField(_TypedField):
    """A day: '2027-03-10', '10 Mar 2027', 'March 10', '10' (of the month shown); Up/Down a day."""

    dateChanged = Signal(QDate)
    _hint = "Type a date such as 2027-03-10 or 10 Mar 2027, or pick one from the calendar"

    def __init__(self, day: QDate, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._date = day
        self._base: date | None = None  # the day shown when typing began: what the text leaves out
        self.setToolTip(self._hint)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        self._menu = QMenu(self)
        holder = QWidgetAction(self._menu)
        holder.setDefaultWidget(self.calendar)
        self._menu.addAction(holder)
        self.pick = self.addAction(self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowDown),
                                   QLineEdit.ActionPosition.TrailingPosition)
        self.pick.setToolTip("Pick the date from a calendar")
        self.pick.triggered.connect(self._on_pick_triggered)
        self.calendar.clicked.connect(self._on_calendar_clicked)
        self.setText(self._text())

    def date(self) -> QDate:
        return self._date

    def setDate(self, day: QDate) -> None:
        self._take(day)
        self._show()

    def _read(self, text: str) -> date:
        if self._base is None:
            self._base = self._date.toPython()
        from learningday.setup.new_event import parse_day

        return parse_day(text, self._base)

    def _take(self, value: object) -> None:
        day = value if isinstance(value, QDate) else QDate(value.year, value.month, value.day)  # type: ignore[attr-defined]
        if day != self._date:
            self._date = day
            self.dateChanged.emit(day)

    def _text(self) -> str:
        return self._date.toString("ddd d MMM yyyy")

    def _step(self, sign: int) -> None:
        self.setDate(self._date.addDays(sign))

    def _announce(self) -> None:
        self.dateChanged.emit(self._date)  # the page shows the problem (or stops showing it)

    def _edit_done(self) -> None:
        self._base = None

    def _on_pick_triggered(self) -> None:
        self.calendar.setSelectedDate(self._date)
        self._menu.popup(self.mapToGlobal(self.rect().bottomLeft()))

    def _on_calendar_clicked(self, day: QDate) -> None:
        self._menu.close()
        self.setDate(day)


class TimeField(_TypedField):
    """A time of day: '09:30', '9:30', '0930', '9', '17h30'; Up/Down a quarter of an hour. An ``end``
    box may say 24:00 (midnight at the end of the day); 00:00 typed there means the same."""

    timeChanged = Signal(QTime)
    _hint = "Type a 24-hour time such as 09:30"

    def __init__(self, *, minutes: int = 0, end: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.end = end
        self._minutes = self._fit(minutes)
        self.setToolTip(self._hint)
        self.setMaxLength(8)
        self.setFixedWidth(self.fontMetrics().horizontalAdvance("00:00") + 28)
        self.setText(self._text())

    def _fit(self, minutes: int) -> int:
        day = _rules().DAY
        return day if self.end and minutes % day == 0 else minutes % day

    def minutes(self) -> int:
        return self._minutes

    def time(self) -> QTime:
        return QTime((self._minutes // 60) % 24, self._minutes % 60)

    def setTime(self, time: QTime) -> None:
        self._take(time.hour() * 60 + time.minute())
        self._show()

    def _read(self, text: str) -> int:
        minutes = _rules().parse_clock(text)
        if minutes == _rules().DAY and not self.end:
            raise InvalidInput("24:00 ends a day; a start is 00:00 to 23:59")
        return minutes

    def _take(self, value: object) -> None:
        minutes = self._fit(int(value))  # type: ignore[call-overload]
        if minutes != self._minutes:
            self._minutes = minutes
            self.timeChanged.emit(self.time())

    def _text(self) -> str:
        return _rules().hhmm(self._minutes)

    def _step(self, sign: int) -> None:
        quarters = self._minutes // 15 + 1 if sign > 0 else -(-self._minutes // 15) - 1  # to the next quarter
        self._take(quarters * 15)
        self._show()

    def _announce(self) -> None:
        self.timeChanged.emit(self.time())


class UtcField(QWidget):
    """A UTC instant as a typed day and a typed time, read and set like a QDateTimeEdit (``dateTime``,
    ``setDateTime``, ``dateTimeChanged``) so that the forms using one keep their code."""

    dateTimeChanged = Signal(QDateTime)

    def __init__(self, instant: datetime, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.day = DateField(QDate(instant.year, instant.month, instant.day))
        self.day.setAccessibleName("Date (UTC)")
        self.day.setMinimumWidth(self.day.fontMetrics().horizontalAdvance("Wed 10 Mar 2027") + 40)
        self.clock = TimeField(minutes=instant.hour * 60 + instant.minute)
        self.clock.setAccessibleName("Time (UTC)")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.day)
        layout.addWidget(self.clock)
        layout.addWidget(QLabel("UTC"))
        layout.addStretch(1)
        self.setFocusProxy(self.day)
        self.day.dateChanged.connect(self._on_part_changed)
        self.clock.timeChanged.connect(self._on_part_changed)

    @property
    def problem(self) -> str:
        """What is wrong with the typed text ('' when both boxes read); the last good value stands meanwhile."""
        return self.day.problem or self.clock.problem

    def dateTime(self) -> QDateTime:
        return QDateTime(self.day.date(), self.clock.time(), QTimeZone.utc())

    def setDateTime(self, moment: QDateTime) -> None:
        utc = moment.toTimeZone(QTimeZone.utc())
        with_signals = not self.signalsBlocked()
        self.blockSignals(True)  # one dateTimeChanged for the day and the time together
        self.day.setDate(utc.date())
        self.clock.setTime(utc.time())
        self.blockSignals(not with_signals)
        self._on_part_changed()

    def _on_part_changed(self, *_: object) -> None:
        self.dateTimeChanged.emit(self.dateTime())
