"""Local times in conflict messages and the `agenda` listing name their clock after London's autumn
change (issue 13, item 5); a day without a change reads as before."""

from __future__ import annotations

from pathlib import Path

from learningday.plan.conflicts import find_conflicts
from learningday.plan.plandata import load_plan
from learningday.store.db import open_event
from tests.helpers.dst_event import build_dst_event
from ui.cli.main import main


def test_night_conflicts_give_the_facilitators_clock_after_the_change(tmp_path: Path) -> None:
    path = build_dst_event(tmp_path / "autumn.lday")
    with open_event(path) as event_file, event_file.read() as s:
        messages = [c.message for c in find_conflicts(load_plan(s))]
    assert "Owl would teach 'Across the change' in their night (Sun 25 00:30 BST–01:00 GMT Europe/London time)" \
        in messages
    assert "Owl would teach 'For everyone' in their night (Sun 25 02:00–03:00 GMT Europe/London time)" in messages


def test_the_agenda_listing_marks_london_times_after_the_change(capsys, tmp_path: Path) -> None:
    path = build_dst_event(tmp_path / "autumn.lday")
    assert main(["agenda", str(path), "--zone", "London"]) == 0
    out = capsys.readouterr().out
    assert "times in London, BST (UTC+01:00), then GMT (UTC+00:00)" in out
    assert "  00:30 BST–01:00 GMT     L1  Across the change" in out
    assert "  15:00–16:00     L1  Chicago only" in out
    assert main(["agenda", str(path), "--zone", "Kathmandu"]) == 0
    assert "  08:45–09:45     L1  Kathmandu only" in capsys.readouterr().out
