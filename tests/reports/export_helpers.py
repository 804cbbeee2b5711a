"""Stored documents without building them, for the page, download and access tests."""

from django.utils import timezone

from reports.exports import storage
from reports.models import ReportSnapshot, SnapshotStatus
from reports.services import current_version


def fake_content(kind: str, language: str, version: int) -> bytes:
    return f"{kind} {language} v{version}".encode()


def stored_documents(organisation, *, version: int | None = None, kinds=None) -> ReportSnapshot:
    """A complete snapshot of ``version`` (the current one by default) whose documents are
    stored as small placeholder files (reused when it exists already)."""
    version = current_version(organisation.pk) if version is None else version
    snapshot = ReportSnapshot.objects.filter(
        organisation=organisation, data_version=version, status=SnapshotStatus.COMPLETE
    ).first() or ReportSnapshot.objects.create(
        organisation=organisation,
        data_version=version,
        status=SnapshotStatus.COMPLETE,
        started_at=timezone.now(),
        finished_at=timezone.now(),
    )
    files = {}
    for key in kinds or storage.KINDS:
        for language in ("en", "nl"):
            data = fake_content(key, language, version)
            record = storage.save(snapshot, storage.KINDS[key], language, data, author="Carla")
            files[storage.file_key(key, language)] = record
    snapshot.files = files
    snapshot.save(update_fields=["files"])
    return snapshot
