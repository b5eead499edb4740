"""The report's first page: reach against headcount, skills, feedback per facilitator, and the facts they support.

Headcount is the attendees on the roster (an event has no headcount setting). A group is *reached* when
one of its people attended a session. A reach cell is a *gap* when its rate is ``GAP_POINTS`` or more below
the event's reach. Validation and feedback come from ``learningday.skills`` with one walk of the log.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from sqlalchemy.orm import Session

from learningday.reporting.dto import (
    FacilitatorFeedback,
    LeaderView,
    Reach,
    SessionOutcome,
)
from learningday.setup.dto import HubDTO, LevelDTO
from learningday.skills.completion import MinutesAttended, completions
from learningday.skills.dto import FeedbackScore, SkillsSummary
from learningday.skills.summary import skills_summary

#: a group whose reach is this far (or further) below the event's is marked as a gap
GAP_POINTS = 0.10
#: a session needs this many responses to be named best or worst rated
MIN_RESPONSES = 3
NO_HUB, NO_LEVEL = "No hub", "No level"


def _reach(label: str, people: Sequence[int], reached: set[int], overall: float | None) -> Reach:
    got = sum(1 for p in people if p in reached)
    rate = got / len(people) if people else None
    gap = rate is not None and overall is not None and rate <= overall - GAP_POINTS + 1e-9
    return Reach(label, len(people), got, gap)


def _weighted(scores: Iterable[FeedbackScore], attr: str) -> float | None:
    pairs = [(getattr(s, attr), s.responses) for s in scores if s.responses and getattr(s, attr) is not None]
    total = sum(n for _, n in pairs)
    return sum(v * n for v, n in pairs) / total if total else None


def _facilitators(sessions: Sequence[SessionOutcome], skills: SkillsSummary) -> tuple[FacilitatorFeedback, ...]:
    by_uid = {f.session_uid: f for f in skills.feedback_by_session}
    runs: dict[str, list[FeedbackScore]] = defaultdict(list)
    for s in sessions:
        for name in s.facilitators:
            if s.uid in by_uid:
                runs[name].append(by_uid[s.uid])
    return tuple(FacilitatorFeedback(name, len(scores), FeedbackScore(
                     "", name, 0, sum(f.attended for f in scores), sum(f.responses for f in scores),
                     _weighted(scores, "rating_mean"), _weighted(scores, "apply_mean")))
                 for name, scores in sorted(runs.items(), key=lambda kv: kv[0].casefold()))


def _pct(rate: float | None) -> str:
    return "–" if rate is None else f"{rate:.0%}"


def facts(reach: Reach, by_hub: Sequence[Reach], levels: Sequence[LevelDTO], sessions: Sequence[SessionOutcome],
          skills: SkillsSummary) -> tuple[str, ...]:
    """Short sentences, each one a number the data supports; a fact without data is left out."""
    out = [(f"Reach: {reach.reached:,} of {reach.headcount:,} people on the roster ({_pct(reach.rate)}) attended "
            "at least one session.")]
    if skills.validated_people:
        out.append(f"{skills.validated_people:,} people validated at least one level.")
    up = skills.uplift_overall
    if up is not None:
        out.append(f"Self-assessed skill rose from {up.pre_mean:.1f} to {up.post_mean:.1f} "
                   f"({up.uplift:+.1f} on 1–5) over {up.people:,} people who answered before and after.")
    rated = [f for f in skills.feedback_by_session if f.responses >= MIN_RESPONSES and f.rating_mean is not None]
    rated = rated or [f for f in skills.feedback_by_session if f.responses and f.rating_mean is not None]
    if rated:
        best = max(rated, key=lambda f: (f.rating_mean, f.responses))
        worst = min(rated, key=lambda f: (f.rating_mean, -f.responses))
        out.append(f"Best rated session: {best.title} ({best.rating_mean:.1f} / 5 from {best.responses:,} "
                   "responses).")
        if worst.session_uid != best.session_uid:
            out.append(f"Lowest rated session: {worst.title} ({worst.rating_mean:.1f} / 5 from "
                       f"{worst.responses:,} responses).")
    behind = sorted((h for h in by_hub if h.gap), key=lambda h: h.rate or 0)
    if behind:
        named = ", ".join(f"{h.label} ({_pct(h.rate)} of {h.headcount:,})" for h in behind[:4])
        out.append(f"Hubs left behind (reach {GAP_POINTS * 100:.0f} points or more under the event's "
                   f"{_pct(reach.rate)}): {named}.")
    waitlisted: dict[int, list[SessionOutcome]] = defaultdict(list)
    for s in sessions:
        if s.waitlisted:
            waitlisted[s.level_id].append(s)
    name = {lv.id: lv.name for lv in levels}
    for level_id, full in sorted(waitlisted.items(), key=lambda kv: -sum(s.waitlisted for s in kv[1]))[:2]:
        out.append(f"Level {level_id} {name.get(level_id, '')} was oversubscribed: "
                   f"{sum(s.waitlisted for s in full):,} people waitlisted in {len(full)} session"
                   f"{'s' if len(full) != 1 else ''}.")
    return tuple(out)


def leader_view(session: Session, *, hubs: Sequence[HubDTO], levels: Sequence[LevelDTO],
                people: Iterable[tuple[int, int | None, int | None]], reached: set[int],
                sessions: Sequence[SessionOutcome], minutes_attended: MinutesAttended | None = None) -> LeaderView:
    """``people``: (attendee id, hub id, own level id) for the whole roster; ``reached``: who attended."""
    hub_name = {h.id: h.name for h in hubs}
    by_hub: dict[str | None, list[int]] = defaultdict(list)
    by_level: dict[int | None, list[int]] = defaultdict(list)
    cells: dict[tuple[str, int | None], list[int]] = defaultdict(list)
    everyone: list[int] = []
    for aid, hub_id, level_id in people:
        hub = hub_name.get(hub_id, NO_HUB) if hub_id is not None else NO_HUB
        everyone.append(aid)
        by_hub[hub].append(aid)
        by_level[level_id].append(aid)
        cells[hub, level_id].append(aid)
    reach = _reach("All", everyone, reached, None)
    hub_labels = [h.name for h in hubs] + ([NO_HUB] if by_hub.get(NO_HUB) else [])
    level_keys: list[int | None] = [lv.id for lv in levels] + ([None] if by_level.get(None) else [])
    level_label = {lv.id: f"{lv.id} {lv.name}" for lv in levels}
    done = completions(session, minutes_attended=minutes_attended)
    validated: dict[int, set[int]] = defaultdict(set)
    for c in done:
        if c.completed:
            validated[c.attendee_id].add(c.level)
    frozen = {aid: frozenset(lv) for aid, lv in validated.items()}
    skills = skills_summary(session, done=done)
    hub_rows = tuple(_reach(h, by_hub.get(h, []), reached, reach.rate) for h in hub_labels)
    return LeaderView(
        reach=reach,
        reach_by_hub=hub_rows,
        reach_by_level=tuple(_reach(level_label.get(k, NO_LEVEL), by_level.get(k, []), reached, reach.rate)
                             for k in level_keys),
        reach_cells=tuple((h, k, _reach(h, cells[h, k], reached, reach.rate)) for h in hub_labels
                          for k in level_keys if cells.get((h, k))),
        skills=skills,
        by_facilitator=_facilitators(sessions, skills),
        validated=frozen,
        facts=facts(reach, hub_rows, levels, sessions, skills),
    )
