"""Undoable setup edits (hubs, venues, facilitators, the event): one transaction per step."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from learningday.setup import services as setup
from learningday.setup.dto import EventProps
from ui.changes import EVENT, SETUP, Changes
from ui.commands import FileCommand
from ui.document import EventDocument

#: forward(session, state of the last run or None) -> state; backward(session, state)
Forward = Callable[[Any, Any], Any]
Backward = Callable[[Any, Any], None]
#: hubs, venues and facilitators: sessions and attendees show their names, so any row may change
SETUP_CHANGES = Changes.of(SETUP, sessions=None, attendees=None)


class SetupCommand(FileCommand):
    """``forward`` writes the change and returns what ``backward`` needs to take it back; a redo
    hands ``forward`` that state again (so an added row comes back with its first id)."""

    def __init__(self, document: EventDocument, text: str, forward: Forward, backward: Backward,
                 changes: Changes = SETUP_CHANGES) -> None:
        super().__init__(document, text)
        self._forward, self._backward, self.changes = forward, backward, changes
        self.state: Any = None

    def forward(self) -> None:
        """Write the change (a refusal raises InvalidInput; the first time, nothing is pushed)."""
        state = self.state
        self.state = self.document.write_with(lambda s: self._forward(s, state), self.changes).value

    def backward(self) -> None:
        self.document.write_with(lambda s: self._backward(s, self.state), self.changes)


#: per kind: (add, edit, remove, restore) services of learningday.setup.services
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
                        setup.edit_event, Changes.of(EVENT))
