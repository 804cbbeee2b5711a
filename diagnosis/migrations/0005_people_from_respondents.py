from django.db import migrations, models


def respondents_to_people(apps, schema_editor):
    """Give every respondent a person of the roster: one per member, else one per email.

    Respondents of one round that turn out to be the same person keep only the submitted (or
    most recent) one, so that per round one person has at most one response.
    """
    Respondent = apps.get_model("diagnosis", "Respondent")
    Person = apps.get_model("organisations", "Person")
    people: dict[tuple, object] = {}
    seen: set[tuple[int, int]] = set()
    rows = Respondent.objects.select_related("user").order_by(
        models.F("submitted_at").desc(nulls_last=True), "-pk"
    )
    for respondent in rows:
        email = (respondent.email or (respondent.user.email if respondent.user else "")).lower()
        keys = []
        if respondent.user_id:
            keys.append((respondent.organisation_id, "user", respondent.user_id))
        if email:
            keys.append((respondent.organisation_id, "email", email))
        person = next((people[key] for key in keys if key in people), None)
        if respondent.user_id and person and person.user_id not in (None, respondent.user_id):
            # The address is another login's (an earlier account): a person of their own,
            # without the address, as organisations.services.person_for_member does.
            person, keys, email = None, keys[:1], ""
        if person is None:
            user = respondent.user  # a historical model: no get_full_name()
            name = respondent.name or (
                f"{user.first_name} {user.last_name}".strip() or user.username if user else ""
            ) or email or "—"
            person = Person.objects.create(
                organisation_id=respondent.organisation_id,
                name=name[:200],
                email=email,
                group=respondent.group,
                user_id=respondent.user_id,
            )
        elif respondent.user_id and person.user_id is None:
            person.user_id = respondent.user_id
            person.save(update_fields=["user"])
        for key in keys:
            people[key] = person
        if (respondent.assessment_id, person.pk) in seen:
            respondent.delete()  # a second response of the same person in one round
            continue
        seen.add((respondent.assessment_id, person.pk))
        respondent.person = person
        respondent.save(update_fields=["person"])


class Migration(migrations.Migration):

    dependencies = [
        ('diagnosis', '0004_respondents_are_people'),
    ]

    operations = [
        migrations.RunPython(respondents_to_people, migrations.RunPython.noop),
    ]
