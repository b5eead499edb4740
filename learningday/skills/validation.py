"""Validated levels (a session of that level completed under its rule) and the next learning paths."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from learningday.setup.roles import role_matcher
from learningday.skills.completion import MinutesAttended, completions
from learningday.skills.dto import NextStep
from learningday.store.models import Attendee, Hub, Level


def validated_levels(session: Session, *, minutes_attended: MinutesAttended | None = None) -> dict[int, frozenset[int]]:
    """Attendee id -> the levels they are validated at (only attendees with at least one)."""
    found: dict[int, set[int]] = defaultdict(set)
    for c in completions(session, minutes_attended=minutes_attended):
        if c.completed:
            found[c.attendee_id].add(c.level)
    return {attendee_id: frozenset(levels) for attendee_id, levels in found.items()}


def next_step(validated: frozenset[int], rule_range: tuple[int, int] | None,
              paths: dict[int, tuple[str, ...]]) -> tuple[int, int | None, int | None, int | None, tuple[str, ...]]:
    """(highest, target, gap, next level, paths) for one person: the rule written once, testable by hand."""
    highest = max(validated, default=0)
    target = rule_range[1] if rule_range else None
    gap = max(target - highest, 0) if target is not None else None
    next_level = highest + 1 if target is not None and highest < target else None
    start = rule_range[0] if rule_range else 1
    return highest, target, gap, next_level, paths.get(highest or start, ())


def next_steps(session: Session, *, minutes_attended: MinutesAttended | None = None,
               validated: dict[int, frozenset[int]] | None = None) -> tuple[NextStep, ...]:
    """One row per attendee (roster order): validated levels, gap to the role's target, recommended paths
    (``validated``: the caller's ``validated_levels`` when it has them already)."""
    if validated is None:
        validated = validated_levels(session, minutes_attended=minutes_attended)
    paths = {lid: tuple(p) for lid, p in session.execute(select(Level.id, Level.learning_paths))}
    matcher = role_matcher(session)
    rows = session.execute(select(Attendee.id, Attendee.uid, Attendee.code, Attendee.name, Attendee.email,
                                  Attendee.employee_id, Hub.name, Attendee.department, Attendee.role)
                           .outerjoin(Hub, Hub.id == Attendee.hub_id).order_by(Attendee.name, Attendee.id))
    steps = []
    for aid, uid, code, name, email, emp, hub, dept, role in rows:
        mine = validated.get(aid, frozenset())
        rule = matcher.match(role or "")
        highest, target, gap, nxt, recommended = next_step(mine, (rule.level_min, rule.level_max) if rule else None,
                                                           paths)
        steps.append(NextStep(uid, code, name, email or "", emp or "", hub or "", dept or "", role or "",
                              tuple(sorted(mine)), highest, target, gap, nxt, recommended))
    return tuple(steps)
