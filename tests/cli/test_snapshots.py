"""`learningday snapshot save | list | compare | restore` through ui.cli.main.main; bad input exits 2 and writes nothing."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select

from learningday.plan.dto import SessionDraft
from learningday.plan.sessions import create_session, edit_session, session_draft
from learningday.setup.event import get_event
from learningday.store.db import open_event
from learningday.store.models import Attendee, Registration
from learningday.store.models import Session as LearningSession
from tests.helpers import sha256
from tests.helpers.cli import run


def move_one_and_add_one(path: Path) -> tuple[str, str, str, str]:
    """Move the first session 30 minutes later; add 'Late addition'. Returns uid, old and new start, new uid."""
    with open_event(path) as ef, ef.write() as s:
        uid = s.scalars(select(LearningSession.uid).order_by(LearningSession.start_utc)).first()
        draft = session_draft(s, uid)
        edit_session(s, uid, replace(draft, start_utc=draft.start_utc + timedelta(minutes=30)))
        new = create_session(s, SessionDraft("Late addition", 2, get_event(s).start_utc + timedelta(hours=3), 45))
    later = draft.start_utc + timedelta(minutes=30)
    return uid, draft.start_utc.isoformat(), later.isoformat(), new


def test_save_then_list_and_a_taken_name_exits_2_with_the_file_unchanged(capsys, demo_file: Path) -> None:
    status, out, _ = run(capsys, "snapshot", "save", str(demo_file), "  First draft ")
    assert status == 0 and out.startswith("saved 'First draft' (61 sessions, 61 scheduled)")
    status, out, _ = run(capsys, "snapshot", "list", str(demo_file), "--json")
    (row,) = json.loads(out)
    assert (row["name"], row["sessions"], row["scheduled"]) == ("First draft", 61, 61)
    before = sha256(demo_file)
    for argv in (("save", str(demo_file), "FIRST DRAFT"), ("save", str(demo_file), " "),
                 ("compare", str(demo_file), "Second"), ("restore", str(demo_file), "Second")):
        status, out, err = run(capsys, "snapshot", *argv)
        assert status == 2 and out == "" and err.startswith("learningday: error: ")
    assert "no saved version called 'Second' (versions: 'First draft')" in err
    assert sha256(demo_file) == before


def test_compare_json_and_text_name_what_moved_and_what_was_added(capsys, demo_file: Path) -> None:
    run(capsys, "snapshot", "save", str(demo_file), "v1")
    uid, old_start, new_start, added = move_one_and_add_one(demo_file)
    status, out, _ = run(capsys, "snapshot", "compare", str(demo_file), "v1", "--json")
    result = json.loads(out)
    assert status == 0 and result["snapshot"]["name"] == "v1"
    assert [(c["uid"], c["fields"]) for c in result["moved"]] == [
        (uid, [{"field": "start_utc", "before": old_start, "after": new_start}])]
    assert [(c["uid"], c["title"], c["before"], c["after"]["duration_minutes"]) for c in result["added"]] == [
        (added, "Late addition", None, 45)]
    assert result["removed"] == [] and result["changed"] == []
    status, out, _ = run(capsys, "snapshot", "compare", str(demo_file), "v1")
    assert out.splitlines()[0] == "since 'v1': 1 added, 0 removed, 1 moved, 0 changed"
    assert "  added    Late addition" in out and "start: " in out and " → " in out


def test_restore_brings_the_agenda_back_and_keeps_the_one_before(capsys, demo_file: Path) -> None:
    _, saved_agenda, _ = run(capsys, "agenda", str(demo_file), "--json")
    run(capsys, "snapshot", "save", str(demo_file), "v1")
    move_one_and_add_one(demo_file)
    status, out, _ = run(capsys, "snapshot", "restore", str(demo_file), "V1")
    assert status == 0
    assert out.strip() == ("restored 'v1': 1 sessions updated, 0 re-created, 1 deleted; "
                           "the agenda before is saved as 'Before restoring v1'")
    assert json.loads(run(capsys, "agenda", str(demo_file), "--json")[1]) == json.loads(saved_agenda)
    _, out, _ = run(capsys, "snapshot", "compare", str(demo_file), "Before restoring v1", "--json")
    back = json.loads(out)
    assert (len(back["removed"]), len(back["moved"])) == (1, 1)
    _, out, _ = run(capsys, "snapshot", "restore", str(demo_file), "v1")
    assert out.strip() == "the agenda already matches 'v1': nothing changed"


def test_restore_refused_by_a_registration_exits_2_and_leaves_the_file_byte_identical(capsys, demo_file) -> None:
    run(capsys, "snapshot", "save", str(demo_file), "v1")
    _, _, _, added = move_one_and_add_one(demo_file)
    with open_event(demo_file) as ef, ef.write() as s:
        sid = s.scalar(select(LearningSession.id).where(LearningSession.uid == added))
        person = s.scalars(select(Attendee.id)).first()
        s.add(Registration(attendee_id=person, session_id=sid, created_utc=get_event(s).start_utc))
    before = sha256(demo_file)
    status, out, err = run(capsys, "snapshot", "restore", str(demo_file), "v1")
    assert status == 2 and out == ""
    assert "'Late addition' (1 registrations)" in err and "nothing was changed" in err
    assert sha256(demo_file) == before
