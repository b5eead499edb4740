"""Real file systems that refuse writes: a small tmpfs to fill up (root only) and files or folders made
read-only for root too. Each test module wraps these in its own fixtures."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = os.geteuid() == 0


@contextmanager
def small_disk(folder: Path, size: str = "8m") -> Iterator[Path]:
    """A real tmpfs of ``size`` mounted at ``folder`` (skips the test when not root, as a developer may be)."""
    if not ROOT:
        pytest.skip("a full disk is a small tmpfs here, and mounting one needs root (CI runs as root)")
    folder.mkdir(exist_ok=True)
    if subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                      capture_output=True).returncode:
        pytest.skip("this machine does not let root mount a tmpfs")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def fill(disk: Path) -> None:
    """Write until the disk says there is no space left."""
    try:
        with (disk / "filler").open("wb") as fh:
            while True:
                fh.write(b"\0" * 65536)
                fh.flush()
    except OSError:  # no space left on device: that is the point
        pass


@contextmanager
def locked(*paths: Path) -> Iterator[None]:
    """Files or folders made read-only, for root too (root writes through chmod: the immutable attribute)."""
    done: list[Path] = []
    try:
        for path in paths:
            path.chmod(0o555 if path.is_dir() else 0o444)
            done.append(path)
            if ROOT and subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode:
                pytest.skip("as root, read-only needs the immutable attribute, which this file system lacks")
        yield
    finally:
        for path in reversed(done):
            if ROOT:
                subprocess.run(["chattr", "-i", str(path)], capture_output=True)
            path.chmod(0o755 if path.is_dir() else 0o644)
