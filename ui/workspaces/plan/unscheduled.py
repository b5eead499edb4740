"""The Plan workspace's side list of unscheduled drafts: double-click to edit, drag onto the timeline."""

from __future__ import annotations

import json

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from learningday.plan.dto import SessionRow
from learningday.setup.dto import LevelDTO
from ui.widgets import swatch

#: what a dragged draft carries: {"uid", "minutes", "level", "title"} as JSON
DRAFT_MIME = "application/x-learningday-draft"
UID_ROLE = Qt.ItemDataRole.UserRole


def draft_payload(data: QMimeData) -> dict | None:
    """The draft a drag carries, or None when it carries something else."""
    if not data.hasFormat(DRAFT_MIME):
        return None
    try:
        payload = json.loads(bytes(data.data(DRAFT_MIME)).decode("utf-8"))
    except ValueError:
        return None
    return payload if isinstance(payload, dict) and {"uid", "minutes"} <= set(payload) else None


class _DraftList(QListWidget):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("unscheduledList")
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.rows: dict[str, SessionRow] = {}

    def mimeTypes(self) -> list[str]:  # noqa: N802 - Qt's name
        return [DRAFT_MIME]

    def mimeData(self, items) -> QMimeData:  # noqa: N802, ANN001 - Qt's name and type
        data = QMimeData()
        row = self.rows.get(items[0].data(UID_ROLE)) if items else None
        if row is not None:
            payload = {"uid": row.uid, "minutes": row.duration_minutes, "level": row.level_id, "title": row.title}
            data.setData(DRAFT_MIME, json.dumps(payload).encode("utf-8"))
            data.setText(row.title)
        return data


class UnscheduledList(QWidget):
    """'Unscheduled (N)': sessions without a start, by level then title; and the way in, Import agenda…."""

    session_activated = Signal(str)
    import_requested = Signal()
    #: uid: double-click or the menu's "Place it": let the planner find the draft a slot
    place_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel()
        self.heading.setObjectName("unscheduledHeading")
        self.heading.setStyleSheet("font-weight: 600; color: #1f2a44;")
        self.import_button = QPushButton("Import agenda…")
        self.import_button.setObjectName("importAgenda")
        self.import_button.setToolTip("Sessions, facilitators or venues from a CSV or XLSX spreadsheet; "
                                      "sessions without a start land here")
        self.import_button.clicked.connect(self.import_requested)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.import_button)
        self.list = _DraftList()
        self.list.itemDoubleClicked.connect(self._on_list_itemDoubleClicked)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._on_list_customContextMenuRequested)
        self.hint = QLabel("Double-click to place it, right-click to edit, or drag onto a lane.")
        self.hint.setObjectName("subheading")
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.hint)
        #: the uids the workspace's filters let through (None: no filter)
        self.shown: frozenset[str] | None = None
        self.set_sessions([], ())

    def set_sessions(self, sessions: list[SessionRow], levels: tuple[LevelDTO, ...]) -> None:
        """Fill the list again, where the user left it: the same scroll position and chosen draft (a drop
        that scheduled one draft must not throw the user back to the top of fifty)."""
        colours = {lv.id: lv.colour for lv in levels}
        drafts = sorted((s for s in sessions if s.start_utc is None), key=lambda s: (s.level_id, s.title.casefold()))
        scrolled = self.list.verticalScrollBar().value()
        chosen = self.list.currentItem().data(UID_ROLE) if self.list.currentItem() is not None else None
        self.list.clear()
        self.list.rows = {s.uid: s for s in drafts}
        for s in drafts:
            people = ", ".join(s.facilitators) or "no facilitator yet"
            item = QListWidgetItem(f"{s.title}\nL{s.level_id} · {s.duration_minutes} min · {people}")
            item.setData(UID_ROLE, s.uid)
            item.setIcon(swatch(colours.get(s.level_id, "#888888")))
            tip = [f"Level {s.level_id}", f"{s.duration_minutes} minutes", people]
            if s.target_hubs:
                tip.append("for " + ", ".join(s.target_hubs))
            if s.venue:
                tip.append(s.venue)
            item.setToolTip(" · ".join(tip))
            self.list.addItem(item)
            if s.uid == chosen:
                self.list.setCurrentItem(item)
        if not drafts:
            placeholder = QListWidgetItem("No unscheduled sessions")
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(placeholder)
        self.show_only(self.shown)
        self.list.doItemsLayout()  # the scroll range must be known before the position is put back
        self.list.verticalScrollBar().setValue(scrolled)

    def show_only(self, uids: frozenset[str] | None) -> None:
        """Hide the drafts the workspace's filters (its search box, level, hub…) leave out; None shows all."""
        self.shown, changed = uids, False
        for item in map(self.list.item, range(self.list.count())):
            uid = item.data(UID_ROLE)
            hide = bool(uid) and uids is not None and uid not in uids
            changed = changed or hide != item.isHidden()
            item.setHidden(hide)
        if changed:  # a new search starts at its first match
            self.list.scrollToTop()
        total = len(self.list.rows)
        visible = total if uids is None else len(uids & self.list.rows.keys())
        self.heading.setText(f"Unscheduled ({visible} of {total})" if visible != total else f"Unscheduled ({total})")
        self.hint.setVisible(bool(visible))

    def count(self) -> int:
        return len(self.list.rows)

    def uids(self) -> list[str]:
        return [self.list.item(i).data(UID_ROLE) for i in range(self.list.count()) if self.list.item(i).data(UID_ROLE)]

    def _on_list_itemDoubleClicked(self, item: QListWidgetItem) -> None:
        uid = item.data(UID_ROLE)
        if uid:
            self.place_requested.emit(uid)

    def menu_for(self, uid: str) -> QMenu:
        """The right-click menu of one draft: Place it, Edit…."""
        menu = QMenu(self)
        menu.addAction("Place it", lambda: self.place_requested.emit(uid)).setObjectName("placeIt")
        menu.addAction("Edit…", lambda: self.session_activated.emit(uid)).setObjectName("editDraft")
        return menu

    def _on_list_customContextMenuRequested(self, pos) -> None:  # noqa: ANN001 - a QPoint
        item = self.list.itemAt(pos)
        uid = item.data(UID_ROLE) if item is not None else None
        if uid:
            self.menu_for(uid).exec(self.list.viewport().mapToGlobal(pos))
