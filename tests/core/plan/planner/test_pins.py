"""Pins and preferred starts: set through the session services, kept by writers that do not know them,
and honoured by the planner."""

from __future__ import annotations

from dataclasses import replace

import pytest

from learningday.errors import InvalidInput
from learningday.plan.dto import SessionDraft
from learningday.plan.planner import PlanOptions, propose_plan
from learningday.plan.sessions import create_session, edit_session, list_sessions, session_draft
from learningday.plan.snapshots import restore, save_snapshot
from learningday.store.db import open_event
from learningday.timeutil import parse_utc
from tests.helpers.planning import Small, at


def test_a_pin_and_a_preferred_start_are_written_read_and_undone(small: Small) -> None:
    wanted = parse_utc("2027-03-11T06:45Z")
    with open_event(small.path) as ef, ef.write() as s:
        uid = create_session(s, SessionDraft("Pinned talk", 1, parse_utc("2027-03-11T05:00Z")))
        before = session_draft(s, uid)
        assert before.pinned is False and before.preferred_start_utc is None
        undo = edit_session(s, uid, replace(before, pinned=True, preferred_start_utc=wanted))
        row = list_sessions(s, [uid])[0]
        assert row.pinned and row.preferred_start_utc == wanted
        edit_session(s, uid, undo)  # what the undo stack writes back
        assert session_draft(s, uid) == before


def test_restoring_a_version_keeps_the_pins(small: Small) -> None:
    # a saved version does not hold the planner's fields: restoring it leaves them as they are now
    with open_event(small.path) as ef, ef.write() as s:
        uid = create_session(s, SessionDraft("Kept", 1, at(1)))
        saved = save_snapshot(s, "Agreed", now=at(0))
        edit_session(s, uid, replace(session_draft(s, uid), start_utc=at(2), pinned=True,
                                     preferred_start_utc=at(3)))
        restore(s, saved.uid, now=at(0))
        draft = session_draft(s, uid)
    assert draft.start_utc == at(1) and draft.pinned and draft.preferred_start_utc == at(3)


@pytest.mark.parametrize("preferred", [parse_utc("2027-03-09T00:00Z"),
                                       parse_utc("2027-03-11T06:00Z").replace(tzinfo=None)])
def test_a_preferred_start_outside_the_event_or_without_a_zone_is_refused(small: Small, preferred) -> None:
    with open_event(small.path) as ef, ef.write() as s:
        uid = create_session(s, SessionDraft("Odd", 1, None))
        with pytest.raises(InvalidInput, match="preferred start"):
            edit_session(s, uid, replace(session_draft(s, uid), preferred_start_utc=preferred))


def test_the_planner_leaves_a_stored_pin_and_tries_the_preferred_start(small: Small) -> None:
    at, wanted = parse_utc("2027-03-11T05:00Z"), parse_utc("2027-03-11T10:00Z")
    with open_event(small.path) as ef:
        with ef.write() as s:
            pinned = create_session(s, SessionDraft("Stays", 1, at, pinned=True))
            free = create_session(s, SessionDraft("Goes where asked", 1, None, preferred_start_utc=wanted))
        with ef.read() as s:
            result = propose_plan(s, PlanOptions(time_limit=5, min_per_cell=0))
    where = {p.uid: p.start_utc for p in result.placements}
    # 10:00 UTC is inside London's and Bangalore's day (as 09:00-10:30 are): the preference decides
    assert result.status == "optimal" and pinned not in where and where[free] == wanted
