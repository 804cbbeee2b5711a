"""The framework pages: list, detail, download of the original file, and upload."""

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from maturity.framework_files import DEFAULT_FRAMEWORK_PATH, MAX_FILE_BYTES, parse_framework
from maturity.models import Framework, FrameworkVersion, Item
from maturity.services import framework_import
from organisations.models import Role
from tests.diagnosis.factories import AssessmentFactory
from tests.factories import MembershipFactory, UserFactory
from tests.maturity.samples import EXAMPLE_PATH, MINIMAL

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultant(client):
    user = MembershipFactory(role=Role.CONSULTANT).user
    client.force_login(user)
    return user


@pytest.fixture
def leader(client):
    user = MembershipFactory(role=Role.LEADER).user
    client.force_login(user)
    return user


def import_text(text: str, name: str = "mini.yaml") -> FrameworkVersion:
    return framework_import(parse_framework(text, filename=name)).version


def upload(client, content: bytes | str, name: str = "pulse.yaml"):
    data = content.encode() if isinstance(content, str) else content
    return client.post(reverse("framework_upload"), {"file": SimpleUploadedFile(name, data)})


# --- list ---------------------------------------------------------------------------------------


def test_the_list_shows_each_framework_with_its_versions_and_counts(
    client, leader, default_framework
) -> None:
    import_text(MINIMAL)
    import_text(MINIMAL.replace("Item one", "Item one reworded"))
    AssessmentFactory.create_batch(2)  # both on the default framework

    response = client.get(reverse("framework_list"))

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
    assert reverse("framework_detail", kwargs={"code": "mini", "version": 2}) in html
    assert reverse("framework_download", kwargs={"code": "mini", "version": 1}) in html


def test_the_list_offers_uploading_only_to_those_who_may(client, leader, consultant) -> None:
    upload_url = reverse("framework_upload")

    client.force_login(leader)
    assert upload_url not in client.get(reverse("framework_list")).content.decode()
    client.force_login(consultant)
    assert upload_url in client.get(reverse("framework_list")).content.decode()


def test_the_list_says_when_there_are_no_frameworks(client, leader) -> None:
    response = client.get(reverse("framework_list"))

    assert "No frameworks imported yet." in response.content.decode()


def test_the_lists_query_count_does_not_grow_with_frameworks_versions_or_assessments(
    client, leader, default_framework, django_assert_max_num_queries
) -> None:
    with django_assert_max_num_queries(10) as captured:
        assert client.get(reverse("framework_list")).status_code == 200
    few = len(captured)
    for n in range(3):
        import_text(MINIMAL.replace("Item one", f"Item {n}"))
        import_text(MINIMAL.replace("code: mini", f"code: mini-{n}"))
    AssessmentFactory.create_batch(3)

    with django_assert_max_num_queries(few):
        client.get(reverse("framework_list"))


# --- detail -------------------------------------------------------------------------------------


def test_the_detail_shows_sections_dimensions_items_levels_and_questions(
    client, leader, default_framework
) -> None:
    url = reverse("framework_detail", kwargs={"code": "ld-strategy", "version": 1})

    response = client.get(url)

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


def test_the_detail_speaks_the_active_language(client, leader, default_framework) -> None:
    url = reverse("framework_detail", kwargs={"code": "ld-strategy", "version": 1})
    item = default_framework.items.get(code="f1_1")

    response = client.get(url, headers={"accept-language": "nl"})

    html = response.content.decode()
    assert item.text["nl"].replace("'", "&#x27;") in html
    assert item.text["en"].replace("'", "&#x27;") not in html


def test_the_detail_takes_a_fixed_number_of_queries(
    client, leader, default_framework, django_assert_max_num_queries
) -> None:
    small = import_text(MINIMAL)

    with django_assert_max_num_queries(12) as captured:
        client.get(reverse("framework_detail", kwargs={"code": "mini", "version": 1}))
    small_count = len(captured)
    with django_assert_max_num_queries(small_count):
        client.get(reverse("framework_detail", kwargs={"code": "ld-strategy", "version": 1}))
    assert small.items.count() < default_framework.items.count()


def test_an_unknown_framework_or_version_is_not_found(client, leader, default_framework) -> None:
    for code, version in [("ld-strategy", 2), ("nothing", 1)]:
        url = reverse("framework_detail", kwargs={"code": code, "version": version})
        assert client.get(url).status_code == 404
        url = reverse("framework_download", kwargs={"code": code, "version": version})
        assert client.get(url).status_code == 404


# --- download -----------------------------------------------------------------------------------


def test_the_download_is_the_file_exactly_as_imported(client, leader, default_framework) -> None:
    url = reverse("framework_download", kwargs={"code": "ld-strategy", "version": 1})

    response = client.get(url)

    assert response.content == DEFAULT_FRAMEWORK_PATH.read_bytes()
    assert response["Content-Type"] == "application/yaml; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="ld-strategy-v1.yaml"'


def test_a_version_without_its_file_has_nothing_to_download(client, leader) -> None:
    version = import_text(MINIMAL)
    FrameworkVersion.objects.filter(pk=version.pk).update(source="")

    url = reverse("framework_download", kwargs={"code": "mini", "version": 1})

    assert client.get(url).status_code == 404


# --- upload -------------------------------------------------------------------------------------


def test_a_valid_upload_is_imported_and_shows_its_new_version(client, consultant) -> None:
    response = upload(client, EXAMPLE_PATH.read_bytes(), "team-learning-pulse.yaml")

    version = FrameworkVersion.objects.get(framework__code="team-learning-pulse")
    assert response.status_code == 302
    assert response["Location"] == version.get_absolute_url()
    assert version.imported_by == consultant
    assert version.source == EXAMPLE_PATH.read_text(encoding="utf-8")
    assert version.source_name == "team-learning-pulse.yaml"
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Imported team-learning-pulse v1."
    ]


def test_uploading_the_same_file_again_changes_nothing_and_says_so(client, consultant) -> None:
    upload(client, EXAMPLE_PATH.read_bytes())

    response = upload(client, EXAMPLE_PATH.read_bytes())

    assert FrameworkVersion.objects.count() == 1
    assert response["Location"] == FrameworkVersion.objects.get().get_absolute_url()
    assert [str(m) for m in get_messages(response.wsgi_request)][-1] == (
        "This file is already stored as team-learning-pulse v1; nothing changed."
    )


def test_a_changed_upload_adds_a_version_and_leaves_the_one_in_use_alone(
    client, consultant, default_framework
) -> None:
    AssessmentFactory()
    changed = DEFAULT_FRAMEWORK_PATH.read_text(encoding="utf-8").replace(
        "  en: L&D strategy diagnostic\n", "  en: L&D strategy diagnostic 2027\n", 1
    )

    response = upload(client, changed, "ld-strategy.yaml")

    assert response["Location"] == reverse(
        "framework_detail", kwargs={"code": "ld-strategy", "version": 2}
    )
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Imported ld-strategy v2. v1 is used by assessments and stays as it was."
    ]
    default_framework.refresh_from_db()
    assert default_framework.title["en"] == "L&D strategy diagnostic"


def test_a_malformed_upload_lists_every_problem_with_its_line_and_imports_nothing(
    client, consultant
) -> None:
    broken = MINIMAL.replace("version: 1", 'version: "1"').replace(
        "{level: 5, description: {en: five}}", "{level: 6, description: {en: six}}"
    )

    response = upload(client, broken, "mini.yaml")

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


def test_bad_yaml_syntax_is_shown_with_line_and_column(client, consultant) -> None:
    response = upload(client, MINIMAL.replace("title: {en: Mini}", "title: {en: Mini"), "m.yaml")

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
    client, consultant, content, name, message
) -> None:
    response = upload(client, content, name)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert Framework.objects.count() == 0


def test_posting_without_a_file_asks_for_one(client, consultant) -> None:
    response = client.post(reverse("framework_upload"))

    assert response.status_code == 200
    assert "This field is required." in response.content.decode()


def test_a_json_upload_is_imported(client, consultant) -> None:
    import json

    import yaml

    response = upload(client, json.dumps(yaml.safe_load(MINIMAL)), "mini.json")

    version = FrameworkVersion.objects.get()
    assert response["Location"] == version.get_absolute_url()
    download = client.get(version.get_download_url())
    assert download["Content-Type"] == "application/json; charset=utf-8"
    assert download["Content-Disposition"] == 'attachment; filename="mini-v1.json"'


def test_leaders_and_viewers_may_not_upload_even_by_posting(client) -> None:
    for role in (Role.LEADER, Role.VIEWER):
        client.force_login(MembershipFactory(role=role).user)
        response = upload(client, EXAMPLE_PATH.read_bytes())
        assert response.status_code == 403
    client.force_login(UserFactory())  # no organisation at all
    assert upload(client, EXAMPLE_PATH.read_bytes()).status_code == 403
    assert Framework.objects.count() == 0


def test_staff_may_upload_without_an_organisation(client) -> None:
    client.force_login(UserFactory(is_staff=True))

    response = upload(client, EXAMPLE_PATH.read_bytes())

    assert response.status_code == 302
    assert Framework.objects.filter(code="team-learning-pulse").exists()


def test_the_pages_are_translated_into_dutch(client, consultant, default_framework) -> None:
    dutch = {"accept-language": "nl"}
    detail = reverse("framework_detail", kwargs={"code": "ld-strategy", "version": 1})

    listing = client.get(reverse("framework_list"), headers=dutch).content.decode()
    page = client.get(detail, headers=dutch).content.decode()
    form = client.get(reverse("framework_upload"), headers=dutch).content.decode()

    assert "Volwassenheidsraamwerken" in listing
    assert "Standaardraamwerk" in listing
    assert "Kenmerk van een lerende organisatie" in page
    assert "Punten van de 100, nu en gewenst" in page
    assert "Raamwerkbestand" in form
