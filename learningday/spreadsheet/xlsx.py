"""Reading XLSX input with the standard library: sheets as rows of cell text, streamed, within limits.

The core reads spreadsheets people give it; writing workbooks is reports/' job (openpyxl).
Parsing the sheet XML directly is also several times faster than openpyxl's read-only mode.
A workbook is a zip of XML parts that anyone can forge: every part is read within a size and a
compression-ratio limit (a zip bomb is refused before it is inflated), cell references within a
worksheet's range, and whatever is malformed becomes one InvalidInput (``XlsxBook.guard``).
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import IO
from xml.etree.ElementTree import iterparse, parse

from learningday.errors import InvalidInput

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
#: Excel's built-in number formats that are dates or times
DATE_FORMATS = set(range(14, 23)) | {45, 46, 47}
_DATE_CODE = re.compile(r"[dmyhs]", re.IGNORECASE)
_QUOTED = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')

_T, _RUN_T = f"{NS}t", f"{NS}r/{NS}t"
#: a worksheet's range (Excel's own: XFD1048576)
MAX_COLUMN_REF = 16_384
MAX_ROW_REF = 1_048_576
#: the columns a sheet may use: a roster or an agenda has a few dozen
MAX_COLUMNS = 1_000
MAX_SHEETS = 255
#: inflated sizes: a sheet is streamed; the shared strings are held in memory; the rest is small
MAX_SHEET_BYTES = 1 << 30
MAX_STRINGS_BYTES = 128 << 20
MAX_PART_BYTES = 16 << 20
#: XML compresses 5-25 times in real workbooks; a zip bomb does a thousand
MAX_RATIO = 100
RATIO_FROM_BYTES = 1 << 20
#: Excel's last date, 9999-12-31, as a serial number
LAST_SERIAL = 2_958_466
#: what a damaged or forged zip and its XML raise while they are read
READ_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, SyntaxError, KeyError, ValueError, IndexError,
               OverflowError, NotImplementedError, RuntimeError, UnicodeDecodeError)


def column_index(ref: str) -> int:
    """'A1' -> 0, 'AB12' -> 27; a reference outside a worksheet is refused."""
    letters = ref.rstrip("0123456789").upper()
    if not (letters.isascii() and letters.isalpha()):
        raise InvalidInput(f"the cell reference {ref[:20]!r} is not one (like B7)")
    index = 0
    for ch in letters[:4]:  # four letters are already past XFD: no need to count further
        index = index * 26 + (ord(ch) - 64)
    if index > MAX_COLUMN_REF:
        raise InvalidInput(f"the cell reference {ref[:20]!r} is outside a worksheet (the last column is XFD)")
    return index - 1


def _row_number(text: str) -> int:
    number = int(text) if text.isdigit() and len(text) <= 7 else 0
    if not 1 <= number <= MAX_ROW_REF:
        raise InvalidInput(f"the row number {text[:20]!r} is outside a worksheet (rows 1 to {MAX_ROW_REF:,})")
    return number


def _number_text(raw: str) -> str:
    try:
        value = float(raw)
    except ValueError:
        return raw  # not a number after all: show what the cell holds
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)


def _run_text(element) -> str:  # noqa: ANN001 - an XML element (<si> or <is>)
    """A string item's text: its <t>, or its rich-text runs' (not the phonetic guide, <rPh>)."""
    plain = element.find(_T)
    if plain is not None:
        return plain.text or ""
    return "".join(t.text or "" for t in element.iterfind(_RUN_T))


class XlsxBook:
    """An open workbook: its sheet names, and the rows of any sheet as lists of text."""

    def __init__(self, path: str) -> None:
        try:
            self._zip = zipfile.ZipFile(path)
        except READ_ERRORS as exc:
            raise InvalidInput(f"not a readable XLSX workbook ({_why(exc)})") from None
        try:
            self._read_book()
        except BaseException:
            self._zip.close()
            raise

    def _read_book(self) -> None:
        with self.guard("workbook part"):
            with self._part("xl/workbook.xml", MAX_PART_BYTES) as stream:
                workbook = parse(stream).getroot()
            with self._part("xl/_rels/workbook.xml.rels", MAX_PART_BYTES) as stream:
                rels = parse(stream).getroot()
        targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{PKG_REL}Relationship")}
        self.sheets: list[tuple[str, str]] = []
        for sheet in workbook.iter(f"{NS}sheet"):
            target = targets.get(sheet.get(f"{REL}id"), "")
            target = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            self.sheets.append((sheet.get("name", ""), target))
        if len(self.sheets) > MAX_SHEETS:
            raise InvalidInput(f"a workbook of {len(self.sheets):,} sheets (at most {MAX_SHEETS})")
        pr = workbook.find(f"{NS}workbookPr")
        self._epoch = datetime(1904, 1, 1) if pr is not None and pr.get("date1904") in ("1", "true") else datetime(1899, 12, 30)
        with self.guard("shared strings (xl/sharedStrings.xml)"):
            self._strings = self._shared_strings()
        with self.guard("styles (xl/styles.xml)"):
            self._date_styles = self._date_style_indexes()

    @contextmanager
    def guard(self, what: str) -> Iterator[None]:
        """Whatever a damaged or forged part raises while ``what`` is read, as one InvalidInput."""
        try:
            yield
        except InvalidInput as exc:
            raise InvalidInput(f"a workbook whose {what} cannot be read: {exc.message}") from None
        except READ_ERRORS as exc:
            raise InvalidInput(f"a workbook whose {what} cannot be read ({_why(exc)})") from None

    def _part(self, name: str, limit: int) -> IO[bytes]:
        """A part of the zip, opened only when its inflated size and ratio are within limits."""
        try:
            info = self._zip.getinfo(name)
        except KeyError:
            raise InvalidInput(f"the part {name} is missing") from None
        if info.file_size > limit:
            raise InvalidInput(f"the part {name} inflates to {info.file_size:,} bytes (at most {limit:,})")
        if info.file_size > RATIO_FROM_BYTES and info.file_size > MAX_RATIO * max(1, info.compress_size):
            raise InvalidInput(f"the part {name} inflates {info.file_size // max(1, info.compress_size):,} times "
                               f"(at most {MAX_RATIO}): a zip bomb, not a spreadsheet")
        return self._zip.open(info)

    def _shared_strings(self) -> list[str]:
        if "xl/sharedStrings.xml" not in self._zip.NameToInfo:
            return []
        strings = []
        with self._part("xl/sharedStrings.xml", MAX_STRINGS_BYTES) as stream:
            root = None
            for event, element in iterparse(stream, events=("start", "end")):
                if root is None:
                    root = element
                if event == "end" and element.tag == f"{NS}si":
                    strings.append(_run_text(element))
                    root.clear()  # the items read so far: let them go
        return strings

    def _date_style_indexes(self) -> set[int]:
        if "xl/styles.xml" not in self._zip.NameToInfo:
            return set()
        with self._part("xl/styles.xml", MAX_PART_BYTES) as stream:
            styles = parse(stream).getroot()
        custom = {int(f.get("numFmtId", "0")): f.get("formatCode", "") for f in styles.iter(f"{NS}numFmt")}
        dates = {i for i, code in custom.items() if _DATE_CODE.search(_QUOTED.sub("", code))}
        cell_xfs = styles.find(f"{NS}cellXfs")
        if cell_xfs is None:
            return set()
        return {i for i, xf in enumerate(cell_xfs.iter(f"{NS}xf"))
                if int(xf.get("numFmtId", "0")) in DATE_FORMATS | dates}

    def row_estimate(self, index: int) -> int:
        """The row count the sheet states (often wrong; for progress only)."""
        with self.guard(f"sheet {self.sheets[index][0]!r}"), self._part(self.sheets[index][1], MAX_SHEET_BYTES) as stream:
            head = stream.read(4096).decode("utf-8", "replace")
        match = re.search(r'<dimension ref="[A-Z]+\d+:[A-Z]+(\d{1,7})"', head)
        return int(match.group(1)) if match else 0

    def rows(self, index: int) -> Iterator[tuple[int, list[str]]]:
        """(row number as the spreadsheet shows it, cell texts); empty rows are skipped."""
        row_no = 0
        with self.guard(f"sheet {self.sheets[index][0]!r}"), self._part(self.sheets[index][1], MAX_SHEET_BYTES) as stream:
            parent = None
            for event, element in iterparse(stream, events=("start", "end")):
                if event == "start":
                    if element.tag == f"{NS}sheetData":
                        parent = element
                    continue
                if element.tag != f"{NS}row":
                    continue
                # 'r' is optional (some writers leave it out): then a row follows the one before
                number = _row_number(element.get("r") or str(row_no + 1))
                if number <= row_no:  # rows only go down: a sheet holds at most MAX_ROW_REF of them
                    raise InvalidInput(f"row {number:,} comes after row {row_no:,}")
                row_no = number
                yield row_no, self._cells(element, row_no)
                if parent is not None:
                    parent.clear()  # the rows read so far: a long sheet is not held in memory

    def _cells(self, row, row_no: int) -> list[str]:  # noqa: ANN001 - an XML element
        cells: list[str] = []
        for position, cell in enumerate(row.iter(f"{NS}c")):
            column = column_index(cell.get("r", "")) if cell.get("r") else position
            text = self._text(cell)
            if column >= MAX_COLUMNS:
                if text:
                    raise InvalidInput(f"row {row_no} holds a value in column {column + 1:,} "
                                       f"(a sheet may use at most {MAX_COLUMNS:,} columns)")
                continue
            if column >= len(cells):
                cells.extend([""] * (column + 1 - len(cells)))
            cells[column] = text
        return cells

    def _text(self, cell) -> str:  # noqa: ANN001 - an XML element
        kind = cell.get("t", "n")
        if kind == "inlineStr":
            found = cell.find(f"{NS}is")
            return _run_text(found) if found is not None else ""
        value = cell.find(f"{NS}v")
        raw = value.text if value is not None and value.text is not None else ""
        if raw == "":
            return ""
        if kind == "s":
            index = int(raw) if raw.isdigit() else -1
            if not 0 <= index < len(self._strings):
                raise InvalidInput(f"a cell refers to shared string {raw[:20]!r}, which does not exist")
            return self._strings[index]
        if kind == "b":
            return "TRUE" if raw == "1" else "FALSE"
        if kind in ("str", "e"):
            return raw
        if int(cell.get("s", "0")) in self._date_styles:
            return self._date_text(raw)
        return _number_text(raw)

    def _date_text(self, raw: str) -> str:
        """A date-styled number as a date (and time); outside Excel's dates, the number itself."""
        try:
            days = float(raw)
            if not 0 <= days < LAST_SERIAL:
                raise OverflowError
            moment = self._epoch + timedelta(days=days)
        except (ValueError, OverflowError):
            return _number_text(raw)
        if moment.time() == datetime.min.time():
            return moment.date().isoformat()
        return moment.isoformat(sep=" ", timespec="minutes")

    def close(self) -> None:
        self._zip.close()


def _why(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{exc.__class__.__name__}: {text[:120]}" if text else exc.__class__.__name__
