"""Certificates: one page per person who attended, with the levels validated, the next step, the event's
branding and a verification code; one merged PDF, a folder of PDFs or a zip of them."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from collections.abc import Mapping
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from learningday.outputs import check_output, partial_name
from learningday.reporting.branding import Branding
from learningday.reporting.credentials import Certificate, certificates, local_dates  # noqa: F401 - local_dates: API
from learningday.reporting.dto import AttendeeOutcome, EventAnalytics
from learningday.skills.dto import NextStep
from reports import fonts
from reports.output import (
    CancelCheck,
    Progress,
    atomic_output,
    check,
    quiet,
    system_errors,
)

PAGE = landscape(A4)
ACCENT = colors.HexColor("#1F4E79")
MUTED = colors.HexColor("#6B7280")
MAX_SESSIONS = 6
#: the space kept free on each side of a line (the border is at 12-15 mm)
MARGIN = 25 * mm
SIGNATURE_X = PAGE[0] - 95 * mm


def _draw(canvas: Canvas, text: str, y: float, size: float, *, font: str = fonts.SANS) -> None:
    """One centred line of ``text`` in any script, shrunk to fit inside the border."""
    fonts.draw_text(canvas, PAGE[0] / 2, y, text, size, max_width=PAGE[0] - 2 * MARGIN, min_size=7, base=font,
                    centred=True)


class _Look:
    """The branding, its images decoded once and drawn once per PDF (a form each page reuses: reportlab
    would otherwise convert and hash the image again on every page)."""

    FORMS = "ld-branding-images"

    def __init__(self, branding: Branding | None) -> None:
        self.branding = branding or Branding()
        self.logo = ImageReader(io.BytesIO(self.branding.logo_png)) if self.branding.logo_png else None
        self.signature = ImageReader(io.BytesIO(self.branding.signature_png)) if self.branding.signature_png else None

    def draw_images(self, canvas: Canvas) -> None:
        if self.logo is None and self.signature is None:
            return
        if not getattr(canvas, "_ld_branding_form", False):
            canvas.beginForm(self.FORMS)
            if self.logo is not None:
                canvas.drawImage(self.logo, 22 * mm, PAGE[1] - 44 * mm, 66 * mm, 24 * mm, preserveAspectRatio=True,
                                 anchor="sw", mask="auto")
            if self.signature is not None:
                canvas.drawImage(self.signature, SIGNATURE_X, 30 * mm, 70 * mm, 18 * mm, preserveAspectRatio=True,
                                 anchor="s", mask="auto")
            canvas.endForm()
            canvas._ld_branding_form = True
        canvas.doForm(self.FORMS)


def _levels(a: EventAnalytics, ids: tuple[int, ...]) -> str:
    return ", ".join(a.level(lv).name for lv in ids)


def _branding(canvas: Canvas, look: _Look) -> None:
    width, height = PAGE
    b = look.branding
    look.draw_images(canvas)
    if b.issuer:
        text, size = f"Issued by {b.issuer}", 10
        canvas.setFillColor(MUTED)
        right = min(fonts.text_width(text, size), 90 * mm)  # right-aligned against the inner border
        fonts.draw_text(canvas, width - 22 * mm - right, height - 30 * mm, text, size, max_width=90 * mm, min_size=7)
    x = SIGNATURE_X
    if b.signer_name or look.signature is not None:
        canvas.setStrokeColor(MUTED)
        canvas.setLineWidth(0.6)
        canvas.line(x, 29 * mm, x + 70 * mm, 29 * mm)
        canvas.setFillColor(colors.black)
        fonts.draw_text(canvas, x, 24 * mm, b.signer_name, 10, max_width=70 * mm, min_size=7, base=fonts.SANS_BOLD)
        canvas.setFillColor(MUTED)
        fonts.draw_text(canvas, x, 19.5 * mm, b.signer_title, 8.5, max_width=70 * mm, min_size=6)


def _page(canvas: Canvas, a: EventAnalytics, cert: Certificate, look: _Look) -> None:
    width, height = PAGE
    canvas.setStrokeColor(ACCENT)
    canvas.setLineWidth(3)
    canvas.rect(12 * mm, 12 * mm, width - 24 * mm, height - 24 * mm)
    canvas.setLineWidth(0.8)
    canvas.rect(15 * mm, 15 * mm, width - 30 * mm, height - 30 * mm)
    _branding(canvas, look)
    canvas.setFillColor(ACCENT)
    _draw(canvas, "Certificate of participation", height - 50 * mm, 26, font=fonts.SANS_BOLD)
    canvas.setFillColor(colors.black)
    _draw(canvas, "This certifies that", height - 62 * mm, 12)
    _draw(canvas, cert.name, height - 77 * mm, 28, font=fonts.SANS_BOLD)
    n = len(cert.sessions)
    _draw(canvas, f"took part in {a.event.name}, {cert.dates}, with {cert.hours:.1f} learning hours in "
                  f"{n} session{'s' if n != 1 else ''}:", height - 90 * mm, 12)
    y = height - 100 * mm
    for title in cert.sessions[:MAX_SESSIONS]:
        _draw(canvas, title, y, 10.5)
        y -= 5.5 * mm
    if n > MAX_SESSIONS:
        _draw(canvas, f"and {n - MAX_SESSIONS} more", y, 9.5)
        y -= 5.5 * mm
    canvas.setFillColor(MUTED)
    _draw(canvas, f"Levels attended: {_levels(a, cert.levels_attended)}", y - 2 * mm, 10)
    if cert.levels_validated:
        canvas.setFillColor(ACCENT)
        _draw(canvas, f"Levels validated: {_levels(a, cert.levels_validated)}", y - 8.5 * mm, 11,
              font=fonts.SANS_BOLD)
    if cert.next_step:
        canvas.setFillColor(ACCENT)
        _draw(canvas, "Suggested next steps", 62 * mm, 11.5, font=fonts.SANS_BOLD)
        canvas.setFillColor(colors.black)
        _draw(canvas, cert.next_step, 55 * mm, 10)
    canvas.setFillColor(MUTED)
    if a.event.theme:
        _draw(canvas, a.event.theme, 45 * mm, 9)
    if cert.verification:
        fonts.draw_text(canvas, 22 * mm, 24 * mm, f"Verification code {cert.verification}", 9, max_width=110 * mm,
                        base=fonts.SANS_BOLD)
        fonts.draw_text(canvas, 22 * mm, 19.5 * mm, f"Badge {cert.badge} · learningday verify-certificate", 7.5,
                        max_width=110 * mm, min_size=6)
    canvas.showPage()


def recipients(a: EventAnalytics) -> list[AttendeeOutcome]:
    """Everyone who attended at least one session, by name."""
    return [p for p in a.attendees if p.sessions_attended]


def file_name(cert: Certificate) -> str:
    """'Name-Surname-BADGE.pdf': a file system-safe name, then the badge code that keeps it unique."""
    safe = re.sub(r"[^\w.-]+", "-", cert.name, flags=re.UNICODE).strip("-.")[:60] or "attendee"
    return f"{safe}-{cert.badge}.pdf"


def _one(a: EventAnalytics, cert: Certificate, look: _Look, target: str | io.BytesIO) -> None:
    canvas = Canvas(target, pagesize=PAGE, pageCompression=1)
    canvas.setTitle(f"{a.event.name}: certificate of {cert.name}")
    _page(canvas, a, cert, look)
    canvas.save()


def write_certificates(analytics: EventAnalytics, out: Path, *, steps: Mapping[str, NextStep] | None = None,
                       branding: Branding | None = None, secret: str = "", progress: Progress | None = None,
                       cancel: CancelCheck | None = None) -> Path:
    """``out`` ending in .pdf: one merged PDF; in .zip: a zip of one PDF per person; else a new folder of them.

    ``steps``: attendee uid -> next step; ``secret``: the event's key (no code printed without one).
    A cancel (checked before each page) leaves no file and no folder behind.
    """
    fonts.register()
    report = progress or quiet
    out = Path(out)
    look = _Look(branding)
    people = recipients(analytics)
    certs = certificates(analytics, steps or {}, secret)
    total = max(len(people), 1)

    def each():  # noqa: ANN202 - the certificates with a cancel check and progress between pages
        for i, cert in enumerate(certs):
            check(cancel)
            yield cert
            if i % 50 == 49:
                report(i / total, f"{i + 1:,} of {len(people):,} certificates")

    suffix = out.suffix.lower()
    if suffix == ".pdf":
        with atomic_output(out) as tmp:
            canvas = Canvas(str(tmp), pagesize=PAGE, pageCompression=1)
            canvas.setTitle(f"{analytics.event.name}: certificates")
            for cert in each():
                _page(canvas, analytics, cert, look)
            if not people:
                _draw(canvas, "Nobody has attended a session yet.", PAGE[1] / 2, 14)
                canvas.showPage()
            check(cancel)
            canvas.save()
    elif suffix == ".zip":
        with atomic_output(out) as tmp, zipfile.ZipFile(tmp, "w", zipfile.ZIP_STORED) as archive:
            for cert in each():  # PDFs are compressed already
                buffer = io.BytesIO()
                _one(analytics, cert, look, buffer)
                archive.writestr(file_name(cert), buffer.getvalue())
            check(cancel)
    else:
        _folder(out, lambda tmp: [_one(analytics, cert, look, str(tmp / file_name(cert))) for cert in each()],
                cancel)
    report(1.0, "certificates written")
    return out


def _folder(out: Path, write, cancel: CancelCheck | None) -> None:  # noqa: ANN001 - write(tmp folder)
    """A new folder filled under a hidden name, renamed into place only when complete."""
    check_output(out, kind="folder")
    tmp = partial_name(out)
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        with system_errors(out, tmp):
            tmp.mkdir()
            write(tmp)
            check(cancel)
            if out.exists():
                out.rmdir()
            tmp.rename(out)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
