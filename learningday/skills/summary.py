"""The skills figures a report shows: validated per level, uplift pre -> post, feedback with response rates."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from learningday.skills.completion import MinutesAttended, completions
from learningday.skills.dto import Completion, FeedbackScore, LevelCount, SkillsSummary, Uplift
from learningday.store.models import Assessment, Attendee, Feedback, Hub, Level
from learningday.store.models import Session as LearningSession

NO_HUB, NO_DEPARTMENT, NO_LEVEL = "(no hub)", "(no department)", "(no level)"


def _mean(values: list[int]) -> float | None:
    return sum(values) / len(values) if values else None


def _uplift(group: str, pairs: list[tuple[int, int, int]]) -> Uplift:
    """``pairs``: (attendee id, pre, post)."""
    return Uplift(group, len({a for a, _, _ in pairs}), len(pairs), sum(p for _, p, _ in pairs) / len(pairs),
                  sum(q for _, _, q in pairs) / len(pairs))


def _grouped(pairs: list[tuple[int, int, int, int]], key: Callable[[int, int], str],
             order: Callable[[str], object] = str) -> tuple[Uplift, ...]:
    groups: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    for attendee_id, level, pre, post in pairs:
        groups[key(attendee_id, level)].append((attendee_id, pre, post))
    return tuple(_uplift(g, groups[g]) for g in sorted(groups, key=order))


def _uplifts(session: Session, level_names: dict[int, str]):
    scores: dict[tuple[int, int], dict[str, int]] = defaultdict(dict)
    for attendee_id, phase, level, score in session.execute(
            select(Assessment.attendee_id, Assessment.phase, Assessment.level, Assessment.score)):
        scores[(attendee_id, level)][phase] = score
    pairs = sorted((a, lv, s["pre"], s["post"]) for (a, lv), s in scores.items() if "pre" in s and "post" in s)
    people = {aid: (hub, dept, lid) for aid, hub, dept, lid in session.execute(
        select(Attendee.id, Hub.name, Attendee.department, Attendee.level_id)
        .outerjoin(Hub, Hub.id == Attendee.hub_id).where(Attendee.id.in_({a for a, *_ in pairs})))}

    def level_of(aid: int, key: int) -> str:  # an overall pair counts at the level the person is registered at
        level = key or people[aid][2]
        return level_names.get(level, NO_LEVEL) if level else NO_LEVEL

    by_level_order = {name: lid for lid, name in level_names.items()}
    overall = _uplift("all", [(a, p, q) for a, _, p, q in pairs]) if pairs else None
    return (overall,
            _grouped(pairs, lambda a, _k: people[a][0] or NO_HUB),
            _grouped(pairs, lambda a, _k: people[a][1] or NO_DEPARTMENT),
            _grouped(pairs, level_of, lambda g: by_level_order.get(g, 99)))


def _feedback(session: Session, attended: set[tuple[int, int]]) -> tuple[tuple[FeedbackScore, ...], FeedbackScore, int]:
    given: dict[int, list[tuple[int, int]]] = defaultdict(list)
    unmatched = 0
    for aid, sid, rating, apply in session.execute(
            select(Feedback.attendee_id, Feedback.session_id, Feedback.rating, Feedback.can_apply)):
        if (aid, sid) in attended:
            given[sid].append((rating, apply))
        else:
            unmatched += 1
    counts: dict[int, int] = defaultdict(int)
    for _, sid in attended:
        counts[sid] += 1
    rows = []
    for sid, uid, title, level in session.execute(
            select(LearningSession.id, LearningSession.uid, LearningSession.title, LearningSession.level_id)
            .where(LearningSession.start_utc.is_not(None))
            .order_by(LearningSession.start_utc, LearningSession.title, LearningSession.id)):
        rows.append(_score(uid, title, level, counts[sid], given[sid]))
    everything = [g for sid in given for g in given[sid]]
    return tuple(rows), _score("", "all sessions", 0, sum(counts.values()), everything), unmatched


def _score(uid: str, title: str, level: int, attended: int, given: Iterable[tuple[int, int]]) -> FeedbackScore:
    given = list(given)
    return FeedbackScore(uid, title, level, attended, len(given), _mean([r for r, _ in given]),
                         _mean([a for _, a in given]))


def skills_summary(session: Session, *, minutes_attended: MinutesAttended | None = None,
                   done: list[Completion] | None = None) -> SkillsSummary:
    """``done``: the completions when the caller has them already (one walk of the log for a whole report)."""
    level_names = {lid: name for lid, name in session.execute(select(Level.id, Level.name).order_by(Level.id))}
    if done is None:
        done = completions(session, minutes_attended=minutes_attended)
    validated: dict[int, set[int]] = defaultdict(set)
    for c in done:
        if c.completed:
            validated[c.level].add(c.attendee_id)
    overall, by_hub, by_dept, by_level = _uplifts(session, level_names)
    per_session, all_sessions, unmatched = _feedback(session, {(c.attendee_id, c.session_id) for c in done})
    return SkillsSummary(
        validated_by_level=tuple(LevelCount(lid, name, len(validated[lid])) for lid, name in level_names.items()),
        validated_people=len(set().union(*validated.values())) if validated else 0,
        uplift_overall=overall, uplift_by_hub=by_hub, uplift_by_department=by_dept, uplift_by_level=by_level,
        feedback_by_session=per_session, feedback_overall=all_sessions, unmatched_feedback=unmatched)


def validated_counts(session: Session, *, minutes_attended: MinutesAttended | None = None
                     ) -> tuple[tuple[LevelCount, ...], int]:
    """Validated people per level, and how many people are validated at one level or more."""
    from learningday.skills.validation import validated_levels

    names = {lid: name for lid, name in session.execute(select(Level.id, Level.name).order_by(Level.id))}
    found = validated_levels(session, minutes_attended=minutes_attended)
    counts = tuple(LevelCount(lid, name, sum(1 for levels in found.values() if lid in levels))
                   for lid, name in names.items())
    return counts, len(found)
