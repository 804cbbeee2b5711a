"""Building snapshots: only when the data moved on, never twice at once, never half."""

import pytest
from django.core.cache import cache

from reports import selectors, services
from reports.models import ReportSnapshot, SnapshotStatus
from reports.versioning import bump_data_version
from tests.factories import OrganisationFactory
from tests.reports.factories import answered_assessment

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation(default_framework):
    return answered_assessment(respondents=4).organisation


def test_a_build_stores_a_complete_snapshot_of_the_current_version(organisation):
    snapshot = services.snapshot_build(organisation)
    assert snapshot.status == SnapshotStatus.COMPLETE
    assert snapshot.data_version == services.current_version(organisation.pk)
    assert snapshot.duration_ms is not None
    assert snapshot.finished_at >= snapshot.started_at
    assert snapshot.scores["results"]["n_respondents"] == 4
    assert set(snapshot.figures) == {"en", "nl"}
    keys = [chart["key"] for chart in snapshot.figures["en"]]
    assert keys == [
        "overall", "features", "quadrants", "capabilities", "culture", "agreement", "change",
        "roadmap", "accountability", "coherence",
    ]  # fmt: skip


def test_a_build_for_a_version_already_built_does_no_work(organisation):
    services.snapshot_build(organisation)
    assert services.snapshot_build(organisation) is None
    assert ReportSnapshot.objects.filter(organisation=organisation).count() == 1


def test_a_second_run_waits_while_the_organisation_is_being_built(organisation):
    bump_data_version(organisation.pk)
    with services.build_lock(organisation.pk), pytest.raises(services.LockBusy):
        services.snapshot_build(organisation)
    assert services.snapshot_build(organisation) is not None  # the lock was released


def test_a_failed_build_is_recorded_and_pages_keep_the_last_complete_one(organisation, monkeypatch):
    shown = services.snapshot_build(organisation)
    bump_data_version(organisation.pk)

    def broken(*args, **kwargs):
        raise ValueError("chart bug")

    monkeypatch.setattr(services, "build_all_languages", broken)
    with pytest.raises(ValueError, match="chart bug"):
        services.snapshot_build(organisation)
    failed = ReportSnapshot.objects.get(organisation=organisation, status=SnapshotStatus.FAILED)
    assert "chart bug" in failed.error
    assert selectors.latest_snapshot(organisation) == shown
    assert selectors.freshness(organisation).last_failed


def test_a_build_marks_builds_left_behind_by_dead_runs_as_interrupted(organisation):
    services.snapshot_build(organisation)
    bump_data_version(organisation.pk)
    left = ReportSnapshot.objects.create(
        organisation=organisation, data_version=99, started_at="2026-01-01T00:00Z"
    )
    services.snapshot_build(organisation)
    left.refresh_from_db()
    assert left.status == SnapshotStatus.FAILED
    assert left.error.startswith("Interrupted")


def test_only_the_newest_three_complete_snapshots_are_kept(organisation):
    for _ in range(5):
        bump_data_version(organisation.pk)
        services.snapshot_build(organisation)
    versions = ReportSnapshot.objects.filter(organisation=organisation).values_list(
        "data_version", flat=True
    )
    newest = services.current_version(organisation.pk)
    assert sorted(versions) == [newest - 2, newest - 1, newest]


def test_the_sweep_finds_every_lagging_organisation_in_one_query(
    organisation, django_assert_num_queries
):
    current = OrganisationFactory()
    bump_data_version(current.pk)
    services.snapshot_build(current)
    never_built = OrganisationFactory()
    bump_data_version(never_built.pk)
    with django_assert_num_queries(1):
        stale = selectors.stale_organisation_ids()
    assert set(stale) == {organisation.pk, never_built.pk}


def test_the_sweep_gives_up_on_a_version_that_keeps_failing(organisation):
    version = services.current_version(organisation.pk)
    ReportSnapshot.objects.bulk_create(
        ReportSnapshot(
            organisation=organisation,
            data_version=version,
            status=SnapshotStatus.FAILED,
            started_at="2026-01-01T00:00Z",
        )
        for _ in range(services.MAX_FAILURES_PER_VERSION)
    )
    assert organisation.pk not in selectors.stale_organisation_ids()
    bump_data_version(organisation.pk)  # new data: worth another try
    assert organisation.pk in selectors.stale_organisation_ids()


def test_the_sweep_enqueues_lagging_organisations(organisation, monkeypatch):
    from reports.tasks import regenerate_organisation

    sent = []
    monkeypatch.setattr(
        regenerate_organisation, "apply_async", lambda args, **kw: sent.append(args)
    )
    assert services.sweep() == [organisation.pk]
    assert sent == [(organisation.pk,)]
    cache.clear()


def test_the_benchmark_appears_once_five_other_organisations_have_snapshots(default_framework):
    organisations = [answered_assessment(respondents=3).organisation for _ in range(6)]
    for organisation in organisations[1:]:
        services.snapshot_build(organisation)
    own = services.snapshot_build(organisations[0])
    benchmark = own.scores["benchmark"]
    assert len(benchmark) == 6
    assert all(row["n_other_organisations"] == 5 and not row["suppressed"] for row in benchmark)
    features = next(c for c in own.figures["en"] if c["key"] == "features")
    assert len(features["figure"]["data"]) == 2  # today and the benchmark median


def test_a_second_round_shows_the_change_since_the_first(default_framework):
    first = answered_assessment(respondents=3, likert=2)
    second = answered_assessment(first.organisation, respondents=3, likert=4)
    snapshot = services.snapshot_build(first.organisation)
    assert snapshot.scores["assessment"]["id"] == second.pk
    assert snapshot.scores["previous_assessment"]["id"] == first.pk
    change = next(c for c in snapshot.figures["en"] if c["key"] == "change")
    assert not change["empty"]
    assert snapshot.scores["change"]["overall_delta"] > 0
