"""The diagnosis stage: assessments, respondents, their answers, and the key challenges."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lndstrategy.bounds import date_validators
from maturity.models import FrameworkVersion, Item, Question
from organisations.models import Organisation, Person, RespondentGroup, new_token

# Below this many submitted responses nothing of a round (or of a group) is shown or exported.
MIN_ANONYMITY_THRESHOLD = 3


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Assessment(models.Model):
    """One diagnostic round of an organisation, on one framework version."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="assessments"
    )
    framework_version = models.ForeignKey(
        FrameworkVersion, on_delete=models.PROTECT, related_name="assessments"
    )
    title = models.CharField(_("title"), max_length=200)
    period = models.CharField(_("period"), max_length=60, blank=True)
    closes_on = models.DateField(
        _("closing date"), null=True, blank=True, validators=date_validators()
    )
    groups = models.JSONField(
        _("respondent groups"),
        default=list,
        help_text=_("Which groups take part; results are split by group."),
    )
    anonymous = models.BooleanField(
        _("anonymous results"),
        default=True,
        help_text=_("Hide who gave which answer; only group results of enough people are shown."),
    )
    anonymity_threshold = models.PositiveSmallIntegerField(
        _("anonymity threshold"),
        default=MIN_ANONYMITY_THRESHOLD,
        validators=[MinValueValidator(MIN_ANONYMITY_THRESHOLD), MaxValueValidator(50)],
        help_text=_(
            "Nothing of this round, and nothing of a group, is shown or exported until at "
            "least this many people have submitted. Never below 3."
        ),
    )
    status = models.CharField(
        max_length=10, choices=AssessmentStatus, default=AssessmentStatus.DRAFT
    )
    send_reminders = models.BooleanField(
        _("send reminders"),
        default=True,
        help_text=_(
            "Remind invited people who have not submitted, at most every three days and "
            "three times in all."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(anonymity_threshold__gte=MIN_ANONYMITY_THRESHOLD),
                name="anonymity_threshold_at_least_3",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == AssessmentStatus.OPEN


class Respondent(models.Model):
    """A person of the organisation asked to answer one round, by personal link or when logged in;
    or a response imported from another survey tool (`diagnosis/imports.py`).

    Exactly one of ``person`` and ``external_ref`` is set (a database constraint): people on the
    roster answer as themselves; an imported response is nobody on the roster and keeps only a
    keyed hash of the other tool's respondent id. Per round a person, and an external id, has at
    most one respondent, so at most one response.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="respondents"
    )
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="respondents")
    # RESTRICT: a person with answers cannot be removed from the roster (no answer is ever lost),
    # while deleting the whole organisation still removes both.
    person = models.ForeignKey(
        Person, on_delete=models.RESTRICT, null=True, blank=True, related_name="respondents"
    )
    # An imported response: HMAC-SHA256 of the other tool's respondent id under a key derived
    # from the secret key and the round (`diagnosis.imports.external_ref`); never the id itself.
    # The key includes the round, so unique overall means one response per id and round.
    external_ref = models.CharField(
        max_length=64, unique=True, null=True, blank=True, editable=False
    )
    # The language an imported response was given in, where the file says ("" otherwise).
    language = models.CharField(_("language"), max_length=10, blank=True)
    # The group this person answers in for this round (the roster's group when asked).
    group = models.CharField(_("group"), max_length=20, choices=RespondentGroup)
    # Personal invite link: only the hash of its token is stored. The token is derived from the
    # secret key and this salt (diagnosis/services.py), so every email carries the same link;
    # a new salt (when the owner withdraws and restores the link) makes a new one.
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    token_salt = models.CharField(max_length=32, blank=True, editable=False)
    token_expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    invited_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    reminder_count = models.PositiveSmallIntegerField(default=0)
    started_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["assessment", "group", "pk"]
        indexes = [
            # The reminder sweep: open invitations not yet submitted.
            models.Index(
                fields=["assessment", "reminded_at"],
                condition=models.Q(submitted_at__isnull=True, revoked_at__isnull=True),
                name="respondent_awaiting_idx",
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "person"], name="one_respondent_per_person"
            ),
            models.CheckConstraint(
                condition=(models.Q(person__isnull=False) & models.Q(external_ref__isnull=True))
                | (
                    models.Q(person__isnull=True)
                    & models.Q(external_ref__isnull=False)
                    & ~models.Q(external_ref="")
                ),
                name="respondent_is_a_person_or_imported",
            ),
        ]

    def __str__(self) -> str:
        if self.is_imported:
            return str(self.imported_label())
        return str(self.person)

    @staticmethod
    def imported_label():
        """What pages call a response imported from a file, which has no name."""
        return _("Imported respondent")

    @property
    def is_imported(self) -> bool:
        """An imported response: nobody on the roster, no link, submitted when it was stored."""
        return self.external_ref is not None

    new_token = staticmethod(new_token)

    @property
    def has_submitted(self) -> bool:
        return self.submitted_at is not None

    @property
    def link_is_usable(self) -> bool:
        return (
            self.token_hash is not None
            and self.revoked_at is None
            and (self.token_expires_at is None or self.token_expires_at > timezone.now())
        )


class Answer(models.Model):
    """One answer to one scored item; which fields hold it depends on the item's response type.

    likert5 / level5: `value`; current_target: `value` (current) and `target`;
    points100: `value` (today) and `target` (desired); choice: `choice`.
    """

    respondent = models.ForeignKey(Respondent, on_delete=models.CASCADE, related_name="answers")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="answers")
    value = models.FloatField(null=True, blank=True)
    target = models.FloatField(null=True, blank=True)
    choice = models.CharField(max_length=80, blank=True)
    dont_know = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["respondent", "item"], name="one_answer_per_item")
        ]

    def __str__(self) -> str:
        return f"{self.respondent} → {self.item.code}"


class TextAnswer(models.Model):
    """A free-text answer to a question, such as a strategic-context perspective."""

    respondent = models.ForeignKey(
        Respondent, on_delete=models.CASCADE, related_name="text_answers"
    )
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    text = models.TextField(max_length=5000)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["respondent", "question"], name="one_text_per_question")
        ]

    def __str__(self) -> str:
        return f"{self.respondent} → {self.question.code}"


class Priority(models.IntegerChoices):
    HIGH = 1, _("High")
    MEDIUM = 2, _("Medium")
    LOW = 3, _("Low")


class KeyChallenge(models.Model):
    """The crux of the diagnosis, written by the owner and tied to the dimensions it comes from."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="key_challenges"
    )
    assessment = models.ForeignKey(
        Assessment, on_delete=models.SET_NULL, null=True, blank=True, related_name="challenges"
    )
    title = models.CharField(_("challenge"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    # Dimension codes, stable across framework versions (e.g. "f4-autonomy").
    dimension_codes = models.JSONField(_("dimensions"), default=list)
    priority = models.PositiveSmallIntegerField(
        _("priority"), choices=Priority, default=Priority.MEDIUM
    )
    position = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["priority", "position", "pk"]

    def __str__(self) -> str:
        return self.title


class SourcingApproach(models.TextChoices):
    BUILD = "build", _("Build (develop our people)")
    BUY = "buy", _("Buy (hire)")
    BORROW = "borrow", _("Borrow (partner)")


class KnowledgeGap(models.Model):
    """A competence a target group or core task needs, its present level, and how to close it."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="knowledge_gaps"
    )
    assessment = models.ForeignKey(
        Assessment, on_delete=models.SET_NULL, null=True, blank=True, related_name="knowledge_gaps"
    )
    target_group = models.CharField(_("target group or core task"), max_length=200)
    competence = models.CharField(_("competence needed"), max_length=200)
    present_level = models.PositiveSmallIntegerField(
        _("present level (1–5)"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    needed_level = models.PositiveSmallIntegerField(
        _("needed level (1–5)"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    approach = models.CharField(_("build, buy or borrow"), max_length=10, choices=SourcingApproach)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["target_group", "competence"]

    def __str__(self) -> str:
        return f"{self.target_group}: {self.competence}"

    @property
    def gap(self) -> int:
        return self.needed_level - self.present_level
