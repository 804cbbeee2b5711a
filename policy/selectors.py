"""Reading guiding policies."""

from organisations.models import Organisation

from .models import Policy


def policy_adopted_from(*, organisation: Organisation, source_code: str) -> Policy | None:
    """The organisation's policy adopted or adapted from library entry ``source_code``, retired
    or not (an entry is adopted once per organisation), else None (one query)."""
    if not source_code:
        return None
    return Policy.objects.filter(organisation=organisation, source_code=source_code).first()


def policies_by_library_entry(*, organisation: Organisation) -> dict[str, Policy]:
    """The organisation's policies that came from the library, by entry code (one query)."""
    policies = Policy.objects.filter(organisation=organisation).exclude(source_code="")
    return {p.source_code: p for p in policies.only("pk", "source_code", "retired_at")}
