"""Opening a new round: the dashboard, the coherence check, the workspace and the PDF go on
describing the same round (the most recent one with results), and switch together once the new
round has results."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from diagnosis.models import AssessmentStatus
from organisations.models import Role
from reports.exports.document import report_context
from reports.exports.pdf import build_pdf
from reports.services import snapshot_build
from tests.diagnosis.factories import AssessmentFactory, RespondentFactory
from tests.factories import MembershipFactory
from tests.reports.export_factories import pdf_text
from tests.reports.factories import answer_everything, answered_assessment

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(default_framework):
    return MembershipFactory(role=Role.OWNER)


@pytest.fixture
def completed_round(owner):
    """A closed round with four submitted responses and its snapshot."""
    assessment = answered_assessment(owner.organisation, respondents=4)
    assessment.title = "Autumn round"
    assessment.status = AssessmentStatus.CLOSED
    assessment.save()
    snapshot_build(owner.organisation)
    return assessment


@pytest.fixture
def new_round(owner, completed_round):
    """A newer round, just opened: three people invited, nobody has submitted."""
    assessment = AssessmentFactory(organisation=owner.organisation, title="Spring round")
    RespondentFactory.create_batch(3, assessment=assessment)
    return assessment


def described_rounds(client, owner) -> dict:
    """Which round each place describes, as (title, id), after building the snapshot."""
    organisation = owner.organisation
    snapshot = snapshot_build(organisation)
    client.force_login(owner.user)
    slug = organisation.slug

    dashboard = client.get(reverse("dashboard", args=[slug])).text
    headline = re.search(r">\s*([^<>]*?) · (\d+) submitted responses", dashboard)

    coherence = client.get(reverse("coherence_check", args=[slug])).text
    coherence_round = re.search(
        r'id="coherence-round">.*?href="[^"]*/(\d+)/[^"]*">“([^”]*)”', coherence, re.S
    )

    workspace = client.get(reverse("workspace_gaps", args=[slug])).text
    workspace_round = re.search(r'href="[^"]*/(\d+)/results/"', workspace)

    with translation.override("en"):
        document = report_context(snapshot, "en", {})
    return {
        "dashboard": (headline[1], int(snapshot.scores["assessment"]["id"])),
        "coherence": (coherence_round[2], int(coherence_round[1])),
        "workspace": int(workspace_round[1]),  # its links lead to that round's results
        "pdf": (document["assessment"]["title"], document["assessment"]["id"]),
        "responses": int(headline[2]),
        "pdf_responses": document["summary"]["n_respondents"],
        "dashboard_text": dashboard,
    }


def test_a_newly_opened_round_leaves_every_page_on_the_completed_round(
    client, owner, completed_round, new_round
):
    seen = described_rounds(client, owner)
    expected = ("Autumn round", completed_round.pk)
    assert seen["dashboard"] == seen["coherence"] == seen["pdf"] == expected
    assert seen["workspace"] == completed_round.pk
    assert seen["responses"] == seen["pdf_responses"] == 4
    notice = re.search(r'id="collecting-round">(.*?)</div>', seen["dashboard_text"], re.S)
    assert notice is not None
    assert "A newer round, “Spring round”, is open and collecting responses." in notice[1]


def test_every_page_switches_to_the_new_round_together_once_it_has_results(
    client, owner, completed_round, new_round
):
    for seed, respondent in enumerate(new_round.respondents.all()):
        answer_everything(respondent, seed=seed)

    seen = described_rounds(client, owner)
    expected = ("Spring round", new_round.pk)
    assert seen["dashboard"] == seen["coherence"] == seen["pdf"] == expected
    assert seen["workspace"] == new_round.pk
    assert seen["responses"] == seen["pdf_responses"] == 3
    assert 'id="collecting-round"' not in seen["dashboard_text"]
    snapshot = owner.organisation.report_snapshots.complete().latest_first().first()
    assert snapshot.scores["previous_assessment"]["id"] == completed_round.pk  # for the change


def test_the_pdf_names_the_completed_round_while_the_new_one_collects(
    owner, completed_round, new_round, tmp_path
):
    snapshot = snapshot_build(owner.organisation)
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(build_pdf(snapshot, "en", {}, author=""))
    flat = " ".join(pdf_text(pdf).split())
    assert "Autumn round" in flat
    assert "Spring round" not in flat
