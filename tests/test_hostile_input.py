"""No form and no query string answers a server error, whatever is posted (issue 16, item 4).

The fuzz test walks the access matrix (`tests/test_access_matrix.py`) as the owner: it opens
each page, reads the forms on it (with their current values as a valid baseline), and posts
each field again with hostile values — huge, negative, fractional and 5000-digit numbers,
impossible and out-of-range dates, empty values, a list where one value is expected, NUL —
one field at a time, and once all fields at once. The URLs posted to directly in the matrix
get the same treatment from their matrix body.
"""

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from tests.access import World, make_world
from tests.diagnosis.factories import AssessmentFactory, KeyChallengeFactory
from tests.test_access_matrix import CASES

HUGE = "9" * 5000
# Posted to one field at a time, the others keeping their valid values.
HOSTILE_VALUES: list[object] = [
    "99999999999999999999999999",
    HUGE,
    "-1",
    "1.5",
    "0001-01-01",
    "9999-12-31",
    "2026-02-30",
    "",
    ["1", "2"],
    "a\x00b",
]
# Also posted to every field at once.
EVERY_FIELD_VALUES: list[object] = [*HOSTILE_VALUES, "-99999999999999999999999999", "1e400", "NaN"]
# Query-string parameters the views read, each with values that name nothing.
HOSTILE_QUERIES = ["gap", "challenge", "policy", "assessment", "shown", "owner", "from", "idea"]
SKIPPED_FIELDS = {"csrfmiddlewaretoken"}


class FormReader(HTMLParser):
    """The POST forms of a page: each as (action, {field: [values]})."""

    def __init__(self):
        super().__init__()
        self.forms: list[tuple[str, dict[str, list[str]]]] = []
        self._fields: dict[str, list[str]] | None = None
        self._select: str | None = None
        self._first_option: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "form":
            if (attrs.get("method") or "get").lower() == "post":
                self._fields = {}
                self.forms.append((attrs.get("action") or "", self._fields))
            else:
                self._fields = None
        if self._fields is None or not name:
            if tag == "option" and self._select and self._fields is not None:
                self._option(attrs)
            return
        if tag == "input":
            kind = (attrs.get("type") or "text").lower()
            values = self._fields.setdefault(name, [])
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    values.append(attrs.get("value") or "on")
            elif kind not in ("submit", "button", "file", "image", "reset"):
                values.append(attrs.get("value") or "")
        elif tag == "select":
            self._select = name
            self._first_option = None
            self._fields.setdefault(name, [])
        elif tag == "textarea":
            self._textarea = name
            self._fields.setdefault(name, [""])

    def _option(self, attrs):
        value = attrs.get("value") or ""
        if self._first_option is None:
            self._first_option = value
        if "selected" in attrs:
            self._fields[self._select].append(value)

    def handle_endtag(self, tag):
        if tag == "select" and self._select and self._fields is not None:
            if not self._fields[self._select] and self._first_option is not None:
                self._fields[self._select].append(self._first_option)
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "form":
            self._fields = None

    def handle_data(self, data):
        if self._textarea and self._fields is not None:
            self._fields[self._textarea][-1] += data


def post_forms(client, url: str) -> list[tuple[str, dict[str, list[str]]]]:
    response = client.get(url)
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return []
    reader = FormReader()
    reader.feed(response.content.decode())
    forms = []
    for action, fields in reader.forms:
        target = urlsplit(action).path or url
        if target.startswith("/") and not target.startswith("/accounts/logout"):
            forms.append((target, fields))
    return forms


def owner_reaches(name: str) -> bool:
    return CASES[name].expect["owner"] in (200, 302)


def forms_of(client, world: World, name: str) -> list[tuple[str, dict]]:
    case = CASES[name]
    url = reverse(name, kwargs=case.kwargs(world))
    if case.method == "POST":
        body = case.data(world) if case.data else {}
        return [
            (
                url,
                {key: value if isinstance(value, list) else [value] for key, value in body.items()},
            )
        ]
    return post_forms(client, url)


def server_errors(client, target: str, baseline: dict) -> list[str]:
    failures = []
    fields = [field for field in baseline if field not in SKIPPED_FIELDS]
    attempts = [(field, value, {field: value}) for value in HOSTILE_VALUES for field in fields]
    attempts += [
        ("every field", value, dict.fromkeys(fields, value)) for value in EVERY_FIELD_VALUES
    ]
    for field, value, changes in attempts:
        response = client.post(target, baseline | changes)
        if response.status_code >= 500:
            failures.append(f"POST {target} {field}={value!r:.40}: {problem(response)}")
    return failures


def problem(response) -> str:
    error = response.exc_info[1] if getattr(response, "exc_info", None) else None
    return f"{response.status_code} {error!r:.200}"


@pytest.fixture
def world(settings, tmp_path) -> World:
    settings.MEDIA_ROOT = tmp_path
    world = make_world()
    # A key challenge, so forms offer one to choose (a policy's challenges).
    assessment = AssessmentFactory(organisation=world.organisation)
    KeyChallengeFactory(organisation=world.organisation, assessment=assessment)
    return world


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(name for name in CASES if owner_reaches(name)))
def test_no_hostile_value_posted_to_a_form_gives_a_server_error(client, world, name):
    client.raise_request_exception = False
    client.force_login(world.users["owner"])
    failures, seen = [], set()
    for target, baseline in forms_of(client, world, name):
        shape = (target, tuple(sorted(baseline)))  # forms alike (one per question) once
        if shape not in seen:
            seen.add(shape)
            failures += server_errors(client, target, baseline)
    assert not failures, "\n".join(failures)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name", sorted(name for name in CASES if owner_reaches(name) and CASES[name].method == "GET")
)
def test_no_hostile_query_string_gives_a_server_error(client, world, name):
    client.raise_request_exception = False
    client.force_login(world.users["owner"])
    url = reverse(name, kwargs=CASES[name].kwargs(world))
    failures = []
    for value in (HUGE, "99999999999999999999999999", "-1", "²", "1.5", "a\x00b"):
        response = client.get(url, dict.fromkeys(HOSTILE_QUERIES, value))
        if response.status_code >= 500:
            failures.append(f"GET {url} ?…={value!r:.40}: {problem(response)}")
    assert not failures, "\n".join(failures)


@pytest.mark.django_db
def test_the_fuzz_reaches_the_bounded_fields_of_the_forms(client, world):
    client.force_login(world.users["owner"])
    fields = {
        name: {field for _target, form in forms_of(client, world, name) for field in form}
        for name in ("action_edit", "assessment_edit", "policy_create", "vision_edit")
    }
    assert {"effort_days", "budget", "start_date", "end_date"} <= fields["action_edit"]
    assert {"closes_on", "anonymity_threshold"} <= fields["assessment_edit"]
    assert {"statement", "challenges"} <= fields["policy_create"]
    assert "target_year" in fields["vision_edit"]
