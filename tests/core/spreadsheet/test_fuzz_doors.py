"""Bounded fuzzing of the import doors (roster CSV, roster XLSX, agenda) on both backends: a LearningDayError or
success, never anything else; a refusal leaves the event file byte for byte as it was, and no -wal/-shm behind, or
every row of every table on the server as it was."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from learningday.errors import LearningDayError
from learningday.plan.importing import import_agenda
from learningday.roster.importing import import_roster
from learningday.spreadsheet.text import printable
from learningday.store.db import open_event
from tests.helpers.backends import Backend
from tests.helpers.doors import sidecars
from tests.helpers.fuzz_events import FuzzEvent
from tests.helpers.planning import Small
from tests.helpers.roster import make_event
from tests.helpers.workbooks import DATE_STYLES, MAIN, parts, write_parts

#: the backend's event is made once per test and shared by its examples (FuzzEvent puts it back after a write)
FUZZ = settings(max_examples=80, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

#: text that has broken a door before, or could: formulas, controls, delimiters, quotes, odd numbers and dates
NASTY = ["", " ", "=1+1", "＝1", "  @SUM(A1)", "\x00", "\x01", "\x7f", "\r\n", "\n", "\t", '"', '"open', "a,b",
         "a;b@example.org;X1", "Ann <ann@example.org>; Bo <bo@example.org>", "ann@example.org", "not an email",
         "L3", "7", "0", "-1", "1e10", "inf", "nan", "2958466", "9" * 60, "London", "Asia/Tokyo", "Middle Earth",
         "2027-03-11T10:00Z", "9999-12-31T23:59Z", "0001-01-01 00:00", "90", "1h30", "25:00", "09:00-17:00",
         "virtual", "Room A", "https://example.org/join", "javascript:alert(1)", "Zoë Ångström", "山田 太郎",
         "x" * 300, "\ud7ff", "\ufeff", "\u202e", "ABC123", "00000000-0000-4000-8000-000000000001"]
CELL = st.one_of(st.sampled_from(NASTY), st.text(max_size=12), st.integers(-10, 10).map(str))
ROSTER_HEADERS = ["Name", "Email", "Employee ID", "Department", "Role", "Hub", "Level", "Code", "UID", "Notes"]
AGENDA_HEADERS = ["Title", "Level", "Duration", "Description", "Topics", "Facilitators", "Venue", "Target hubs",
                  "Start", "Time zone", "Capacity", "Name", "Email", "Zone", "Availability", "Levels", "Kind",
                  "Site", "Hub", "Join link"]
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "cp1252", "shift_jis", "koi8_r"]


def _table(headers: list[str]) -> st.SearchStrategy[list[list[str]]]:
    header = st.lists(st.sampled_from(headers), min_size=1, max_size=6, unique=True)
    return header.flatmap(lambda head: st.lists(st.lists(CELL, min_size=0, max_size=len(head) + 2),
                                                max_size=6).map(lambda rows: [head, *rows]))


@st.composite
def csv_bytes(draw: st.DrawFn, headers: list[str]) -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=draw(st.sampled_from(",;\t|")), lineterminator=draw(st.sampled_from(["\n", "\r\n"])),
               quoting=draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]))).writerows(draw(_table(headers)))
    data = out.getvalue().encode(draw(st.sampled_from(ENCODINGS)), "replace")
    for _ in range(draw(st.integers(0, 3))):  # a few bytes damaged, added or cut
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(max_size=3)) + data[at + draw(st.integers(0, 2)):]
    return data


def _cell_xml(draw: st.DrawFn, row: int, column: int, value: str) -> str:
    ref = draw(st.sampled_from([f"{chr(65 + column % 26)}{row}", "", "ZZZZZZZ2", "A0", "1A", "XFD1", "a1"]))
    kind = draw(st.sampled_from(["inlineStr", "inlineStr", "s", "n", "b", "str", "e", "x"]))
    style = draw(st.sampled_from(["", ' s="0"', ' s="1"', ' s="x"', ' s="99"']))
    at = f' r="{ref}"' if ref else ""
    if kind == "inlineStr":
        return f'<c{at}{style} t="inlineStr"><is><t>{escape(value)}</t></is></c>'
    number = draw(st.sampled_from([value, "0", "3", "-1", "1e10", "inf", "nan", "45000.5", "2958466", "1e400"]))
    return f'<c{at}{style} t="{kind}"><v>{escape(number)}</v></c>'


@st.composite
def xlsx_parts(draw: st.DrawFn, headers: list[str]) -> tuple[dict[str, str | bytes], list[int]]:
    rows = draw(_table(headers))
    body = "".join(
        f'<row r="{draw(st.sampled_from([str(r), str(r), "", "0", "99999999"]))}">'
        + "".join(_cell_xml(draw, r, c, v) for c, v in enumerate(row)) + "</row>"
        for r, row in enumerate(rows, start=1)).replace(' r=""', "")
    contents = parts(body=body)
    strings = "".join(f"<si><t>{escape(v)}</t></si>" for v in draw(st.lists(CELL, max_size=4)))
    contents["xl/sharedStrings.xml"] = draw(st.sampled_from([
        f'<sst xmlns="{MAIN}">{strings}</sst>', f'<sst xmlns="{MAIN}">{strings}', "", "<sst/>"]))
    contents["xl/styles.xml"] = draw(st.sampled_from([DATE_STYLES, "<styleSheet", f'<styleSheet xmlns="{MAIN}"/>']))
    for name in draw(st.lists(st.sampled_from(sorted(contents)), max_size=1)):
        contents[name] = draw(st.sampled_from(["", "<x", "\x00", contents[name][: len(contents[name]) // 2]]))
    flips = draw(st.lists(st.integers(0, 10_000), max_size=2))  # bytes of the zip itself to damage
    return contents, flips


def _write_xlsx(path: Path, contents: dict[str, str | bytes], flips: list[int]) -> Path:
    write_parts(path, contents)
    data = bytearray(path.read_bytes())
    for at in flips:
        data[at % len(data)] ^= 0x5A
    path.write_bytes(bytes(data))
    return path


@pytest.fixture(scope="module")
def roster_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_event(tmp_path_factory.mktemp("fuzz") / "roster.lday")


@pytest.fixture()
def roster_event(backend: Backend, roster_template: Path) -> FuzzEvent:
    """The roster event on this test's backend, made once for all its examples."""
    return FuzzEvent(backend, roster_template)


@pytest.fixture()
def agenda_event(backend: Backend, small_template: Small) -> FuzzEvent:
    return FuzzEvent(backend, small_template.path)


def _through_the_door(target: FuzzEvent, write_source: Callable[[Path], Path],
                      door: Callable[..., object], **options: object) -> str:
    """Import a generated file into the event as it was: "imported", or "refused" having changed nothing."""
    with target.example() as (event, folder):
        source = write_source(folder)
        try:
            with open_event(event) as event_file, event_file.write() as session:
                door(session, source, **options)
        except LearningDayError:
            assert target.unchanged(event), "a refused import changed the event"
            outcome = "refused"
        else:
            assert _stored_text(event) == [], "an import stored a control character"
            target.written()
            outcome = "imported"
        if isinstance(event, Path):
            assert sidecars(event) == []
    return outcome


def _stored_text(event: str | Path) -> list[str]:
    """The stored names, titles and descriptions that hold what the text rule refuses."""
    with open_event(event) as event_file, event_file.read() as session:
        return [value for table in ("attendees", "sessions", "venues", "facilitators")
                for row in session.execute(text(f"SELECT * FROM {table}"))  # noqa: S608 - the four names above
                for value in row if isinstance(value, str) and printable(value) != value]


OPTIONS = st.fixed_dictionaries({"valid_only": st.booleans(),
                                 "encoding": st.sampled_from([None, None, None, "utf-8", "cp1252", "klingon"])})


@FUZZ
@given(data=csv_bytes(ROSTER_HEADERS), options=OPTIONS)
def test_roster_csv_door(roster_event: FuzzEvent, data: bytes, options: dict) -> None:
    def write(folder: Path) -> Path:
        (folder / "roster.csv").write_bytes(data)
        return folder / "roster.csv"

    assert _through_the_door(roster_event, write, import_roster, **options) in ("imported", "refused")


@FUZZ
@given(book=xlsx_parts(ROSTER_HEADERS), valid_only=st.booleans())
def test_roster_xlsx_door(roster_event: FuzzEvent, book: tuple[dict, list[int]], valid_only: bool) -> None:
    assert _through_the_door(roster_event, lambda folder: _write_xlsx(folder / "roster.xlsx", *book),
                             import_roster, valid_only=valid_only) in ("imported", "refused")


@FUZZ
@given(data=st.one_of(csv_bytes(AGENDA_HEADERS), xlsx_parts(AGENDA_HEADERS)), options=OPTIONS,
       kind=st.sampled_from([None, "sessions", "facilitators", "venues"]), create_missing=st.booleans())
def test_agenda_door(agenda_event: FuzzEvent, data: bytes | tuple[dict, list[int]], options: dict, kind: str | None,
                     create_missing: bool) -> None:
    def write(folder: Path) -> Path:
        if isinstance(data, bytes):
            (folder / "agenda.csv").write_bytes(data)
            return folder / "agenda.csv"
        return _write_xlsx(folder / "agenda.xlsx", *data)

    outcome = _through_the_door(agenda_event, write, import_agenda, kind=kind, create_missing=create_missing,
                                **options)
    assert outcome in ("imported", "refused")
