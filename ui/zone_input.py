"""A time-zone box: type a few letters of a city (Bangalore) or of an IANA zone (Asia/Kolkata)."""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import lru_cache

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from learningday.setup import cities
from learningday.setup.clock import clock_label, windows
from learningday.timeutil import is_zone, to_local, zone_names

LIMIT = 40


@lru_cache(maxsize=1)
def _zones() -> tuple[str, ...]:
    return tuple(sorted(z for z in zone_names() if not z.startswith(("posix/", "right/"))))


def _city_suggestions(text: str, limit: int) -> list[tuple[str, str]]:
    """(label, zone) of the cities learningday.setup.cities finds for ``text``."""
    return [(f"{city.name}{', ' + city.country if city.country else ''} — {city.zone}", city.zone)
            for city in cities.search(text, limit) if not city.is_zone]


def zone_suggestions(text: str, limit: int = LIMIT) -> list[tuple[str, str]]:
    """The one hook every zone box completes from: (what the list shows, the IANA zone it enters).

    Cities first (Bangalore → Asia/Kolkata), then IANA names
    that contain the text, those whose place starts with it first ('new y' finds America/New_York).
    """
    query = text.strip().casefold().replace(" ", "_")
    if not query:
        return []
    found = _city_suggestions(text, limit)
    seen = {label for label, _ in found}
    place_first = sorted((z for z in _zones() if query in z.casefold()),
                         key=lambda z: (not z.casefold().rsplit("/", 1)[-1].startswith(query), z))
    found += [(z, z) for z in place_first if z not in seen]
    return found[:limit]


class _ZoneCompleter(QCompleter):
    """Shows 'Bangalore, India — Asia/Kolkata' and enters 'Asia/Kolkata'."""

    def pathFromIndex(self, index: QModelIndex) -> str:  # noqa: N802 - Qt's name
        return str(index.data(Qt.ItemDataRole.UserRole) or index.data())


class ZoneEdit(QLineEdit):
    """A line edit for an IANA zone, with suggestions as you type and a red frame while invalid."""

    def __init__(self, zone: str = "", parent: QWidget | None = None) -> None:
        super().__init__(zone, parent)
        self.setPlaceholderText("city or zone, e.g. Bangalore or Asia/Kolkata")
        self.suggestions = QStandardItemModel(self)
        completer = _ZoneCompleter(self.suggestions, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setMaxVisibleItems(12)
        self.setCompleter(completer)
        self.textEdited.connect(self._on_self_textEdited)
        self.textChanged.connect(self._mark)
        self._mark(zone)

    def zone(self) -> str:
        return self.text().strip()

    def _on_self_textEdited(self, text: str) -> None:
        self.suggestions.clear()
        for label, zone in zone_suggestions(text):
            item = QStandardItem(label)
            item.setData(zone, Qt.ItemDataRole.UserRole)
            self.suggestions.appendRow(item)
        if self.suggestions.rowCount():
            self.completer().complete()

    def _mark(self, text: str) -> None:
        self.setProperty("invalid", bool(text.strip()) and not is_zone(text.strip()))
        self.setStyleSheet("ZoneEdit[invalid=\"true\"] { border: 1px solid #c0392b; }")


def offset_text(zone: str, at: datetime) -> str:
    """'IST (UTC+05:30) · Thu 11 02:30 at the event start' or why the zone is not usable."""
    if not is_zone(zone):
        return "not a known time zone yet" if zone else "no time zone"
    return f"{clock_label(at, zone)} · {to_local(at, zone):%a %d %H:%M} local at the event start"


def event_windows_text(zone: str, start: datetime, length_minutes: int, rules: list[tuple[int, int]]) -> str:
    """Local wall-clock windows as the UTC spans they cover inside the event (for that date's offset)."""
    if not is_zone(zone) or not rules:
        return ""
    end = start + timedelta(minutes=length_minutes)
    found = [w for a, b in rules if a < b for w in windows(start, end, zone, a, b)]
    if not found:
        return "Outside the event window."
    return "In the event: " + "; ".join(f"{w.start:%a %d %H:%M}–{w.end:%H:%M} UTC" for w in
                                        sorted(found, key=lambda w: w.start))
