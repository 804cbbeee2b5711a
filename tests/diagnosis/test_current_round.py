"""Which round is current: the most recent round that has results to show, decided in one place
(`diagnosis.selectors.assessment_current`) for the workspace, the strategy and the reports."""

import pytest
from django.utils import timezone

from diagnosis.models import AssessmentStatus
from diagnosis.selectors import (
    assessment_current,
    assessment_for_workspace,
    assessments_for_reports,
)
from tests.diagnosis.factories import AssessmentFactory, RespondentFactory
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def submitted(assessment, n: int = 1) -> None:
    for _ in range(n):
        RespondentFactory(assessment=assessment, submitted_at=timezone.now())


@pytest.fixture
def organisation():
    return OrganisationFactory()


@pytest.fixture
def closed_round(organisation):
    """A completed round: closed, with three submitted responses."""
    assessment = AssessmentFactory(
        organisation=organisation, title="Autumn round", status=AssessmentStatus.CLOSED
    )
    submitted(assessment, 3)
    return assessment


def test_an_organisation_without_rounds_has_no_current_round(organisation):
    assert assessment_current(organisation=organisation) is None
    rounds = assessments_for_reports(organisation=organisation)
    assert (rounds.current, rounds.previous, rounds.collecting) == (None, None, None)
    assert assessment_for_workspace(organisation=organisation) is None


def test_a_draft_and_an_open_round_without_submissions_are_not_current(organisation):
    draft = AssessmentFactory(organisation=organisation, status=AssessmentStatus.DRAFT)
    assert assessment_current(organisation=organisation) is None
    assert assessment_for_workspace(organisation=organisation) == draft  # for its dimensions

    opened = AssessmentFactory(organisation=organisation, status=AssessmentStatus.OPEN)
    RespondentFactory(assessment=opened, started_at=timezone.now())  # answering, not submitted
    assert assessment_current(organisation=organisation) is None
    assert assessments_for_reports(organisation=organisation).collecting == opened
    assert assessment_for_workspace(organisation=organisation) == opened


def test_a_newly_opened_round_does_not_replace_the_round_with_results(organisation, closed_round):
    newer = AssessmentFactory(organisation=organisation, title="Spring round")
    AssessmentFactory(organisation=organisation, status=AssessmentStatus.DRAFT)  # newest of all
    RespondentFactory(assessment=newer)  # invited, not submitted

    current = assessment_current(organisation=organisation)
    assert current == closed_round
    assert current.n_submitted == 3
    rounds = assessments_for_reports(organisation=organisation)
    assert (rounds.current, rounds.previous, rounds.collecting) == (closed_round, None, newer)
    assert assessment_for_workspace(organisation=organisation) == closed_round


def test_the_new_round_becomes_current_once_it_reaches_its_anonymity_threshold(
    organisation, closed_round
):
    newer = AssessmentFactory(organisation=organisation, title="Spring round")
    submitted(newer, 2)  # below k = 3: nothing of it may be shown yet
    assert assessment_current(organisation=organisation) == closed_round
    assert assessments_for_reports(organisation=organisation).collecting == newer

    submitted(newer)
    current = assessment_current(organisation=organisation)
    assert current == newer
    assert current.n_submitted == 3
    rounds = assessments_for_reports(organisation=organisation)
    assert (rounds.current, rounds.previous, rounds.collecting) == (newer, closed_round, None)
    assert assessment_for_workspace(organisation=organisation) == newer


def test_another_organisations_rounds_never_count(organisation, closed_round):
    elsewhere = AssessmentFactory(title="Someone else's round")
    submitted(elsewhere, 3)
    assert assessment_current(organisation=organisation) == closed_round
    assert assessment_current(organisation=elsewhere.organisation) == elsewhere


def test_finding_the_rounds_costs_one_query_however_many_there_are(
    organisation, closed_round, django_assert_num_queries
):
    for _ in range(4):
        submitted(AssessmentFactory(organisation=organisation, status=AssessmentStatus.CLOSED), 2)
    AssessmentFactory(organisation=organisation)
    with django_assert_num_queries(1):
        rounds = assessments_for_reports(organisation=organisation)
        assert rounds.current.framework_version.framework.code
    with django_assert_num_queries(1):
        assessment_current(organisation=organisation)
    with django_assert_num_queries(1):
        assessment_for_workspace(organisation=organisation)
