"""Roster import of 100k rows (CSV and XLSX) against raw csv/openpyxl + sqlite3 executemany of the same rows."""

from __future__ import annotations

import csv
import shutil
import sqlite3
import uuid
from datetime import datetime, timezone
from pathlib import Path

from bench import CACHE, Result, benchmark, median_seconds

ROWS = 100_000
HUBS = (("London", "Europe/London"), ("Bangalore", "Asia/Kolkata"), ("Tokyo", "Asia/Tokyo"),
        ("New York", "America/New_York"))
HEADER = ["Name", "Email", "Employee ID", "Department", "Role", "Hub", "Level"]
ROLES = ("Data Engineer", "Sales Executive", "ML Engineer", "Financial Analyst", "Research Scientist", "Accountant")


def _rows() -> list[list[str]]:
    return [[f"Person Ñame {i}", f"person.{i}@example.com", f"E{i:07d}", f"Dept {i % 40}", ROLES[i % len(ROLES)],
             HUBS[i % len(HUBS)][0], str(i % 5 + 1) if i % 3 else ""] for i in range(ROWS)]


def _inputs() -> tuple[Path, Path, Path]:
    """A blank event with four hubs, and the same 100k rows as CSV and XLSX (cached)."""
    from learningday.setup.event import create_event_file
    from learningday.store.db import open_event
    from learningday.store.models import Hub

    CACHE.mkdir(exist_ok=True)
    blank, as_csv, as_xlsx = CACHE / "roster-blank.lday", CACHE / "roster-100k.csv", CACHE / "roster-100k.xlsx"
    if not blank.exists():
        create_event_file(blank, name="Import bench", start_utc=datetime(2027, 3, 10, 21, tzinfo=timezone.utc))
        with open_event(blank) as event_file, event_file.write() as session:
            session.add_all(Hub(name=n, zone=z, position=i) for i, (n, z) in enumerate(HUBS))
    if not as_csv.exists() or not as_xlsx.exists():
        rows = _rows()
        with as_csv.open("w", encoding="utf-8", newline="") as fh:
            csv.writer(fh).writerows([HEADER, *rows])
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        sheet = book.create_sheet("Roster")
        for row in [HEADER, *rows]:
            sheet.append(row)
        book.save(as_xlsx)
    return blank, as_csv, as_xlsx


def _fresh(blank: Path) -> Path:
    target = CACHE / "roster-run.lday"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(blank, target)
    return target


def _raw_insert(target: Path, rows) -> None:
    """The baseline: the rows as they come, hub names looked up, one executemany, one commit."""
    from learningday.store.folding import register_sql_functions

    con = sqlite3.connect(target)
    con.execute("PRAGMA journal_mode = WAL")
    register_sql_functions(con)  # the attendee triggers keep the search terms, for both sides
    hubs = dict(con.execute("SELECT name, id FROM hubs"))
    now = datetime.now(timezone.utc).replace(tzinfo=None).isoformat(sep=" ")
    con.executemany(
        "INSERT INTO attendees (uid, code, name, email, employee_id, department, role, hub_id, level_id,"
        " created_utc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        ((str(uuid.uuid4()), f"C{i:06d}", r[0], r[1], r[2], r[3], r[4], hubs.get(r[5]), int(r[6]) if r[6] else None,
          now) for i, r in enumerate(rows)),
    )
    con.commit()
    con.close()


def _csv_rows(path: Path):
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        next(reader)
        yield from reader


def _xlsx_rows(path: Path):
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    try:
        rows = book.worksheets[0].iter_rows(values_only=True)
        next(rows)
        for row in rows:
            yield ["" if v is None else str(v) for v in row]
    finally:
        book.close()


@benchmark("import")
def roster_import() -> list[Result]:
    from learningday.roster.importing import import_roster
    from learningday.store.db import open_event

    blank, as_csv, as_xlsx = _inputs()

    def ours(source: Path):
        def run() -> None:
            with open_event(_fresh(blank)) as event_file, event_file.write() as session:
                result = import_roster(session, source)
            assert result.created == ROWS, result
        return run

    raw_csv = median_seconds(lambda: _raw_insert(_fresh(blank), _csv_rows(as_csv)), repeat=3)
    raw_xlsx = median_seconds(lambda: _raw_insert(_fresh(blank), _xlsx_rows(as_xlsx)), repeat=3)
    return [
        Result("import-roster 100k rows, CSV", median_seconds(ours(as_csv), repeat=3), "s", raw_csv,
               "within 3× of the raw baseline", "csv.reader + sqlite3 executemany of the same rows",
               limit=3 * raw_csv),
        Result("import-roster 100k rows, XLSX", median_seconds(ours(as_xlsx), repeat=3), "s", raw_xlsx,
               "within 3× of the raw baseline",
               "openpyxl read-only rows + sqlite3 executemany of the same rows", limit=3 * raw_xlsx),
        Result("raw XLSX read + insert vs raw CSV", raw_xlsx, "s", raw_csv, "for scale: XLSX within 10× of CSV",
               "csv.reader + sqlite3 executemany", limit=10 * raw_csv),
    ]


# -- the Attendees workspace's filter at 100k ------------------------------------------------
TYPED_NAMES = 40


def _typed_prefixes(path: Path) -> list[str]:
    """What a user types into the filter: a name letter by letter, up to two letters of the surname."""
    import random

    con = sqlite3.connect(path)
    names = [r[0] for r in con.execute("SELECT name FROM attendees ORDER BY id")]
    con.close()
    typed = [n if " " not in n else n[: n.index(" ") + 3] for n in random.Random(5).sample(names, TYPED_NAMES)]
    return [t[:end] for t in typed for end in range(1, len(t) + 1)]


def _filter_keystrokes(path: Path, prefixes: list[str], filters: dict) -> tuple[list[float], list[list[tuple]]]:
    """Per keystroke: the model's count and first page, as the workspace runs them; and the SQL it ran."""
    import os
    import time

    from sqlalchemy import event

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from learningday.roster.dto import AttendeeQuery
    from ui.document import EventDocument
    from ui.models import AttendeeWindowModel

    app = QApplication.instance() or QApplication([])  # noqa: F841 - the model wants an application
    document = EventDocument.open(path)
    statements: list[list[tuple]] = []
    event.listen(document.file.engine, "before_cursor_execute",
                 lambda conn, cursor, sql, params, context, many: statements[-1].append((sql, params))
                 if sql.startswith("SELECT") else None)
    model = AttendeeWindowModel(document.first_attendee_page, document.attendee_page)
    times = []
    try:
        for text in ["warm up", *prefixes]:
            statements.append([])
            start = time.perf_counter()
            model.set_query(AttendeeQuery(text=text, **filters))
            if model.rowCount():
                model.data(model.index(0, 0))
            times.append(time.perf_counter() - start)
    finally:
        document.close()
    return times[1:], statements[1:]


def _raw_keystrokes(path: Path, statements: list[list[tuple]]) -> list[float]:
    """The baseline: the same statements on a bare sqlite3 connection with the same pragmas."""
    import time

    from learningday.store.db import CACHE_KIB

    con = sqlite3.connect(path, isolation_level=None)
    con.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    times = []
    for keystroke in [statements[0], *statements]:  # the first one warms the cache
        start = time.perf_counter()
        for sql, params in keystroke:
            con.execute(sql, params).fetchall()
        times.append(time.perf_counter() - start)
    con.close()
    return times[1:]


def _exact_counts(path: Path, prefixes: list[str], filters: dict) -> list[float]:
    """The full count the workspace runs off the GUI thread when more than the cap match."""
    import time

    from learningday.roster.dto import AttendeeQuery
    from learningday.roster.query import SORT_LIMIT, count_attendees
    from learningday.store.db import open_event

    times = []
    with open_event(path) as event_file, event_file.read() as session:
        for text in prefixes:
            query = AttendeeQuery(text=text, **filters)
            if count_attendees(session, query, cap=SORT_LIMIT) > SORT_LIMIT:
                start = time.perf_counter()
                count_attendees(session, query)
                times.append(time.perf_counter() - start)
    return times


@benchmark("attendee_filter")
def attendee_filter_100k() -> list[Result]:
    import statistics

    from bench import demo_event
    from bench.bench_checkin import _pct

    path = demo_event(100_000)
    prefixes = _typed_prefixes(path)
    con = sqlite3.connect(path)
    hub_id, hub = con.execute("SELECT h.id, h.name FROM hubs AS h JOIN attendees AS a ON a.hub_id = h.id "
                              "GROUP BY h.id ORDER BY COUNT(*) DESC LIMIT 1").fetchone()
    con.close()
    ms = 1000
    results = []
    for label, filters in (("", {}), (f", hub {hub}", {"hub_id": hub_id}),
                           (", registered", {"registration": "registered"})):
        ours, statements = _filter_keystrokes(path, prefixes, filters)
        raw = _raw_keystrokes(path, statements)
        results += [
            Result(f"attendee filter p50, 100k{label}", statistics.median(ours) * ms, "ms",
                   statistics.median(raw) * ms, "under 16 ms (one frame)",
                   "raw sqlite3 running the same count + first page, p50", limit=16),
            Result(f"attendee filter p95, 100k{label} ({len(ours)} keys)", _pct(ours, 0.95) * ms, "ms",
                   _pct(raw, 0.95) * ms, "under 16 ms (one frame)",
                   "raw sqlite3 running the same count + first page, p95", limit=16),
        ]
    exact = _exact_counts(path, prefixes, {})
    if exact:
        results.append(Result(f"exact count off the GUI thread p95 ({len(exact)} broad prefixes)",
                              _pct(exact, 0.95) * ms, "ms", None,
                              "off a keystroke's path: under 250 ms", "", limit=250))
    return results
