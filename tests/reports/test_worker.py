"""Regeneration through the real Celery worker and Redis started by `make test`."""

import pytest
from django.urls import reverse

from reports.models import ReportSnapshot
from tests.reports.factories import answered_assessment
from tests.reports.helpers import a_feature_answer, expected_overall, wait_until_current

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_changing_an_answer_produces_a_snapshot_the_dashboard_shows(
    celery_worker_process, client, default_framework, viewer
):
    assessment = answered_assessment(viewer.organisation, respondents=4)
    before = wait_until_current(viewer.organisation)

    answer = a_feature_answer(assessment)
    answer.value = 1 if answer.value != 1 else 5
    answer.save()

    after = wait_until_current(viewer.organisation)
    assert after.data_version > before.data_version
    overall = after.scores["results"]["overall"]["score"]
    assert overall == pytest.approx(expected_overall(assessment))
    assert overall != pytest.approx(before.scores["results"]["overall"]["score"])
    client.force_login(viewer.user)
    response = client.get(reverse("dashboard", args=[viewer.organisation.slug]))
    assert response.context["snapshot"].pk == after.pk
    summary = next(c["summary"] for c in after.figures["en"] if c["key"] == "overall")
    assert summary.startswith("Overall maturity is")
    assert summary in response.text


def test_a_hundred_quick_edits_cost_at_most_two_regenerations(
    celery_worker_process, default_framework, viewer
):
    assessment = answered_assessment(viewer.organisation, respondents=4)
    wait_until_current(viewer.organisation)
    newest_before = ReportSnapshot.objects.order_by("-pk").values_list("pk", flat=True).first()

    answer = a_feature_answer(assessment)
    for edit in range(100):
        answer.value = edit % 5 + 1
        answer.save()  # each save commits on its own

    final = wait_until_current(viewer.organisation)
    runs = ReportSnapshot.objects.filter(organisation=viewer.organisation, pk__gt=newest_before)
    assert 1 <= runs.count() <= 2
    assert final.scores["results"]["overall"]["score"] == pytest.approx(
        expected_overall(assessment)
    )
