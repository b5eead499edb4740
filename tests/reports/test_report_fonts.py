"""Shipped fonts: a font per script run, right-to-left order, and names that survive into PDF text."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from pypdf import PdfReader
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import SimpleDocTemplate

from reports import fonts
from tests.helpers.small_event import NAMES


def test_every_shipped_font_has_its_licence() -> None:
    shipped = {p.name for p in fonts.FONT_DIR.iterdir()}
    assert set(fonts.FILES.values()) | {"LICENSE-OFL.txt", "LICENSE-Apache-2.0.txt"} <= shipped
    assert "Open Font License" in (fonts.FONT_DIR / "LICENSE-OFL.txt").read_text(encoding="utf-8").title()
    assert "Apache License" in (fonts.FONT_DIR / "LICENSE-Apache-2.0.txt").read_text(encoding="utf-8")


def test_runs_pick_a_font_per_script_and_keep_spaces_in_their_run() -> None:
    assert fonts.runs("Łucja Żak") == [(fonts.SANS, "Łucja Żak")]
    assert fonts.runs("Ana 山田太郎") == [(fonts.SANS, "Ana "), (fonts.CJK, "山田太郎")]
    assert fonts.runs("김민준") == [(fonts.HANGUL, "김민준")]
    assert fonts.runs(NAMES["A2"]) == [(fonts.DEVANAGARI, NAMES["A2"])]
    assert fonts.runs(NAMES["A6"]) == [(fonts.ARABIC, NAMES["A6"])]
    assert fonts.runs("Bo", base=fonts.SANS_BOLD) == [(fonts.SANS_BOLD, "Bo")]
    assert fonts.font_for("  山田") == fonts.CJK and fonts.font_for("123") == fonts.SANS


def test_right_to_left_words_go_in_visual_order_with_letters_left_for_harfbuzz() -> None:
    first, last = NAMES["A6"].split()
    assert fonts.visual(NAMES["A6"]) == f"{last} {first}"
    assert fonts.visual("ليلى (Dubai)") == "(Dubai) ليلى"
    assert fonts.visual("Plain text (kept)") == "Plain text (kept)"


def test_markup_escapes_and_shaping_only_where_needed() -> None:
    assert fonts.markup("<b>&") == "&lt;b&gt;&amp;"
    assert fonts.needs_shaping(NAMES["A2"]) and fonts.needs_shaping(NAMES["A6"])
    assert not fonts.needs_shaping(NAMES["A4"] + NAMES["A3"])
    style = ParagraphStyle("x", fontName=fonts.SANS)
    assert fonts.paragraph(NAMES["A6"], style).style.shaping == 1
    assert fonts.paragraph(NAMES["A1"], style).style is style


def test_names_in_every_script_come_back_out_of_the_pdf(tmp_path: Path) -> None:
    out = tmp_path / "names.pdf"
    style = ParagraphStyle("n", fontName=fonts.SANS, fontSize=14, leading=18)
    SimpleDocTemplate(str(out)).build([fonts.paragraph(name, style) for name in NAMES.values()])
    text = unicodedata.normalize("NFKC", PdfReader(out).pages[0].extract_text())
    for key in ("A1", "A3", "A4", "A5"):  # Latin with Ł ż, Cyrillic, CJK, Greek
        assert NAMES[key] in text
    first, last = NAMES["A6"].split()
    assert f"{first} {last}" in text  # Arabic: shaped forms fold back to letters under NFKC
    # Devanagari: harfbuzz's i-matra and reph glyphs have no code point in the font's cmap, so
    # reportlab maps them to private-use characters; the rest of the name comes back.
    assert "अनता शमा" in "".join(ch for ch in text if not 0xE000 <= ord(ch) <= 0xF8FF)
