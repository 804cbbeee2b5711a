"""The exports page, the downloads and asking for fresh documents."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from organisations.models import Role
from reports.exports import services
from reports.models import ReportSnapshot
from reports.services import snapshot_build
from reports.versioning import bump_data_version
from tests.factories import MembershipFactory
from tests.reports.export_helpers import fake_content, stored_documents
from tests.reports.factories import answered_assessment

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_and_cache(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def consultant(viewer):
    return MembershipFactory(organisation=viewer.organisation, role=Role.CONSULTANT)


def test_the_page_says_when_the_data_changed_and_each_document_was_built(client, consultant):
    organisation = consultant.organisation
    bump_data_version(organisation.pk)
    stored_documents(organisation)
    client.force_login(consultant.user)
    response = client.get(reverse("exports", args=[organisation.slug]))
    assert response.status_code == 200
    text = response.text
    assert text.count("Built ") == 8
    assert "The data last changed on " in text
    assert "the Dutch ones separate columns with a semicolon" in text  # the CSV choice, said
    assert "version" not in re.sub(r"<[^>]+>", " ", text).lower()  # no internal number
    assert text.count('badge text-bg-success">current') == 8
    assert "Every document is up to date." in text
    for kind in ("pdf", "xlsx", "csv-scores", "csv-actions"):
        assert f'data-kind="{kind}"' in text
    assert reverse("export_file", args=[organisation.slug, "xlsx", "nl"]) in text
    assert "Rebuild the documents" in text


def test_viewers_see_the_pdf_but_not_the_spreadsheets(client, viewer):
    stored_documents(viewer.organisation)
    client.force_login(viewer.user)
    text = client.get(reverse("exports", args=[viewer.organisation.slug])).text
    assert 'data-kind="pdf"' in text
    assert 'data-kind="xlsx"' not in text
    assert 'data-kind="csv-scores"' not in text
    assert "Rebuild" not in text


@pytest.mark.exports
def test_documents_older_than_the_data_are_marked_and_polled_until_rebuilt(client, consultant):
    organisation = consultant.organisation
    stored_documents(organisation, version=0)
    bump_data_version(organisation.pk)
    client.force_login(consultant.user)
    response = client.get(reverse("exports_status", args=[organisation.slug]))
    assert response.text.count("out of date") == 8
    assert "Some documents are older than the data." in response.text
    assert 'hx-trigger="every 3000ms"' in response.text
    assert "Rebuild the out-of-date documents" in response.text


def test_without_automatic_exports_missing_documents_are_polled_slowly(client, consultant):
    client.force_login(consultant.user)
    response = client.get(reverse("exports_status", args=[consultant.organisation.slug]))
    assert "Some documents have not been built yet." in response.text
    assert 'hx-trigger="every 30000ms"' in response.text
    assert "Build the missing documents" in response.text


def test_downloading_streams_the_stored_file_with_its_name_and_type(client, viewer, consultant):
    organisation = viewer.organisation
    snapshot = stored_documents(organisation)
    client.force_login(viewer.user)
    response = client.get(reverse("export_pdf", args=[organisation.slug, "nl"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    name = snapshot.files["pdf-nl"]["name"]
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'
    assert b"".join(response.streaming_content) == fake_content("pdf", "nl", 0)
    client.force_login(consultant.user)
    response = client.get(reverse("export_file", args=[organisation.slug, "csv-actions", "en"]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert b"".join(response.streaming_content) == fake_content("csv-actions", "en", 0)
    assert response["Cache-Control"] == "private, no-store"


def test_a_document_not_built_yet_sends_people_to_the_exports_page(client, viewer):
    client.force_login(viewer.user)
    url = reverse("export_pdf", args=[viewer.organisation.slug, "en"])
    response = client.get(url, follow=True)
    assert response.redirect_chain == [(reverse("exports", args=[viewer.organisation.slug]), 302)]
    assert "This document is not ready yet." in response.text


@pytest.mark.parametrize(
    ("name", "args"),
    [("export_pdf", ["xx"]), ("export_file", ["pdf", "en"]), ("export_file", ["answers", "en"])],
)
def test_unknown_documents_and_languages_are_not_found(client, consultant, name, args):
    stored_documents(consultant.organisation)
    client.force_login(consultant.user)
    response = client.get(reverse(name, args=[consultant.organisation.slug, *args]))
    assert response.status_code == 404


def test_asking_for_fresh_documents_of_current_figures_enqueues_their_export(
    client, consultant, default_framework, django_capture_on_commit_callbacks
):
    organisation = consultant.organisation
    answered_assessment(organisation, respondents=3)
    snapshot_build(organisation)
    client.force_login(consultant.user)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(
            reverse("exports_regenerate", args=[organisation.slug]), headers={"HX-Request": "true"}
        )
    assert response.status_code == 200
    assert "Documents are being built" in response.text
    assert len(callbacks) == 1  # the export task, forced, for the requesting consultant
    assert services.is_pending(organisation.pk)


def test_asking_for_fresh_documents_of_stale_figures_rebuilds_the_figures_first(
    client, consultant, default_framework
):
    organisation = consultant.organisation
    answered_assessment(organisation, respondents=3)
    before = ReportSnapshot.objects.filter(organisation=organisation).count()
    client.force_login(consultant.user)
    response = client.post(reverse("exports_regenerate", args=[organisation.slug]))
    assert response.status_code == 302
    assert ReportSnapshot.objects.filter(organisation=organisation).count() == before + 1


def test_the_exports_page_query_count_does_not_grow_with_documents(
    client, consultant, django_assert_max_num_queries
):
    organisation = consultant.organisation
    stored_documents(organisation, version=0, kinds=["pdf"])
    client.force_login(consultant.user)
    url = reverse("exports", args=[organisation.slug])
    with django_assert_max_num_queries(8) as small:
        client.get(url)
    for version in (1, 2, 3):
        stored_documents(organisation, version=version)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url)


def test_the_dashboard_offers_the_report_download(client, built_dashboard, viewer):
    organisation, _snapshot = built_dashboard
    client.force_login(viewer.user)
    text = client.get(reverse("dashboard", args=[organisation.slug])).text
    assert f'href="{reverse("export_pdf", args=[organisation.slug, "en"])}"' in text
    assert "Download report" in text
