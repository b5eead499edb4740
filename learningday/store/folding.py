"""Search folding: the terms an attendee is found by (case-, accent-insensitive, any script)."""

from __future__ import annotations

import json
import unicodedata

#: letters that carry no combining mark to strip, but are typed plainly on most keyboards
_PLAIN = str.maketrans({
    "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ł": "l", "Ł": "l", "æ": "ae", "Æ": "ae",
    "œ": "oe", "Œ": "oe", "ı": "i", "þ": "th", "Þ": "th", "ð": "d", "Ð": "d", "ħ": "h",
    # Arabic: hamza/madda seats of alef and the like are typed as the bare letter
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ؤ": "و", "ئ": "ي", "ى": "ي", "ة": "ه",
    "\u0640": None,  # tatweel (a stretching stroke, not a letter)
})
#: Arabic vowel marks (harakat) and the superscript alef: never typed in a search box
_ARABIC_MARKS = frozenset(chr(c) for c in (*range(0x064B, 0x0660), 0x0670))


def _is_cjk(ch: str) -> bool:
    """Scripts written without spaces between given and family name: index every suffix."""
    c = ord(ch)
    return (0x3040 <= c <= 0x30FF or 0x3400 <= c <= 0x4DBF or 0x4E00 <= c <= 0x9FFF
            or 0xAC00 <= c <= 0xD7AF or 0xF900 <= c <= 0xFAFF or 0x20000 <= c <= 0x2FFFF)


def fold(text: str) -> str:
    """'José Müller' -> 'jose muller'; Latin, Greek and Cyrillic lose their accents, other
    scripts keep their vowel signs (a Devanagari matra is part of the letter, not an accent)."""
    text = unicodedata.normalize("NFKC", text).translate(_PLAIN)
    out = []
    for ch in text:
        if ord(ch) < 0x0530 or 0x1E00 <= ord(ch) <= 0x1FFF:
            out.extend(c for c in unicodedata.normalize("NFD", ch) if unicodedata.category(c) != "Mn")
        elif ch not in _ARABIC_MARKS:
            out.append(ch)
    return unicodedata.normalize("NFC", "".join(out).casefold())


def _is_word_char(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "LMN"


def _pieces(chunk: str) -> list[str]:
    """'jean-pierre' -> ['jean', 'pierre']; marks stay inside their word."""
    pieces, current = [], []
    for ch in chunk:
        if _is_word_char(ch):
            current.append(ch)
        elif current:
            pieces.append("".join(current))
            current = []
    if current:
        pieces.append("".join(current))
    return pieces


def _word_terms(word: str) -> set[str]:
    terms = {word}
    if any(_is_cjk(ch) for ch in word):
        terms.update(word[i:] for i in range(1, len(word)) if _is_cjk(word[i]))
    if word.startswith("ال") and len(word) > 3:  # the Arabic article: 'حسن' finds 'الحسن'
        terms.add(word[2:])
    return terms


def name_terms(name: str) -> set[str]:
    terms: set[str] = set()
    for chunk in fold(name).split():
        pieces = _pieces(chunk)
        if len(pieces) > 1:
            terms.add("".join(pieces))  # "o'brien" typed as "obrien"
        for piece in pieces:
            terms |= _word_terms(piece)
    return terms


def attendee_terms(name: str | None, email: str | None, employee_id: str | None, code: str | None) -> set[str]:
    """Every term a search word may be a prefix of to find this attendee."""
    terms = name_terms(name or "")
    email = fold(email or "").strip()
    if email:
        terms.add(email)  # covers any prefix of the address, 'ali.kh' included
        local = email.split("@", 1)[0]
        terms.update(_pieces(local)[1:])  # 'khan' from 'ali.khan@...'
    for ident in (employee_id, code):
        ident = fold(ident or "").strip()
        if ident:
            terms.add(ident)
    return {t for t in terms if t}


def sql_attendee_terms(name: str | None, email: str | None, employee_id: str | None, code: str | None) -> str:
    """``ld_search_terms(...)`` for SQLite triggers: the terms as a JSON array."""
    return json.dumps(sorted(attendee_terms(name, email, employee_id, code)), ensure_ascii=False)


def query_words(text: str) -> list[str]:
    """The words of what was typed, folded; each must prefix some term of a hit."""
    words: list[str] = []
    for chunk in fold(text).split():
        if "@" in chunk:
            words.append(chunk)  # an address is matched as typed
        else:
            words.extend(_pieces(chunk))  # 'jean-pierre' -> 'jean' and 'pierre'
    return words


def register_sql_functions(dbapi_connection) -> None:  # noqa: ANN001 - a DB-API connection
    dbapi_connection.create_function("ld_search_terms", 4, sql_attendee_terms, deterministic=True)
