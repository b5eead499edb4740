"""Reading XLSX input with the standard library: sheets as rows of cell text, streamed.

The core reads spreadsheets people give it; writing workbooks is reports/' job (openpyxl).
Parsing the sheet XML directly is also several times faster than openpyxl's read-only mode.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from datetime import datetime, timedelta
from xml.etree.ElementTree import iterparse, parse

from learningday.errors import InvalidInput

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
#: Excel's built-in number formats that are dates or times
DATE_FORMATS = set(range(14, 23)) | {45, 46, 47}
_DATE_CODE = re.compile(r"[dmyhs]", re.IGNORECASE)
_QUOTED = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')
_COLUMN = re.compile(r"[A-Z]+")


def column_index(ref: str) -> int:
    """'A1' -> 0, 'AB12' -> 27."""
    letters = _COLUMN.match(ref)
    index = 0
    for ch in letters.group(0) if letters else "A":
        index = index * 26 + (ord(ch) - 64)
    return index - 1


def _number_text(raw: str) -> str:
    value = float(raw)
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)


class XlsxBook:
    """An open workbook: its sheet names, and the rows of any sheet as lists of text."""

    def __init__(self, path: str) -> None:
        try:
            self._zip = zipfile.ZipFile(path)
            workbook = parse(self._zip.open("xl/workbook.xml")).getroot()
            rels = parse(self._zip.open("xl/_rels/workbook.xml.rels")).getroot()
        except (zipfile.BadZipFile, KeyError, OSError, SyntaxError) as exc:
            raise InvalidInput(f"not a readable XLSX workbook ({exc.__class__.__name__})") from None
        targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{PKG_REL}Relationship")}
        self.sheets: list[tuple[str, str]] = []
        for sheet in workbook.iter(f"{NS}sheet"):
            target = targets.get(sheet.get(f"{REL}id"), "")
            target = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            self.sheets.append((sheet.get("name", ""), target))
        pr = workbook.find(f"{NS}workbookPr")
        self._epoch = datetime(1904, 1, 1) if pr is not None and pr.get("date1904") in ("1", "true") else datetime(1899, 12, 30)
        self._strings = self._shared_strings()
        self._date_styles = self._date_style_indexes()

    def _shared_strings(self) -> list[str]:
        try:
            stream = self._zip.open("xl/sharedStrings.xml")
        except KeyError:
            return []
        strings = []
        for _event, element in iterparse(stream):
            if element.tag == f"{NS}si":
                strings.append("".join(t.text or "" for t in element.iter(f"{NS}t")))
                element.clear()
        return strings

    def _date_style_indexes(self) -> set[int]:
        try:
            styles = parse(self._zip.open("xl/styles.xml")).getroot()
        except KeyError:
            return set()
        custom = {int(f.get("numFmtId", "0")): f.get("formatCode", "") for f in styles.iter(f"{NS}numFmt")}
        dates = {i for i, code in custom.items() if _DATE_CODE.search(_QUOTED.sub("", code))}
        cell_xfs = styles.find(f"{NS}cellXfs")
        if cell_xfs is None:
            return set()
        return {i for i, xf in enumerate(cell_xfs.iter(f"{NS}xf"))
                if int(xf.get("numFmtId", "0")) in DATE_FORMATS | dates}

    def row_estimate(self, index: int) -> int:
        """The row count the sheet states (often wrong; for progress only)."""
        with self._zip.open(self.sheets[index][1]) as stream:
            head = stream.read(4096).decode("utf-8", "replace")
        match = re.search(r'<dimension ref="[A-Z]+\d+:[A-Z]+(\d+)"', head)
        return int(match.group(1)) if match else 0

    def rows(self, index: int) -> Iterator[tuple[int, list[str]]]:
        """(row number as the spreadsheet shows it, cell texts); empty rows are skipped."""
        row_no = 0
        with self._zip.open(self.sheets[index][1]) as stream:
            for _event, element in iterparse(stream):
                if element.tag != f"{NS}row":
                    continue
                cells: list[str] = []
                for position, cell in enumerate(element.iter(f"{NS}c")):
                    column = column_index(cell.get("r", "")) if cell.get("r") else position
                    if column >= len(cells):
                        cells.extend([""] * (column + 1 - len(cells)))
                    cells[column] = self._text(cell)
                # 'r' is optional (some writers leave it out): then a row follows the one before
                row_no = int(element.get("r") or row_no + 1)
                yield row_no, cells
                element.clear()

    def _text(self, cell) -> str:  # noqa: ANN001 - an XML element
        kind = cell.get("t", "n")
        if kind == "inlineStr":
            return "".join(t.text or "" for t in cell.iter(f"{NS}t"))
        value = cell.find(f"{NS}v")
        raw = value.text if value is not None and value.text is not None else ""
        if raw == "":
            return ""
        if kind == "s":
            return self._strings[int(raw)]
        if kind == "b":
            return "TRUE" if raw == "1" else "FALSE"
        if kind in ("str", "e"):
            return raw
        if int(cell.get("s", "0")) in self._date_styles:
            moment = self._epoch + timedelta(days=float(raw))
            if moment.time() == datetime.min.time():
                return moment.date().isoformat()
            return moment.isoformat(sep=" ", timespec="minutes")
        return _number_text(raw)

    def close(self) -> None:
        self._zip.close()
