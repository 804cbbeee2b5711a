"""Migrations 0002-0003: duplicates that adopting an entry twice left behind are resolved
(merged when worded the same, detached from the library when the team reworded one), then the
database refuses new ones."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from policy.library import library_entry
from policy.models import Policy, PolicyRevision, PolicyStatus, RevisionKind
from tests.actions.factories import ActionFactory
from tests.diagnosis.factories import KeyChallengeFactory
from tests.factories import OrganisationFactory
from tests.policy.factories import PolicyFactory

pytestmark = pytest.mark.django_db(transaction=True)

CODE = "education-is-not-the-default"


def migrate(target=None) -> None:
    """Migrate the policy app to ``target`` (a migration name), or everything to the newest."""
    executor = MigrationExecutor(connection)
    targets = [("policy", target)] if target else executor.loader.graph.leaf_nodes()
    executor.migrate(targets)


@pytest.fixture
def before_constraint():
    migrate("0001_initial")
    yield
    migrate()


def test_duplicates_are_merged_or_detached_and_then_refused(before_constraint):
    entry = library_entry(CODE)
    organisation = OrganisationFactory()
    first, second = KeyChallengeFactory.create_batch(2, organisation=organisation)
    oldest = PolicyFactory(
        organisation=organisation, statement=entry.statement_text["en"], source_code=CODE,
        challenges=[first],
    )  # fmt: skip
    agreed = PolicyFactory(
        organisation=organisation, statement=entry.statement_text["nl"], source_code=CODE,
        challenges=[second], status=PolicyStatus.AGREED,
    )  # fmt: skip
    reworded = PolicyFactory(
        organisation=organisation, statement="Courses come last here.", source_code=CODE
    )
    action = ActionFactory(organisation=organisation, policy=oldest)
    PolicyRevision.objects.create(
        policy=oldest, kind=RevisionKind.CREATED, statement=oldest.statement, status="draft"
    )
    elsewhere = PolicyFactory(statement=entry.statement_text["en"], source_code=CODE)

    migrate()

    remaining = Policy.objects.filter(organisation=organisation)
    assert set(remaining.values_list("pk", "source_code")) == {
        (agreed.pk, CODE),  # agreed beats draft; the same wording merged into it
        (reworded.pk, ""),  # the team's own words are kept, no longer from the library
    }
    action.refresh_from_db()
    assert action.policy_id == agreed.pk
    assert set(agreed.challenges.all()) == {first, second}
    assert agreed.revisions.filter(kind=RevisionKind.CREATED).count() == 1
    assert Policy.objects.get(pk=elsewhere.pk).source_code == CODE


def test_an_active_policy_is_kept_before_a_retired_one(before_constraint):
    organisation = OrganisationFactory()
    statement = library_entry(CODE).statement_text["en"]
    retired = PolicyFactory(
        organisation=organisation, statement=statement, source_code=CODE,
        status=PolicyStatus.AGREED, retired_at=timezone.now(),
    )  # fmt: skip
    active = PolicyFactory(organisation=organisation, statement=statement, source_code=CODE)

    migrate()

    assert list(Policy.objects.filter(organisation=organisation)) == [active]
    assert not Policy.objects.filter(pk=retired.pk).exists()
