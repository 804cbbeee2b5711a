"""The read-only admin, the demo seed and the migration that moved file names out of `source`."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from maturity import demo
from maturity.framework_files import DEFAULT_FRAMEWORK_PATH
from maturity.models import Dimension, Framework, FrameworkVersion, Item, Question, Section
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

MODELS = (Framework, FrameworkVersion, Section, Dimension, Item, Question)


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_staff_can_read_every_framework_model_in_the_admin(
    admin_client, default_framework, model
) -> None:
    name = model._meta.model_name
    obj = model.objects.first()

    changelist = admin_client.get(reverse(f"admin:maturity_{name}_changelist"))
    change = admin_client.get(reverse(f"admin:maturity_{name}_change", args=[obj.pk]))

    assert changelist.status_code == 200
    assert change.status_code == 200
    assert 'name="_save"' not in change.content.decode()  # nothing to save: read-only


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_nobody_adds_or_deletes_framework_rows_in_the_admin(
    admin_client, default_framework, model
) -> None:
    name = model._meta.model_name
    obj = model.objects.first()

    assert admin_client.get(reverse(f"admin:maturity_{name}_add")).status_code == 403
    delete = admin_client.post(reverse(f"admin:maturity_{name}_delete", args=[obj.pk]))
    assert delete.status_code == 403
    assert model.objects.filter(pk=obj.pk).exists()


def test_seeding_the_demo_imports_every_shipped_framework_once() -> None:
    demo.seed_demo()
    counts = {model: model.objects.count() for model in MODELS}

    demo.seed_demo()

    assert set(FrameworkVersion.objects.values_list("framework__code", "version")) == {
        ("ld-strategy", 1),
        ("learning-climate-frequency", 1),
        ("learning-organisation-blocks", 1),
        ("team-learning-pulse", 1),
    }
    assert {model: model.objects.count() for model in MODELS} == counts


def test_the_migration_moves_an_old_file_name_out_of_source(default_framework) -> None:
    migration = importlib.import_module("maturity.migrations.0002_version_source_name")
    FrameworkVersion.objects.filter(pk=default_framework.pk).update(
        source=str(DEFAULT_FRAMEWORK_PATH), source_name=""
    )

    migration.move_file_names(apps, None)

    default_framework.refresh_from_db()
    assert default_framework.source_name == "ld-strategy.yaml"
    assert default_framework.source == DEFAULT_FRAMEWORK_PATH.read_text(encoding="utf-8")


def test_the_migration_leaves_source_empty_when_the_file_is_gone(default_framework) -> None:
    migration = importlib.import_module("maturity.migrations.0002_version_source_name")
    FrameworkVersion.objects.filter(pk=default_framework.pk).update(
        source="/nowhere/ld-strategy.yaml", source_name=""
    )

    migration.move_file_names(apps, None)

    default_framework.refresh_from_db()
    assert (default_framework.source_name, default_framework.source) == ("ld-strategy.yaml", "")
