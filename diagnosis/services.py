"""Assessments and their respondents: creating, opening and closing rounds, inviting people.

Answers and their validation live in `diagnosis/answers.py`; reminders in
`diagnosis/reminders.py`. Emails are sent by Celery tasks (`diagnosis/tasks.py`) that derive the
personal link's token themselves, so the raw token exists only in the email (the database keeps
its hash and a salt, the queue only the respondent's id).
"""

import secrets
from base64 import urlsafe_b64encode
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lndstrategy.numbers import rounded
from maturity.framework_files import DEFAULT_FRAMEWORK_CODE
from maturity.models import Framework, FrameworkVersion
from maturity.services import default_framework_version
from organisations.models import Membership, Organisation, Person, hash_token
from organisations.services import person_for_email, person_for_member

from .models import (
    Answer,
    Assessment,
    AssessmentStatus,
    Respondent,
    RespondentGroup,
    TextAnswer,
)

LINK_VALID_DAYS = 30


class RespondentLinkUnusable(Exception):
    """The link is unknown, expired or withdrawn; callers show one page for all."""


# --- Assessments -----------------------------------------------------------------------------


def default_framework_stored() -> FrameworkVersion | None:
    """The latest stored version of the built-in default framework, or None: never imports
    (GETs). An organisation's or a practice's framework of the same code never counts."""
    framework = Framework.objects.built_in().filter(code=DEFAULT_FRAMEWORK_CODE).first()
    return framework.latest_version() if framework else None


def default_framework_choice() -> FrameworkVersion:
    """The latest stored version of the default framework (imported on first use)."""
    return default_framework_stored() or default_framework_version()


def assessment_has_answers(assessment: Assessment) -> bool:
    return (
        Answer.objects.filter(respondent__assessment=assessment).exists()
        or TextAnswer.objects.filter(respondent__assessment=assessment).exists()
    )


def assessment_create(
    *, organisation: Organisation, created_by: AbstractBaseUser, **fields
) -> Assessment:
    fields.setdefault("framework_version", default_framework_choice())
    return Assessment.objects.create(organisation=organisation, created_by=created_by, **fields)


@transaction.atomic
def assessment_update(assessment: Assessment, changed: list[str]) -> Assessment:
    """Save the fields a form changed; the framework is fixed once anyone has answered."""
    if "framework_version" in changed:
        stored = Assessment.objects.only("framework_version").get(pk=assessment.pk)
        if stored.framework_version_id != assessment.framework_version_id and (
            assessment_has_answers(assessment)
        ):
            raise ValidationError(
                {"framework_version": _("People have answered already; the framework is fixed.")}
            )
    assessment.save()
    if "closes_on" in changed:
        # Personal links last until the closing date, so they follow it when it moves.
        assessment.respondents.filter(
            token_hash__isnull=False, revoked_at__isnull=True, submitted_at__isnull=True
        ).update(token_expires_at=link_expiry(assessment))
    return assessment


def _enqueue_invitations(respondent_ids: list[int]) -> None:
    from .tasks import send_respondent_invitation

    for respondent_id in respondent_ids:
        transaction.on_commit(
            lambda respondent_id=respondent_id: send_respondent_invitation.delay(respondent_id)
        )


@transaction.atomic
def assessment_open(assessment: Assessment) -> Assessment:
    """Open a draft, or reopen a closed round; invitations not sent yet go out now."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.status == AssessmentStatus.OPEN:
        return assessment
    if assessment.closes_on and assessment.closes_on < timezone.localdate():
        raise ValidationError(_("The closing date has passed. Move it to a later date first."))
    now = timezone.now()
    first_opening = assessment.opened_at is None
    assessment.status = AssessmentStatus.OPEN
    assessment.opened_at = assessment.opened_at or now
    assessment.closed_at = None
    assessment.save(update_fields=["status", "opened_at", "closed_at"])
    # Those the owner asked while it was a draft; members who came by themselves have no email.
    waiting = assessment.respondents.filter(
        invited_at__isnull=True, revoked_at__isnull=True, submitted_at__isnull=True
    ).exclude(person__email="")
    if first_opening:
        # Their links exist from now on, for the owner to copy (the emails carry the same).
        for respondent in waiting.filter(person__user__isnull=True).select_related("person"):
            respondent.assessment = assessment
            respondent_prepare_link(respondent)
    _enqueue_invitations(list(waiting.values_list("pk", flat=True)))
    return assessment


@transaction.atomic
def assessment_close(assessment: Assessment) -> Assessment:
    """Close the round: every answer becomes read-only until it is reopened."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.status != AssessmentStatus.OPEN:
        raise ValidationError(_("Only an open assessment can be closed."))
    assessment.status = AssessmentStatus.CLOSED
    assessment.closed_at = timezone.now()
    assessment.save(update_fields=["status", "closed_at"])
    return assessment


# --- Respondents and their personal links ----------------------------------------------------


def link_expiry(assessment: Assessment, now: datetime | None = None) -> datetime:
    """A link works until the end of the closing date, or for 30 days without one."""
    now = now or timezone.now()
    if assessment.closes_on:
        end = datetime.combine(
            assessment.closes_on + timedelta(days=1),
            time.min,
            tzinfo=timezone.get_current_timezone(),
        )
        if end > now:
            return end
    return now + timedelta(days=LINK_VALID_DAYS)


def link_token(respondent: Respondent) -> str:
    """The personal link's token: an HMAC of the respondent and its salt under the secret key."""
    digest = salted_hmac(
        "lndstrategy.diagnosis.respondent-link",
        f"respondent:{respondent.pk}:{respondent.token_salt}",
        algorithm="sha256",
    ).digest()
    return urlsafe_b64encode(digest).rstrip(b"=").decode()


def respondent_issue_token(respondent: Respondent) -> str:
    """The respondent's personal link token, for an email; only its hash is kept.

    The token is derived, not stored: every email (invitation, reminder, resend) carries the
    same link, which works until the round closes or the owner withdraws it. Withdrawing and
    restoring the link gives a new salt and so a new token (`respondent_resend`). Each email
    also moves the link's expiry to the closing date (or 30 days on).
    """
    fields = ["token_hash", "token_expires_at"]
    if not respondent.token_salt:
        respondent.token_salt = new_link_salt()
        fields.append("token_salt")
    token = link_token(respondent)
    respondent.token_hash = hash_token(token)
    respondent.token_expires_at = link_expiry(respondent.assessment)
    respondent.save(update_fields=fields)
    return token


def issued_link_token(respondent: Respondent) -> str | None:
    """The token of the personal link the respondent has now, if one was issued and still works
    (reads only: the token is derived again, nothing is stored)."""
    if respondent.person_id is None or not respondent.token_salt or not respondent.link_is_usable:
        return None
    token = link_token(respondent)
    return token if hash_token(token) == respondent.token_hash else None


def respondent_prepare_link(respondent: Respondent) -> None:
    """Issue the personal link now, so the owner can copy it before any email has gone out.

    Only for someone without a login (members answer in the product) in an open round whose
    link works; the emails carry the same link later.
    """
    person = respondent.person
    if (
        person is None
        or person.user_id is not None
        or respondent.revoked_at is not None
        or respondent.submitted_at is not None
        or not respondent.assessment.is_open
    ):
        return
    respondent_issue_token(respondent)


def new_link_salt() -> str:
    return secrets.token_hex(16)


def respondent_for_token(token: str) -> Respondent:
    """The respondent a personal link belongs to, or `RespondentLinkUnusable`."""
    if not token or len(token) > 100:
        raise RespondentLinkUnusable
    respondent = (
        Respondent.objects.select_related(
            "assessment__organisation", "assessment__framework_version"
        )
        .filter(token_hash=hash_token(token))
        .first()
    )
    if respondent is None or not respondent.link_is_usable:
        raise RespondentLinkUnusable
    return respondent


def _check_group(assessment: Assessment, group: str) -> None:
    if group not in assessment.groups:
        raise ValidationError({"group": _("Choose one of the groups taking part.")})


def respondent_invite(
    *, assessment: Assessment, email: str, name: str, group: str, language: str = ""
) -> Respondent:
    """Ask someone by email; they join the roster first if they are not on it yet.

    A member of the organisation is the same person whichever way they answer.
    """
    _check_group(assessment, group)
    if Respondent.objects.filter(
        assessment=assessment, person__email__iexact=email.strip()
    ).exists():
        raise ValidationError({"email": _("This person is asked to answer this round already.")})
    person = person_for_email(
        organisation=assessment.organisation,
        email=email,
        name=name,
        group=group,
        language=language,
    )
    return respondent_add_person(assessment=assessment, person=person, group=group)


def respondent_add_person(*, assessment: Assessment, person: Person, group: str) -> Respondent:
    """Ask someone on the roster to answer this round; they get an email with their link."""
    _check_group(assessment, group)
    if person.organisation_id != assessment.organisation_id:
        raise ValidationError(_("Choose someone of this organisation."))
    existing = Respondent.objects.filter(assessment=assessment, person=person).first()
    if existing is not None:
        raise ValidationError(
            _("%(name)s is asked to answer this round already.") % {"name": person}
        )
    try:
        with transaction.atomic():
            respondent = Respondent.objects.create(
                organisation=assessment.organisation,
                assessment=assessment,
                person=person,
                group=group,
            )
            if assessment.is_open and person.email:
                respondent_prepare_link(respondent)
                _enqueue_invitations([respondent.pk])
    except IntegrityError:  # asked twice at once
        raise ValidationError(
            _("%(name)s is asked to answer this round already.") % {"name": person}
        ) from None
    return respondent


def respondent_for_member(assessment: Assessment, membership: Membership) -> Respondent:
    """The member's own respondent in this round, made when they press "Start".

    The member's person may have been asked already (by email, before they had a login): then
    that is their respondent, so they never answer a round twice.
    """
    person = person_for_member(membership=membership)
    respondent = Respondent.objects.filter(assessment=assessment, person=person).first()
    if respondent is not None:
        return respondent
    try:
        with transaction.atomic():
            return Respondent.objects.create(
                organisation=assessment.organisation,
                assessment=assessment,
                person=person,
                group=person.group,
            )
    except IntegrityError:  # two tabs at once
        return Respondent.objects.get(assessment=assessment, person=person)


def respondent_of_member(assessment: Assessment, user) -> Respondent | None:
    """The logged-in member's respondent in this round, if they have one (reads only)."""
    return (
        Respondent.objects.filter(assessment=assessment, person__user=user)
        .select_related("person")
        .first()
    )


IMPORTED_HAS_NO_LINK = gettext_lazy(
    "This response was imported from a file: there is no link and nobody to send one to."
)


def respondent_revoke(respondent: Respondent) -> None:
    """Withdraw a personal link. Submitted answers stay part of the results."""
    if respondent.is_imported:
        raise ValidationError(IMPORTED_HAS_NO_LINK)
    if respondent.revoked_at is None:
        respondent.revoked_at = timezone.now()
        respondent.save(update_fields=["revoked_at"])


def _restore_link(respondent: Respondent) -> None:
    """Lift a withdrawal with a new link: the withdrawn one stays dead."""
    respondent.revoked_at = None
    respondent.token_salt = new_link_salt()
    respondent.token_hash = None
    respondent.save(update_fields=["revoked_at", "token_salt", "token_hash"])


def respondent_resend(respondent: Respondent) -> None:
    """Email the link again: the same link, or a new one when restoring a withdrawn link.

    In an anonymous round the owner may not learn who has submitted: for someone who has, the
    link is restored as for anyone else but nothing is sent (they need no link to answer)."""
    if respondent.is_imported:
        raise ValidationError(IMPORTED_HAS_NO_LINK)
    if respondent.has_submitted and respondent.assessment.anonymous:
        if respondent.revoked_at is not None:
            _restore_link(respondent)
        return
    if respondent.has_submitted:
        raise ValidationError(_("This person has submitted already."))
    if not respondent.assessment.is_open:
        raise ValidationError(_("Open the assessment before sending links."))
    if not respondent.person.email:
        raise ValidationError(_("There is no email address to send the link to."))
    with transaction.atomic():
        if respondent.revoked_at is not None:
            _restore_link(respondent)
            respondent_prepare_link(respondent)
        _enqueue_invitations([respondent.pk])


# --- Status and response rates ---------------------------------------------------------------

STATUS_LABELS = {
    "submitted": gettext_lazy("Submitted"),
    "in_progress": gettext_lazy("In progress"),
    "revoked": gettext_lazy("Link withdrawn"),
    "expired": gettext_lazy("Link expired"),
    "invited": gettext_lazy("Invited"),
    "not_started": gettext_lazy("Not started"),
    "not_sent": gettext_lazy("Invitation not sent yet"),
    "imported": gettext_lazy("Imported from a file"),
}


def respondent_status(respondent: Respondent, now: datetime | None = None) -> str:
    now = now or timezone.now()
    if respondent.is_imported:
        return "imported"
    if respondent.submitted_at:
        return "submitted"
    if respondent.revoked_at:
        return "revoked"
    if (
        respondent.person.user_id is None
        and respondent.token_expires_at
        and respondent.token_expires_at <= now
    ):
        return "expired"
    if respondent.started_at:
        return "in_progress"
    if respondent.invited_at:
        return "invited"
    return "not_started" if respondent.person.user_id else "not_sent"


# Who counts in a response rate: everyone asked, except withdrawn links that never submitted.
COUNTED = Q(revoked_at__isnull=True) | Q(submitted_at__isnull=False)
SUBMITTED = Q(submitted_at__isnull=False)


@dataclass(frozen=True)
class GroupRate:
    group: str
    label: str
    asked: int
    submitted: int
    in_progress: int

    @property
    def percent(self) -> int:
        return int(rounded(100 * self.submitted / self.asked, 0)) if self.asked else 0


def response_rates(assessment: Assessment) -> tuple[GroupRate, list[GroupRate]]:
    """The overall response rate and one per group, in a single aggregate query."""
    rows = (
        Respondent.objects.filter(assessment=assessment)
        .values("group")
        .annotate(
            asked=Count("pk", filter=COUNTED),
            submitted=Count("pk", filter=SUBMITTED),
            in_progress=Count(
                "pk",
                filter=Q(
                    started_at__isnull=False, submitted_at__isnull=True, revoked_at__isnull=True
                ),
            ),
        )
        .order_by()
    )
    by_group = {row["group"]: row for row in rows}
    order = list(assessment.groups) + sorted(set(by_group) - set(assessment.groups))
    labels = dict(RespondentGroup.choices)
    groups = [
        GroupRate(
            group=group,
            label=str(labels.get(group, group)),
            asked=by_group.get(group, {}).get("asked", 0),
            submitted=by_group.get(group, {}).get("submitted", 0),
            in_progress=by_group.get(group, {}).get("in_progress", 0),
        )
        for group in order
    ]
    overall = GroupRate(
        group="all",
        label=_("Everyone"),
        asked=sum(rate.asked for rate in groups),
        submitted=sum(rate.submitted for rate in groups),
        in_progress=sum(rate.in_progress for rate in groups),
    )
    return overall, groups


def assessments_with_rates(queryset: QuerySet[Assessment]) -> QuerySet[Assessment]:
    """Annotate each assessment with how many were asked and how many submitted."""
    return queryset.annotate(
        n_asked=Count(
            "respondents",
            filter=Q(respondents__revoked_at__isnull=True)
            | Q(respondents__submitted_at__isnull=False),
        ),
        n_submitted=Count("respondents", filter=Q(respondents__submitted_at__isnull=False)),
    )
