import json

import pytest
from django.utils import translation

from diagnosis.result_types import AssessmentResults
from diagnosis.results import assessment_results
from tests.diagnosis.factories import (
    AssessmentFactory,
    SubmittedRespondentFactory,
    give_answers,
)
from tests.diagnosis.results_scenario import F1, LD, LEAD, build_scenario

pytestmark = pytest.mark.django_db


@pytest.fixture
def scenario():
    return build_scenario()


@pytest.fixture
def results(scenario) -> AssessmentResults:
    with translation.override("en"):
        return assessment_results(scenario.assessment)


def test_dimension_scores_and_levels_match_the_hand_computed_values(results):
    f1, f2, f4 = (
        results.dimension(code)
        for code in ("f1-learning-culture", "f2-problem-solving", "f4-autonomy")
    )
    assert (f1.n, f1.score, f1.score_100, f1.level) == (6, 4.0, 75.0, 4)
    assert (f2.n, f2.score, f2.score_100, f2.level) == (3, 3.0, 50.0, 3)
    assert f4.n == 6
    assert f4.score == pytest.approx(2.5556, abs=1e-4)
    assert f4.score_100 == pytest.approx(38.889, abs=1e-3)
    assert f4.level == 2
    assert f4.level_label == "Emerging"
    assert f4.level_descriptor.startswith("Some managers delegate, but autonomy depends")
    assert f4.name == "Accountability and autonomy close to the work"


def test_the_in_progress_respondent_does_not_count_unless_asked(scenario):
    everyone = assessment_results(scenario.assessment, include_in_progress=True)
    assert everyone.n_respondents == 7
    assert everyone.dimension("f4-autonomy").n == 7
    assert assessment_results(scenario.assessment).n_respondents == 6


def test_agreement_is_flagged_where_respondents_scatter(results):
    f1, f2, f4 = (
        results.dimension(code)
        for code in ("f1-learning-culture", "f2-problem-solving", "f4-autonomy")
    )
    assert f1.rwg_j == pytest.approx(1.0)
    assert f1.sd == pytest.approx(0.0)
    assert f1.no_agreement is False
    assert f4.sd == pytest.approx(1.3077, abs=1e-4)
    assert f4.rwg_j == pytest.approx(0.1864, abs=1e-4)
    assert f4.no_agreement is True
    assert f2.rwg_j == 0.0
    assert f2.agreement_note == "Answers are as scattered as random answering, or more."


def test_leadership_agreement_is_measured_within_the_leadership_team(results):
    f2, f4 = results.dimension("f2-problem-solving"), results.dimension("f4-autonomy")
    assert f4.leadership_rwg_j == pytest.approx(0.9655, abs=1e-4)
    assert f4.leadership_no_agreement is False
    assert f2.leadership_no_agreement is True
    assert {d.code for d in results.disagreements} == {"f2-problem-solving", "f4-autonomy"}


def test_leadership_agreement_is_withheld_when_the_leadership_group_is_suppressed():
    assessment = AssessmentFactory()
    for group, values in ((LEAD, (5, 5, 1, 5)), (LEAD, (1, 1, 5, 1)), (LD, (5, 5, 1, 5))):
        person = SubmittedRespondentFactory(assessment=assessment, group=group)
        give_answers(person, dict(zip(["f4_1", "f4_2", "f4_3", "f4_4"], values, strict=True)))
    f4 = assessment_results(assessment).dimension("f4-autonomy")
    assert f4.no_agreement is True
    assert f4.leadership_rwg_j is None
    assert f4.leadership_no_agreement is None
    assert [g.suppressed for g in f4.groups] == [True, True]


def test_reliability_is_cronbachs_alpha_or_says_why_not(results):
    assert results.dimension("f4-autonomy").alpha == pytest.approx(0.9840, abs=1e-4)
    f2 = results.dimension("f2-problem-solving")
    assert f2.alpha is None
    assert f2.alpha_note == "Fewer than 5 respondents answered every statement."


def test_small_groups_are_suppressed_with_a_reason_and_no_numbers(results):
    groups = {g.group: g for g in results.dimension("f4-autonomy").groups}
    assert list(groups) == ["ld", "leadership", "staff"]
    assert groups["leadership"].suppressed is False
    assert groups["leadership"].n == 3
    assert groups["leadership"].score == pytest.approx(3.6944, abs=1e-4)
    assert groups["leadership"].level == 4
    for small in ("ld", "staff"):
        assert groups[small].suppressed is True
        assert (groups[small].n, groups[small].score, groups[small].level) == (None, None, None)
        assert groups[small].note.startswith("Fewer than 3 respondents")


def test_overall_strengths_and_gaps(results):
    assert results.overall.score_100 == pytest.approx(54.630, abs=1e-3)
    assert results.overall.score == pytest.approx(3.1852, abs=1e-4)
    assert results.overall.level == 3
    assert results.overall.level_label == "Developing"
    assert results.overall.n_dimensions == 3
    assert [s.code for s in results.strengths] == ["f1-learning-culture"]
    assert [g.code for g in results.gaps] == ["f4-autonomy"]


def test_obstacles_are_listed_most_serious_first(results):
    scored = [o for o in results.obstacles if o.score is not None]
    assert [o.code for o in scored] == ["obstacle-resources", "obstacle-mandate"]
    assert scored[0].score == 1.0
    assert scored[1].score == pytest.approx(3.3333, abs=1e-4)
    assert {o.kind for o in results.obstacles} == {"obstacle"}


def test_quadrant_balance_ignores_a_split_that_does_not_add_up(results):
    balance = results.quadrants
    assert (balance.n_respondents, balance.n_ignored) == (3, 1)
    first = balance.shares[0]
    assert first.quadrant == "individual_productive"
    assert (first.today, first.desired, first.shift) == pytest.approx((55.0, 32.5, -22.5))
    assert sum(share.today for share in balance.shares) == pytest.approx(100)


def test_capability_and_culture_gaps_are_ranked_largest_first(results):
    assert [(g.code, g.n, g.gap) for g in results.capability_gaps] == [("cap-curation", 4, 1.5)]
    assert results.capability_gaps[0].name == "Curating learning resources"
    openness = results.culture_gaps[0]
    assert (openness.code, openness.current, openness.target, openness.gap) == (
        "culture-openness", 2.5, 3.5, 1.0,
    )  # fmt: skip


def test_type_of_work_distribution_counts_dont_know_apart(results):
    work = results.type_of_work
    assert (work.n, work.n_dont_know) == (3, 1)
    shares = {option.code: option for option in work.options}
    assert shares["complex"].count == 2
    assert shares["complex"].share == pytest.approx(66.667, abs=1e-3)
    assert shares["known"].count == 0
    assert shares["complex"].label == "Complex work"


def test_response_counts_include_those_still_answering():
    results = assessment_results(build_scenario(anonymous=False).assessment)
    counts = {c.group: (c.invited, c.started, c.submitted) for c in results.responses}
    assert counts == {"ld": (1, 1, 1), "leadership": (4, 3, 3), "staff": (2, 2, 2)}


def test_an_anonymous_round_adds_up_the_counts_of_groups_too_small_to_show(results):
    # L&D (1 asked) may not be counted on its own, nor staff (2), or the total would give L&D
    # away: the two are added up; leadership (4 asked) keeps its own row.
    counts = {c.label: (c.invited, c.started, c.submitted) for c in results.responses}
    assert counts == {"Leadership team": (4, 3, 3), "Smaller groups together": (3, 3, 3)}


def test_results_round_trip_through_json(results):
    data = json.loads(json.dumps(results.as_dict(), allow_nan=False))
    assert AssessmentResults.from_dict(data) == results


def test_names_and_level_words_follow_the_active_language(scenario):
    with translation.override("nl"):
        results = assessment_results(scenario.assessment)
    f4 = results.dimension("f4-autonomy")
    assert results.language == "nl"
    assert f4.level_label == "Opkomend"
    assert f4.name == "Verantwoordelijkheid en autonomie dicht bij het werk"
    assert results.overall.level_label == "In ontwikkeling"


def test_an_assessment_without_answers_gives_empty_results():
    results = assessment_results(AssessmentFactory())
    assert results.n_respondents == 0
    assert not results.has_scores
    assert (results.withheld, results.needed) == (True, 3)
    assert results.overall.level is None
    assert results.strengths == results.gaps == ()
    assert results.quadrants.shares == ()
    assert results.type_of_work is None
    json.dumps(results.as_dict(), allow_nan=False)


def test_results_cost_the_same_number_of_queries_however_many_respond(
    django_assert_max_num_queries,
):
    assessment = AssessmentFactory()
    for _ in range(3):
        give_answers(SubmittedRespondentFactory(assessment=assessment), F1)
    with django_assert_max_num_queries(5) as few:
        assessment_results(assessment)
    for _ in range(30):
        give_answers(SubmittedRespondentFactory(assessment=assessment), F1)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assessment_results(assessment)


def test_a_consultants_own_framework_is_scored_the_same_way():
    from maturity.framework_files import FRAMEWORKS_DIR, load_framework
    from maturity.services import framework_import

    pulse = framework_import(load_framework(FRAMEWORKS_DIR / "examples/team-learning-pulse.yaml"))
    assessment = AssessmentFactory(framework_version=pulse.version)
    for value in (2, 4, 3):
        person = SubmittedRespondentFactory(assessment=assessment)
        give_answers(person, {"speak_1": value, "speak_2": value, "review_3": value})
    results = assessment_results(assessment)
    speaking = results.dimension("speaking-up")
    assert (speaking.kind, speaking.n, speaking.score) == ("custom", 3, 3.0)
    assert results.overall.n_dimensions == 1  # looking-back: 1 of 3 items is under half
    assert results.type_of_work is None
    assert results.quadrants.shares == ()
    json.dumps(results.as_dict(), allow_nan=False)
