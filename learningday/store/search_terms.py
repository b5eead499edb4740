"""The folded search terms as SQL: prefix ranges over ``attendee_terms`` (migration 0002).

Check-in search and the roster's filters both find people by "every typed word begins a term";
the SQL pieces for that live here, once.
"""

from __future__ import annotations

from learningday.store.folding import query_words

#: the highest code point: every string that starts with ``w`` sorts below ``w + _TOP``
_TOP = "\U0010ffff"

#: term ``t{n}`` begins with a typed word (its parameters: two bounds of ``prefix_ranges``)
TERM_RANGE = "t{n}.term >= ? AND t{n}.term < ?"
#: the attendee in column ``{col}`` has a term that begins with a typed word
HAS_WORD = "EXISTS (SELECT 1 FROM attendee_terms AS t{n} WHERE t{n}.attendee_id = {col} AND " + TERM_RANGE + ")"


def prefix_ranges(words: list[str]) -> list[str]:
    """The bounds of the terms each word begins: [w1, w1 + _TOP, w2, w2 + _TOP, ...]."""
    return [bound for word in words for bound in (word, word + _TOP)]


#: more different words than this is a pasted text, not a name: such a search finds nobody (and SQLite's
#: expression tree, one EXISTS per word, stays far below its limit of about 490 words)
MAX_WORDS = 32


def search_words(text: str) -> list[str] | None:
    """The folded words of a search, longest first (it narrows most); None when it can find nobody.

    A repeated word, or one that begins another typed word, asks nothing more and is dropped;
    more than MAX_WORDS different words left is None.
    """
    words = query_words(text)
    distinct = sorted(set(words))
    # the words a word begins sort right after it
    asked = {w for w, following in zip(distinct, [*distinct[1:], ""]) if not following.startswith(w)}
    if len(asked) > MAX_WORDS:
        return None
    kept = [w for w in dict.fromkeys(words) if w in asked]
    return sorted(kept, key=len, reverse=True)
