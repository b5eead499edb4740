"""The text rules every door and every writer shares: control characters, and cells a spreadsheet runs."""

from __future__ import annotations

import re

from learningday.errors import InvalidInput

#: what no stored text holds: C0 controls, DEL, C1 controls, lone surrogates (bytes a decoder could not read)
#: and the non-characters U+FFFE/U+FFFF; XML cannot hold most of them, so a workbook writer crashes on them
_OTHERS = "\x7f-\x9f\ud800-\udfff\ufffe\uffff"
_IN_LINE = re.compile(f"[\x00-\x1f{_OTHERS}]")
#: a free-text field (a description) may also hold tabs and line breaks
_IN_LINES = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f{_OTHERS}]")
_NAMES = {"\t": "a tab", "\n": "a line break", "\r": "a line break", "\x00": "a NUL byte"}

#: OWASP's CSV-injection guidance: a spreadsheet runs a cell that begins with = + - @ (or a tab or CR
#: before them); LibreOffice and Excel also read the full-width and small forms, and skip spaces first
_FORMULA = re.compile("[\\s\u200b\ufeff]*[=+\\-@\uff1d\uff0b\uff0d\uff20\ufe62\ufe63\ufe66\ufe6b]|[\t\r]")


def control_problem(text: str, *, lines: bool = False) -> str | None:
    """What is wrong with ``text`` as stored text ("holds a control character (U+0001)"), or None.

    ``lines``: a free-text field, where tabs and line breaks are allowed."""
    found = (_IN_LINES if lines else _IN_LINE).search(text)
    if found is None:
        return None
    ch = found.group()
    if 0xD800 <= ord(ch) <= 0xDFFF:
        return f"holds bytes that are not text in its encoding (character {found.start() + 1})"
    what = _NAMES.get(ch, f"a control character (U+{ord(ch):04X})")
    return f"holds {what} at character {found.start() + 1}" + ("; it must be one line" if ch in "\t\n\r" else "")


def checked_text(text: str, label: str, *, lines: bool = False) -> str:
    """``text`` unchanged, or InvalidInput("the {label} holds …"): the rule for a door outside an import."""
    problem = control_problem(text, lines=lines)
    if problem is not None:
        raise InvalidInput(f"the {label} {problem}")
    return text


def printable(text: str) -> str:
    """``text`` without what ``control_problem`` refuses (tabs and line breaks stay): what a writer puts in
    a file, whatever reached the event file by an older version or by hand."""
    return _IN_LINES.sub("", text) if _IN_LINES.search(text) else text


def looks_like_formula(text: str) -> bool:
    """A spreadsheet would read ``text`` as a formula or a command (CSV and XLSX exports guard it)."""
    return _FORMULA.match(text) is not None


def guard_formula(text: str) -> str:
    """``text`` for a CSV cell: an apostrophe before anything a spreadsheet would run (the import removes it)."""
    return "'" + text if looks_like_formula(text) else text


def unguard_formula(text: str) -> str:
    """A cell as an export wrote it, without the apostrophe ``guard_formula`` put before a formula."""
    return text[1:] if text.startswith("'") and looks_like_formula(text[1:]) else text
