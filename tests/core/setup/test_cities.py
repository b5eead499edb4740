"""The city list: alternative names, accents, prefixes, zones, and every zone real."""

from __future__ import annotations

import csv
from zoneinfo import ZoneInfo, available_timezones

import pytest

from learningday.resources import resource_path
from learningday.setup import cities
from learningday.setup.cities import City, find_zone, normalise, resolve, search


def labels(text: str, limit: int = 10) -> list[str]:
    return [c.label for c in search(text, limit)]


def test_the_file_is_utf8_with_hundreds_of_cities_and_every_zone_real() -> None:
    with resource_path("cities.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) >= 250 and set(rows[0]) == {"name", "country", "zone", "alt_names"}
    zones = available_timezones()
    assert [r["zone"] for r in rows if r["zone"] not in zones] == []
    assert all(len(r["country"]) == 2 and r["country"].isupper() for r in rows)
    for odd in ("Asia/Kathmandu", "Pacific/Chatham", "Australia/Lord_Howe", "Australia/Adelaide", "Asia/Tehran",
                "Asia/Kabul", "Asia/Yangon", "America/St_Johns", "America/Caracas"):
        assert odd in {r["zone"] for r in rows}
        ZoneInfo(odd)


def test_no_two_cities_share_a_name_so_a_name_means_one_zone() -> None:
    seen: dict[str, str] = {}
    for city in cities.all_cities():
        for name in (city.name, *city.alt_names):
            key = normalise(name)
            assert seen.setdefault(key, city.name) == city.name, f"{name!r} names {seen[key]} and {city.name}"


@pytest.mark.parametrize(("old", "new", "zone"), [
    ("Bangalore", "Bengaluru", "Asia/Kolkata"), ("Bombay", "Mumbai", "Asia/Kolkata"),
    ("Saigon", "Ho Chi Minh City", "Asia/Ho_Chi_Minh"), ("Calcutta", "Kolkata", "Asia/Kolkata"),
    ("Madras", "Chennai", "Asia/Kolkata"), ("Peking", "Beijing", "Asia/Shanghai"),
    ("Canton", "Guangzhou", "Asia/Shanghai"), ("Kiev", "Kyiv", "Europe/Kyiv"),
    ("São Paulo", "Sao Paulo", "America/Sao_Paulo"), ("Zürich", "Zurich", "Europe/Zurich"),
    ("München", "Munich", "Europe/Berlin"),
])
def test_alternative_names_lead_to_the_same_city(old: str, new: str, zone: str) -> None:
    assert find_zone(old) == find_zone(new) == zone
    assert search(old)[0] == search(new)[0] and search(old)[0].zone == zone


def test_prefix_of_any_word_ignoring_case_and_accents() -> None:
    assert labels("Bang")[:2] == ["Bangalore — Asia/Kolkata", "Bangkok — Asia/Bangkok"]
    assert labels("bang") == labels("BANG")
    assert labels("sao p") == labels("SÃO P") == ["São Paulo — America/Sao_Paulo"]
    assert labels("zur")[0] == labels("zür")[0] == "Zurich — Europe/Zurich"
    assert labels("lodz")[0] == "Łódź — Europe/Warsaw"  # Ł is not an accent to NFKD
    assert labels("chi minh")[0] == "Ho Chi Minh City — Asia/Ho_Chi_Minh"  # a later word
    assert labels("gravenhage")[0] == "The Hague — Europe/Amsterdam"
    assert labels("st johns")[0] == "St. John's — America/St_Johns"
    assert labels("Kath") == ["Kathmandu — Asia/Kathmandu"]
    assert labels("chicago")[0] == "Chicago — America/Chicago"  # the whole name beats a prefix
    assert search("") == [] and search("   ") == [] and search("qqqq") == []
    assert len(search("a", limit=3)) == 3


def test_whole_names_rank_before_prefixes_and_main_names_before_old_ones() -> None:
    assert [c.name for c in search("Delhi")][:1] == ["Delhi"]
    assert search("new")[0].name == "New York"
    assert cities.also_known_as(search("Beng")[0], "Beng") == "Bengaluru"
    assert cities.also_known_as(search("Bang")[0], "Bang") is None


def test_zone_names_and_zone_like_text_match_zones() -> None:
    assert labels("Asia/Kathmandu")[0] == "Asia/Kathmandu"
    assert labels("asia/kath") == ["Asia/Kathmandu"]
    assert all(label.startswith("Pacific/") for label in labels("Pacific/"))
    assert search("UTC")[0] == City("UTC", "", "UTC", is_zone=True)
    # a place that is only a zone, and no old alias next to the city that covers it
    assert labels("Dili") == ["Asia/Dili"]
    assert labels("saigon") == ["Ho Chi Minh City — Asia/Ho_Chi_Minh"]


def test_find_zone_and_resolve() -> None:
    assert find_zone("Asia/Kathmandu") == "Asia/Kathmandu"
    assert find_zone("asia/kathmandu") == "Asia/Kathmandu"
    assert find_zone("  bengaluru ") == "Asia/Kolkata"
    assert find_zone("Chatham Islands") == "Pacific/Chatham"
    assert find_zone("Lord Howe") == "Australia/Lord_Howe"
    assert find_zone("Bang") is None  # a prefix is a search, not a name
    assert find_zone("Atlantis") is None and find_zone("") is None
    assert resolve("bombay") == ("Bombay", "Asia/Kolkata")
    assert resolve("America/Argentina/Buenos_Aires") == ("Buenos Aires", "America/Argentina/Buenos_Aires")
    assert resolve("UTC") == ("UTC", "UTC")
