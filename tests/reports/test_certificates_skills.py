"""Certificates with skills: local dates, validated levels and next step, branding, verification codes, and
per-attendee files (folder or zip) written atomically."""

from __future__ import annotations

import unicodedata
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from learningday.errors import Cancelled, InvalidInput
from learningday.reporting.branding import get_branding, set_branding
from learningday.reporting.credentials import verify_certificate
from learningday.store.db import open_event
from learningday.store.models import Attendee, Hub
from reports.report_files import ReportRequest, write_reports
from tests.helpers.backends import Backend
from tests.helpers.skills_event import CODES, build_skills_event

LOGO = Path(__file__).resolve().parents[2] / "resources" / "demo-logo.png"
SIGNATURE = LOGO.with_name("demo-signature.png")


@pytest.fixture()
def event(backend: Backend) -> Path | str:
    """The skills event, P4 moved to Sydney (their L3 at 14:00 UTC on 10 March is 01:00 on 11 March there)."""
    path = backend.empty()
    ids = build_skills_event(path)
    with open_event(path) as event_file, event_file.write() as s:
        s.get(Attendee, ids["P4"]).hub_id = s.query(Hub).filter_by(name="Sydney").one().id
        set_branding(s, issuer="Northwind Learning Academy", logo_png=LOGO.read_bytes(),
                     signature_png=SIGNATURE.read_bytes(), signer_name="Amara Okafor", signer_title="Chief Learning Officer")
    return path


def _event_files(event: Path | str) -> list[str]:
    """What the test's folder holds besides the outputs: the event file, if the event is one."""
    return [event.name] if isinstance(event, Path) else []


def _write(event: Path, out: Path, cancel=None):  # noqa: ANN001, ANN202
    with open_event(event) as event_file:
        return write_reports(event_file, ReportRequest(certificates=out), cancel=cancel)


def _texts(path: Path | bytes) -> list[str]:
    reader = PdfReader(path if isinstance(path, Path) else __import__("io").BytesIO(path))
    return [" ".join(unicodedata.normalize("NFKC", p.extract_text()).split()) for p in reader.pages]


def test_sydney_attendee_of_an_11_march_local_session_gets_11_march(event: Path, tmp_path: Path) -> None:
    pages = _texts(_write(event, tmp_path / "c.pdf").written["certificates"])
    sydney = next(p for p in pages if CODES["P4"] in p)
    assert "11 March 2027" in sydney and "10 March" not in sydney


def test_levels_validated_next_step_and_branding(event: Path, tmp_path: Path) -> None:
    out = _write(event, tmp_path / "c.pdf").written["certificates"]
    pages = _texts(out)
    pia = next(p for p in pages if "Pia One" in p)
    assert "Levels validated: AI literacy" in pia  # L1 (no check-out); L2 lacks its sign-off
    assert "Level 2:" in pia  # a Sales rep's target is 2: next, level 2's paths
    assert "Issued by Northwind Learning Academy" in pia and "Amara Okafor" in pia and "Chief Learning Officer" in pia
    assert "Verification code" in pia
    assert len(PdfReader(out).pages[0].images) == 2  # the logo and the signature


def test_verification_accepts_the_real_code_and_refuses_a_changed_one(event: Path, tmp_path: Path) -> None:
    import re

    pages = _texts(_write(event, tmp_path / "c.pdf").written["certificates"])
    pia = next(p for p in pages if "Pia One" in p)
    code = re.search(r"Verification code ([A-Z2-7]{5}-[A-Z2-7]{5})", pia).group(1)
    with open_event(event) as event_file, event_file.read() as session:
        assert verify_certificate(session, code).name == "Pia One"
        assert verify_certificate(session, code.lower().replace("-", " ")).badge == CODES["P1"]
        changed = code[:-1] + ("A" if code[-1] != "A" else "B")
        with pytest.raises(InvalidInput, match="not the code of any certificate"):
            verify_certificate(session, changed)
    with open_event(event) as event_file, event_file.write() as session:  # the content changes: the code no longer holds
        session.query(Attendee).filter_by(code=CODES["P1"]).one().name = "Pia Forged"
    with open_event(event) as event_file, event_file.read() as session, pytest.raises(InvalidInput):
        verify_certificate(session, code)


def test_one_pdf_per_attendee_in_a_folder_or_a_zip_named_by_name_and_badge(event: Path, tmp_path: Path) -> None:
    folder = _write(event, tmp_path / "certs").written["certificates"]
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted(["Pia-One-PPPPP1.pdf", "Paul-Two-PPPPP2.pdf", "HYPERLINK-x-PPPPP4.pdf"])
    archive = _write(event, tmp_path / "certs.zip").written["certificates"]
    with zipfile.ZipFile(archive) as z:
        assert sorted(z.namelist()) == names
        assert "Paul Two" in _texts(z.read("Paul-Two-PPPPP2.pdf"))[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["certs", "certs.zip", *_event_files(event)])


@pytest.mark.parametrize("name", ["c.pdf", "certs", "certs.zip"])
def test_a_cancel_leaves_no_file_and_no_folder(event: Path, tmp_path: Path, name: str) -> None:
    calls: list[int] = []
    with pytest.raises(Cancelled):
        _write(event, tmp_path / name, cancel=lambda: calls.append(1) or len(calls) > 3)
    assert sorted(p.name for p in tmp_path.iterdir()) == _event_files(event)


def test_branding_refuses_a_non_png_and_keeps_what_was_there(event: Path) -> None:
    with open_event(event) as event_file, event_file.write() as session:
        with pytest.raises(InvalidInput, match="PNG"):
            set_branding(session, logo_png=b"GIF89a not a png")
        with pytest.raises(InvalidInput, match="signer name"):
            set_branding(session, signer_name="bad\x00name")
        before = set_branding(session, issuer="Other")
        assert before.issuer == "Northwind Learning Academy"
        assert get_branding(session).logo_png == LOGO.read_bytes()
