"""Changes to actions, their progress, the vision and triaged performance gaps."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from organisations.access import Action as Permission
from organisations.access import OrganisationAccess
from organisations.models import Organisation

from .models import (
    Action,
    GapCause,
    PerformanceGap,
    ProgressNote,
    Recommendation,
    Vision,
)


def can_update_progress(access: OrganisationAccess, action: Action) -> bool:
    """Owners and consultants update any action; a leader only the actions they own."""
    if access.can(Permission.EDIT_STRATEGY):
        return True
    return (
        access.can(Permission.UPDATE_OWN_ACTIONS)
        and action.owner is not None
        and action.owner.user_id == access.membership.user_id
    )


def require_progress_permission(access: OrganisationAccess, action: Action) -> None:
    if not can_update_progress(access, action):
        raise PermissionDenied


@transaction.atomic
def action_save(action: Action, *, organisation: Organisation, author) -> Action:
    """Save a validated action (from ActionForm) of `organisation`."""
    if action.policy.organisation_id != organisation.pk:
        raise ValidationError({"policy": _("Choose a policy of this organisation.")})
    action.organisation = organisation
    if action.pk is None:
        action.created_by = author
    action.save()
    return action


@transaction.atomic
def action_create_for_gap(action: Action, gap: PerformanceGap, *, author) -> Action:
    """Save the learning action that answers a performance gap whose cause is learning."""
    if gap.cause != GapCause.LEARNING:
        raise ValidationError(_("Only a learning need becomes a learning action."))
    action_save(action, organisation=gap.organisation, author=author)
    gap.action = action
    gap.save(update_fields=["action", "updated_at"])
    return action


@transaction.atomic
def progress_add(note: ProgressNote, *, action: Action, author) -> ProgressNote:
    """Record a progress note; the action takes its status and latest metric value."""
    note.action = action
    note.author = author
    note.save()
    action.status = note.status
    fields = ["status", "updated_at"]
    if note.metric_value is not None:
        action.metric_current = note.metric_value
        fields.append("metric_current")
    action.save(update_fields=fields)
    return note


def vision_save(vision: Vision, *, organisation: Organisation, author) -> Vision:
    vision.organisation = organisation
    vision.updated_by = author
    vision.save()
    return vision


def gap_save(gap: PerformanceGap, *, organisation: Organisation, author) -> PerformanceGap:
    gap.organisation = organisation
    if gap.pk is None:
        gap.created_by = author
    gap.save()
    return gap


@transaction.atomic
def gap_set_cause(gap: PerformanceGap) -> PerformanceGap:
    """Save the cause. A gap that is no longer a learning need loses its link to an action,
    and one that became a learning need loses its recommendation."""
    if gap.cause == GapCause.LEARNING:
        Recommendation.objects.filter(gap=gap).delete()
    else:
        gap.action = None
    gap.save()
    return gap


@transaction.atomic
def gap_recommend(recommendation: Recommendation, *, gap: PerformanceGap, author) -> Recommendation:
    if gap.cause in ("", GapCause.LEARNING):
        raise ValidationError(_("A learning need becomes a learning action, not a recommendation."))
    recommendation.gap = gap
    recommendation.organisation = gap.organisation
    if recommendation.pk is None:
        recommendation.created_by = author
    recommendation.save()
    return recommendation
