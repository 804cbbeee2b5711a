"""The anonymity threshold k in the snapshot, the dashboard, the client overview and the
documents: nothing of a round below k, no group label below k (diagnosis.anonymity)."""

import io
import re

import pandas as pd
import pytest
from django.urls import reverse

from diagnosis.models import AssessmentStatus
from organisations.models import Role
from reports import services
from reports.exports.csv import build_csv
from reports.exports.document import prepared_by
from reports.exports.pdf import build_pdf, report_html
from reports.exports.svg import chart_svgs
from reports.exports.xlsx import build_xlsx
from tests.diagnosis.factories import AssessmentFactory, RespondentFactory
from tests.factories import MembershipFactory
from tests.reports.export_factories import organisation_with_strategy, pdf_text
from tests.reports.factories import answer_everything

pytestmark = pytest.mark.django_db

NEEDED_2 = "2 more responses are needed before results are shown."
CONTEXT = "We win on reliable deliveries."


def round_of(organisation, *, submitted: int, invited: int = 0, k: int = 3):
    assessment = AssessmentFactory(
        organisation=organisation, status=AssessmentStatus.OPEN, anonymity_threshold=k
    )
    for number in range(submitted):
        answer_everything(RespondentFactory(assessment=assessment), seed=number)
    RespondentFactory.create_batch(invited, assessment=assessment)
    return assessment


def dashboard(client, user, organisation, language="en") -> str:
    client.force_login(user)
    url = reverse("dashboard", args=[organisation.slug])
    return client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()


def test_one_of_three_submitted_gives_a_dashboard_without_scores_saying_two_more_are_needed(
    client, viewer
):
    organisation = viewer.organisation
    round_of(organisation, submitted=1, invited=2)
    snapshot = services.snapshot_build(organisation, force=True)
    assert snapshot.scores["results"] is None
    assert snapshot.scores["benchmark_input"] is None
    assert snapshot.scores["anonymity"] == {
        "threshold": 3, "counted": 1, "needed": 2, "shown": False, "anonymous": True,
    }  # fmt: skip
    charts = {chart["key"]: chart for chart in snapshot.figures["en"]}
    for key in ("overall", "features", "quadrants", "capabilities", "culture", "agreement"):
        assert charts[key]["figure"] is None
        assert charts[key]["empty"] == NEEDED_2
    text = dashboard(client, viewer.user, organisation)
    assert NEEDED_2 in text
    assert "1 submitted response\n" in text  # counts stay, in the singular for one
    assert "1 submitted responses" not in text
    assert "Overall maturity is" not in text
    assert "2 extra antwoorden zijn nodig voordat er resultaten worden getoond." in dashboard(
        client, viewer.user, organisation, "nl"
    )


def test_the_dashboard_shows_scores_once_three_have_submitted(client, viewer):
    organisation = viewer.organisation
    assessment = round_of(organisation, submitted=1, invited=0)
    for number in (1, 2):
        answer_everything(RespondentFactory(assessment=assessment), seed=number)
    snapshot = services.snapshot_build(organisation, force=True)
    assert snapshot.scores["results"]["overall"]["score"] is not None
    assert snapshot.scores["anonymity"]["shown"] is True
    text = dashboard(client, viewer.user, organisation)
    assert "more responses are needed" not in text
    assert "Overall maturity is" in text


def test_the_client_overview_says_how_many_responses_are_still_needed(client, viewer):
    round_of(viewer.organisation, submitted=1)
    services.snapshot_build(viewer.organisation, force=True)
    consultant = MembershipFactory(organisation=viewer.organisation, role=Role.CONSULTANT)
    client.force_login(consultant.user)
    text = client.get(reverse("portfolio_overview")).content.decode()
    assert "2 more responses needed" in text
    assert "/ 5 · level" not in text


def test_a_previous_round_below_its_threshold_is_never_compared_with(viewer):
    organisation = viewer.organisation
    earlier = round_of(organisation, submitted=2)
    AssessmentFactory._meta.model.objects.filter(pk=earlier.pk).update(
        status=AssessmentStatus.CLOSED
    )
    round_of(organisation, submitted=3)
    snapshot = services.snapshot_build(organisation, force=True)
    assert snapshot.scores["results"] is not None
    assert snapshot.scores["previous_assessment"] is None
    assert snapshot.scores["change"] is None


# --- Documents: real PDF (Chromium draws the charts), XLSX and CSV ------------------------------


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path


def real_pdf(snapshot, media, language="en") -> str:
    svgs = chart_svgs(snapshot.figures[language])
    data = build_pdf(snapshot, language, svgs, author=prepared_by(snapshot.organisation))
    path = media / f"report-{snapshot.pk}-{language}.pdf"
    path.write_bytes(data)
    return " ".join(pdf_text(path).split())


def test_the_pdf_xlsx_and_csv_of_a_round_below_k_contain_no_score_or_answer(
    default_framework, media
):
    organisation, snapshot, _consultant = organisation_with_strategy(respondents=1)
    flat = real_pdf(snapshot, media)
    assert NEEDED_2 in flat
    assert "Decisions wait for managers" in flat  # the rest of the strategy is there
    assert CONTEXT not in flat  # no quote
    assert not re.search(r"Respondent \d", flat)
    assert not re.search(r"Overall maturity is [\d.]+ out of 5", flat)  # no chart of it
    assert "respondents see it, the organisation scores" not in flat
    sheets = pd.read_excel(io.BytesIO(build_xlsx(snapshot, "en")), sheet_name=None)
    assert sheets["Answers"].empty
    assert sheets["Scores and levels"].empty
    assert sheets["Gaps"]["Kind"].tolist() == ["Knowledge gap"]  # typed by the owner, no score
    assert NEEDED_2 in sheets["About"].to_string()
    scores = pd.read_csv(io.BytesIO(build_csv(snapshot, "en", "scores")), encoding="utf-8-sig")
    assert scores.empty
    names = organisation.respondents.values_list("person__name", flat=True)
    assert not any(name in flat for name in names)


def test_the_same_documents_show_it_all_once_k_have_submitted(default_framework, media):
    _organisation, snapshot, _consultant = organisation_with_strategy(respondents=3)
    flat = real_pdf(snapshot, media)
    assert "more responses are needed" not in flat
    assert CONTEXT in flat
    assert re.search(r"Overall maturity is [\d.]+ out of 5", flat)
    sheets = pd.read_excel(io.BytesIO(build_xlsx(snapshot, "en")), sheet_name=None)
    assert sheets["Answers"]["Respondent"].nunique() == 3
    assert sheets["Scores and levels"]["Score (1–5)"].notna().any()


def test_quotes_in_the_pdf_are_not_labelled_with_a_group_of_two_in_a_round_of_five(
    default_framework, media
):
    _organisation, snapshot, _consultant = organisation_with_strategy(respondents=5)
    page = report_html(snapshot, "en", {}, author="")
    assert page.count(CONTEXT) == 3
    assert "· Leadership team" not in page
    assert "· L&amp;D team" not in page
    answers = pd.read_excel(io.BytesIO(build_xlsx(snapshot, "en")), sheet_name="Answers")
    assert answers["Respondent"].nunique() == 5
    assert answers["Group"].isna().all()  # no group under k, nor one that would give it away


def test_quotes_are_labelled_with_groups_of_k_or_more(default_framework, media):
    _organisation, snapshot, _consultant = organisation_with_strategy(respondents=6)
    page = report_html(snapshot, "en", {}, author="")
    labels = re.findall(r"Respondent \d+ · (Leadership team|L&amp;D team)", page)
    # The first three respondents wrote the context: two leaders and one L&D team member.
    assert sorted(labels) == ["L&amp;D team", "Leadership team", "Leadership team"]
