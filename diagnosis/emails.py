"""The emails a respondent receives: the invitation and reminders, each with their link.

Outsiders get a personal link whose token is derived here, inside the sending task, so it never
sits in the database or the queue; every email carries the same link (until the owner withdraws
and restores it), so a reminder never stops an earlier email's link or an open tab working.
Members get the link to the questionnaire in the product.
Each send runs in one transaction with the respondent row locked: if the mail server fails,
nothing is recorded and the task's retry sends it again.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .links import member_link, personal_link
from .models import Respondent
from .reminders import claim_reminder
from .services import respondent_issue_token

logger = logging.getLogger(__name__)


def respondent_link(respondent: Respondent) -> str:
    """The absolute link to the questionnaire; the personal link for outsiders."""
    if respondent.person.user_id:
        return member_link(respondent)
    return personal_link(respondent, respondent_issue_token(respondent))


def _send(respondent: Respondent, template: str) -> None:
    # In the person's own language.
    with translation.override(respondent.person.language or settings.LANGUAGE_CODE):
        context = {
            "respondent": respondent,
            "assessment": respondent.assessment,
            "organisation": respondent.assessment.organisation,
            "link": respondent_link(respondent),
            "is_member": respondent.person.user_id is not None,
        }
        send_mail(
            subject=render_to_string(f"diagnosis/email/{template}_subject.txt", context).strip(),
            message=render_to_string(f"diagnosis/email/{template}_body.txt", context),
            from_email=None,
            recipient_list=[respondent.person.email],
        )


@transaction.atomic
def invitation_send(respondent_id: int) -> bool:
    """Email the invitation (or the link again); False when there is nothing to send."""
    respondent = (
        Respondent.objects.select_for_update(of=("self",))
        .select_related("assessment__organisation", "person")
        .filter(pk=respondent_id)
        .first()
    )
    if (
        respondent is None
        or respondent.person is None  # imported from a file: nobody to write to
        or not respondent.person.email
        or respondent.revoked_at
        or respondent.submitted_at
        or not respondent.assessment.is_open
    ):
        return False
    _send(respondent, "invitation")
    respondent.invited_at = timezone.now()
    respondent.save(update_fields=["invited_at"])
    logger.info("Sent the invitation of respondent %s", respondent.pk)
    return True


@transaction.atomic
def reminder_send(respondent_id: int) -> bool:
    """Email a reminder if one is due (see `diagnosis/reminders.py`)."""
    now = timezone.now()
    respondent = claim_reminder(respondent_id, now)
    if respondent is None:
        return False
    _send(respondent, "reminder")
    respondent.reminded_at = now
    respondent.reminder_count += 1
    respondent.save(update_fields=["reminded_at", "reminder_count"])
    logger.info("Sent reminder %s to respondent %s", respondent.reminder_count, respondent.pk)
    return True
