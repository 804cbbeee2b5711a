"""Guiding policies: a few statements that say how the key challenges will be met."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from diagnosis.models import KeyChallenge
from organisations.models import Organisation

from .library import library_entry


class PolicyStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    AGREED = "agreed", _("Agreed")


class PolicyQuerySet(models.QuerySet):
    def active(self):
        return self.filter(retired_at__isnull=True)


class Policy(models.Model):
    """One guiding policy of an organisation; it addresses at least one key challenge."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="policies"
    )
    statement = models.TextField(_("policy statement"), max_length=600)
    rationale = models.TextField(
        _("why this meets the challenges"),
        max_length=3000,
        help_text=_("Explain how this policy answers the key challenges it addresses."),
    )
    challenges = models.ManyToManyField(
        KeyChallenge, related_name="policies", verbose_name=_("key challenges it addresses")
    )
    # The library entry it was adopted or adapted from; blank when the team wrote its own.
    # An organisation adopts an entry once (a database constraint): adopting it again opens the
    # policy it already has.
    source_code = models.CharField(_("library entry"), max_length=80, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=PolicyStatus, default=PolicyStatus.DRAFT
    )
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("agreed by"),
    )
    agreed_at = models.DateTimeField(_("agreed on"), null=True, blank=True)
    position = models.PositiveIntegerField(default=0)
    retired_at = models.DateTimeField(_("retired on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PolicyQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "source_code"],
                condition=~models.Q(source_code=""),
                name="policy_library_entry_adopted_once",
                violation_error_message=_("This library policy is already adopted."),
            )
        ]
        verbose_name = _("guiding policy")
        verbose_name_plural = _("guiding policies")

    def __str__(self) -> str:
        return self.statement[:80]

    @property
    def is_agreed(self) -> bool:
        return self.status == PolicyStatus.AGREED

    @property
    def is_retired(self) -> bool:
        return self.retired_at is not None

    @property
    def origin(self) -> str:
        """'library' (adopted as is), 'adapted' (changed from an entry) or 'own'."""
        entry = library_entry(self.source_code)
        if entry is None:
            return "own"
        return "library" if entry.matches(self.statement) else "adapted"


class RevisionKind(models.TextChoices):
    CREATED = "created", _("Written")
    EDITED = "edited", _("Edited")
    AGREED = "agreed", _("Agreed")
    RETIRED = "retired", _("Retired")
    RESTORED = "restored", _("Brought back")
    MOVED = "moved", _("Reordered")


class PolicyRevision(models.Model):
    """One change to a policy: who, when, and the policy as it stood afterwards."""

    policy = models.ForeignKey(Policy, on_delete=models.CASCADE, related_name="revisions")
    kind = models.CharField(max_length=10, choices=RevisionKind)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    statement = models.TextField()
    rationale = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=PolicyStatus)
    challenge_titles = models.JSONField(default=list)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.policy_id} {self.kind} at {self.created_at:%Y-%m-%d %H:%M}"
