"""The analytics summary on the hand-built event: uplift, response rates, validated counts by hand."""

from __future__ import annotations

import pytest

from learningday.errors import InvalidInput
from learningday.skills.assessments import assessments_of, set_assessment
from learningday.skills.feedback import NotCheckedIn, record_feedback
from learningday.skills.summary import skills_summary
from learningday.store.db import open_event
from tests.helpers.skills_event import CODES, UIDS, virtual_minutes


def _summary(path, **kw):  # noqa: ANN001, ANN202
    with open_event(path) as ef, ef.read() as s:
        return skills_summary(s, **kw)


def test_validated_per_level(skills) -> None:
    path, ids = skills
    plain = _summary(path)
    assert [(c.level, c.count) for c in plain.validated_by_level] == [(1, 1), (2, 1), (3, 0), (4, 0), (5, 0)]
    assert plain.validated_people == 2
    seam = _summary(path, minutes_attended=virtual_minutes(ids))
    assert [c.count for c in seam.validated_by_level] == [1, 1, 1, 0, 0]


def test_uplift_by_hand(skills) -> None:
    # pairs: P1 overall 2->4, P2 level 2 3->4, P2 level 3 2->4; P3 (pre only) and P4 (post only) have none
    summary = _summary(skills[0])
    overall = summary.uplift_overall
    assert (overall.people, overall.pairs) == (2, 3)
    assert overall.pre_mean == pytest.approx(7 / 3) and overall.post_mean == 4
    assert overall.uplift == pytest.approx(5 / 3)
    assert [(u.group, u.pre_mean, u.post_mean) for u in summary.uplift_by_hub] == [
        ("London", 2.5, 4.0), ("Sydney", 2.0, 4.0)]
    assert [(u.group, u.pre_mean, u.post_mean) for u in summary.uplift_by_department] == [
        ("Eng", 2.5, 4.0), ("Sales", 2.0, 4.0)]
    # P1's overall pair counts at the level P1 registered at (1)
    assert [(u.group, u.uplift) for u in summary.uplift_by_level] == [
        ("AI literacy", 2.0), ("Hands-on with AI", 1.0), ("Creating with AI", 2.0)]


def test_feedback_scores_and_response_rates(skills) -> None:
    summary = _summary(skills[0])
    rows = [(f.title, f.attended, f.responses, f.response_rate, f.rating_mean, f.apply_mean)
            for f in summary.feedback_by_session]
    assert rows == [
        ("Literacy", 2, 2, 1.0, 4.0, 3.0),     # P1 (5, 4), P2 (3, 2); P3's is unmatched
        ("Hands-on", 2, 1, 0.5, 4.0, 5.0),     # P1 (4, 5)
        ("Creating", 1, 0, 0.0, None, None),   # P4 gave none
    ]
    total = summary.feedback_overall
    assert (total.attended, total.responses, total.response_rate) == (5, 3, 0.6)
    assert total.rating_mean == 4.0 and total.apply_mean == pytest.approx(11 / 3)
    assert summary.unmatched_feedback == 1


def test_feedback_from_someone_not_checked_in_is_refused_and_not_counted(skills) -> None:
    path, _ = skills
    with open_event(path) as ef:
        with ef.write() as s, pytest.raises(NotCheckedIn, match="not checked in"):
            record_feedback(s, CODES["P4"], UIDS["L1"], rating=1, can_apply=1)
    assert _summary(path).feedback_by_session[0].responses == 2


def test_feedback_replaces_and_returns_what_it_replaced(skills) -> None:
    path, _ = skills
    with open_event(path) as ef, ef.write() as s:
        change = record_feedback(s, CODES["P1"], UIDS["L1"], rating=2, can_apply=3, comment=" ok ")
    assert (change.before.rating, change.after.rating, change.after.comment) == (5, 2, "ok")
    assert _summary(path).feedback_by_session[0].rating_mean == 2.5


@pytest.mark.parametrize("rating", [0, 6, True])
def test_a_rating_outside_one_to_five_is_refused(skills, rating) -> None:
    path, _ = skills
    with open_event(path) as ef, ef.write() as s, pytest.raises(InvalidInput, match="1-5"):
        record_feedback(s, CODES["P1"], UIDS["L1"], rating=rating, can_apply=3)


def test_assessment_set_and_cleared_with_undo_data(skills) -> None:
    path, _ = skills
    with open_event(path) as ef:
        with ef.write() as s:
            change = set_assessment(s, CODES["P3"], phase="post", score=3)
            assert (change.before, change.after) == (None, 3)
            mine = assessments_of(s, CODES["P3"])
            assert (mine.pre, mine.post, mine.target_level) == ({0: 1}, {0: 3}, 4)
            assert set_assessment(s, CODES["P3"], phase="post", score=None).before == 3
        with ef.write() as s, pytest.raises(InvalidInput, match="1-5"):
            set_assessment(s, CODES["P3"], phase="pre", score=6)
