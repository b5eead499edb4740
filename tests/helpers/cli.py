"""Running the command line in-process, as the CLI tests do."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import sha256
from ui.cli.main import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """``learningday ARGV…``: its exit status, stdout and stderr."""
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def refused(capsys: pytest.CaptureFixture[str], event: Path, *argv: str, status: int = 2) -> str:
    """``learningday ARGV…`` refused: exit ``status`` and ``event`` byte for byte as it was; its stderr.
    With ``--json`` the one JSON document on stdout carries the error, whose message is on stderr too."""
    digest = sha256(event)
    try:
        code, out, err = run(capsys, *argv)
    except SystemExit as exc:  # argparse's own refusals
        code, (out, err) = exc.code, capsys.readouterr()
    assert code == status, err
    assert sha256(event) == digest, "a refused command changed the event file"
    if "--json" in argv:
        assert json.loads(out)["error"]["message"] in err
    return err
