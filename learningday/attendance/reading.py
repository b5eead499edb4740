"""A meeting platform's attendance report read into rows: sections found by their headers, not line numbers."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from pathlib import Path

from learningday.errors import InvalidInput
from learningday.spreadsheet.engine import Field, ImportSpec, clean, header_key, map_columns, open_for_import

#: header names by platform, version and UI language (compared by engine.header_key)
PEOPLE = ImportSpec("attendance", (
    Field("name", "Name", ("Full Name", "Name (Original Name)", "Participant", "Display name", "Attendee",
                           "Attendee Name", "Teilnehmer", "Nom", "Nombre", "Nome"), required=True),
    Field("email", "Email", ("User Email", "Attendee Email", "E-mail", "Email address", "Participant ID (UPN)",
                             "E-Mail-Adresse", "Adresse e-mail", "Correo electrónico", "UPN")),
    Field("join", "Join Time", ("Joined", "Join time", "Joined at", "Beitrittszeit", "Heure d'arrivée",
                                "Heure de participation", "Hora de entrada", "Hora de unión")),
    Field("leave", "Leave Time", ("Left", "Leave time", "Left at", "Exit time", "Verlassenszeit", "Heure de départ",
                                  "Hora de salida")),
    Field("first_join", "First Join", ("First join time", "First Seen", "Erster Beitritt", "Première arrivée",
                                       "Primera entrada")),
    Field("last_leave", "Last Leave", ("Last leave time", "Last Seen", "Letztes Verlassen", "Dernier départ",
                                       "Última salida")),
    Field("duration", "Duration", ("Duration (Minutes)", "In-Meeting Duration", "Time in Call", "Attendance Duration",
                                   "Duration (mins)", "Dauer", "Dauer in der Besprechung", "Durée", "Duración")),
    Field("role", "Role", ("Rolle", "Rôle", "Rol")),
    Field("guest", "Guest", ("Gast", "Invité", "Invitado")),
))
#: the meeting summary: key/value rows (Teams) or a one-row table above the people (Zoom)
MEETING = {
    "title": ("meetingtitle", "topic", "meetingname", "title", "besprechungstitel", "titredelaréunion"),
    "start": ("starttime", "meetingstarttime", "startzeit", "heurededébut", "horadeinicio"),
    "end": ("endtime", "meetingendtime", "endzeit", "heuredefin"),
}
_PLATFORM_MARKS = (
    ("teams", ("inmeetingduration", "participantidupn", "inmeetingactivities", "meetingtitle")),
    ("zoom", ("nameoriginalname", "durationminutes", "meetingid", "topic")),
    ("webex", ("attendeeemail", "attendanceduration")),
    ("meet", ("timeincall", "firstseen", "fullname")),
)
SCAN_ROWS = 60


@dataclass(frozen=True)
class ReportRow:
    """One row of the people table, as text (times are read later, in the session's zone)."""

    row: int
    name: str
    email: str
    role: str
    join: str
    leave: str
    duration: str


@dataclass(frozen=True)
class Report:
    path: Path
    sha256: str
    platform: str
    title: str
    start: str
    end: str
    rows: tuple[ReportRow, ...]
    #: '62' in this report's duration column means minutes (or seconds)
    bare_unit: str = "minutes"


_LOOKUP = {header_key(name): f.key for f in PEOPLE.fields for name in f.names()}
#: the same few headers and meeting keys come in every report of a day
_header_key = lru_cache(maxsize=4096)(header_key)


def _score(cells: list[str]) -> int:
    """How much a row looks like the people table's header (0: not at all)."""
    keys = {_LOOKUP[key] for key in map(_header_key, cells) if key in _LOOKUP}
    if "name" not in keys or not keys & {"join", "first_join", "duration"}:
        return 0
    return len(keys) + 10 * ({"join", "leave"} <= keys)  # per-join rows (rejoins) beat a per-person summary


def _starts_section(rows: list[list[str]], i: int) -> bool:
    """A section's header is the file's first row or follows a blank row or a section title (one cell)."""
    if i == 0:
        return True
    filled = 0
    for cell in rows[i - 1]:  # a table's row has its second cell filled early on: stop there
        if cell and not cell.isspace():
            filled += 1
            if filled > 1:
                return False
    return True


def _platform(all_rows: list[list[str]], headers: list[int]) -> str:
    seen = {_header_key(cell) for i in headers for cells in all_rows[max(0, i - 8):i + 1] for cell in cells if cell}
    for platform, marks in _PLATFORM_MARKS:
        if seen & set(marks):
            return platform
    return "other"


def _meeting(rows: list[list[str]]) -> dict[str, str]:
    """Title, start and end from key/value rows or from a header row with one row of values under it."""
    found: dict[str, str] = {}
    keys = {name: key for key, names in MEETING.items() for name in names}
    for i, cells in enumerate(rows):
        cells = [clean(c) for c in cells]
        if len(cells) >= 2 and keys.get(_header_key(cells[0])) and cells[1]:
            found.setdefault(keys[_header_key(cells[0])], cells[1])
        named = [keys.get(_header_key(c)) for c in cells]
        if sum(1 for k in named if k) >= 2 and i + 1 < len(rows):
            for key, value in zip(named, rows[i + 1]):
                if key and clean(value):
                    found.setdefault(key, clean(value))
    return found


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_report(path: Path | str, *, encoding: str | None = None) -> Report:
    """Read ``path`` (CSV in any encoding the engine knows, UTF-16 with tabs, or XLSX). The people table is the
    section whose header names a person and their times; a per-join table is preferred to a summary."""
    path = Path(path)
    with open_for_import(path, encoding) as source:
        best: tuple[int, str] | None = None
        for delimiter in source.delimiters:
            source.delimiter = delimiter
            head = [cells for _, cells in source.head(SCAN_ROWS)]
            score = max((_score(head[i]) for i in range(len(head)) if _starts_section(head, i)), default=0)
            if score and (best is None or score > best[0]):
                best = (score, delimiter)
            if score >= 10:  # a per-join table's header: the delimiters further down the ranking cannot beat it
                break
        if best is None:
            raise InvalidInput(f"{path.name}: no attendance table (no header naming a person and a join time or "
                               "duration) in its first rows; is this a meeting's attendance report?")
        source.delimiter = best[1]
        numbered = list(source.rows())
    all_rows = [cells for _, cells in numbered]
    starts = [i for i in range(len(all_rows)) if _starts_section(all_rows, i)]
    scored = [(_score(all_rows[i]), i) for i in starts]
    top = max(score for score, _ in scored)
    header_at = next(i for score, i in scored if score == top)
    mapping = map_columns([numbered[header_at]], PEOPLE)
    rows = []
    short = len(mapping.headers) // 2 + 1
    columns = list(mapping.columns.items())
    keys = [key for key, _ in columns]
    # a row as wide as the header has every column: its cells picked at once (the last index twice, as
    # itemgetter of one index gives no tuple; zip stops at the keys)
    pick, widest = itemgetter(*mapping.columns.values(), columns[-1][1]), max(mapping.columns.values())
    for row_no, cells in numbered[header_at + 1:]:
        filled = [c for c in cells if c and not c.isspace()]  # what clean() leaves non-empty
        if not filled or (len(filled) == 1 and len(cells) < short):
            break  # a blank row or a section title: the table ends
        if len(cells) > widest:
            value = dict(zip(keys, map(clean, pick(cells))))
        else:
            value = {key: clean(cells[i]) if i < len(cells) else "" for key, i in columns}
        if not value.get("name") and not value.get("email"):
            continue
        rows.append(ReportRow(row_no, value.get("name", ""), value.get("email", ""), value.get("role", ""),
                              value.get("join") or value.get("first_join", ""),
                              value.get("leave") or value.get("last_leave", ""), value.get("duration", "")))
    meeting = _meeting(all_rows[:header_at])
    duration_header = mapping.header_of("duration").casefold() if "duration" in mapping.columns else ""
    bare = "seconds" if "sec" in duration_header else "minutes"
    return Report(path, file_hash(path), _platform(all_rows, starts), meeting.get("title", ""), meeting.get("start", ""),
                  meeting.get("end", ""), tuple(rows), bare)
