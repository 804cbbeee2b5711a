"""The emails a new owner receives: an action given or handed over to them, and a
recommendation handed to them. Sent by the worker (`actions.tasks`) after the change commits,
in the person's own language; the link to the page only for members, who can log in to it."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .models import Action, Recommendation

logger = logging.getLogger(__name__)


def _send(*, person, template: str, context: dict, path: str) -> None:
    with translation.override(person.language or settings.LANGUAGE_CODE):
        context = context | {
            "person": person,
            "link": settings.SITE_URL.rstrip("/") + path if person.user_id else "",
        }
        send_mail(
            subject=render_to_string(f"actions/email/{template}_subject.txt", context).strip(),
            message=render_to_string(f"actions/email/{template}_body.txt", context),
            from_email=None,
            recipient_list=[person.email],
        )


def action_owner_send(action_id: int, person_id: int) -> bool:
    """Tell ``person_id`` that they own action ``action_id``; False when it is no longer theirs
    (handed on again meanwhile) or they have no email address."""
    action = (
        Action.objects.select_related("organisation", "policy", "owner")
        .filter(pk=action_id, owner_id=person_id)
        .first()
    )
    if action is None or not action.owner.email:
        return False
    organisation = action.organisation
    _send(
        person=action.owner,
        template="action_owner",
        context={"action": action, "organisation": organisation},
        path=reverse("action_detail", args=[organisation.slug, action.pk]),
    )
    logger.info("Told person %s they own action %s", person_id, action_id)
    return True


def recommendation_owner_send(recommendation_id: int, person_id: int) -> bool:
    """Tell ``person_id`` that recommendation ``recommendation_id`` was handed to them."""
    recommendation = (
        Recommendation.objects.select_related("organisation", "gap", "owner")
        .filter(pk=recommendation_id, owner_id=person_id)
        .first()
    )
    if recommendation is None or not recommendation.owner.email:
        return False
    organisation = recommendation.organisation
    _send(
        person=recommendation.owner,
        template="recommendation_owner",
        context={"recommendation": recommendation, "organisation": organisation},
        path=reverse("gap_detail", args=[organisation.slug, recommendation.gap_id]),
    )
    logger.info("Told person %s of recommendation %s", person_id, recommendation_id)
    return True
