"""The command line: info --json, demo, exit statuses, and a start that imports no Qt."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from tests import DATA, ROOT
from tests.helpers.cli import run
from ui.cli.main import main


def test_info_json_has_the_keys_scripts_rely_on(capsys, demo_file: Path) -> None:
    status, out, err = run(capsys, "info", str(demo_file), "--json")
    assert status == 0 and err == ""
    info = json.loads(out)
    assert {"name", "start_utc", "end_utc", "levels", "hubs", "sessions", "attendees",
            "registrations", "checkins"} <= set(info)
    assert info["levels"] == 5 and info["attendees"] == 1000 and info["sessions"] >= 40
    assert all(set(h) >= {"name", "zone"} for h in info["hubs"]) and len(info["hubs"]) >= 6
    for key in ("start_utc", "end_utc"):
        assert datetime.fromisoformat(info[key]).utcoffset() is not None
    assert all(datetime.fromisoformat(h["local_start"]).utcoffset() is not None for h in info["hubs"])
    assert {h["offset_at_start"] for h in info["hubs"]} >= {"UTC+05:30"}


def test_info_text_names_the_event_and_hubs(capsys, demo_file: Path) -> None:
    status, out, _ = run(capsys, "info", str(demo_file))
    assert status == 0
    assert "Global AI Learning Day (demo)" in out and "Asia/Kolkata" in out and "1,000" in out


def test_demo_twice_with_one_seed_gives_the_same_info(capsys, tmp_path: Path) -> None:
    outputs = []
    for name in ("a.lday", "b.lday", "a.lday"):  # a second run over the same file, too
        status, _, _ = run(capsys, "demo", str(tmp_path / name), "--attendees", "120", "--seed", "9",
                           "--start", "2027-06-01T20:00Z")
        assert status == 0
        status, out, _ = run(capsys, "info", str(tmp_path / name), "--json")
        outputs.append(out)
    assert outputs[0] == outputs[1] == outputs[2]
    assert json.loads(outputs[0])["start_utc"] == "2027-06-01T20:00:00+00:00"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("info", "{tmp}/missing.lday"), "no such event file"),
        (("info", "{tmp}/bad.lday"), "not a SQLite database"),
        (("demo", "{tmp}/x.lday", "--start", "noon"), "not an ISO 8601"),
        (("demo", "{tmp}/x.lday", "--attendees", "-5"), "--attendees"),
        (("demo", "{tmp}/nowhere/x.lday"), "does not exist"),
    ],
)
def test_bad_input_exits_2_with_a_message_on_stderr(capsys, tmp_path: Path, argv, message) -> None:
    (tmp_path / "bad.lday").write_bytes(b"hello, not a database")
    status, out, err = run(capsys, *[a.format(tmp=tmp_path) for a in argv])
    assert status == 2 and out == ""
    assert message in err and "Traceback" not in err
    assert not (tmp_path / "x.lday").exists()


@pytest.mark.parametrize("argv", [("info",), ("info", "x.lday", "--nope"), ("demo",)])
def test_bad_usage_exits_2(capsys, argv) -> None:
    with pytest.raises(SystemExit) as caught:
        main(list(argv))
    assert caught.value.code == 2
    assert "usage:" in capsys.readouterr().err


def test_cli_starts_without_importing_qt() -> None:
    code = "import sys, ui.cli.main; print(any(m.startswith(('PySide6', 'shiboken6')) for m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.strip() == "False"


def test_main_py_runs_the_cli(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "demo", str(tmp_path / "m.lday"), "--attendees", "30"],
        capture_output=True, text=True, env=env,
    )
    assert result.returncode == 0, result.stderr
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "info", str(tmp_path / "m.lday"), "--json"],
        capture_output=True, text=True, env=env,
    )
    assert result.returncode == 0 and json.loads(result.stdout)["attendees"] == 30
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "info", str(tmp_path / "none.lday")],
        capture_output=True, text=True, env=env,
    )
    assert result.returncode == 2 and "no such event file" in result.stderr


def test_opening_an_older_file_migrates_it_without_chatter(tmp_path: Path) -> None:
    """Migrating prints no Alembic INFO lines: stderr stays empty, stdout is the command's own."""
    event = tmp_path / "old.lday"
    shutil.copyfile(DATA / "event_rev0001.lday", event)
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "info", str(event)], capture_output=True,
                          text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0 and done.stderr == ""
    assert list(tmp_path.glob("old.backups/*-before-0001.lday"))  # it was migrated: the backup is beside it
