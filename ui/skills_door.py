"""The skills part of the one door (EventDocument): self-assessments, feedback, sign-offs, completion rules, surveys."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from ui.changes import CHECKIN, PLAN, ROSTER, Changes, Written

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from learningday.checkin.dto import CheckInResult
    from learningday.errors import CancelCheck, Progress
    from learningday.skills.dto import (
        AttendeeAssessments,
        CompletionRule,
        FeedbackChange,
        SignOffChange,
    )
    from learningday.skills.survey import SurveyResult
    from learningday.spreadsheet.engine import ImportSpec, Preview
    from learningday.store.db import EventFile

#: (phase "pre"|"post", level key 0 overall or 1-5) -> score 1-5, or None: not given
Scores = dict[tuple[str, int], int | None]


@dataclass(frozen=True)
class HereForSignOff:
    """Someone checked in to a session, and whether a facilitator signed them off."""

    uid: str
    code: str
    name: str
    hub: str
    signed: bool


class SkillsDoor:
    """Mixed into EventDocument: each write is one transaction through its ``_write``, returning ``Written``."""

    file: EventFile
    _write: Callable[..., Written]

    # -- self-assessments (the attendee editor, the kiosk) ----------------------------------------
    def assessments(self, attendee: str | int) -> AttendeeAssessments:
        from learningday.skills import assessments

        with self.file.read() as session:
            return assessments.assessments_of(session, attendee)

    def set_scores(self, uid: str, scores: Mapping[tuple[str, int], int | None], *,
                   source: str = "editor") -> Written[Scores]:
        """Write each (phase, level) score (None clears it); the value holds the scores they replaced (undo's)."""
        from learningday.skills import assessments
        from learningday.skills.lookup import find_attendee

        def action(s: Session) -> tuple[int, Scores]:
            before: Scores = {}
            for (phase, level), score in scores.items():
                change = assessments.set_assessment(s, uid, phase=phase, score=score, level=level, source=source)
                before[(phase, level)] = change.before
            return find_attendee(s, uid).id, before

        written = self._write(action, lambda _s, v: Changes.of(ROSTER, attendees={v[0]}))
        return Written(written.value[1], written.changes)

    # -- completion rules (the session editor) -------------------------------------------------
    def completion_rule(self, session_uid: str) -> CompletionRule:
        from learningday.skills import completion
        from learningday.skills.dto import DEFAULT_RULE
        from learningday.skills.lookup import find_session

        with self.file.read() as session:
            where = find_session(session, session_uid)
            return completion.completion_rules(session).get(where.id, DEFAULT_RULE)

    def set_completion_rule(self, session_uid: str, rule: CompletionRule) -> Written[CompletionRule]:
        """The value is the rule it replaced."""
        from learningday.skills import completion

        return self._write(lambda s: completion.set_completion_rule(s, session_uid, min_percent=rule.min_percent,
                                                                    needs_sign_off=rule.needs_sign_off),
                           Changes.of(PLAN, sessions={session_uid}))

    # -- facilitator sign-offs (the check-in screen) ----------------------------------------------
    def here_for_sign_off(self, session_uid: str, limit: int = 500) -> list[HereForSignOff]:
        from learningday.checkin.presence import checked_in_people
        from learningday.skills import completion
        from learningday.skills.lookup import find_session

        with self.file.read() as session:
            sid = find_session(session, session_uid).id
            signed = {aid for aid, where in completion.signed_off(session) if where == sid}
            return [HereForSignOff(p.uid, p.code, p.name, p.hub, p.id in signed)
                    for p in checked_in_people(session, session_uid, limit=limit)]

    def set_signed_off(self, uid: str, session_uid: str, signed: bool, *,
                       facilitator: str = "") -> Written[SignOffChange]:
        """Sign off (or take it back); the value's ``was_signed`` is what undo writes back."""
        from learningday.skills import completion

        def action(s: Session) -> SignOffChange:
            if signed:
                return completion.sign_off(s, uid, session_uid, facilitator_name=facilitator)
            return completion.remove_sign_off(s, uid, session_uid)

        return self._write(action, Changes.of(CHECKIN, sessions={session_uid}))

    # -- kiosk check-out and feedback --------------------------------------------------------------
    def check_out(self, who: str, *, session_uid: str, station: str) -> CheckInResult:
        from learningday.checkin.log import check_out

        return self._write(lambda s: check_out(s, code_or_attendee=who, session_uid=session_uid, station=station,
                                               method="kiosk", at_utc=datetime.now(timezone.utc)),
                           Changes.of(CHECKIN, sessions={session_uid}), serial=True).value

    def record_feedback(self, uid: str, session_uid: str, *, rating: int, can_apply: int,
                        comment: str = "") -> Written[FeedbackChange]:
        from learningday.skills import feedback

        return self._write(lambda s: feedback.record_feedback(s, uid, session_uid, rating=rating,
                                                              can_apply=can_apply, comment=comment),
                           Changes.of(CHECKIN, sessions={session_uid}))

    def restore_feedback(self, change: FeedbackChange) -> Written[FeedbackChange]:
        from learningday.skills import feedback

        return self._write(lambda s: feedback.restore_feedback(s, change),
                           Changes.of(CHECKIN, sessions={change.session_uid}))

    # -- survey imports (run by ui.ops off the GUI thread; the wizard announces the change) -------
    def survey_preview(self, path: Path, kind: str, encoding: str | None = None) -> tuple[ImportSpec, Preview]:
        from learningday.setup.event import list_levels
        from learningday.skills.survey import survey_spec
        from learningday.spreadsheet.engine import preview

        with self.file.read() as session:
            spec = survey_spec(kind, {level.id: level.name for level in list_levels(session)})
        return spec, preview(path, spec, encoding=encoding)

    def import_survey(self, path: Path, *, kind: str, overrides: dict[str, int | None] | None = None,
                      valid_only: bool = False, progress: Progress | None = None, cancel: CancelCheck | None = None,
                      encoding: str | None = None) -> SurveyResult:
        from learningday.skills.survey import import_survey

        with self.file.write() as session:  # all rows or nothing: one transaction
            return import_survey(session, path, kind=kind, overrides=overrides, valid_only=valid_only,
                                 progress=progress, cancel=cancel, encoding=encoding)
