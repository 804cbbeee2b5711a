"""Who sees which framework: built-in ones everybody (read-only), an organisation's own only that
organisation, a consultant's practice framework only the organisations that consultant advises.
Lists, framework pages and the assessment form's choices all follow the same rule."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse

from diagnosis.models import Assessment
from diagnosis.services import default_framework_choice
from maturity.framework_files import DEFAULT_FRAMEWORK_PATH, parse_framework
from maturity.models import Framework, FrameworkVersion
from maturity.services import (
    FrameworkCodeUnavailable,
    _store,
    framework_import,
    shipped_default_framework,
)
from organisations.models import Membership, Role
from tests.diagnosis.factories import AssessmentFactory
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

from .samples import EXAMPLE_PATH, MINIMAL

pytestmark = pytest.mark.django_db


def framework_text(code: str, title: str = "Mini") -> str:
    return MINIMAL.replace("code: mini", f"code: {code}").replace("{en: Mini}", f"{{en: {title}}}")


def store(code: str = "mini", title: str = "Mini", **owner) -> FrameworkVersion:
    parsed = parse_framework(framework_text(code, title), filename=f"{code}.yaml")
    return framework_import(parsed, **owner).version


def url(name: str, organisation, *args) -> str:
    return reverse(name, args=[organisation.slug, *[getattr(a, "pk", a) for a in args]])


def upload(client, organisation, text: str, **data):
    data["file"] = SimpleUploadedFile("framework.yaml", text.encode())
    return client.post(url("framework_upload", organisation), data)


@pytest.fixture
def acme():
    return OrganisationFactory(name="Acme")


@pytest.fixture
def globex():
    return OrganisationFactory(name="Globex")


@pytest.fixture
def acme_owner(acme):
    return MembershipFactory(organisation=acme, role=Role.OWNER).user


@pytest.fixture
def globex_owner(globex):
    return MembershipFactory(organisation=globex, role=Role.OWNER).user


@pytest.fixture
def consultant(acme):
    """Consultant of Acme (a client); merely a viewer of Globex, so not Globex's consultant."""
    return MembershipFactory(
        organisation=acme, role=Role.CONSULTANT, user__first_name="Casey", user__last_name="Kay"
    ).user


def listed_codes(client, organisation) -> list[str]:
    response = client.get(url("organisation_frameworks", organisation))
    assert response.status_code == 200
    return [summary.framework.code for summary in response.context["summaries"]]


# --- an organisation's own framework ----------------------------------------------------------


def test_an_organisations_framework_is_listed_there_and_nowhere_else(
    client, acme, globex, acme_owner, globex_owner, default_framework
) -> None:
    store("acme-pulse", organisation=acme)

    client.force_login(acme_owner)
    assert listed_codes(client, acme) == ["ld-strategy", "acme-pulse"]
    client.force_login(globex_owner)
    assert listed_codes(client, globex) == ["ld-strategy"]


def test_another_organisations_framework_pages_are_not_found_even_for_a_member_of_both(
    client, acme, globex, acme_owner
) -> None:
    version = store("acme-pulse", organisation=acme)
    MembershipFactory(user=acme_owner, organisation=globex, role=Role.OWNER)
    client.force_login(acme_owner)

    for name in ("framework_detail", "framework_download"):
        assert client.get(url(name, acme, version)).status_code == 200
        assert client.get(url(name, globex, version)).status_code == 404


def test_two_organisations_may_each_have_a_framework_of_the_same_code(
    client, acme, globex, acme_owner, globex_owner
) -> None:
    ours = store("pulse", "Acme pulse", organisation=acme)
    theirs = store("pulse", "Globex pulse", organisation=globex)

    assert ours.framework != theirs.framework
    client.force_login(globex_owner)
    page = client.get(url("organisation_frameworks", globex)).content.decode()
    assert "Globex pulse" in page
    assert "Acme pulse" not in page
    assert client.get(url("framework_detail", globex, ours)).status_code == 404


# --- a consultant's practice ------------------------------------------------------------------


def test_a_practice_framework_is_shared_with_every_client_of_the_consultant_only(
    client, acme, globex, consultant, acme_owner, globex_owner
) -> None:
    initech = OrganisationFactory(name="Initech")
    MembershipFactory(user=consultant, organisation=initech, role=Role.CONSULTANT)
    initech_leader = MembershipFactory(organisation=initech, role=Role.LEADER).user
    MembershipFactory(user=consultant, organisation=globex, role=Role.VIEWER)
    version = store("method", organisation=None, practice=consultant)

    for user, organisation in [(acme_owner, acme), (initech_leader, initech)]:
        client.force_login(user)
        assert "method" in listed_codes(client, organisation)
        assert client.get(url("framework_detail", organisation, version)).status_code == 200
    client.force_login(globex_owner)
    assert "method" not in listed_codes(client, globex)
    assert client.get(url("framework_detail", globex, version)).status_code == 404
    assert client.get(url("framework_download", globex, version)).status_code == 404


def test_a_practice_framework_disappears_from_an_organisation_the_consultant_leaves(
    client, acme, consultant, acme_owner
) -> None:
    version = store("method", practice=consultant)
    client.force_login(acme_owner)
    assert client.get(url("framework_detail", acme, version)).status_code == 200

    Membership.objects.filter(user=consultant, organisation=acme).delete()

    assert client.get(url("framework_detail", acme, version)).status_code == 404
    assert "method" not in listed_codes(client, acme)


def test_a_consultant_may_upload_for_their_practice_and_an_owner_may_not(
    client, acme, globex, consultant, acme_owner
) -> None:
    MembershipFactory(user=consultant, organisation=globex, role=Role.CONSULTANT)
    client.force_login(acme_owner)
    assert "belongs_to" not in client.get(url("framework_upload", acme)).context["form"].fields
    upload(client, acme, framework_text("owners-own"), belongs_to="practice")
    assert Framework.objects.get(code="owners-own").organisation == acme  # no practice for owners

    client.force_login(consultant)
    form = client.get(url("framework_upload", acme))
    assert "My practice: every organisation where I am a consultant" in form.content.decode()
    response = upload(client, acme, framework_text("method"), belongs_to="practice")

    framework = Framework.objects.get(code="method")
    assert (framework.practice, framework.organisation) == (consultant, None)
    assert response["Location"] == url("framework_detail", acme, framework.latest_version())
    assert "method" in listed_codes(client, globex)


def test_the_organisation_is_the_consultants_default_choice(client, acme, consultant) -> None:
    client.force_login(consultant)

    upload(client, acme, framework_text("acme-only"))

    framework = Framework.objects.get(code="acme-only")
    assert (framework.organisation, framework.practice) == (acme, None)


# --- built-in frameworks are read-only --------------------------------------------------------


@pytest.mark.parametrize("path", [DEFAULT_FRAMEWORK_PATH, EXAMPLE_PATH], ids=["default", "example"])
def test_nobody_uploads_a_version_of_a_built_in_framework(
    client, acme, acme_owner, default_framework, path
) -> None:
    client.force_login(acme_owner)
    changed = path.read_text(encoding="utf-8").replace("version: 1", "version: 2", 1)

    response = upload(client, acme, changed)

    assert response.status_code == 200
    code = parse_framework(changed, filename="x.yaml").code
    assert f"“{code}” is the code of a built-in framework, which nobody can change." in (
        response.content.decode()
    )
    assert set(FrameworkVersion.objects.values_list("framework__code", "version")) == {
        ("ld-strategy", 1)
    }


def test_the_pages_say_who_a_framework_belongs_to(
    client, acme, consultant, acme_owner, default_framework
) -> None:
    own = store("acme-pulse", organisation=acme)
    shared = store("method", practice=consultant)
    client.force_login(acme_owner)

    listing = client.get(url("organisation_frameworks", acme)).content.decode()
    assert "Built-in: every organisation, read-only" in listing
    assert "Acme only" in listing
    assert "Shared by Casey Kay with their client organisations" in listing
    assert "Acme only" in client.get(url("framework_detail", acme, own)).content.decode()
    assert "Acme only" not in client.get(url("framework_detail", acme, shared)).content.decode()


# --- codes never show twice in one organisation -----------------------------------------------


def test_an_organisation_may_not_take_a_code_its_consultant_shares(
    client, acme, consultant, acme_owner
) -> None:
    store("method", practice=consultant)
    client.force_login(acme_owner)

    response = upload(client, acme, framework_text("method"))

    assert "“method” is already the code of a framework that Casey Kay shares" in response.text
    assert Framework.objects.filter(code="method").count() == 1
    assert upload(client, acme, framework_text("method-acme")).status_code == 302


def test_a_practice_may_not_take_a_code_one_of_its_clients_uses(client, acme, consultant) -> None:
    store("pulse", organisation=acme)
    client.force_login(consultant)

    response = upload(client, acme, framework_text("pulse"), belongs_to="practice")

    assert "“pulse” is already the code of a framework of Acme" in response.text
    assert not Framework.objects.filter(practice=consultant).exists()
    with pytest.raises(FrameworkCodeUnavailable):
        store("pulse", practice=consultant)
    store("pulse", practice=UserFactory())  # someone advising nobody here may


def test_a_built_in_framework_may_not_take_a_tenants_code(acme) -> None:
    store("pulse", organisation=acme)

    with pytest.raises(FrameworkCodeUnavailable):
        store("pulse")
    assert not Framework.objects.built_in().exists()
    store("other")
    assert list(Framework.objects.built_in().values_list("code", flat=True)) == ["other"]


# --- database constraints ---------------------------------------------------------------------


def test_codes_are_unique_per_owner_in_the_database(acme, globex, consultant) -> None:
    for owner in ({}, {"organisation": acme}, {"practice": consultant}):
        Framework.objects.create(code="same", **owner)
        with pytest.raises(IntegrityError), transaction.atomic():
            Framework.objects.create(code="same", **owner)
    Framework.objects.create(code="same", organisation=globex)
    assert Framework.objects.filter(code="same").count() == 4


def test_a_framework_has_at_most_one_owner_in_the_database(acme, consultant) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Framework.objects.create(code="both", organisation=acme, practice=consultant)
    Framework.objects.create(code="both", organisation=acme)
    assert Framework.objects.filter(code="both").count() == 1


# --- the assessment form ----------------------------------------------------------------------


def round_data(version: FrameworkVersion) -> dict:
    return {
        "title": "Round",
        "period": "2026",
        "groups": ["leadership"],
        "anonymous": "True",
        "anonymity_threshold": "3",
        "framework_version": version.pk,
    }


def test_the_assessment_form_offers_only_what_the_organisation_may_use(
    client, acme, globex, consultant, acme_owner, default_framework
) -> None:
    own = store("acme-pulse", organisation=acme)
    shared = store("method", practice=consultant)
    foreign = store("globex-pulse", organisation=globex)
    client.force_login(acme_owner)

    form = client.get(url("assessment_create", acme)).context["form"]

    choices = set(form.fields["framework_version"].queryset)
    assert choices == {default_framework, own, shared}
    assert foreign not in choices


def test_a_forged_choice_of_another_organisations_framework_is_a_form_error(
    client, acme, globex, acme_owner, default_framework
) -> None:
    foreign = store("globex-pulse", organisation=globex)
    client.force_login(acme_owner)

    response = client.post(url("assessment_create", acme), round_data(foreign))

    assert response.status_code == 200
    assert response.context["form"].errors["framework_version"]
    assert not Assessment.objects.exists()
    response = client.post(url("assessment_create", acme), round_data(default_framework))
    assert response.status_code == 302
    assert Assessment.objects.get().framework_version == default_framework


def test_editing_a_round_keeps_its_framework_after_the_consultant_left(
    client, acme, consultant, acme_owner
) -> None:
    shared = store("method", practice=consultant)
    assessment = AssessmentFactory(organisation=acme, framework_version=shared)
    Membership.objects.filter(user=consultant, organisation=acme).delete()
    client.force_login(acme_owner)

    response = client.post(url("assessment_edit", acme, assessment), round_data(shared))

    assert response.status_code == 302
    assessment.refresh_from_db()
    assert (assessment.title, assessment.framework_version) == ("Round", shared)


def test_a_new_round_starts_on_the_built_in_default_framework_not_a_tenants_namesake(
    acme,
) -> None:
    namesake = Framework.objects.create(code="ld-strategy", organisation=acme)
    _store(namesake, 9, shipped_default_framework(), None)  # bypasses the reserved-code check

    chosen = default_framework_choice()

    assert chosen.framework.is_built_in
    assert (chosen.framework.code, chosen.version) == ("ld-strategy", 1)
