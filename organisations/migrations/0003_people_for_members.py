from django.db import migrations

ROLE_GROUPS = {"owner": "ld", "leader": "leadership", "consultant": "other", "viewer": "other"}


def people_for_members(apps, schema_editor):
    """Every member is on their organisation's roster, linked to their login."""
    Membership = apps.get_model("organisations", "Membership")
    Person = apps.get_model("organisations", "Person")
    for membership in Membership.objects.select_related("user"):
        user = membership.user
        people = Person.objects.filter(organisation_id=membership.organisation_id)
        if people.filter(user=user).exists():
            continue
        email = (user.email or "").lower()
        person = people.filter(user__isnull=True, email__iexact=email).first() if email else None
        if person is not None:
            person.user = user
            person.save(update_fields=["user"])
            continue
        Person.objects.create(
            organisation_id=membership.organisation_id,
            user=user,
            # Taken by the person of another login (an earlier account of the same address).
            email="" if email and people.filter(email__iexact=email).exists() else email,
            name=f"{user.first_name} {user.last_name}".strip() or user.username,
            group=ROLE_GROUPS.get(membership.role, "other"),
        )


class Migration(migrations.Migration):

    dependencies = [
        ("organisations", "0002_people"),
        ("diagnosis", "0005_people_from_respondents"),
    ]

    operations = [migrations.RunPython(people_for_members, migrations.RunPython.noop)]
