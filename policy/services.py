"""Writing, agreeing, retiring and ordering guiding policies; every change is recorded."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from diagnosis.models import KeyChallenge
from organisations.models import Organisation

from .models import Policy, PolicyRevision, PolicyStatus, RevisionKind
from .selectors import policy_adopted_from


class PolicyAlreadyAdopted(Exception):
    """The organisation already has a policy from this library entry: ``policy``."""

    def __init__(self, policy: Policy):
        super().__init__(f"library entry {policy.source_code!r} is already adopted")
        self.policy = policy


def _record(policy: Policy, kind: RevisionKind, author) -> PolicyRevision:
    return PolicyRevision.objects.create(
        policy=policy,
        kind=kind,
        author=author,
        statement=policy.statement,
        rationale=policy.rationale,
        status=policy.status,
        challenge_titles=list(policy.challenges.values_list("title", flat=True)),
    )


def _check_challenges(organisation: Organisation, challenges: Iterable[KeyChallenge]) -> list:
    challenges = list(challenges)
    if not challenges:
        raise ValidationError(
            {"challenges": _("Choose at least one key challenge that this policy addresses.")}
        )
    if any(challenge.organisation_id != organisation.pk for challenge in challenges):
        raise ValidationError({"challenges": _("Choose key challenges of this organisation.")})
    return challenges


@transaction.atomic
def policy_create(
    *,
    organisation: Organisation,
    author,
    statement: str,
    rationale: str,
    challenges: Iterable[KeyChallenge],
    source_code: str = "",
) -> Policy:
    """Write a policy, or adopt or adapt library entry ``source_code``.

    An organisation adopts a library entry once: when it already has a policy from the entry
    (retired or not), nothing is written and :class:`PolicyAlreadyAdopted` carries that policy.
    Two requests at once (a double submit, two tabs) are kept apart by the database constraint.
    """
    existing = policy_adopted_from(organisation=organisation, source_code=source_code)
    if existing is not None:
        raise PolicyAlreadyAdopted(existing)
    challenges = _check_challenges(organisation, challenges)
    highest = organisation.policies.aggregate(highest=Max("position"))["highest"]
    try:
        with transaction.atomic():
            policy = Policy.objects.create(
                organisation=organisation,
                statement=statement.strip(),
                rationale=rationale.strip(),
                source_code=source_code,
                position=0 if highest is None else highest + 1,
                created_by=author,
            )
    except IntegrityError:
        # Another request adopted the same entry between the check and the insert.
        existing = policy_adopted_from(organisation=organisation, source_code=source_code)
        if existing is None:
            raise
        raise PolicyAlreadyAdopted(existing) from None
    policy.challenges.set(challenges)
    _record(policy, RevisionKind.CREATED, author)
    return policy


@transaction.atomic
def policy_update(
    policy: Policy,
    *,
    author,
    statement: str,
    rationale: str,
    challenges: Iterable[KeyChallenge],
) -> Policy:
    """Save an edit. Changing the wording of an agreed policy puts it back to draft."""
    challenges = _check_challenges(policy.organisation, challenges)
    statement = statement.strip()
    if policy.is_agreed and " ".join(statement.split()) != " ".join(policy.statement.split()):
        policy.status = PolicyStatus.DRAFT
        policy.agreed_by = None
        policy.agreed_at = None
    policy.statement = statement
    policy.rationale = rationale.strip()
    policy.save()
    policy.challenges.set(challenges)
    _record(policy, RevisionKind.EDITED, author)
    return policy


@transaction.atomic
def policy_agree(policy: Policy, *, author) -> Policy:
    if policy.is_retired:
        raise ValidationError(_("A retired policy cannot be agreed; bring it back first."))
    policy.status = PolicyStatus.AGREED
    policy.agreed_by = author
    policy.agreed_at = timezone.now()
    policy.save(update_fields=["status", "agreed_by", "agreed_at", "updated_at"])
    _record(policy, RevisionKind.AGREED, author)
    return policy


@transaction.atomic
def policy_retire(policy: Policy, *, author) -> Policy:
    if not policy.is_retired:
        policy.retired_at = timezone.now()
        policy.save(update_fields=["retired_at", "updated_at"])
        _record(policy, RevisionKind.RETIRED, author)
    return policy


@transaction.atomic
def policy_restore(policy: Policy, *, author) -> Policy:
    if policy.is_retired:
        policy.retired_at = None
        policy.save(update_fields=["retired_at", "updated_at"])
        _record(policy, RevisionKind.RESTORED, author)
    return policy


@transaction.atomic
def policy_move(policy: Policy, *, direction: str, author) -> bool:
    """Swap the policy with its neighbour among the active policies; False at either end."""
    if direction not in ("up", "down"):
        raise ValueError(direction)
    active = list(
        policy.organisation.policies.active().select_for_update().order_by("position", "pk")
    )
    ids = [item.pk for item in active]
    if policy.pk not in ids:
        return False
    index = ids.index(policy.pk)
    other_index = index - 1 if direction == "up" else index + 1
    if not 0 <= other_index < len(active):
        return False
    active[index], active[other_index] = active[other_index], active[index]
    for position, item in enumerate(active):
        item.position = position
    Policy.objects.bulk_update(active, ["position"])
    policy.refresh_from_db()
    _record(policy, RevisionKind.MOVED, author)
    return True
