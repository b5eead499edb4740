"""Plain helpers the tests import (events built by hand, the CLI run in-process); fixtures live in conftest.py."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any


def sha256(target: Path | str) -> str:
    """A file's fingerprint, or a database's (every table's rows, in key order): the tests compare it to show that
    nothing was written. A ``str`` is a database URL (the PostgreSQL half of a backend test)."""
    if isinstance(target, Path):
        return hashlib.sha256(target.read_bytes()).hexdigest()
    from tests.helpers.backends import dump

    return hashlib.sha256(repr(dump(target)).encode()).hexdigest()


def rows(target: Path | str, sql: str, **params: Any) -> list[tuple[Any, ...]]:
    """The rows of one query (``:name`` parameters) on an event file or database, read outside the app."""
    from tests.helpers.backends import one_statement

    return one_statement(target, sql, params, write=False)


def execute(target: Path | str, sql: str, **params: Any) -> None:
    """One statement written outside the app (a test's own change, or damage), committed."""
    from tests.helpers.backends import one_statement

    one_statement(target, sql, params, write=True)
