"""Setup services: hubs, venues, facilitators, event properties; refusals leave the file byte-identical."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from learningday.errors import InvalidInput
from learningday.plan.conflicts import find_conflicts
from learningday.plan.coverage import coverage_by_level_and_hub
from learningday.plan.dto import SessionDraft
from learningday.plan.plandata import load_plan
from learningday.plan.sessions import create_session, list_sessions, session_draft
from learningday.setup import services as setup
from learningday.setup.dto import EventProps, FacilitatorDraft, HubDraft, VenueDraft
from learningday.store.db import open_event
from learningday.store.models import Attendee, Facilitator, Venue
from tests.helpers import sha256
from tests.helpers.planning import START, Small, at


def write(small: Small, action: Callable):
    with open_event(small.path) as ef, ef.write() as s:
        return action(s)


def read(small: Small, action: Callable):
    with open_event(small.path) as ef, ef.read() as s:
        return action(s)


def assert_refused(small: Small, action: Callable, *words: str) -> str:
    """``action`` is refused with a message holding ``words`` and the file is byte-identical."""
    digest = sha256(small.path)
    with pytest.raises(InvalidInput) as info:
        write(small, action)
    assert sha256(small.path) == digest
    for word in words:
        assert word in info.value.message
    return info.value.message


def session(small: Small, **fields) -> str:
    base = dict(title="Talk", level_id=1, start_utc=at(3), duration_minutes=60)
    base.update(fields)
    return write(small, lambda s: create_session(s, SessionDraft(**base)))


# -- wall clock ---------------------------------------------------------------------------------
def test_windows_parse_the_ways_people_write_them() -> None:
    assert setup.parse_window("09:00-17:00") == (540, 1020)
    assert setup.parse_window("9 – 17:30") == (540, 1050)
    assert setup.parse_window("20:00-24:00") == (1200, 1440)
    for bad in ("17:00-09:00", "25:00-26:00", "09:00", "nine-five", "09:60-10:00"):
        with pytest.raises(InvalidInput):
            setup.parse_window(bad)


# -- hubs -------------------------------------------------------------------------------------
def test_add_edit_hub_reads_back(small: Small) -> None:
    hub_id = write(small, lambda s: setup.add_hub(s, HubDraft("  Kathmandu ", "Asia/Kathmandu", 600, 1080)))
    drafts = read(small, setup.hub_drafts)
    assert drafts[hub_id] == HubDraft("Kathmandu", "Asia/Kathmandu", 600, 1080, 4)  # after the last hub
    before = write(small, lambda s: setup.edit_hub(s, hub_id, HubDraft("KTM", "Asia/Kathmandu", 0, 1440, 0)))
    assert before == drafts[hub_id]
    assert list(read(small, setup.hub_drafts))[0] == hub_id  # position 0: first ruler


@pytest.mark.parametrize("draft, words", [
    (HubDraft("", "Europe/Paris"), ["must not be empty"]),
    (HubDraft("london", "Europe/London"), ["already"]),
    (HubDraft("Paris", "Europe/Parisss"), ["unknown time zone"]),
    (HubDraft("Paris", "Europe/Paris", 600, 600), ["working hours"]),
    (HubDraft("Paris", "Europe/Paris", 1000, 900), ["working hours"]),
    (HubDraft("Paris", "Europe/Paris", 0, 1441), ["working hours"]),
    (HubDraft("Paris", "Europe/Paris", position=-1), ["position"]),
])
def test_bad_hubs_are_refused_and_write_nothing(small: Small, draft: HubDraft, words: list[str]) -> None:
    assert_refused(small, lambda s: setup.add_hub(s, draft), *words)
    assert_refused(small, lambda s: setup.edit_hub(s, small.hubs["Tokyo"], draft) if draft.name != "london" else
            setup.edit_hub(s, small.hubs["Tokyo"], HubDraft("LONDON", "Asia/Tokyo")), *words)


def test_working_hours_change_changes_coverage(small: Small) -> None:
    """A level-1 session for Tokyo at 00:00Z is 09:00-10:00 in Tokyo (UTC+9): inside 09:00-17:00,
    outside 10:00-18:00. A London one at 09:00Z is 09:00 GMT; in New York it is 04:00 EST."""
    tokyo, london = small.hubs["Tokyo"], small.hubs["London"]
    session(small, hub_ids=(tokyo,), start_utc=at(3))
    session(small, title="London talk", hub_ids=(london,), start_utc=at(12))

    def cells() -> tuple[int, int]:
        coverage = read(small, lambda s: coverage_by_level_and_hub(load_plan(s)))
        return coverage.cell(1, "Tokyo").count, coverage.cell(1, "London").count

    assert cells() == (1, 1)
    write(small, lambda s: setup.edit_hub(s, tokyo, HubDraft("Tokyo", "Asia/Tokyo", 600, 1080)))
    assert cells() == (0, 1)
    write(small, lambda s: setup.edit_hub(s, london, HubDraft("London", "America/New_York", 540, 1020)))
    assert cells() == (0, 0)
    write(small, lambda s: setup.edit_hub(s, london, HubDraft("London", "America/New_York", 240, 1020)))
    assert cells() == (0, 1)


def test_remove_hub_needs_confirmation_then_detaches_and_restores(small: Small) -> None:
    tokyo, london = small.hubs["Tokyo"], small.hubs["London"]
    only = session(small, title="Only Tokyo", hub_ids=(tokyo,))
    both = session(small, title="Both", hub_ids=(tokyo, london))

    def setup_links(s):
        s.add(Attendee(code="TOK001", name="Aiko", hub_id=tokyo, created_utc=START))
        s.get(Venue, small.venues["Room A"]).hub_id = tokyo

    write(small, setup_links)
    usage = read(small, lambda s: setup.hub_usage(s, tokyo))
    assert (usage.attendees, usage.venues, usage.sessions, usage.only_for_it) == (
        1, ("Room A",), ("Both", "Only Tokyo"), ("Only Tokyo",))
    words = setup.usage_words("hub 'Tokyo'", usage)
    assert "1 attendee loses its hub" in words and "venue Room A loses its hub" in words and "open to every hub" in words
    assert_refused(small, lambda s: setup.remove_hub(s, tokyo), "in use", "Room A")
    removed = write(small, lambda s: setup.remove_hub(s, tokyo, detach=True))
    assert tokyo not in read(small, setup.hub_drafts)
    assert read(small, lambda s: s.scalar(select(Attendee.hub_id).where(Attendee.code == "TOK001"))) is None
    assert read(small, lambda s: s.get(Venue, small.venues["Room A"]).hub_id) is None
    assert read(small, lambda s: (session_draft(s, only).hub_ids, session_draft(s, both).hub_ids)) == ((), (london,))
    write(small, lambda s: setup.restore_hub(s, removed))
    assert read(small, setup.hub_drafts)[tokyo] == HubDraft("Tokyo", "Asia/Tokyo", 540, 1020, 3)
    assert read(small, lambda s: s.scalar(select(Attendee.hub_id).where(Attendee.code == "TOK001"))) == tokyo
    assert read(small, lambda s: s.get(Venue, small.venues["Room A"]).hub_id) == tokyo
    assert read(small, lambda s: session_draft(s, both).hub_ids) == tuple(sorted((tokyo, london)))


def test_an_unused_hub_goes_without_confirmation(small: Small) -> None:
    write(small, lambda s: setup.remove_hub(s, small.hubs["Bangalore"]))
    assert [d.name for d in read(small, setup.hub_drafts).values()] == ["London", "Tokyo"]


def test_reorder_hubs(small: Small) -> None:
    ids = list(small.hubs.values())
    before = write(small, lambda s: setup.reorder_hubs(s, ids[::-1]))
    assert before == tuple(ids) and tuple(read(small, setup.hub_drafts)) == tuple(ids[::-1])
    assert_refused(small, lambda s: setup.reorder_hubs(s, ids[:2]), "every hub")


# -- venues -----------------------------------------------------------------------------------
def test_add_and_edit_venues_read_back(small: Small) -> None:
    tokyo = small.hubs["Tokyo"]
    room = write(small, lambda s: setup.add_venue(s, VenueDraft("Room C", "room", "Tokyo office", 12, tokyo)))
    channel = write(small, lambda s: setup.add_venue(
        s, VenueDraft("Teams 2", "virtual", join_url="https://teams.example.com/x?y=1")))
    drafts = read(small, setup.venue_drafts)
    assert drafts[room] == VenueDraft("Room C", "room", "Tokyo office", 12, tokyo, "")
    assert drafts[channel] == VenueDraft("Teams 2", "virtual", "", None, None, "https://teams.example.com/x?y=1")
    before = write(small, lambda s: setup.edit_venue(s, room, VenueDraft("Room C", "room", "Tokyo office", None)))
    assert before == drafts[room] and read(small, setup.venue_drafts)[room].capacity is None


@pytest.mark.parametrize("draft, words", [
    (VenueDraft(" "), ["must not be empty"]),
    (VenueDraft("ROOM a"), ["already"]),
    (VenueDraft("Lab", kind="hall"), ["'room' or 'virtual'"]),
    (VenueDraft("Lab", capacity=0), ["capacity"]),
    (VenueDraft("Lab", hub_id=999), ["no hub 999"]),
    (VenueDraft("Zoom", "virtual", site="Paris"), ["no site"]),
    (VenueDraft("Zoom", "virtual", join_url="ftp://x.example.com"), ["http(s)"]),
    (VenueDraft("Zoom", "virtual", join_url="meet.example.com/room"), ["http(s)"]),
])
def test_bad_venues_are_refused_and_write_nothing(small: Small, draft: VenueDraft, words: list[str]) -> None:
    assert_refused(small, lambda s: setup.add_venue(s, draft), *words)


def test_removing_a_venue_in_use_is_refused_unless_confirmed_and_undoes(small: Small) -> None:
    room = small.venues["Room B"]
    uid = session(small, title="In B", venue_id=room)
    assert read(small, lambda s: setup.venue_usage(s, room)).sessions == ("In B",)
    assert_refused(small, lambda s: setup.remove_venue(s, room), "venue 'Room B' is in use", "'In B'")
    removed = write(small, lambda s: setup.remove_venue(s, room, detach=True))
    (row,) = read(small, list_sessions)
    assert row.uid == uid and row.venue == "" and row.start_utc == at(3)  # the session stays, without a venue
    write(small, lambda s: setup.restore_venue(s, removed))
    assert read(small, list_sessions)[0].venue == "Room B"
    assert read(small, setup.venue_drafts)[room] == VenueDraft("Room B", "room", "", 10, None, "")


# -- facilitators -----------------------------------------------------------------------------
def test_add_and_edit_facilitators_read_back(small: Small) -> None:
    fid = write(small, lambda s: setup.add_facilitator(s, FacilitatorDraft(
        "Zoë", "Zoe@Example.COM", "Asia/Kathmandu", ((780, 1020), (480, 720)), (3, 1, 3))))
    assert read(small, setup.facilitator_drafts)[fid] == FacilitatorDraft(
        "Zoë", "Zoe@example.com", "Asia/Kathmandu", ((480, 720), (780, 1020)), (1, 3))
    before = write(small, lambda s: setup.edit_facilitator(s, fid, FacilitatorDraft("Zoë", zone="UTC")))
    assert before.level_ids == (1, 3)
    assert read(small, setup.facilitator_drafts)[fid] == FacilitatorDraft("Zoë", "", "UTC", (), ())


@pytest.mark.parametrize("draft, words", [
    (FacilitatorDraft(""), ["must not be empty"]),
    (FacilitatorDraft("ann"), ["already"]),
    (FacilitatorDraft("Bo", email="bo@"), ["not a valid email address"]),
    (FacilitatorDraft("Bo", email="bo at example.com"), ["not a valid email address"]),
    (FacilitatorDraft("Bo", zone="Mars/Olympus"), ["unknown time zone"]),
    (FacilitatorDraft("Bo", availability=((600, 540),)), ["availability"]),
    (FacilitatorDraft("Bo", availability=((540, 720), (700, 800))), ["09:00–12:00 overlaps 11:40–13:20"]),
    (FacilitatorDraft("Bo", availability=((0, 1500),)), ["availability"]),
    (FacilitatorDraft("Bo", level_ids=(6,)), ["no level 6"]),
])
def test_bad_facilitators_are_refused_and_write_nothing(small: Small, draft: FacilitatorDraft,
                                                         words: list[str]) -> None:
    assert_refused(small, lambda s: setup.add_facilitator(s, draft), *words)


def test_availability_change_makes_and_clears_a_conflict(small: Small) -> None:
    """Kei (Tokyo, 09:00-12:00 local) teaches 00:00-01:00Z = 09:00-10:00 JST: fine. Available
    13:00-17:00 instead: a conflict; availability not stated: none again."""
    kei = small.facilitators["Kei"]
    session(small, title="Kei's talk", facilitator_ids=(kei,), start_utc=at(3))

    def unavailable() -> list[str]:
        conflicts = read(small, lambda s: find_conflicts(load_plan(s)))
        return [c.message for c in conflicts if c.kind == "facilitator_unavailable"]

    assert unavailable() == []
    draft = read(small, setup.facilitator_drafts)[kei]
    write(small, lambda s: setup.edit_facilitator(s, kei, FacilitatorDraft(
        draft.name, draft.email, draft.zone, ((780, 1020),), draft.level_ids)))
    assert unavailable() == ["Kei is not available for 'Kei's talk' (Thu 11 09:00–10:00 Asia/Tokyo time)"]
    write(small, lambda s: setup.edit_facilitator(s, kei, FacilitatorDraft(draft.name, zone="Asia/Tokyo")))
    assert unavailable() == []


def test_removing_a_facilitator_who_teaches_and_undoing(small: Small) -> None:
    ann = small.facilitators["Ann"]
    write(small, lambda s: setup.edit_facilitator(s, ann, FacilitatorDraft(
        "Ann", "ann@example.com", "Europe/London", ((480, 1080),), (1, 2))))
    uid = session(small, title="Ann's talk", facilitator_ids=(ann, small.facilitators["Raj"]))
    assert_refused(small, lambda s: setup.remove_facilitator(s, ann), "in use", "Ann's talk")
    before = read(small, setup.facilitator_drafts)[ann]
    removed = write(small, lambda s: setup.remove_facilitator(s, ann, detach=True))
    assert read(small, lambda s: session_draft(s, uid).facilitator_ids) == (small.facilitators["Raj"],)
    write(small, lambda s: setup.restore_facilitator(s, removed))
    assert read(small, setup.facilitator_drafts)[ann] == before
    assert ann in read(small, lambda s: session_draft(s, uid).facilitator_ids)
    assert removed.uid == read(small, lambda s: s.get(Facilitator, ann).uid)



# -- the event --------------------------------------------------------------------------------
def test_event_properties_edit_reads_back_and_reports_sessions_outside(small: Small) -> None:
    session(small, title="Late", start_utc=at(23))
    props = read(small, setup.event_props)
    assert props == EventProps("Small day", "", START, 1440)
    shorter = EventProps("  Learning   Day ", "Follow the sun", START + timedelta(hours=1), 20 * 60)
    assert read(small, lambda s: setup.sessions_outside(s, shorter)) == ("Late",)
    assert write(small, lambda s: setup.edit_event(s, shorter)) == props
    assert read(small, setup.event_props) == EventProps("Learning Day", "Follow the sun", at(1), 1200)
    kinds = [c.kind for c in read(small, lambda s: find_conflicts(load_plan(s)))]
    assert "outside_window" in kinds


@pytest.mark.parametrize("props, words", [
    (EventProps("", "", START, 1440), ["must not be empty"]),
    (EventProps("Day", "", datetime(2027, 3, 10, 21), 1440), ["no zone"]),
    (EventProps("Day", "", START, 59), ["between 1 and"]),
    (EventProps("Day", "", START, 73 * 60), ["between 1 and"]),
    (EventProps("Day", "x" * 201, START, 1440), ["theme"]),
])
def test_bad_event_properties_are_refused(small: Small, props: EventProps, words: list[str]) -> None:
    assert_refused(small, lambda s: setup.edit_event(s, props), *words)
