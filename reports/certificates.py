"""Certificates of participation: one page per person who attended at least one session."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from learningday.reporting.dto import AttendeeOutcome, EventAnalytics, SessionOutcome
from learningday.timeutil import to_local
from reports import fonts
from reports.output import CancelCheck, Progress, atomic_output, check, quiet, system_errors
from learningday.outputs import check_output, partial_name

PAGE = landscape(A4)
ACCENT = colors.HexColor("#1F4E79")
MUTED = colors.HexColor("#6B7280")
MAX_SESSIONS = 8
#: the space kept free on each side of a line (the border is at 12-15 mm)
MARGIN = 25 * mm


def _draw(canvas: Canvas, text: str, y: float, size: float, *, font: str = fonts.SANS) -> None:
    """One centred line of ``text`` in any script, shrunk to fit inside the border."""
    fonts.draw_text(canvas, PAGE[0] / 2, y, text, size, max_width=PAGE[0] - 2 * MARGIN, min_size=7, base=font,
                    centred=True)


def local_dates(person: AttendeeOutcome, sessions: dict[int, SessionOutcome]) -> str:
    """The day(s) the person attended, on their hub's calendar (else the session's first hub's, else UTC's):
    a Sydney attendee of a session on 10 March UTC that was 11 March in Sydney took part on 11 March."""
    days = sorted({to_local(s.start_utc, person.hub_zone or s.main_hub_zone or "UTC").date()
                   for s in (sessions[i] for i in person.sessions_attended)})
    first, last = days[0], days[-1]
    if first == last:
        return f"{last:%-d %B %Y}"
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{last:%-d %B %Y}"
    return f"{first:%-d %B}{'' if first.year == last.year else f' {first.year}'} – {last:%-d %B %Y}"


def _page(canvas: Canvas, a: EventAnalytics, person: AttendeeOutcome, sessions: dict[int, SessionOutcome]) -> None:
    date = local_dates(person, sessions)
    width, height = PAGE
    canvas.setStrokeColor(ACCENT)
    canvas.setLineWidth(3)
    canvas.rect(12 * mm, 12 * mm, width - 24 * mm, height - 24 * mm)
    canvas.setLineWidth(0.8)
    canvas.rect(15 * mm, 15 * mm, width - 30 * mm, height - 30 * mm)
    canvas.setFillColor(ACCENT)
    _draw(canvas, "Certificate of participation", height - 42 * mm, 26, font=fonts.SANS_BOLD)
    canvas.setFillColor(colors.black)
    _draw(canvas, "This certifies that", height - 56 * mm, 12)
    _draw(canvas, person.name, height - 72 * mm, 28, font=fonts.SANS_BOLD)
    hours = person.learning_minutes / 60
    _draw(canvas, f"took part in {a.event.name}, {date}, with {hours:.1f} learning hours in "
                  f"{len(person.sessions_attended)} session{'s' if len(person.sessions_attended) != 1 else ''}:",
          height - 86 * mm, 12)
    y = height - 98 * mm
    attended = [sessions[sid] for sid in person.sessions_attended if sid in sessions]
    for s in attended[:MAX_SESSIONS]:
        _draw(canvas, f"{s.title} — level {s.level_id}, {s.level_name}", y, 11)
        y -= 6.5 * mm
    if len(attended) > MAX_SESSIONS:
        _draw(canvas, f"and {len(attended) - MAX_SESSIONS} more", y, 10)
        y -= 6.5 * mm
    levels = ", ".join(a.level(lv).name for lv in person.levels_attended)
    canvas.setFillColor(MUTED)
    _draw(canvas, f"Levels attended: {levels}", y - 3 * mm, 10)
    if person.highest_level is not None:
        paths = a.level(person.highest_level).learning_paths
        canvas.setFillColor(ACCENT)
        _draw(canvas, "Suggested next steps", 48 * mm, 12, font=fonts.SANS_BOLD)
        canvas.setFillColor(colors.black)
        _draw(canvas, " · ".join(paths), 40 * mm, 10.5)
    canvas.setFillColor(MUTED)
    _draw(canvas, a.event.theme, 24 * mm, 9)
    canvas.showPage()


def recipients(a: EventAnalytics) -> list[AttendeeOutcome]:
    """Everyone who attended at least one session, by name."""
    return [p for p in a.attendees if p.sessions_attended]


def _safe(name: str) -> str:
    return re.sub(r"[^\w.-]+", "-", name, flags=re.UNICODE).strip("-")[:60] or "attendee"


def write_certificates(analytics: EventAnalytics, out: Path, *, progress: Progress | None = None,
                       cancel: CancelCheck | None = None) -> Path:
    """``out`` ending in .pdf: one merged PDF; otherwise a new folder with one PDF per person.

    A cancel (checked before each page) leaves no file and no folder behind.
    """
    fonts.register()
    report = progress or quiet
    out = Path(out)
    people = recipients(analytics)
    sessions = {s.id: s for s in analytics.sessions}
    if out.suffix.lower() == ".pdf":
        with atomic_output(out) as tmp:
            canvas = Canvas(str(tmp), pagesize=PAGE, pageCompression=1)
            canvas.setTitle(f"{analytics.event.name}: certificates")
            for i, person in enumerate(people):
                check(cancel)
                _page(canvas, analytics, person, sessions)
                if i % 50 == 49:
                    report(i / max(len(people), 1), f"{i + 1:,} of {len(people):,} certificates")
            if not people:
                _draw(canvas, "Nobody has attended a session yet.", PAGE[1] / 2, 14)
                canvas.showPage()
            canvas.save()
        report(1.0, "certificates written")
        return out
    check_output(out, kind="folder")
    tmp = partial_name(out)
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        with system_errors(out, tmp):
            tmp.mkdir()
            for i, person in enumerate(people):
                check(cancel)
                canvas = Canvas(str(tmp / f"{person.code}-{_safe(person.name)}.pdf"), pagesize=PAGE)
                _page(canvas, analytics, person, sessions)
                canvas.save()
                if i % 50 == 49:
                    report(i / max(len(people), 1), f"{i + 1:,} of {len(people):,} certificates")
            check(cancel)
            if out.exists():
                out.rmdir()
            tmp.rename(out)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    report(1.0, "certificates written")
    return out
