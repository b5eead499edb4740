"""Undoable setup edits (hubs, venues, facilitators, the event): one transaction per step."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand

from learningday import setup
from learningday.setup_dto import EventProps

from .document import EventDocument

#: forward(session, state of the last run or None) -> state; backward(session, state)
Forward = Callable[[Any, Any], Any]
Backward = Callable[[Any, Any], None]


class SetupCommand(QUndoCommand):
    """``forward`` writes the change and returns what ``backward`` needs to take it back; a redo
    hands ``forward`` that state again (so an added row comes back with its first id)."""

    def __init__(self, document: EventDocument, text: str, forward: Forward, backward: Backward) -> None:
        super().__init__(text)
        self.document, self.forward, self.backward = document, forward, backward
        self.state: Any = None
        self._applied = False

    def apply_first(self) -> None:
        """Write the change now (a refusal raises InvalidInput, and nothing is pushed)."""
        self.state = self.document.write_with(lambda s: self.forward(s, None))
        self._applied = True

    def redo(self) -> None:
        if self._applied:  # already written by apply_first
            self._applied = False
            return
        self.state = self.document.write_with(lambda s: self.forward(s, self.state))

    def undo(self) -> None:
        self.document.write_with(lambda s: self.backward(s, self.state))


#: per kind: (add, edit, remove, restore) services of learningday.setup
SERVICES: dict[str, tuple[Callable, Callable, Callable, Callable]] = {
    "hub": (lambda s, d, i: setup.add_hub(s, d, hub_id=i), setup.edit_hub, setup.remove_hub, setup.restore_hub),
    "venue": (lambda s, d, i: setup.add_venue(s, d, venue_id=i), setup.edit_venue, setup.remove_venue,
              setup.restore_venue),
    "facilitator": (lambda s, d, i: setup.add_facilitator(s, d, facilitator_id=i), setup.edit_facilitator,
                    setup.remove_facilitator, setup.restore_facilitator),
}


def add_command(document: EventDocument, kind: str, draft: Any) -> SetupCommand:
    add, _, remove, _ = SERVICES[kind]
    return SetupCommand(document, f"Add {kind} “{draft.name.strip()}”",
                        lambda s, ident: add(s, draft, ident), lambda s, ident: remove(s, ident, detach=True))


def edit_command(document: EventDocument, kind: str, ident: int, draft: Any) -> SetupCommand:
    _, edit, _, _ = SERVICES[kind]
    return SetupCommand(document, f"Edit {kind} “{draft.name.strip()}”",
                        lambda s, _: edit(s, ident, draft), lambda s, before: edit(s, ident, before))


def remove_command(document: EventDocument, kind: str, ident: int, name: str) -> SetupCommand:
    _, _, remove, restore = SERVICES[kind]
    return SetupCommand(document, f"Remove {kind} “{name}”",
                        lambda s, _: remove(s, ident, detach=True), restore)


def reorder_hubs_command(document: EventDocument, order: list[int]) -> SetupCommand:
    return SetupCommand(document, "Reorder hubs", lambda s, _: setup.reorder_hubs(s, order), setup.reorder_hubs)


def event_command(document: EventDocument, props: EventProps) -> SetupCommand:
    return SetupCommand(document, "Edit event properties", lambda s, _: setup.edit_event(s, props),
                        setup.edit_event)
