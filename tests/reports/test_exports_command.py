"""`manage.py export_report` for consultants who automate."""

import io

import pandas as pd
import pytest
from django.core.management import CommandError, call_command

from reports.models import ReportSnapshot
from tests.reports.export_factories import organisation_with_strategy, pdf_text
from tests.reports.factories import answered_assessment

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation(default_framework, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    organisation, _snapshot, _consultant = organisation_with_strategy(logo=False)
    return organisation


def test_it_writes_the_pdf_report(organisation, tmp_path):
    out = tmp_path / "report.pdf"
    stdout = io.StringIO()
    call_command("export_report", org=organisation.slug, format="pdf", out=str(out), stdout=stdout)
    assert out.read_bytes().startswith(b"%PDF")
    assert organisation.name in pdf_text(out)
    assert f"Wrote {out}" in stdout.getvalue()


def test_it_writes_the_workbook_and_the_dutch_csv_of_actions(organisation, tmp_path):
    workbook = tmp_path / "data.xlsx"
    call_command("export_report", org=organisation.slug, format="xlsx", out=str(workbook))
    assert "Scores and levels" in pd.read_excel(workbook, sheet_name=None)
    actions = tmp_path / "acties.csv"
    call_command(
        "export_report", "--org", organisation.slug, "--format", "csv", "--what", "actions",
        "--language", "nl", "--out", str(actions),
    )  # fmt: skip
    frame = pd.read_csv(actions, encoding="utf-8-sig", sep=";")  # the Dutch convention
    assert "Actie" in frame.columns
    assert "Team retrospectives every month" in set(frame["Actie"])


def test_it_builds_figures_first_when_they_lag_the_data(organisation, tmp_path):
    answered_assessment(organisation, respondents=3)  # data moved on; no snapshot of it yet
    before = ReportSnapshot.objects.filter(organisation=organisation).count()
    out = tmp_path / "scores.csv"
    call_command("export_report", org=organisation.slug, format="csv", out=str(out))
    assert ReportSnapshot.objects.filter(organisation=organisation).count() == before + 1
    assert "overall" in set(pd.read_csv(out, encoding="utf-8-sig")["Code"])


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"org": "nobody-here", "format": "pdf"}, "No organisation with the short name"),
        ({"format": "docx"}, "Unknown format 'docx'; choose from pdf, xlsx, csv."),
        ({"format": "csv", "what": "answers"}, "Unknown CSV 'answers'; choose from scores"),
        ({"format": "pdf", "language": "fr"}, "Unknown language 'fr'"),
    ],
)
def test_it_explains_what_it_cannot_do(organisation, tmp_path, options, message):
    options = {"org": organisation.slug, "out": str(tmp_path / "x")} | options
    with pytest.raises(CommandError, match=message):
        call_command("export_report", **options)


def test_it_refuses_a_folder_that_does_not_exist(organisation, tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        call_command(
            "export_report", org=organisation.slug, format="xlsx", out=str(tmp_path / "no/x.xlsx")
        )
