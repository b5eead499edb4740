"""Certificates read back with pypdf: who gets one, what it says, names in five scripts, cancel."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from learningday.errors import Cancelled, InvalidInput
from learningday.reporting.analytics import analyse
from learningday.store.db import open_event
from learningday.store.framework import FRAMEWORK
from reports.certificates import write_certificates
from tests.helpers.backends import Backend
from tests.helpers.small_event import NAMES, TITLES, build_small_event


@pytest.fixture(scope="module")
def small(module_backend: Backend):
    path = build_small_event(module_backend.empty())
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
        with pytest.raises(Cancelled, match="report cancelled; no file was written"):  # cancelled after three pages
            write_certificates(small, tmp_path / name, cancel=lambda: calls.append(1) or len(calls) > 3)
    assert list(tmp_path.iterdir()) == []


def test_nobody_attended(backend: Backend, tmp_path: Path) -> None:
    path = build_small_event(backend.empty(), checkins=False)
    with open_event(path) as event_file, event_file.read() as session:
        result = analyse(session)
    pages = _texts(write_certificates(result, tmp_path / "none.pdf"))
    assert len(pages) == 1 and "Nobody has attended" in pages[0]


def test_a_devanagari_name_comes_back_out_and_a_long_line_stays_inside_the_border(small, tmp_path: Path) -> None:
    import dataclasses

    first = dataclasses.replace(small.attendees[0], name=NAMES["A2"])  # प्रिया-like: matras and a conjunct
    long_name = dataclasses.replace(small.event, name="A very long learning day name " * 6)
    out = write_certificates(dataclasses.replace(small, attendees=(first,), event=long_name), tmp_path / "one.pdf")
    reader = PdfReader(out)
    assert NAMES["A2"] in unicodedata.normalize("NFKC", reader.pages[0].extract_text())  # the invisible overlay
    boxes: list[float] = []  # where each piece of text starts
    reader.pages[0].extract_text(visitor_text=lambda text, _cm, tm, _font, _size: text.strip() and boxes.append(tm[4]))
    assert boxes and min(boxes) >= 15 * 72 / 25.4  # nothing starts left of the inner border


def test_a_certificate_is_dated_on_the_attendees_own_calendar(small, tmp_path: Path) -> None:
    """The event starts 10 March 21:00 UTC; Łucja (Kathmandu, UTC+05:45) attended on 11 March, her time."""
    lucja = next(p for p in _texts(write_certificates(small, tmp_path / "c.pdf")) if NAMES["A1"] in p)
    assert "11 March 2027" in lucja and "10 March" not in lucja


def test_sessions_on_two_local_days_give_a_span(small) -> None:
    from dataclasses import replace

    from reports.certificates import local_dates

    sessions = {s.id: s for s in small.sessions}
    lucja = next(p for p in small.attendees if p.name == NAMES["A1"])
    # in New York her sessions fell at 22:15 on the 10th and at midnight on the 11th
    assert local_dates(replace(lucja, hub_zone="America/New_York"), sessions) == "10–11 March 2027"
    assert local_dates(replace(lucja, hub_zone=None), sessions) == "11 March 2027"  # the sessions' own hubs
