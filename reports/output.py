"""Writing a report file safely (where it may go, then atomically), and the number formats every report shares."""

from __future__ import annotations

import gc
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from learningday.errors import (  # noqa: F401 - CancelCheck, Progress: for the writers
    CancelCheck,
    InvalidInput,
    LearningDayError,
    Progress,
    stop_if_cancelled,
)
from learningday.outputs import check_output, partial_name


@contextmanager
def atomic_output(out: Path) -> Iterator[Path]:
    """Yield a hidden temporary name beside ``out``; it becomes ``out`` only if the block succeeds.

    ``out`` is checked first (check_output, without an event: the orchestrations check that one). A cancel
    or a failure leaves neither the temporary file nor a half-written ``out``.
    """
    out = check_output(out)
    tmp = partial_name(out)  # keeps the suffix writers dispatch on
    try:
        with system_errors(out, tmp):
            yield tmp
            os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)


@contextmanager
def system_errors(out: Path, tmp: Path) -> Iterator[None]:
    """A file the system will not write while ``out`` is made in ``tmp`` (a full disk, a folder turned
    read-only) is one LearningDayError naming ``out``."""
    try:
        yield
    except OSError as exc:
        ours = exc.filename is None or Path(exc.filename) in (out, tmp) or tmp in Path(exc.filename).parents
        other = "" if ours else f"{exc.filename}: "
        raise LearningDayError(f"could not write {out}: {other}{exc.strerror or exc}") from exc


_gc_lock = threading.Lock()
_gc_pauses = 0
_gc_was_enabled = True


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cycle collector while a document is built.

    Building a report allocates many short-lived objects, few of them in cycles; each batch of
    them can set off a full collection, which walks every object the caller holds, such as the
    analytics of a 100k-attendee event (a quarter of a second each time, measured in
    bench/bench_reports.py). Collection resumes when the last build ends; nesting and threads are safe.
    """
    global _gc_pauses, _gc_was_enabled
    with _gc_lock:
        _gc_pauses += 1
        if _gc_pauses == 1:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
    try:
        yield
    finally:
        with _gc_lock:
            _gc_pauses -= 1
            if _gc_pauses == 0 and _gc_was_enabled:
                gc.enable()


def write_then_rename(out: Path | str, write: Callable[[Path], int]) -> int:
    """Run ``write(temporary_path)`` and give the result the name ``out`` (see atomic_output)."""
    with atomic_output(Path(out)) as tmp:
        return write(tmp)


def check(cancel: CancelCheck | None, what: str = "report") -> None:
    """Raise Cancelled ("report cancelled; no file was written") when ``cancel`` says stop."""
    stop_if_cancelled(cancel, f"{what} cancelled; no file was written")


def quiet(_fraction: float, _message: str) -> None:
    """A progress callback that shows nothing."""


def pct(rate: float | None) -> str:
    return "–" if rate is None else f"{rate:.0%}"


def hours(minutes: int) -> str:
    return f"{minutes / 60:,.1f}"
