"""Give every uploaded framework an owner; until now every framework was seen by everybody.

A framework whose code is one of the shipped files' stays built-in. Any other framework gets:

1. the organisation of the assessments that use its versions. When several organisations use
   it, the practice of an uploader who is a consultant in all of them (so each keeps seeing it),
   or else the organisation with the most assessments on it; the others' assessments keep their
   version (it stays chosen in their form) but they no longer see it listed;
2. otherwise the uploader's: their practice if they are a consultant anywhere, else the first
   organisation they own, else their practice (seen nowhere until they consult somewhere);
3. otherwise (no assessment uses it and its uploader is unknown) nobody can own it: it is
   deleted, with its versions, which no assessment uses.
"""

from django.db import migrations
from django.db.models import Count

OWNER = "owner"
CONSULTANT = "consultant"


def _shipped_codes() -> frozenset[str]:
    from maturity.shipped import shipped_codes

    return shipped_codes()


def _owner_from_use(framework, Assessment, Membership, uploaders: list[int]) -> dict | None:
    counts = list(
        Assessment.objects.filter(framework_version__framework=framework)
        .values("organisation_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "organisation_id")
    )
    organisations = [row["organisation_id"] for row in counts]
    if not organisations:
        return None
    if len(organisations) > 1:
        for user_id in uploaders:
            consulted = Membership.objects.filter(
                user_id=user_id, role=CONSULTANT, organisation_id__in=organisations
            ).count()
            if consulted == len(organisations):
                return {"practice_id": user_id}
    return {"organisation_id": organisations[0]}


def _owner_from_uploader(Membership, uploaders: list[int]) -> dict | None:
    for user_id in uploaders:
        memberships = Membership.objects.filter(user_id=user_id)
        if memberships.filter(role=CONSULTANT).exists():
            return {"practice_id": user_id}
        owned = memberships.filter(role=OWNER).order_by("created_at", "pk").first()
        if owned is not None:
            return {"organisation_id": owned.organisation_id}
        return {"practice_id": user_id}
    return None


def assign_owners(apps, schema_editor):
    Framework = apps.get_model("maturity", "Framework")
    FrameworkVersion = apps.get_model("maturity", "FrameworkVersion")
    Assessment = apps.get_model("diagnosis", "Assessment")
    Membership = apps.get_model("organisations", "Membership")
    shipped = _shipped_codes()
    unowned = Framework.objects.filter(organisation__isnull=True, practice__isnull=True)
    for framework in unowned.exclude(code__in=shipped).order_by("pk"):
        versions = FrameworkVersion.objects.filter(framework=framework).order_by("version")
        uploaders = list(
            dict.fromkeys(
                versions.exclude(imported_by=None).values_list("imported_by_id", flat=True)
            )
        )
        owner = _owner_from_use(framework, Assessment, Membership, uploaders)
        owner = owner or _owner_from_uploader(Membership, uploaders)
        if owner is None:
            versions.delete()
            framework.delete()
            continue
        Framework.objects.filter(pk=framework.pk).update(**owner)


class Migration(migrations.Migration):
    dependencies = [
        ("maturity", "0003_framework_owner"),
        ("diagnosis", "0001_initial"),
        ("organisations", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(assign_owners, migrations.RunPython.noop),
    ]
