"""Sessions that overlap in one lane are drawn side by side: each gets a column and a share of the lane."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    """Where one block sits across its lane: column ``index`` of ``count`` (count 1: the whole lane)."""

    index: int
    count: int


def side_by_side(items: Sequence[tuple[Hashable, float, float]]) -> dict[Hashable, Column]:
    """``items``: (key, start, end) of one lane. Items that overlap, directly or through a chain of
    others, form a group; each takes the lowest column free at its start, and the group shares the
    lane among as many columns as it needed at once."""
    placed: dict[Hashable, Column] = {}
    group: list[tuple[Hashable, int]] = []
    ends: list[float] = []  # the end of the last item in each column of the open group
    group_end = float("-inf")

    def close() -> None:
        for key, index in group:
            placed[key] = Column(index, len(ends))

    for key, start, end in sorted(items, key=lambda item: (item[1], item[2])):
        if start >= group_end:  # touches nothing still open: a new group
            close()
            group, ends = [], []
        index = next((i for i, last in enumerate(ends) if last <= start), len(ends))
        if index == len(ends):
            ends.append(end)
        else:
            ends[index] = end
        group.append((key, index))
        group_end = max(group_end, end)
    close()
    return placed
