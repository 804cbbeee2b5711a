from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .models import Invitation, Membership, Organisation, Role, hash_token


class InvitationUnusable(Exception):
    """The link is unknown, expired, used or revoked; callers show one page for all."""


def unique_slug(name: str) -> str:
    base = slugify(name)[:70] or "organisation"
    slug, counter = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug, counter = f"{base}-{counter}", counter + 1
    return slug


@transaction.atomic
def organisation_create(*, creator: AbstractBaseUser, role: Role, **fields) -> Organisation:
    if not fields.get("slug"):
        fields["slug"] = unique_slug(fields["name"])
    organisation = Organisation.objects.create(**fields)
    Membership.objects.create(user=creator, organisation=organisation, role=role)
    return organisation


def invitation_create(
    *, organisation: Organisation, email: str, role: Role, invited_by: AbstractBaseUser
) -> Invitation:
    from .tasks import send_invitation_email

    email = email.strip().lower()
    if Membership.objects.filter(organisation=organisation, user__email__iexact=email).exists():
        raise ValidationError({"email": _("This person is already a member.")})
    with transaction.atomic():
        # A fresh invitation replaces any pending one for the same address.
        Invitation.objects.pending().filter(organisation=organisation, email=email).update(
            revoked_at=timezone.now()
        )
        invitation = Invitation.objects.create(
            organisation=organisation,
            email=email,
            role=role,
            invited_by=invited_by,
            # Placeholder until the worker issues the real token.
            token_hash=hash_token(Invitation.new_token()),
        )
        transaction.on_commit(lambda: send_invitation_email.delay(invitation.pk))
    return invitation


def invitation_issue_token(invitation: Invitation) -> str:
    """Give the invitation a new token and return it; only its hash is kept.

    Issuing a new token on every send means the raw token exists only in the
    email, never in the database or the task queue.
    """
    token = Invitation.new_token()
    invitation.token_hash = hash_token(token)
    invitation.save(update_fields=["token_hash"])
    return token


def invitation_for_token(token: str) -> Invitation:
    invitation = (
        Invitation.objects.select_related("organisation")
        .filter(token_hash=hash_token(token))
        .first()
    )
    if invitation is None or not invitation.is_usable:
        raise InvitationUnusable
    return invitation


@transaction.atomic
def invitation_accept(*, token: str, user: AbstractBaseUser) -> Membership:
    invitation = invitation_for_token(token)
    # Lock the row so two clicks cannot both use a single-use token.
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_usable:
        raise InvitationUnusable
    membership, _created = Membership.objects.get_or_create(
        user=user, organisation=invitation.organisation, defaults={"role": invitation.role}
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership


def invitation_revoke(invitation: Invitation) -> None:
    if invitation.status == "pending":
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])


def membership_remove(membership: Membership) -> None:
    if membership.role == Role.OWNER:
        other_owners = Membership.objects.filter(
            organisation=membership.organisation, role=Role.OWNER
        ).exclude(pk=membership.pk)
        if not other_owners.exists():
            raise ValidationError(_("An organisation needs at least one owner."))
    membership.delete()
