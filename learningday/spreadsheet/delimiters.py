"""Which delimiter a CSV sample uses: the one that splits its rows into a steady number of cells."""

from __future__ import annotations

import csv
import io
from collections import Counter
from itertools import islice

DELIMITERS = ",;\t|"
#: rows of the sample compared (title rows and the header among them)
SAMPLE_ROWS = 40


def _widths(text: str, delimiter: str) -> list[int]:
    """How many cells each non-blank row of ``text`` has when split at ``delimiter`` (quotes respected)."""
    try:
        rows = list(islice(csv.reader(io.StringIO(text), delimiter=delimiter), SAMPLE_ROWS))
    except csv.Error:  # a NUL byte, or a quote running to the end of the sample: not this delimiter
        return []
    return [len(row) for row in rows if any(cell.strip() for cell in row)]


def _steadiness(widths: list[int]) -> tuple[bool, int]:
    """(several cells to a row, how many rows agree on the usual width): what a real delimiter gives."""
    if not widths:
        return False, 0
    usual, agreeing = Counter(widths).most_common(1)[0]
    return usual > 1, agreeing


def _sniffed(text: str) -> str:
    try:
        return csv.Sniffer().sniff(text, delimiters=DELIMITERS).delimiter
    except csv.Error:
        return ""


def ranked_delimiters(text: str) -> tuple[str, ...]:
    """, ; tab | best first: by a steady cell count over the sampled rows, quoted cells kept whole
    (a quoted cell full of commas does not make a ';' file a ',' file); csv.Sniffer only breaks ties."""
    sniffed = _sniffed("\n".join(line for line in text.splitlines()[:SAMPLE_ROWS] if line.strip()))
    return tuple(sorted(DELIMITERS, key=lambda d: (_steadiness(_widths(text, d)), d == sniffed), reverse=True))
