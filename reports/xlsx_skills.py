"""The workbook's skills sheets: reach, uplift, feedback, validation (names), next steps, no-shows (names)."""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl import Workbook

from learningday.reporting.dto import EventAnalytics
from learningday.reporting.leader import NO_LEVEL
from learningday.skills.dto import NextStep
from reports import next_steps as lms
from reports.output import CancelCheck, check
from reports.xlsx_report import PERCENT, _Sheet

RATING = "0.00"


def _reach(wb: Workbook, a: EventAnalytics) -> None:
    sheet = _Sheet(wb, "Reach", [("Hub", 18, None), ("Own level", 20, None), ("Headcount", 12, None),
                                 ("Reached", 11, None), ("Reach", 9, PERCENT), ("Gap", 7, None)])
    sheet.header()
    names = {lv.id: f"{lv.id} {lv.name}" for lv in a.levels}
    v = a.leader
    for hub, key, r in v.reach_cells if v else ():
        sheet.append([hub, names.get(key, NO_LEVEL) if key is not None else NO_LEVEL, r.headcount, r.reached,
                      r.rate, r.gap])
    sheet.table("Reach")


def _uplift(wb: Workbook, a: EventAnalytics) -> None:
    sheet = _Sheet(wb, "Uplift", [("By", 12, None), ("Group", 28, None), ("People", 10, None), ("Pairs", 9, None),
                                  ("Before", 9, RATING), ("After", 9, RATING), ("Uplift", 9, RATING)])
    sheet.header()
    s = a.leader.skills if a.leader else None
    groups = [("All", [s.uplift_overall] if s and s.uplift_overall else []),
              ("Hub", s.uplift_by_hub if s else ()), ("Department", s.uplift_by_department if s else ()),
              ("Level", s.uplift_by_level if s else ())]
    for by, rows in groups:
        for u in rows:
            sheet.append([by, u.group, u.people, u.pairs, u.pre_mean, u.post_mean, u.uplift])
    sheet.table("Uplift")


def _feedback(wb: Workbook, a: EventAnalytics) -> None:
    sheet = _Sheet(wb, "Feedback", [("By", 12, None), ("Session or facilitator", 40, None), ("Level", 7, None),
                                    ("Attended", 10, None), ("Answers", 10, None), ("Response rate", 13, PERCENT),
                                    ("Rating", 9, RATING), ("Can apply", 10, RATING)])
    sheet.header()
    v = a.leader
    if v:
        for f in (*v.skills.feedback_by_session, v.skills.feedback_overall):
            sheet.append(["Session" if f.session_uid else "All", f.title, f.level or None, f.attended, f.responses,
                          f.response_rate, f.rating_mean, f.apply_mean])
        for f in (fac.score for fac in v.by_facilitator):
            sheet.append(["Facilitator", f.title, None, f.attended, f.responses, f.response_rate, f.rating_mean,
                          f.apply_mean])
    sheet.table("Feedback")


def _validation(wb: Workbook, a: EventAnalytics, cancel: CancelCheck | None) -> None:
    sheet = _Sheet(wb, "Validation", [("Code", 9, None), ("Name", 28, None), ("Hub", 14, None),
                                      ("Department", 18, None), ("Validated levels", 16, None),
                                      ("Highest validated", 16, None)])
    sheet.header()
    validated = a.leader.validated if a.leader else {}
    for i, p in enumerate(a.attendees):
        levels = validated.get(p.id)
        if levels:
            sheet.append([p.code, p.name, p.hub, p.department, ", ".join(map(str, sorted(levels))), max(levels)])
        if i % 5000 == 0:
            check(cancel)
    sheet.table("Validation")




def _no_shows(wb: Workbook, a: EventAnalytics, cancel: CancelCheck | None) -> None:
    sheet = _Sheet(wb, "No-shows", [("Session", 40, None), ("Session uid", 38, None), ("Name", 28, None)])
    sheet.header()
    for i, s in enumerate(a.sessions):
        for name in s.no_show_names:
            sheet.append([s.title, s.uid, name])
        if i % 20 == 0:
            check(cancel)
    sheet.table("NoShows")


def skills_sheets(wb: Workbook, a: EventAnalytics, steps: Sequence[NextStep], cancel: CancelCheck | None) -> list:
    """(label, step) pairs for write_xlsx's loop."""
    return [("reach", lambda: _reach(wb, a)), ("uplift", lambda: _uplift(wb, a)),
            ("feedback", lambda: _feedback(wb, a)), ("validation", lambda: _validation(wb, a, cancel)),
            ("next steps", lambda: lms.add_sheet(wb, steps, cancel)), ("no-shows", lambda: _no_shows(wb, a, cancel))]
