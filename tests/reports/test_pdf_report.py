"""The PDF report read back with pypdf: figures, titles, names, contents, headers, and cancel."""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from learningday.errors import Cancelled
from learningday.reporting.analytics import analyse
from learningday.store.db import open_event
from reports.pdf_report import headline, write_pdf
from tests.helpers.backends import Backend
from tests.helpers.small_event import EVENT_NAME, NAMES, THEME, TITLES, build_small_event


@pytest.fixture(scope="module")
def small(module_backend: Backend):
    path = build_small_event(module_backend.empty())
    with open_event(path) as event_file, event_file.read() as session:
        return analyse(session)


def _pages(path: Path) -> list[str]:
    return [unicodedata.normalize("NFKC", page.extract_text()) for page in PdfReader(path).pages]


def test_cover_summary_titles_and_names(small, tmp_path: Path) -> None:
    out = write_pdf(small, tmp_path / "report.pdf", with_names=True)
    pages = _pages(out)
    assert "Contains personal names: for internal use only" in pages[0]
    text = "\n".join(pages)
    assert EVENT_NAME in pages[0] and THEME in pages[0] and "Wednesday 10 March 2027, 21:00 UTC" in pages[0]
    summary = " ".join(next(p for p in pages if "session attendances" in p).split())
    for value, label in headline(small):
        assert f"{value} {label}" in summary
    assert "43%" in summary and "6.0" in summary  # rate 3/7, 360 minutes
    for title in TITLES:
        assert title.split(":")[0] in text
    assert "Thu 09:00–10:00" in text and "Kathmandu" in text  # S1 on Kathmandu's clock (+05:45)
    assert "Thu 00:00–01:30" in text  # S2 on New York's clock (-05:00)
    for key in ("A3", "A4", "A5", "A6"):  # the appendix: Cyrillic, CJK, Greek, Arabic (NFKC folds its forms)
        assert NAMES[key] in text
    assert "अनता शमा" in "".join(ch for ch in text if not 0xE000 <= ord(ch) <= 0xF8FF)  # see test_report_fonts


def test_contents_lists_sections_with_their_pages(small, tmp_path: Path) -> None:
    pages = _pages(write_pdf(small, tmp_path / "report.pdf", with_names=True))
    contents = next(p for p in pages if p.lstrip().startswith("Small Learning Day · post-event report") and
                    "Contents" in p)
    for section in ("Executive summary", "Charts", "Sessions", "Appendix"):
        page = int(re.search(rf"^{section}[^\n]*\n(\d+)$", contents, re.MULTILINE).group(1))
        assert section in pages[page - 1]
    assert all(re.search(rf"Page {i} of\s*{len(pages)}", p) for i, p in enumerate(pages, start=1))


def test_long_tables_split_with_the_header_on_every_page(small, tmp_path: Path) -> None:
    many = tuple(dataclasses.replace(s, id=s.id + 10 * k, title=f"Session copy {k:03d}")
                 for k in range(90) for s in small.sessions[:1])
    big = dataclasses.replace(small, sessions=many)
    pages = _pages(write_pdf(big, tmp_path / "big.pdf"))
    with_rows = [p for p in pages if "Session copy" in p and "No-shows (" not in p]
    assert len(with_rows) >= 3
    assert all("Local time" in p and "Facilitator" in p for p in with_rows)
    assert all(f"Session copy {k:03d}" in "\n".join(pages) for k in range(90))


def test_event_without_check_ins_still_reports(backend: Backend, tmp_path: Path) -> None:
    path = build_small_event(backend.empty(), checkins=False)
    with open_event(path) as event_file, event_file.read() as session:
        result = analyse(session)
    text = "\n".join(_pages(write_pdf(result, tmp_path / "empty.pdf")))
    assert "nobody has checked in yet" in text and "0%" in text


def test_cancel_leaves_no_file(small, tmp_path: Path) -> None:
    calls = []

    def cancel_after_a_few() -> bool:
        calls.append(1)
        return len(calls) > 5

    with pytest.raises(Cancelled, match="report cancelled; no file was written"):
        write_pdf(small, tmp_path / "cancelled.pdf", cancel=cancel_after_a_few)
    assert list(tmp_path.iterdir()) == []
    progress = []
    write_pdf(small, tmp_path / "done.pdf", progress=lambda f, m: progress.append(f))
    assert progress[-1] == 1.0 and [p.name for p in tmp_path.iterdir()] == ["done.pdf"]


def test_the_collector_is_paused_only_while_documents_are_built_nested_or_in_threads() -> None:
    import gc
    import threading
    import time

    from reports.output import paused_gc

    assert gc.isenabled()
    inside: list[bool] = []
    release = threading.Event()

    def job() -> None:
        with paused_gc():
            inside.append(gc.isenabled())
            release.wait(5)

    worker = threading.Thread(target=job)
    with paused_gc():
        worker.start()
        with paused_gc():
            inside.append(gc.isenabled())
    while len(inside) < 2:  # the thread has entered its own pause
        time.sleep(0.01)
    assert not gc.isenabled()  # the thread's build still runs
    release.set()
    worker.join()
    assert inside == [False, False] and gc.isenabled()
    gc.disable()  # a caller that had switched it off keeps it off
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_footer_shows_an_event_name_in_any_script(small, tmp_path: Path) -> None:
    renamed = dataclasses.replace(small, event=dataclasses.replace(small.event, name="人工智能学习日"))
    pages = _pages(write_pdf(renamed, tmp_path / "cjk.pdf"))
    assert all("人工智能学习日 · post-event report" in " ".join(p.split()) for p in pages)  # a text object per run
