"""The Attendees workspace over an EventDocument, without the main window."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from ui.document import EventDocument
from ui.workspaces.attendees.workspace import AttendeesWorkspace


@pytest.fixture()
def show_attendees(qtbot) -> Callable[[EventDocument], AttendeesWorkspace]:
    """Makes the workspace showing a document's roster, on screen at the window's size."""

    def show(document: EventDocument) -> AttendeesWorkspace:
        work = AttendeesWorkspace()
        qtbot.addWidget(work)
        work.show_event(document, document.summary(), document.sessions())
        work.resize(1400, 800)
        work.show()
        qtbot.waitExposed(work)
        return work

    return show


@pytest.fixture()
def demo_workspace(demo_file: Path, show_attendees) -> Iterator[AttendeesWorkspace]:
    """The workspace over the 1,000-attendee demo: the filters are checked against a realistic roster."""
    document = EventDocument.open(demo_file)
    yield show_attendees(document)
    document.close()
