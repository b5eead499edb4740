"""A generic spreadsheet import engine: read CSV/XLSX, find the header, map columns, validate rows."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from learningday.errors import CancelCheck, InvalidInput, Progress, stop_if_cancelled
from learningday.spreadsheet.encodings import COMMON, EncodingGuess, has_undecoded
from learningday.spreadsheet.delimiters import DELIMITERS
from learningday.spreadsheet.sources import Source, open_source
from learningday.spreadsheet.text import control_problem, unguard_formula

#: the header row is looked for among the first rows (title rows above it are skipped)
HEADER_SEARCH_ROWS = 30
#: a report keeps this many problems in full (and counts the rest)
MAX_ISSUES = 1000
CHECK_EVERY = 1000
#: what a cancelled import says (learningday.errors.Cancelled)
IMPORT_CANCELLED = "import cancelled; nothing was imported"


@dataclass(frozen=True)
class Issue:
    """One problem (or notice) of a report: the row as the user sees it in the file."""

    row: int
    column: str
    value: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "value": self.value, "message": self.message}

    def __str__(self) -> str:
        where = f"row {self.row}" + (f", {self.column}" if self.column else "")
        shown = self.value if len(self.value) <= 60 else self.value[:57] + "…"
        return f"{where}: {self.message}" + (f" ({shown!r})" if shown else "")


class ImportRefused(InvalidInput):
    """The file has problems; nothing was imported. ``issues`` is the row-level report."""

    def __init__(self, message: str, issues: tuple[Issue, ...] = (), issue_count: int | None = None) -> None:
        self.headline = message
        self.issues = issues
        self.issue_count = len(issues) if issue_count is None else issue_count
        listed = "; ".join(str(i) for i in issues[:5])
        more = f" (and {self.issue_count - 5:,} more)" if self.issue_count > 5 else ""
        super().__init__(f"{message}: {listed}{more}" if listed else message)


class Report:
    """What an import collects: problems (the row is skipped) counted in full; warnings (the row was imported,
    part of it left out) and notices (what was done); each kept up to MAX_ISSUES."""

    def __init__(self) -> None:
        self.issues: list[Issue] = []
        self.count = 0
        self.bad_rows: set[int] = set()
        self.notices: list[Issue] = []
        self.warnings: list[Issue] = []

    def problem(self, issue: Issue) -> None:
        self.count += 1
        self.bad_rows.add(issue.row)
        if len(self.issues) < MAX_ISSUES:
            self.issues.append(issue)

    def notice(self, issue: Issue) -> None:
        if len(self.notices) < MAX_ISSUES:
            self.notices.append(issue)

    def warning(self, issue: Issue) -> None:
        if len(self.warnings) < MAX_ISSUES:
            self.warnings.append(issue)


@dataclass(frozen=True, kw_only=True)
class FileRead:
    """How an import read its file (every import result carries it)."""

    format: str = ""
    encoding: str = ""
    delimiter: str = ""
    ignored_columns: tuple[str, ...] = ()


class CellProblem(ValueError):
    """Raised by a field parser or a row check: what is wrong, and in which column (a field key)."""

    def __init__(self, message: str, column: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.column = column


def _identity(text: str) -> str:
    return text


@dataclass(frozen=True)
class Field:
    """One column the import understands: its key, the header names it goes by, how to parse it."""

    key: str
    label: str
    synonyms: tuple[str, ...] = ()
    required: bool = False
    max_length: int = 200
    #: text (trimmed, NFC, non-empty) -> value; raise CellProblem (or ValueError) to refuse it
    parse: Callable[[str], Any] = _identity
    #: free text: tabs and line breaks are allowed (any other field is one line)
    lines: bool = False
    #: a list (of people, topics …): delimiters, line breaks and emails inside the cell are expected
    holds_list: bool = False

    def names(self) -> tuple[str, ...]:
        return (self.key, self.label, *self.synonyms)

    def read(self, text: str) -> Any:
        """A cell's cleaned text (see ``clean``) as this field's value; None when empty. Raises CellProblem."""
        if not text:
            if self.required:
                raise CellProblem(f"{self.label} is required", self.key)
            return None
        if len(text) > self.max_length:
            raise CellProblem(f"{self.label} is {len(text):,} characters long (at most {self.max_length:,})", self.key)
        if (problem := control_problem(text, lines=self.lines or self.holds_list)) is not None:
            raise CellProblem(f"{self.label} {problem}", self.key)
        try:
            return self.parse(text)
        except CellProblem as exc:
            raise CellProblem(exc.message, self.key) from None
        except ValueError as exc:
            raise CellProblem(str(exc), self.key) from None


@dataclass(frozen=True)
class ImportSpec:
    """What a kind of import reads: its fields, and checks across the fields of one row."""

    kind: str
    fields: tuple[Field, ...]
    #: values dict -> None; raise CellProblem(column=field key) to refuse the row
    row_checks: tuple[Callable[[dict[str, Any]], None], ...] = ()

    def field(self, key: str) -> Field:
        return next(f for f in self.fields if f.key == key)


def header_key(text: str) -> str:
    """'E-mail ', 'e_mail', 'E Mail' -> 'email': how headers and synonyms are compared."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in folded if ch.isalnum())


@dataclass(frozen=True)
class ColumnMapping:
    """Which column (0-based index) each field is read from; ``ignored`` lists unused headers."""

    header_row: int
    headers: tuple[str, ...]
    columns: Mapping[str, int]
    ignored: tuple[str, ...] = ()

    def header_of(self, key: str) -> str:
        return self.headers[self.columns[key]]


def _score(cells: list[str], lookup: dict[str, str]) -> int:
    return len({lookup[k] for k in map(header_key, cells) if k in lookup})


def recognised(headers: tuple[str, ...], spec: ImportSpec) -> tuple[str, ...]:
    """The headers ``spec`` knows by name (one per field): how much a header row looks like its kind."""
    lookup = _lookup(spec)
    seen: dict[str, str] = {}
    for header in headers:
        if (key := lookup.get(header_key(header))) is not None:
            seen.setdefault(key, header)
    return tuple(seen.values())


def _lookup(spec: ImportSpec) -> dict[str, str]:
    table: dict[str, str] = {}
    for f in spec.fields:
        for name in f.names():
            table.setdefault(header_key(name), f.key)
    return table


def map_columns(
    first_rows: list[tuple[int, list[str]]], spec: ImportSpec, overrides: Mapping[str, str | int | None] | None = None
) -> ColumnMapping:
    """Find the header among ``first_rows`` and map fields to columns; ``overrides`` win.

    An override maps a field key to a header text, a 0-based column index, or None (do not import it).
    """
    lookup = _lookup(spec)
    overrides = dict(overrides or {})
    unknown = sorted(set(overrides) - {f.key for f in spec.fields})
    if unknown:
        raise InvalidInput(f"unknown field(s) in the column mapping: {', '.join(unknown)}")
    wanted = {header_key(v) for v in overrides.values() if isinstance(v, str)}
    best: tuple[int, int, list[str]] | None = None
    for row_no, cells in first_rows:
        score = _score(cells, lookup) + sum(1 for c in cells if c.strip() and header_key(c) in wanted)
        if score and (best is None or score > best[0]):
            best = (score, row_no, cells)
    if best is None:
        shown = next((", ".join(c for c in cells if c) for _, cells in first_rows if any(cells)), "nothing")
        expected = ", ".join(f.label for f in spec.fields if f.required) or spec.fields[0].label
        raise ImportRefused(f"no header row found in the first {HEADER_SEARCH_ROWS} rows "
                            f"(expected columns such as {expected}; the file starts with: {shown[:120]})")
    _, header_row, cells = best
    while cells and not cells[-1].strip():  # empty trailing columns
        cells = cells[:-1]
    headers = tuple(readable(c).strip() for c in cells)
    by_key = {header_key(h): i for i, h in reversed(list(enumerate(headers))) if h}
    columns: dict[str, int] = {}
    for i, h in enumerate(headers):
        key = lookup.get(header_key(h)) if h else None
        if key is not None and key not in columns:
            columns[key] = i
    for key, target in overrides.items():
        columns.pop(key, None)
        if target is None:
            continue
        if isinstance(target, int):
            if not 0 <= target < len(headers):
                raise InvalidInput(f"column {target + 1} does not exist for {spec.field(key).label}")
            columns[key] = target
        elif header_key(target) in by_key:
            columns[key] = by_key[header_key(target)]
        else:
            raise InvalidInput(f"no column {target!r} in the header row (row {header_row})")
    missing = [f for f in spec.fields if f.required and f.key not in columns]
    if missing:
        names = ", ".join(f"'{f.label}'" for f in missing)
        raise ImportRefused(
            f"the file has no {names} column (header row {header_row}: {', '.join(h for h in headers if h)}); "
            "rename the column or map it by hand",
            (Issue(header_row, missing[0].label, "", f"required column {names} is missing"),),
        )
    used = set(columns.values())
    ignored = tuple(h for i, h in enumerate(headers) if h and i not in used)
    return ColumnMapping(header_row, headers, columns, ignored)


@dataclass
class ParsedRow:
    """One data row: parsed values by field key (absent when the cell is empty) and its problems."""

    row: int
    values: dict[str, Any]
    raw: dict[str, str]
    issues: list[Issue] = field(default_factory=list)


def clean(text: str) -> str:
    """What a cell or a form field holds, as stored: trimmed, Unicode NFC."""
    return unicodedata.normalize("NFC", text.strip())


def _clean(text: str) -> str:
    text = text.strip()
    if text.startswith("'"):  # an export guards a formula-like cell so (learningday.spreadsheet.text)
        text = unguard_formula(text)
    return clean(text)


#: an email-shaped text: beside a delimiter in one cell, it says a row was not split as the header was
_EMAILISH = re.compile(r"[^\s@,;|]+@[^\s@,;|]+\.[^\s@,;|]+")
_DELIMITER = re.compile(f"[{re.escape(DELIMITERS)}]")


def _shape_problem(row_no: int, cells: list[str], mapping: ColumnMapping) -> Issue | None:
    """A CSV row with more or fewer cells than the header (mixed delimiters, or a quote left open)."""
    width = len(mapping.headers)
    used = len(cells)
    while used > width and not cells[used - 1].strip():  # empty cells past the header's: harmless padding
        used -= 1
    if used == width:
        return None
    return Issue(row_no, "", "", f"the row has {used:,} cell{'s' if used != 1 else ''} but the header has "
                                 f"{width:,} (delimiters mixed in the row, or a quote left open)")


def _split_problem(field: Field, text: str) -> str | None:
    """A one-value cell holding a delimiter and an email: the rest of a row that was not split."""
    if "@" not in text or field.lines or field.holds_list or _DELIMITER.search(text) is None:
        return None
    if _EMAILISH.search(text) is None:
        return None
    return (f"{field.label} holds several values and an email: the row is not split as the header is "
            "(delimiters mixed in the row, or a quote left open)")


def parse_rows(
    source: Source,
    spec: ImportSpec,
    mapping: ColumnMapping,
    *,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
) -> Iterator[ParsedRow]:
    """Parse and validate every row below the header; blank rows are skipped."""
    fields = [(spec.field(key), index) for key, index in mapping.columns.items()]
    csv_rows = source.format == "csv"  # an XLSX row has no delimiter to get wrong, and may end early
    for count, (row_no, cells) in enumerate(source.rows(), start=1):
        if count % CHECK_EVERY == 0:
            stop_if_cancelled(cancel, IMPORT_CANCELLED)
            if progress is not None:
                progress(source.fraction(), f"read {count:,} rows")
        if row_no <= mapping.header_row or not any(c.strip() for c in cells):
            continue
        parsed = ParsedRow(row_no, {}, {})
        if (undecoded := source.row_problem(cells)) is not None:
            parsed.issues.append(Issue(row_no, "", "", undecoded))  # mojibake is never stored
            yield parsed
            continue
        if csv_rows and (problem := _shape_problem(row_no, cells, mapping)) is not None:
            parsed.issues.append(problem)  # its cells are not under their headers: no point reading them
            yield parsed
            continue
        for f, index in fields:
            text = _clean(cells[index]) if index < len(cells) else ""
            parsed.raw[f.key] = text
            if csv_rows and (split := _split_problem(f, text)) is not None:
                parsed.issues.append(Issue(row_no, mapping.headers[index], text[:80], split))
                continue
            try:
                value = f.read(text)
            except CellProblem as exc:
                shown = text if len(text) <= f.max_length else text[:80]
                parsed.issues.append(Issue(row_no, mapping.headers[index], shown, exc.message))
                continue
            if value is not None:
                parsed.values[f.key] = value
        if not parsed.issues:
            for check in spec.row_checks:
                try:
                    check(parsed.values)
                except CellProblem as exc:
                    column = mapping.header_of(exc.column) if exc.column in mapping.columns else (exc.column or "")
                    parsed.issues.append(Issue(row_no, column, parsed.raw.get(exc.column or "", ""), exc.message))
        yield parsed
    if progress is not None:
        progress(1.0, "file read")


@dataclass(frozen=True)
class Preview:
    """What an import wizard shows before importing: the detected format, mapping and first rows."""

    format: str
    encoding: str
    delimiter: str
    sheet: str
    mapping: ColumnMapping
    rows: tuple[tuple[int, tuple[str, ...]], ...]
    #: what the user should know about the encoding: unsure, or rows that are not UTF-8 ('' when all is well)
    encoding_note: str = ""
    #: the encodings to offer, the one read first (none for a workbook)
    encodings: tuple[str, ...] = ()
    #: False: two encodings read the file about as well; importing it needs one chosen
    encoding_sure: bool = True


class EncodingUnsure(InvalidInput):
    """Two encodings read a CSV file differently and about as well: the user must choose (nothing was read)."""

    def __init__(self, message: str, guess: EncodingGuess) -> None:
        super().__init__(message)
        self.guess = guess


def open_for_import(path: Path, encoding: str | None = None) -> Source:
    """``open_source``, refusing a CSV file whose encoding is not certain: mojibake is never stored silently."""
    source = open_source(path, encoding)
    guess = source.guess
    if guess is not None and not guess.sure:
        source.close()
        raise EncodingUnsure(f"{path.name}: {guess.note()}", guess)
    return source


def readable(text: str) -> str:
    """A cell as a preview or a report shows it: bytes its encoding could not read as U+FFFD."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace") if has_undecoded(text) else text


def _best_delimiter(source: Source, spec: ImportSpec,
                    overrides: Mapping[str, str | int | None] | None) -> ColumnMapping:
    """The mapping of the current sheet, read with the delimiter whose header maps the most fields; ties go
    to the steadier delimiter (``source.delimiters`` is best first). A workbook has one, ''."""
    best: tuple[int, str, ColumnMapping] | None = None
    first_problem: InvalidInput | None = None
    for delimiter in source.delimiters:
        source.delimiter = delimiter
        try:
            mapping = map_columns(source.head(HEADER_SEARCH_ROWS), spec, overrides)
        except InvalidInput as exc:  # no header this way (or a cell that never ends): the next delimiter
            first_problem = first_problem or exc
            continue
        if best is None or len(mapping.columns) > best[0]:
            best = (len(mapping.columns), delimiter, mapping)
    source.delimiter = source.delimiters[0] if best is None else best[1]
    if best is None:
        assert first_problem is not None
        raise first_problem
    return best[2]


def find_mapping(source: Source, spec: ImportSpec, overrides: Mapping[str, str | int | None] | None) -> ColumnMapping:
    """The mapping of the first sheet whose header fits ``spec`` (a CSV has one 'sheet');
    when none fits, the first sheet is chosen again and its problem raised."""
    sheets = getattr(source, "sheet_count", 1)
    first_problem: ImportRefused | None = None
    for index in range(sheets):
        if index:
            source.choose_sheet(index)  # type: ignore[attr-defined]
        try:
            return _best_delimiter(source, spec, overrides)
        except ImportRefused as exc:
            first_problem = first_problem or exc
    if sheets > 1:
        source.choose_sheet(0)  # type: ignore[attr-defined]
    assert first_problem is not None
    raise first_problem


def preview(path: Path | str, spec: ImportSpec, overrides: Mapping[str, str | int | None] | None = None,
            *, rows: int = 20, encoding: str | None = None) -> Preview:
    """The detected format, column mapping and first ``rows`` data rows of a file (read in ``encoding``
    if given); an encoding that is not certain is said in ``encoding_note``, not refused."""
    with open_source(Path(path), encoding) as source:
        mapping = find_mapping(source, spec, overrides)
        first = tuple((n, tuple(map(readable, c))) for n, c in source.head(mapping.header_row + rows)
                      if n > mapping.header_row)
        guess = source.guess
        offered = () if guess is None else tuple(dict.fromkeys((guess.encoding, *guess.candidates, *COMMON)))
        return Preview(source.format, source.encoding, source.delimiter, source.sheet, mapping, first,
                       guess.note() if guess is not None else "", offered, guess is None or guess.sure)
