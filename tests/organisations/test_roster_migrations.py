"""Migrations diagnosis 0004-0006, organisations 0002-0003 and actions 0003-0004: respondents,
members and action owners become people of their organisation's roster, one per human, and a
person answers a round at most once."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from actions.models import Action, Recommendation
from diagnosis.models import Respondent
from maturity.models import Item
from organisations.models import Person
from tests.actions.factories import PerformanceGapFactory
from tests.diagnosis.factories import AssessmentFactory
from tests.factories import OrganisationFactory, UserFactory
from tests.policy.factories import PolicyFactory

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE_THE_ROSTER = [
    ("organisations", "0001_initial"),
    ("diagnosis", "0003_anonymity_threshold"),
    ("actions", "0001_initial"),
]


def migrate(targets=None) -> MigrationExecutor:
    """Migrate to ``targets`` (app, migration name) pairs, or everything to the newest."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets or executor.loader.graph.leaf_nodes())
    return executor


@pytest.fixture
def old(monkeypatch):
    """The database as it was before the roster; yields the models of that time."""
    # Today's reports cannot be built on yesterday's tables: no snapshots while rows are made.
    monkeypatch.setattr("reports.versioning.request_regeneration", lambda *args, **kwargs: False)
    executor = migrate(BEFORE_THE_ROSTER)
    yield executor.loader.project_state(BEFORE_THE_ROSTER).apps
    migrate()


def member(old, organisation, user, role="leader") -> None:
    old.get_model("organisations", "Membership").objects.create(
        organisation_id=organisation.pk, user_id=user.pk, role=role
    )


def respondent(
    old, assessment, *, user=None, name="", email="", group="leadership", submitted_at=None
) -> int:
    """A respondent as the old code stored it; returns its id."""
    return (
        old.get_model("diagnosis", "Respondent")
        .objects.create(
            organisation_id=assessment.organisation_id,
            assessment_id=assessment.pk,
            user_id=user.pk if user else None,
            name=name,
            email=email,
            group=group,
            started_at=submitted_at,
            submitted_at=submitted_at,
        )
        .pk
    )


def answer(old, respondent_id: int, values: list[float]) -> None:
    """Answers to the first items of the default framework, in order."""
    respondent = old.get_model("diagnosis", "Respondent").objects.get(pk=respondent_id)
    items = Item.objects.filter(version_id=respondent.assessment.framework_version_id)
    for item, value in zip(items.order_by("pk"), values, strict=False):
        old.get_model("diagnosis", "Answer").objects.create(
            respondent_id=respondent_id, item_id=item.pk, value=value
        )


def person_of(respondent_id: int) -> Person:
    return Respondent.objects.select_related("person").get(pk=respondent_id).person


def roster(organisation) -> set[tuple]:
    return set(
        Person.objects.filter(organisation=organisation).values_list("name", "email", "user_id")
    )


def test_every_human_becomes_one_person_of_each_organisation_they_answered_for(old):
    organisation, elsewhere = OrganisationFactory(), OrganisationFactory()
    first, second = AssessmentFactory.create_batch(2, organisation=organisation)
    mia = UserFactory(first_name="Mia", last_name="Member", email="mia@example.org")
    lars = UserFactory(first_name="Lars", last_name="Later", email="Lars@Example.org")
    member(old, organisation, mia)
    member(old, organisation, lars, role="viewer")
    now = timezone.now()
    a_month_ago = now - datetime.timedelta(days=30)
    mia_first = respondent(old, first, user=mia, name="Mia Member", submitted_at=now)
    mia_second = respondent(old, second, user=mia, name="Mia Member")
    olga_first = respondent(
        old, first, name="Olga Outsider", email="Olga.Outsider@Example.ORG", submitted_at=now
    )
    olga_second = respondent(old, second, name="Olga Outsider", email="olga.outsider@example.org")
    # Invited by email in the first round; a member who answered logged in in the second.
    lars_first = respondent(
        old, first, name="Lars L.", email="lars@example.org", submitted_at=a_month_ago
    )
    lars_second = respondent(old, second, user=lars, name="Lars Later", submitted_at=now)
    olga_elsewhere = respondent(
        old,
        AssessmentFactory(organisation=elsewhere),
        name="Olga Elsewhere",
        email="olga.outsider@example.org",
    )

    migrate()

    assert roster(organisation) == {
        ("Mia Member", "mia@example.org", mia.pk),
        ("Olga Outsider", "olga.outsider@example.org", None),
        ("Lars Later", "lars@example.org", lars.pk),  # the name they gave last
    }
    assert person_of(mia_first) == person_of(mia_second)
    assert person_of(mia_first).user == mia
    assert person_of(olga_first) == person_of(olga_second)
    assert person_of(olga_first).email == "olga.outsider@example.org"
    assert person_of(lars_first) == person_of(lars_second)
    assert person_of(lars_second).user == lars
    assert len({person_of(mia_first), person_of(olga_first), person_of(lars_first)}) == 3
    assert roster(elsewhere) == {("Olga Elsewhere", "olga.outsider@example.org", None)}
    assert person_of(olga_elsewhere).organisation == elsewhere
    assert person_of(olga_elsewhere) != person_of(olga_first)
    assert Respondent.objects.filter(organisation=organisation).count() == 6


def test_a_member_who_answered_without_a_name_is_named_after_their_login(old):
    assessment = AssessmentFactory()
    nina = UserFactory(first_name="Nina", last_name="Nameless", email="nina@example.org")
    member(old, assessment.organisation, nina)
    nameless = respondent(old, assessment, user=nina)

    migrate()

    assert person_of(nameless).name == "Nina Nameless"
    assert person_of(nameless).user == nina


@pytest.mark.parametrize("submitted_by", ["link", "login"])
def test_of_one_member_answering_a_round_twice_the_submitted_response_is_kept(old, submitted_by):
    assessment = AssessmentFactory()
    dee = UserFactory(first_name="Dee", last_name="Double", email="Dee@Example.org")
    member(old, assessment.organisation, dee)
    submitted_at = timezone.now() - datetime.timedelta(days=1)
    by_link = respondent(
        old,
        assessment,
        name="Dee (by link)",
        email="dee@example.org",
        submitted_at=submitted_at if submitted_by == "link" else None,
    )
    by_login = respondent(
        old,
        assessment,
        user=dee,
        name="Dee Double",
        submitted_at=submitted_at if submitted_by == "login" else None,
    )
    kept, dropped = (by_link, by_login) if submitted_by == "link" else (by_login, by_link)
    answer(old, kept, [4, 5])
    answer(old, dropped, [1])

    migrate()

    remaining = Respondent.objects.get(assessment=assessment)
    assert remaining.pk == kept
    assert remaining.has_submitted
    assert sorted(remaining.answers.values_list("value", flat=True)) == [4, 5]
    assert not Respondent.objects.filter(pk=dropped).exists()
    assert remaining.person.user == dee
    assert Person.objects.filter(organisation=assessment.organisation).count() == 1


def test_of_two_unsubmitted_responses_of_one_person_the_newest_is_kept(old):
    assessment = AssessmentFactory()
    dee = UserFactory(email="dee@example.org")
    member(old, assessment.organisation, dee)
    older = respondent(old, assessment, name="Dee", email="dee@example.org")
    newer = respondent(old, assessment, user=dee, name="Dee")

    migrate()

    assert list(Respondent.objects.filter(assessment=assessment).values_list("pk", flat=True)) == [
        newer
    ]
    assert not Respondent.objects.filter(pk=older).exists()


def test_members_without_responses_join_the_roster_in_the_group_of_their_role(old):
    organisation = OrganisationFactory()
    users = {}
    for role in ("owner", "leader", "consultant", "viewer"):
        users[role] = UserFactory(first_name=role.title(), last_name="Member")
        member(old, organisation, users[role], role=role)

    migrate()

    people = Person.objects.filter(organisation=organisation)
    assert {(person.user.first_name, person.group) for person in people} == {
        ("Owner", "ld"),
        ("Leader", "leadership"),
        ("Consultant", "other"),
        ("Viewer", "other"),
    }
    assert {person.name for person in people} == {
        "Owner Member",
        "Leader Member",
        "Consultant Member",
        "Viewer Member",
    }


def test_a_member_is_linked_to_the_person_invited_by_their_address(old):
    assessment = AssessmentFactory()
    vic = UserFactory(first_name="Victor", last_name="Vos", email="Vic@Example.org")
    invited = respondent(old, assessment, name="Vic", email="vic@example.org", group="staff")
    member(old, assessment.organisation, vic)

    migrate()

    assert roster(assessment.organisation) == {("Vic", "vic@example.org", vic.pk)}
    assert person_of(invited).user == vic
    assert person_of(invited).group == "staff"


def old_action(old, organisation, *, owner, title: str) -> int:
    return (
        old.get_model("actions", "Action")
        .objects.create(
            organisation_id=organisation.pk,
            policy_id=PolicyFactory(organisation=organisation).pk,
            title=title,
            owner_id=owner.pk if owner else None,
            features=["f1-learning-culture"],
            quadrant="individual_productive",
            work_type="known",
            horizon="now",
        )
        .pk
    )


def test_actions_and_recommendations_are_owned_by_the_owners_person(old):
    organisation = OrganisationFactory()
    leader = UserFactory(first_name="Lena", last_name="Leader", email="lena@example.org")
    consultant = UserFactory(first_name="Cas", last_name="Consultant")
    member(old, organisation, leader)
    member(old, organisation, consultant, role="consultant")
    led = old_action(old, organisation, owner=leader, title="Coaching circles")
    unowned = old_action(old, organisation, owner=None, title="Not yet handed out")
    handed = (
        old.get_model("actions", "Recommendation")
        .objects.create(
            organisation_id=organisation.pk,
            gap_id=PerformanceGapFactory(organisation=organisation).pk,
            owner_id=consultant.pk,
            text="Fix the route planning first.",
        )
        .pk
    )

    migrate()

    lena = Person.objects.get(organisation=organisation, user=leader)
    cas = Person.objects.get(organisation=organisation, user=consultant)
    assert Action.objects.get(pk=led).owner == lena
    assert Recommendation.objects.get(pk=handed).owner == cas
    assert Action.objects.get(pk=unowned).owner is None
    assert Person.objects.filter(organisation=organisation).count() == 2


def test_an_action_of_someone_no_longer_a_member_gets_a_person_for_them(old):
    organisation = OrganisationFactory()
    former = UserFactory(first_name="Fay", last_name="Former", email="Fay@Example.org")
    action = old_action(old, organisation, owner=former, title="Lunch-and-learn")
    another = old_action(old, organisation, owner=former, title="Peer reviews")

    migrate()

    fay = Action.objects.get(pk=action).owner
    assert (fay.organisation, fay.name, fay.email, fay.user) == (
        organisation,
        "Fay Former",
        "fay@example.org",
        former,
    )
    assert Action.objects.get(pk=another).owner == fay
    assert Person.objects.filter(organisation=organisation).count() == 1


def test_a_member_who_rejoined_with_a_new_login_of_the_same_address_is_a_person_of_their_own(
    old,
):
    organisation = OrganisationFactory()
    earlier, current = AssessmentFactory.create_batch(2, organisation=organisation)
    # Left the organisation; later invited again and signed up anew with the same address.
    former = UserFactory(first_name="Rob", last_name="Rejoined", email="rob@example.org")
    rob = UserFactory(first_name="Rob", last_name="Rejoined", email="rob@example.org")
    member(old, organisation, rob)
    answered_before = respondent(
        old, earlier, user=former, name="Rob Rejoined", submitted_at=timezone.now()
    )
    answering_now = respondent(old, current, user=rob, name="Rob Rejoined")

    migrate()

    assert person_of(answered_before).user == former
    assert person_of(answering_now).user == rob
    assert Person.objects.filter(organisation=organisation, user=rob).count() == 1
    assert Person.objects.filter(organisation=organisation).count() == 2


def test_a_member_who_rejoined_without_answering_is_on_the_roster(old):
    assessment = AssessmentFactory()
    organisation = assessment.organisation
    former = UserFactory(first_name="Rob", last_name="Rejoined", email="rob@example.org")
    rob = UserFactory(first_name="Rob", last_name="Rejoined", email="rob@example.org")
    member(old, organisation, rob, role="owner")
    answered = respondent(
        old, assessment, user=former, name="Rob Rejoined", submitted_at=timezone.now()
    )

    migrate()

    assert person_of(answered).user == former
    person = Person.objects.get(organisation=organisation, user=rob)
    assert (person.name, person.group) == ("Rob Rejoined", "ld")
    assert Person.objects.filter(organisation=organisation).count() == 2
