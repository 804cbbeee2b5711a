"""The results and strategic-context pages of the diagnosis workspace."""

import re

import pytest
from django.urls import reverse

from organisations.models import Role
from tests.diagnosis.factories import (
    AssessmentFactory,
    RespondentFactory,
    SubmittedRespondentFactory,
    give_answers,
    give_text_answers,
)
from tests.diagnosis.results_scenario import F1, LD, LEAD, STAFF, build_scenario
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def member(organisation, role=Role.OWNER):
    return MembershipFactory(organisation=organisation, role=role).user


def results_url(assessment):
    return reverse("workspace_results", args=[assessment.organisation.slug, assessment.pk])


def perspectives_url(assessment):
    return reverse("workspace_perspectives", args=[assessment.organisation.slug, assessment.pk])


def test_the_results_page_shows_levels_descriptors_and_agreement_flags(client):
    scenario = build_scenario()
    client.force_login(member(scenario.assessment.organisation, Role.VIEWER))
    html = client.get(results_url(scenario.assessment)).content.decode()
    assert "Accountability and autonomy close to the work" in html
    assert "Level 2 · Emerging" in html
    assert "Some managers delegate, but autonomy depends on the individual boss" in html
    assert "The leadership team does not agree" in html  # f2
    assert "Respondents do not agree" in html  # f4: everyone scatters, leaders agree
    assert "Based on 6 submitted responses." in html
    # The default framework's own sections and words (a framework of its own shows only what it
    # has: tests/reports/test_instrument_reports.py).
    for section in ("Features of a learning organisation", "Weakest features",
                    "Balance of L&D effort", "Where performance improvement matters most",
                    "Capabilities of the L&D function", "Culture gap"):  # fmt: skip
        assert section in html


def test_suppressed_groups_say_why_and_show_no_numbers(client):
    scenario = build_scenario()
    client.force_login(member(scenario.assessment.organisation))
    html = client.get(results_url(scenario.assessment)).content.decode()
    autonomy_row = re.search(
        r"<tr><th scope=\"row\" class=\"fw-normal\">Accountability.*?</tr>", html, re.S
    )
    cells = autonomy_row.group(0)
    assert cells.count("Hidden") == 2
    assert cells.count("Fewer than 3 respondents.") == 2
    assert "3.69" in cells  # the leadership team, 3 people, is shown


def test_the_results_page_uses_no_inline_styles(client):
    scenario = build_scenario()
    client.force_login(member(scenario.assessment.organisation))
    html = client.get(results_url(scenario.assessment)).content.decode()
    assert "style=" not in html
    assert "ws-w-39" in html  # f4 at 38.9 / 100, as a width class


def test_an_assessment_without_submissions_says_results_will_come(client):
    assessment = AssessmentFactory()
    RespondentFactory(assessment=assessment)
    client.force_login(member(assessment.organisation))
    html = client.get(results_url(assessment)).content.decode()
    assert "3 more responses are needed before results are shown." in html


def _with_respondents(assessment, n):
    for _ in range(n):
        person = SubmittedRespondentFactory(assessment=assessment)
        give_answers(person, F1 | {"f4_1": 2, "f4_2": 5, "cap_curation": (2, 4)})
        give_text_answers(person, {"ctx_value": "Our people", "ctx_change": "Automation"})


@pytest.mark.parametrize("url", [results_url, perspectives_url])
def test_the_page_costs_the_same_number_of_queries_however_many_respond(
    client, django_assert_max_num_queries, url
):
    assessment = AssessmentFactory()
    client.force_login(member(assessment.organisation))
    _with_respondents(assessment, 3)
    with django_assert_max_num_queries(20) as few:
        assert client.get(url(assessment)).status_code == 200
    _with_respondents(assessment, 25)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url(assessment)).status_code == 200


def test_anonymous_perspectives_use_stable_pseudonyms_and_hide_small_groups(client):
    assessment = AssessmentFactory(anonymous=True)
    leaders = [SubmittedRespondentFactory(assessment=assessment, group=LEAD) for _ in range(3)]
    staff = [SubmittedRespondentFactory(assessment=assessment, group=STAFF) for _ in range(3)]
    lone = SubmittedRespondentFactory(assessment=assessment, group=LD, person__name="Lena de Vries")
    for index, person in enumerate([*leaders, *staff, lone]):
        give_text_answers(person, {"ctx_value": f"Answer number {index}"})
    client.force_login(member(assessment.organisation))
    html = client.get(perspectives_url(assessment)).content.decode()
    assert "Lena de Vries" not in html
    labels = re.findall(r"<h3 class=\"h6 mb-0\">(Respondent \d)</h3>", html)
    assert sorted(labels) == [f"Respondent {n}" for n in range(1, 8)]
    assert "L&amp;D team</span>" not in html  # one person: naming the group would name them
    # Nor the next smallest group: unlabelled quotes would otherwise all be the L&D team's.
    assert "Leadership team</span>" not in html
    assert html.count("Staff</span>") == 3
    again = client.get(perspectives_url(assessment)).content.decode()
    assert re.findall(r"(Respondent \d)</h3>.*?<p[^>]*>(.*?)</p>", again, re.S) == re.findall(
        r"(Respondent \d)</h3>.*?<p[^>]*>(.*?)</p>", html, re.S
    )


def test_named_perspectives_show_names_and_groups(client):
    assessment = AssessmentFactory(anonymous=False)
    person = SubmittedRespondentFactory(
        assessment=assessment, group=LD, person__name="Lena de Vries"
    )
    give_text_answers(person, {"ctx_change": "Customers expect same-day delivery."})
    SubmittedRespondentFactory.create_batch(2, assessment=assessment, group=LD)
    client.force_login(member(assessment.organisation))
    html = client.get(perspectives_url(assessment)).content.decode()
    assert "Lena de Vries" in html
    assert "L&amp;D team</span>" in html
    assert "Customers expect same-day delivery." in html


def test_answers_not_yet_submitted_stay_out_of_the_perspectives(client):
    assessment = AssessmentFactory()
    give_text_answers(RespondentFactory(assessment=assessment), {"ctx_value": "Half-written"})
    client.force_login(member(assessment.organisation))
    html = client.get(perspectives_url(assessment)).content.decode()
    assert "Half-written" not in html
    assert html.count("No answers to this question yet.") == 5


def test_typed_text_is_escaped(client):
    assessment = AssessmentFactory()
    person = SubmittedRespondentFactory(assessment=assessment)
    give_text_answers(person, {"ctx_value": "<script>alert(1)</script>"})
    SubmittedRespondentFactory.create_batch(2, assessment=assessment)
    client.force_login(member(assessment.organisation))
    html = client.get(perspectives_url(assessment)).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_the_results_page_speaks_dutch(client):
    scenario = build_scenario()
    client.force_login(member(scenario.assessment.organisation))
    response = client.get(results_url(scenario.assessment), HTTP_ACCEPT_LANGUAGE="nl")
    html = response.content.decode()
    assert "Verantwoordelijkheid en autonomie dicht bij het werk" in html
    assert "Opkomend" in html
    assert "ws-w-39" in html  # widths stay plain integers in any locale


def test_the_diagnosis_index_links_to_the_workspace(client):
    assessment = AssessmentFactory()
    client.force_login(member(assessment.organisation, Role.LEADER))
    html = client.get(reverse("diagnosis_index", args=[assessment.organisation.slug])).content
    slug = assessment.organisation.slug
    assert reverse("workspace_challenges", args=[slug]).encode() in html
    assert reverse("workspace_gaps", args=[slug]).encode() in html


def test_how_sure_we_can_be_is_said_in_plain_words_with_the_statistics_folded_away(client):
    scenario = build_scenario()
    client.force_login(member(scenario.assessment.organisation, Role.VIEWER))
    html = client.get(results_url(scenario.assessment)).content.decode()
    before, _heading, section = html.partition('<h2 class="h4" id="reliability-heading">')
    assert "How sure can we be?" in section
    assert "where their answers scatter, it hides different views" in section
    # The agreement column shows words; rwg(j), its leadership value and alpha come folded.
    assert "Respondents do not agree" in before
    assert "rwg(j)" not in before
    assert "0.19" not in before
    statistics = section[section.index("<details") : section.index("</details>")]
    assert "The statistics behind this" in statistics
    assert "rwg(j)" in statistics
    assert "0.19" in statistics  # f4 overall
    assert "0.97" in statistics  # f4 within the leadership team
    assert "0.98" in statistics  # f4's Cronbach's alpha
