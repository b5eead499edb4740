"""Reports workspace: files written off the GUI thread, read back; a cancel leaves nothing."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from pypdf import PdfReader

from ui.main_window import MainWindow


def test_generate_writes_the_three_files(window: MainWindow, demo_file: Path, tmp_path: Path, qtbot) -> None:
    window.open_path(demo_file)
    work = window.reports
    with qtbot.waitSignal(work.analysed, timeout=30000):
        window.tabs.setCurrentIndex(3)
    work.pdf.path.setText(str(tmp_path / "report.pdf"))
    work.xlsx.path.setText(str(tmp_path / "day.xlsx"))
    work.certificates.path.setText(str(tmp_path / "certificates.pdf"))
    with qtbot.waitSignal(work.generated, timeout=120000) as signal:
        work.generate_button.click()
    outcome = signal.args[0]
    assert set(outcome.written) == {"pdf", "xlsx", "certificates"}
    text = PdfReader(tmp_path / "report.pdf").pages[2].extract_text()
    assert f"{outcome.analytics.overall.attended:,}" in text
    assert "Summary" in load_workbook(tmp_path / "day.xlsx", read_only=True).sheetnames
    assert len(PdfReader(tmp_path / "certificates.pdf").pages) == outcome.certificate_count
    assert work.open_button.isEnabled() and "Written" in work.status.text()


def test_cancel_leaves_no_file(window: MainWindow, demo_file: Path, tmp_path: Path, qtbot) -> None:
    window.open_path(demo_file)
    work = window.reports
    out = tmp_path / "out"
    out.mkdir()
    work.pdf.enabled.setChecked(False)
    work.xlsx.enabled.setChecked(False)
    work.certificates.path.setText(str(out / "certificates.pdf"))
    with qtbot.waitSignal(work.panel.ended, timeout=60000):
        work.generate()
        work.cancel()  # the job stops at its next check, before the file is renamed into place
    assert "Cancelled" in work.status.text()
    assert list(out.iterdir()) == []


def test_a_bad_request_is_refused_before_any_work(window: MainWindow, demo_file: Path, tmp_path: Path) -> None:
    window.open_path(demo_file)
    work = window.reports
    work.pdf.path.setText(str(tmp_path / "nowhere" / "r.pdf"))
    work.generate()
    assert not work.panel.running and "does not exist" in work.status.text()
    work.pdf.enabled.setChecked(False)
    work.xlsx.enabled.setChecked(False)
    work.certificates.enabled.setChecked(False)
    work.generate()
    assert "say what to write" in work.status.text()
