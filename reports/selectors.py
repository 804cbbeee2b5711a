"""Read snapshots for pages and for the sweep, each in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db.models import (
    Count,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.fields.json import KT
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from diagnosis.anonymity import message_of
from maturity.models import FrameworkVersion
from organisations.models import Membership, Organisation, Role

from .models import OrganisationDataVersion, ReportSnapshot, SnapshotStatus


def latest_snapshot(organisation: Organisation) -> ReportSnapshot | None:
    """The newest complete snapshot: what pages show (one query)."""
    return (
        ReportSnapshot.objects.complete()
        .filter(organisation=organisation)
        .latest_first()
        .defer("svgs", "files")
        .first()
    )


@dataclass(frozen=True)
class DashboardSnapshot:
    """What the dashboard page needs of the newest complete snapshot, in one language."""

    pk: int
    data_version: int
    finished_at: datetime
    assessment: dict | None  # the current round (diagnosis.selectors.assessment_current)
    collecting: dict | None  # a newer open round without results to show yet
    has_results: bool
    charts: list[dict]
    anonymity: dict | None = None  # the round's reporting minimum (diagnosis.anonymity)

    @property
    def withheld_message(self) -> str:
        """ "n more responses are needed…" while the round is below its minimum, else ""."""
        return message_of(self.anonymity)

    @property
    def collecting_message(self) -> str:
        """How many more responses the newer round needs before its results are shown."""
        return message_of((self.collecting or {}).get("anonymity"))

    @property
    def figures(self) -> dict[str, dict]:
        return {chart["key"]: chart["figure"] for chart in self.charts if chart.get("figure")}


def dashboard_snapshot(organisation: Organisation, language: str) -> DashboardSnapshot | None:
    """The newest complete snapshot with only this language's charts (one query: the page
    decodes a fraction of the stored JSON)."""
    languages = [code for code, _name in settings.LANGUAGES]
    language = language if language in languages else settings.LANGUAGE_CODE
    row = (
        ReportSnapshot.objects.complete()
        .filter(organisation=organisation)
        .latest_first()
        .values(
            "pk",
            "data_version",
            "finished_at",
            "scores__assessment",
            "scores__collecting_assessment",
            "scores__results__n_respondents",
            "scores__anonymity",
            f"figures__{language}",
        )
        .first()
    )
    if row is None:
        return None
    return DashboardSnapshot(
        pk=row["pk"],
        data_version=row["data_version"],
        finished_at=row["finished_at"],
        assessment=row["scores__assessment"],
        collecting=row["scores__collecting_assessment"],
        has_results=row["scores__results__n_respondents"] is not None,
        charts=row[f"figures__{language}"] or [],
        anonymity=row["scores__anonymity"],
    )


@dataclass(frozen=True)
class Freshness:
    """How current the shown snapshot is."""

    snapshot_id: int | None
    built_version: int | None
    data_version: int
    finished_at: datetime | None
    last_failed: bool  # the newest attempt for the current version failed

    @property
    def updating(self) -> bool:
        return self.built_version is None or self.built_version < self.data_version

    @property
    def has_snapshot(self) -> bool:
        return self.snapshot_id is not None

    @property
    def age_seconds(self) -> float | None:
        if self.finished_at is None:
            return None
        return (timezone.now() - self.finished_at).total_seconds()


def freshness(organisation: Organisation) -> Freshness:
    """Versions of the data and of the newest complete snapshot (one query)."""
    newest = ReportSnapshot.objects.complete().filter(organisation=OuterRef("pk")).latest_first()
    failed = ReportSnapshot.objects.filter(
        organisation=OuterRef("pk"),
        status=SnapshotStatus.FAILED,
        data_version=OuterRef("data_version__version"),
    )
    row = (
        Organisation.objects.filter(pk=organisation.pk)
        .annotate(
            snapshot_id=Subquery(newest.values("pk")[:1]),
            built=Subquery(newest.values("data_version")[:1]),
            finished=Subquery(newest.values("finished_at")[:1]),
            version=Coalesce(F("data_version__version"), Value(0)),
            failures=Subquery(
                failed.values("organisation").annotate(n=Count("pk")).values("n")[:1],
                output_field=IntegerField(),
            ),
        )
        .values("snapshot_id", "built", "finished", "version", "failures")
        .first()
    ) or {"snapshot_id": None, "built": None, "finished": None, "version": 0, "failures": 0}
    return Freshness(
        snapshot_id=row["snapshot_id"],
        built_version=row["built"],
        data_version=row["version"],
        finished_at=row["finished"],
        last_failed=bool(row["failures"]),
    )


def freshness_of(organisation: Organisation, shown: DashboardSnapshot | None) -> Freshness:
    """Freshness of the snapshot a page already loaded: one query, two while updating."""
    version = (
        OrganisationDataVersion.objects.filter(organisation=organisation)
        .values_list("version", flat=True)
        .first()
        or 0
    )
    built = shown.data_version if shown else None
    failed = False
    if built is None or built < version:
        failed = ReportSnapshot.objects.filter(
            organisation=organisation, status=SnapshotStatus.FAILED, data_version=version
        ).exists()
    return Freshness(
        snapshot_id=shown.pk if shown else None,
        built_version=built,
        data_version=version,
        finished_at=shown.finished_at if shown else None,
        last_failed=failed,
    )


def stale_organisation_ids(*, max_failures: int = 3) -> list[int]:
    """Organisations whose newest complete snapshot is older than their data version and
    whose current version has failed fewer than ``max_failures`` times (one query)."""
    newest = (
        ReportSnapshot.objects.complete()
        .filter(organisation=OuterRef("organisation"))
        .latest_first()
        .values("data_version")[:1]
    )
    failures = (
        ReportSnapshot.objects.filter(
            organisation=OuterRef("organisation"),
            status=SnapshotStatus.FAILED,
            data_version=OuterRef("version"),
        )
        .values("organisation")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    rows = (
        OrganisationDataVersion.objects.annotate(
            built=Subquery(newest),
            failures=Coalesce(Subquery(failures, output_field=IntegerField()), Value(0)),
        )
        .filter(Q(built__isnull=True) | Q(built__lt=F("version")), failures__lt=max_failures)
        .values_list("organisation_id", flat=True)
    )
    return list(rows)


def _int_of(snapshots: QuerySet, path: str) -> Subquery:
    """A whole number inside the newest snapshot's JSON (None where absent)."""
    return _number_of(snapshots, path, IntegerField())


def _float_of(snapshots: QuerySet, path: str) -> Subquery:
    """A number inside the newest snapshot's JSON, as a float (None where absent)."""
    return _number_of(snapshots, path, FloatField())


def _number_of(snapshots: QuerySet, path: str, field) -> Subquery:
    return Subquery(snapshots.annotate(value=Cast(KT(path), field)).values("value")[:1])


def portfolio_memberships(user, *, role: Role | None = None) -> QuerySet[Membership]:
    """The user's organisations with overall maturity, last activity and freshness (one query).

    Each membership carries ``overall_score``, ``overall_scale_max``, ``overall_score_100``,
    ``overall_level``, ``responses_needed`` and
    ``responses_counted`` (of a round below its reporting minimum), ``snapshot_version``,
    ``snapshot_finished_at``, ``snapshot_id``, and its organisation's ``data_version`` (or
    none yet). ``role``: only the memberships of that role (a consultant's clients).
    """
    newest = (
        ReportSnapshot.objects.complete()
        .filter(organisation=OuterRef("organisation"))
        .latest_first()
    )
    memberships = Membership.objects.filter(user=user)
    if role is not None:
        memberships = memberships.filter(role=role)
    return (
        memberships.select_related("organisation", "organisation__data_version")
        .annotate(
            # Cast from JSON text: SQLite hands back bare numbers that a JSON field cannot read.
            overall_score=_float_of(newest, "scores__results__overall__score"),
            # The top of the scale the overall score is on (absent in older snapshots: 5), and
            # the 0-100 score shown where the dimensions use different scales.
            overall_scale_max=_float_of(newest, "scores__results__overall__scale_max"),
            overall_score_100=_float_of(newest, "scores__results__overall__score_100"),
            overall_level=_int_of(newest, "scores__results__overall__level"),
            # Responses still needed before the current round is shown (diagnosis.anonymity).
            responses_needed=_int_of(newest, "scores__anonymity__needed"),
            responses_counted=_int_of(newest, "scores__anonymity__counted"),
            snapshot_version=Subquery(newest.values("data_version")[:1]),
            snapshot_finished_at=Subquery(newest.values("finished_at")[:1]),
            snapshot_id=Subquery(newest.values("pk")[:1]),
        )
        .order_by("organisation__name")
    )


# The parts of a snapshot's scores the client comparison reads.
COMPARED_PARTS = ("assessment", "anonymity", "results", "strategy", "labels", "framework")


@dataclass(frozen=True)
class ClientSnapshots:
    """A consultant's clients with the stored scores of their newest complete snapshots."""

    memberships: list[Membership]
    scores: dict[int, dict]  # organisation id -> the parts of the snapshot's scores compared
    frameworks: dict[int, tuple[int, dict]]  # framework version id -> (framework id, title)


def portfolio_clients(*, user) -> ClientSnapshots:
    """The organisations ``user`` advises as consultant (`portfolio_memberships`) with what
    their newest snapshots store: three queries, whatever the number of clients. Nothing is
    scored here; a round below its threshold has no results in its snapshot."""
    memberships = list(portfolio_memberships(user, role=Role.CONSULTANT))
    ids = [m.snapshot_id for m in memberships if m.snapshot_id is not None]
    scores: dict[int, dict] = {}
    if ids:
        for snapshot in ReportSnapshot.objects.filter(pk__in=ids).only("organisation", "scores"):
            stored = snapshot.scores or {}
            scores[snapshot.organisation_id] = {part: stored.get(part) for part in COMPARED_PARTS}
    version_ids = {
        (part.get("assessment") or {}).get("framework_version_id") for part in scores.values()
    } - {None}
    frameworks = (
        {
            pk: (framework_id, title)
            for pk, framework_id, title in FrameworkVersion.objects.filter(
                pk__in=version_ids
            ).values_list("pk", "framework_id", "title")
        }
        if version_ids
        else {}
    )
    return ClientSnapshots(memberships, scores, frameworks)
