"""Dates out of range at every door (--start of new, demo and event-props; agenda cells; a stored start): one
clear error and nothing written, never an OverflowError. The --start doors are fuzzed as well."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from learningday.errors import InvalidInput
from learningday.setup.event import event_problems
from learningday.timeutil import parse_utc
from tests.helpers import execute, sha256
from tests.helpers.backends import Backend
from tests.helpers.cli import run
from tests.helpers.doors import sidecars
from tests.helpers.fuzz_events import FuzzEvent
from tests.helpers.planning import Small

OUT_OF_RANGE = ["9999-12-31T23:59Z", "9999-12-31T23:00Z", "0001-01-01T00:00+05:00", "1999-12-31T23:59Z",
                "2101-01-01T00:00Z"]


@pytest.mark.parametrize("text", OUT_OF_RANGE)
def test_the_one_date_reader_keeps_the_years_2000_to_2100(text: str) -> None:
    with pytest.raises(InvalidInput, match="outside the years 2000-2100"):
        parse_utc(text)
    assert parse_utc("2100-12-31T23:59Z").year == 2100 and parse_utc("2000-01-01T00:00").year == 2000


def test_an_event_starts_in_the_years_2000_to_2100_however_it_is_given() -> None:
    late = datetime(2100, 12, 31, 23, tzinfo=timezone(timedelta(hours=-5)))  # 2101 in UTC
    early = datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=5)))  # before year 1 in UTC: no overflow
    for start in (late, early):
        assert any("outside the years 2000-2100" in p for p in event_problems("Day", "", start, 1440))


@pytest.mark.parametrize("start", OUT_OF_RANGE[:3])
def test_new_and_demo_refuse_a_start_out_of_range_and_write_nothing(capsys, tmp_path: Path, start: str) -> None:
    out = tmp_path / "day.lday"
    status, _, err = run(capsys, "new", str(out), "--name", "Day", "--start", start, "--hub", "London")
    assert status == 2 and "outside the years 2000-2100" in err and "Traceback" not in err
    status, _, err = run(capsys, "demo", str(out), "--attendees", "0", "--start", start)
    assert status == 2 and "outside the years 2000-2100" in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("start", OUT_OF_RANGE[:3])
def test_event_props_refuses_a_start_out_of_range(capsys, small: Small, start: str) -> None:
    digest = sha256(small.path)
    status, _, err = run(capsys, "event-props", str(small.path), "--start", start)
    assert status == 2 and "outside the years 2000-2100" in err
    assert sha256(small.path) == digest and not sidecars(small.path)


def test_a_start_stored_out_of_range_is_a_readable_error_and_can_be_changed(capsys, small: Small) -> None:
    stored = "9999-12-31 23:00:00.000000" + ("" if isinstance(small.path, Path) else "+00")  # a server's is aware
    execute(small.path, "UPDATE event SET start_utc = :start", start=stored)  # as an older app wrote it
    status, _, err = run(capsys, "info", str(small.path))
    assert status == 2 and "outside the years 2000-2100" in err and "event-props --start" in err
    assert run(capsys, "event-props", str(small.path), "--start", "2027-03-10T21:00Z")[0] == 0
    assert run(capsys, "info", str(small.path))[0] == 0


@pytest.mark.parametrize(("cell", "shown"), [("9999-12-31T23:59Z", "9999-12-31T23:59"),
                                             ("9999-12-31 23:00 Europe/London", "9999-12-31"),
                                             ("0001-01-01T00:00+05:00", "0001-01-01T00:00")])
def test_an_agenda_start_out_of_range_is_a_row_problem(capsys, small: Small, tmp_path: Path, cell: str,
                                                       shown: str) -> None:
    agenda = tmp_path / "agenda.csv"
    agenda.write_text(f"Title,Level,Start\nKeynote,1,{cell}\n", encoding="utf-8")
    digest = sha256(small.path)
    status, _, err = run(capsys, "import-agenda", str(small.path), str(agenda))
    assert status == 2 and "row 2, Start" in err and shown in err and "outside the years 2000-2100" in err
    assert sha256(small.path) == digest and not sidecars(small.path)


# -- fuzz: whatever --start=TEXT says, a clear refusal (nothing written) or a file the app opens ---------
_ZONES = st.sampled_from([timezone.utc, timezone(timedelta(hours=14)), timezone(timedelta(hours=-12)),
                          timezone(timedelta(hours=5, minutes=45))])
STARTS = st.one_of(
    st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30), timezones=_ZONES)
    .map(lambda d: d.isoformat()),
    st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31)).map(lambda d: d.isoformat()),
    st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2110, 12, 31))
    .map(lambda d: d.strftime("%Y-%m-%dT%H:%MZ")),
    st.sampled_from(OUT_OF_RANGE + ["2100-12-31T23:59-12:00", "2000-01-01T00:00+14:00", "", "now", "2027-02-30"]),
    st.text(max_size=30),
)


def _no_leftovers(folder: Path) -> bool:
    return not any(p.name.endswith((".partial", "-wal", "-shm")) for p in folder.iterdir())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(start=STARTS, zone=st.sampled_from(["UTC", "Pacific/Kiritimati", "Pacific/Pago_Pago", "Asia/Kathmandu"]))
def test_fuzz_new_start(capsys, tmp_path: Path, start: str, zone: str) -> None:
    out = tmp_path / "fuzz.lday"
    out.unlink(missing_ok=True)
    status, _, err = run(capsys, "new", str(out), "--name", "Fuzz", f"--start={start}", "--zone", zone,
                         "--hub", "London")
    assert status in (0, 2) and "unexpected" not in err, err
    if status == 0:
        assert run(capsys, "info", str(out))[0] == 0
    else:
        assert not out.exists() and "error:" in err
    assert _no_leftovers(tmp_path)


@pytest.fixture()
def small_event(backend: Backend, small_template: Small) -> FuzzEvent:
    """The small event on this test's backend, made once for all its examples."""
    return FuzzEvent(backend, small_template.path)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(start=STARTS)
def test_fuzz_event_props_start(capsys, small_event: FuzzEvent, start: str) -> None:
    with small_event.example() as (event, _):
        status, _, err = run(capsys, "event-props", str(event), f"--start={start}")
        assert status in (0, 2) and "unexpected" not in err, err
        if status == 2:
            assert "error:" in err and small_event.unchanged(event)
        assert run(capsys, "info", str(event))[0] == 0
        if status == 0:
            small_event.written()


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(start=STARTS)
def test_fuzz_demo_start(capsys, tmp_path: Path, start: str) -> None:
    out = tmp_path / "demo.lday"
    out.unlink(missing_ok=True)
    status, _, err = run(capsys, "demo", str(out), "--attendees", "0", f"--start={start}")
    assert status in (0, 2) and "unexpected" not in err, err
    if status == 0:
        assert run(capsys, "info", str(out))[0] == 0
    else:
        assert not out.exists()
    assert _no_leftovers(tmp_path)
