"""A hub's agenda PDF across London's autumn clock change, read back with pypdf: the times name their
clock once it has changed (item 5), and the PDF lists that hub's sessions with a "For hubs" column
unless every session is asked for (item 6 of issue 13)."""

from __future__ import annotations

import subprocess
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from learningday.errors import InvalidInput
from learningday.store.db import open_event
from reports.agenda_files import AgendaPdfRequest, write_agenda_pdf
from tests.helpers.backends import Backend
from tests.helpers.dst_event import build_dst_event


@pytest.fixture(scope="module")
def event_path(module_backend: Backend) -> Path | str:
    return build_dst_event(module_backend.empty())


def _write(event_path: Path, request: AgendaPdfRequest) -> tuple[str, str]:
    with open_event(event_path) as event_file:
        written = write_agenda_pdf(event_file, request)
    text = "\n".join(p.extract_text() for p in PdfReader(request.out).pages)
    return " ".join(unicodedata.normalize("NFKC", text).split()), written.what


def test_london_shows_the_90_minute_session_on_both_clocks(event_path: Path, tmp_path: Path) -> None:
    text, what = _write(event_path, AgendaPdfRequest(tmp_path / "london.pdf", "London"))
    assert "London · BST (UTC+01:00), then GMT (UTC+00:00)" in text
    assert "00:30 BST– 01:00 GMT Across the change" in text  # one end a line
    assert "02:00–03:00 GMT For everyone" in text
    assert what == "London · BST (UTC+01:00), then GMT (UTC+00:00), sessions for London"


@pytest.mark.parametrize(("hub", "rows"), [
    ("Kathmandu", ["07:45–08:45 For everyone", "08:45–09:45 Kathmandu only"]),  # +05:45
    ("Chatham", ["15:45–16:45 For everyone"]),  # +13:45: Sunday 25, a day ahead of London's start
])
def test_a_hubs_pdf_lists_its_own_sessions_and_those_for_everyone(event_path: Path, tmp_path: Path, hub: str,
                                                                   rows: list[str]) -> None:
    text, _ = _write(event_path, AgendaPdfRequest(tmp_path / "hub.pdf", hub))
    assert "Chicago only" not in text and "Across the change" not in text
    for row in rows:
        assert row in text
    assert "For hubs" in text and "every hub" in text
    assert f"Agenda for {hub}: its sessions and those for every hub" in text
    assert "Sunday 25 October 2026" in text and "Saturday" not in text


def test_the_kathmandu_only_row_says_which_hub_it_is_for(event_path: Path, tmp_path: Path) -> None:
    text, _ = _write(event_path, AgendaPdfRequest(tmp_path / "k.pdf", "Kathmandu"))
    assert "Kathmandu only 1 · AI literacy Studio Owl Kathmandu" in text


def test_all_sessions_lists_every_one(event_path: Path, tmp_path: Path) -> None:
    text, what = _write(event_path, AgendaPdfRequest(tmp_path / "all.pdf", "Kathmandu", all_sessions=True))
    for title in ("Chicago only", "Across the change", "Kathmandu only", "For everyone"):
        assert title in text
    assert "Every session of the event" in text and what.endswith("every session")


def test_one_hubs_sessions_on_another_clock_or_an_iana_zone(event_path: Path, tmp_path: Path) -> None:
    text, _ = _write(event_path, AgendaPdfRequest(tmp_path / "c.pdf", "London", for_hub="Chicago"))
    assert "Chicago only" in text and "Kathmandu only" not in text
    assert "15:00–16:00 Chicago only" in text  # 14:00 UTC on BST
    text, what = _write(event_path, AgendaPdfRequest(tmp_path / "z.pdf", "Europe/Paris"))
    assert "Chicago only" in text and "Kathmandu only" in text  # a zone is no hub: every session
    assert "01:30 CEST– 02:00 CET Across the change" in text and "working hours" not in text
    assert what.startswith("Europe/Paris · CEST (UTC+02:00), then CET (UTC+01:00)")


@pytest.mark.parametrize(("request_", "message"), [
    (dict(zone="London", for_hub="Atlantis"), "--for-hub: no hub called 'Atlantis'"),
    (dict(zone="Atlantis"), "--zone: 'Atlantis' is neither a hub nor an IANA time zone"),
    (dict(zone="London", for_hub="London", all_sessions=True), "give one or the other"),
])
def test_a_bad_request_writes_nothing(event_path: Path, tmp_path: Path, request_: dict, message: str) -> None:
    out = tmp_path / "x.pdf"
    with pytest.raises(InvalidInput, match=message), open_event(event_path) as event_file:
        write_agenda_pdf(event_file, AgendaPdfRequest(out, **request_))
    assert list(tmp_path.iterdir()) == []


def test_render_the_london_page(event_path: Path, tmp_path: Path) -> None:
    """Page 1 as a PNG (looked at by hand while writing this: /tmp/time-agenda-london.png)."""
    out = tmp_path / "london.pdf"
    _write(event_path, AgendaPdfRequest(out, "London", all_sessions=True))
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(out),
                    "/tmp/time-agenda-london"], check=True)
    assert Path("/tmp/time-agenda-london.png").stat().st_size > 0
