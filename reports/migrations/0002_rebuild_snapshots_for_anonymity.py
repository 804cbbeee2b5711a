"""Snapshots built before the anonymity threshold (diagnosis/anonymity.py) may hold results of a
round below its k. Move every organisation's data version on by one, so the sweep rebuilds each
snapshot under the new rules. changed_at is left alone: no one's data changed."""

from django.db import migrations
from django.db.models import F


def bump_versions(apps, schema_editor):
    OrganisationDataVersion = apps.get_model("reports", "OrganisationDataVersion")
    OrganisationDataVersion.objects.update(version=F("version") + 1)


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]

    operations = [migrations.RunPython(bump_versions, migrations.RunPython.noop)]
