"""The absolute links of the questionnaire: in emails, and for the owner to copy on the round's
page. Their base is SITE_URL, which `make run` sets to the address it serves.

Who may copy which link keeps the round's promise: in a named round the owner may copy the
personal link of anyone who has not submitted, at any time; in an anonymous round only right
after adding the person (shown once), since a personal link also opens the answers given
through it. A member's link is the questionnaire in the product, behind their login, and is
no secret.
"""

from django.conf import settings
from django.urls import reverse

from .models import Respondent
from .services import issued_link_token


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def personal_link(respondent: Respondent, token: str) -> str:
    slug = respondent.assessment.organisation.slug
    return absolute(reverse("questionnaire_link_start", args=[slug, token]))


def member_link(respondent: Respondent) -> str:
    assessment = respondent.assessment
    return absolute(
        reverse("questionnaire_member_start", args=[assessment.organisation.slug, assessment.pk])
    )


def copyable_link(respondent: Respondent, *, just_added: bool = False) -> str | None:
    """The link the owner may copy for this respondent now, or None (reads only)."""
    assessment = respondent.assessment
    if respondent.person is None or not assessment.is_open:
        return None
    if respondent.person.user_id is not None:
        return member_link(respondent)
    if assessment.anonymous and not just_added:
        return None
    if not assessment.anonymous and respondent.submitted_at is not None:
        return None
    token = issued_link_token(respondent)
    return personal_link(respondent, token) if token else None
