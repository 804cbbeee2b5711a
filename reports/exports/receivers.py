"""A deleted snapshot (pruned by a build, or with its organisation) takes its documents along,
once the deletion is committed."""

from django.db import transaction
from django.db.models.signals import post_delete

from ..models import ReportSnapshot
from .storage import delete_folder


def _delete_documents(sender, instance: ReportSnapshot, **kwargs) -> None:
    organisation_id, snapshot_id = instance.organisation_id, instance.pk
    transaction.on_commit(lambda: delete_folder(organisation_id, snapshot_id))


def connect() -> None:
    post_delete.connect(
        _delete_documents, sender=ReportSnapshot, dispatch_uid="reports-exports-delete-documents"
    )
