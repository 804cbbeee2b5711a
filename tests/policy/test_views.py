import pytest
from django.urls import reverse

from organisations.models import Role
from policy.library import library_entry
from policy.models import Policy, PolicyStatus, RevisionKind
from tests.diagnosis.factories import KeyChallengeFactory
from tests.factories import MembershipFactory, OrganisationFactory
from tests.policy.factories import PolicyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner():
    return MembershipFactory(role=Role.OWNER)


def url(name, organisation, *args):
    return reverse(name, args=[organisation.slug, *args])


def test_an_owner_adopts_a_library_policy_for_a_key_challenge(client, owner):
    organisation = owner.organisation
    challenge = KeyChallengeFactory(organisation=organisation, title="Learning means courses")
    entry = library_entry("education-is-not-the-default")
    client.force_login(owner.user)

    form_page = client.get(url("policy_create", organisation) + f"?from={entry.code}")
    assert entry.statement in form_page.content.decode()

    response = client.post(
        url("policy_create", organisation),
        {
            "statement": entry.statement,
            "rationale": entry.rationale,
            "challenges": [challenge.pk],
            "source_code": entry.code,
        },
    )
    policy = Policy.objects.get(organisation=organisation)
    assert response.url == url("policy_detail", organisation, policy.pk)
    assert policy.origin == "library"
    assert policy.status == PolicyStatus.DRAFT
    assert list(policy.challenges.all()) == [challenge]
    [revision] = policy.revisions.all()
    assert (revision.kind, revision.author) == (RevisionKind.CREATED, owner.user)
    assert revision.challenge_titles == ["Learning means courses"]


def test_changing_the_wording_of_a_library_policy_makes_it_adapted(client, owner):
    challenge = KeyChallengeFactory(organisation=owner.organisation)
    client.force_login(owner.user)
    client.post(
        url("policy_create", owner.organisation),
        {
            "statement": "Courses are our last resort, not our first.",
            "rationale": "Adapted to our words.",
            "challenges": [challenge.pk],
            "source_code": "education-is-not-the-default",
        },
    )
    policy = Policy.objects.get()
    assert (policy.source_code, policy.origin) == ("education-is-not-the-default", "adapted")


def test_a_policy_without_a_challenge_is_refused_next_to_the_field_keeping_the_text(client, owner):
    KeyChallengeFactory(organisation=owner.organisation)
    client.force_login(owner.user)
    response = client.post(
        url("policy_create", owner.organisation),
        {"statement": "Leaders coach, not control.", "rationale": "Because.", "challenges": []},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Choose at least one key challenge that this policy addresses." in html
    assert 'id="error_1_id_challenges"' in html or "invalid-feedback" in html
    assert "Leaders coach, not control." in html
    assert not Policy.objects.exists()


def test_another_organisations_challenge_cannot_be_linked(client, owner):
    KeyChallengeFactory(organisation=owner.organisation)
    foreign = KeyChallengeFactory(organisation=OrganisationFactory())
    client.force_login(owner.user)
    response = client.post(
        url("policy_create", owner.organisation),
        {"statement": "A policy.", "rationale": "Because.", "challenges": [foreign.pk]},
    )
    assert response.status_code == 200
    assert "is not one of the available choices" in response.content.decode()
    assert not Policy.objects.exists()


def test_a_library_code_that_does_not_exist_is_not_stored(client, owner):
    challenge = KeyChallengeFactory(organisation=owner.organisation)
    client.force_login(owner.user)
    client.post(
        url("policy_create", owner.organisation),
        {"statement": "Own words.", "rationale": "Ours.", "challenges": [challenge.pk],
         "source_code": "<script>"},
    )  # fmt: skip
    assert Policy.objects.get().source_code == ""


def test_agreeing_records_who_and_when_and_rewording_puts_it_back_to_draft(client, owner):
    policy = PolicyFactory(organisation=owner.organisation, statement="Original words.")
    challenge = policy.challenges.get()
    client.force_login(owner.user)
    client.post(url("policy_agree", owner.organisation, policy.pk))
    policy.refresh_from_db()
    assert policy.is_agreed
    assert policy.agreed_by == owner.user
    assert policy.agreed_at

    client.post(
        url("policy_edit", owner.organisation, policy.pk),
        {
            "statement": "Original words.",
            "rationale": "Better reasons.",
            "challenges": [challenge.pk],
        },
    )
    policy.refresh_from_db()
    assert policy.is_agreed, "a new rationale alone does not need a new agreement"

    client.post(
        url("policy_edit", owner.organisation, policy.pk),
        {"statement": "New words.", "rationale": "Better reasons.", "challenges": [challenge.pk]},
    )
    policy.refresh_from_db()
    assert policy.status == PolicyStatus.DRAFT
    assert policy.agreed_by is None
    kinds = list(policy.revisions.order_by("pk").values_list("kind", flat=True))
    assert kinds == [RevisionKind.AGREED, RevisionKind.EDITED, RevisionKind.EDITED]


def test_retiring_keeps_the_policy_and_its_history_and_it_can_be_brought_back(client, owner):
    policy = PolicyFactory(organisation=owner.organisation, statement="Retire me.")
    client.force_login(owner.user)
    client.post(url("policy_retire", owner.organisation, policy.pk))
    policy.refresh_from_db()
    assert policy.is_retired
    page = client.get(url("policy_index", owner.organisation)).content.decode()
    assert "Retired policies" in page
    assert "Retire me." in page

    client.post(url("policy_restore", owner.organisation, policy.pk))
    policy.refresh_from_db()
    assert not policy.is_retired
    detail = client.get(url("policy_detail", owner.organisation, policy.pk)).content.decode()
    assert "Retired" in detail
    assert "Brought back" in detail


def test_policies_are_reordered_by_moving_them_up_and_down(client, owner):
    first, second, third = (
        PolicyFactory(organisation=owner.organisation, statement=f"Policy {n}") for n in "ABC"
    )
    client.force_login(owner.user)
    client.post(url("policy_move", owner.organisation, third.pk, "up"))
    order = list(
        Policy.objects.filter(organisation=owner.organisation).values_list("pk", flat=True)
    )
    assert order == [first.pk, third.pk, second.pk]
    client.post(url("policy_move", owner.organisation, first.pk, "up"))  # already first
    client.post(url("policy_move", owner.organisation, first.pk, "down"))
    order = list(
        Policy.objects.filter(organisation=owner.organisation).values_list("pk", flat=True)
    )
    assert order == [third.pk, first.pk, second.pk]


def test_an_unknown_direction_is_not_found(client, owner):
    policy = PolicyFactory(organisation=owner.organisation)
    client.force_login(owner.user)
    assert (
        client.post(url("policy_move", owner.organisation, policy.pk, "sideways")).status_code
        == 404
    )


def test_a_viewer_reads_the_policies_without_edit_controls(client):
    viewer = MembershipFactory(role=Role.VIEWER)
    PolicyFactory(organisation=viewer.organisation, statement="Visible to all.")
    client.force_login(viewer.user)
    page = client.get(url("policy_index", viewer.organisation)).content.decode()
    assert "Visible to all." in page
    assert "Write a policy" not in page
    assert "Move up" not in page
    library = client.get(url("policy_library", viewer.organisation)).content.decode()
    assert "?from=" not in library


def test_the_index_names_key_challenges_that_have_no_policy(client, owner):
    KeyChallengeFactory(organisation=owner.organisation, title="Nobody owns learning")
    client.force_login(owner.user)
    page = client.get(url("policy_index", owner.organisation)).content.decode()
    assert "Nobody owns learning" in page
    assert "write a policy for it" in page


def test_the_policy_pages_run_a_fixed_number_of_queries(
    client, owner, django_assert_max_num_queries
):
    def grow(n):
        for _ in range(n):
            policy = PolicyFactory(organisation=owner.organisation)
            policy.challenges.add(KeyChallengeFactory(organisation=owner.organisation))

    client.force_login(owner.user)
    grow(2)
    with django_assert_max_num_queries(9):
        assert client.get(url("policy_index", owner.organisation)).status_code == 200
    grow(10)
    with django_assert_max_num_queries(9):
        assert client.get(url("policy_index", owner.organisation)).status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get(url("policy_library", owner.organisation)).status_code == 200
