"""The folded search terms as SQL: prefix ranges over ``attendee_terms`` (migration 0002).

Check-in search and the roster's filters both find people by "every typed word begins a term";
the SQL pieces for that live here, once.
"""

from __future__ import annotations

#: the highest code point: every string that starts with ``w`` sorts below ``w + _TOP``
_TOP = "\U0010ffff"

#: term ``t{n}`` begins with a typed word (its parameters: two bounds of ``prefix_ranges``)
TERM_RANGE = "t{n}.term >= ? AND t{n}.term < ?"
#: the attendee in column ``{col}`` has a term that begins with a typed word
HAS_WORD = "EXISTS (SELECT 1 FROM attendee_terms AS t{n} WHERE t{n}.attendee_id = {col} AND " + TERM_RANGE + ")"


def prefix_ranges(words: list[str]) -> list[str]:
    """The bounds of the terms each word begins: [w1, w1 + _TOP, w2, w2 + _TOP, ...]."""
    return [bound for word in words for bound in (word, word + _TOP)]
