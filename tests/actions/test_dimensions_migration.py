"""Migration 0006: the feature codes an action developed become the dimension codes it
develops, unchanged."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from actions.models import Action
from tests.factories import OrganisationFactory
from tests.policy.factories import PolicyFactory

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("actions", "0005_bounded_dates_and_effort")]


def migrate(targets=None) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets or executor.loader.graph.leaf_nodes())
    return executor


@pytest.fixture
def old(monkeypatch):
    """The actions table before the rename; yields the models of that time."""
    monkeypatch.setattr("reports.versioning.request_regeneration", lambda *args, **kwargs: False)
    executor = migrate(BEFORE)
    yield executor.loader.project_state(BEFORE).apps
    migrate()


def test_the_features_an_action_developed_are_kept_as_the_dimensions_it_develops(old):
    organisation = OrganisationFactory()
    created = old.get_model("actions", "Action").objects.create(
        organisation_id=organisation.pk,
        policy_id=PolicyFactory(organisation=organisation).pk,
        title="Move decision rights",
        features=["f4-autonomy", "f5-supportive-leadership"],
        quadrant="organisational_productive",
        work_type="complex",
        horizon="plan",
    )

    migrate()

    assert Action.objects.get(pk=created.pk).dimensions == [
        "f4-autonomy",
        "f5-supportive-leadership",
    ]
