"""Every change to an organisation's strategy data bumps its version in the same transaction."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from diagnosis import answers as questionnaire
from reports import versioning
from reports.models import OrganisationDataVersion
from tests.actions.factories import ActionFactory
from tests.diagnosis.factories import AssessmentFactory, KeyChallengeFactory, RespondentFactory
from tests.factories import OrganisationFactory
from tests.policy.factories import PolicyFactory

pytestmark = pytest.mark.django_db


def version_of(organisation) -> int:
    row = OrganisationDataVersion.objects.filter(organisation=organisation).first()
    return row.version if row else 0


def test_the_first_bump_creates_the_version_and_later_ones_add_one():
    organisation = OrganisationFactory()
    assert versioning.bump_data_version(organisation.pk) == 1
    assert versioning.bump_data_version(organisation.pk) == 2
    assert version_of(organisation) == 2


def test_a_bump_is_a_single_query():
    organisation = OrganisationFactory()
    versioning.bump_data_version(organisation.pk)
    with CaptureQueriesContext(connection) as queries:
        versioning.bump_data_version(organisation.pk)
    assert len(queries) == 1


def test_an_autosaved_answer_bumps_the_version_with_one_extra_query(default_framework):
    respondent = RespondentFactory(assessment=AssessmentFactory(status="open"))
    item = default_framework.items.filter(response="likert5").first()
    questionnaire.answer_save(respondent, item.code, {"value": "3"})  # starts the response
    before = version_of(respondent.organisation)
    with CaptureQueriesContext(connection) as queries:
        questionnaire.answer_save(respondent, item.code, {"value": "4"})
    bumps = [q for q in queries if "reports_organisationdataversion" in q["sql"]]
    assert len(bumps) == 1
    assert version_of(respondent.organisation) == before + 1


def test_a_rolled_back_change_leaves_the_version_alone():
    challenge = KeyChallengeFactory()
    before = version_of(challenge.organisation)

    def change_then_fail():
        with transaction.atomic():
            challenge.title = "Rolled back"
            challenge.save()
            raise RuntimeError

    with pytest.raises(RuntimeError):
        change_then_fail()
    assert version_of(challenge.organisation) == before


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda org: KeyChallengeFactory(organisation=org), id="key challenge"),
        pytest.param(lambda org: AssessmentFactory(organisation=org), id="assessment"),
        pytest.param(lambda org: PolicyFactory(organisation=org), id="policy"),
        pytest.param(lambda org: ActionFactory(organisation=org), id="action"),
        pytest.param(lambda org: KeyChallengeFactory(organisation=org).delete(), id="deletion"),
    ],
)
def test_stage_changes_bump_their_organisations_version_only(change, default_framework):
    organisation, other = OrganisationFactory(), OrganisationFactory()
    change(organisation)
    assert version_of(organisation) >= 1
    assert version_of(other) == 0


def test_linking_a_policy_to_a_challenge_bumps_the_version():
    policy = PolicyFactory()
    challenge = KeyChallengeFactory(organisation=policy.organisation)
    before = version_of(policy.organisation)
    policy.challenges.add(challenge)
    assert version_of(policy.organisation) == before + 1


def test_invitation_bookkeeping_on_a_respondent_does_not_bump(default_framework):
    respondent = RespondentFactory()
    before = version_of(respondent.organisation)
    respondent.reminder_count += 1
    respondent.save(update_fields=["reminder_count"])
    assert version_of(respondent.organisation) == before


def test_an_organisation_with_data_can_be_deleted(default_framework):
    respondent = RespondentFactory()
    PolicyFactory(organisation=respondent.organisation)
    respondent.organisation.delete()
    assert not OrganisationDataVersion.objects.exists()


def test_regeneration_is_asked_for_once_after_commit(
    django_capture_on_commit_callbacks, monkeypatch
):
    from reports.tasks import regenerate_organisation

    sent = []
    monkeypatch.setattr(
        regenerate_organisation, "apply_async", lambda args, **kw: sent.append(args)
    )
    challenge = KeyChallengeFactory()
    with django_capture_on_commit_callbacks(execute=True):
        for title in ("One", "Two", "Three"):
            challenge.title = title
            challenge.save()
    assert sent == [(challenge.organisation_id,)]  # the pending key coalesced the other two
    versioning.clear_pending(challenge.organisation_id)


def test_a_broker_outage_is_logged_and_left_to_the_sweep(monkeypatch, caplog):
    from reports.tasks import regenerate_organisation

    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("broker down")

    monkeypatch.setattr(regenerate_organisation, "apply_async", refuse)
    organisation = OrganisationFactory()
    assert versioning.request_regeneration(organisation.pk) is False
    assert "left to the sweep" in caplog.text
    # The pending mark was withdrawn, so the next change tries again.
    monkeypatch.setattr(regenerate_organisation, "apply_async", lambda *a, **k: None)
    assert versioning.request_regeneration(organisation.pk) is True
    versioning.clear_pending(organisation.pk)


class Clock:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_a_regeneration_waits_while_changes_keep_coming_but_no_longer_than_the_cap(
    monkeypatch, settings
):
    from reports.tasks import regenerate_organisation

    settings.REPORTS_DEBOUNCE_SECONDS, settings.REPORTS_COALESCE_SECONDS = 0.3, 2
    monkeypatch.setattr(regenerate_organisation, "apply_async", lambda *a, **k: None)
    clock = Clock(1000.0)
    monkeypatch.setattr(versioning.time, "time", clock)
    organisation = OrganisationFactory()
    assert versioning.request_regeneration(organisation.pk) is True
    assert versioning.settle_delay(organisation.pk) == pytest.approx(0.3)  # just changed
    clock.now += 0.2
    assert versioning.settle_delay(organisation.pk) == pytest.approx(0.1)
    clock.now += 0.1
    assert versioning.settle_delay(organisation.pk) == 0  # quiet for 0.3 s: build now
    for _ in range(10):  # an edit every 0.25 s keeps postponing the build ...
        clock.now += 0.25
        assert versioning.request_regeneration(organisation.pk) is False  # coalesced
    assert versioning.settle_delay(organisation.pk) == 0  # ... but not past 2 s after the first
    versioning.clear_pending(organisation.pk)
    assert versioning.settle_delay(organisation.pk) == 0  # nothing pending: nothing to wait for


def test_a_run_that_comes_too_early_defers_itself_and_builds_once_things_settle(
    monkeypatch, settings, default_framework
):
    from reports import services
    from reports.tasks import regenerate_organisation

    settings.REPORTS_DEBOUNCE_SECONDS = 0.3
    deferred, built = [], []
    monkeypatch.setattr(
        versioning, "regeneration_defer", lambda pk, countdown: deferred.append(countdown) or True
    )
    monkeypatch.setattr(services, "snapshot_build", lambda organisation: built.append(organisation))
    monkeypatch.setattr(regenerate_organisation, "apply_async", lambda *a, **k: None)
    organisation = OrganisationFactory()
    versioning.request_regeneration(organisation.pk)
    regenerate_organisation.run(organisation.pk)  # as a worker runs it, not inline
    assert deferred == [pytest.approx(0.3, abs=0.05)]
    assert built == []
    versioning.clear_pending(organisation.pk)
    regenerate_organisation.run(organisation.pk)
    assert built == [organisation]
