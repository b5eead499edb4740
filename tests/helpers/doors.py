"""What a refused write must leave behind: the event file as it was, and no -wal or -shm beside it."""

from __future__ import annotations

from pathlib import Path


def sidecars(path: Path) -> list[Path]:
    """The -wal and -shm files beside an event file (an open connection's; none once it is closed)."""
    return [side for side in (Path(f"{path}-wal"), Path(f"{path}-shm")) if side.exists()]
