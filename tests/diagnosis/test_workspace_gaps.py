"""Knowledge gaps: list, add, edit and delete, in place with htmx or with plain posts."""

import re

import pytest
from django.urls import reverse

from diagnosis.models import KnowledgeGap
from organisations.models import Role
from tests.diagnosis.factories import KnowledgeGapFactory
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}
VALID = {
    "target_group": "Planners",
    "competence": "Scenario planning",
    "present_level": "2",
    "needed_level": "4",
    "approach": "borrow",
    "notes": "Partner with the university",
}


@pytest.fixture
def organisation():
    return OrganisationFactory()


@pytest.fixture
def owner(client, organisation):
    user = MembershipFactory(organisation=organisation, role=Role.OWNER).user
    client.force_login(user)
    return user


def url(name, organisation, *args):
    return reverse(name, args=[organisation.slug, *args])


def field_block(html: str, field_id: str) -> str:
    """The markup of one crispy field, from its wrapper to the next field's wrapper."""
    start = html.index(f'id="div_{field_id}"')
    following = html.find('id="div_', start + 1)
    return html[start : following if following != -1 else len(html)]


def test_an_owner_adds_a_knowledge_gap_and_sees_it_listed(client, organisation, owner):
    response = client.post(url("workspace_gap_create", organisation), VALID, follow=True)
    gap = KnowledgeGap.objects.get()
    assert (gap.organisation, gap.present_level, gap.needed_level, gap.gap) == (
        organisation, 2, 4, 2,
    )  # fmt: skip
    html = response.content.decode()
    assert "Scenario planning" in html
    assert "Borrow (partner)" in html
    assert "Knowledge gap added." in html


def test_with_htmx_the_new_row_arrives_out_of_band_with_a_fresh_form(client, organisation, owner):
    response = client.post(url("workspace_gap_create", organisation), VALID, **HTMX)
    html = response.content.decode()
    assert '<div id="gap-list" class="table-responsive" hx-swap-oob="true">' in html
    assert "Scenario planning" in html
    form = html[: html.index('<div id="gap-list"')]
    assert 'name="competence"' in form
    assert "Scenario planning" not in form  # the form is empty again


def test_a_level_out_of_range_is_shown_next_to_the_field_and_the_rest_is_kept(
    client, organisation, owner
):
    response = client.post(
        url("workspace_gap_create", organisation), VALID | {"present_level": "7"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ensure this value is less than or equal to 5." in field_block(html, "id_present_level")
    assert 'value="Scenario planning"' in html
    assert not KnowledgeGap.objects.exists()


def test_a_needed_level_below_the_present_one_is_refused(client, organisation, owner):
    response = client.post(
        url("workspace_gap_create", organisation),
        VALID | {"present_level": "4", "needed_level": "2"},
        **HTMX,
    )
    html = response.content.decode()
    assert "The needed level cannot be below the present level." in field_block(
        html, "id_needed_level"
    )
    assert "hx-swap-oob" not in html
    assert not KnowledgeGap.objects.exists()


def test_missing_fields_are_each_flagged(client, organisation, owner):
    html = client.post(url("workspace_gap_create", organisation), {}, **HTMX).content.decode()
    for field in ("target_group", "competence", "present_level", "needed_level", "approach"):
        assert "This field is required." in field_block(html, f"id_{field}")


def test_editing_in_place_turns_the_row_into_a_form_and_back(client, organisation, owner):
    gap = KnowledgeGapFactory(organisation=organisation, competence="Analytics")
    edit = url("workspace_gap_edit", organisation, gap.pk)
    form_row = client.get(edit, **HTMX).content.decode()
    assert form_row.startswith(f'<tr id="gap-{gap.pk}"><td colspan="7">')
    assert f'name="gap-{gap.pk}-competence"' in form_row
    data = {f"gap-{gap.pk}-{key}": value for key, value in VALID.items()}
    row = client.post(edit, data | {f"gap-{gap.pk}-approach": "buy"}, **HTMX).content.decode()
    assert row.startswith(f'<tr id="gap-{gap.pk}">')
    assert "Buy (hire)" in row
    gap.refresh_from_db()
    assert (gap.competence, gap.approach) == ("Scenario planning", "buy")


def test_an_invalid_edit_stays_a_form_with_the_error(client, organisation, owner):
    gap = KnowledgeGapFactory(organisation=organisation)
    data = {f"gap-{gap.pk}-{key}": value for key, value in VALID.items()}
    data[f"gap-{gap.pk}-competence"] = ""
    edit = url("workspace_gap_edit", organisation, gap.pk)
    html = client.post(edit, data, **HTMX).content.decode()
    assert "This field is required." in field_block(html, f"id_gap-{gap.pk}-competence")
    assert 'value="Planners"' in html


def test_without_htmx_editing_is_a_page_of_its_own(client, organisation, owner):
    gap = KnowledgeGapFactory(organisation=organisation)
    edit = url("workspace_gap_edit", organisation, gap.pk)
    assert "<h1" in client.get(edit).content.decode()
    data = {f"gap-{gap.pk}-{key}": value for key, value in VALID.items()}
    response = client.post(edit, data)
    assert response.url == url("workspace_gaps", organisation)


def test_deleting_removes_the_gap(client, organisation, owner):
    gap = KnowledgeGapFactory(organisation=organisation)
    response = client.post(url("workspace_gap_delete", organisation, gap.pk), **HTMX)
    assert response.content == b""
    assert not KnowledgeGap.objects.exists()


def test_leaders_and_viewers_see_gaps_but_no_edit_controls(client, organisation):
    KnowledgeGapFactory(organisation=organisation, competence="Coaching")
    for role in (Role.LEADER, Role.VIEWER):
        client.force_login(MembershipFactory(organisation=organisation, role=role).user)
        html = client.get(url("workspace_gaps", organisation)).content.decode()
        assert "Coaching" in html
        assert "Add a knowledge gap" not in html
        assert "Delete" not in html


def test_a_leader_cannot_add_a_gap(client, organisation):
    client.force_login(MembershipFactory(organisation=organisation, role=Role.LEADER).user)
    assert client.post(url("workspace_gap_create", organisation), VALID).status_code == 403
    assert not KnowledgeGap.objects.exists()


def test_another_organisations_gap_cannot_be_edited_or_deleted_by_id(client, organisation, owner):
    foreign = KnowledgeGapFactory(competence="Theirs")
    data = {f"gap-{foreign.pk}-{key}": value for key, value in VALID.items()}
    edit = url("workspace_gap_edit", organisation, foreign.pk)
    assert client.post(edit, data).status_code == 404
    delete = url("workspace_gap_delete", organisation, foreign.pk)
    assert client.post(delete).status_code == 404
    foreign.refresh_from_db()
    assert foreign.competence == "Theirs"


def test_the_list_shows_only_this_organisations_gaps(client, organisation, owner):
    KnowledgeGapFactory(organisation=organisation, competence="Ours")
    KnowledgeGapFactory(competence="Theirs")
    html = client.get(url("workspace_gaps", organisation)).content.decode()
    assert "Ours" in html
    assert "Theirs" not in html
    assert len(re.findall(r'<tr id="gap-\d+">', html)) == 1
