"""Certificates read back with pypdf: who gets one, what it says, names in five scripts, cancel."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from learningday.analytics import ReportCancelled, analyse
from learningday.db import open_event
from learningday.framework import FRAMEWORK
from learningday.errors import InvalidInput
from reports.certificates import write_certificates
from tests.small_event import NAMES, TITLES, build_small_event


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory):
    path = build_small_event(tmp_path_factory.mktemp("cert") / "small.lday")
    with open_event(path) as event_file, event_file.read() as session:
        return analyse(session)


def _texts(path: Path) -> list[str]:
    return [unicodedata.normalize("NFKC", p.extract_text()) for p in PdfReader(path).pages]


def test_one_page_per_attendee_with_names_in_five_scripts(small, tmp_path: Path) -> None:
    pages = _texts(write_certificates(small, tmp_path / "certificates.pdf"))
    assert len(pages) == 5  # A2 only missed sessions
    text = "\n".join(pages)
    for key in ("A1", "A3", "A4", "A5", "A6"):  # Latin (Ł, ż), Cyrillic, CJK, Greek, Arabic
        assert NAMES[key] in text
    assert not any("अ" in p for p in pages)
    lucja = next(p for p in pages if NAMES["A1"] in p)
    assert "2.5 learning hours in 2 sessions" in lucja
    assert TITLES[0] in lucja and TITLES[1] in lucja and "AI literacy, Hands-on with AI" in lucja
    for path in FRAMEWORK[1].learning_paths:  # level 2 is the highest she attended
        assert path in lucja


def test_a_folder_of_one_pdf_each(small, tmp_path: Path) -> None:
    out = write_certificates(small, tmp_path / "certs")
    files = sorted(out.iterdir())
    assert len(files) == 5 and all(f.suffix == ".pdf" for f in files)
    assert [p for f in files for p in _texts(f) if NAMES["A4"] in p]
    with pytest.raises(InvalidInput):
        write_certificates(small, out)  # not over a folder that holds files


def test_cancel_leaves_no_file_and_no_folder(small, tmp_path: Path) -> None:
    for name in ("c.pdf", "folder"):
        calls: list[int] = []
        with pytest.raises(ReportCancelled):  # cancelled after three pages
            write_certificates(small, tmp_path / name, cancelled=lambda: calls.append(1) or len(calls) > 3)
    assert list(tmp_path.iterdir()) == []


def test_nobody_attended(tmp_path: Path) -> None:
    path = build_small_event(tmp_path / "empty.lday", checkins=False)
    with open_event(path) as event_file, event_file.read() as session:
        result = analyse(session)
    pages = _texts(write_certificates(result, tmp_path / "none.pdf"))
    assert len(pages) == 1 and "Nobody has attended" in pages[0]
