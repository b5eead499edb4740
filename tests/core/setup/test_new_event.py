"""A new event's venues (written in the transaction that makes the event) and the wizard's typed dates."""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from learningday.errors import InvalidInput
from learningday.setup.event import create_event_file, list_venues
from learningday.setup.new_event import HubSpec, VenueSpec, channels_per_hub, parse_day, parse_venue
from learningday.store.db import open_event

START = datetime(2027, 3, 10, 3, 30, tzinfo=timezone.utc)
HUBS = (HubSpec("Bangalore", "Asia/Kolkata"), HubSpec("Kathmandu", "Asia/Kathmandu"))


def venues_of(path: Path) -> list[tuple[str, str, str, int | None]]:
    with open_event(path) as event_file, event_file.read() as session:
        return [(v.name, v.kind, v.hub, v.capacity) for v in list_venues(session)]


def test_the_venues_are_written_with_the_event(tmp_path: Path) -> None:
    venues = [VenueSpec(" Room  A ", "room", "bangalore", 40), VenueSpec("Hall", "room", "", None),
              *channels_per_hub(HUBS)]
    path = create_event_file(tmp_path / "day.lday", name="Day", start_utc=START, hubs=HUBS, venues=venues)
    assert venues_of(path) == [
        ("Hall", "room", "", None), ("Room A", "room", "Bangalore", 40),
        ("Bangalore online", "virtual", "Bangalore", None), ("Kathmandu online", "virtual", "Kathmandu", None)]


@pytest.mark.parametrize(("venues", "words"), [
    ([VenueSpec("Room A"), VenueSpec("room  a")], "venue 'room a': two venues are called 'room a'"),
    ([VenueSpec("  ")], "the venue name must not be empty"),
    ([VenueSpec("Room A", capacity=0)], "the capacity must be 1 or more"),
    ([VenueSpec("Room A", hub="Atlantis")], "there is no hub called 'Atlantis' (hubs: Bangalore, Kathmandu)"),
    ([VenueSpec("Bangalore online")] + channels_per_hub(HUBS), "two venues are called 'Bangalore online'"),
    ([VenueSpec("Room\x07A")], "venue name"),
])
def test_a_bad_venue_refuses_the_whole_event_and_writes_nothing(tmp_path: Path, venues, words: str) -> None:
    with pytest.raises(InvalidInput) as info:
        create_event_file(tmp_path / "day.lday", name="Day", start_utc=START, hubs=HUBS, venues=venues)
    assert words in info.value.message
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("text", "venue"), [
    ("Room A", VenueSpec("Room A")),
    ("Room A@Bangalore:40", VenueSpec("Room A", "room", "Bangalore", 40)),
    ("Room A:1,200", VenueSpec("Room A", capacity=1200)),
    ("Room: Main@HQ:4", VenueSpec("Room: Main", "room", "HQ", 4)),
])
def test_a_venue_is_written_name_at_hub_colon_seats(text: str, venue: VenueSpec) -> None:
    assert parse_venue(text) == venue


@pytest.mark.parametrize(("text", "words"), [
    ("Room A:abc", "a capacity is a whole number of seats"),
    ("Room A:0", "a capacity is a whole number of seats, at least 1"),
    ("Room A:2.5", "at least 1"),
    ("Room A@:3", "has no hub after '@'"),
])
def test_a_venue_with_bad_seats_is_refused_in_words(text: str, words: str) -> None:
    with pytest.raises(InvalidInput, match=words):
        parse_venue(text)


SHOWN = date(2027, 1, 6)


@pytest.mark.parametrize(("text", "day"), [
    ("2027-03-10", date(2027, 3, 10)),
    ("2027/3/9", date(2027, 3, 9)),
    ("10 Mar 2027", date(2027, 3, 10)),
    ("Wed 10 March 2027", date(2027, 3, 10)),
    ("March 10, 2027", date(2027, 3, 10)),
    ("sept 3", date(2027, 9, 3)),  # the year shown
    ("10", date(2027, 1, 10)),  # a day of the month shown
    ("April", date(2027, 4, 6)),  # the same day in another month
    ("29 Feb 2028", date(2028, 2, 29)),
])
def test_a_typed_date_is_read_with_the_month_in_words_or_iso(text: str, day: date) -> None:
    assert parse_day(text, SHOWN) == day


@pytest.mark.parametrize(("text", "words"), [
    ("10/03/2027", "give the month as a word"),  # March or October: not guessed
    ("", "is not a date"),
    ("Marsh 3", "'Marsh' is not a month"),
    ("31 Feb", "February 2027 has no day 31"),
    ("2027-13-01", "there is no month 13"),
    ("1 Jan 1999", "from 2000 to 2100"),
])
def test_a_date_that_is_not_one_is_refused_in_words(text: str, words: str) -> None:
    with pytest.raises(InvalidInput, match=words):
        parse_day(text, SHOWN)
