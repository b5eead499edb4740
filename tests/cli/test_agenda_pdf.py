"""`learningday agenda-pdf`: exit codes, what it writes, and what a bad request leaves alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.helpers import sha256
from tests.helpers.backends import Backend
from ui.cli.main import main


@pytest.mark.parametrize(("argv", "size"), [([], (595, 842)), (["--letter"], (612, 792))])
def test_writes_the_hubs_agenda(capsys, demo_file: Path, tmp_path: Path, argv: list[str],
                                size: tuple[int, int]) -> None:
    out = tmp_path / "tokyo.pdf"
    assert main(["agenda-pdf", str(demo_file), str(out), "--zone", "tokyo", *argv]) == 0
    said = capsys.readouterr().out
    assert f"wrote {out}" in said and "Tokyo · JST (UTC+09:00)" in said
    pages = PdfReader(out).pages
    assert (round(float(pages[0].mediabox.width)), round(float(pages[0].mediabox.height))) == size
    assert "Tokyo · JST (UTC+09:00)" in pages[0].extract_text()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left


def test_unknown_hub_exits_2_lists_the_hubs_and_writes_nothing(capsys, demo_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "agenda.pdf"
    out.write_bytes(b"an earlier agenda")
    listing = sorted(p.name for p in tmp_path.iterdir())
    event_sha = sha256(demo_file)
    assert main(["agenda-pdf", str(demo_file), str(out), "--zone", "Atlantis"]) == 2
    captured = capsys.readouterr()
    assert "--zone: 'Atlantis' is neither a hub nor an IANA time zone" in captured.err
    assert "hubs: Sydney, Tokyo, Singapore, Bangalore" in captured.err and "São Paulo" in captured.err
    assert captured.out == ""
    assert out.read_bytes() == b"an earlier agenda" and sha256(demo_file) == event_sha
    assert sorted(p.name for p in tmp_path.iterdir()) == listing


def test_missing_folder_exits_2(capsys, demo_file: Path, tmp_path: Path) -> None:
    assert main(["agenda-pdf", str(demo_file), str(tmp_path / "nowhere" / "a.pdf"), "--zone", "Tokyo"]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert not (tmp_path / "nowhere").exists()


def test_a_clock_or_a_hub_is_required(capsys, demo_file: Path, tmp_path: Path) -> None:
    assert main(["agenda-pdf", str(demo_file), str(tmp_path / "a.pdf")]) == 2
    assert "needs --zone HUB_OR_IANA (the clock) or --for-hub NAME" in capsys.readouterr().err
    assert not (tmp_path / "a.pdf").exists()


def test_not_an_event_file_exits_2(capsys, tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.lday"
    bogus.write_text("not a database")
    assert main(["agenda-pdf", str(bogus), str(tmp_path / "a.pdf"), "--zone", "Tokyo"]) == 2
    assert not (tmp_path / "a.pdf").exists() and bogus.read_text() == "not a database"


def _text(path: Path) -> str:
    return " ".join("\n".join(p.extract_text() for p in PdfReader(path).pages).split())


def test_a_hubs_pdf_lists_only_its_sessions_unless_all_are_asked_for(capsys, tmp_path: Path,
                                                                     backend: Backend) -> None:
    """Item 6 of issue 13: the Kathmandu PDF no longer lists Chicago-only sessions."""
    from tests.helpers.dst_event import build_dst_event

    event = backend.take(build_dst_event(tmp_path / "autumn.lday"))
    assert main(["agenda-pdf", str(event), str(tmp_path / "k.pdf"), "--zone", "Kathmandu"]) == 0
    assert "(2 sessions, Kathmandu · UTC+05:45, sessions for Kathmandu)" in capsys.readouterr().out
    text = _text(tmp_path / "k.pdf")
    assert "Kathmandu only" in text and "For everyone" in text and "Chicago only" not in text
    assert main(["agenda-pdf", str(event), str(tmp_path / "all.pdf"), "--zone", "Kathmandu", "--all-sessions"]) == 0
    assert "(4 sessions, Kathmandu · UTC+05:45, every session)" in capsys.readouterr().out
    assert "Chicago only" in _text(tmp_path / "all.pdf")
    assert main(["agenda-pdf", str(event), str(tmp_path / "c.pdf"), "--for-hub", "Chicago"]) == 0  # its clock too
    assert "Chicago · CDT (UTC-05:00), sessions for Chicago" in capsys.readouterr().out
    assert main(["agenda-pdf", str(event), str(tmp_path / "x.pdf"), "--for-hub", "Chicago", "--all-sessions"]) == 2
    assert "give one or the other" in capsys.readouterr().err and not (tmp_path / "x.pdf").exists()


@pytest.mark.parametrize("command", ["agenda-pdf", "export-ics"])
def test_the_old_hub_option_is_refused_with_what_replaces_it(capsys, demo_file: Path, tmp_path: Path,
                                                             command: str) -> None:
    out = tmp_path / "a.out"
    assert main([command, str(demo_file), str(out), "--hub", "Tokyo"]) == 2
    assert "--hub is gone: write --zone 'Tokyo' for the times on its clock, --for-hub 'Tokyo'" in \
        capsys.readouterr().err
    assert not out.exists()
