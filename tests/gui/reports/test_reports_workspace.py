"""Reports workspace over the hand-counted small event: live figures, files written off the GUI thread
and read back, a cancel that leaves nothing, a refusal before any work."""

from __future__ import annotations

import threading
from functools import partial
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCore import QPoint

from reports.pdf_charts import heat_rows
from tests.gui.documents import held
from ui.document import EventDocument
from ui.workspaces.reports.heat_map import LABEL_W, TOP
from ui.workspaces.reports.workspace import ReportsWorkspace


@pytest.fixture()
def work(small_document: EventDocument, qtbot) -> ReportsWorkspace:
    """The workspace on screen with its figures computed (through the document, off the GUI thread)."""
    workspace = ReportsWorkspace()
    qtbot.addWidget(workspace)
    workspace.set_document(small_document)
    with qtbot.waitSignal(workspace.analysed, timeout=30000):
        workspace.show()
    return workspace


def test_the_live_figures_are_the_hand_counted_ones(work: ReportsWorkspace) -> None:
    shown = {key: card.value.text() for key, card in work.cards.items()}
    assert shown == {"registered": "7", "attended": "6", "rate": "43%", "people": "5", "walk_ins": "3", "hours": "6"}
    assert work.status.text() == "Choose what to write, then Generate."


def test_the_day_chart_is_the_pdf_s_heat_map_by_hub_and_local_hour(work: ReportsWorkspace, qtbot) -> None:
    assert work.analytics is not None and work.hour_map.rows == heat_rows(work.analytics)  # one source
    rows = dict(work.hour_map.rows)
    # A1 (Kathmandu, +05:45) attended S1, 03:15 UTC on 11 March: 09:00 on Kathmandu's clock, not 03
    assert rows["Kathmandu"][9] == 1 and rows["Kathmandu"][3] == 0
    assert rows["New York"][10] == 2  # A5 and A6 at S4, 15:00 UTC: 10:00 in New York (EST, -05:00)
    work.resize(1400, 800)
    qtbot.waitUntil(lambda: work.hour_map.width() > 500)  # laid out at the new size
    work.grab().save("/tmp/kioskskills-reports.png")
    width, height = work.hour_map._cell()
    kathmandu = [hub for hub, _values in work.hour_map.rows].index("Kathmandu")
    middle = QPoint(int(LABEL_W + 9.5 * width), int(TOP + (kathmandu + 0.5) * height))
    assert work.hour_map.cell_at(middle) == ("Kathmandu", 9, 1)  # what its tooltip says


def test_generate_writes_the_three_files(work: ReportsWorkspace, tmp_path: Path, qtbot) -> None:
    work.pdf.path.setText(str(tmp_path / "report.pdf"))
    work.xlsx.path.setText(str(tmp_path / "day.xlsx"))
    work.certificates.path.setText(str(tmp_path / "certificates.pdf"))
    with qtbot.waitSignal(work.generated, timeout=120000) as signal:
        work.generate_button.click()
        assert not work.generate_button.isEnabled() and work.panel.cancel_button.isEnabled()
    outcome = signal.args[0]
    assert set(outcome.written) == {"pdf", "xlsx", "certificates"}
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "report.pdf").pages)
    assert "Small Learning Day" in text and "Prompting lab" in text
    assert "Summary" in load_workbook(tmp_path / "day.xlsx", read_only=True).sheetnames
    assert len(PdfReader(tmp_path / "certificates.pdf").pages) == outcome.certificate_count == 5
    assert work.open_button.isEnabled() and work.status.text().startswith("Written — pdf: ")
    qtbot.waitUntil(work.generate_button.isEnabled)


def test_cancel_leaves_no_file(work: ReportsWorkspace, small_document: EventDocument, tmp_path: Path, qtbot,
                               monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    out.mkdir()
    work.pdf.enabled.setChecked(False)
    work.xlsx.enabled.setChecked(False)
    work.certificates.path.setText(str(out / "certificates.pdf"))
    go, write = threading.Event(), small_document.write_reports

    def held_write(request, **job):  # the real job, held until Cancel is pressed
        return held(partial(write, request), go)(**job)

    monkeypatch.setattr(small_document, "write_reports", held_write)
    with qtbot.waitSignal(work.panel.ended, timeout=60000):
        work.generate()
        work.cancel()  # it stops at its first check, before any file is renamed into place
        go.set()
    assert work.status.text() == "Cancelled: no half-written file was left."
    assert list(out.iterdir()) == [] and work.generate_button.isEnabled() and not work.open_button.isEnabled()


def test_a_bad_request_is_refused_before_any_work(work: ReportsWorkspace, tmp_path: Path) -> None:
    work.pdf.path.setText(str(tmp_path / "nowhere" / "r.pdf"))
    work.generate()
    assert not work.panel.running and "does not exist" in work.status.text()
    work.pdf.enabled.setChecked(False)
    work.xlsx.enabled.setChecked(False)
    work.certificates.enabled.setChecked(False)
    work.generate()
    assert not work.panel.running and "say what to write" in work.status.text()
