"""Every URL pattern × every kind of caller, with the status each must get.

Each app classifies its URLs in `tests/<app>/access_cases.py`. A URL that nobody classified
fails `test_every_url_pattern_is_classified`, so tenancy and permissions are decided for each
page when it is added.
"""

import importlib
from pathlib import Path

import pytest
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from tests.access import CALLERS, Case, World, everyone, make_world


def collect_cases() -> dict[str, Case]:
    cases: dict[str, Case] = {}
    for path in sorted(Path(__file__).parent.glob("*/access_cases*.py")):
        module = importlib.import_module(f"tests.{path.parent.name}.{path.stem}")
        duplicated = cases.keys() & module.CASES.keys()
        assert not duplicated, f"{path} classifies URLs already classified: {duplicated}"
        cases |= module.CASES
    return cases


CASES = collect_cases()
ADMIN_LOGIN = everyone(200)
ADMIN_PAGE = everyone(302)  # nobody in the matrix is staff: every admin page redirects


def url_pattern_names() -> set[str]:
    def walk(patterns, namespace: str) -> set[str]:
        names: set[str] = set()
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                names |= walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern):
                # The admin's unnamed catch-all only ever redirects or 404s.
                names.add(f"{namespace}{pattern.name}" if pattern.name else "<unnamed>")
        return names

    return walk(get_resolver().url_patterns, "")


def admin_names() -> list[str]:
    return sorted(name for name in url_pattern_names() if name.startswith("admin:"))


def test_every_url_pattern_is_classified():
    unclassified = {
        name
        for name in url_pattern_names()
        if name not in CASES and not name.startswith("admin:") and name != "<unnamed>"
    }
    assert not unclassified, f"Classify these URLs in tests/<app>/access_cases.py: {unclassified}"


def test_no_classified_url_is_stale():
    assert not CASES.keys() - url_pattern_names()


@pytest.fixture
def world(settings, tmp_path) -> World:
    settings.MEDIA_ROOT = tmp_path
    return make_world()


def request_as(client, world: World, caller: str, case: Case, url: str):
    if caller != "anonymous":
        client.force_login(world.users[caller])
    if case.method == "POST":
        return client.post(url, case.data(world) if case.data else {})
    return client.get(url)


@pytest.mark.django_db
@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize("name", sorted(CASES))
def test_each_caller_gets_the_expected_status(client, world, name, caller):
    case = CASES[name]
    url = reverse(name, kwargs=case.kwargs(world))
    response = request_as(client, world, caller, case, url)
    assert response.status_code == case.expect[caller], (
        f"{case.method} {url} as {caller}: got {response.status_code}"
    )


@pytest.mark.django_db
@pytest.mark.parametrize("caller", ["owner", "consultant"])
@pytest.mark.parametrize(
    "name", sorted(name for name, case in CASES.items() if case.foreign_kwargs)
)
def test_another_organisations_object_is_not_found(client, world, name, caller):
    case = CASES[name]
    kwargs = case.kwargs(world) | case.foreign_kwargs(world)
    response = request_as(client, world, caller, case, reverse(name, kwargs=kwargs))
    assert response.status_code == 404


def admin_url(name: str) -> str:
    samples = ({}, {"app_label": "organisations"}, {"object_id": "1"}, {"id": "1"})
    for kwargs in (*samples, {"content_type_id": "1", "object_id": "1"}):
        try:
            return reverse(name, kwargs=kwargs)
        except NoReverseMatch:
            continue
    raise AssertionError(f"No sample arguments build a URL for {name}")


@pytest.mark.django_db
@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize("name", admin_names())
def test_the_admin_is_closed_to_everyone_but_staff(client, world, name, caller):
    response = request_as(client, world, caller, everyone(0), admin_url(name))
    expected = ADMIN_LOGIN if name == "admin:login" else ADMIN_PAGE
    assert response.status_code == expected.expect[caller]
