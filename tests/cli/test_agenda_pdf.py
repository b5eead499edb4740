"""`learningday agenda-pdf`: exit codes, what it writes, and what a bad request leaves alone."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from pypdf import PdfReader

from ui.cli.main import main


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(("argv", "size"), [([], (595, 842)), (["--letter"], (612, 792))])
def test_writes_the_hubs_agenda(capsys, demo_file: Path, tmp_path: Path, argv: list[str],
                                size: tuple[int, int]) -> None:
    out = tmp_path / "tokyo.pdf"
    assert main(["agenda-pdf", str(demo_file), str(out), "--hub", "tokyo", *argv]) == 0
    said = capsys.readouterr().out
    assert f"wrote {out}" in said and "Tokyo · JST (UTC+09:00)" in said
    pages = PdfReader(out).pages
    assert (round(float(pages[0].mediabox.width)), round(float(pages[0].mediabox.height))) == size
    assert "Tokyo · JST (UTC+09:00)" in pages[0].extract_text()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left


def test_unknown_hub_exits_2_lists_the_hubs_and_writes_nothing(capsys, demo_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "agenda.pdf"
    out.write_bytes(b"an earlier agenda")
    event_sha = _sha(demo_file)
    assert main(["agenda-pdf", str(demo_file), str(out), "--hub", "Atlantis"]) == 2
    captured = capsys.readouterr()
    assert "--hub: no hub called 'Atlantis'" in captured.err
    assert "hubs: Sydney, Tokyo, Singapore, Bangalore" in captured.err and "São Paulo" in captured.err
    assert captured.out == ""
    assert out.read_bytes() == b"an earlier agenda" and _sha(demo_file) == event_sha
    assert sorted(p.name for p in tmp_path.iterdir()) == ["agenda.pdf", "demo.lday"]


def test_missing_folder_exits_2(capsys, demo_file: Path, tmp_path: Path) -> None:
    assert main(["agenda-pdf", str(demo_file), str(tmp_path / "nowhere" / "a.pdf"), "--hub", "Tokyo"]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert not (tmp_path / "nowhere").exists()


def test_hub_is_required(capsys, demo_file: Path, tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["agenda-pdf", str(demo_file), str(tmp_path / "a.pdf")])
    assert stop.value.code == 2 and "--hub" in capsys.readouterr().err
    assert not (tmp_path / "a.pdf").exists()


def test_not_an_event_file_exits_2(capsys, tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.lday"
    bogus.write_text("not a database")
    assert main(["agenda-pdf", str(bogus), str(tmp_path / "a.pdf"), "--hub", "Tokyo"]) == 2
    assert not (tmp_path / "a.pdf").exists() and bogus.read_text() == "not a database"
