"""Small shared widgets: cards, headings, tables, level swatches, warning signs, time and UTC date-time boxes."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QAbstractItemModel, QTime
from PySide6.QtGui import QColor, QFont, QFontMetrics, QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QDialog,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from learningday.timeutil import UTC
from ui.typed_fields import TimeField, UtcField


class Card(QFrame):
    """A headline figure with its label underneath."""

    def __init__(self, label: str, parent: QWidget | None = None, *, compact: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        layout = QHBoxLayout(self) if compact else QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6) if compact else layout.setContentsMargins(14, 10, 14, 10)
        self.value = QLabel("–")
        self.value.setObjectName("cardValueSmall" if compact else "cardValue")
        self.caption = QLabel(label)
        self.caption.setObjectName("cardLabel")
        self.caption.setWordWrap(True)
        self.caption.setMinimumWidth(60)  # wrap rather than widen the window
        layout.addWidget(self.value)
        layout.addWidget(self.caption)

    def set_value(self, text: str, *, colour: str | None = None) -> None:
        self.value.setText(text)
        if colour:
            self.setStyleSheet(f"QFrame#card {{ border-left: 6px solid {colour}; }}")


def heading(text: str, *, sub: bool = False) -> QLabel:
    label = QLabel(text)
    label.setObjectName("subheading" if sub else "heading")
    label.setWordWrap(sub)
    return label


def card_row(cards: list[Card]) -> QWidget:
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    for card in cards:
        layout.addWidget(card)
    return row


def percent(part: int, whole: int) -> str:
    return f"{part / whole:.0%}" if whole else "–"


def search_box(name: str, placeholder: str) -> QLineEdit:
    box = QLineEdit()
    box.setObjectName(name)
    box.setPlaceholderText(placeholder)
    box.setClearButtonEnabled(True)
    return box


def table_view(model: QAbstractItemModel, *, row_numbers: bool = False) -> QTableView:
    """A read-only table over ``model``: whole rows selected, striped, columns sized by hand."""
    table = QTableView()
    table.setModel(model)
    table.setAlternatingRowColors(True)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    if not row_numbers:
        table.verticalHeader().hide()
    return table


def refill(box: QComboBox, items: list[tuple[str, object]]) -> None:
    """Replace a choice box's items (label, data), keeping the chosen one if it is still there,
    else the first; no signal is sent."""
    chosen = box.currentData()
    box.blockSignals(True)
    box.clear()
    for label, data in items:
        box.addItem(label, data)
    box.setCurrentIndex(max(0, box.findData(chosen)) if chosen is not None else 0)
    box.blockSignals(False)


def swatch(colour: str) -> QIcon:
    """A small square of a level's colour, beside its name or number."""
    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


def severity_icon(severity: str) -> QIcon:
    """The style's own warning or error sign: an emoji (⚠, ⛔) is an empty box where no font has it."""
    pixmap = QStyle.StandardPixmap
    return QApplication.style().standardIcon(
        pixmap.SP_MessageBoxWarning if severity == "warning" else pixmap.SP_MessageBoxCritical)


# -- small questions, their titles whole --------------------------------------------------------
#: what a title bar holds beside the title: the window's icon and its three buttons (the window manager
#: draws them; this is a generous allowance, not a measurement)
TITLE_BAR_EXTRA = 160


def title_width(dialog: QWidget) -> int:
    """How wide ``dialog`` must be to show its title whole as a title bar does: "<title> — LearningDay" (Qt
    adds the application's name), in bold."""
    font = QFont(dialog.font())
    font.setBold(True)
    shown = f"{dialog.windowTitle()} — {QApplication.applicationDisplayName()}"
    return QFontMetrics(font).horizontalAdvance(shown) + TITLE_BAR_EXTRA


def question_dialog(parent: QWidget | None, title: str, label: str, *, items: list[str] | None = None,
                    echo: QLineEdit.EchoMode = QLineEdit.EchoMode.Normal) -> QInputDialog:
    """A QInputDialog (a line, or a choice among ``items``) wide enough for its title: the static getText
    sizes it to its label alone, and a title bar then cut "Save Current As — LearningDay" short."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setTextEchoMode(echo)
    if items is not None:
        dialog.setComboBoxItems(items)
        dialog.setComboBoxEditable(False)
    # the dialog's layout (built when shown) fixes its size to the layout's, so the width goes on the label
    style, metric = dialog.style(), QStyle.PixelMetric
    margins = sum(style.pixelMetric(m, None, dialog) for m in (metric.PM_LayoutLeftMargin, metric.PM_LayoutRightMargin))
    dialog.findChild(QLabel).setMinimumWidth(title_width(dialog) - margins)
    return dialog


def ask_text(parent: QWidget | None, title: str, label: str,
             echo: QLineEdit.EchoMode = QLineEdit.EchoMode.Normal) -> tuple[str, bool]:
    """``QInputDialog.getText``, with the title whole: (the text, whether OK was pressed)."""
    dialog = question_dialog(parent, title, label, echo=echo)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    return dialog.textValue(), accepted


def ask_item(parent: QWidget | None, title: str, label: str, items: list[str]) -> tuple[str, bool]:
    """``QInputDialog.getItem`` (not editable), with the title whole: (the choice, whether OK was pressed)."""
    dialog = question_dialog(parent, title, label, items=items)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    return dialog.textValue(), accepted


# -- times --------------------------------------------------------------------------------------
def time_edit(*, end: bool = False, minutes: int | None = None) -> TimeField:
    """A 24-hour box that reads what is typed ('9', '0930', '17:30'); for an end, 00:00 (or 24:00) stands for
    midnight at the end of the day."""
    return TimeField(minutes=0 if minutes is None else minutes, end=end)


def set_minutes(box: TimeField, minutes: int) -> None:
    box.setTime(QTime((minutes // 60) % 24, minutes % 60))


def minutes_of(box: TimeField, *, end: bool = False) -> int:
    minutes = box.minutes() % (24 * 60)
    return 24 * 60 if end and minutes == 0 else minutes


def utc_edit(instant: datetime) -> UtcField:
    """A date box and a time box that show and edit ``instant`` in UTC, reading what is typed (``utc_of``)."""
    return UtcField(instant)


def utc_of(box: UtcField) -> datetime:
    return datetime.fromtimestamp(box.dateTime().toSecsSinceEpoch(), UTC)
