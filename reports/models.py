"""What regeneration keeps: each organisation's data version and the report snapshots built from it.

How the pieces fit together is explained in ``docs/regeneration.md``.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from organisations.models import Organisation


class OrganisationDataVersion(models.Model):
    """A counter bumped in the same transaction as every change to an organisation's strategy data.

    ``version`` only ever grows. A snapshot built from version N shows every change up to N.
    ``changed_at`` is the organisation's last activity.
    """

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, primary_key=True, related_name="data_version"
    )
    version = models.BigIntegerField(default=0)
    changed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("data version")

    def __str__(self) -> str:
        return f"{self.organisation_id} v{self.version}"


class SnapshotStatus(models.TextChoices):
    BUILDING = "building", _("Building")
    COMPLETE = "complete", _("Complete")
    FAILED = "failed", _("Failed")


class ReportSnapshotQuerySet(models.QuerySet):
    def complete(self) -> "ReportSnapshotQuerySet":
        return self.filter(status=SnapshotStatus.COMPLETE)

    def latest_first(self) -> "ReportSnapshotQuerySet":
        return self.order_by("-data_version", "-pk")


class ReportSnapshot(models.Model):
    """Scores, chart figures and exported files of one organisation at one data version.

    Pages read only the newest *complete* snapshot, so a half-built one is never shown.
    ``figures`` holds, per language code, the charts as Plotly figure dicts with their text
    alternative and data table (see ``reports.charts``). ``svgs`` holds SVG renderings for
    documents, keyed like the figures, once the export step fills them in; ``files`` holds
    the exported documents (PDF, XLSX, CSV) of the export step.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="report_snapshots"
    )
    data_version = models.BigIntegerField()
    status = models.CharField(
        max_length=10, choices=SnapshotStatus, default=SnapshotStatus.BUILDING
    )
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    duration_ms = models.PositiveIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)
    scores = models.JSONField(default=dict)
    figures = models.JSONField(default=dict)
    svgs = models.JSONField(default=dict)
    files = models.JSONField(default=dict)

    objects = ReportSnapshotQuerySet.as_manager()

    class Meta:
        ordering = ["-data_version", "-pk"]
        indexes = [
            models.Index(
                fields=["organisation", "status", "-data_version"], name="snapshot_latest_idx"
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "data_version"],
                condition=models.Q(status="complete"),
                name="one_complete_snapshot_per_version",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} v{self.data_version} ({self.status})"
