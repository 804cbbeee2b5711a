"""Actions, the accountability matrix and the coherence check on the dimensions of the
organisation's own framework, and the default framework's pages as they always were."""

import re
import textwrap

import pytest
from django.urls import reverse
from django.utils import translation

from actions.coherence import RULES
from actions.models import Action
from actions.selectors import action_dimensions, coherence_report
from diagnosis.models import AssessmentStatus
from maturity.framework_files import parse_framework
from maturity.services import framework_import
from organisations.models import Role
from reports.strategy import strategy_scores
from reports.strategy_charts import accountability_chart
from tests.actions.factories import ActionFactory
from tests.diagnosis.factories import AssessmentFactory
from tests.factories import MembershipFactory, UserFactory, person_of
from tests.policy.factories import PolicyFactory

pytestmark = pytest.mark.django_db

# Three custom dimensions: two in a block and needing an owner, one on its own that does not.
PULSE = textwrap.dedent("""\
    code: team-pulse
    version: 1
    title: {en: Team pulse, nl: Teampuls}
    languages: [en, nl]
    scales:
      - code: often4
        points:
          - {value: 1, label: {en: Never, nl: Nooit}}
          - {value: 2, label: {en: Sometimes, nl: Soms}}
          - {value: 3, label: {en: Often, nl: Vaak}}
          - {value: 4, label: {en: Always, nl: Altijd}}
    blocks:
      - code: together
        name: {en: Learning together, nl: Samen leren}
        dimensions: [moments, feedback]
    sections:
      - code: s1
        title: {en: Pulse, nl: Puls}
        dimensions: [moments, feedback, tools]
    dimensions:
      - code: moments
        kind: custom
        name: {en: Learning moments, nl: Leermomenten}
        needs_owner: true
        items:
          - {code: m1, text: {en: We learn at work, nl: We leren op het werk}, response: scale, scale: often4}
      - code: feedback
        kind: custom
        name: {en: Honest feedback, nl: Eerlijke feedback}
        needs_owner: true
        items:
          - {code: fb1, text: {en: We say what we see, nl: We zeggen wat we zien}, response: scale, scale: often4}
      - code: tools
        kind: custom
        name: {en: Tools at hand, nl: Gereedschap bij de hand}
        items:
          - {code: t1, text: {en: Tools help us, nl: Gereedschap helpt ons}, response: scale, scale: often4}
    """)  # noqa: E501


def custom_framework(organisation, text: str = PULSE):
    """``text`` imported as the organisation's own framework, with a draft round on it."""
    version = framework_import(parse_framework(text), organisation=organisation).version
    AssessmentFactory(
        organisation=organisation, framework_version=version, status=AssessmentStatus.DRAFT
    )
    return version


@pytest.fixture
def team():
    owner = MembershipFactory(role=Role.OWNER)
    organisation = owner.organisation
    priya = UserFactory(first_name="Priya", last_name="Patel")
    leader = MembershipFactory(organisation=organisation, role=Role.LEADER, user=priya).user
    return {
        "organisation": organisation,
        "owner": owner.user,
        "leader": person_of(leader, organisation),
        "policy": PolicyFactory(organisation=organisation, statement="Learn in the flow of work."),
    }


@pytest.fixture
def pulse(team):
    return custom_framework(team["organisation"])


def url(name, organisation, *args):
    return reverse(name, args=[organisation.slug, *args])


def body(team, dimensions) -> dict:
    return {
        "title": "Hold a learning review after every sprint",
        "policy": team["policy"].pk,
        "owner": team["leader"].pk,
        "dimensions": dimensions,
        "quadrant": "organisational_productive",
        "work_type": "complex",
        "horizon": "vision",
        "effort_days": "10",
        "status": "planned",
    }


def checkbox_labels(html: str) -> list[str]:
    return [
        " ".join(label.split())
        for label in re.findall(
            r'name="dimensions" value="[^"]*"[^>]*>\s*<label[^>]*>(.*?)</label>', html, re.S
        )
    ]


def matrix_columns(html: str) -> list[str]:
    head = html[html.index("<thead>") : html.index("</thead>")]
    names = re.findall(r'<th scope="col"[^>]*>(.*?)</th>', head, re.S)
    return [" ".join(name.split()) for name in names]


# --- The action form and page ----------------------------------------------------------------


def test_the_action_form_offers_the_dimensions_of_the_framework_grouped_by_block(
    client, team, pulse
):
    client.force_login(team["owner"])
    html = client.get(url("action_create", team["organisation"])).text

    assert checkbox_labels(html) == ["Learning moments", "Honest feedback", "Tools at hand"]
    assert "<strong>Learning together</strong>" in html
    assert "Dimensions it develops" in html
    assert "Features of a learning organisation it develops" not in html
    assert "1 · Learning culture beyond training" not in html


def test_the_dimension_names_follow_the_language_of_the_user(client, team, pulse, settings):
    client.force_login(team["owner"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    html = client.get(url("action_create", team["organisation"])).text

    assert checkbox_labels(html) == ["Leermomenten", "Eerlijke feedback", "Gereedschap bij de hand"]
    assert "<strong>Samen leren</strong>" in html


def test_an_action_can_develop_a_custom_dimension_and_its_page_names_it(client, team, pulse):
    client.force_login(team["owner"])
    response = client.post(
        url("action_create", team["organisation"]), body(team, ["tools", "moments"])
    )

    action = Action.objects.get(organisation=team["organisation"])
    assert response.status_code == 302
    assert action.dimensions == ["moments", "tools"]  # in the framework's order
    page = client.get(url("action_detail", team["organisation"], action.pk)).text
    shown = page[page.index('id="action-dimensions"') :]
    shown = shown[: shown.index("</dd>")]
    assert "Learning moments" in shown
    assert "Tools at hand" in shown
    assert "Honest feedback" not in shown
    assert "Dimensions it develops" in page


def test_a_forged_dimension_code_is_refused_next_to_the_field_and_nothing_is_stored(
    client, team, pulse
):
    client.force_login(team["owner"])
    response = client.post(
        url("action_create", team["organisation"]), body(team, ["moments", "f1-learning-culture"])
    )

    assert response.status_code == 200
    html = response.text
    field = html[html.index('id="div_id_dimensions"') :]
    field = field[: field.index('id="div_id_quadrant"')]
    assert "f1-learning-culture is not a dimension of this framework." in field
    assert not Action.objects.filter(organisation=team["organisation"]).exists()


def test_an_action_without_a_dimension_is_asked_for_one_in_the_words_of_the_framework(
    client, team, pulse
):
    client.force_login(team["owner"])
    response = client.post(url("action_create", team["organisation"]), body(team, []))

    assert "Choose at least one dimension this action develops." in response.text
    assert not Action.objects.exists()


def test_a_finding_link_prefills_the_dimension_it_is_about(client, team, pulse):
    client.force_login(team["owner"])
    html = client.get(url("action_create", team["organisation"]) + "?dimension=feedback").text
    forged = client.get(url("action_create", team["organisation"]) + "?dimension=nope").text

    assert re.search(r'value="feedback"[^>]*checked', html)
    assert not re.search(r'value="moments"[^>]*checked', html)
    assert (
        "checked"
        not in forged[forged.index('id="div_id_dimensions"') :].split("div_id_quadrant")[0]
    )


def test_an_action_keeps_the_dimensions_of_an_earlier_framework_until_they_are_unticked(
    client, team, pulse
):
    action = ActionFactory(
        organisation=team["organisation"], policy=team["policy"], owner=team["leader"],
        dimensions=["f4-autonomy"],
    )  # fmt: skip
    client.force_login(team["owner"])
    form = client.get(url("action_edit", team["organisation"], action.pk)).text
    assert "<strong>Of an earlier framework</strong>" in form
    assert "4 · Accountability and autonomy" in checkbox_labels(form)

    changed = body(team, ["f4-autonomy", "feedback"]) | {"title": "Renamed"}
    response = client.post(url("action_edit", team["organisation"], action.pk), changed)

    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.title, action.dimensions) == ("Renamed", ["feedback", "f4-autonomy"])


# --- The accountability matrix ---------------------------------------------------------------


def test_the_matrix_has_a_column_for_each_dimension_that_needs_an_owner_by_its_name(
    client, team, pulse
):
    for dimensions in (["moments"], ["moments", "tools"]):
        ActionFactory(
            organisation=team["organisation"], policy=team["policy"], owner=team["leader"],
            dimensions=dimensions,
        )  # fmt: skip
    client.force_login(team["owner"])
    html = client.get(url("accountability_matrix", team["organisation"])).text

    assert matrix_columns(html) == ["Leader", "Learning moments", "Honest feedback", "Total"]
    row = html[html.index("Priya") :]
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row[: row.index("</tr>")])
    assert [c if c.isdigit() else "" for c in cells] == ["2", "", "2"]
    assert "No leader is accountable yet for: Honest feedback" in html
    assert "Accountability for the dimensions that need an owner" in html
    assert "six features" not in html


def test_the_matrix_and_the_coherence_check_speak_dutch_on_a_custom_framework(
    client, team, pulse, settings
):
    client.force_login(team["owner"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    matrix = client.get(url("accountability_matrix", team["organisation"])).text
    coherence = client.get(url("coherence_check", team["organisation"])).text

    assert "Verantwoordelijkheid voor de dimensies die een eigenaar nodig hebben" in matrix
    assert matrix_columns(matrix)[1:3] == ["Leermomenten", "Eerlijke feedback"]
    assert "Verantwoordelijke leidinggevenden per dimensie" in coherence
    assert (
        "Geen enkele leidinggevende is verantwoordelijk voor een actie die de dimensie "
        "“Eerlijke feedback” ontwikkelt."
    ) in coherence


def test_a_framework_without_dimensions_that_need_an_owner_says_so_on_the_matrix(client, team):
    custom_framework(team["organisation"], PULSE.replace("needs_owner: true", "needs_owner: false"))
    client.force_login(team["owner"])
    html = client.get(url("accountability_matrix", team["organisation"])).text

    assert 'id="no-owned-dimensions"' in html
    assert "<table" not in html


# --- Coherence -------------------------------------------------------------------------------


def owner_findings(organisation):
    report = coherence_report(organisation).report
    return report, [f for f in report.findings if f.rule == "feature_without_leader"]


def test_coherence_counts_a_leader_accountable_for_each_dimension_that_needs_an_owner(team, pulse):
    report, before = owner_findings(team["organisation"])
    assert [f.subject_id for f in before] == ["moments", "feedback"]
    assert sum(f.penalty for f in before) == 8  # four each, not the six features' 24

    for dimensions in (["moments"], ["feedback"]):
        ActionFactory(
            organisation=team["organisation"], policy=team["policy"], owner=team["leader"],
            dimensions=dimensions,
        )  # fmt: skip
    report, after = owner_findings(team["organisation"])

    assert after == []
    assert [leader.name for leader in report.dimension_leaders["feedback"]] == ["Priya Patel"]
    assert set(report.dimension_leaders) == {"moments", "feedback"}


def test_a_dimension_that_needs_an_owner_and_has_none_still_costs_points(team, pulse):
    ActionFactory(
        organisation=team["organisation"], policy=team["policy"], owner=team["leader"],
        dimensions=["moments", "tools"],
    )  # fmt: skip
    _report, [finding] = owner_findings(team["organisation"])

    assert finding.subject_id == "feedback"
    assert finding.penalty == RULES["feature_without_leader"].penalty == 4
    assert finding.message == (
        "No leader is accountable for an action developing the dimension “Honest feedback”."
    )
    assert dict(finding.link.query) == {"dimension": "feedback"}


def test_without_dimensions_that_need_an_owner_the_rule_does_not_apply_and_costs_nothing(
    client, team
):
    custom_framework(team["organisation"], PULSE.replace("needs_owner: true", "needs_owner: false"))
    report, found = owner_findings(team["organisation"])

    assert found == []
    assert report.owner_rule_applies is False
    client.force_login(team["owner"])
    html = client.get(url("coherence_check", team["organisation"])).text
    assert 'id="owner-rule-note"' in html
    assert "costs no points" in html


def test_the_coherence_page_speaks_of_dimensions_on_a_custom_framework(client, team, pulse):
    client.force_login(team["owner"])
    html = client.get(url("coherence_check", team["organisation"])).text

    assert "Accountable leaders per dimension" in html
    assert "every dimension that needs an owner an accountable leader" in html
    assert "the weakest dimensions are not known" in html
    assert "/actions/new/?dimension=feedback" in html
    for default_wording in ("leaders per feature", "every feature", "weakest features"):
        assert default_wording not in html
    assert 'id="owner-rule-note"' not in html


# --- Reports built from the same strategy ----------------------------------------------------


def test_the_snapshot_matrix_lists_the_dimensions_that_need_an_owner_by_name(team, pulse):
    ActionFactory(
        organisation=team["organisation"], policy=team["policy"], owner=team["leader"],
        dimensions=["feedback"],
    )  # fmt: skip
    strategy = strategy_scores(team["organisation"], None)
    with translation.override("nl"):
        chart = accountability_chart({"strategy": strategy, "labels": {}}, "nl")

    assert strategy["accountability"]["dimensions"] == ["moments", "feedback"]
    assert strategy["actions"][0]["dimensions"] == ["feedback"]
    assert chart["table"]["columns"] == ["Leidinggevende", "Leermomenten", "Eerlijke feedback"]
    assert "Leermomenten" in chart["summary"]


# --- The default framework, as it always was --------------------------------------------------


def test_the_default_framework_offers_its_six_numbered_features(client, team, default_framework):
    AssessmentFactory(organisation=team["organisation"], framework_version=default_framework)
    dimensions = action_dimensions(organisation=team["organisation"])
    client.force_login(team["owner"])
    form = client.get(url("action_create", team["organisation"])).text
    matrix = client.get(url("accountability_matrix", team["organisation"])).text

    assert dimensions.default_framework is True
    assert len(dimensions.owned) == 6
    assert checkbox_labels(form)[0] == "1 · Learning culture beyond training"
    assert len(checkbox_labels(form)) == 6
    assert "Features of a learning organisation it develops" in form
    assert (
        "<strong>" not in form[form.index('id="div_id_dimensions"') :].split("div_id_quadrant")[0]
    )
    assert matrix_columns(matrix)[1:3] == [
        "1 · Learning culture beyond training",
        "2 · Problem solving and feedback",
    ]
    assert "Accountability for the six features" in matrix
