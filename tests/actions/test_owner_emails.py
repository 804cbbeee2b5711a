import pytest
from django.core import mail
from django.urls import reverse

from actions.models import Action, GapCause
from organisations.models import Role
from tests.actions.factories import ActionFactory, PerformanceGapFactory
from tests.actions.test_action_views import action_body
from tests.factories import MembershipFactory, PersonFactory, person_of
from tests.policy.factories import PolicyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    owner = MembershipFactory(role=Role.OWNER)
    organisation = owner.organisation
    leader = MembershipFactory(organisation=organisation, role=Role.LEADER)
    other = MembershipFactory(organisation=organisation, role=Role.LEADER)
    return {
        "organisation": organisation,
        "owner": owner.user,
        "leader_person": person_of(leader.user, organisation),
        "other_leader_person": person_of(other.user, organisation),
        "policy": PolicyFactory(organisation=organisation, statement="Decide close to the work."),
    }


def post(client, name, organisation, data, *args, capture):
    with capture(execute=True):
        return client.post(reverse(name, args=[organisation.slug, *args]), data)


def test_the_owner_of_a_new_action_is_told_by_email_with_a_link_to_it(
    client, team, django_capture_on_commit_callbacks
):
    client.force_login(team["owner"])
    post(
        client,
        "action_create",
        team["organisation"],
        action_body(team),
        capture=django_capture_on_commit_callbacks,
    )
    action = Action.objects.get()
    (message,) = mail.outbox
    assert message.to == [team["leader_person"].email]
    assert message.subject == f'You own the action "{action.title}"'
    assert "Decide close to the work." in message.body
    assert reverse("action_detail", args=[team["organisation"].slug, action.pk]) in message.body
    assert "My actions" in message.body


def test_handing_an_action_over_tells_the_new_owner_only(
    client, team, django_capture_on_commit_callbacks
):
    action = ActionFactory(organisation=team["organisation"], owner=team["leader_person"])
    client.force_login(team["owner"])
    body = action_body(team, title=action.title)
    post(
        client,
        "action_edit",
        team["organisation"],
        body,
        action.pk,
        capture=django_capture_on_commit_callbacks,
    )
    assert mail.outbox == []  # same owner: nothing to tell
    body["owner"] = team["other_leader_person"].pk
    post(
        client,
        "action_edit",
        team["organisation"],
        body,
        action.pk,
        capture=django_capture_on_commit_callbacks,
    )
    assert [m.to for m in mail.outbox] == [[team["other_leader_person"].email]]


def test_the_email_is_written_in_the_new_owners_language(
    client, team, django_capture_on_commit_callbacks
):
    person = team["leader_person"]
    person.language = "nl"
    person.save()
    client.force_login(team["owner"])
    post(
        client,
        "action_create",
        team["organisation"],
        action_body(team),
        capture=django_capture_on_commit_callbacks,
    )
    (message,) = mail.outbox
    assert message.subject.startswith("U bent eigenaar van de actie")
    assert "Beste" in message.body


def test_someone_who_makes_themselves_owner_gets_no_email(
    client, team, django_capture_on_commit_callbacks
):
    client.force_login(team["owner"])
    me = person_of(team["owner"], team["organisation"])
    post(
        client,
        "action_create",
        team["organisation"],
        action_body(team, owner=me.pk),
        capture=django_capture_on_commit_callbacks,
    )
    assert Action.objects.get().owner == me
    assert mail.outbox == []


def test_an_owner_without_a_login_gets_the_email_without_a_link(
    client, team, django_capture_on_commit_callbacks
):
    outsider = PersonFactory(organisation=team["organisation"], name="Cas Coo")
    client.force_login(team["owner"])
    post(
        client,
        "action_create",
        team["organisation"],
        action_body(team, owner=outsider.pk),
        capture=django_capture_on_commit_callbacks,
    )
    (message,) = mail.outbox
    assert message.to == [outsider.email]
    assert "Dear Cas Coo," in message.body
    assert "http" not in message.body
    assert "Ask the L&D leader how to report its progress." in message.body


def test_an_email_queued_for_an_owner_who_was_replaced_meanwhile_is_not_sent(team):
    from actions.tasks import send_action_owner_email

    action = ActionFactory(organisation=team["organisation"], owner=team["other_leader_person"])
    send_action_owner_email.delay(action.pk, team["leader_person"].pk)
    assert mail.outbox == []
    send_action_owner_email.delay(action.pk, team["other_leader_person"].pk)
    assert len(mail.outbox) == 1


def test_the_person_a_recommendation_is_handed_to_is_told_by_email(
    client, team, django_capture_on_commit_callbacks
):
    organisation = team["organisation"]
    gap = PerformanceGapFactory(organisation=organisation, cause=GapCause.PROCESS)
    client.force_login(team["owner"])
    data = {"owner": team["leader_person"].pk, "text": "Merge the two hand-overs into one."}
    post(
        client,
        "gap_recommend",
        organisation,
        data,
        gap.pk,
        capture=django_capture_on_commit_callbacks,
    )
    (message,) = mail.outbox
    assert message.to == [team["leader_person"].email]
    assert message.subject == f'A recommendation for you: "{gap.outcome}"'
    assert "Merge the two hand-overs into one." in message.body
    assert reverse("gap_detail", args=[organisation.slug, gap.pk]) in message.body
    post(
        client,
        "gap_recommend",
        organisation,
        data | {"text": "Reworded."},
        gap.pk,
        capture=django_capture_on_commit_callbacks,
    )
    assert len(mail.outbox) == 1  # same person: told once
    post(
        client,
        "gap_recommend",
        organisation,
        data | {"owner": team["other_leader_person"].pk},
        gap.pk,
        capture=django_capture_on_commit_callbacks,
    )
    assert mail.outbox[-1].to == [team["other_leader_person"].email]
