import json

import pytest

from diagnosis.changes import assessment_change
from maturity.framework_files import FRAMEWORKS_DIR, load_framework
from maturity.services import framework_import
from tests.diagnosis.factories import AssessmentFactory, SubmittedRespondentFactory, give_answers

pytestmark = pytest.mark.django_db


def assessment_scoring(value: float, n: int = 3, **fields):
    """An assessment where n respondents answer f1_1, f1_3, f1_5 with ``value``: f1 = value."""
    assessment = AssessmentFactory(**fields)
    for _ in range(n):
        give_answers(
            SubmittedRespondentFactory(assessment=assessment),
            {"f1_1": value, "f1_3": value, "f1_5": value},
        )
    return assessment


def test_change_between_two_assessments_per_dimension_and_overall():
    before = assessment_scoring(2)
    after = assessment_scoring(4, organisation=before.organisation)
    change = assessment_change(before, after)
    f1 = next(d for d in change.dimensions if d.code == "f1-learning-culture")
    assert (f1.score_before, f1.score_after, f1.delta, f1.delta_100) == (2.0, 4.0, 2.0, 50.0)
    assert (f1.level_before, f1.level_after, f1.level_change) == (2, 4, 2)
    assert f1.name == "A culture of learning beyond formal training"
    assert (change.overall_before, change.overall_after, change.overall_delta) == (25, 75, 50)
    json.dumps(change.as_dict(), allow_nan=False)


def test_a_dimension_answered_in_one_round_only_has_an_empty_side():
    before = assessment_scoring(2)
    after = assessment_scoring(4, organisation=before.organisation)
    for _ in range(3):
        give_answers(SubmittedRespondentFactory(assessment=after), {"f4_1": 3, "f4_2": 3})
    f4 = next(d for d in assessment_change(before, after).dimensions if d.code == "f4-autonomy")
    assert (f4.score_before, f4.score_after, f4.delta) == (None, 3.0, None)


def test_a_round_or_dimension_below_its_threshold_gives_no_side_of_the_change():
    before = assessment_scoring(2, n=2)  # two responses: below k = 3
    after = assessment_scoring(4, organisation=before.organisation)
    give_answers(SubmittedRespondentFactory(assessment=after), {"f4_1": 3, "f4_2": 3})
    change = assessment_change(before, after)
    by_code = {d.code: d for d in change.dimensions}
    f1 = by_code["f1-learning-culture"]
    assert (f1.score_before, f1.score_after, f1.delta) == (None, 4.0, None)
    assert "f4-autonomy" not in by_code  # one respondent scored it in the second round
    assert (change.overall_before, change.overall_after) == (None, 75)


def test_change_refuses_assessments_of_two_organisations():
    with pytest.raises(ValueError, match="same organisation"):
        assessment_change(assessment_scoring(2), assessment_scoring(4))


def test_change_refuses_assessments_on_two_frameworks():
    other = framework_import(load_framework(FRAMEWORKS_DIR / "examples/team-learning-pulse.yaml"))
    before = assessment_scoring(2)
    after = AssessmentFactory(organisation=before.organisation, framework_version=other.version)
    with pytest.raises(ValueError, match="same framework"):
        assessment_change(before, after)
