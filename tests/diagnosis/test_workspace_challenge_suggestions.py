"""Suggested key challenges: a pure function over assessment results."""

from dataclasses import replace

import pytest
from django.utils import translation

from diagnosis.challenges import suggest_challenges
from diagnosis.models import Priority
from diagnosis.result_types import (
    AssessmentResults,
    DimensionResult,
    OverallResult,
    QuadrantBalance,
    RankedDimension,
)
from diagnosis.results import assessment_results
from tests.diagnosis.results_scenario import build_scenario


def dimension(code, score_100, *, kind="feature", level=None, **flags) -> DimensionResult:
    level = level or min(5, 1 + int(score_100 // 20))
    values = {
        "code": code, "kind": kind, "name": code.title(), "description": "",
        "n": 5, "score": 1 + score_100 / 25, "score_100": score_100, "level": level,
        "level_label": f"Label {level}", "level_descriptor": f"Descriptor of {code} at {level}.",
        "sd": 0.5, "rwg_j": 0.9, "no_agreement": False, "agreement_note": "",
        "leadership_rwg_j": None, "leadership_no_agreement": None, "alpha": None,
        "alpha_note": "", "groups": (),
    }  # fmt: skip
    return DimensionResult(**(values | flags))


def ranked(dimensions, rank=1):
    d = dimensions
    return RankedDimension(rank, d.code, d.name, d.score, d.score_100, d.level, d.level_label)


@pytest.fixture
def results(db):
    with translation.override("en"):
        return assessment_results(build_scenario().assessment)


def test_the_scenario_suggests_disagreements_first_then_serious_obstacles(results):
    suggestions = suggest_challenges(results)
    assert [s.key for s in suggestions] == [
        "leadership-disagrees:f2-problem-solving",
        "no-agreement:f4-autonomy",
        "obstacle:obstacle-resources",
    ]
    first = suggestions[0]
    assert (
        first.title
        == "The leadership team does not agree on “Focus on problem solving and performance”"
    )
    assert "level 3: Developing" in first.description
    assert first.dimension_codes == ("f2-problem-solving",)
    assert first.priority == Priority.HIGH
    assert suggestions[2].title.startswith("“Resources” holds the learning strategy back (level 1")
    assert suggestions[2].description.startswith("There is hardly any budget or time")


def test_a_dimension_already_covered_by_a_challenge_is_not_suggested_again(results):
    keys = [s.key for s in suggest_challenges(results, covered={"f2-problem-solving"})]
    assert "leadership-disagrees:f2-problem-solving" not in keys
    assert keys[0] == "no-agreement:f4-autonomy"


def test_the_weakest_features_are_suggested_with_their_level_descriptor(results_without_db):
    suggestions = suggest_challenges(results_without_db)
    weakest = suggestions[0]
    assert weakest.key == "weakest:autonomy"
    assert weakest.title == "“Autonomy” is the weakest feature (level 2: Label 2)"
    assert weakest.description == "Descriptor of autonomy at 2."
    assert weakest.priority == Priority.HIGH
    assert suggestions[1].title == "“Feedback” is among the weakest features (level 3: Label 3)"
    assert suggestions[1].priority == Priority.MEDIUM


def test_on_a_framework_of_its_own_the_weakest_are_called_dimensions(results_without_db):
    own = replace(results_without_db, framework={"code": "team-climate", "default": False})
    titles = [s.title for s in suggest_challenges(own)]
    assert titles[:2] == [
        "“Autonomy” is the weakest dimension (level 2: Label 2)",
        "“Feedback” is among the weakest dimensions (level 3: Label 3)",
    ]


def test_disagreement_outranks_weakness_and_each_dimension_is_suggested_once(
    results_without_db,
):
    autonomy = replace(results_without_db.dimensions[0], rwg_j=0.2, no_agreement=True)
    results = replace(results_without_db, dimensions=(autonomy, *results_without_db.dimensions[1:]))
    keys = [s.key for s in suggest_challenges(results)]
    assert keys == ["no-agreement:autonomy", "weakest:feedback"]


def test_suggestions_are_capped(results_without_db):
    assert len(suggest_challenges(results_without_db, limit=1)) == 1


def test_nothing_is_suggested_without_scores(results_without_db):
    empty = replace(results_without_db, dimensions=(), obstacles=(), gaps=(), strengths=())
    assert suggest_challenges(empty) == []


@pytest.fixture
def results_without_db():
    """Hand-made results: two weak features, one strong, no disagreement, no serious obstacle."""
    autonomy = dimension("autonomy", 30)
    feedback = dimension("feedback", 45)
    culture = dimension("culture", 85)
    mandate = dimension("mandate", 70, kind="obstacle")
    return AssessmentResults(
        assessment_id=1, title="Round", organisation_id=1, framework_version_id=1,
        language="en", anonymous=True, min_group_size=3, include_in_progress=False,
        n_respondents=5, responses=(), overall=OverallResult(3.1, 53.3, 3, "Label 3", 3),
        dimensions=(autonomy, feedback, culture), obstacles=(mandate,),
        strengths=(ranked(culture),), gaps=(ranked(autonomy), ranked(feedback, 2)),
        quadrants=QuadrantBalance((), 0, 0), capability_gaps=(), culture_gaps=(),
        type_of_work=None,
    )  # fmt: skip
