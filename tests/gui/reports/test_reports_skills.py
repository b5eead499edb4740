"""Reports workspace and branding editor on the hand-built skills event: skills cards, the names option, the
certificates' form, and branding saved with undo."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QUndoStack

from learningday.reporting.branding import get_branding
from tests.helpers.skills_event import build_skills_event
from ui.document import EventDocument
from ui.setup.dialogs import SetupEditors
from ui.workspaces.reports.workspace import ReportsWorkspace

LOGO = Path(__file__).resolve().parents[3] / "resources" / "demo-logo.png"


@pytest.fixture()
def document(tmp_path: Path) -> Iterator[EventDocument]:
    path = tmp_path / "skills.lday"
    build_skills_event(path)
    document = EventDocument.open(path)
    yield document
    document.close()


@pytest.fixture()
def work(document: EventDocument, qtbot) -> ReportsWorkspace:
    workspace = ReportsWorkspace()
    qtbot.addWidget(workspace)
    workspace.set_document(document)
    with qtbot.waitSignal(workspace.analysed, timeout=30000):
        workspace.show()
    return workspace


def test_skills_cards_show_reach_validation_uplift_and_feedback(work: ReportsWorkspace) -> None:
    shown = {key: card.value.text() for key, card in work.skill_cards.items()}
    assert shown == {"reach": "75% (3 of 4)", "validated": "2", "uplift": "+1.7 (2.3 → 4.0)",
                     "feedback": "4.0 (60% answered)"}


def test_names_option_and_a_zip_of_certificates(work: ReportsWorkspace, tmp_path: Path, qtbot) -> None:
    work.pdf.path.setText(str(tmp_path / "report.pdf"))
    work.xlsx.enabled.setChecked(False)
    work.certificates.path.setText(str(tmp_path / "certificates.pdf"))
    work.certificate_form.setCurrentIndex(2)
    assert work.certificates.path.text() == str(tmp_path / "certificates.zip")
    work.with_names.setChecked(True)
    with qtbot.waitSignal(work.generated, timeout=120000):
        work.generate_button.click()
    text = "".join(p.extract_text() for p in PdfReader(tmp_path / "report.pdf").pages)
    assert "for internal use only" in text and "Pia One" in text
    with zipfile.ZipFile(tmp_path / "certificates.zip") as z:
        assert "Pia-One-PPPPP1.pdf" in z.namelist()
    work.certificate_form.setCurrentIndex(1)
    assert work.certificates.path.text() == str(tmp_path / "certificates")


def test_branding_saved_from_the_setup_editor_and_undone(document: EventDocument, qtbot) -> None:
    editors, stack = SetupEditors(None), QUndoStack()
    dialog = editors.open("branding", document, stack)
    qtbot.addWidget(dialog)
    dialog.issuer.setText("Northwind Learning Academy")
    dialog.logo.load(LOGO)
    dialog.signer.setText("Amara Okafor")
    dialog.logo.load(LOGO.with_name("cities.csv"))  # not a PNG: refused under the form, the logo kept
    assert "PNG" in dialog.error.text() and dialog.logo.data == LOGO.read_bytes()
    assert dialog.save()
    saved = document.read_with(get_branding)
    assert (saved.issuer, saved.signer_name, saved.logo_png) == ("Northwind Learning Academy", "Amara Okafor",
                                                                LOGO.read_bytes())
    assert stack.undoText() == "Edit certificate branding"
    stack.undo()
    assert document.read_with(get_branding).issuer == "" and document.read_with(get_branding).logo_png is None


def test_verify_a_certificate_code_from_the_workspace(work: ReportsWorkspace, document: EventDocument, qtbot) -> None:
    from learningday.reporting.credentials import event_certificates

    def code_of(s):  # noqa: ANN001, ANN202 - the code printed on Pia One's certificate
        return next(c.verification for c in event_certificates(s) if c.name == "Pia One")

    code = document.read_with(code_of)
    work.verify_code.setText(code)
    with qtbot.waitSignal(work.verified, timeout=30000) as signal:
        work.verify_button.click()
    assert signal.args == [True] and work.verify_result.text().startswith("Valid: Pia One (PPPPP1)")
    work.verify_code.setText("AAAAA-AAAAA")
    with qtbot.waitSignal(work.verified, timeout=30000) as signal:
        work.verify_code.returnPressed.emit()
    assert signal.args == [False] and "not the code of any certificate" in work.verify_result.text()
