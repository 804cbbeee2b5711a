import django.db.models.deletion
from django.db import migrations, models


def owners_to_people(apps, schema_editor):
    """Point each owner at the person the owning member is on the roster."""
    Person = apps.get_model("organisations", "Person")
    for model_name in ("Action", "Recommendation"):
        model = apps.get_model("actions", model_name)
        for row in model.objects.filter(owner__isnull=False).select_related("owner"):
            user = row.owner
            people = Person.objects.filter(organisation_id=row.organisation_id)
            person = people.filter(user=user).first() or (
                people.filter(email__iexact=user.email).first() if user.email else None
            )
            if person is None:
                person = Person.objects.create(
                    organisation_id=row.organisation_id,
                    user=user,
                    email=(user.email or "").lower(),
                    name=f"{user.first_name} {user.last_name}".strip() or user.username,
                    group="leadership",
                )
            row.owner_person = person
            row.save(update_fields=["owner_person"])


class Migration(migrations.Migration):

    dependencies = [
        ("actions", "0001_initial"),
        ("organisations", "0003_people_for_members"),
    ]

    operations = [
        migrations.AddField(
            model_name="action",
            name="owner_person",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="organisations.person",
            ),
        ),
        migrations.AddField(
            model_name="recommendation",
            name="owner_person",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="organisations.person",
            ),
        ),
        migrations.RunPython(owners_to_people, migrations.RunPython.noop),
    ]
