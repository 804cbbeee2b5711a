"""The demo data of the diagnosis stage."""

import pytest

from diagnosis.answers import points_problems
from diagnosis.models import Answer, Assessment, AssessmentStatus, Respondent, TextAnswer
from diagnosis.services import response_rates
from organisations.demo import HARBOUR, NORTHWIND, seed_demo_organisations

pytestmark = pytest.mark.django_db


def snapshot() -> tuple:
    return (
        list(Assessment.objects.order_by("pk").values_list("title", "status", "opened_at")),
        list(
            Respondent.objects.order_by("pk").values_list(
                "person__name", "group", "submitted_at", "token_hash"
            )
        ),
        list(Answer.objects.order_by("pk").values_list("respondent", "item", "value", "target")),
        list(TextAnswer.objects.order_by("pk").values_list("respondent", "text")),
    )


@pytest.fixture
def seeded(default_framework):
    from diagnosis.demo import seed_demo

    seed_demo_organisations()
    seed_demo()
    return seed_demo


def test_seeding_twice_changes_nothing(seeded):
    before = snapshot()
    seeded()
    assert snapshot() == before


def test_northwind_has_an_open_round_with_answers_and_a_closed_one_before_it(seeded):
    open_round = Assessment.objects.get(organisation__slug=NORTHWIND, status=AssessmentStatus.OPEN)
    closed = Assessment.objects.get(organisation__slug=NORTHWIND, status=AssessmentStatus.CLOSED)
    assert closed.created_at < open_round.created_at
    assert closed.framework_version.framework.code == "ld-strategy"
    overall, groups = response_rates(open_round)
    assert (overall.submitted, overall.asked, overall.in_progress) == (6, 8, 1)
    assert {rate.group for rate in groups if rate.asked} == {"ld", "leadership", "staff"}
    members = set(
        open_round.respondents.filter(person__user__isnull=False).values_list(
            "person__user__username", flat=True
        )
    )
    assert members == {"lnd.leader", "ceo", "coo", "hr.director"}
    for respondent in open_round.respondents.filter(submitted_at__isnull=False):
        assert points_problems(respondent) == []  # every submitted split adds up to 100
        assert respondent.text_answers.count() == 5
    halfway = open_round.respondents.get(started_at__isnull=False, submitted_at__isnull=True)
    assert 0 < halfway.answers.count() < 20


def test_leaders_and_staff_disagree_about_supportive_leadership(seeded):
    open_round = Assessment.objects.get(organisation__slug=NORTHWIND, status=AssessmentStatus.OPEN)
    f5 = Answer.objects.filter(
        respondent__assessment=open_round,
        item__dimension__code="f5-supportive-leadership",
        item__reverse=False,
        value__isnull=False,
    )
    leaders = f5.filter(respondent__group="leadership").values_list("value", flat=True)
    staff = f5.filter(respondent__group="staff").values_list("value", flat=True)
    assert sum(leaders) / len(leaders) - sum(staff) / len(staff) >= 2


def test_harbour_health_has_an_open_round_with_a_few_answers(seeded):
    harbour = Assessment.objects.get(organisation__slug=HARBOUR)
    assert harbour.is_open
    assert Answer.objects.filter(respondent__assessment=harbour).exists()


def test_the_demo_shows_a_named_and_an_anonymous_round(seeded):
    rounds = dict(
        Assessment.objects.filter(organisation__slug=NORTHWIND).values_list("status", "anonymous")
    )
    assert rounds == {AssessmentStatus.CLOSED: False, AssessmentStatus.OPEN: True}
