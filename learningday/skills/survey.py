"""Survey exports (any forms tool's CSV/XLSX) as pre/post self-assessments or session feedback.

Read through the roster import engine: a row-level report, every row or nothing (``valid_only`` skips bad
rows). People are matched by badge code, employee id or email; a person not on the roster, or feedback from
someone not checked in to the session, is *unmatched*: reported, never stored, and no reason to refuse.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from learningday.errors import CancelCheck, InvalidInput, Progress, share_of, stop_if_cancelled
from learningday.roster.codes import looks_like_code, normalise_code
from learningday.setup.rules import name_key
from learningday.skills.assessments import check_score
from learningday.skills.completion import MinutesAttended, completions
from learningday.skills.dto import FeedbackEntry
from learningday.skills.feedback import MAX_COMMENT, write_feedback
from learningday.spreadsheet.emails import email_key, parse_email
from learningday.spreadsheet.engine import (
    IMPORT_CANCELLED,
    CellProblem,
    Field,
    FileRead,
    ImportRefused,
    ImportSpec,
    Issue,
    Report,
    find_mapping,
    open_for_import,
    parse_rows,
)
from learningday.store.models import Assessment, Attendee, Level
from learningday.store.models import Session as LearningSession
from learningday.timeutil import UTC

KINDS = ("pre", "post", "feedback")
_IDS = ("code", "employee_id", "email")


def _code(text: str) -> str:
    if not looks_like_code(text):
        raise CellProblem("not a badge code (6 letters and digits)")
    return normalise_code(text)


def _score(text: str) -> int:
    """'4', '4.0', '4 - confident', '4/5': the leading whole number 1-5."""
    head = text.strip().split()[0].split("/")[0].rstrip(".-:")
    try:
        value = float(head)
    except ValueError:
        raise CellProblem(f"not a score 1-5: {text!r}") from None
    if value != int(value) or not 1 <= value <= 5:
        raise CellProblem(f"a score is a whole number 1-5, not {text!r}")
    return check_score(int(value))


def _identity_fields() -> tuple[Field, ...]:
    return (
        Field("email", "Email", ("E-mail", "Email address", "Work email", "Respondent email", "Your email",
                                 "Username"), max_length=254, parse=parse_email),
        Field("employee_id", "Employee ID", ("Employee number", "Emp ID", "Staff ID", "Staff number"), max_length=64),
        Field("code", "Badge code", ("Code", "Check-in code", "Badge"), max_length=20, parse=_code),
    )


def _has_identity(values: dict[str, Any]) -> None:
    if not any(key in values for key in _IDS):
        raise CellProblem("the row names nobody: give an email, an employee id or a badge code", "email")


def survey_spec(kind: str, level_names: Mapping[int, str]) -> ImportSpec:
    if kind == "feedback":
        return ImportSpec("feedback", (*_identity_fields(),
            Field("session", "Session", ("Session title", "Session UID", "Which session", "Course", "Title"),
                  required=True, max_length=300),
            Field("rating", "Rating", ("Overall rating", "How would you rate this session", "Score", "Stars"),
                  required=True, max_length=40, parse=_score),
            Field("can_apply", "I can apply this", ("Can apply", "Apply", "I can apply it", "Applicability"),
                  required=True, max_length=40, parse=_score),
            Field("comment", "Comment", ("Comments", "Feedback", "Anything else", "Free text"),
                  max_length=MAX_COMMENT, lines=True)), (_has_identity,))
    levels = tuple(Field(f"level_{lid}", f"Level {lid}", (name, f"L{lid}"), max_length=40, parse=_score)
                   for lid, name in sorted(level_names.items()))

    def has_score(values: dict[str, Any]) -> None:
        _has_identity(values)
        if not any(key == "overall" or key.startswith("level_") for key in values):
            raise CellProblem("the row has no self-assessed level", "overall")

    return ImportSpec(kind, (*_identity_fields(),
        Field("overall", "Self-assessed level", ("Self assessment", "Self-assessment", "Overall level",
                                                 "Overall", "My level", "Skill level", "Confidence"),
              max_length=40, parse=_score), *levels), (has_score,))


@dataclass(frozen=True)
class SurveyResult(FileRead):
    kind: str
    written: int
    unmatched: int
    skipped: int
    issues: tuple[Issue, ...]
    issue_count: int
    #: rows naming nobody on the roster, or feedback from someone not checked in (capped)
    unmatched_rows: tuple[Issue, ...]

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "written": self.written, "unmatched": self.unmatched, "skipped": self.skipped,
                "errors": [i.as_dict() for i in self.issues], "error_count": self.issue_count,
                "unmatched_rows": [i.as_dict() for i in self.unmatched_rows]}


class _People:
    """The roster's people by badge code, employee id and email."""

    def __init__(self, session: Session) -> None:
        self.by: dict[tuple[str, str], int] = {}
        for aid, code, emp, email in session.execute(select(Attendee.id, Attendee.code, Attendee.employee_id,
                                                            Attendee.email)):
            self.by[("code", code)] = aid
            if emp:
                self.by[("employee_id", emp)] = aid
            if email:
                self.by.setdefault(("email", email_key(email)), aid)

    def find(self, values: dict[str, Any]) -> int | None:
        keys = [("code", values.get("code")), ("employee_id", values.get("employee_id")),
                ("email", email_key(values["email"]) if "email" in values else None)]
        return next((self.by[k] for k in keys if k[1] is not None and k in self.by), None)


class _Sessions:
    """Sessions by uid or title (a title two sessions share is refused)."""

    def __init__(self, session: Session) -> None:
        self.rows: dict[str, list[tuple[int, str]]] = {}
        for sid, uid, title in session.execute(select(LearningSession.id, LearningSession.uid, LearningSession.title)):
            self.rows.setdefault(uid, []).append((sid, uid))
            self.rows.setdefault(name_key(title), []).append((sid, uid))

    def find(self, text: str) -> tuple[int, str]:
        found = self.rows.get(text.strip().lower()) or self.rows.get(name_key(text))
        if not found:
            raise CellProblem(f"no session titled {text!r} in this event", "session")
        if len(found) > 1:
            raise CellProblem(f"several sessions are titled {text!r}: give the session uid", "session")
        return found[0]


def import_survey(session: Session, path: Path | str, *, kind: str, valid_only: bool = False,
                  overrides: Mapping[str, str | int | None] | None = None, encoding: str | None = None,
                  minutes_attended: MinutesAttended | None = None, progress: Progress | None = None,
                  cancel: CancelCheck | None = None, now: datetime | None = None) -> SurveyResult:
    """Import a survey export as ``kind`` ('pre', 'post' or 'feedback') in the caller's write transaction.

    Raises ImportRefused (nothing written) when a row is wrong and ``valid_only`` is false.
    """
    if kind not in KINDS:
        raise InvalidInput(f"a survey is one of {', '.join(KINDS)}, not {kind!r}")
    path = Path(path)
    report = Report()
    names = {lid: name for lid, name in session.execute(select(Level.id, Level.name))}
    spec = survey_spec(kind, names)
    people, sessions = _People(session), _Sessions(session)
    attended = ({(c.attendee_id, c.session_id) for c in completions(session, minutes_attended=minutes_attended)}
                if kind == "feedback" else set())
    unmatched: list[Issue] = []
    ready: list[tuple[int, Any, dict[str, Any]]] = []
    with open_for_import(path, encoding) as source:
        mapping = find_mapping(source, spec, overrides)
        for parsed in parse_rows(source, spec, mapping, progress=share_of(progress, 0.0, 0.8), cancel=cancel):
            for issue in parsed.issues:
                report.problem(issue)
            if parsed.issues:
                continue
            values = parsed.values
            target = None
            if kind == "feedback":
                try:
                    target = sessions.find(values["session"])
                except CellProblem as exc:
                    report.problem(Issue(parsed.row, mapping.header_of("session"), values["session"], exc.message))
                    continue
            person = people.find(values)
            who = next((values[k] for k in _IDS if k in values), "")
            if person is None:
                unmatched.append(Issue(parsed.row, "", str(who), "nobody on the roster has this email, employee id "
                                                                   "or badge code"))
            elif target is not None and (person, target[0]) not in attended:
                unmatched.append(Issue(parsed.row, "", str(who), "not checked in to this session: not counted"))
            else:
                ready.append((person, target, values))
        info = (source.format, source.encoding, source.delimiter)
    stop_if_cancelled(cancel, IMPORT_CANCELLED)
    if report.count and not valid_only:
        raise ImportRefused(f"{path.name}: {len(report.bad_rows):,} row(s) have problems; nothing was imported",
                            tuple(report.issues), report.count)
    at = now or datetime.now(UTC)
    for person, target, values in ready:
        if kind == "feedback":
            entry = FeedbackEntry(values["rating"], values["can_apply"], values.get("comment", ""))
            write_feedback(session, person, "", target[0], target[1], entry, "import", at)
        else:
            _write_scores(session, person, kind, values, at)
    return SurveyResult(kind=kind, written=len(ready), unmatched=len(unmatched), skipped=len(report.bad_rows),
                        issues=tuple(report.issues), issue_count=report.count, unmatched_rows=tuple(unmatched[:1000]),
                        format=info[0], encoding=info[1], delimiter=info[2], ignored_columns=mapping.ignored)


def _write_scores(session: Session, attendee_id: int, phase: str, values: dict[str, Any], at: datetime) -> None:
    scores = {0 if key == "overall" else int(key[6:]): v for key, v in values.items()
              if key == "overall" or key.startswith("level_")}
    rows = {r.level: r for r in session.scalars(select(Assessment).where(Assessment.attendee_id == attendee_id,
                                                                         Assessment.phase == phase))}
    for level, score in scores.items():
        if level in rows:
            rows[level].score, rows[level].source, rows[level].at_utc = score, "import", at
        else:
            session.add(Assessment(attendee_id=attendee_id, phase=phase, level=level, score=score, source="import",
                                   at_utc=at))
    session.flush()
