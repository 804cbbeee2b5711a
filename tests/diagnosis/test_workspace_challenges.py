"""Key challenges: list, add, adopt a suggestion, edit, reorder and delete."""

import pytest
from django.urls import reverse

from diagnosis.models import KeyChallenge, Priority
from organisations.models import Role
from tests.diagnosis.factories import AssessmentFactory, KeyChallengeFactory
from tests.diagnosis.results_scenario import build_scenario
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def scenario():
    return build_scenario()


@pytest.fixture
def organisation(scenario):
    return scenario.assessment.organisation


@pytest.fixture
def owner(client, organisation):
    user = MembershipFactory(organisation=organisation, role=Role.OWNER).user
    client.force_login(user)
    return user


def url(name, organisation, *args):
    return reverse(name, args=[organisation.slug, *args])


def valid(scenario, **changes):
    return {
        "assessment": scenario.assessment.pk,
        "title": "Leaders keep decisions at the top",
        "description": "Teams wait for approval.",
        "priority": Priority.HIGH,
        "dimension_codes": ["f4-autonomy", "f5-supportive-leadership"],
    } | changes


def field_block(html: str, field_id: str) -> str:
    start = html.index(f'id="div_{field_id}"')
    following = html.find('id="div_', start + 1)
    return html[start : following if following != -1 else len(html)]


def input_tag(html: str, value: str) -> str:
    at = html.index(f'value="{value}"')
    return html[html.rindex("<input", 0, at) : html.index(">", at)]


def test_an_owner_adds_a_challenge_tied_to_dimensions(client, scenario, organisation, owner):
    response = client.post(url("workspace_challenge_create", organisation), valid(scenario))
    challenge = KeyChallenge.objects.get()
    assert challenge.organisation == organisation
    assert challenge.assessment == scenario.assessment
    assert challenge.dimension_codes == ["f4-autonomy", "f5-supportive-leadership"]
    assert response.url.endswith(f"?assessment={scenario.assessment.pk}")
    html = client.get(response.url).content.decode()
    assert "Leaders keep decisions at the top" in html
    assert "Supportive leadership and freedom to speak" in html  # dimension names, not codes


def test_a_challenge_needs_a_dimension(client, scenario, organisation, owner):
    response = client.post(
        url("workspace_challenge_create", organisation),
        valid(scenario, dimension_codes=[]),
        **HTMX,
    )
    html = response.content.decode()
    assert "Tie the challenge to at least one dimension." in field_block(html, "id_dimension_codes")
    assert 'value="Leaders keep decisions at the top"' in html
    assert not KeyChallenge.objects.exists()


def test_a_dimension_outside_the_framework_is_refused(client, scenario, organisation, owner):
    response = client.post(
        url("workspace_challenge_create", organisation),
        valid(scenario, dimension_codes=["f4-autonomy", "made-up"]),
    )
    html = response.content.decode()
    assert "made-up is not a dimension of this framework." in field_block(
        html, "id_dimension_codes"
    )
    assert not KeyChallenge.objects.exists()


def test_a_title_is_required_and_the_error_sits_next_to_it(client, scenario, organisation, owner):
    html = client.post(
        url("workspace_challenge_create", organisation), valid(scenario, title="")
    ).content.decode()
    assert "This field is required." in field_block(html, "id_title")


def test_another_organisations_assessment_cannot_be_used(client, scenario, organisation, owner):
    foreign = AssessmentFactory()
    response = client.post(
        url("workspace_challenge_create", organisation), valid(scenario, assessment=foreign.pk)
    )
    assert response.status_code == 404
    assert not KeyChallenge.objects.exists()


def test_a_malformed_assessment_id_is_not_found(client, scenario, organisation, owner):
    for raw in ("abc", "-1", "99999999999999999999999"):
        response = client.get(url("workspace_challenges", organisation) + f"?assessment={raw}")
        assert response.status_code == 404


def test_adopting_a_suggestion_lists_it_and_removes_the_suggestion(
    client, scenario, organisation, owner
):
    page = client.get(url("workspace_challenges", organisation)).content.decode()
    title = "The leadership team does not agree on “Focus on problem solving and performance”"
    assert title in page
    adopt = {
        "assessment": scenario.assessment.pk,
        "title": title,
        "description": "Agree where we stand.",
        "priority": Priority.HIGH,
        "dimension_codes": ["f2-problem-solving"],
    }
    html = client.post(url("workspace_challenge_create", organisation), adopt, **HTMX)
    html = html.content.decode()
    assert 'id="challenge-workspace"' in html
    assert "<html" not in html  # only the workspace part, for htmx to swap
    assert f'<h4 class="h6 mb-1">{title}</h4>' in html  # listed ...
    assert f'<h3 class="h6">{title}</h3>' not in html  # ... and no longer suggested
    assert KeyChallenge.objects.get().dimension_codes == ["f2-problem-solving"]


def test_adapting_a_suggestion_prefills_the_form(client, scenario, organisation, owner):
    response = client.get(
        url("workspace_challenge_create", organisation),
        {"assessment": scenario.assessment.pk, "suggestion": "no-agreement:f4-autonomy"},
    )
    form = field_block(response.content.decode(), "id_title")
    assert (
        'value="Respondents do not agree on “Accountability and autonomy close to the work”"'
        in form
    )
    assert "autofocus" in form
    checks = field_block(response.content.decode(), "id_dimension_codes")
    assert "checked" in input_tag(checks, "f4-autonomy")
    assert "checked" not in input_tag(checks, "f2-problem-solving")
    assert not KeyChallenge.objects.exists()


def test_editing_a_challenge_in_place(client, scenario, organisation, owner):
    challenge = KeyChallengeFactory(organisation=organisation, assessment=scenario.assessment)
    edit = url("workspace_challenge_edit", organisation, challenge.pk)
    html = client.get(edit, **HTMX).content.decode()
    assert 'id="challenge-edit-form"' in html
    data = {f"edit-{key}": value for key, value in valid(scenario).items() if key != "assessment"}
    client.post(edit, data | {"assessment": scenario.assessment.pk}, **HTMX)
    challenge.refresh_from_db()
    assert challenge.title == "Leaders keep decisions at the top"
    assert challenge.priority == Priority.HIGH


def test_an_invalid_edit_shows_the_error_in_place(client, scenario, organisation, owner):
    challenge = KeyChallengeFactory(organisation=organisation, assessment=scenario.assessment)
    edit = url("workspace_challenge_edit", organisation, challenge.pk)
    data = {
        "edit-title": "",
        "edit-priority": Priority.LOW,
        "edit-dimension_codes": ["f1-learning-culture"],
    }
    html = client.post(edit, data, **HTMX).content.decode()
    assert "This field is required." in field_block(html, "id_edit-title")
    challenge.refresh_from_db()
    assert challenge.title.startswith("Key challenge")


def test_a_challenge_whose_priority_changes_goes_last_in_its_new_group(
    client, scenario, organisation, owner
):
    first, second = (
        KeyChallengeFactory(organisation=organisation, priority=Priority.HIGH, position=p)
        for p in (0, 1)
    )
    moving = KeyChallengeFactory(organisation=organisation, priority=Priority.LOW, position=2)
    data = {
        "edit-title": moving.title,
        "edit-priority": Priority.HIGH,
        "edit-dimension_codes": ["f4-autonomy"],
    }
    client.post(url("workspace_challenge_edit", organisation, moving.pk), data)
    assert list(KeyChallenge.objects.all()) == [first, second, moving]


def test_reordering_moves_a_challenge_within_its_priority(client, scenario, organisation, owner):
    a, b, c = (
        KeyChallengeFactory(organisation=organisation, priority=Priority.MEDIUM, position=p)
        for p in (0, 1, 2)
    )
    move = url("workspace_challenge_move", organisation, c.pk)
    client.post(move, {"direction": "up"})
    assert list(KeyChallenge.objects.all()) == [a, c, b]
    client.post(url("workspace_challenge_move", organisation, a.pk), {"direction": "up"})
    assert list(KeyChallenge.objects.all()) == [a, c, b]  # already first
    response = client.post(move, {"direction": "sideways"})
    assert response.status_code == 400


def test_the_first_challenge_offers_no_move_up_and_the_last_no_move_down(
    client, scenario, organisation, owner
):
    for position in (0, 1):
        KeyChallengeFactory(organisation=organisation, title=f"C{position}", position=position)
    html = client.get(url("workspace_challenges", organisation)).content.decode()
    assert "Move “C0” down" in html
    assert "Move “C0” up" not in html
    assert "Move “C1” up" in html
    assert "Move “C1” down" not in html


def test_deleting_a_challenge(client, scenario, organisation, owner):
    challenge = KeyChallengeFactory(organisation=organisation)
    response = client.post(url("workspace_challenge_delete", organisation, challenge.pk), **HTMX)
    assert 'id="challenge-workspace"' in response.content.decode()
    assert not KeyChallenge.objects.exists()


def test_viewers_see_challenges_but_no_suggestions_or_form(client, organisation):
    KeyChallengeFactory(organisation=organisation, title="Make learning part of work")
    client.force_login(MembershipFactory(organisation=organisation, role=Role.VIEWER).user)
    html = client.get(url("workspace_challenges", organisation)).content.decode()
    assert "Make learning part of work" in html
    assert "Suggestions from the results" not in html
    assert "Add a key challenge" not in html
    assert "Delete" not in html


def test_without_an_assessment_the_page_explains_where_challenges_come_from(client):
    membership = MembershipFactory(role=Role.OWNER)
    client.force_login(membership.user)
    html = client.get(url("workspace_challenges", membership.organisation)).content.decode()
    assert "Start an assessment first" in html
    create = client.post(url("workspace_challenge_create", membership.organisation), {})
    assert create.status_code == 302


def test_another_organisations_challenge_cannot_be_changed_by_id(
    client, scenario, organisation, owner
):
    foreign = KeyChallengeFactory(title="Theirs")
    for name, data in (
        ("workspace_challenge_edit", {"edit-title": "Mine now", "edit-priority": 1,
                                      "edit-dimension_codes": ["f4-autonomy"]}),
        ("workspace_challenge_move", {"direction": "up"}),
        ("workspace_challenge_delete", {}),
    ):  # fmt: skip
        assert client.post(url(name, organisation, foreign.pk), data).status_code == 404
    foreign.refresh_from_db()
    assert foreign.title == "Theirs"


def test_the_challenge_page_costs_a_fixed_number_of_queries(
    client, scenario, organisation, owner, django_assert_max_num_queries
):
    KeyChallengeFactory(organisation=organisation)
    with django_assert_max_num_queries(20) as few:
        client.get(url("workspace_challenges", organisation))
    for _ in range(10):
        KeyChallengeFactory(organisation=organisation)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url("workspace_challenges", organisation))


def test_a_too_long_description_is_refused_next_to_the_field_and_kept(
    client, scenario, organisation, owner
):
    long_text = "x" * 2001
    html = client.post(
        url("workspace_challenge_create", organisation), valid(scenario, description=long_text)
    ).content.decode()
    block = field_block(html, "id_description")
    assert "Ensure this value has at most 2000 characters (it has 2001)." in block
    assert long_text in block
    assert 'data-max-chars="2000"' in block
    assert "maxlength" not in block  # the browser would cut a paste
    assert not KeyChallenge.objects.exists()
    ok = client.post(
        url("workspace_challenge_create", organisation), valid(scenario, description="x" * 2000)
    )
    assert ok.status_code in (200, 302)
    assert KeyChallenge.objects.get().description == "x" * 2000


def test_a_line_break_counts_as_one_character_as_the_counter_counts_it(
    client, scenario, organisation, owner
):
    text = "line\r\n" * 333 + "x"  # 1,999 characters as typed, 2,332 as the browser sends them
    client.post(url("workspace_challenge_create", organisation), valid(scenario, description=text))
    assert KeyChallenge.objects.get().description == text.replace("\r\n", "\n")
