"""Every member is on their organisation's roster of people, however the membership was made."""

from django.db.models.signals import post_save

from .models import Membership


def on_membership_saved(sender, instance: Membership, created: bool, raw: bool = False, **kwargs):
    if created and not raw:
        from .services import person_for_member

        person_for_member(membership=instance)


def connect() -> None:
    post_save.connect(on_membership_saved, sender=Membership, dispatch_uid="roster-member")
