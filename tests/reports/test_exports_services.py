"""Documents are built after each snapshot, stored with it, skipped when outdated, deleted with
it, and swept up when lost."""

import pytest
from django.core.cache import cache

from reports import services as snapshot_services
from reports.exports import services, storage
from reports.models import ReportSnapshot
from reports.versioning import bump_data_version
from tests.factories import OrganisationFactory
from tests.reports.export_factories import organisation_with_strategy
from tests.reports.export_helpers import stored_documents
from tests.reports.factories import answered_assessment

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.mark.exports
def test_each_snapshot_is_followed_by_its_documents_in_every_language(
    default_framework, media, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        organisation, snapshot, _consultant = organisation_with_strategy()
    snapshot.refresh_from_db()
    assert set(snapshot.files) == services.expected_keys()
    assert len(snapshot.files) == 8
    for key, record in snapshot.files.items():
        path = media / record["path"]
        assert path.is_file(), key
        assert path.parent == media / "reports" / str(organisation.pk) / str(snapshot.pk)
        assert record["size"] == path.stat().st_size > 0
        assert record["data_version"] == snapshot.data_version
        assert record["language"] in ("en", "nl")
        assert record["format"] in ("pdf", "xlsx", "csv")
        assert record["built_at"]
        assert record["name"].startswith(f"{organisation.slug}-")
        assert record["author"] == organisation.memberships.get(role="owner").user.get_full_name()
    assert (media / snapshot.files["pdf-nl"]["path"]).read_bytes().startswith(b"%PDF")
    assert set(snapshot.svgs) == {"en", "nl"}
    assert "<svg" in snapshot.svgs["en"]["features"]


def test_no_documents_are_built_while_exports_are_switched_off(
    default_framework, media, django_capture_on_commit_callbacks, viewer
):
    with django_capture_on_commit_callbacks(execute=True):
        answered_assessment(viewer.organisation, respondents=3)
        snapshot = snapshot_services.snapshot_build(viewer.organisation)
    snapshot.refresh_from_db()
    assert snapshot.files == {}
    assert not (media / "reports").exists()


def test_an_export_of_data_that_has_moved_on_is_skipped(default_framework, media, viewer):
    stored_documents(viewer.organisation, version=0)  # recent documents exist
    answered_assessment(viewer.organisation, respondents=3)
    snapshot = snapshot_services.snapshot_build(viewer.organisation)
    bump_data_version(viewer.organisation.pk)
    assert services.export_snapshot(snapshot.pk) is None
    snapshot.refresh_from_db()
    assert snapshot.files == {}


def test_while_data_keeps_changing_outdated_exports_still_run_when_documents_are_old(
    default_framework, media, viewer, monkeypatch
):
    old = stored_documents(viewer.organisation, version=0)
    for record in old.files.values():
        record["built_at"] = "2020-01-01T00:00:00+00:00"
    old.save(update_fields=["files"])
    answered_assessment(viewer.organisation, respondents=3)
    snapshot = snapshot_services.snapshot_build(viewer.organisation)
    bump_data_version(viewer.organisation.pk)
    built = []
    monkeypatch.setattr(services, "build_exports", lambda s, **kw: built.append(s.pk) or {})
    services.export_snapshot(snapshot.pk)
    assert built == [snapshot.pk]


def test_while_data_keep_changing_a_pruned_snapshots_export_builds_the_newest_snapshot(
    default_framework, media, viewer, monkeypatch
):
    answered_assessment(viewer.organisation, respondents=3)
    first = snapshot_services.snapshot_build(viewer.organisation)
    for _ in range(3):  # saves go on: newer snapshots, and the first one is pruned
        bump_data_version(viewer.organisation.pk)
        newest = snapshot_services.snapshot_build(viewer.organisation)
    bump_data_version(viewer.organisation.pk)
    assert not ReportSnapshot.objects.filter(pk=first.pk).exists()
    built = []
    monkeypatch.setattr(services, "build_exports", lambda s, **kw: built.append(s.pk) or {})
    services.export_snapshot(first.pk, organisation_id=viewer.organisation.pk)
    assert built == [newest.pk]


def test_the_newest_snapshot_with_documents_outlives_pruning(media, viewer):
    with_documents = stored_documents(viewer.organisation, version=0)
    for _ in range(4):
        bump_data_version(viewer.organisation.pk)
        snapshot_services.snapshot_build(viewer.organisation)
    kept = set(
        ReportSnapshot.objects.filter(organisation=viewer.organisation).values_list("pk", flat=True)
    )
    assert with_documents.pk in kept
    assert len(kept) == 4  # the three newest and the one with documents


def test_spreadsheets_alone_build_quickly_and_are_recorded(default_framework, media, viewer):
    answered_assessment(viewer.organisation, respondents=3)
    snapshot = snapshot_services.snapshot_build(viewer.organisation)
    built = services.build_exports(snapshot, kinds=["xlsx", "csv-actions"], langs=["nl"])
    assert set(built) == {"xlsx-nl", "csv-actions-nl"}
    snapshot.refresh_from_db()
    assert set(snapshot.files) == {"xlsx-nl", "csv-actions-nl"}
    assert snapshot.files["xlsx-nl"]["content_type"].endswith("spreadsheetml.sheet")


def test_a_deleted_snapshot_takes_its_documents_along(
    media, viewer, django_capture_on_commit_callbacks
):
    snapshot = stored_documents(viewer.organisation)
    folder = media / storage.folder(viewer.organisation.pk, snapshot.pk)
    assert len(list(folder.iterdir())) == 8
    with django_capture_on_commit_callbacks(execute=True):
        ReportSnapshot.objects.filter(pk=snapshot.pk).delete()
    assert not folder.exists()


@pytest.mark.exports
def test_the_sweep_enqueues_current_snapshots_that_lack_documents(
    media, viewer, django_capture_on_commit_callbacks
):
    bump_data_version(viewer.organisation.pk)
    stored_documents(viewer.organisation, kinds=["xlsx"])  # some documents missing
    complete = OrganisationFactory()
    bump_data_version(complete.pk)
    stored_documents(complete)  # every document there: nothing to do
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert services.sweep() == [viewer.organisation.pk]
    assert len(callbacks) == 1


def test_a_failed_export_is_reported_on_the_page_and_counted(
    default_framework, media, viewer, monkeypatch
):
    answered_assessment(viewer.organisation, respondents=3)
    snapshot = snapshot_services.snapshot_build(viewer.organisation)

    def broken(*args, **kwargs):
        raise RuntimeError("Chromium vanished")

    monkeypatch.setattr(services, "build_document", broken)
    with pytest.raises(RuntimeError):
        services.export_snapshot(snapshot.pk)
    assert "Chromium vanished" in services.last_failure(viewer.organisation.pk)
    assert cache.get(services.FAILURES_KEY.format(snapshot.pk)) == 1
    assert not services.is_pending(viewer.organisation.pk)


def test_the_newest_stored_document_of_each_kind_is_found_in_one_query(
    media, viewer, django_assert_num_queries
):
    stored_documents(viewer.organisation, version=1)
    stored_documents(viewer.organisation, version=2, kinds=["pdf"])
    with django_assert_num_queries(1):
        found = services.newest_files(viewer.organisation)
    assert found["pdf-en"].data_version == 2
    assert found["xlsx-en"].data_version == 1
    assert len(found) == 8
