"""Reports on a 100k-attendee demo event (PDF, XLSX) and certificates for 10k, against raw baselines."""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

from bench import Result, benchmark, demo_event


def _status_kb(field: str) -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise RuntimeError(f"no {field} in /proc/self/status")


def _run(func: Callable[[], object]) -> tuple[float, float]:
    """Seconds and peak resident-memory growth (MB) of ``func``, run in a forked child.

    The child resets its high-water mark (``/proc/self/clear_refs``), so its peak RSS minus its
    RSS before the job (the loaded DTOs included) is what the job itself needed.
    """
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: run, report, leave without cleanup handlers
        status = 1
        try:
            os.close(read)
            with open("/proc/self/clear_refs", "w") as clear:
                clear.write("5")  # VmHWM := VmRSS
            before = _status_kb("VmRSS")
            start = time.perf_counter()
            func()
            seconds = time.perf_counter() - start
            peak = _status_kb("VmHWM")
            os.write(write, f"{seconds} {(peak - before) * 1024}".encode())
            status = 0
        except Exception:  # say why on stderr: the parent only sees that the child failed
            import traceback

            traceback.print_exc()
        finally:
            os._exit(status)
    os.close(write)
    with os.fdopen(read) as pipe:
        answer = pipe.read()
    _, status = os.waitpid(pid, 0)
    if status or not answer:
        raise RuntimeError("benchmark child failed")
    seconds, growth = answer.split()
    return float(seconds), max(0.0, int(growth) / 1e6)


def _load(path: Path):
    from learningday.reporting.analytics import analyse, checkin_log
    from learningday.store.db import open_event

    with open_event(path) as event_file, event_file.read() as session:
        return analyse(session), checkin_log(session)


def _skills_parts(path: Path):  # noqa: ANN202
    """What certificates need beyond the analytics: next steps by attendee uid, branding, secret."""
    from learningday.reporting.analytics import analyse
    from learningday.reporting.branding import certificate_secret, get_branding
    from learningday.skills.validation import next_steps
    from learningday.store.db import open_event

    with open_event(path) as event_file, event_file.read() as session:
        a = analyse(session)
        steps = {s.attendee_uid: s for s in next_steps(session, validated=a.leader.validated)}
        return steps, get_branding(session), certificate_secret(session)


def _leader(path: Path) -> None:
    """The skills figures alone: one walk of the log (completions), validation, uplift, feedback, reach."""
    from learningday.reporting.leader import leader_view
    from learningday.setup.event import list_hubs, list_levels
    from learningday.store.db import open_event

    with open_event(path) as event_file, event_file.read() as session:
        leader_view(session, hubs=list_hubs(session), levels=list_levels(session), people=(), reached=set(),
                    sessions=())


def _raw_skills_reads(path: Path) -> None:
    """The baseline: plain sqlite3 reads of the rows the skills figures need (arrivals grouped per person
    and session, feedback, assessments, sign-offs), nothing computed."""
    import sqlite3

    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        con.execute("SELECT attendee_id, session_id, MIN(at_utc), MAX(at_utc) FROM checkins "
                    "WHERE kind IN ('check_in', 'walk_in', 'check_out') GROUP BY attendee_id, session_id").fetchall()
        for table in ("feedback", "assessments", "sign_offs"):
            con.execute(f"SELECT * FROM {table}").fetchall()
    finally:
        con.close()


def _minimal_pdf(a, out: Path) -> None:  # noqa: ANN001 - EventAnalytics
    """The baseline: the same session table, skills tables and name lists, one font, no styling, no charts."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate

    from reports import fonts

    fonts.register()
    style = ParagraphStyle("plain", fontName=fonts.SANS, fontSize=8, leading=10)
    rows = [["Session", "Level", "Venue", "Reg.", "Att.", "Rate"]]
    rows += [[s.title[:40], s.level_name, s.venue, s.registered, s.attended, f"{s.rate or 0:.0%}"]
             for s in a.sessions]
    story = [LongTable(rows, repeatRows=1)]
    if a.leader is not None:  # the skills tables: reach cells, uplift, feedback per session and facilitator
        sk = a.leader.skills
        story.append(LongTable([[h, k, r.reached, r.headcount] for h, k, r in a.leader.reach_cells] or [[""]]))
        story.append(LongTable([[u.group, u.pre_mean, u.post_mean] for u in (*sk.uplift_by_hub,
                                *sk.uplift_by_department, *sk.uplift_by_level)] or [[""]]))
        story.append(LongTable([[f.title[:40], f.attended, f.responses, f.rating_mean]
                                for f in sk.feedback_by_session] or [[""]]))
        story.append(LongTable([[f.name, f.score.responses, f.score.rating_mean] for f in a.leader.by_facilitator] or [[""]]))
    for s in a.sessions:
        for label, names in (("Walk-ins", s.walk_in_names), ("No-shows", s.no_show_names)):
            for start in range(0, len(names), 80):
                story.append(Paragraph(f"{label}: " + " · ".join(escape(n) for n in names[start:start + 80]), style))
    SimpleDocTemplate(str(out)).build(story)


def _minimal_xlsx(a, log, out: Path, steps=()) -> None:  # noqa: ANN001 - EventAnalytics, check-in log, next steps
    """The baseline: openpyxl write-only, the same rows as plain values, no styles, tables or charts."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Sessions")
    for s in a.sessions:
        ws.append([s.title, s.level_name, s.start_utc.replace(tzinfo=None), s.venue, s.registered, s.attended])
    ws = wb.create_sheet("Attendees")
    for p in a.attendees:
        ws.append([p.code, p.name, p.email, p.employee_id, p.department, p.role, p.hub, p.level_id, p.registered,
                   len(p.sessions_attended), p.walk_ins, p.no_shows, p.learning_minutes / 60,
                   ", ".join(map(str, p.levels_attended)), p.highest_level])
    ws = wb.create_sheet("Check-ins")
    for e in log:
        ws.append([e.at_utc.replace(tzinfo=None), e.at_utc.replace(tzinfo=None), e.hub_zone, e.kind, e.undone,
                   e.attendee_code, e.attendee_name, e.hub, e.session_title, e.station, e.method,
                   e.facilitator_name, e.uid, e.reverses_uid, e.session_uid])
    from reports.next_steps import values

    ws = wb.create_sheet("Next steps")
    for step in steps:
        ws.append(values(step))
    ws = wb.create_sheet("Validation")
    validated = a.leader.validated if a.leader else {}
    for p in a.attendees:
        if p.id in validated:
            ws.append([p.code, p.name, p.hub, p.department, ", ".join(map(str, sorted(validated[p.id]))),
                       max(validated[p.id])])
    ws = wb.create_sheet("No-shows")
    for s in a.sessions:
        for name in s.no_show_names:
            ws.append([s.title, s.uid, name])
    wb.save(out)


def _plain_certificates(a, out: Path) -> int:  # noqa: ANN001 - EventAnalytics
    """The baseline: the same lines per person with canvas.drawCentredString, one font."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen.canvas import Canvas

    from reports import fonts

    fonts.register()
    sessions = {s.id: s for s in a.sessions}
    canvas = Canvas(str(out), pagesize=landscape(A4))
    pages = 0
    for p in a.attendees:
        if not p.sessions_attended:
            continue
        y = 450
        canvas.setFont(fonts.SANS, 12)
        for line in ["Certificate of participation", p.name, a.event.name,
                     *(sessions[s].title for s in p.sessions_attended), f"{p.learning_minutes / 60:.1f} hours"]:
            canvas.drawCentredString(421, y, line)
            y -= 20
        canvas.showPage()
        pages += 1
    canvas.save()
    return pages


def _memory_limit(baseline_mb: float) -> float:
    """Peak memory may grow up to twice the baseline's, plus 50 MB for the interpreter's noise."""
    return 2 * baseline_mb + 50


@benchmark("reports")
def reports_bench() -> list[Result]:
    from reports import fonts
    from reports.certificates import recipients, write_certificates
    from reports.pdf_report import write_pdf
    from reports.xlsx_report import write_xlsx

    big, mid = demo_event(100_000), demo_event(10_000)
    fonts.register()  # once per process, for ours and the baselines alike
    load_s, load_mb = _run(lambda: _load(big))
    a, log = _load(big)
    a10, log10 = _load(mid)
    a2, _ = _load(demo_event(2_000))
    pages = len(recipients(a10))
    steps10, branding, secret = _skills_parts(mid)
    steps = tuple(_skills_parts(big)[0].values())
    leader_s, _ = _run(lambda: _leader(big))
    raw_s, _ = _run(lambda: _raw_skills_reads(big))
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        pdf, pdf_mb = _run(lambda: write_pdf(a, tmp / "report.pdf", with_names=True))
        pdf_base, pdf_base_mb = _run(lambda: _minimal_pdf(a, tmp / "base.pdf"))
        xlsx, xlsx_mb = _run(lambda: write_xlsx(a, log, tmp / "report.xlsx", steps=steps))
        xlsx_base, xlsx_base_mb = _run(lambda: _minimal_xlsx(a, log, tmp / "base.xlsx", steps))
        cert, cert_mb = _run(lambda: write_certificates(a10, tmp / "certs.pdf", steps=steps10, branding=branding,
                                                        secret=secret))
        cert_base, cert_base_mb = _run(lambda: _plain_certificates(a10, tmp / "plain.pdf"))
        # the same jobs on a tenth of the people: memory that grows with them shows up here
        _, pdf10_mb = _run(lambda: write_pdf(a10, tmp / "report10.pdf", with_names=True))
        _, pdf10_base_mb = _run(lambda: _minimal_pdf(a10, tmp / "base10.pdf"))
        _, xlsx10_mb = _run(lambda: write_xlsx(a10, log10, tmp / "report10.xlsx"))
        _, xlsx10_base_mb = _run(lambda: _minimal_xlsx(a10, log10, tmp / "base10.xlsx"))
        _, cert2_mb = _run(lambda: write_certificates(a2, tmp / "certs2.pdf"))
        _, cert2_base_mb = _run(lambda: _plain_certificates(a2, tmp / "plain2.pdf"))
    return [
        Result("read event: analytics + check-in log, 100k", load_s, "s", None, "under 20 s",
               f"its DTOs and SQL rows peak at +{load_mb:.0f} MB RSS", limit=20),
        Result("skills figures (one log walk), 100k", leader_s, "s", raw_s, "within 8× of the raw reads",
               "plain sqlite3 reads of the grouped arrivals, feedback, assessments, sign-offs", limit=8 * raw_s),
        Result("PDF report with skills sections, 100k", pdf, "s", pdf_base, "within 2× of the baseline",
               "minimal SimpleDocTemplate: same session and skills tables and name lists (ours --with-names), "
               "no styling",
               limit=2 * pdf_base),
        Result("XLSX workbook, 100k attendees", xlsx, "s", xlsx_base, "within 1.5× of the baseline",
               "openpyxl write-only, same rows (next steps, validation, no-shows too), no styles/tables/charts",
               limit=1.5 * xlsx_base),
        Result(f"certificates, {pages:,} pages (10k event)", pages / cert, "pg/s", pages / cert_base,
               "150 pages/s or more", "same lines (no logo, signature or code) with drawCentredString", limit=150,
               higher_is_better=True),
        Result("PDF peak RSS growth, 10k", pdf10_mb, "MB", pdf10_base_mb, "within 2× (+50 MB) of the baseline",
               "the minimal PDF's growth", limit=_memory_limit(pdf10_base_mb)),
        Result("PDF peak RSS growth, 100k", pdf_mb, "MB", pdf_base_mb, "within 2× (+50 MB) of the baseline",
               "the minimal PDF's growth", limit=_memory_limit(pdf_base_mb)),
        Result("XLSX peak RSS growth, 10k", xlsx10_mb, "MB", xlsx10_base_mb, "within 2× (+50 MB) of the baseline",
               "the unstyled write-only workbook's growth", limit=_memory_limit(xlsx10_base_mb)),
        Result("XLSX peak RSS growth, 100k", xlsx_mb, "MB", xlsx_base_mb, "within 2× (+50 MB) of the baseline",
               "the unstyled write-only workbook's growth", limit=_memory_limit(xlsx_base_mb)),
        Result("certificates peak RSS growth, 2k", cert2_mb, "MB", cert2_base_mb, "within 2× (+50 MB) of the baseline",
               "the plain canvas's growth", limit=_memory_limit(cert2_base_mb)),
        Result("certificates peak RSS growth, 10k", cert_mb, "MB", cert_base_mb, "within 2× (+50 MB) of the baseline",
               "the plain canvas's growth", limit=_memory_limit(cert_base_mb)),
    ]
