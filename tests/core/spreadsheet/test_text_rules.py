"""The one text rule: control characters refused at every door, and a formula-like cell guarded in every export."""

from __future__ import annotations

from pathlib import Path

import pytest

from learningday.errors import InvalidInput
from learningday.roster.attendees import AttendeeRefused, update_attendee
from learningday.setup.dto import VenueDraft
from learningday.setup.services import add_venue
from learningday.spreadsheet.text import (
    control_problem,
    guard_formula,
    looks_like_formula,
    printable,
    unguard_formula,
)
from learningday.store.db import open_event
from tests.helpers.doors import import_roster_file, refused

CONTROLS = ["\x00", "\x01", "\x07", "\x1b", "\x7f", "\x85", "\x9f", "\ud800", "\udcff", "\ufffe", "\uffff"]


@pytest.mark.parametrize("ch", CONTROLS)
def test_control_characters_are_refused_in_one_line_and_in_free_text(ch: str) -> None:
    assert control_problem(f"Ann{ch}Lee") is not None
    assert control_problem(f"Ann{ch}Lee", lines=True) is not None
    assert printable(f"Ann{ch}Lee") == "AnnLee"


@pytest.mark.parametrize("ch", ["\t", "\n", "\r"])
def test_tabs_and_line_breaks_are_only_for_free_text(ch: str) -> None:
    assert "one line" in control_problem(f"Ann{ch}Lee")
    assert control_problem(f"Ann{ch}Lee", lines=True) is None
    assert printable(f"Ann{ch}Lee") == f"Ann{ch}Lee"


def test_the_problem_says_which_character_and_where() -> None:
    assert control_problem("Ann\x01") == "holds a control character (U+0001) at character 4"
    assert control_problem("Zoë Ångström, 山田, ‎עברית\u200d") is None  # letters of any script, joiners


FORMULAS = ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "＝1+1", "＋1", "－1", "＠x", "﹦1", "  =1", "\xa0=1",
            "\u3000+1", "\n-1", "\r\n@x", " \t=1", "\u200b=1"]


@pytest.mark.parametrize("text", FORMULAS)
def test_formula_like_text_is_guarded_and_the_guard_comes_off(text: str) -> None:
    assert looks_like_formula(text)
    assert guard_formula(text) == "'" + text
    assert unguard_formula(guard_formula(text)) == text


@pytest.mark.parametrize("text", ["Ann", "1", "a=b", "e-mail", "", "x@y.org", "’=1"])
def test_other_text_is_left_alone(text: str) -> None:
    assert not looks_like_formula(text)
    assert guard_formula(text) == text == unguard_formula(text)


# -- the doors --------------------------------------------------------------------------------------------
def test_the_roster_import_refuses_a_control_character(event: Path, tmp_path: Path) -> None:
    roster = tmp_path / "r.csv"
    roster.write_text("Name,Email,Department\nAnn\x01 Lee,ann@example.com,Sales\nBo,bo@example.com,R\x1bD\n",
                      encoding="utf-8")
    exc = refused(event, lambda: import_roster_file(event, roster))
    assert [(i.row, i.column) for i in exc.issues] == [(2, "Name"), (3, "Department")]
    assert "U+0001" in exc.issues[0].message and "U+001B" in exc.issues[1].message


def test_the_attendee_editor_refuses_a_control_character(event: Path, tmp_path: Path) -> None:
    roster = tmp_path / "r.csv"
    roster.write_text("Name,Email\nAnn Lee,ann@example.com\n", encoding="utf-8")
    import_roster_file(event, roster)

    def edit() -> None:
        with open_event(event) as event_file, event_file.write() as session:
            update_attendee(session, 1, {"name": "Ann\x01", "role": "Chef\x7f"})

    exc = refused(event, edit)
    assert isinstance(exc, AttendeeRefused) and set(exc.problems) == {"name", "role"}


def test_setup_names_refuse_a_control_character(event: Path) -> None:
    def add() -> None:
        with open_event(event) as event_file, event_file.write() as session:
            add_venue(session, VenueDraft(name="Room\x01A", kind="room"))

    assert "U+0001" in refused(event, add, "venue name").message


def test_the_refusal_is_an_invalid_input() -> None:
    from learningday.spreadsheet.text import checked_text

    assert checked_text("Ann", "name") == "Ann"
    with pytest.raises(InvalidInput, match="the name holds a control character"):
        checked_text("A\x02", "name")


def test_session_titles_and_descriptions_keep_the_rule(event: Path) -> None:
    from learningday.plan.dto import SessionDraft
    from learningday.plan.sessions import create_session

    def add(title: str, description: str) -> str:
        with open_event(event) as event_file, event_file.write() as session:
            return create_session(session, SessionDraft(title, 1, None, description=description))

    assert "U+0007" in refused(event, lambda: add("Intro\x07", ""), "the title").message
    refused(event, lambda: add("Intro", "Bring\x00 a laptop"), "the description holds a NUL byte")
    assert add("Intro", "Bring a laptop.\n\tAnd questions.")  # free text keeps its lines and tabs


def test_a_walk_in_and_a_level_label_keep_the_rule(event: Path) -> None:
    from datetime import datetime, timezone

    from learningday.checkin.log import walk_in
    from learningday.setup.new_event import LevelSpec, check_levels

    def arrive() -> None:
        with open_event(event) as event_file, event_file.write() as session:
            walk_in(session, name="Walk\x1b In", station="Door", at_utc=datetime(2027, 3, 11, 9, tzinfo=timezone.utc))

    refused(event, arrive, "the name holds a control character")
    with pytest.raises(InvalidInput, match="the label of level 1 holds"):
        check_levels([LevelSpec(1, "Literacy\x08", "#2E86AB")])
