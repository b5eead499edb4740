"""Writing the post-event files (PDF report, workbook, certificates): one function for the CLI and the
Reports workspace (no Qt)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from learningday.errors import CancelCheck, InvalidInput, Progress, share_of
from learningday.reporting.analytics import analyse, checkin_log
from learningday.reporting.branding import certificate_secret, get_branding
from learningday.reporting.dto import EventAnalytics
from learningday.skills.validation import next_steps
from learningday.store.db import EventFile
from reports.output import quiet


@dataclass
class ReportRequest:
    pdf: Path | None = None
    xlsx: Path | None = None
    #: a .pdf for one merged file, a .zip or a folder for a PDF per person
    certificates: Path | None = None
    #: put attendee names (no-shows, walk-ins) back in the PDF, for internal use; the cover says so
    with_names: bool = False

    def check(self, event_path: Path | None = None) -> None:
        """Refuse a request that cannot be written (over the event file ``event_path`` either), before any work."""
        from learningday.outputs import check_output

        if not (self.pdf or self.xlsx or self.certificates):
            raise InvalidInput("say what to write: a PDF report, an Excel workbook and/or certificates")
        for label, path, suffix in (("PDF report", self.pdf, ".pdf"), ("workbook", self.xlsx, ".xlsx"),
                                    ("certificates", self.certificates, None)):
            if path is None:
                continue
            if suffix and path.suffix.lower() != suffix:
                raise InvalidInput(f"the {label} needs a file name ending in {suffix}, not {path.name!r}")
            try:
                folder = suffix is None and path.suffix.lower() not in (".pdf", ".zip")
                check_output(path, event_path=event_path, kind="folder" if folder else "file")
            except InvalidInput as exc:
                raise InvalidInput(f"{label}: {exc.message}") from None


@dataclass
class ReportOutcome:
    analytics: EventAnalytics
    written: dict[str, Path] = field(default_factory=dict)
    certificate_count: int = 0


def write_reports(event_file: EventFile, request: ReportRequest, *, progress: Progress | None = None,
                  cancel: CancelCheck | None = None) -> ReportOutcome:
    """Analyse the event once, then write what ``request`` asks for; a cancel leaves no file."""
    request.check(event_file.path)
    report = progress or quiet
    parts = [p for p in (request.pdf, request.xlsx, request.certificates) if p]
    share = 0.8 / len(parts)

    def step(index: int) -> Progress | None:
        return share_of(report, 0.2 + share * index, share)

    with event_file.read() as session:
        analytics = analyse(session, progress=share_of(report, 0.0, 0.2), cancel=cancel)
        log = checkin_log(session) if request.xlsx else []
        steps = next_steps(session, validated=analytics.leader.validated if analytics.leader else None) \
            if request.xlsx or request.certificates else ()
        branding, secret = (get_branding(session), certificate_secret(session)) if request.certificates else (None, "")
    outcome = ReportOutcome(analytics)
    index = 0
    if request.pdf:
        from reports.pdf_report import write_pdf

        outcome.written["pdf"] = Path(write_pdf(analytics, request.pdf, with_names=request.with_names,
                                                progress=step(index), cancel=cancel))
        index += 1
    if request.xlsx:
        from reports.xlsx_report import write_xlsx

        outcome.written["xlsx"] = Path(write_xlsx(analytics, log, request.xlsx, steps=steps, progress=step(index),
                                                  cancel=cancel))
        index += 1
    if request.certificates:
        from reports.certificates import recipients, write_certificates

        outcome.written["certificates"] = Path(write_certificates(
            analytics, request.certificates, steps={s.attendee_uid: s for s in steps}, branding=branding,
            secret=secret, progress=step(index), cancel=cancel))
        outcome.certificate_count = len(recipients(analytics))
    report(1.0, "done")
    return outcome
