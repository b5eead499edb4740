"""`--encoding` on import-roster and import-agenda: an unsure guess is refused with the choices, a chosen one read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import sha256
from tests.helpers.backends import Backend
from tests.helpers.cli import run
from tests.helpers.roster import make_event

KOREAN = "Name,Email\n김철수,kim@example.com\n이영희,lee@example.com\n".encode("euc_kr")


@pytest.fixture()
def event(tmp_path: Path, backend: Backend) -> str | Path:
    return backend.take(make_event(tmp_path / "cli.lday"))


@pytest.mark.parametrize(("command", "header"), [("import-roster", "Name,Email"),
                                                 ("import-agenda", "Facilitator,Email")])
def test_an_unsure_encoding_is_refused_until_one_is_chosen(capsys, event: Path, tmp_path: Path, command: str,
                                                           header: str) -> None:
    source = tmp_path / "people.csv"
    source.write_bytes(KOREAN.replace(b"Name,Email", header.encode()))
    digest = sha256(event)
    status, _, err = run(capsys, command, str(event), str(source))
    assert status == 2 and "not sure of the encoding" in err and "with --encoding (" in err and "euc_kr" in err
    status, out, _ = run(capsys, command, str(event), str(source), "--json")
    assert status == 2 and "--encoding" in json.loads(out)["errors"][0]["message"]
    assert sha256(event) == digest
    status, out, err = run(capsys, command, str(event), str(source), "--encoding", "euc_kr", "--json")
    assert status == 0, err
    assert json.loads(out)["created"] == 2


def test_an_unknown_encoding_is_a_clear_error(capsys, event: Path, tmp_path: Path) -> None:
    source = tmp_path / "people.csv"
    source.write_bytes(KOREAN)
    status, _, err = run(capsys, "import-roster", str(event), str(source), "--encoding", "klingon")
    assert status == 2 and "unknown encoding 'klingon'" in err
