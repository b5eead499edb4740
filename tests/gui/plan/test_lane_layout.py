"""Overlapping sessions in one lane are laid out side by side: a column index and a column count per block."""

from __future__ import annotations

from ui.workspaces.plan.lane_layout import Column, side_by_side


def test_sessions_apart_take_the_whole_lane() -> None:
    assert side_by_side([("a", 0, 60), ("b", 60, 120), ("c", 200, 230)]) == {
        "a": Column(0, 1), "b": Column(0, 1), "c": Column(0, 1)}


def test_two_overlapping_share_the_lane_and_the_next_group_starts_afresh() -> None:
    placed = side_by_side([("b", 30, 90), ("a", 0, 60), ("c", 120, 180)])
    assert placed == {"a": Column(0, 2), "b": Column(1, 2), "c": Column(0, 1)}


def test_a_chain_of_overlaps_is_one_group_and_a_freed_column_is_reused() -> None:
    # a overlaps b and c; b ends before d starts, so d takes b's column; e overlaps all three still open
    placed = side_by_side([("a", 0, 120), ("b", 10, 40), ("c", 20, 100), ("d", 50, 70), ("e", 60, 80)])
    assert placed["a"] == Column(0, 4) and placed["b"] == Column(1, 4) and placed["c"] == Column(2, 4)
    assert placed["d"] == Column(1, 4) and placed["e"] == Column(3, 4)
    assert {c.count for c in placed.values()} == {4}


def test_an_empty_lane_lays_out_nothing() -> None:
    assert side_by_side([]) == {}
