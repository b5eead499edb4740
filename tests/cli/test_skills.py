"""The skills commands: import-survey, validate, next-steps, sign-off and feedback on the hand-built event."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from learningday.skills.summary import skills_summary
from learningday.store.db import open_event
from learningday.store.framework import FRAMEWORK
from tests.helpers import sha256
from tests.helpers.backends import Backend
from tests.helpers.cli import refused, run
from tests.helpers.skills_event import CODES, UIDS, build_skills_event


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("skills") / "template.lday"
    build_skills_event(path)
    return path


@pytest.fixture()
def event(template: Path, tmp_path: Path, backend: Backend) -> str | Path:
    return backend.take(Path(shutil.copyfile(template, tmp_path / "skills.lday")))


def _csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


def test_validate_counts_per_level(capsys, event: Path) -> None:
    status, out, _ = run(capsys, "validate", str(event), "--json")
    assert status == 0
    data = json.loads(out)
    assert [(lv["level"], lv["validated"]) for lv in data["levels"]] == [(1, 1), (2, 1), (3, 0), (4, 0), (5, 0)]
    assert data["people"] == 2
    status, out, _ = run(capsys, "validate", str(event))
    assert "level 1  AI literacy" in out and "people validated at one level or more: 2" in out


def test_pre_survey_matched_by_email_employee_id_and_code(capsys, event: Path, tmp_path: Path) -> None:
    survey = _csv(tmp_path / "pre.csv", [
        ["Timestamp", "Email", "Employee ID", "Badge code", "Self-assessed level", "Creating with AI"],
        ["2027-03-01", "PAT@example.com", "", "", "2", ""],       # P3 by email, any case
        ["2027-03-01", "", "E4-unknown", "", "3", ""],           # nobody: unmatched, not refused
        ["2027-03-01", "", "", CODES["P4"].lower(), "4 - confident", "1"],
    ])
    status, out, _ = run(capsys, "import-survey", str(event), str(survey), "--kind", "pre", "--json")
    assert status == 0, out
    data = json.loads(out)
    assert (data["written"], data["unmatched"], data["skipped"]) == (2, 1, 0)
    with open_event(event) as ef, ef.read() as s:
        from learningday.skills.assessments import assessments_of
        assert assessments_of(s, CODES["P3"]).pre == {0: 2}        # replaced the 1 it had
        assert assessments_of(s, CODES["P4"]).pre == {0: 4, 3: 1}
        # P4 now has pre 4 and post 3 overall: a pair with uplift -1; overall (P1 2->4, P2 3->4, 2->4, P4 4->3)
        assert skills_summary(s).uplift_overall.uplift == pytest.approx((4 + 4 + 4 + 3) / 4 - (2 + 3 + 2 + 4) / 4)


def test_feedback_survey_counts_only_people_checked_in(capsys, event: Path, tmp_path: Path) -> None:
    survey = _csv(tmp_path / "fb.csv", [
        ["Email", "Session", "Rating", "I can apply this", "Comment"],
        ["paul@example.com", "creating", "5", "5", "virtual, not checked in"],   # unmatched
        ["", "", "", "", ""],
        ["pat@example.com", UIDS["L2"], "4", "4", "never came"],                # unmatched
    ])
    survey2 = _csv(tmp_path / "fb2.csv", [["Employee ID", "Session", "Rating", "Can apply"],
                                          ["E2", "Hands-on", "1", "2"]])
    status, out, _ = run(capsys, "import-survey", str(event), str(survey), "--kind", "feedback")
    assert status == 0 and "0 written, 2 unmatched, 0 skipped" in out and "not checked in" in out
    status, out, _ = run(capsys, "import-survey", str(event), str(survey2), "--kind", "feedback", "--json")
    assert json.loads(out)["written"] == 1
    with open_event(event) as ef, ef.read() as s:
        hands_on = skills_summary(s).feedback_by_session[1]
    assert (hands_on.responses, hands_on.response_rate, hands_on.rating_mean) == (2, 1.0, 2.5)  # P1 4, P2 1


def test_a_bad_row_refuses_the_survey_and_changes_nothing(capsys, event: Path, tmp_path: Path) -> None:
    survey = _csv(tmp_path / "fb.csv", [["Email", "Session", "Rating", "I can apply this"],
                                        ["pia@example.com", "Literacy", "1", "1"],
                                        ["pia@example.com", "Literacy", "7", "1"],
                                        ["pia@example.com", "No such session", "2", "2"]])
    err = refused(capsys, event, "import-survey", str(event), str(survey), "--kind", "feedback")
    assert "2 row(s) have problems" in err and "1-5" in err and "no session titled" in err
    status, out, _ = run(capsys, "import-survey", str(event), str(survey), "--kind", "feedback", "--valid-only",
                         "--json")
    assert (status, json.loads(out)["written"], json.loads(out)["skipped"]) == (0, 1, 2)


def test_a_row_naming_nobody_refuses_the_assessment(capsys, event: Path, tmp_path: Path) -> None:
    survey = _csv(tmp_path / "post.csv", [["Email", "Overall", "Department"], ["", "3", "Eng"]])
    err = refused(capsys, event, "import-survey", str(event), str(survey), "--kind", "post")
    assert "names nobody" in err


def test_next_steps_xlsx_is_formula_safe(capsys, event: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "next.xlsx"
    status, text, _ = run(capsys, "next-steps", str(event), str(out))
    assert status == 0 and "4 attendees written" in text
    rows = list(load_workbook(out).active.iter_rows())
    header = [c.value for c in rows[0]]
    p4 = {h: c for h, c in zip(header, rows[1])}   # by name, '=HYPERLINK...' sorts first
    assert p4["Name"].value == '=HYPERLINK("x")' and p4["Name"].data_type == "s"
    assert p4["Department"].value == "-Ops" and p4["Department"].data_type == "s"
    p3 = {h: c.value for h, c in zip(header, rows[2])}
    assert (p3["Code"], p3["Target level"], p3["Gap to target"], p3["Next level"]) == (CODES["P3"], 4, 4, 1)
    assert p3["Recommended paths"] == "; ".join(FRAMEWORK[3].learning_paths)
    assert not list(tmp_path.glob("*.partial*"))


def test_next_steps_csv_guards_formulas(capsys, event: Path, tmp_path: Path) -> None:
    out = tmp_path / "next.csv"
    assert run(capsys, "next-steps", str(event), str(out))[0] == 0
    rows = list(csv.reader(out.open(encoding="utf-8-sig")))
    assert rows[1][2] == "'=HYPERLINK(\"x\")" and rows[4][8] == "1" and rows[4][11] == "1"  # P1: level 1, gap 1


def test_next_steps_refuses_another_extension(capsys, event: Path, tmp_path: Path) -> None:
    refused(capsys, event, "next-steps", str(event), str(tmp_path / "next.pdf"))
    assert not (tmp_path / "next.pdf").exists()


def test_sign_off_and_feedback(capsys, event: Path) -> None:
    assert run(capsys, "sign-off", str(event), CODES["P1"], "--session", UIDS["L2"])[1] == "signed off\n"
    status, out, _ = run(capsys, "validate", str(event), "--json")
    assert [lv["validated"] for lv in json.loads(out)["levels"]][:2] == [1, 2]
    status, out, _ = run(capsys, "feedback", str(event), CODES["P1"], "--session", UIDS["L2"], "--rating", "2",
                         "--apply", "3", "--comment", "good")
    assert (status, out) == (0, "feedback replaced\n")


def test_feedback_from_someone_not_checked_in_is_refused(capsys, event: Path) -> None:
    err = refused(capsys, event, "feedback", str(event), CODES["P4"], "--session", UIDS["L1"], "--rating", "5",
                  "--apply", "5", "--json")
    assert "not checked in" in err
    refused(capsys, event, "sign-off", str(event), CODES["P4"], "--session", UIDS["L1"])
