import math

import pytest

from diagnosis import selectors
from tests.diagnosis.factories import (
    AssessmentFactory,
    RespondentFactory,
    SubmittedRespondentFactory,
    give_answers,
    give_text_answers,
)
from tests.factories import MembershipFactory, person_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessment():
    return AssessmentFactory()


def test_answers_hold_likert_items_only_with_dont_know_as_a_blank(assessment):
    person = SubmittedRespondentFactory(assessment=assessment)
    give_answers(
        person,
        {"f1_1": 4, "f1_2": None, "cap_curation": (2, 4), "q_individual_productive": (50, 40)},
    )
    frames = selectors.assessment_frames(assessment)
    answers = frames.answers.sort_values("value")
    codes = frames.items.set_index("item")["code"]
    assert list(answers["item"].map(codes)) == ["f1_1", "f1_2"]
    assert answers["value"].iloc[0] == 4.0
    assert math.isnan(answers["value"].iloc[1])
    assert list(answers["dont_know"]) == [False, True]
    assert set(frames.scored_items["item"]) >= set(answers["item"])


def test_in_progress_respondents_count_only_when_asked(assessment):
    give_answers(SubmittedRespondentFactory(assessment=assessment), {"f1_1": 4})
    give_answers(RespondentFactory(assessment=assessment), {"f1_1": 2})
    assert len(selectors.assessment_frames(assessment).answers) == 1
    everyone = selectors.assessment_frames(assessment, include_in_progress=True)
    assert sorted(everyone.answers["value"]) == [2.0, 4.0]
    assert len(everyone.all_respondents) == len(everyone.respondents) == 2


def test_quadrant_splits_ratings_and_choices_are_shaped_for_the_engine(assessment):
    person = SubmittedRespondentFactory(assessment=assessment)
    give_answers(
        person,
        {
            "q_individual_productive": (60, 30), "q_organisational_generative": (40, 70),
            "cap_curation": (2, 4), "culture_openness": None, "work_type_priority": "complex",
        },
    )  # fmt: skip
    frames = selectors.assessment_frames(assessment)
    splits = frames.splits.set_index("quadrant")
    assert splits.loc["individual_productive", ["today", "desired"]].tolist() == [60.0, 30.0]
    assert frames.capability_ratings[["dimension", "current", "target"]].values.tolist() == [
        ["cap-curation", 2.0, 4.0]
    ]
    culture = frames.culture_ratings.iloc[0]
    assert culture["dimension"] == "culture-openness"
    assert math.isnan(culture["current"])
    assert math.isnan(culture["target"])
    assert frames.choices[["code", "choice"]].values.tolist() == [["work_type_priority", "complex"]]


def test_respondents_get_a_display_name(assessment):
    member = MembershipFactory(
        organisation=assessment.organisation, user__first_name="Ada", user__last_name="Lovelace"
    )
    RespondentFactory(assessment=assessment, person=person_of(member.user, member.organisation))
    RespondentFactory(assessment=assessment, person__name="Grace Hopper")
    RespondentFactory(assessment=assessment, person__name="", person__email="anon@example.org")
    RespondentFactory()  # another assessment
    people = selectors.respondents_frame(assessment)
    assert people["name"].tolist() == ["Ada Lovelace", "Grace Hopper", "anon@example.org"]
    assert not people["submitted"].any()


def test_text_answers_leave_out_in_progress_respondents_by_default(assessment):
    done = SubmittedRespondentFactory(assessment=assessment)
    give_text_answers(done, {"ctx_value": "Speed", "ctx_change": "Automation"})
    give_text_answers(RespondentFactory(assessment=assessment), {"ctx_value": "Draft"})
    assert sorted(selectors.text_answers_frame(assessment)["text"]) == ["Automation", "Speed"]
    everyone = selectors.text_answers_frame(assessment, include_in_progress=True)
    assert len(everyone) == 3


def test_framework_frames_follow_questionnaire_order(assessment):
    version = [assessment.framework_version_id]
    dimensions = selectors.dimensions_frame(version)
    assert dimensions["dimension"].iloc[0] == "f1-learning-culture"
    assert dimensions["order"].is_monotonic_increasing
    items = selectors.items_frame(version)
    assert items.loc[items["code"] == "f1_2", "reverse"].item() is True
    assert selectors.questions_frame(version)["code"].iloc[0] == "ctx_value"


def test_frames_cost_five_queries_however_many_answered(assessment, django_assert_num_queries):
    for _ in range(5):
        give_answers(SubmittedRespondentFactory(assessment=assessment), {"f1_1": 3, "f1_2": 4})
    with django_assert_num_queries(5):
        selectors.assessment_frames(assessment)
    version = assessment.framework_version
    with django_assert_num_queries(4):  # the version's scales already read
        selectors.assessment_frames(assessment, scales={version.pk: version.scales})
