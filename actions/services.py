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


def _stored_owner_id(model, pk: int | None) -> int | None:
    if pk is None:
        return None
    return model.objects.filter(pk=pk).values_list("owner_id", flat=True).first()


def _tell_new_owner(task, object_id: int, *, owner, before: int | None, author) -> None:
    """After the commit, email an owner who was just given this object (not someone who
    gave it to themselves, nor the same owner again)."""
    if owner is None or owner.pk == before or not owner.email:
        return
    if author is not None and owner.user_id == author.pk:
        return
    person_id = owner.pk
    transaction.on_commit(lambda: task.delay(object_id, person_id))


@transaction.atomic
def action_save(action: Action, *, organisation: Organisation, author) -> Action:
    """Save a validated action (from ActionForm) of `organisation`. A new owner (of a new
    action, or one handed over) is told by email after the commit."""
    from .tasks import send_action_owner_email

    if action.policy.organisation_id != organisation.pk:
        raise ValidationError({"policy": _("Choose a policy of this organisation.")})
    action.organisation = organisation
    if action.pk is None:
        action.created_by = author
    before = _stored_owner_id(Action, action.pk)
    action.save()
    _tell_new_owner(
        send_action_owner_email, action.pk, owner=action.owner, before=before, author=author
    )
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
    from .tasks import send_recommendation_owner_email

    recommendation.gap = gap
    recommendation.organisation = gap.organisation
    if recommendation.pk is None:
        recommendation.created_by = author
    before = _stored_owner_id(Recommendation, recommendation.pk)
    recommendation.save()
    _tell_new_owner(
        send_recommendation_owner_email,
        recommendation.pk,
        owner=recommendation.owner,
        before=before,
        author=author,
    )
    return recommendation
