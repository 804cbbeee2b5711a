"""Before an organisation can adopt a library entry only once (0003), resolve the duplicates
that adopting an entry twice created.

Per organisation and library entry, one policy is kept: an active one before a retired one, an
agreed one before a draft, then the oldest. A duplicate with the same wording (the same text,
or the entry's text in any language) is merged into it: its actions, key challenges and history
move over, then it is deleted. A duplicate the team worded differently is kept as a policy of
its own and no longer points at the library entry, so nothing the team wrote is lost.
"""

from django.db import migrations

from policy.library import library_entry


def _normalised(text: str) -> str:
    return " ".join(text.split())


def _same_wording(kept, other) -> bool:
    if _normalised(kept.statement) == _normalised(other.statement):
        return True
    entry = library_entry(kept.source_code)
    return entry is not None and entry.matches(kept.statement) and entry.matches(other.statement)


def merge_duplicates(apps, schema_editor):
    Policy = apps.get_model("policy", "Policy")
    PolicyRevision = apps.get_model("policy", "PolicyRevision")
    Action = apps.get_model("actions", "Action")
    groups: dict[tuple[int, str], list] = {}
    for policy in Policy.objects.exclude(source_code="").order_by("pk"):
        groups.setdefault((policy.organisation_id, policy.source_code), []).append(policy)
    for policies in groups.values():
        if len(policies) < 2:
            continue
        policies.sort(key=lambda p: (p.retired_at is not None, p.status != "agreed", p.pk))
        kept, *others = policies
        for other in others:
            if not _same_wording(kept, other):
                Policy.objects.filter(pk=other.pk).update(source_code="")
                continue
            Action.objects.filter(policy_id=other.pk).update(policy_id=kept.pk)
            PolicyRevision.objects.filter(policy_id=other.pk).update(policy_id=kept.pk)
            kept.challenges.add(*other.challenges.all())
            other.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("policy", "0001_initial"),
        ("actions", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(merge_duplicates, migrations.RunPython.noop),
    ]
