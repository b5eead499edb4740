"""SQLite's write-ahead log as a crash leaves it: its committed pages, and a checkpoint cut short by a kill."""

from __future__ import annotations

import struct
from pathlib import Path

_MASK = 0xFFFFFFFF


def _checksum(chunk: bytes, s0: int, s1: int, order: str) -> tuple[int, int]:
    """SQLite's running checksum over 32-bit word pairs (walChecksumBytes)."""
    words = struct.unpack(f"{order}{len(chunk) // 4}I", chunk)
    for x0, x1 in zip(words[::2], words[1::2]):
        s0 = (s0 + x0 + s1) & _MASK
        s1 = (s1 + x1 + s0) & _MASK
    return s0, s1


def committed_pages(wal: Path) -> dict[int, bytes]:
    """Page number -> its newest content among the log's committed frames (what a checkpoint copies)."""
    data = wal.read_bytes() if wal.exists() else b""
    if len(data) < 32:
        return {}
    magic, _version, page_size, _seq, salt1, salt2, c1, c2 = struct.unpack(">8I", data[:32])
    order = ">" if magic & 1 else "<"
    running = _checksum(data[:24], 0, 0, order)
    if running != (c1, c2):
        return {}
    pages: dict[int, bytes] = {}
    pending: dict[int, bytes] = {}
    for offset in range(32, len(data) - 24 - page_size + 1, 24 + page_size):
        page, commit, f1, f2, k1, k2 = struct.unpack(">6I", data[offset : offset + 24])
        body = data[offset + 24 : offset + 24 + page_size]
        running = _checksum(body, *_checksum(data[offset : offset + 8], *running, order), order)
        if (f1, f2) != (salt1, salt2) or running != (k1, k2):
            break  # an older generation of the log, or a frame the kill cut in half
        pending[page] = body
        if commit:  # the last frame of a transaction: everything up to here is committed
            pages.update(pending)
            pending.clear()
    return pages


def cut_checkpoint_short(path: Path) -> bool:
    """Leave ``path`` as a kill in the middle of a checkpoint does: a checkpoint copies the log's pages in
    page order, so page 1 (whose header counts the pages) is new and the file has not grown yet.
    True when the header now counts more pages than the file holds."""
    page_one = committed_pages(Path(f"{path}-wal")).get(1)
    if page_one is None:
        return False
    with path.open("r+b") as fh:
        fh.write(page_one)
    page_size = struct.unpack(">H", page_one[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    return struct.unpack(">I", page_one[28:32])[0] * page_size > path.stat().st_size
