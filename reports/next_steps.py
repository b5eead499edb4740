"""The next-steps file for an LMS (one row per attendee) as CSV or XLSX; no cell is ever run as a formula."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from learningday.errors import CancelCheck, InvalidInput, Progress
from learningday.outputs import check_output
from learningday.skills.dto import NextStep
from learningday.store.db import EventFile
from reports.roster_export import write_safe_csv

#: the columns and their widths in a workbook (characters)
COLUMNS = (("UID", 38), ("Code", 10), ("Name", 28), ("Email", 32), ("Employee ID", 13), ("Hub", 14),
           ("Department", 18), ("Role", 28), ("Validated levels", 15), ("Highest validated", 10),
           ("Target level", 10), ("Gap to target", 10), ("Next level", 10), ("Recommended paths", 60))
HEADER = tuple(name for name, _ in COLUMNS)


def values(step: NextStep) -> list[str | int | None]:
    return [step.attendee_uid, step.code, step.name, step.email, step.employee_id, step.hub, step.department,
            step.role, ", ".join(str(v) for v in step.validated), step.highest, step.target, step.gap,
            step.next_level, "; ".join(step.paths)]


def _write_csv(steps: Iterable[NextStep], path: Path) -> int:
    return write_safe_csv(HEADER, (values(step) for step in steps), path)


def add_sheet(book: Any, steps: Iterable[NextStep], cancel: CancelCheck | None = None) -> int:
    """The "Next steps" sheet (widths, a frozen header, an Excel table; text cells never run) in ``book``, the
    LMS file's only sheet and one of the report workbook's; returns the rows written."""
    from reports.output import check
    from reports.xlsx_report import _Sheet

    sheet = _Sheet(book, "Next steps", [(name, width, None) for name, width in COLUMNS])
    sheet.header()
    count = 0
    for count, step in enumerate(steps, start=1):
        sheet.append(values(step))
        if count % 5000 == 0:
            check(cancel)
    sheet.table("NextSteps")
    return count


def _write_xlsx(steps: Iterable[NextStep], path: Path) -> int:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    count = add_sheet(book, steps)
    book.save(path)
    return count


def write_next_steps(steps: Sequence[NextStep], out: Path | str) -> int:
    """Write ``steps`` atomically as CSV or XLSX by the extension; returns the rows written."""
    from reports.output import write_then_rename

    out = Path(out)
    writer = {".csv": _write_csv, ".xlsx": _write_xlsx}.get(out.suffix.lower())
    if writer is None:
        raise InvalidInput(f"cannot write next steps as {out.suffix or 'a file without extension'}: use .csv or .xlsx")
    return write_then_rename(out, lambda tmp: writer(steps, tmp))


def next_steps_file(event_file: EventFile, out: Path | str, *, progress: Progress | None = None,
                    cancel: CancelCheck | None = None) -> int:
    """Read the next steps in one transaction and write them (the CLI's and the GUI's one function)."""
    from learningday.skills.validation import next_steps
    from reports.output import check

    check_output(out, event_path=event_file.path)
    with event_file.read() as session:
        steps = next_steps(session)
    check(cancel, "next steps")
    if progress is not None:
        progress(0.5, f"{len(steps):,} attendees")
    return write_next_steps(steps, out)
