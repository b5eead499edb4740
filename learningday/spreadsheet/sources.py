"""Rows of a CSV or XLSX file as text cells: encoding, delimiter and format sniffed, files streamed."""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import IO

from learningday.errors import InvalidInput
from learningday.spreadsheet.delimiters import ranked_delimiters
from learningday.spreadsheet.encodings import (
    EncodingGuess,
    chosen_encoding,
    guess_encoding,
    has_undecoded,
    undecoded_row,
)
from learningday.spreadsheet.xlsx import XlsxBook

SAMPLE_BYTES = 64 * 1024
#: csv's own default field limit: a longer cell is not a roster (and is not held in memory)
MAX_CELL_CHARS = 131_072
ZIP_MAGIC = b"PK\x03\x04"


class Source:
    """An open spreadsheet-like file. ``rows()`` yields (row number as the user sees it, cells)."""

    format = ""
    encoding = ""
    delimiter = ""
    #: the delimiters worth trying, best first (a workbook has none): the import engine picks the one whose
    #: header maps (engine.find_mapping)
    delimiters: tuple[str, ...] = ("",)
    sheet = ""
    #: how a CSV file's encoding was found (None for a workbook)
    guess: EncodingGuess | None = None

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        raise NotImplementedError

    def head(self, n: int) -> list[tuple[int, list[str]]]:
        return list(islice(self.rows(), n))

    def fraction(self) -> float:
        """How far the last ``rows()`` iteration has read, 0..1 (an estimate)."""
        return 0.0

    def row_problem(self, cells: list[str]) -> str | None:
        """What is wrong with a row as read, before its cells are (bytes its encoding cannot read), or None."""
        return None

    def close(self) -> None:
        pass

    def __enter__(self) -> Source:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class CsvSource(Source):
    format = "csv"

    def __init__(self, path: Path, sample: bytes, encoding: str | None = None) -> None:
        self.path = path
        self.guess = chosen_encoding(encoding) if encoding else guess_encoding(path, sample)
        self.encoding = self.guess.encoding
        text = sample.decode(self.encoding, errors="ignore")
        self.delimiters = ranked_delimiters(text.lstrip("\ufeff"))
        self.delimiter = self.delimiters[0]
        self._size = max(1, path.stat().st_size)
        self._raw: IO[bytes] | None = None
        # UTF-8 is read leniently: a row with bytes that are not UTF-8 is a row error (row_problem), not the end
        self._errors = "surrogateescape" if codecs.lookup(self.encoding).name == "utf-8" else "strict"
        #: only a file found mixed, or read as the user said, can hold such bytes
        self._undecoded = self._errors != "strict" and (self.guess.mixed or self.guess.chosen)

    def row_problem(self, cells: list[str]) -> str | None:
        if not self._undecoded or not any(map(has_undecoded, cells)):
            return None
        return undecoded_row(cells, self.guess)

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        with self.path.open("rb") as raw:
            self._raw = raw
            text = io.TextIOWrapper(raw, encoding=self.encoding, errors=self._errors, newline="")
            reader = csv.reader(text, delimiter=self.delimiter)
            row_no = 0
            try:
                for row_no, cells in enumerate(reader, start=1):
                    yield row_no, cells
            except csv.Error as exc:
                if "field larger than field limit" in str(exc):
                    raise InvalidInput(f"{self.path.name}, row {row_no + 1}: a cell holds more than "
                                       f"{MAX_CELL_CHARS:,} characters; this is not a roster") from None
                raise InvalidInput(f"{self.path.name}, row {row_no + 1}: not readable as CSV ({exc})") from None
            except UnicodeDecodeError as exc:
                raise InvalidInput(f"{self.path.name}, after row {row_no}: bytes that are not {self.encoding} "
                                   f"({exc.reason}); save the file as UTF-8") from None
            finally:
                self._raw = None

    def fraction(self) -> float:
        raw = self._raw
        return min(1.0, raw.tell() / self._size) if raw is not None and not raw.closed else 1.0


class XlsxSource(Source):
    format = "xlsx"

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self._book = XlsxBook(str(path))
        except InvalidInput as exc:
            raise InvalidInput(f"{path.name} is {exc.message}") from None
        try:
            if not self._book.sheets:
                raise InvalidInput(f"{path.name} has no worksheet")
            self.choose_sheet(0)
        except InvalidInput:
            self._book.close()
            raise

    def choose_sheet(self, index: int) -> None:
        self._index = index
        self.sheet = self._book.sheets[index][0]
        try:
            self._estimate = self._book.row_estimate(index)
        except InvalidInput as exc:
            raise InvalidInput(f"{self.path.name} is {exc.message}") from None
        self._read = 0

    @property
    def sheet_count(self) -> int:
        return len(self._book.sheets)

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        self._read = 0
        try:
            for row_no, cells in self._book.rows(self._index):
                self._read = row_no
                yield row_no, cells
        except InvalidInput as exc:  # the book words every damaged or forged part
            raise InvalidInput(f"{self.path.name} is {exc.message}") from None

    def fraction(self) -> float:
        return min(1.0, self._read / self._estimate) if self._estimate else 0.0

    def close(self) -> None:
        self._book.close()


def open_source(path: Path, encoding: str | None = None) -> Source:
    """Open ``path`` as CSV or XLSX by its content (not its name); refuse what is neither.

    ``encoding``: the one the user chose for a CSV file (else it is guessed: ``Source.guess`` says how sure)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            sample = fh.read(SAMPLE_BYTES)
    except IsADirectoryError:
        raise InvalidInput(f"{path} is a folder, not a file") from None
    except OSError as exc:
        raise InvalidInput(f"cannot read {path}: {exc.strerror or exc}") from None
    if size == 0:
        raise InvalidInput(f"{path.name} is empty (0 bytes)")
    if sample.startswith(ZIP_MAGIC):
        return XlsxSource(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        raise InvalidInput(f"{path.name} is not an XLSX workbook (it is not a zip file)")
    if sample.startswith(b"\xd0\xcf\x11\xe0"):
        raise InvalidInput(f"{path.name} is an old Excel (.xls) file; save it as XLSX or CSV")
    return CsvSource(path, sample, encoding)
