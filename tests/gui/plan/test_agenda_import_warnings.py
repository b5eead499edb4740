"""The agenda import wizard's report shows a row imported with a hub left out as a warning (issue 13, item 4)."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.roster import make_event
from ui.document import EventDocument
from ui.workspaces.plan.import_dialog import agenda_import_wizard


def test_the_report_shows_the_hub_left_out(tmp_path: Path, qtbot) -> None:
    document = EventDocument.open(make_event(tmp_path / "hubs.lday"))
    agenda = tmp_path / "sessions.csv"
    agenda.write_text('Title,Level,Target hubs\nPrompting,2,"London; Chicago"\nAgents,3,sao paulo\n', encoding="utf-8")
    wizard = agenda_import_wizard(document, path=str(agenda))
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    with qtbot.waitSignal(wizard.import_page.ended, timeout=30000):
        wizard.next()
    page = wizard.import_page
    assert page.result is not None and page.result.created == 2, page.status.text()
    assert "1 row imported with a part left out: see the warnings below." in page.status.text()
    first = [page.report.item(0, c).text() for c in range(4)]
    assert first == ["2", "Target hubs", "Chicago", "Warning: not a hub of this event, left out: the session is for "
                                                    "London only (add the hub, then import again)"]
