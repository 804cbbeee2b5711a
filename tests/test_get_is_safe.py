"""GET never writes: opening any page, as anyone, leaves every domain row as it was.

Crawls with GET only fingerprint the database (`tests/fingerprint.py`) around each request:

* every URL pattern of the access matrix (`tests/test_access_matrix.py`), as every kind of
  caller, with and without htmx: POST-only URLs included, since a GET must not write there
  either; and every admin page, as staff;
* the demo (`seed_demo`): every page each role reaches by following links, the questionnaire
  of every round for each of them (start, sections, review), and the personal-link pages.

A GET may not leave work for after the commit nor run a Celery task either: a regeneration
asked for on GET would write later, in the worker.
"""

from io import StringIO

import pytest
from celery.signals import task_prerun
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.http import HttpResponse
from django.urls import path, reverse

from diagnosis.models import Assessment, AssessmentStatus, Respondent
from diagnosis.services import respondent_issue_token
from organisations.models import Organisation
from tests.access import CALLERS, World, make_world
from tests.diagnosis.access_cases import assessment
from tests.factories import OrganisationFactory
from tests.fingerprint import differences, fingerprint
from tests.smoke.crawler import crawl
from tests.test_access_matrix import CASES, admin_names, admin_url

HTMX = {"HTTP_HX_REQUEST": "true"}
# Demo users, one per role (and the owner of the second organisation, who sees only theirs).
DEMO_ROLES = {
    "owner": "lnd.leader",
    "leader": "ceo",
    "consultant": "consultant",
    "viewer": "viewer",
    "owner of another organisation": "harbour.lead",
}


class SafeGets:
    """A client that only GETs, fingerprinting the database around each request.

    `writes` collects one line per table a GET touched, naming the URL and the caller.
    """

    def __init__(self, client, capture_on_commit):
        self.client = client
        self.capture_on_commit = capture_on_commit
        self.caller = "anonymous"
        self.writes: list[str] = []
        self.visited: list[str] = []
        self.before = fingerprint()

    def act_as(self, caller: str, user=None) -> None:
        self.client.logout()
        if user is not None:
            self.client.force_login(user)
        self.caller = caller
        self.refresh()

    def refresh(self) -> None:
        """Take the fingerprint again, after the test itself wrote."""
        self.before = fingerprint()

    def get(self, url: str, **extra):
        tasks: list[str] = []

        def record(sender=None, **_kwargs):
            tasks.append(sender.name)

        task_prerun.connect(record, weak=False)
        try:
            with self.capture_on_commit(execute=True) as callbacks:
                response = self.client.get(url, **extra)
        finally:
            task_prerun.disconnect(record)
        after = fingerprint()
        problems = differences(self.before, after)
        if callbacks:
            problems.append(f"{len(callbacks)} callback(s) left to run after the commit")
        problems += [f"ran the task {task}" for task in tasks]
        htmx = " (htmx)" if extra else ""
        self.writes += [f"GET {url}{htmx} as {self.caller}: {problem}" for problem in problems]
        self.visited.append(url)
        self.before = after
        return response


@pytest.fixture
def safe_gets(client, django_capture_on_commit_callbacks) -> SafeGets:
    return SafeGets(client, django_capture_on_commit_callbacks)


def report(writes: list[str]) -> str:
    return "These GETs wrote:\n" + "\n".join(writes)


# --- Every URL pattern × every caller ---------------------------------------------------------


@pytest.fixture
def world(settings, tmp_path) -> World:
    """The access matrix's organisation, with one member per role, and an outsider."""
    settings.MEDIA_ROOT = tmp_path
    return make_world()


def slug(world) -> dict:
    return {"org_slug": world.organisation.slug}


# The member's questionnaire pages are in the matrix for members who pressed "Start"; here they
# are opened by members who did not, too.
NOT_STARTED = {
    "questionnaire_member_section": lambda world: slug(world) | assessment(world) | {"number": 1},
    "questionnaire_member_review": lambda world: slug(world) | assessment(world),
}
MATRIX = [pytest.param(name, CASES[name].kwargs, id=name) for name in sorted(CASES)] + [
    pytest.param(name, kwargs, id=f"{name}-not-started") for name, kwargs in NOT_STARTED.items()
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "kwargs"), MATRIX)
def test_no_get_of_any_url_by_any_caller_writes_a_row(safe_gets, world, name, kwargs):
    for caller in CALLERS:
        url = reverse(name, kwargs=kwargs(world))  # may create what the URL points at
        safe_gets.act_as(caller, world.users.get(caller))  # fingerprints the database
        safe_gets.get(url)
        safe_gets.get(url, **HTMX)
    assert safe_gets.writes == [], report(safe_gets.writes)


@pytest.mark.django_db
def test_no_admin_page_writes_a_row_when_staff_open_it(safe_gets, world, django_user_model):
    staff = django_user_model.objects.create_superuser("admin", "admin@example.org", "secret")
    safe_gets.act_as("superuser", staff)
    for name in admin_names():
        safe_gets.get(admin_url(name))
    assert len(safe_gets.visited) > 100
    assert safe_gets.writes == [], report(safe_gets.writes)


# --- The demo, as every role -----------------------------------------------------------------


def questionnaire_urls(user) -> list[str]:
    """The member questionnaire of every round in the user's organisations, every page."""
    urls = []
    rounds = Assessment.objects.filter(organisation__memberships__user=user).select_related(
        "organisation", "framework_version"
    )
    for found in rounds:
        args = [found.organisation.slug, found.pk]
        sections = found.framework_version.sections.count()
        urls.append(reverse("questionnaire_member_start", args=args))
        urls += [
            reverse("questionnaire_member_section", args=[*args, n]) for n in range(1, sections + 1)
        ]
        urls.append(reverse("questionnaire_member_review", args=args))
    return urls


def personal_links() -> list[str]:
    """Fresh links of invited people in open rounds: not started, started and submitted."""
    invited = Respondent.objects.filter(
        person__user=None, assessment__status=AssessmentStatus.OPEN, revoked_at=None
    ).select_related("assessment__organisation")
    samples = [
        invited.filter(started_at=None).first(),
        invited.filter(submitted_at=None, started_at__isnull=False).first(),
        invited.exclude(submitted_at=None).first(),
    ]
    assert None not in samples, "the demo has invited, started and submitted respondents"
    return [
        reverse(
            "questionnaire_link_start",
            args=[respondent.assessment.organisation.slug, respondent_issue_token(respondent)],
        )
        for respondent in samples
    ]


@pytest.mark.django_db
def test_no_page_of_the_demo_writes_a_row_whoever_opens_it(safe_gets):
    call_command("seed_demo", stdout=StringIO())  # once: seeding takes most of the time
    for role, username in DEMO_ROLES.items():
        user = get_user_model().objects.get(username=username)
        safe_gets.act_as(role, user)
        assert len(crawl(safe_gets, "/orgs/", per_pattern=2)) > 20
        questionnaire = questionnaire_urls(user)
        assert questionnaire
        for url in questionnaire:
            safe_gets.get(url)
    links = personal_links()
    safe_gets.act_as("anonymous, by personal link")
    for link in links:
        visits = crawl(safe_gets, link)
        assert any(visit.url.endswith("/review/") and visit.status == 200 for visit in visits)
    assert safe_gets.writes == [], report(safe_gets.writes)


# --- The check can fail ----------------------------------------------------------------------


def write_on_get(request, pk: int) -> HttpResponse:
    """What no view may do: a GET that changes a row."""
    Organisation.objects.filter(pk=pk).update(name="Renamed by a GET")
    return HttpResponse("done")


def enqueue_on_get(request, pk: int) -> HttpResponse:
    """Nor this: a GET that leaves a write for after the commit."""
    transaction.on_commit(lambda: Organisation.objects.filter(pk=pk).delete())
    return HttpResponse("queued")


urlpatterns = [
    path("write-on-get/<int:pk>/", write_on_get),
    path("enqueue-on-get/<int:pk>/", enqueue_on_get),
]


def test_the_fingerprint_notices_rows_created_changed_and_deleted(db):
    before = fingerprint()
    organisation = OrganisationFactory(name="Acme")
    created = fingerprint()
    assert differences(before, created) == ["organisations_organisation: 0 -> 1 rows"]
    organisation.sector = "Learning"  # not shown in documents: no data version bump either
    organisation.save()
    changed = fingerprint()
    assert differences(created, changed) == ["organisations_organisation: rows changed (1 rows)"]
    organisation.delete()
    assert differences(changed, fingerprint()) == ["organisations_organisation: 1 -> 0 rows"]


def test_the_fingerprint_ignores_last_login_but_not_the_rest_of_a_user(db, django_user_model):
    user = django_user_model.objects.create(username="someone")
    before = fingerprint()
    user.last_login = user.date_joined
    user.save()
    assert differences(before, fingerprint()) == []
    user.first_name = "Someone"
    user.save()
    assert differences(before, fingerprint()) == ["auth_user: rows changed (1 rows)"]


@pytest.mark.django_db
def test_a_get_that_writes_is_named_with_its_url_caller_and_table(safe_gets, settings):
    settings.ROOT_URLCONF = __name__
    organisation = OrganisationFactory()
    safe_gets.refresh()
    safe_gets.get(f"/write-on-get/{organisation.pk}/")
    safe_gets.get(f"/enqueue-on-get/{organisation.pk}/")
    assert safe_gets.writes == [
        f"GET /write-on-get/{organisation.pk}/ as anonymous: "
        "organisations_organisation: rows changed (1 rows)",
        f"GET /enqueue-on-get/{organisation.pk}/ as anonymous: "
        "organisations_organisation: 1 -> 0 rows",
        f"GET /enqueue-on-get/{organisation.pk}/ as anonymous: "
        "1 callback(s) left to run after the commit",
    ]
    assert not Organisation.objects.filter(pk=organisation.pk).exists()
