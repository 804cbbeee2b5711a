"""The rules of `diagnosis.answers`: what an autosave stores, and every request it refuses."""

import pytest
from django.http import QueryDict
from django.utils import timezone

from diagnosis.answers import (
    AnswerLocked,
    AnswerRefused,
    SubmitRefused,
    answer_save,
    respondent_submit,
    text_save,
)
from diagnosis.models import Answer, AssessmentStatus, TextAnswer
from diagnosis.questionnaire import progress_percent, section_summaries
from diagnosis.signals import answers_changed

from .factories import AnswerFactory, AssessmentFactory, RespondentFactory
from .helpers import pulse_framework, scales_framework

pytestmark = pytest.mark.django_db

QUADRANTS = (
    "q_individual_productive",
    "q_organisational_productive",
    "q_individual_generative",
    "q_organisational_generative",
)


@pytest.fixture
def respondent(default_framework):
    return RespondentFactory(assessment__framework_version=default_framework)


def stored(respondent) -> list[tuple]:
    return list(
        Answer.objects.filter(respondent=respondent)
        .order_by("item__code")
        .values_list("item__code", "value", "target", "choice", "dont_know")
    )


def test_a_likert_answer_is_stored_and_a_second_one_replaces_it(respondent):
    answer_save(respondent, "f1_1", {"value": "2"})
    answer_save(respondent, "f1_1", {"value": "5"})
    assert stored(respondent) == [("f1_1", 5.0, None, "", False)]


def test_dont_know_is_stored_where_the_item_offers_it(respondent):
    answer_save(respondent, "f1_1", {"value": "4"})
    answer_save(respondent, "f1_1", {"value": "dont_know"})
    assert stored(respondent) == [("f1_1", None, None, "", True)]


def test_the_first_answer_marks_the_respondent_as_started(respondent):
    assert respondent.started_at is None
    answer_save(respondent, "f1_1", {"value": "3"})
    respondent.refresh_from_db()
    assert respondent.started_at is not None


def test_every_saved_answer_tells_listeners_which_assessment_changed(respondent):
    heard = []

    def listener(sender, **kwargs):
        heard.append(kwargs["assessment_id"])

    answers_changed.connect(listener)
    try:
        answer_save(respondent, "f1_1", {"value": "3"})
        text_save(respondent, "ctx_value", {"text": "Reliable next-day delivery."})
    finally:
        answers_changed.disconnect(listener)
    assert heard == [respondent.assessment_id, respondent.assessment_id]


@pytest.mark.parametrize("value", ["0", "6", "3.5", "-1", "abc", "", " ", "١"])
def test_a_likert_value_out_of_range_is_refused_and_the_stored_answer_kept(respondent, value):
    answer_save(respondent, "f1_1", {"value": "2"})
    with pytest.raises(AnswerRefused) as refused:
        answer_save(respondent, "f1_1", {"value": value})
    assert refused.value.status_code == 400
    assert stored(respondent) == [("f1_1", 2.0, None, "", False)]


@pytest.mark.parametrize(
    ("item", "data"),
    [
        ("f1_1", {"choice": "known"}),  # a choice field on a Likert item
        ("f1_1", {"value": "3", "target": "4"}),  # a target on a Likert item
        ("cap_curation", {"today": "3"}),  # a points field on a current/target item
        ("q_individual_productive", {"value": "40"}),  # a Likert field on a points item
        ("work_type_priority", {"value": "2"}),  # a level on a choice item
        ("f1_1", {"value": "3", "respondent": "1"}),  # claiming another respondent
    ],
)
def test_a_field_that_does_not_belong_to_the_response_type_is_refused(respondent, item, data):
    with pytest.raises(AnswerRefused):
        answer_save(respondent, item, data)
    assert stored(respondent) == []


def test_a_field_sent_twice_is_refused(respondent):
    with pytest.raises(AnswerRefused):
        answer_save(respondent, "f1_1", QueryDict("value=1&value=5"))
    assert stored(respondent) == []


def test_an_item_of_another_framework_version_is_refused(respondent):
    pulse_framework()  # its items exist, but not in this assessment's framework
    with pytest.raises(AnswerRefused):
        answer_save(respondent, "speak_1", {"value": "3"})
    with pytest.raises(AnswerRefused):
        answer_save(respondent, "no_such_item", {"value": "3"})
    assert stored(respondent) == []


def test_dont_know_is_refused_where_the_item_does_not_offer_it():
    pulse = RespondentFactory(assessment__framework_version=pulse_framework())
    with pytest.raises(AnswerRefused):
        answer_save(pulse, "review_3", {"value": "dont_know"})
    answer_save(pulse, "review_3", {"value": "4"})  # level5: the level whose descriptor fits
    assert stored(pulse) == [("review_3", 4.0, None, "", False)]


def test_current_and_target_are_saved_one_at_a_time(respondent):
    answer_save(respondent, "cap_curation", {"current": "2"})
    assert stored(respondent) == [("cap_curation", 2.0, None, "", False)]
    answer_save(respondent, "cap_curation", {"current": "2", "target": "4"})
    assert stored(respondent) == [("cap_curation", 2.0, 4.0, "", False)]


def test_dont_know_on_a_current_target_item_clears_both_levels(respondent):
    answer_save(respondent, "cap_curation", {"current": "2", "target": "4"})
    answer_save(respondent, "cap_curation", {"current": "2", "target": "4", "dont_know": "on"})
    assert stored(respondent) == [("cap_curation", None, None, "", True)]


def test_unticking_dont_know_with_no_level_clears_the_answer(respondent):
    answer_save(respondent, "culture_openness", {"dont_know": "on"})
    answer_save(respondent, "culture_openness", {})
    assert stored(respondent) == []


@pytest.mark.parametrize(
    "data", [{"current": "0"}, {"target": "6"}, {"dont_know": "yes"}, {"current": "two"}]
)
def test_a_current_target_value_out_of_range_is_refused(respondent, data):
    with pytest.raises(AnswerRefused):
        answer_save(respondent, "cap_curation", data)
    assert stored(respondent) == []


def test_points_are_whole_numbers_from_0_to_100(respondent):
    answer_save(respondent, "q_individual_productive", {"today": "0", "desired": "100"})
    assert stored(respondent) == [("q_individual_productive", 0.0, 100.0, "", False)]
    for bad in ("101", "-5", "12.5", "1e2", "0x10"):
        with pytest.raises(AnswerRefused):
            answer_save(respondent, "q_individual_productive", {"today": bad})
    assert stored(respondent) == [("q_individual_productive", 0.0, 100.0, "", False)]


def test_clearing_both_points_fields_removes_the_answer(respondent):
    answer_save(respondent, "q_individual_productive", {"today": "40", "desired": ""})
    answer_save(respondent, "q_individual_productive", {"today": "", "desired": ""})
    assert stored(respondent) == []


def test_a_choice_must_be_one_of_the_items_options(respondent):
    answer_save(respondent, "work_type_priority", {"choice": "complex"})
    with pytest.raises(AnswerRefused):
        answer_save(respondent, "work_type_priority", {"choice": "chaotic"})
    answer_save(respondent, "work_type_priority", {"choice": "dont_know"})
    assert stored(respondent) == [("work_type_priority", None, None, "", True)]


def test_a_text_answer_is_stored_replaced_and_removed_when_emptied(respondent):
    text_save(respondent, "ctx_value", {"text": "First thought."})
    text_save(respondent, "ctx_value", {"text": "  Second thought.  "})
    assert list(TextAnswer.objects.values_list("text", flat=True)) == ["Second thought."]
    text_save(respondent, "ctx_value", {"text": ""})
    assert not TextAnswer.objects.exists()


def test_a_text_that_is_too_long_or_for_a_foreign_question_is_refused(respondent):
    with pytest.raises(AnswerRefused):
        text_save(respondent, "ctx_value", {"text": "x" * 5001})
    with pytest.raises(AnswerRefused):
        text_save(respondent, "one_change", {"text": "A question of another framework."})
    with pytest.raises(AnswerRefused):
        text_save(respondent, "ctx_value", {"text": "hi", "value": "3"})
    assert not TextAnswer.objects.exists()


@pytest.mark.parametrize("status", [AssessmentStatus.CLOSED, AssessmentStatus.DRAFT])
def test_nothing_is_stored_once_the_assessment_is_not_open(default_framework, status):
    respondent = RespondentFactory(assessment__status=status)
    with pytest.raises(AnswerLocked) as locked:
        answer_save(respondent, "f1_1", {"value": "3"})
    assert locked.value.status_code == 409
    with pytest.raises(AnswerLocked):
        text_save(respondent, "ctx_value", {"text": "Too late."})
    assert stored(respondent) == []
    assert not TextAnswer.objects.exists()


def test_a_closed_assessment_is_refused_even_if_the_caller_holds_a_stale_copy(respondent):
    respondent.assessment.__class__.objects.filter(pk=respondent.assessment_id).update(
        status=AssessmentStatus.CLOSED
    )
    assert respondent.assessment.is_open  # the stale copy still says open
    with pytest.raises(AnswerLocked):
        answer_save(respondent, "f1_1", {"value": "3"})
    assert stored(respondent) == []


def test_a_submitted_or_withdrawn_respondent_can_change_nothing(respondent):
    AnswerFactory(
        respondent=respondent,
        item=respondent.assessment.framework_version.items.get(code="f1_1"),
        value=2,
    )
    for field in ("submitted_at", "revoked_at"):
        type(respondent).objects.filter(pk=respondent.pk).update(**{field: timezone.now()})
        with pytest.raises(AnswerLocked):
            answer_save(respondent, "f1_1", {"value": "5"})
        type(respondent).objects.filter(pk=respondent.pk).update(**{field: None})
    assert stored(respondent) == [("f1_1", 2.0, None, "", False)]


def split(respondent, today: tuple, desired: tuple) -> None:
    for code, points_today, points_desired in zip(QUADRANTS, today, desired, strict=True):
        answer_save(respondent, code, {"today": str(points_today), "desired": str(points_desired)})


def test_submitting_is_refused_until_both_quadrant_splits_add_up_to_100(respondent):
    with pytest.raises(SubmitRefused) as refused:
        respondent_submit(respondent)
    assert len(refused.value.messages) == 2  # today and desired, both at 0
    split(respondent, (50, 20, 20, 5), (25, 25, 25, 25))
    with pytest.raises(SubmitRefused) as refused:
        respondent_submit(respondent)
    assert refused.value.messages == [
        "“Balance of L&D effort”: the points for today add up to 95; they must add up to 100."
    ]
    respondent.refresh_from_db()
    assert respondent.submitted_at is None


def test_a_submitted_questionnaire_is_locked(respondent):
    split(respondent, (55, 20, 20, 5), (25, 25, 25, 25))
    respondent_submit(respondent)
    respondent.refresh_from_db()
    assert respondent.submitted_at is not None
    with pytest.raises(AnswerLocked):
        answer_save(respondent, "q_individual_productive", {"today": "10"})
    with pytest.raises(AnswerLocked):
        respondent_submit(respondent)


def test_an_assessment_on_another_framework_keeps_its_own_items(default_framework):
    pulse = AssessmentFactory(framework_version=pulse_framework())
    respondent = RespondentFactory(assessment=pulse)
    with pytest.raises(AnswerRefused):
        answer_save(respondent, "f1_1", {"value": "3"})
    answer_save(respondent, "speak_1", {"value": "3"})
    respondent_submit(respondent)  # no 100-point split in this framework
    assert stored(respondent) == [("speak_1", 3.0, None, "", False)]


# --- Items on a scale the framework declares --------------------------------------------------


@pytest.fixture
def on_scales():
    """A respondent on a framework with a 6-point frequency scale (share_*), a 7-point agreement
    scale with the missing point 9 (support_*), likert5 redeclared with a point 0 (clear_1), an
    11-point scale 0-10 (likely_1) and a 2-point one (mentor_1)."""
    return RespondentFactory(assessment__framework_version=scales_framework())


def test_every_point_of_a_six_point_frequency_scale_is_stored_as_its_value(on_scales):
    for value in range(1, 7):
        answer_save(on_scales, "share_2", {"value": str(value)})
        assert stored(on_scales) == [("share_2", float(value), None, "", False)]


def test_every_point_of_a_seven_point_agreement_scale_is_stored_as_its_value(on_scales):
    for value in range(1, 8):
        answer_save(on_scales, "support_2", {"value": str(value)})
        assert stored(on_scales) == [("support_2", float(value), None, "", False)]


def test_a_missing_point_keeps_its_value_and_counts_as_dont_know(on_scales):
    answer_save(on_scales, "support_2", {"value": "4"})
    answer_save(on_scales, "support_2", {"value": "9"})
    assert stored(on_scales) == [("support_2", 9.0, None, "", True)]
    answer_save(on_scales, "support_2", {"value": "7"})  # and back to a scored point
    assert stored(on_scales) == [("support_2", 7.0, None, "", False)]


def test_generic_dont_know_on_a_scale_item_stores_no_value(on_scales):
    answer_save(on_scales, "share_1", {"value": "5"})
    answer_save(on_scales, "share_1", {"value": "dont_know"})
    assert stored(on_scales) == [("share_1", None, None, "", True)]


def test_generic_dont_know_is_refused_on_a_scale_item_that_does_not_offer_it(on_scales):
    with pytest.raises(AnswerRefused) as refused:
        answer_save(on_scales, "share_2", {"value": "dont_know"})
    assert "no “don't know” option" in refused.value.messages[0]
    assert stored(on_scales) == []


@pytest.mark.parametrize(
    ("item", "value", "message"),
    [
        ("support_2", "0", "Choose a value from 1 to 7, or 9."),
        ("support_2", "8", "Choose a value from 1 to 7, or 9."),
        ("support_2", "10", "Choose a value from 1 to 7, or 9."),
        ("support_2", "abc", "Choose a value from 1 to 7, or 9."),
        ("support_2", "09", "Choose a value from 1 to 7, or 9."),
        ("support_2", "4.0", "Choose a value from 1 to 7, or 9."),
        ("support_2", "", "Choose a value from 1 to 7, or 9."),
        ("share_2", "0", "Choose a value from 1 to 6."),
        ("share_2", "7", "Choose a value from 1 to 6."),
        ("share_2", "9", "Choose a value from 1 to 6."),  # 9 is a point of the other scale
    ],
)
def test_a_value_off_the_scale_is_refused_naming_the_values_allowed(
    on_scales, item, value, message
):
    answer_save(on_scales, item, {"value": "2"})
    with pytest.raises(AnswerRefused) as refused:
        answer_save(on_scales, item, {"value": value})
    assert refused.value.status_code == 400
    assert refused.value.messages == [message]
    assert stored(on_scales) == [(item, 2.0, None, "", False)]  # the earlier answer is kept


def test_a_scale_item_takes_only_its_value_field(on_scales):
    with pytest.raises(AnswerRefused):
        answer_save(on_scales, "share_2", {"value": "3", "target": "4"})
    with pytest.raises(AnswerRefused):
        answer_save(on_scales, "share_2", {"choice": "3"})
    assert stored(on_scales) == []


def test_a_redeclared_likert5_takes_the_points_of_the_frameworks_own_scale(on_scales, respondent):
    answer_save(on_scales, "clear_1", {"value": "0"})  # "Does not apply", a missing point
    assert stored(on_scales) == [("clear_1", 0.0, None, "", True)]
    answer_save(on_scales, "clear_1", {"value": "5"})
    assert stored(on_scales) == [("clear_1", 5.0, None, "", False)]
    with pytest.raises(AnswerRefused) as refused:
        answer_save(on_scales, "clear_1", {"value": "6"})
    assert refused.value.messages == ["Choose a value from 1 to 5, or 0."]
    with pytest.raises(AnswerRefused):  # the built-in likert5 has no point 0
        answer_save(respondent, "f1_1", {"value": "0"})
    assert stored(respondent) == []


def test_scale_answers_count_towards_progress_whether_scored_missing_or_dont_know(on_scales):
    assert [s.answered for s in section_summaries(on_scales)] == [0, 0, 0, 0]
    answer_save(on_scales, "share_1", {"value": "dont_know"})
    answer_save(on_scales, "share_2", {"value": "6"})
    answer_save(on_scales, "support_2", {"value": "9"})
    summaries = section_summaries(on_scales)
    assert [(s.answered, s.total, s.complete) for s in summaries] == [
        (2, 2, True),
        (1, 2, False),
        (0, 1, False),
        (0, 2, False),
    ]
    assert progress_percent(summaries) == 43  # 3 of 7


def test_the_longest_and_shortest_scales_take_each_of_their_points(on_scales):
    for value in range(11):
        answer_save(on_scales, "likely_1", {"value": str(value)})
        assert stored(on_scales) == [("likely_1", float(value), None, "", False)]
    answer_save(on_scales, "mentor_1", {"value": "2"})
    with pytest.raises(AnswerRefused) as refused:
        answer_save(on_scales, "mentor_1", {"value": "3"})
    assert refused.value.messages == ["Choose a value from 1 to 2."]
    assert stored(on_scales) == [
        ("likely_1", 10.0, None, "", False),
        ("mentor_1", 2.0, None, "", False),
    ]
