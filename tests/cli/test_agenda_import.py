"""`import-agenda`: exit codes and the JSON report; a blank event to a conflict-free agenda by the CLI alone."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests import ROOT
from tests.helpers import sha256
from tests.helpers.agenda import AGENDA, sessions_on_disk, utc
from tests.helpers.backends import Backend
from tests.helpers.cli import run
from tests.helpers.roster import HUBS, make_event

REPORT_KEYS = {"kind", "created", "updated", "unchanged", "skipped", "unscheduled", "created_facilitators",
               "created_venues", "errors", "error_count", "missing", "notices", "warnings"}


@pytest.fixture()
def event(tmp_path: Path, backend: Backend) -> str | Path:
    return backend.take(make_event(tmp_path / "cli.lday"))


def test_json_report_of_each_kind(capsys, event: Path) -> None:
    for name, kind, created in (("venues.csv", "venues", 4), ("facilitators_cp1252.csv", "facilitators", 5),
                                ("sessions.csv", "sessions", 5)):
        status, out, err = run(capsys, "import-agenda", str(event), str(AGENDA / name), "--json")
        report = json.loads(out)
        assert status == 0, err
        assert set(report) == REPORT_KEYS
        assert (report["kind"], report["created"], report["errors"]) == (kind, created, [])


def test_missing_facilitator_exits_2_then_create_missing_imports(capsys, event: Path) -> None:
    for name in ("venues.csv", "facilitators_cp1252.csv"):
        assert run(capsys, "import-agenda", str(event), str(AGENDA / name))[0] == 0
    digest = sha256(event)
    status, out, _ = run(capsys, "import-agenda", str(event), str(AGENDA / "sessions_title_row.xlsx"), "--json")
    report = json.loads(out)
    assert status == 2 and report["created"] == 0 and report["errors"] == [] and report["error_count"] == 0
    assert report["missing"] == [{"kind": "facilitator", "name": "Priya Raman", "email": "priya.raman@example.com",
                                  "rows": [6]}]
    status, _, err = run(capsys, "import-agenda", str(event), str(AGENDA / "sessions_title_row.xlsx"))
    assert status == 2 and "nothing was imported" in err and "Priya Raman" in err and "--create-missing" in err
    assert sha256(event) == digest
    status, out, _ = run(capsys, "import-agenda", str(event), str(AGENDA / "sessions_title_row.xlsx"),
                         "--create-missing")
    assert status == 0 and "5 created" in out and "2 session(s) without a start" in out and "Priya Raman" in out


def test_bad_rows_exit_2_with_the_row_level_report(capsys, event: Path) -> None:
    digest = sha256(event)
    status, out, _ = run(capsys, "import-agenda", str(event), str(AGENDA / "bad_zone.csv"), "--json")
    report = json.loads(out)
    assert status == 2 and report["kind"] == "facilitators" and report["error_count"] == 1
    assert set(report["errors"][0]) == {"row", "column", "value", "message"}
    assert (report["errors"][0]["row"], report["errors"][0]["column"]) == (3, "Time zone")
    status, _, err = run(capsys, "import-agenda", str(event), str(AGENDA / "bad_zone.csv"))
    assert status == 2 and "row 3, Time zone: unknown time zone" in err
    status, out, _ = run(capsys, "import-agenda", str(event), str(AGENDA / "binary.csv"), "--json")
    assert status == 2 and "not a text file" in json.loads(out)["errors"][0]["message"]
    status, _, err = run(capsys, "import-agenda", str(event), str(AGENDA / "empty.csv"))
    assert status == 2 and "0 bytes" in err
    assert sha256(event) == digest
    status, out, _ = run(capsys, "import-agenda", str(event), str(AGENDA / "bad_zone.csv"), "--valid-only", "--json")
    assert status == 0 and (json.loads(out)["created"], json.loads(out)["skipped"]) == (2, 1)


def test_kind_and_map_options(capsys, event: Path, tmp_path: Path) -> None:
    odd = tmp_path / "odd.csv"
    odd.write_text("What,Tier,Kick-off\nOffice hours,2,2027-03-11T12:00Z\n", encoding="utf-8")
    status, _, err = run(capsys, "import-agenda", str(event), str(odd))
    assert status == 2 and "no header row" in err
    status, out, err = run(capsys, "import-agenda", str(event), str(odd), "--kind", "sessions", "--map", "title=What",
                           "--map", "level=Tier", "--map", "start=Kick-off")
    assert status == 0, err
    assert sessions_on_disk(event)["Office hours"]["start"] == utc("2027-03-11T12:00Z")
    status, _, err = run(capsys, "import-agenda", str(event), str(AGENDA / "venues.csv"), "--kind", "sessions")
    assert status == 2 and "no 'Level' column" in err  # Name reads as the title


def test_blank_event_to_a_conflict_free_agenda_by_one_script(capsys, tmp_path: Path) -> None:
    """scripts/blank-to-agenda.sh: `new`, then `import-agenda` of venues, facilitators and
    sessions, then `check`; the event it leaves has every session placed and no conflict."""
    event = tmp_path / "blank.lday"
    root = ROOT
    done = subprocess.run(
        ["sh", str(root / "scripts" / "blank-to-agenda.sh"), str(event), str(AGENDA)],
        env={**os.environ, "LEARNINGDAY": f"{sys.executable} {root / 'main.py'}"},
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "5 created" in done.stdout and "0 conflicts" in done.stdout
    status, out, _ = run(capsys, "check", str(event), "--json")
    assert status == 0 and json.loads(out)["conflicts"] == []
    status, out, _ = run(capsys, "info", str(event), "--json")
    assert [h["name"] for h in json.loads(out)["hubs"]] == [name for name, _zone in HUBS]
    status, out, _ = run(capsys, "agenda", str(event), "--json")
    sessions = json.loads(out)
    assert len(sessions) == 5 and all(s["start_utc"] and s["venue"] and s["facilitators"] for s in sessions)


def test_a_hub_left_out_is_a_warning_in_the_text_and_the_json(capsys, event: Path, tmp_path: Path) -> None:
    agenda = tmp_path / "sessions.csv"
    agenda.write_text('Title,Level,Target hubs\nPrompting,2,"Tokyo; Chicago"\nAgents,3,Sao Paulo\n', encoding="utf-8")
    before = sha256(event)
    status, out, err = run(capsys, "import-agenda", str(event), str(agenda), "--valid-only", "--json")
    assert status == 0, err
    report = json.loads(out)
    assert (report["created"], report["skipped"], report["errors"]) == (2, 0, [])
    assert [(w["row"], w["column"], w["value"]) for w in report["warnings"]] == [(2, "Target hubs", "Chicago")]
    assert sha256(event) != before
    event_again = make_event(tmp_path / "again.lday")
    status, out, err = run(capsys, "import-agenda", str(event_again), str(agenda))
    assert status == 0 and err == ""
    assert out.splitlines()[2:] == [
        "imported with a part left out:",
        "  row 2, Target hubs: not a hub of this event, left out: the session is for Tokyo only "
        "(add the hub, then import again) ('Chicago')",
    ]
    assert sessions_on_disk(event_again)["Agents"]["hubs"] == ["São Paulo"]


def test_hub_options_match_without_accents(capsys, event: Path, tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("Name,Email,Hub\nAna Lima,ana@example.org,São Paulo\nBo Chen,bo@example.org,Tokyo\n",
                      encoding="utf-8")
    assert run(capsys, "import-roster", str(event), str(roster))[0] == 0
    status, out, err = run(capsys, "attendees", str(event), "--hub", "sao paulo", "--json")
    assert status == 0, err
    assert [a["name"] for a in json.loads(out)] == ["Ana Lima"]
