"""The dashboard, the PDF and the spreadsheets of a round on a framework of its own: a 7-point
scale, weights, two blocks and norms (hand-computed in tests/diagnosis/instrument_scenario.py).
"""

import io

import pandas as pd
import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from lndstrategy.numbers import display, rounded_float
from organisations.models import Role
from reports import services
from reports.exports.csv import build_csv
from reports.exports.pdf import report_html
from reports.exports.xlsx import build_xlsx
from tests.diagnosis.instrument_scenario import (
    DIALOGUE,
    DIALOGUE_100,
    EXPERIMENT_100,
    OVERALL,
    OVERALL_100,
    PEOPLE_100,
    SUPPORT,
    SUPPORT_100,
    build_instrument_round,
)
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def snapshot(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    organisation = OrganisationFactory()
    build_instrument_round(organisation=organisation)
    return services.snapshot_build(organisation, force=True)


def charts_of(snapshot, language="en") -> dict[str, dict]:
    return {chart["key"]: chart for chart in snapshot.figures[language]}


def test_the_snapshot_stores_block_scores_norms_and_the_scale(snapshot):
    results = snapshot.scores["results"]
    people, leaders = results["blocks"]
    assert people["score_100"] == pytest.approx(PEOPLE_100)
    assert list(people["dimensions"]) == ["dialogue", "experiment"]
    assert leaders["score_100"] == pytest.approx(SUPPORT_100)
    support = next(d for d in results["dimensions"] if d["code"] == "support")
    assert support["norms"][0]["position"] == "below"
    assert results["overall"]["score"] == pytest.approx(OVERALL)
    assert results["overall"]["scale_max"] == 7.0
    labels = snapshot.scores["labels"]
    assert labels["nl"]["blocks"] == {
        "people": "Samen leren",
        "leaders": "Leiderschap dat leren steunt",
    }
    assert labels["en"]["norms"] == ["Learning climate study (2021)"]


def test_the_dashboard_charts_add_blocks_and_norms_and_read_out_of_seven(snapshot):
    charts = charts_of(snapshot)
    keys = list(charts)
    assert keys[:4] == ["overall", "blocks", "features", "norms"]
    gauge = charts["overall"]["figure"]["data"][0]
    assert gauge["gauge"]["axis"]["range"] == [1.0, 7.0]
    assert gauge["number"]["suffix"] == " / 7"
    assert gauge["value"] == rounded_float(OVERALL, 1)  # the precision the gauge shows
    radar = charts["features"]["figure"]["layout"]["polar"]["radialaxis"]
    assert radar["range"] == [1.0, 7.0]
    assert "Score (1–7)" in charts["features"]["table"]["columns"]


def test_the_blocks_chart_puts_each_block_above_its_dimensions(snapshot):
    chart = charts_of(snapshot)["blocks"]
    rows = chart["table"]["rows"]
    # Numbers as every chart shows them (the one rounding rule of reports.chart_base.number).
    people, leaders = "Learning together", "Leadership that supports learning"
    assert [row[:3] for row in rows] == [
        [people, "The block", display(46 / 9)],
        [people, "Dialogue and inquiry", display(DIALOGUE)],
        [people, "Room to experiment", display(14 / 3)],
        [leaders, "The block", display(SUPPORT)],
        [leaders, "Support from leaders", display(SUPPORT)],
    ]
    assert chart["summary"] == (
        f"Strongest block: {people} ({display(46 / 9)} out of 7); weakest: {leaders} "
        f"({display(SUPPORT)})."
    )
    block_bars, dimension_bars = chart["figure"]["data"]
    assert block_bars["x"] == pytest.approx([46 / 9, SUPPORT])
    assert len(dimension_bars["x"]) == 3


def test_the_norms_chart_shows_the_middle_half_the_median_and_the_organisation(snapshot):
    chart = charts_of(snapshot)["norms"]
    quartiles, medians, ours = chart["figure"]["data"]
    assert quartiles["base"] == [4.5, 3.5, 4.6]
    assert quartiles["x"] == pytest.approx([1.4, 1.0, 0.9])
    assert medians["x"] == [5.2, 4.0, 5.0]
    assert ours["x"] == pytest.approx([DIALOGUE, 14 / 3, SUPPORT])
    assert "Learning climate study (2021)" in quartiles["name"]
    assert chart["summary"] == (
        "Compared with Learning climate study (2021): 1 of 3 dimensions above the third "
        "quartile, 1 between the quartiles and 1 below the first quartile."
    )
    assert chart["table"]["rows"][2][-1] == "Below the first quartile"


def test_the_dashboard_page_shows_the_blocks_and_norms_cards(client, snapshot):
    viewer = MembershipFactory(organisation=snapshot.organisation, role=Role.VIEWER).user
    client.force_login(viewer)
    page = client.get(reverse("dashboard", args=[snapshot.organisation.slug])).content.decode()
    assert "Blocks and their dimensions" in page
    assert "Compared with published norms" in page
    assert page.index("Blocks and their dimensions") < page.index("Compared with published norms")


def test_the_pdf_lists_blocks_above_their_dimensions(snapshot):
    html = report_html(snapshot, "en", {})
    table = html[html.index('id="blocks"') :]
    table = table[: table.index("</table>")]
    assert table.index("Learning together") < table.index("Dialogue and inquiry")
    assert table.index("Room to experiment") < table.index("Leadership that supports learning")
    assert "Score (1–7)" in table
    assert 'class="block-row"' in table
    assert f'{display(OVERALL)}<span class="unit"> / 7</span>' in html  # the overall figure


def test_the_workbook_has_a_blocks_sheet_whose_blocks_average_their_dimensions(snapshot):
    sheets = pd.read_excel(io.BytesIO(build_xlsx(snapshot, "en")), sheet_name=None)
    assert list(sheets)[:4] == ["About", "Answers", "Scores and levels", "Blocks"]
    blocks = sheets["Blocks"]
    people = blocks[blocks["Block code"] == "people"]
    assert people["Code"].tolist() == ["dialogue", "experiment"]
    assert people["Block: score (0–100)"].iloc[0] == pytest.approx(PEOPLE_100, abs=1e-4)
    assert people["Score (0–100)"].mean() == pytest.approx(PEOPLE_100, abs=1e-4)
    assert people["Block: Score (1–7)"].iloc[0] == pytest.approx(46 / 9, abs=1e-4)


def test_the_scores_sheet_gives_weights_blocks_and_norms_beside_the_scores(snapshot):
    scores = pd.read_excel(io.BytesIO(build_xlsx(snapshot, "en")), sheet_name="Scores and levels")
    scores = scores.set_index("Code")
    assert scores.loc["overall", "Score (1–7)"] == pytest.approx(OVERALL, abs=1e-4)
    assert scores.loc["overall", "Score (0–100)"] == pytest.approx(OVERALL_100, abs=1e-4)
    assert scores.loc["support", "Weight in the overall score"] == 2
    assert scores.loc["support", "Block"] == "Leadership that supports learning"
    assert scores.loc["people", "Kind"] == "Block"
    assert scores.loc["people", "Score (0–100)"] == pytest.approx(PEOPLE_100, abs=1e-4)
    source = "Learning climate study (2021)"
    assert scores.loc["support", f"{source}: first quartile"] == 4.6
    assert scores.loc["support", f"{source}: where we stand"] == "Below the first quartile"
    assert scores.loc["dialogue", f"{source}: median"] == 5.2


def test_the_answers_sheet_holds_what_recomputing_the_scores_needs(snapshot):
    data = build_xlsx(snapshot, "en")
    answers = pd.read_excel(io.BytesIO(data), sheet_name="Answers")
    scores = pd.read_excel(io.BytesIO(data), sheet_name="Scores and levels").set_index("Code")
    assert set(answers.loc[answers["Reverse-worded"] == "Yes", "Item"]) == {"d2", "s2"}
    assert set(answers["Lowest point"]) == {1}
    assert set(answers["Highest point"]) == {7}
    # Recompute every dimension from the workbook alone: reverse, weigh, average.
    answered = answers[answers["Don't know"] != "Yes"].copy()
    reverse = answered["Reverse-worded"] == "Yes"
    low, high = answered["Lowest point"], answered["Highest point"]
    answered["scored"] = answered["Answer"].where(~reverse, low + high - answered["Answer"])
    answered["weighted"] = answered["scored"] * answered["Weight in the dimension"]
    per = answered.groupby(["Respondent", "Dimension"])[["weighted", "Weight in the dimension"]]
    totals = per.sum()
    respondent_scores = totals["weighted"] / totals["Weight in the dimension"]
    recomputed = respondent_scores.groupby(level="Dimension").mean()
    names = scores.set_index("Dimension")
    for name, value in recomputed.items():
        assert names.loc[name, "Score (1–7)"] == pytest.approx(value, abs=1e-4)
    assert recomputed["Dialogue and inquiry"] == pytest.approx(DIALOGUE)
    dont_know = answers[answers["Don't know"] == "Yes"]
    assert dont_know["Item"].tolist() == ["e2"]  # the "can't say" point is never scored
    workbook = load_workbook(io.BytesIO(data))
    assert workbook["Answers"]["J1"].value == "Reverse-worded"


def test_the_scores_csv_has_block_rows(snapshot):
    scores = pd.read_csv(io.BytesIO(build_csv(snapshot, "en", "scores")), encoding="utf-8-sig")
    blocks = scores[scores["Kind"] == "Block"].set_index("Code")
    assert list(blocks.index) == ["people", "leaders"]
    assert blocks.loc["leaders", "Score (0–100)"] == pytest.approx(SUPPORT_100, abs=1e-4)
    assert scores.loc[scores["Code"] == "experiment", "Score (0–100)"].iloc[0] == pytest.approx(
        EXPERIMENT_100, abs=1e-4
    )
    assert scores.loc[scores["Code"] == "dialogue", "Score (0–100)"].iloc[0] == pytest.approx(
        DIALOGUE_100, abs=1e-4
    )


def test_the_default_frameworks_exports_have_no_blocks_or_norms(
    default_framework, settings, tmp_path
):
    from tests.reports.export_factories import organisation_with_strategy

    settings.MEDIA_ROOT = tmp_path
    _organisation, default_snapshot, _consultant = organisation_with_strategy()
    sheets = pd.read_excel(io.BytesIO(build_xlsx(default_snapshot, "en")), sheet_name=None)
    assert "Blocks" not in sheets
    assert "Block" not in sheets["Scores and levels"].columns
    assert "Reverse-worded" in sheets["Answers"].columns
    assert not any(": median" in column for column in sheets["Scores and levels"].columns)
    keys = [chart["key"] for chart in default_snapshot.figures["en"]]
    assert "blocks" not in keys
    assert "norms" not in keys
    assert "overall" in keys


def test_the_dashboard_speaks_of_the_frameworks_dimensions_and_shows_only_cards_it_fits(snapshot):
    charts = charts_of(snapshot)
    assert list(charts) == ["overall", "blocks", "features", "norms", "agreement", "change",
                            "roadmap", "accountability", "coherence"]  # fmt: skip
    assert charts["features"]["title"] == "Scores by dimension"
    assert charts["features"]["table"]["columns"][0] == "Dimension"
    assert charts["overall"]["summary"] == (
        f"Overall maturity is {display(OVERALL)} out of 7, level 4 (Established), the weighted "
        "average of 3 dimensions as 3 respondents see them."
    )
    assert charts["features"]["summary"].startswith("Strongest dimension: Dialogue and inquiry")
    assert "out of 7" in charts["features"]["summary"]
    words = " ".join(chart["title"] + chart["summary"] for chart in charts.values())
    assert "six features" not in words
    assert "four quadrants" not in words
    assert "out of 5" not in words


def test_the_default_frameworks_dashboard_keeps_its_own_cards_and_words(
    default_framework, settings, tmp_path
):
    from tests.reports.export_factories import organisation_with_strategy

    settings.MEDIA_ROOT = tmp_path
    _organisation, default_snapshot, _consultant = organisation_with_strategy()
    charts = {chart["key"]: chart for chart in default_snapshot.figures["en"]}
    assert {"quadrants", "capabilities", "culture"} <= set(charts)
    assert charts["features"]["title"] == "The six features of a learning organisation"
    assert charts["quadrants"]["title"] == "Learning effort across the four quadrants"
    assert charts["features"]["table"]["columns"][0] == "Feature"
    assert "out of 5" in charts["overall"]["summary"]
    assert "features as" in charts["overall"]["summary"]
    method = report_html(default_snapshot, "en", {})
    assert "the average of the six features of a learning organisation" in method
    assert "over the four learning quadrants" in method
    assert "every feature an accountable leader" in method
    assert "view of the organisation as a learning organisation" in method


def test_the_pdf_method_section_is_written_from_the_framework(snapshot):
    html = report_html(snapshot, "en", {})
    method = html[html.index(">Method<") :]
    method = method[: method.index("Respondents and response rates")]
    assert "on the scale “Agreement”: 7 points, from 1 (“Strongly disagree”) to 7" in method
    assert "The answer “Can&#x27;t say” is offered but not scored." in method
    assert "lowest point + highest point − answer" in method
    assert "weighted average of the statements they answered" in method
    assert "weighted average of the framework&#x27;s 3 dimensions" in method
    assert "grouped into 2 blocks" in method
    assert "Learning climate study (2021)" in method
    assert "six features" not in html
    assert "four learning quadrants" not in method
    assert "every dimension that needs one an accountable leader" in html
    assert "the respondents' view of the organisation, measured with “Team climate”" in html
    assert f"scores {display(OVERALL)} out of 7 (63 out of 100): level 4" in html
    with translation.override("nl"):
        dutch = report_html(snapshot, "nl", {})
    assert "De stellingen werden beantwoord op de schaal ‘Instemming’: 7 punten" in dutch
    assert "gegroepeerd in 2 blokken" in dutch


def test_the_results_page_leaves_out_sections_the_framework_has_no_questions_for(client):
    from diagnosis.models import AssessmentStatus

    organisation = OrganisationFactory()
    built = build_instrument_round(organisation=organisation, status=AssessmentStatus.CLOSED)
    owner = MembershipFactory(organisation=organisation, role=Role.OWNER).user
    client.force_login(owner)
    url = reverse("workspace_results", args=[organisation.slug, built.assessment.pk])
    page = client.get(url).content.decode()
    assert "Blocks and dimensions" in page
    assert "Weighted average of 3 dimensions." in page
    assert "Weakest dimensions" in page
    for absent in ("Balance of L&D effort", "Capabilities of the L&D function",
                   "Culture gap", "Where performance improvement matters most",
                   "Features of a learning organisation", "Weakest features"):  # fmt: skip
        assert absent not in page


def test_the_portfolio_reads_each_organisation_on_its_own_scale(client, snapshot):
    consultant = MembershipFactory(organisation=snapshot.organisation, role=Role.CONSULTANT).user
    client.force_login(consultant)
    page = client.get(reverse("portfolio_overview")).content.decode()
    assert f"{display(OVERALL)} / 7 · level 4" in page
    assert "/ 5" not in page
