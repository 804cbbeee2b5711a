import logging

from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .models import Invitation
from .services import invitation_issue_token, password_reset_send

logger = logging.getLogger(__name__)


@shared_task(
    acks_late=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    retry_jitter=True,
    max_retries=5,
)
def send_invitation_email(invitation_id: int) -> None:
    invitation = (
        Invitation.objects.select_related("organisation", "invited_by")
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None or not invitation.is_usable:
        return
    token = invitation_issue_token(invitation)
    link = settings.SITE_URL.rstrip("/") + reverse("invitation_accept", args=[token])
    context = {"invitation": invitation, "link": link}
    with translation.override(invitation.language or settings.LANGUAGE_CODE):
        subject = render_to_string("organisations/email/invitation_subject.txt", context).strip()
        body = render_to_string("organisations/email/invitation_body.txt", context)
    send_mail(subject=subject, message=body, from_email=None, recipient_list=[invitation.email])
    logger.info("Sent invitation %s", invitation.pk)


@shared_task(
    acks_late=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    retry_jitter=True,
    max_retries=5,
)
def send_password_reset_email(user_id: int, language: str) -> None:
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email or not user.has_usable_password():
        return
    password_reset_send(user=user, language=language)
    logger.info("Sent a password reset link to user %s", user.pk)
