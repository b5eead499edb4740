"""Running the command line in-process, as the CLI tests do."""

from __future__ import annotations

import pytest

from ui.cli.main import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """``learningday ARGV…``: its exit status, stdout and stderr."""
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err
