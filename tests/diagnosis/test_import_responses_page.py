"""The "Import responses" page: the same import as the command, for owners and consultants."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from diagnosis.models import Answer, Assessment, AssessmentStatus, Respondent, TextAnswer
from maturity.models import Framework, FrameworkVersion
from maturity.shipped import shipped_default_framework
from organisations.models import Role
from tests.diagnosis.factories import AssessmentFactory
from tests.diagnosis.import_samples import good, onboarding_check, rows, worked_responses
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner():
    return MembershipFactory(organisation=OrganisationFactory(slug="acme"), role=Role.OWNER)


@pytest.fixture
def onboarding(owner):
    return onboarding_check(owner.organisation)


def url() -> str:
    return reverse("responses_import", args=["acme"])


def upload(content: str | bytes, name: str = "answers.csv") -> SimpleUploadedFile:
    data = content.encode("utf-8") if isinstance(content, str) else content
    return SimpleUploadedFile(name, data, content_type="text/csv")


def post(client, version, content, name="Onboarding survey 2025", filename="answers.csv"):
    return client.post(
        url(),
        {"framework_version": version.pk, "name": name, "file": upload(content, filename)},
    )


def test_the_page_offers_the_organisations_frameworks_and_no_other(client, owner, onboarding):
    foreign = onboarding_check(OrganisationFactory())
    client.force_login(owner.user)

    response = client.get(url())

    choices = response.context["form"].fields["framework_version"].queryset
    assert onboarding in choices
    assert foreign not in choices
    assert 'name="file"' in response.content.decode()


def test_a_good_file_becomes_a_closed_round_and_leads_to_its_page(client, owner, onboarding):
    client.force_login(owner.user)

    response = post(client, onboarding, worked_responses())

    assessment = Assessment.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("assessment_detail", args=["acme", assessment.pk])
    assert assessment.status == AssessmentStatus.CLOSED
    assert assessment.created_by == owner.user
    assert assessment.respondents.filter(submitted_at__isnull=False).count() == 4
    assert Answer.objects.count() == 33
    assert TextAnswer.objects.count() == 2
    page = client.get(response.url).content.decode()
    assert "Imported 4 responses into the closed round “Onboarding survey 2025”." in page
    assert "4 responses were imported from a file." in page


def test_the_round_page_counts_imported_responses_and_lists_no_one_for_them(
    client, owner, onboarding
):
    client.force_login(owner.user)
    post(client, onboarding, worked_responses())
    assessment = Assessment.objects.get()
    person = owner.organisation.people.create(name="Noor Visser", email="noor@example.org")
    Respondent.objects.create(
        organisation=owner.organisation, assessment=assessment, person=person, group="staff"
    )

    page = client.get(reverse("assessment_detail", args=["acme", assessment.pk])).content.decode()

    assert "4 responses were imported from a file." in page
    assert "Noor Visser" in page
    assert "Imported respondent" not in page


def test_an_imported_response_has_no_link_to_withdraw(client, owner, onboarding):
    client.force_login(owner.user)
    post(client, onboarding, worked_responses())
    respondent = Respondent.objects.first()

    response = client.post(
        reverse("respondent_revoke", args=["acme", respondent.assessment_id, respondent.pk]),
        follow=True,
    )

    assert "This response was imported from a file" in response.content.decode()
    respondent.refresh_from_db()
    assert respondent.revoked_at is None


def test_fewer_responses_than_the_threshold_are_imported_with_a_warning(client, owner, onboarding):
    client.force_login(owner.user)

    response = post(
        client,
        onboarding,
        rows(good(1), good(2)),
    )

    page = client.get(response.url).content.decode()
    assert "Imported 2 responses" in page
    assert "1 more response is needed before results are shown." in page


def test_a_file_with_problems_is_shown_again_with_them_and_nothing_is_kept(
    client, owner, onboarding
):
    client.force_login(owner.user)
    bad = rows(good(1).replace(",4,2,", ",7,2,", 1), good(2).replace(",leadership,", ",sales,"))

    response = post(client, onboarding, bad)

    assert response.status_code == 200
    page = response.content.decode()
    assert "The file has 2 problems, listed below. Nothing was imported." in page
    problems = response.context["problems"]
    assert [(p.line, p.path) for p in problems] == [(2, "support_1"), (3, "group")]
    assert problems[0].message.startswith('7 is not a point of the scale "likert5"')
    assert '<th scope="col">Row</th>' in page
    assert '<th scope="col">Column</th>' in page
    assert "<code>support_1</code>" in page
    assert not Assessment.objects.exists()
    assert not Respondent.objects.exists()


def test_a_whole_file_problem_is_shown_in_the_table(client, owner, onboarding):
    client.force_login(owner.user)

    response = post(client, onboarding, b"respondent,support_1\n")

    page = response.content.decode()
    assert "the file has no respondents: it holds only its heading row" in page
    assert "the whole file" in page


def test_the_table_lists_50_problems_and_counts_the_rest(client, owner, onboarding):
    client.force_login(owner.user)
    bad = rows(*(good(n).replace(",4,2,", ",7,2,", 1) for n in range(60)))

    response = post(client, onboarding, bad)

    assert len(response.context["problems"]) == 50
    assert "… and 10 more problems." in response.content.decode()


def test_only_csv_and_xlsx_files_are_taken(client, owner, onboarding):
    client.force_login(owner.user)

    response = post(client, onboarding, worked_responses(), filename="answers.ods")

    assert "Choose a .csv or .xlsx file; answers.ods is neither." in response.content.decode()
    assert not Assessment.objects.exists()


def test_a_file_over_the_limit_is_refused_with_its_size(client, owner, onboarding):
    client.force_login(owner.user)

    response = post(client, onboarding, b"respondent,support_1\n" + b"R,4\n" * 1_400_000)

    page = response.content.decode()
    assert "response files may be at most 5.0" in page
    assert "the file is 5,600,021 bytes" in page
    assert not Assessment.objects.exists()


def test_a_name_already_used_is_refused_at_the_name(client, owner, onboarding):
    AssessmentFactory(organisation=owner.organisation, title="Survey 2025")
    client.force_login(owner.user)

    response = post(client, onboarding, worked_responses(), name="survey 2025")

    assert response.context["form"].errors["name"] == [
        "This organisation already has a round called “survey 2025”; choose another name."
    ]
    assert Assessment.objects.count() == 1


def test_another_organisations_framework_version_is_not_a_choice(client, owner, onboarding):
    foreign = onboarding_check(OrganisationFactory())
    client.force_login(owner.user)

    response = post(client, foreign, worked_responses())

    assert response.status_code == 200
    assert "framework_version" in response.context["form"].errors
    assert not Assessment.objects.exists()


def test_a_consultant_may_import_too(client, owner, onboarding):
    consultant = MembershipFactory(organisation=owner.organisation, role=Role.CONSULTANT)
    client.force_login(consultant.user)

    response = post(client, onboarding, worked_responses())

    assert response.status_code == 302
    assert Assessment.objects.get().created_by == consultant.user


def test_the_default_framework_not_stored_yet_is_offered_and_stored_only_with_the_import(
    client, owner
):
    client.force_login(owner.user)
    good_file = "respondent,f1_1\nA,4\n"

    shown = client.get(url()).content.decode()
    refused = client.post(url(), {"name": "R", "file": upload("respondent,f1_1\nA,6\n")})

    shipped = shipped_default_framework()
    assert f"{escape(shipped.title['en'])} (v{shipped.version})" in shown
    assert refused.status_code == 200
    assert not Framework.objects.filter(code="ld-strategy").exists()
    imported = client.post(url(), {"name": "R", "file": upload(good_file)})
    assert imported.status_code == 302
    assessment = Assessment.objects.get()
    assert assessment.framework_version.framework.code == "ld-strategy"
    assert FrameworkVersion.objects.filter(framework__code="ld-strategy").count() == 1


def test_the_diagnosis_page_links_to_the_import(client, owner, onboarding):
    client.force_login(owner.user)

    empty = client.get(reverse("diagnosis_index", args=["acme"])).content.decode()
    AssessmentFactory(organisation=owner.organisation)
    listed = client.get(reverse("diagnosis_index", args=["acme"])).content.decode()

    assert url() in empty
    assert url() in listed


def test_a_leader_sees_no_link_to_the_import(client, owner, onboarding):
    leader = MembershipFactory(organisation=owner.organisation, role=Role.LEADER)
    AssessmentFactory(organisation=owner.organisation)
    client.force_login(leader.user)

    page = client.get(reverse("diagnosis_index", args=["acme"])).content.decode()

    assert url() not in page
    assert client.get(url()).status_code == 403


def test_the_results_and_perspectives_of_an_imported_round_are_shown_like_any_other(
    client, owner, onboarding
):
    client.force_login(owner.user)
    post(client, onboarding, worked_responses())
    assessment = Assessment.objects.get()

    results = client.get(reverse("workspace_results", args=["acme", assessment.pk]))
    perspectives = client.get(reverse("workspace_perspectives", args=["acme", assessment.pk]))

    assert results.status_code == 200
    assert results.context["results"].n_respondents == 4
    page = perspectives.content.decode()
    assert "Shadowing a colleague for a week." in page
    assert "Respondent " in page
    assert "R-1003" not in page
    assert "Imported respondent" not in page


def test_below_the_threshold_an_imported_round_quotes_nothing(client, owner, onboarding):
    client.force_login(owner.user)
    post(client, onboarding, rows(good(1), good(2)))
    assessment = Assessment.objects.get()

    page = client.get(reverse("workspace_perspectives", args=["acme", assessment.pk]))

    assert TextAnswer.objects.filter(text="Shadowing").count() == 2
    assert "Shadowing" not in page.content.decode()
