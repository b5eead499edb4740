"""The import wizard's preview says when the encoding is not certain, and lets the user choose it."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from learningday.store.db import open_event
from learningday.store.models import Attendee
from tests.gui.documents import target
from tests.helpers.backends import Backend
from tests.helpers.roster import make_event
from ui.document import EventDocument
from ui.import_wizard import ImportWizard

NAMES = ["김철수", "이영희"]


def test_an_unsure_encoding_is_shown_and_the_chosen_one_imported(tmp_path: Path, backend: Backend, qtbot) -> None:
    document = EventDocument.open(make_event(backend))
    roster = tmp_path / "korean.csv"
    roster.write_bytes(("Name,Email\n" + "".join(f"{n},p{i}@example.com\n" for i, n in enumerate(NAMES)))
                       .encode("euc_kr"))
    wizard = ImportWizard(document, path=str(roster))
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()  # file -> mapping
    page = wizard.mapping_page
    assert page.encoding_note.isVisible() and "not sure of the encoding" in page.encoding_note.text()
    assert page.sample.item(0, 0).text() != NAMES[0]  # the first guess misreads it: the user can see so
    page.encoding.setCurrentIndex(page.encoding.findText("euc_kr"))
    page.encoding.activated.emit(page.encoding.currentIndex())
    assert page.sample.item(0, 0).text() == NAMES[0] and "euc_kr" in page.detected.text()
    with qtbot.waitSignal(wizard.import_page.ended, timeout=30000):
        wizard.next()  # mapping -> import
    assert wizard.import_page.result is not None, wizard.import_page.status.text()
    with open_event(target(document)) as event_file, event_file.read() as session:
        assert list(session.scalars(select(Attendee.name).order_by(Attendee.id))) == NAMES
