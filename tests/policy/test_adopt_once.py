"""A library entry is adopted once per organisation: adopting it again opens the policy the
organisation already has, a double submit creates one policy, and the database keeps it so."""

import contextlib
import threading

import pytest
from django.contrib.messages import get_messages
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from organisations.models import Role
from policy import services
from policy.library import library_entry
from policy.models import Policy
from tests.diagnosis.factories import KeyChallengeFactory
from tests.factories import MembershipFactory
from tests.policy.factories import PolicyFactory

pytestmark = pytest.mark.django_db

CODE = "education-is-not-the-default"


@pytest.fixture
def owner():
    return MembershipFactory(role=Role.OWNER)


@pytest.fixture
def adopted(owner):
    """The owner's organisation has adopted entry CODE as it stands."""
    entry = library_entry(CODE)
    return PolicyFactory(
        organisation=owner.organisation,
        statement=entry.statement,
        rationale=entry.rationale,
        source_code=CODE,
    )


def url(name, organisation, *args):
    return reverse(name, args=[organisation.slug, *args])


def adoption(challenge) -> dict:
    entry = library_entry(CODE)
    return {
        "statement": entry.statement,
        "rationale": entry.rationale,
        "challenges": [challenge.pk],
        "source_code": CODE,
    }


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_adopting_an_entry_already_adopted_opens_the_existing_policy(client, owner, adopted):
    client.force_login(owner.user)
    response = client.get(url("policy_create", owner.organisation) + f"?from={CODE}")
    assert response.status_code == 302
    assert response.url == url("policy_detail", owner.organisation, adopted.pk)
    assert messages_of(response) == ["This library policy is already adopted: here it is."]
    assert Policy.objects.filter(organisation=owner.organisation).count() == 1


def test_adopting_an_entry_not_yet_adopted_still_shows_the_form(client, owner, adopted):
    client.force_login(owner.user)
    entry = library_entry("social-structures-for-learning")
    response = client.get(url("policy_create", owner.organisation) + f"?from={entry.code}")
    assert response.status_code == 200
    assert entry.statement in response.text


def test_adapting_an_entry_already_adopted_opens_it_too(client, owner, adopted):
    client.force_login(owner.user)
    response = client.get(url("policy_create", owner.organisation) + f"?from={CODE}&adapt=1")
    assert response.url == url("policy_detail", owner.organisation, adopted.pk)


def test_a_double_submit_creates_one_policy_and_opens_it(client, owner):
    challenge = KeyChallengeFactory(organisation=owner.organisation)
    client.force_login(owner.user)
    first = client.post(url("policy_create", owner.organisation), adoption(challenge))
    second = client.post(url("policy_create", owner.organisation), adoption(challenge))
    policy = Policy.objects.get(organisation=owner.organisation)
    assert first.url == second.url == url("policy_detail", owner.organisation, policy.pk)
    # (the first post's message was never shown: nobody followed its redirect)
    assert messages_of(second)[-1] == "This library policy is already adopted: here it is."
    assert policy.revisions.count() == 1


def test_adopting_an_entry_whose_policy_was_retired_offers_to_bring_it_back(client, owner, adopted):
    Policy.objects.filter(pk=adopted.pk).update(retired_at=timezone.now())
    client.force_login(owner.user)
    response = client.get(url("policy_create", owner.organisation) + f"?from={CODE}")
    assert response.url == url("policy_detail", owner.organisation, adopted.pk)
    assert messages_of(response) == [
        "This library policy was adopted before and retired. Bring it back to use it again."
    ]
    detail = client.get(response.url)
    assert "Bring back" in detail.text


def test_two_requests_at_once_meet_the_constraint_and_the_second_gets_the_first_policy(
    owner, adopted, monkeypatch
):
    """The second request checked before the first one's row was there: the insert fails on
    the constraint and the service hands back the policy that won."""
    real = services.policy_adopted_from
    calls = []

    def too_early(**kwargs):
        calls.append(kwargs)
        return None if len(calls) == 1 else real(**kwargs)

    monkeypatch.setattr(services, "policy_adopted_from", too_early)
    challenge = KeyChallengeFactory(organisation=owner.organisation)
    with pytest.raises(services.PolicyAlreadyAdopted) as raised:
        services.policy_create(
            organisation=owner.organisation,
            author=owner.user,
            statement="Courses last",
            rationale="Ours",
            challenges=[challenge],
            source_code=CODE,
        )
    assert raised.value.policy == adopted
    assert len(calls) == 2
    assert Policy.objects.filter(organisation=owner.organisation).count() == 1


def test_the_database_refuses_a_second_policy_from_the_same_entry(owner, adopted):
    with pytest.raises(IntegrityError), transaction.atomic():
        PolicyFactory(organisation=owner.organisation, source_code=CODE)


def test_own_policies_and_other_organisations_are_not_limited(owner, adopted):
    PolicyFactory.create_batch(2, organisation=owner.organisation, source_code="")
    elsewhere = PolicyFactory(source_code=CODE)
    assert Policy.objects.filter(organisation=owner.organisation).count() == 3
    assert elsewhere.source_code == CODE


def test_the_library_opens_adopted_entries_instead_of_adopting_them_again(client, owner, adopted):
    client.force_login(owner.user)
    page = client.get(url("policy_library", owner.organisation)).text
    detail = url("policy_detail", owner.organisation, adopted.pk)
    assert page.count("Already adopted") == 1
    assert page.count(f'href="{detail}"') == 1
    assert f"?from={CODE}" not in page
    assert "?from=social-structures-for-learning" in page  # entries not adopted: Adopt, Adapt


@pytest.mark.django_db(transaction=True)
def test_two_tabs_adopting_at_the_same_moment_create_one_policy(owner, monkeypatch):
    """Two requests pass the "already adopted?" check together, then both insert: the database
    constraint lets one through and the other gets that policy back (real PostgreSQL race)."""
    real = services.policy_adopted_from
    both_checked = threading.Barrier(2, timeout=10)

    def check_together(**kwargs):
        found = real(**kwargs)
        if threading.current_thread() is not threading.main_thread() and found is None:
            with contextlib.suppress(threading.BrokenBarrierError):
                both_checked.wait()
        return found

    monkeypatch.setattr(services, "policy_adopted_from", check_together)
    challenge = KeyChallengeFactory(organisation=owner.organisation)
    outcomes: list = []

    def adopt():
        try:
            outcomes.append(
                services.policy_create(
                    organisation=owner.organisation,
                    author=owner.user,
                    statement=library_entry(CODE).statement,
                    rationale="Ours",
                    challenges=[challenge],
                    source_code=CODE,
                )
            )
        except services.PolicyAlreadyAdopted as adopted:
            outcomes.append(adopted)
        finally:
            connection.close()

    tabs = [threading.Thread(target=adopt) for _ in range(2)]
    for tab in tabs:
        tab.start()
    for tab in tabs:
        tab.join(timeout=30)
    [policy] = Policy.objects.filter(organisation=owner.organisation)
    created = [o for o in outcomes if isinstance(o, Policy)]
    refused = [o for o in outcomes if isinstance(o, services.PolicyAlreadyAdopted)]
    assert created == [policy]
    assert [r.policy for r in refused] == [policy]
