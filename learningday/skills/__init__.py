"""Skills: self-assessments, feedback, completion rules, sign-offs, validation and next learning paths.

The domain sits above ``checkin`` and ``attendance`` and below ``reporting``. Every service takes the
caller's SQLAlchemy session and never commits (run it in ``EventFile.write()`` / ``read()``); every
result is a frozen dataclass from ``learningday.skills.dto``.

Before the day (``assessments``)
    ``set_assessment(s, attendee, phase="pre"|"post", score=1..5 | None, level=0..5, source=...)``
    -> ``AssessmentChange`` (the score it replaced: what undo writes back; ``score=None`` clears it).
    ``level`` 0 is the overall self-assessment, 1-5 a framework level. ``assessments_of(s, attendee)``
    -> ``AttendeeAssessments`` (pre/post by level, and ``target_level``: the top of the role's range in
    the role -> level table, ``learningday.setup.roles``).

During and after (``feedback``, ``completion``)
    ``record_feedback(s, attendee, session_uid, rating=1..5, can_apply=1..5, comment="")`` -> ``FeedbackChange``.
    Only an attendee checked in to that session may give feedback (else ``NotCheckedIn``, an InvalidInput);
    imports report such rows as unmatched and store nothing for them.
    ``set_completion_rule(s, session_uid, min_percent=0..100, needs_sign_off=bool)`` -> the ``CompletionRule``
    it replaced; ``completion_rules(s)``. A session without a rule has ``DEFAULT_RULE`` (75 %, no sign-off).
    ``sign_off(s, attendee, session_uid, facilitator_name="")`` / ``remove_sign_off(...)`` -> ``SignOffChange``.
    ``completions(s, *, minutes_attended=None)`` -> ``Completion`` per attendee x scheduled session. Time present
    comes from the log: first arrival to the last check-out (clipped to the session); an arrival without a later
    check-out counts the session's full duration. ``minutes_attended`` is the seam for virtual attendance
    (``learningday.attendance``): any callable ``(session) -> {(attendee_id, session_id): minutes}``
    (``MinutesAttended``); the larger of the two figures counts, and minutes alone make a person attended.

Validation (``validation``)
    ``validated_levels(s, *, minutes_attended=None)`` -> ``{attendee_id: frozenset(levels)}``: level L is
    validated when a session of level L was completed under its rule (plus a sign-off where it asks for one).
    ``next_steps(s, *, minutes_attended=None)`` -> ``tuple[NextStep, ...]``, one per attendee (roster order):
    highest validated level H (0: none), target T (role), gap max(T - H, 0), next level H + 1 while H < T,
    and the recommended paths: the learning paths of level H (the event's editable ``Level.learning_paths``,
    whose follow-ups lead on), or of the role's starting level (else level 1) when nothing is validated.

Analytics (``summary``)
    ``skills_summary(s, *, minutes_attended=None)`` -> ``SkillsSummary``: validated people per level, uplift
    pre -> post (overall and by hub, department and level), feedback scores with response rates per session and
    overall, and how much feedback is unmatched. Plain data for ``reporting`` and ``reports/``.

Imports (``survey``)
    ``import_survey(s, path, kind="pre"|"post"|"feedback", valid_only=False, ...)`` -> ``SurveyResult``:
    any forms tool's CSV/XLSX export through the roster import engine (``learningday.spreadsheet``), people
    matched by email, employee id or badge code; all-or-nothing unless ``valid_only``.
"""
