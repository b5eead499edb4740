"""Minimal XLSX files written part by part, so a test can damage or forge any one part."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#: a styles part whose cell format 1 is a date (built-in number format 14)
DATE_STYLES = (f'<styleSheet xmlns="{MAIN}"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs>'
               "</styleSheet>")


def _column(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell(value: str | float, row: int, column: int, *, style: int | None = None) -> str:
    """One <c>: text as an inline string, a number as a number (``style`` 1 of DATE_STYLES: a date)."""
    ref = f' r="{_column(column)}{row}"'
    styled = f' s="{style}"' if style is not None else ""
    if isinstance(value, str):
        return f'<c{ref}{styled} t="inlineStr"><is><t>{escape(value)}</t></is></c>'
    return f"<c{ref}{styled}><v>{value}</v></c>"


def sheet_xml(rows: list[list[str | float]] | None = None, *, body: str = "") -> str:
    """A worksheet part: ``rows`` as inline cells, or ``body`` as the raw <sheetData> content."""
    if rows is not None:
        body = "".join(f'<row r="{r}">' + "".join(cell(v, r, c) for c, v in enumerate(row)) + "</row>"
                       for r, row in enumerate(rows, start=1))
    return f'<worksheet xmlns="{MAIN}"><sheetData>{body}</sheetData></worksheet>'


def parts(rows: list[list[str | float]] | None = None, **sheet: str) -> dict[str, str | bytes]:
    """The parts of a one-sheet workbook; change or delete any before ``write_parts``."""
    return {
        "xl/workbook.xml": f'<workbook xmlns="{MAIN}" xmlns:r="{DOC_RELS}"><sheets>'
                           '<sheet name="People" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{RELS}"><Relationship Id="rId1" '
                                      'Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": sheet_xml(rows, **sheet),
    }


def write_parts(path: Path, contents: dict[str, str | bytes], *, stored: bool = False) -> Path:
    """A zip of ``contents`` (deflated, or ``stored`` as they are: a flipped byte then stays one byte)."""
    method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(path, "w", method) as book:
        for name, data in contents.items():
            book.writestr(name, data)
    return path
