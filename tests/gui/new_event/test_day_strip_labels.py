"""The wizard's day strip under a clock change: no label hides another, the end carries its new clock
(issue 13, item 5)."""

from __future__ import annotations

from PySide6.QtGui import QFontMetrics

from learningday.setup.day_strip import day_strip
from learningday.timeutil import parse_utc
from ui.new_event.day_strip_view import DayStripView


def _view(qtbot, start: str, zone_name: str) -> DayStripView:
    view = DayStripView()
    qtbot.addWidget(view)
    view.resize(420, view.sizeHint().height())
    view.set_strip(day_strip(parse_utc(start), 24 * 60, zone_name, 9 * 60, 17 * 60))
    return view


def _overlaps(view: DayStripView) -> list[tuple[str, str]]:
    metrics = QFontMetrics(view._small)
    spans = [(text, left, left + metrics.horizontalAdvance(text)) for text, left, _ in view.labels()]
    return [(a, b) for k, (a, lo, hi) in enumerate(spans) for b, lo2, hi2 in spans[k + 1:] if lo < hi2 and lo2 < hi]


def test_sun_31_half_an_hour_in_no_longer_hides_the_london_start(qtbot) -> None:
    # 22:30 UTC on 30 Oct 2027 is 23:30 BST; London's date turns 30 minutes in, its clock at 01:00 UTC
    view = _view(qtbot, "2027-10-30T22:30Z", "Europe/London")
    texts = [text for text, _, _ in view.labels()]
    assert texts == ["Sat 30 Oct 23:30", "Sun 31 22:30 GMT", "Sun 31"]
    assert _overlaps(view) == []
    assert view.labels()[2][1] > view.labels()[0][1]  # the date slid right of the start's label
    view.grab().save("/tmp/time-strip-london.png")


def test_a_hub_on_another_local_date_and_odd_offsets_keep_their_labels(qtbot) -> None:
    for zone_name in ("Pacific/Chatham", "Asia/Kathmandu", "Pacific/Kiritimati"):
        view = _view(qtbot, "2027-09-25T00:00Z", zone_name)
        assert _overlaps(view) == [], zone_name
        assert len(view.labels()) >= 2, zone_name  # both ends
    chatham = _view(qtbot, "2027-09-25T00:00Z", "Pacific/Chatham")
    # +12:45 at the start, +13:45 from 14:00 UTC: the end carries its clock
    assert [t for t, _, _ in chatham.labels()][:2] == ["Sat 25 Sep 12:45", "Sun 26 13:45 +13:45"]
