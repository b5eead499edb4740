"""The CLI's output on a seeded demo is byte-identical to the recorded golden files.

Regenerate (only when an output is meant to change) with ``LEARNINGDAY_GOLDEN=write pytest -k golden``.
What varies from run to run is masked: a new log entry's or session's uid, a walk-in's badge code, a calendar's DTSTAMP.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from learningday.demo.build import build_demo
from tests import DATA
from tests.helpers.backends import Backend
from tests.helpers.cli import run

GOLDEN = DATA / "golden"
_UUID = re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\b")
_STAMP = re.compile(r"^DTSTAMP:\d{8}T\d{6}Z\r?$", re.MULTILINE)
_CLOCK = re.compile(r"\b\d\d:\d\d(:\d\d)?( UTC)?\b")
_NEW_CODE = re.compile(r"(new badge code )[0-9A-Z]+")


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_demo(tmp_path_factory.mktemp("golden") / "golden.lday", attendees=300, seed=1)


def _commands(event: str, out: Path, code: str) -> list[tuple[str, list[str]]]:
    return [
        ("info.json", ["info", event, "--json"]),
        ("info.txt", ["info", event]),
        ("agenda.json", ["agenda", event, "--json"]),
        ("agenda-bangalore.txt", ["agenda", event, "--zone", "Bangalore"]),
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
        ("walk-in.txt", ["walk-in", event, "--name", "Golden Walker", "--email", "golden@example.com", "--hub",
                         "Bangalore"]),
        ("checkout.txt", ["checkout", event, code]),
        ("session-add.txt", ["session", "add", event, "Golden talk", "--level", "3", "--start", "2027-03-11 09:00",
                             "--zone", "Bangalore", "--duration", "45", "--venue", "Bangalore · Cubbon Hall",
                             "--facilitator", "Deepa Iyer", "--hub", "Bangalore", "--capacity", "20"]),
        ("session-move.json", ["session", "move", event, "Golden talk", "--start", "2027-03-11 18:00", "--zone",
                               "Asia/Tokyo", "--json"]),
        ("session-delete.txt", ["session", "delete", event, "Golden talk"]),
        ("level-set.json", ["level", "set", event, "2", "--label", "Hands-on", "--colour", "#3bb273", "--path",
                            "Prompt craft", "--json"]),
        ("role-set.txt", ["role", "set", event, "Prompt engineer", "2-3"]),
        ("roles.json", ["roles", event, "--json"]),
    ]


def test_cli_outputs_match_the_golden_files(seeded: Path, tmp_path: Path, backend: Backend,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    event = str(backend.take(Path(shutil.copyfile(seeded, tmp_path / "golden.lday"))))
    status, out, _ = run(capsys, "attendees", event, "--json")
    assert status == 0
    code = re.search(r'"code": "([A-Z0-9]+)"', out).group(1)
    produced: dict[str, str] = {}
    for name, argv in _commands(event, tmp_path, code):
        status, out, err = run(capsys, *argv)
        text = f"exit {status}\n--- stdout\n{out}--- stderr\n{err}"
        text = text.replace(event, "<event>").replace(str(tmp_path), "<out>")
        if name.startswith(("checkin", "walk-in", "checkout")):
            text = _CLOCK.sub("<time>", _NEW_CODE.sub(r"\1<code>", _UUID.sub("<uid>", text)))
        elif name.startswith("session"):
            text = _UUID.sub("<uid>", text)
        produced[name] = text
    for ics in ("all.ics", "zone.ics"):
        produced[ics] = _STAMP.sub("DTSTAMP:<now>", (tmp_path / ics).read_text(encoding="utf-8"))
    if os.environ.get("LEARNINGDAY_GOLDEN") == "write":
        GOLDEN.mkdir(parents=True, exist_ok=True)
        for name, text in produced.items():
            (GOLDEN / name).write_text(text, encoding="utf-8", newline="")
    for name, text in produced.items():
        assert text == (GOLDEN / name).read_bytes().decode("utf-8"), f"{name} changed"
