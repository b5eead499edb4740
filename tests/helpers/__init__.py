"""Plain helpers the tests import (events built by hand, the CLI run in-process); fixtures live in conftest.py."""

from __future__ import annotations

import hashlib
from pathlib import Path


def sha256(path: Path) -> str:
    """A file's fingerprint: the tests compare it to show that nothing was written."""
    return hashlib.sha256(path.read_bytes()).hexdigest()
