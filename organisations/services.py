import hashlib
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.auth.tokens import default_token_generator
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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
    *,
    organisation: Organisation,
    email: str,
    role: Role,
    invited_by: AbstractBaseUser,
    language: str = "",
) -> Invitation:
    """Invite someone to join; the email goes out in `language`, else in the language the
    organisation's people list has for the address, else the default."""
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
            language=language or _roster_language(organisation, email),
            # Placeholder until the worker issues the real token.
            token_hash=hash_token(Invitation.new_token()),
        )
        transaction.on_commit(lambda: send_invitation_email.delay(invitation.pk))
    return invitation


def _roster_language(organisation: Organisation, email: str) -> str:
    person = Person.objects.filter(organisation=organisation, email__iexact=email).first()
    return person.language if person is not None else settings.LANGUAGE_CODE


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


class InvitationForOtherAddress(Exception):
    """The logged-in account's address is not the one invited; they must confirm first."""


def invitation_is_for(invitation: Invitation, user: AbstractBaseUser) -> bool:
    """Whether the invitation was sent to this account's own address."""
    return bool(user.email) and user.email.strip().lower() == invitation.email.lower()


def _lock_usable_invitation(token: str, *, every_invitation_to_the_address: bool = False):
    """The invitation of this token, its row locked (so a single-use link is used once).

    With `every_invitation_to_the_address` every invitation to the same address is locked too,
    in one order, so two sign-ups for one address (through two organisations' invitations)
    take turns and the second finds the first's account.
    """
    found = invitation_for_token(token)
    locked = Invitation.objects.select_for_update().order_by("pk")
    if every_invitation_to_the_address:
        invitation = {row.pk: row for row in locked.filter(email=found.email)}.get(found.pk)
    else:
        invitation = locked.filter(pk=found.pk).first()
    if invitation is None or not invitation.is_usable:
        raise InvitationUnusable
    invitation.organisation = found.organisation
    return invitation


def _accept(invitation: Invitation, user: AbstractBaseUser) -> Membership:
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


@transaction.atomic
def invitation_accept(
    *, token: str, user: AbstractBaseUser, other_address_confirmed: bool = False
) -> Membership:
    """A logged-in account accepts; one invited under another address must confirm it first."""
    invitation = _lock_usable_invitation(token)
    if not other_address_confirmed and not invitation_is_for(invitation, user):
        raise InvitationForOtherAddress
    return _accept(invitation, user)


ACCOUNT_EXISTS = gettext_lazy(
    "An account with the address %(email)s exists already. Log in with it to accept the "
    "invitation (or reset its password)."
)


def account_with_email_exists(email: str) -> bool:
    return get_user_model().objects.filter(email__iexact=email.strip()).exists()


@transaction.atomic
def invitation_signup(*, token: str, user: AbstractBaseUser) -> Membership:
    """Create the account `user` (not saved yet, password set) and accept the invitation with it.

    One transaction with the invitation locked: racing sign-ups on one link create one account
    and the others find the link used; nothing is left half done (no account without its
    membership). The account gets the invited address, which no other account may have.
    """
    invitation = _lock_usable_invitation(token, every_invitation_to_the_address=True)
    if account_with_email_exists(invitation.email):
        raise ValidationError(ACCOUNT_EXISTS % {"email": invitation.email})
    user.email = invitation.email
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:  # the same username taken at the same moment
        raise ValidationError(
            {"username": _("A user with that username already exists.")}
        ) from None
    return _accept(invitation, user)


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


def person_for_email(
    *, organisation: Organisation, email: str, name: str, group: str, language: str = ""
) -> Person:
    """The person with this address on the roster, added first (speaking `language`) if they
    are not on it yet; someone on it keeps the language the roster has for them."""
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
    return person_create(
        organisation=organisation, name=name or email, email=email, group=group, language=language
    )


# --- Password reset ------------------------------------------------------------------------------

PASSWORD_RESET_CACHE_PREFIX = "password-reset"
PASSWORD_RESET_WINDOW_SECONDS = 3600


def _count_within_limit(key: str, limit: int) -> bool:
    """Count one more request under `key` in the current hour; False past the limit."""
    cache.add(key, 0, timeout=PASSWORD_RESET_WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # the key expired between add and incr
        cache.set(key, 1, timeout=PASSWORD_RESET_WINDOW_SECONDS)
        count = 1
    return count <= limit


def password_reset_allowed(*, email: str, address: str) -> bool:
    """Whether a reset email may go out: a few per address per hour, and per computer (IP).

    Every request counts, whether or not the address has an account, so the limit says nothing
    about who has one. The address is kept only as a hash in the cache key.
    """
    digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()
    per_email = _count_within_limit(
        f"{PASSWORD_RESET_CACHE_PREFIX}:email:{digest}", settings.PASSWORD_RESET_LIMIT_PER_EMAIL
    )
    per_address = _count_within_limit(
        f"{PASSWORD_RESET_CACHE_PREFIX}:ip:{address}", settings.PASSWORD_RESET_LIMIT_PER_IP
    )
    return per_email and per_address


def password_reset_send(*, user: AbstractBaseUser, language: str) -> None:
    """Email the account a link to choose a new password (Django's email, made by the worker).

    The token is made here, so it never sits in the queue; the link's address is SITE_URL, not
    whatever Host the request named.
    """
    site = urlsplit(settings.SITE_URL)
    context = {
        "email": user.email,
        "domain": site.netloc,
        "site_name": site.netloc,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "user": user,
        "token": default_token_generator.make_token(user),
        "protocol": site.scheme or "https",
    }
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = render_to_string("registration/password_reset_subject.txt", context)
        body = render_to_string("registration/password_reset_email.html", context)
    send_mail(
        subject="".join(subject.splitlines()),
        message=body,
        from_email=None,
        recipient_list=[user.email],
    )
