from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .models import (
    ROLE_GROUPS,
    Invitation,
    Membership,
    Organisation,
    Person,
    Role,
    hash_token,
)


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
    # Someone on the roster under the invited address becomes this member's person, so their
    # earlier answers and actions stay theirs and they cannot answer a round twice.
    person_link_user(organisation=invitation.organisation, user=user, email=invitation.email)
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


# --- The roster of people ----------------------------------------------------------------------

DUPLICATE_EMAIL = _("Someone with this email address is on the list already: %(name)s.")


def _display_name(user: AbstractBaseUser) -> str:
    return (user.get_full_name() or user.get_username())[:200]


def _refuse_duplicate_email(*, organisation: Organisation, email: str, exclude=None) -> None:
    if not email:
        return
    others = Person.objects.filter(organisation=organisation, email__iexact=email)
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    other = others.first()
    if other is not None:
        raise ValidationError({"email": DUPLICATE_EMAIL % {"name": other}})


def person_create(
    *,
    organisation: Organisation,
    name: str,
    email: str = "",
    group: str,
    language: str = "",
    user: AbstractBaseUser | None = None,
) -> Person:
    """Add someone to the roster; an email address already on it is refused."""
    email = email.strip().lower()
    _refuse_duplicate_email(organisation=organisation, email=email)
    fields = {"language": language} if language else {}
    try:
        with transaction.atomic():
            return Person.objects.create(
                organisation=organisation,
                name=name.strip(),
                email=email,
                group=group,
                user=user,
                **fields,
            )
    except IntegrityError:  # the same address added twice at once
        _refuse_duplicate_email(organisation=organisation, email=email)
        raise


def person_update(*, person: Person, name: str, email: str, group: str, language: str) -> Person:
    email = email.strip().lower()
    _refuse_duplicate_email(organisation=person.organisation, email=email, exclude=person)
    if person.user_id and not email:
        email = person.email
    person.name, person.email, person.group, person.language = name.strip(), email, group, language
    person.save(update_fields=["name", "email", "group", "language"])
    return person


@transaction.atomic
def person_link_user(
    *, organisation: Organisation, user: AbstractBaseUser, email: str = ""
) -> Person | None:
    """Link a login to the person on the roster with that address, if there is one unlinked."""
    existing = Person.objects.filter(organisation=organisation, user=user).first()
    if existing is not None:
        return existing
    addresses = {address.lower() for address in (email, user.email) if address}
    person = (
        Person.objects.select_for_update()
        .filter(organisation=organisation, user__isnull=True, email__in=addresses)
        .order_by("pk")
        .first()
        if addresses
        else None
    )
    if person is not None:
        person.user = user
        person.save(update_fields=["user"])
    return person


def person_for_member(*, membership: Membership) -> Person:
    """The member's person on the roster: linked by login, else by address, else added."""
    organisation, user = membership.organisation, membership.user
    person = person_link_user(organisation=organisation, user=user)
    if person is not None:
        return person
    email = (user.email or "").lower()
    try:
        with transaction.atomic():
            return Person.objects.create(
                organisation=organisation,
                user=user,
                name=_display_name(user),
                email=""
                if Person.objects.filter(organisation=organisation, email__iexact=email).exists()
                else email,
                group=ROLE_GROUPS[Role(membership.role)],
            )
    except IntegrityError:  # two requests at once
        return Person.objects.get(organisation=organisation, user=user)


def person_for_email(*, organisation: Organisation, email: str, name: str, group: str) -> Person:
    """The person with this address on the roster, added first if they are not on it yet."""
    email = email.strip().lower()
    person = Person.objects.filter(organisation=organisation, email__iexact=email).first()
    if person is not None:
        return person
    member = (
        Membership.objects.filter(organisation=organisation, user__email__iexact=email)
        .select_related("user", "organisation")
        .first()
    )
    if member is not None:
        return person_for_member(membership=member)
    return person_create(organisation=organisation, name=name or email, email=email, group=group)
