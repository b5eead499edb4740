"""Writing a user's file safely: beside the target first, renamed into place at the end."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from learningday.errors import InvalidInput


def write_then_rename(out: Path | str, write: Callable[[Path], int]) -> int:
    """Run ``write(partial_path)`` and rename the result to ``out``; a failure or a cancel leaves
    no half-written file behind (and an older ``out`` untouched)."""
    out = Path(out)
    if not out.parent.is_dir():
        raise InvalidInput(f"folder {out.parent} does not exist")
    partial = out.with_name(f".{out.stem}.partial{out.suffix}")
    try:
        count = write(partial)
        os.replace(partial, out)
    finally:
        partial.unlink(missing_ok=True)
    return count
