"""Badge sheets: names in five scripts (and Hangul) are in the PDF's text, on A4 and Letter labels."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from learningday.errors import InvalidInput
from learningday.roster.dto import AttendeeRow
from learningday.setup.dto import LevelDTO
from learningday.store.framework import FRAMEWORK
from reports.badges import LAYOUTS, render_badges
from reports.fonts import FILES as FONT_FILES
from reports.fonts import FONT_DIR
from reports.fonts import runs as font_runs

LEVELS = [LevelDTO(lv.id, lv.name, lv.audience, lv.colour, lv.foundational) for lv in FRAMEWORK]
NAMES = {
    "Zoë Ångström-Łukasiewicz": "LD-Sans",
    "Анна Смирнова": "LD-Sans",
    "王芳": "LD-CJK",
    "田中 さくら": "LD-CJK",
    "प्रिया शर्मा": "LD-Devanagari",
    "فاطمة الزهراء": "LD-Arabic",
    "김민준": "LD-Hangul",
}


def _rows(names) -> list[AttendeeRow]:
    return [AttendeeRow(i, f"uid-{i}", f"K7M4Q{i}", name, "", None, "", "", "Bangalore", (i % 5) + 1)
            for i, name in enumerate(names)]


def _text(pdf: Path) -> str:
    return unicodedata.normalize("NFKC", "\n".join(p.extract_text() for p in PdfReader(pdf).pages))


def test_each_script_gets_its_font() -> None:
    for name, font in NAMES.items():
        assert {f for f, _ in font_runs(name)} == {font}, name
    assert [f for f, _ in font_runs("Wang 王芳")] == ["LD-Sans", "LD-CJK"]


def test_names_in_every_script_are_in_the_pdf_text(tmp_path: Path) -> None:
    out = tmp_path / "badges.pdf"
    assert render_badges(_rows(NAMES), LEVELS, out, event_name="Global AI Learning Day") == len(NAMES)
    text = _text(out)
    for name in NAMES:
        # Arabic comes back as presentation forms (NFKC folds them back to the letters typed).
        assert unicodedata.normalize("NFKC", name) in text, name
    assert "K7M4Q0" in text and "Bangalore" in text and "Level 3 · Creating with AI" in text


@pytest.mark.parametrize(("layout", "size"), [("a4", (595, 842)), ("letter", (612, 792))])
def test_label_layouts_fill_pages_of_the_right_size(tmp_path: Path, layout: str, size: tuple[int, int]) -> None:
    out = tmp_path / f"{layout}.pdf"
    render_badges(_rows([f"Person {i}" for i in range(9)]), LEVELS, out, layout=layout)
    pages = PdfReader(out).pages
    assert len(pages) == 2  # 8 labels a sheet
    assert tuple(round(float(v)) for v in pages[0].mediabox[2:]) == size
    for x, y in LAYOUTS[layout].origins():
        w, h = LAYOUTS[layout].label
        assert 0 <= x and x + w <= size[0] and 0 <= y and y + h <= size[1]


def test_nothing_to_print_and_unknown_layout_are_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="no attendees"):
        render_badges([], LEVELS, tmp_path / "none.pdf")
    with pytest.raises(InvalidInput, match="unknown label layout"):
        render_badges(_rows(["A"]), LEVELS, tmp_path / "x.pdf", layout="a5")


def test_fonts_ship_with_their_licences() -> None:
    assert all((FONT_DIR / f).is_file() for f in FONT_FILES.values())
    assert (FONT_DIR / "LICENSE-OFL.txt").is_file() and (FONT_DIR / "LICENSE-Apache-2.0.txt").is_file()
    assert sum(p.stat().st_size for p in FONT_DIR.iterdir()) < 25 * 1024 * 1024


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_a_page_renders(tmp_path: Path) -> None:
    out = tmp_path / "badges.pdf"
    render_badges(_rows(NAMES), LEVELS, out)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(out), str(tmp_path / "page")], check=True)
    png = next(tmp_path.glob("page*.png"))
    assert png.stat().st_size > 10_000


def test_complex_script_text_that_harfbuzz_leaves_unchanged_is_drawn(tmp_path: Path) -> None:
    # a Devanagari name without a matra or conjunct, and a lone Arabic letter: harfbuzz changes
    # nothing, and the badge must still be drawn (it used to fail on a plain str)
    out = tmp_path / "plain-shapes.pdf"
    assert render_badges(_rows(["कमल", "د"]), LEVELS, out) == 2
    assert "कमल" in _text(out)
