"""The XLSX workbook and the CSV files: readable sheets, the snapshot's numbers, no formulas."""

import csv
import io
import re

import pandas as pd
import pytest
from openpyxl import load_workbook

from diagnosis.models import Respondent
from reports.exports.csv import build_csv
from reports.exports.safety import neutralise_cell, neutralise_frame
from reports.exports.xlsx import build_xlsx
from tests.reports.export_factories import (
    ATTACHMENT,
    HYPERLINK,
    SCRIPT,
    injected_organisation,
    organisation_with_strategy,
)

pytestmark = pytest.mark.django_db

SHEETS = ["About", "Answers", "Scores and levels", "Gaps", "Key challenges", "Guiding policies",
          "Actions"]  # fmt: skip


@pytest.fixture
def exported(default_framework, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return organisation_with_strategy()


def read_workbook(data: bytes) -> dict[str, pd.DataFrame]:
    return pd.read_excel(io.BytesIO(data), sheet_name=None)


def test_the_workbook_has_one_sheet_per_table_with_readable_headers(exported):
    _organisation, snapshot, _consultant = exported
    sheets = read_workbook(build_xlsx(snapshot, "en"))
    assert list(sheets) == SHEETS
    assert list(sheets["Scores and levels"].columns[:6]) == [
        "Code", "Dimension", "Kind", "Score (1–5)", "Score (0–100)", "Level",
    ]  # fmt: skip
    assert "Accountable owner" in sheets["Actions"].columns
    assert "Key challenges it addresses" in sheets["Guiding policies"].columns
    assert {"Current", "Target", "Gap"} <= set(sheets["Gaps"].columns)


def test_the_scores_sheet_matches_the_snapshots_scores(exported):
    _organisation, snapshot, _consultant = exported
    scores = read_workbook(build_xlsx(snapshot, "en"))["Scores and levels"].set_index("Code")
    results = snapshot.scores["results"]
    assert scores.loc["overall", "Score (1–5)"] == pytest.approx(
        results["overall"]["score"], abs=1e-4
    )
    for dimension in results["dimensions"] + results["obstacles"]:
        row = scores.loc[dimension["code"]]
        assert row["Score (1–5)"] == pytest.approx(dimension["score"], abs=1e-4)
        assert row["Score (0–100)"] == pytest.approx(dimension["score_100"], abs=1e-4)
        assert row["Level"] == dimension["level"]
        assert row["Respondents"] == dimension["n"]
    assert len(scores) == 1 + len(results["dimensions"]) + len(results["obstacles"])


def test_answers_carry_pseudonyms_that_differ_per_export_and_never_a_name_or_email(exported):
    _organisation, snapshot, _consultant = exported
    data = build_xlsx(snapshot, "en")
    answers = read_workbook(data)["Answers"]
    respondents = Respondent.objects.filter(assessment_id=snapshot.scores["assessment"]["id"])
    assert answers["Respondent"].str.fullmatch(r"R-[0-9A-F]{8}").all()
    assert answers["Respondent"].nunique() == respondents.count() == 6
    # One person, one pseudonym within an export: as many rows per pseudonym as answers given.
    assert answers.groupby("Respondent").size().nunique() == 1
    again = read_workbook(build_xlsx(snapshot, "en"))["Answers"]
    assert len(again) == len(answers)
    assert set(again["Respondent"]).isdisjoint(set(answers["Respondent"]))  # cannot be linked
    workbook = load_workbook(io.BytesIO(data))
    every_cell = " ".join(
        str(cell.value) for sheet in workbook for row in sheet.iter_rows() for cell in row
    )
    for respondent in respondents:
        assert respondent.person.name not in every_cell
        assert respondent.person.email not in every_cell


def test_small_groups_are_not_named_in_an_anonymous_round(exported):
    _organisation, snapshot, _consultant = exported  # six respondents: three per group
    answers = read_workbook(build_xlsx(snapshot, "en"))["Answers"]
    assert set(answers["Group"].dropna()) == {"Leadership team", "L&D team"}


def test_the_workbook_speaks_dutch(exported):
    _organisation, snapshot, _consultant = exported
    sheets = read_workbook(build_xlsx(snapshot, "nl"))
    assert "Acties" in sheets
    assert "eigenaar" in " ".join(sheets["Acties"].columns).lower()


def test_csv_of_scores_and_of_actions_read_back(exported):
    _organisation, snapshot, _consultant = exported
    scores = pd.read_csv(io.BytesIO(build_csv(snapshot, "en", "scores")), encoding="utf-8-sig")
    assert scores.loc[scores["Code"] == "overall", "Score (1–5)"].iloc[0] == pytest.approx(
        snapshot.scores["results"]["overall"]["score"], abs=1e-4
    )
    actions = pd.read_csv(io.BytesIO(build_csv(snapshot, "en", "actions")), encoding="utf-8-sig")
    assert set(actions["Action"]) == {"Team retrospectives every month", "Coach the team leads"}
    with pytest.raises(ValueError, match="Unknown CSV export"):
        build_csv(snapshot, "en", "answers")


def test_the_dutch_csv_uses_semicolons_and_decimal_commas_as_dutch_excel_expects(exported):
    _organisation, snapshot, _consultant = exported
    overall = snapshot.scores["results"]["overall"]["score"]
    dutch = build_csv(snapshot, "nl", "scores").decode("utf-8-sig")
    assert dutch.splitlines()[0].count(";") >= 3
    scores = pd.read_csv(io.StringIO(dutch), sep=";", decimal=",")
    assert scores.loc[scores["Code"] == "overall", "Score (1–5)"].iloc[0] == pytest.approx(
        overall, abs=1e-4
    )
    assert re.search(r";\d+,\d+", dutch)  # 2,9083: a decimal comma
    assert scores.select_dtypes("number").size  # numbers read back as numbers
    english = build_csv(snapshot, "en", "scores").decode("utf-8-sig")
    assert ";" not in english.splitlines()[0]
    assert english.splitlines()[0].count(",") >= 3


def test_typed_formulas_come_out_as_text_in_the_workbook(default_framework, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    _organisation, snapshot, _consultant = injected_organisation()
    workbook = load_workbook(io.BytesIO(build_xlsx(snapshot, "en")))
    texts = [
        cell.value
        for sheet in workbook
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    ]
    assert not [text for text in texts if text.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert f"'{HYPERLINK}" in texts  # the action title, shown as typed
    assert any(text.startswith(f"'{HYPERLINK}") for text in texts if "169.254" in text)
    assert all(
        cell.data_type != "f" for sheet in workbook for row in sheet.iter_rows() for cell in row
    )


def test_typed_formulas_come_out_as_text_in_the_csv(default_framework, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    _organisation, snapshot, _consultant = injected_organisation()
    text = build_csv(snapshot, "en", "actions").decode("utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert f"'{HYPERLINK}" in cells
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert f"{SCRIPT} {ATTACHMENT}" in cells  # the policy: markup is plain text in a CSV


def test_neutralising_quotes_text_formulas_but_keeps_negative_numbers_numeric():
    frame = pd.DataFrame(
        {
            "text": ["=1+1", "+31 20 123", "-5 days", "@SUM(A1)", "\tx", "\rx", "plain", None],
            "number": [-1.5, 2.0, -3.25, 0.0, 1.0, -0.5, 4.0, None],
        }
    )
    safe = neutralise_frame(frame)
    assert list(safe["text"][:7]) == [
        "'=1+1", "'+31 20 123", "'-5 days", "'@SUM(A1)", "'\tx", "'\rx", "plain",
    ]  # fmt: skip
    assert safe["number"].dtype.kind == "f"
    assert safe["number"].iloc[0] == -1.5
    assert neutralise_cell(-2) == -2
    assert list(neutralise_frame(pd.DataFrame(columns=["=bad"])).columns) == ["'=bad"]
