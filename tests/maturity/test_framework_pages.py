"""The framework pages of an organisation: list, detail, download of the original file, upload.

Who sees which framework (built-in, the organisation's own, a practice's) is tested in
test_framework_tenancy.py."""

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from maturity.framework_files import DEFAULT_FRAMEWORK_PATH, MAX_FILE_BYTES, parse_framework
from maturity.models import Framework, FrameworkVersion, Item
from maturity.services import framework_import
from organisations.models import Role
from tests.diagnosis.factories import AssessmentFactory
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.maturity.samples import EXAMPLE_PATH, MINIMAL
from tests.maturity.test_instrument_files import INSTRUMENT

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation():
    return OrganisationFactory(name="Acme")


@pytest.fixture
def consultant(client, organisation):
    user = MembershipFactory(organisation=organisation, role=Role.CONSULTANT).user
    client.force_login(user)
    return user


@pytest.fixture
def leader(client, organisation):
    user = MembershipFactory(organisation=organisation, role=Role.LEADER).user
    client.force_login(user)
    return user


def import_text(text: str, name: str = "mini.yaml", **owner) -> FrameworkVersion:
    return framework_import(parse_framework(text, filename=name), **owner).version


def url(name: str, organisation, version: FrameworkVersion | int | None = None) -> str:
    args = (
        [organisation.slug]
        if version is None
        else [organisation.slug, getattr(version, "pk", version)]
    )
    return reverse(name, args=args)


def upload(client, organisation, content: bytes | str, name: str = "pulse.yaml", **data):
    content = content.encode() if isinstance(content, str) else content
    data["file"] = SimpleUploadedFile(name, content)
    return client.post(url("framework_upload", organisation), data)


# --- list ---------------------------------------------------------------------------------------


def test_the_list_shows_each_framework_with_its_versions_and_counts(
    client, organisation, leader, default_framework
) -> None:
    oldest = import_text(MINIMAL, organisation=organisation)
    newest = import_text(
        MINIMAL.replace("Item one", "Item one reworded"), organisation=organisation
    )
    AssessmentFactory.create_batch(2, organisation=organisation)  # on the default framework

    response = client.get(url("organisation_frameworks", organisation))

    summaries = response.context["summaries"]
    assert [s.framework.code for s in summaries] == ["ld-strategy", "mini"]  # default first
    default, mini = summaries
    assert default.is_default
    assert default.default_version == 1
    assert not mini.is_default
    assert [v.version for v in mini.versions] == [2, 1]
    (v1,) = default.versions
    assert (v1.n_sections, v1.n_dimensions, v1.n_items, v1.n_questions) == (7, 24, 57, 5)
    assert v1.n_assessments == 2
    assert [v.n_assessments for v in mini.versions] == [0, 0]
    html = response.content.decode()
    assert "Default framework" in html
    assert "L&amp;D strategy diagnostic" in html
    assert url("framework_detail", organisation, newest) in html
    assert url("framework_download", organisation, oldest) in html


def test_the_list_offers_uploading_only_to_those_who_may(
    client, organisation, leader, consultant
) -> None:
    upload_url = url("framework_upload", organisation)
    list_url = url("organisation_frameworks", organisation)

    client.force_login(leader)
    assert upload_url not in client.get(list_url).content.decode()
    client.force_login(consultant)
    assert upload_url in client.get(list_url).content.decode()


def test_the_list_says_when_there_are_no_frameworks(client, organisation, leader) -> None:
    response = client.get(url("organisation_frameworks", organisation))

    assert "No frameworks imported yet." in response.content.decode()


def test_the_lists_query_count_does_not_grow_with_frameworks_versions_or_assessments(
    client, organisation, consultant, default_framework, django_assert_max_num_queries
) -> None:
    list_url = url("organisation_frameworks", organisation)
    with django_assert_max_num_queries(10) as captured:
        assert client.get(list_url).status_code == 200
    few = len(captured)
    for n in range(3):
        import_text(MINIMAL.replace("Item one", f"Item {n}"), organisation=organisation)
        import_text(MINIMAL.replace("code: mini", f"code: mini-{n}"), practice=consultant)
    AssessmentFactory.create_batch(3, organisation=organisation)

    with django_assert_max_num_queries(few):
        client.get(list_url)


# --- detail -------------------------------------------------------------------------------------


def test_the_detail_shows_sections_dimensions_items_levels_and_questions(
    client, organisation, leader, default_framework
) -> None:
    response = client.get(url("framework_detail", organisation, default_framework))

    html = response.content.decode()
    f4 = default_framework.dimensions.get(code="f4-autonomy")
    for level in "12345":
        assert f4.levels[level]["en"].replace("'", "&#x27;") in html
    reverse_item = Item.objects.filter(version=default_framework, reverse=True).first()
    assert reverse_item.text["en"].replace("'", "&#x27;") in html
    assert "yes: scored 6 − answer" in html
    assert "Learning-organisation feature" in html  # a dimension's kind
    assert "Points out of 100, today and desired" in html  # a response type
    for question in default_framework.questions.all():
        assert question.code in html
    assert "57 items" in html


def test_the_detail_speaks_the_active_language(
    client, organisation, leader, default_framework
) -> None:
    item = default_framework.items.get(code="f1_1")

    response = client.get(
        url("framework_detail", organisation, default_framework), headers={"accept-language": "nl"}
    )

    html = response.content.decode()
    assert item.text["nl"].replace("'", "&#x27;") in html
    assert item.text["en"].replace("'", "&#x27;") not in html


def test_the_detail_takes_a_fixed_number_of_queries(
    client, organisation, leader, default_framework, django_assert_max_num_queries
) -> None:
    small = import_text(MINIMAL, organisation=organisation)

    with django_assert_max_num_queries(12) as captured:
        assert client.get(url("framework_detail", organisation, small)).status_code == 200
    small_count = len(captured)
    with django_assert_max_num_queries(small_count):
        client.get(url("framework_detail", organisation, default_framework))
    assert small.items.count() < default_framework.items.count()


def test_an_unknown_version_is_not_found(client, organisation, leader, default_framework) -> None:
    assert client.get(url("framework_detail", organisation, default_framework)).status_code == 200
    unknown = default_framework.pk + 1000

    assert client.get(url("framework_detail", organisation, unknown)).status_code == 404
    assert client.get(url("framework_download", organisation, unknown)).status_code == 404


# --- download -----------------------------------------------------------------------------------


def test_the_download_is_the_file_exactly_as_imported(
    client, organisation, leader, default_framework
) -> None:
    response = client.get(url("framework_download", organisation, default_framework))

    assert response.content == DEFAULT_FRAMEWORK_PATH.read_bytes()
    assert response["Content-Type"] == "application/yaml; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="ld-strategy-v1.yaml"'


def test_a_version_without_its_file_has_nothing_to_download(client, organisation, leader) -> None:
    version = import_text(MINIMAL, organisation=organisation)
    download = url("framework_download", organisation, version)
    assert client.get(download).status_code == 200

    FrameworkVersion.objects.filter(pk=version.pk).update(source="")

    assert client.get(download).status_code == 404


# --- upload -------------------------------------------------------------------------------------


PULSE = EXAMPLE_PATH.read_text(encoding="utf-8").replace(
    "code: team-learning-pulse", "code: acme-pulse", 1
)


def test_a_valid_upload_is_imported_for_the_organisation_and_shows_its_new_version(
    client, organisation, consultant
) -> None:
    response = upload(client, organisation, PULSE, "acme-pulse.yaml")

    version = FrameworkVersion.objects.get(framework__code="acme-pulse")
    assert response.status_code == 302
    assert response["Location"] == url("framework_detail", organisation, version)
    assert version.framework.organisation == organisation
    assert version.framework.practice is None
    assert version.imported_by == consultant
    assert version.source == PULSE
    assert version.source_name == "acme-pulse.yaml"
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["Imported acme-pulse v1."]


def test_uploading_the_same_file_again_changes_nothing_and_says_so(
    client, organisation, consultant
) -> None:
    upload(client, organisation, PULSE)

    response = upload(client, organisation, PULSE)

    assert FrameworkVersion.objects.count() == 1
    assert response["Location"] == url(
        "framework_detail", organisation, FrameworkVersion.objects.get()
    )
    assert [str(m) for m in get_messages(response.wsgi_request)][-1] == (
        "This file is already stored as acme-pulse v1; nothing changed."
    )


def test_a_changed_upload_adds_a_version_and_leaves_the_one_in_use_alone(
    client, organisation, consultant
) -> None:
    first = upload(client, organisation, PULSE)
    v1 = FrameworkVersion.objects.get()
    AssessmentFactory(organisation=organisation, framework_version=v1)
    changed = PULSE.replace("  en: Team learning pulse\n", "  en: Team learning pulse 2027\n", 1)
    assert changed != PULSE

    response = upload(client, organisation, changed)

    v2 = FrameworkVersion.objects.get(version=2)
    assert first["Location"] != response["Location"] == url("framework_detail", organisation, v2)
    assert v2.framework_id == v1.framework_id
    assert [str(m) for m in get_messages(response.wsgi_request)][-1] == (
        "Imported acme-pulse v2. v1 is used by assessments and stays as it was."
    )
    v1.refresh_from_db()
    assert v1.title["en"] == "Team learning pulse"


def test_a_malformed_upload_lists_every_problem_with_its_line_and_imports_nothing(
    client, organisation, consultant
) -> None:
    broken = MINIMAL.replace("version: 1", 'version: "1"').replace(
        "{level: 5, description: {en: five}}", "{level: 6, description: {en: six}}"
    )

    response = upload(client, organisation, broken, "mini.yaml")

    assert response.status_code == 200
    assert Framework.objects.count() == 0
    problems = response.context["problems"]
    assert [(p.line, p.path) for p in problems] == [
        (2, "version"),
        (13, "dimensions[0].levels"),
        (18, "dimensions[0].levels[4].level"),
    ]
    html = response.content.decode()
    assert "The file has 3 problems, listed below. Nothing was imported." in html
    assert "Problems in mini.yaml" in html
    assert "<code>dimensions[0].levels[4].level</code>" in html
    assert "level 6 is out of range: levels run from 1 to 5" in html


def test_bad_yaml_syntax_is_shown_with_line_and_column(client, organisation, consultant) -> None:
    broken = MINIMAL.replace("title: {en: Mini}", "title: {en: Mini")

    response = upload(client, organisation, broken, "m.yaml")

    (problem,) = response.context["problems"]
    assert (problem.line, problem.column) == (4, 10)
    assert '<td class="text-nowrap">4:10</td>' in response.content.decode()


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"x" * (MAX_FILE_BYTES + 1), "big.yaml", "framework files may be at most 1.0\xa0MB"),
        (MINIMAL.encode(), "framework.txt", "Choose a .yaml, .yml or .json file"),
        (b"code: \xff\xfe\n", "latin.yaml", "The file has 1 problem, listed below."),
        (b"", "empty.yaml", "The submitted file is empty."),
        (b"[1, 2", "broken.json", "The file has 1 problem, listed below."),
    ],
)
def test_files_that_cannot_be_frameworks_get_a_clear_error_and_no_error_page(
    client, organisation, consultant, content, name, message
) -> None:
    response = upload(client, organisation, content, name)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert Framework.objects.count() == 0


def test_posting_without_a_file_asks_for_one(client, organisation, consultant) -> None:
    response = client.post(url("framework_upload", organisation))

    assert response.status_code == 200
    assert "This field is required." in response.content.decode()


def test_a_json_upload_is_imported(client, organisation, consultant) -> None:
    import json

    import yaml

    response = upload(client, organisation, json.dumps(yaml.safe_load(MINIMAL)), "mini.json")

    version = FrameworkVersion.objects.get()
    assert response["Location"] == url("framework_detail", organisation, version)
    download = client.get(url("framework_download", organisation, version))
    assert download["Content-Type"] == "application/json; charset=utf-8"
    assert download["Content-Disposition"] == 'attachment; filename="mini-v1.json"'


def test_leaders_viewers_and_outsiders_may_not_upload_even_by_posting(client, organisation) -> None:
    for role in (Role.LEADER, Role.VIEWER):
        client.force_login(MembershipFactory(organisation=organisation, role=role).user)
        assert upload(client, organisation, PULSE).status_code == 403
    client.force_login(MembershipFactory(role=Role.OWNER).user)  # owner elsewhere
    assert upload(client, organisation, PULSE).status_code == 404
    assert Framework.objects.count() == 0
    client.force_login(MembershipFactory(organisation=organisation, role=Role.OWNER).user)
    assert upload(client, organisation, PULSE).status_code == 302
    assert Framework.objects.count() == 1


def test_the_way_in_leads_to_the_callers_organisation_or_lets_them_choose(
    client, organisation, consultant
) -> None:
    response = client.get(reverse("framework_list"))
    assert response["Location"] == url("organisation_frameworks", organisation)

    other = MembershipFactory(user=consultant, organisation__name="Zeta").organisation
    html = client.get(reverse("framework_list")).content.decode()

    assert url("organisation_frameworks", organisation) in html
    assert url("organisation_frameworks", other) in html
    assert "Frameworks of Zeta" in html


def test_someone_without_an_organisation_is_told_how_to_get_one(client) -> None:
    client.force_login(UserFactory())

    response = client.get(reverse("framework_list"))

    assert response.status_code == 200
    assert "You are not a member of any organisation yet." in response.content.decode()


def test_the_pages_are_translated_into_dutch(
    client, organisation, consultant, default_framework
) -> None:
    dutch = {"accept-language": "nl"}
    detail = url("framework_detail", organisation, default_framework)

    listing = client.get(url("organisation_frameworks", organisation), headers=dutch)
    listing = listing.content.decode()
    page = client.get(detail, headers=dutch).content.decode()
    form = client.get(url("framework_upload", organisation), headers=dutch).content.decode()

    assert "Volwassenheidsraamwerken" in listing
    assert "Standaardraamwerk" in listing
    assert "Ingebouwd: elke organisatie, alleen-lezen" in listing
    assert "Kenmerk van een lerende organisatie" in page
    assert "Punten van de 100, nu en gewenst" in page
    assert "Raamwerkbestand" in form
    assert "Mijn praktijk: elke organisatie waar ik consultant ben" in form


def test_the_detail_shows_an_instruments_scales_blocks_weights_and_norms(
    client, organisation, leader
) -> None:
    version = import_text(INSTRUMENT, organisation=organisation)

    html = client.get(url("framework_detail", organisation, version)).content.decode()

    assert "6 scored points, 1 to 6" in html
    assert "Almost always" in html
    assert "Not applicable" in html
    assert "(not scored)" in html  # the missing point
    assert "yes: scored 7 − answer" in html  # reverse on 1..6
    assert "weight 2.0 in the overall score" in html
    assert "weight 3.0" in html
    assert "Block one" in html
    assert "A published study, 2020" in html
    assert "3.5–4.6" in html
    assert "The framework names no levels, so the product's names are used." in html
    assert "1 · Starting" in html


def test_the_detail_of_a_framework_with_level_names_shows_them(
    client, organisation, leader, default_framework
) -> None:
    html = client.get(url("framework_detail", organisation, default_framework)).content.decode()

    assert "Named by the framework." in html
    assert "3 · Developing" in html
    assert "Blocks" not in html  # the default framework has none


NORMS_FOR_INSTRUMENT = """\
framework: instrument
version: 1
norms:
  - source: A later study
    year: 2024
    dimensions:
      d1: {median: 3.9, q1: 3.2, q3: 4.5, n: 310}
"""


def test_a_consultant_adds_a_norms_file_to_the_organisations_own_framework(
    client, organisation, consultant
) -> None:
    version = import_text(INSTRUMENT, "instrument.yaml", organisation=organisation)
    detail = client.get(url("framework_detail", organisation, version))
    assert url("framework_norms_upload", organisation, version) in detail.content.decode()

    response = client.post(
        url("framework_norms_upload", organisation, version),
        {"file": SimpleUploadedFile("norms.yaml", NORMS_FOR_INSTRUMENT.encode())},
    )

    assert response.status_code == 302
    assert version.norms.filter(source="A later study", dimension__code="d1").exists()
    assert "Added 1 norm value." in [str(m) for m in get_messages(response.wsgi_request)]


def test_a_norms_file_with_an_unknown_dimension_is_refused_with_its_line(
    client, organisation, consultant
) -> None:
    version = import_text(INSTRUMENT, "instrument.yaml", organisation=organisation)
    before = version.norms.count()
    bad = NORMS_FOR_INSTRUMENT.replace("d1:", "d9:")

    response = client.post(
        url("framework_norms_upload", organisation, version),
        {"file": SimpleUploadedFile("norms.yaml", bad.encode())},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="file-problems"' in page
    assert "d9" in page
    assert "Nothing was imported" in page
    assert version.norms.count() == before


def test_a_built_in_framework_offers_no_norms_upload(client, organisation, consultant) -> None:
    version = framework_import(parse_framework(DEFAULT_FRAMEWORK_PATH.read_text())).version
    detail = client.get(url("framework_detail", organisation, version))
    assert detail.status_code == 200
    assert "Add norms" not in detail.content.decode()
    assert client.get(url("framework_norms_upload", organisation, version)).status_code == 404
