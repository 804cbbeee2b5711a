"""Results of a round on a framework of its own: a 7-point scale, weights, blocks and norms.
The hand-computed values are in tests/diagnosis/instrument_scenario.py."""

import json

import pytest
from django.urls import reverse
from django.utils import translation

from diagnosis.changes import assessment_change
from diagnosis.result_types import AssessmentResults
from diagnosis.results import assessment_results
from organisations.models import Role
from tests.diagnosis.factories import AssessmentFactory, SubmittedRespondentFactory, give_answers
from tests.diagnosis.instrument_scenario import (
    DIALOGUE,
    DIALOGUE_100,
    EXPERIMENT,
    EXPERIMENT_100,
    OVERALL,
    OVERALL_100,
    PEOPLE_100,
    SUPPORT,
    SUPPORT_100,
    build_instrument_round,
)
from tests.diagnosis.results_scenario import F1
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def instrument():
    return build_instrument_round()


@pytest.fixture
def results(instrument) -> AssessmentResults:
    with translation.override("en"):
        return assessment_results(instrument.assessment)


def test_dimension_scores_are_weighted_means_on_the_seven_point_scale(results):
    dialogue, experiment, support = results.dimensions
    assert (dialogue.code, experiment.code, support.code) == ("dialogue", "experiment", "support")
    assert dialogue.score == pytest.approx(DIALOGUE)
    assert dialogue.score_100 == pytest.approx(DIALOGUE_100)
    assert (dialogue.level, dialogue.level_label) == (4, "Established")
    assert experiment.score == pytest.approx(EXPERIMENT)
    assert experiment.score_100 == pytest.approx(EXPERIMENT_100)
    assert support.score == pytest.approx(SUPPORT)
    assert support.score_100 == pytest.approx(SUPPORT_100)
    assert support.level == 3
    assert (support.scale_min, support.scale_max, support.out_of) == (1.0, 7.0, 7)
    assert (support.weight, support.block) == (2.0, "leaders")


def test_a_cant_say_answer_is_left_out_like_dont_know(results):
    experiment = results.dimension("experiment")
    # r1 answered e1 only (5): 1 of 2 items is enough, and the 0 of "can't say" is not scored
    assert experiment.n == 3
    assert experiment.score == pytest.approx((5 + 3.5 + 5.5) / 3)


def test_the_overall_score_weighs_support_twice_and_reads_out_of_seven(results):
    overall = results.overall
    assert overall.score_100 == pytest.approx(OVERALL_100)
    assert overall.score == pytest.approx(OVERALL)
    assert (overall.scale_min, overall.scale_max, overall.out_of) == (1.0, 7.0, 7)
    assert overall.shown_score == pytest.approx(OVERALL)
    assert overall.level == 4
    assert overall.n_dimensions == 3


def test_blocks_average_their_dimensions_on_0_to_100(results):
    people, leaders = results.blocks
    assert (people.code, people.name) == ("people", "Learning together")
    assert people.dimensions == ("dialogue", "experiment")
    assert people.n_dimensions == 2
    assert people.score_100 == pytest.approx(PEOPLE_100)
    assert people.score == pytest.approx(46 / 9)  # on 1..7
    assert (people.level, people.level_label, people.out_of) == (4, "Established", 7)
    assert leaders.dimensions == ("support",)
    assert leaders.score_100 == pytest.approx(SUPPORT_100)
    assert leaders.level == 3
    groups = [
        (block.code if block else None, [d.code for d in dims])
        for block, dims in results.block_groups
    ]
    assert groups == [("people", ["dialogue", "experiment"]), ("leaders", ["support"])]


def test_each_dimension_carries_its_norms_and_where_the_organisation_falls(results):
    (dialogue,), (experiment,), (support,) = (d.norms for d in results.dimensions)
    assert dialogue.label == "Learning climate study (2021)"
    assert (dialogue.q1, dialogue.median, dialogue.q3, dialogue.n) == (4.5, 5.2, 5.9, 900)
    assert dialogue.median_100 == pytest.approx((5.2 - 1) / 6 * 100)
    assert [norm.position for norm in (dialogue, experiment, support)] == [
        "between", "above", "below",
    ]  # fmt: skip
    assert support.position_label == "Below the first quartile"
    (source,) = results.norm_sources
    assert source.label == "Learning climate study (2021)"
    assert [d.code for d, _norm in source.rows] == ["dialogue", "experiment", "support"]


def test_the_results_survive_a_round_trip_through_json(results):
    data = json.loads(json.dumps(results.as_dict(), allow_nan=False))
    again = AssessmentResults.from_dict(data)
    assert again == results
    assert again.blocks[0].dimensions == ("dialogue", "experiment")
    assert again.dimension("support").norms[0].position == "below"


def test_a_snapshot_from_before_blocks_and_norms_reads_as_the_default_scale(results):
    data = results.as_dict()
    del data["blocks"]
    for key in ("scale_min", "scale_max"):
        del data["overall"][key]
    for dimension in data["dimensions"]:
        for key in ("scale_min", "scale_max", "weight", "block", "norms"):
            del dimension[key]
    old = AssessmentResults.from_dict(data)
    assert old.blocks == ()
    assert old.overall.out_of == 5
    assert old.dimensions[0].norms == ()


def test_the_change_between_two_rounds_weighs_the_dimensions(instrument):
    later = AssessmentFactory(
        organisation=instrument.assessment.organisation, framework_version=instrument.version
    )
    for _ in range(3):  # everyone agrees fully, reverse items disagree fully: 100 everywhere
        person = SubmittedRespondentFactory(assessment=later)
        give_answers(person, {"d1": 7, "d2": 1, "e1": 7, "e2": 7, "s1": 7, "s2": 1})
    change = assessment_change(instrument.assessment, later)
    assert change.overall_before == pytest.approx(OVERALL_100)
    assert change.overall_after == pytest.approx(100.0)
    support = next(d for d in change.dimensions if d.code == "support")
    assert support.delta == pytest.approx(7 - SUPPORT)  # on the 1..7 scale


# --- the results page ------------------------------------------------------------------------


def results_page(client, instrument, language="en") -> str:
    client.force_login(
        MembershipFactory(organisation=instrument.assessment.organisation, role=Role.OWNER).user
    )
    url = reverse(
        "workspace_results",
        args=[instrument.assessment.organisation.slug, instrument.assessment.pk],
    )
    return client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()


@pytest.fixture
def page(client, instrument):
    return results_page(client, instrument)


def test_the_results_page_shows_blocks_as_a_level_above_their_dimensions(page):
    assert "data-blocks" in page
    page = page[page.index("data-blocks") :]
    people = page.index("Learning together")
    assert people < page.index("Dialogue and inquiry") < page.index("Room to experiment")
    leaders = page.index("Leadership that supports learning")
    assert page.index("Room to experiment") < leaders < page.index("Support from leaders")
    assert "5.11" in page  # the people block, 46/9 on 1..7


def test_the_results_page_shows_scores_out_of_seven(page):
    assert "4.81" in page  # the overall score on 1..7
    assert "/ 7" in page
    assert "/ 5" not in page


def test_the_results_page_sets_the_organisation_against_the_norms_with_their_source(page):
    assert "Learning climate study (2021)" in page
    assert "Below the first quartile" in page
    assert "Above the third quartile" in page
    assert "Between the first and third quartile" in page


def test_the_results_page_speaks_dutch_about_blocks_and_norms(client, instrument):
    page = results_page(client, instrument, "nl")
    assert "Samen leren" in page
    assert "Vergeleken met gepubliceerde normen" in page
    assert "Onder het eerste kwartiel" in page
    assert "Blok: het gemiddelde van 2 dimensies." in page


def test_the_default_frameworks_results_page_shows_neither_blocks_nor_norms(client):
    assessment = AssessmentFactory()
    for _ in range(3):
        give_answers(SubmittedRespondentFactory(assessment=assessment), F1)
    client.force_login(
        MembershipFactory(organisation=assessment.organisation, role=Role.OWNER).user
    )
    url = reverse("workspace_results", args=[assessment.organisation.slug, assessment.pk])
    page = client.get(url).content.decode()
    assert "/ 5" in page
    assert "data-blocks" not in page
    assert "data-norms" not in page
