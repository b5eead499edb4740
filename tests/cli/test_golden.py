"""The CLI's output on a seeded demo is byte-identical to the recorded golden files.

Regenerate (only when an output is meant to change) with ``LEARNINGDAY_GOLDEN=write pytest -k golden``.
Two things vary from run to run and are masked: a new log entry's uid and a calendar's DTSTAMP.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from learningday.demo.build import build_demo
from tests import DATA
from tests.helpers.cli import run

GOLDEN = DATA / "golden"
_UUID = re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\b")
_STAMP = re.compile(r"^DTSTAMP:\d{8}T\d{6}Z\r?$", re.MULTILINE)
_CLOCK = re.compile(r"\b\d\d:\d\d(:\d\d)?( UTC)?\b")


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_demo(tmp_path_factory.mktemp("golden") / "golden.lday", attendees=300, seed=1)


def _commands(event: str, out: Path, code: str) -> list[tuple[str, list[str]]]:
    return [
        ("info.json", ["info", event, "--json"]),
        ("info.txt", ["info", event]),
        ("agenda.json", ["agenda", event, "--json"]),
        ("agenda-bangalore.txt", ["agenda", event, "--hub", "Bangalore"]),
        ("check.json", ["check", event, "--json"]),
        ("attendees.json", ["attendees", event, "--json"]),
        ("attendees-sydney.txt", ["attendees", event, "--hub", "Sydney"]),
        ("export-ics.txt", ["export-ics", event, str(out / "all.ics")]),
        ("export-ics-zone.txt", ["export-ics", event, str(out / "zone.ics"), "--zone", "Bangalore"]),
        ("checkin.txt", ["checkin", event, code]),
        ("checkin-again.txt", ["checkin", event, code]),
        ("checkin-unknown.txt", ["checkin", event, "ZZZZZZ"]),
        ("info-after.json", ["info", event, "--json"]),
        ("report.json", ["report", event, "--json", "--xlsx", str(out / "r.xlsx")]),
    ]


def test_cli_outputs_match_the_golden_files(seeded: Path, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    event = str(seeded)
    status, out, _ = run(capsys, "attendees", event, "--json")
    assert status == 0
    code = re.search(r'"code": "([A-Z0-9]+)"', out).group(1)
    produced: dict[str, str] = {}
    for name, argv in _commands(event, tmp_path, code):
        status, out, err = run(capsys, *argv)
        text = f"exit {status}\n--- stdout\n{out}--- stderr\n{err}"
        text = text.replace(str(tmp_path), "<out>").replace(event, "<event>")
        if name.startswith("checkin"):
            text = _CLOCK.sub("<time>", _UUID.sub("<uid>", text))
        produced[name] = text
    for ics in ("all.ics", "zone.ics"):
        produced[ics] = _STAMP.sub("DTSTAMP:<now>", (tmp_path / ics).read_text(encoding="utf-8"))
    if os.environ.get("LEARNINGDAY_GOLDEN") == "write":
        GOLDEN.mkdir(parents=True, exist_ok=True)
        for name, text in produced.items():
            (GOLDEN / name).write_text(text, encoding="utf-8", newline="")
    for name, text in produced.items():
        assert text == (GOLDEN / name).read_bytes().decode("utf-8"), f"{name} changed"
