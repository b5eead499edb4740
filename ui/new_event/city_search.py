"""A search box over the city list: suggestions as you type, Enter or a click picks a hub."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from learningday.errors import InvalidInput
from learningday.setup import cities
from learningday.setup.cities import City
from learningday.setup.new_event import HubSpec, parse_hub

CITY_ROLE = Qt.ItemDataRole.UserRole + 1


def suggestion_text(city: City, typed: str) -> str:
    """'Bangalore — Asia/Kolkata', with the old name that matched: 'Bangalore (Bengaluru) — …'."""
    alias = cities.also_known_as(city, typed)
    return f"{city.name} ({alias}) — {city.zone}" if alias else city.label


class CitySearch(QLineEdit):
    """Type a city, an old name of one or an IANA zone; ``picked`` gives the hub it names.

    'Name=Zone@09:00-17:00' (as on the command line) is understood too. Enter never reaches the
    dialog's default button: it picks the highlighted suggestion, the exact name typed, or the
    first suggestion, in that order; text that names nothing emits ``not_found``.
    """

    picked = Signal(object)  # HubSpec
    not_found = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, limit: int = 10) -> None:
        super().__init__(parent)
        self.limit = limit
        self.suggestions: list[City] = []
        self._model = QStandardItemModel(self)
        self._completer = QCompleter(self._model, self)
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setMaxVisibleItems(limit)
        self.setCompleter(self._completer)
        self._by_text: dict[str, City] = {}
        self.textEdited.connect(self._on_self_textEdited)
        self._completer.activated[str].connect(self._on_completer_activated)
        self.setClearButtonEnabled(True)

    @property
    def popup_visible(self) -> bool:
        return self._completer.popup().isVisible()

    def suggestion_texts(self) -> list[str]:
        return [self._model.item(row).text() for row in range(self._model.rowCount())]

    def _on_self_textEdited(self, text: str) -> None:
        self.suggestions = cities.search(text, self.limit) if "=" not in text and "@" not in text else []
        self._model.clear()
        self._by_text.clear()
        for city in self.suggestions:
            shown = suggestion_text(city, text)
            item = QStandardItem(shown)
            item.setData(city, CITY_ROLE)
            self._model.appendRow(item)
            self._by_text[shown] = city
        if self.suggestions:
            self._completer.setCompletionPrefix("")
            self._completer.complete()
        else:
            self._completer.popup().hide()

    def _on_completer_activated(self, text: str) -> None:
        city = self._by_text.get(text)
        if city is not None:  # runs after the line edit took the suggestion's text
            self._emit(HubSpec(city.name, city.zone))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            self.pick()
            return
        super().keyPressEvent(event)

    def pick(self) -> None:
        """What Enter does: the highlighted suggestion, the exact name, or the first suggestion."""
        popup = self._completer.popup()
        index: QModelIndex = popup.currentIndex() if popup.isVisible() else QModelIndex()
        popup.hide()
        if index.isValid():
            city = index.data(CITY_ROLE)
            self._emit(HubSpec(city.name, city.zone))
            return
        text = self.text().strip()
        if not text:
            return
        chosen = self._by_text.get(text)
        if chosen is not None:
            self._emit(HubSpec(chosen.name, chosen.zone))
            return
        try:
            self._emit(parse_hub(text))
            return
        except InvalidInput as exc:
            error = exc.message
        if self.suggestions and "=" not in text and "@" not in text:
            self._emit(HubSpec(self.suggestions[0].name, self.suggestions[0].zone))
        else:
            self.not_found.emit(error)

    def _emit(self, hub: HubSpec) -> None:
        self.clear()
        self.suggestions = []
        self._model.clear()
        self._by_text.clear()
        self.picked.emit(hub)
