"""The leaders' report on the hand-built skills event: reach against headcount, uplift, facts, the local-hour
heat map and facilitator feedback, each checked by hand; no attendee name unless asked for."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from learningday.reporting.analytics import analyse
from learningday.store.db import open_event
from learningday.store.models import Facilitator, session_facilitators
from reports.pdf_charts import heat_rows
from reports.pdf_report import NAMES_NOTICE, write_pdf
from reports.report_files import ReportRequest, write_reports
from tests.helpers.backends import Backend
from tests.helpers.skills_event import build_skills_event

PEOPLE = ("Pia One", "Paul Two", "Pat Three", "HYPERLINK")


@pytest.fixture(scope="module")
def event(module_backend: Backend) -> Path | str:
    path = module_backend.empty()
    ids = build_skills_event(path)
    with open_event(path) as event_file, event_file.write() as s:  # Fay runs L1 and L2
        fay = Facilitator(name="Fay Facil", email="fay@example.com", zone="UTC", availability=[])
        s.add(fay)
        s.flush()
        s.execute(session_facilitators.insert(), [{"session_id": ids[k], "facilitator_id": fay.id}
                                                  for k in ("L1", "L2")])
    return path


@pytest.fixture(scope="module")
def analytics(event: Path):
    with open_event(event) as event_file, event_file.read() as session:
        return analyse(session)


def _pages(path: Path) -> list[str]:
    return [" ".join(unicodedata.normalize("NFKC", p.extract_text()).split()) for p in PdfReader(path).pages]


def test_reach_against_headcount_by_hub_and_level_by_hand(analytics) -> None:
    v = analytics.leader
    # P1 Sydney L1 came; P2 London L3 came; P3 London L4 undone (not reached); P4 no hub, no level came
    assert (v.reach.reached, v.reach.headcount) == (3, 4)
    cells = {(hub, key): (r.reached, r.headcount, r.gap) for hub, key, r in v.reach_cells}
    assert cells == {("Sydney", 1): (1, 1, False), ("London", 3): (1, 1, False), ("London", 4): (0, 1, True),
                     ("No hub", None): (1, 1, False)}
    hubs = {r.label: (r.reached, r.headcount, r.gap) for r in v.reach_by_hub}
    assert hubs == {"Sydney": (1, 1, False), "London": (1, 2, True), "No hub": (1, 1, False)}  # 50 % vs 75 %


def test_facts_and_facilitator_feedback_by_hand(analytics) -> None:
    v = analytics.leader
    assert v.facts[0] == "Reach: 3 of 4 people on the roster (75%) attended at least one session."
    assert "2 people validated at least one level." in v.facts  # P1 at 1 (no check-out), P2 at 2 (signed off)
    assert "Self-assessed skill rose from 2.3 to 4.0 (+1.7 on 1–5) over 2 people who answered before and after." \
        in v.facts  # pairs (2,4), (3,4), (2,4): 7/3 -> 12/3
    assert any(f.startswith("Hubs left behind") and "London (50% of 2)" in f for f in v.facts)
    (fay,) = v.by_facilitator  # L1: 5 and 3, L2: 4 -> 12 / 3; can apply 4, 2, 5 -> 11 / 3
    assert (fay.name, fay.sessions, fay.score.attended, fay.score.responses) == ("Fay Facil", 2, 4, 3)
    assert fay.score.rating_mean == pytest.approx(4.0) and fay.score.apply_mean == pytest.approx(11 / 3)


def test_heat_map_counts_each_hub_on_its_own_clock(analytics) -> None:
    rows = dict(heat_rows(analytics))
    # L1 starts 10:00 UTC on 10 March: 21:00 in Sydney (AEDT, +11); L2 12:00 UTC: 23:00 Sydney, 12:00 London
    assert rows["Sydney"][21] == 1 and rows["Sydney"][23] == 1 and rows["Sydney"][10] == 0
    assert rows["London"][10] == 1 and rows["London"][12] == 1 and sum(rows["London"]) == 2


def test_first_pages_show_reach_and_uplift_and_no_attendee_name(analytics, tmp_path: Path) -> None:
    pages = _pages(write_pdf(analytics, tmp_path / "r.pdf"))
    first = pages[1]
    assert "Did it work?" in first
    assert "3 of 4 people on the roster" in first and "75%" in first
    assert "+1.7" in first and "2.3 to 4.0" in first
    assert "1/2 50%" in first  # London's reach against its headcount
    text = "\n".join(pages)
    assert "local hour of day" in text and "Feedback by facilitator" in text and "Fay Facil" in text
    assert not [name for name in PEOPLE if name in text]
    assert NAMES_NOTICE not in text


def test_with_names_puts_them_back_and_the_cover_says_so(analytics, tmp_path: Path) -> None:
    pages = _pages(write_pdf(analytics, tmp_path / "r.pdf", with_names=True))
    assert NAMES_NOTICE in pages[0]
    assert "Pia One" in "\n".join(pages)  # every arrival here is a walk-in: the appendix names them


def test_workbook_skills_sheets_read_back_formula_safe(event: Path, tmp_path: Path) -> None:
    with open_event(event) as event_file:
        write_reports(event_file, ReportRequest(xlsx=tmp_path / "w.xlsx"))
    wb = load_workbook(tmp_path / "w.xlsx")
    rows = lambda name: [dict(zip(next(wb[name].iter_rows(values_only=True)), r))  # noqa: E731
                         for r in list(wb[name].iter_rows(values_only=True))[1:]]
    assert [(r["Name"], r["Validated levels"]) for r in rows("Validation")] == [("Paul Two", "2"), ("Pia One", "1")]
    uplift = {(r["By"], r["Group"]): r["Uplift"] for r in rows("Uplift")}
    assert uplift[("All", "all")] == pytest.approx(5 / 3) and uplift[("Hub", "Sydney")] == pytest.approx(2)
    feedback = {r["Session or facilitator"]: r for r in rows("Feedback")}
    assert feedback["Literacy"]["Answers"] == 2 and feedback["Literacy"]["Response rate"] == pytest.approx(1.0)
    assert feedback["Fay Facil"]["Rating"] == pytest.approx(4.0)
    reach = {(r["Hub"], r["Own level"]): r["Gap"] for r in rows("Reach")}
    assert reach[("London", "4 Building AI systems")] is True
    steps = wb["Next steps"]
    injected = [c for row in steps.iter_rows(min_row=2) for c in row if c.value == '=HYPERLINK("x")']
    assert injected and all(c.data_type == "s" for c in injected)
    assert len(list(steps.iter_rows(min_row=2))) == 4
