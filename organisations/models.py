import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.validators import FileExtensionValidator, RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

brand_colour_validator = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", _("Use a hex colour such as #1f6feb.")
)


class Role(models.TextChoices):
    OWNER = "owner", _("Owner (L&D leader)")
    LEADER = "leader", _("Leadership team member")
    CONSULTANT = "consultant", _("Consultant")
    VIEWER = "viewer", _("Viewer")


class RespondentGroup(models.TextChoices):
    """The groups of an organisation's people; results of a round are split by them."""

    LD = "ld", _("L&D team")
    LEADERSHIP = "leadership", _("Leadership team")
    STAFF = "staff", _("Staff")
    OTHER = "other", _("Other")


# A member's group on the roster, unless the owner chose another.
ROLE_GROUPS = {
    Role.OWNER: RespondentGroup.LD,
    Role.LEADER: RespondentGroup.LEADERSHIP,
    Role.CONSULTANT: RespondentGroup.OTHER,
    Role.VIEWER: RespondentGroup.OTHER,
}


class OrganisationSize(models.TextChoices):
    SMALL = "small", _("Under 250 people")
    MEDIUM = "medium", _("250–1,000 people")
    LARGE = "large", _("1,000–10,000 people")
    ENTERPRISE = "enterprise", _("Over 10,000 people")


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name in web addresses"), max_length=80, unique=True)
    sector = models.CharField(_("sector"), max_length=120, blank=True)
    size = models.CharField(_("size"), max_length=20, choices=OrganisationSize, blank=True)
    logo = models.ImageField(
        _("logo"),
        upload_to="logos/",
        blank=True,
        validators=[FileExtensionValidator(["png", "jpg", "jpeg", "gif", "webp"])],
    )
    brand_colour = models.CharField(
        _("brand colour"), max_length=7, default="#1f6feb", validators=[brand_colour_validator]
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="one_membership_per_user")
        ]
        ordering = ["organisation__name", "user__username"]

    def __str__(self) -> str:
        return f"{self.user} in {self.organisation} as {self.role}"


def new_token() -> str:
    """A link token: 32 random bytes, 256 bits, well above the 128 the threat model needs."""
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    """Link tokens are stored only as this hash."""
    return hashlib.sha256(token.encode()).hexdigest()


def default_invitation_expiry():
    return timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS)


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )


class Invitation(models.Model):
    """An invitation to join an organisation. Only the token's hash is stored."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("email"))
    role = models.CharField(_("role"), max_length=20, choices=Role, default=Role.LEADER)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(default=default_invitation_expiry)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    # The email is written in this language (the invitee's, as far as the inviter knows).
    language = models.CharField(
        _("language of the email"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Invitation of {self.email} to {self.organisation}"

    new_token = staticmethod(new_token)

    @property
    def is_usable(self) -> bool:
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
        )

    @property
    def status(self) -> str:
        if self.accepted_at:
            return "accepted"
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "pending"


class Person(models.Model):
    """Someone on an organisation's roster: asked to answer rounds, accountable for actions.

    A person exists once per organisation, with or without a login. A member of the
    organisation is linked to their person (`user`), so whichever way they arrive (personal
    link or login) they are the same person, and per round one person has at most one response.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="people")
    name = models.CharField(_("name"), max_length=200)
    # Stored lower-case; blank only for a member whose account has no email address.
    email = models.EmailField(_("email"), blank=True)
    group = models.CharField(
        _("group"), max_length=20, choices=RespondentGroup, default=RespondentGroup.LEADERSHIP
    )
    language = models.CharField(
        _("preferred language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "email"]
        verbose_name_plural = _("people")
        constraints = [
            models.UniqueConstraint(
                "organisation",
                Lower("email"),
                condition=~models.Q(email=""),
                name="one_person_per_email",
                violation_error_message=_("Someone with this email address is on the list."),
            ),
            models.UniqueConstraint(
                fields=["organisation", "user"],
                condition=models.Q(user__isnull=False),
                name="one_person_per_member",
            ),
        ]

    def __str__(self) -> str:
        return self.name or self.email or f"Person {self.pk}"
