"""The data migration that gives every uploaded framework an owner (maturity 0004)."""

import importlib

import pytest
from django.apps import apps

from maturity.framework_files import parse_framework
from maturity.models import Framework, FrameworkVersion
from maturity.services import framework_import
from organisations.models import Role
from tests.diagnosis.factories import AssessmentFactory
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

from .samples import EXAMPLE_PATH, MINIMAL

pytestmark = pytest.mark.django_db

migration = importlib.import_module("maturity.migrations.0004_framework_owners")


def uploaded(code: str = "mini", by=None) -> FrameworkVersion:
    """A framework as every upload was stored before frameworks had owners."""
    text = MINIMAL.replace("code: mini", f"code: {code}")
    return framework_import(parse_framework(text, filename="f.yaml"), imported_by=by).version


def owner_of(version: FrameworkVersion) -> tuple:
    framework = Framework.objects.filter(pk=version.framework_id).first()
    if framework is None:
        return ("deleted",)
    return (framework.organisation, framework.practice)


def test_a_framework_goes_to_the_organisation_whose_assessments_use_it() -> None:
    uploader = MembershipFactory(role=Role.OWNER).user  # owns another organisation
    version = uploaded(by=uploader)
    assessment = AssessmentFactory(framework_version=version)

    migration.assign_owners(apps, None)

    assert owner_of(version) == (assessment.organisation, None)


def test_used_by_several_clients_of_its_uploader_it_becomes_their_practice_framework() -> None:
    consultant = UserFactory()
    version = uploaded(by=consultant)
    for _ in range(2):
        assessment = AssessmentFactory(framework_version=version)
        MembershipFactory(
            user=consultant, organisation=assessment.organisation, role=Role.CONSULTANT
        )

    migration.assign_owners(apps, None)

    assert owner_of(version) == (None, consultant)


def test_used_by_organisations_without_a_common_consultant_the_busiest_one_gets_it() -> None:
    version = uploaded()
    AssessmentFactory(framework_version=version)
    busiest = OrganisationFactory()
    AssessmentFactory.create_batch(2, framework_version=version, organisation=busiest)

    migration.assign_owners(apps, None)

    assert owner_of(version) == (busiest, None)


def test_an_unused_framework_goes_to_its_uploaders_practice_or_organisation() -> None:
    consultant = MembershipFactory(role=Role.CONSULTANT).user
    owner = MembershipFactory(role=Role.OWNER)
    loner = UserFactory()
    by_consultant = uploaded("a", by=consultant)
    by_owner = uploaded("b", by=owner.user)
    by_loner = uploaded("c", by=loner)

    migration.assign_owners(apps, None)

    assert owner_of(by_consultant) == (None, consultant)
    assert owner_of(by_owner) == (owner.organisation, None)
    assert owner_of(by_loner) == (None, loner)  # seen nowhere until they advise someone


def test_shipped_codes_stay_built_in_and_an_ownerless_unused_upload_is_removed(
    default_framework,
) -> None:
    example = framework_import(parse_framework(EXAMPLE_PATH.read_text(), filename="x.yaml"))
    orphan = uploaded("orphan")

    migration.assign_owners(apps, None)

    assert owner_of(default_framework) == owner_of(example.version) == (None, None)
    assert owner_of(orphan) == ("deleted",)
    assert not FrameworkVersion.objects.filter(pk=orphan.pk).exists()


def test_frameworks_that_already_have_an_owner_are_left_alone() -> None:
    organisation = OrganisationFactory()
    version = framework_import(
        parse_framework(MINIMAL, filename="m.yaml"), organisation=organisation
    ).version
    AssessmentFactory(framework_version=version)  # another organisation's round

    migration.assign_owners(apps, None)

    assert owner_of(version) == (organisation, None)
