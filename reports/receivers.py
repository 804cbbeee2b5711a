"""Listen to the stage apps' changes and bump the organisation's data version.

The stage apps (diagnosis, policy, actions) do not import `reports`: `ReportsConfig.ready()`
connects these receivers to their models. Watched are the diagnosis models that feed the
reports and every model of `policy` and `actions` that belongs to an organisation (directly
through an ``organisation`` field, or through a foreign key to a row that has one, as an
answer belongs to a respondent). Bulk operations send no per-row signals; the stage app then
sends ``organisations.signals.organisation_data_changed`` once (see docs/regeneration.md); the
questionnaire's answer upserts send ``diagnosis.signals.answers_changed``, which counts the same.
An organisation's own save bumps only when it changes what the documents show (its name, logo
or brand colour): the values as loaded are kept on the instance and compared after the save.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.db.models import Model, QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_init, post_save

from diagnosis.signals import answers_changed
from organisations.models import Organisation
from organisations.signals import organisation_data_changed

from .versioning import bump_data_version, bump_data_version_via

DIAGNOSIS_MODELS = (
    "Assessment",
    "Respondent",
    "Answer",
    "TextAnswer",
    "KeyChallenge",
    "KnowledgeGap",
)
WHOLE_APPS = ("policy", "actions")
# People's names and groups appear in reports (owners, the accountability matrix). Someone
# newly on the roster appears in no report until they answer or own an action (which bumps).
ROSTER_MODELS = ("Person",)
CHANGES_ONLY = frozenset({"organisations.person"})
# Saves that change only these fields do not change any report (invitation bookkeeping).
IGNORED_UPDATE_FIELDS: dict[str, frozenset[str]] = {
    "diagnosis.respondent": frozenset(
        {
            "token_hash",
            "token_expires_at",
            "invited_at",
            "reminded_at",
            "reminder_count",
            "started_at",  # set by the first autosave, which sends `answers_changed` itself
        }
    ),
}


# The organisation's own fields that the documents show (cover, header, brand colour).
ORGANISATION_DOCUMENT_FIELDS = ("name", "logo", "brand_colour")
_LOADED = "_document_fields_as_loaded"


@dataclass(frozen=True)
class OrganisationPath:
    """How to find a row's organisation: its own field, or its parent's (one query either way)."""

    field: str  # "organisation" or the foreign key to the parent
    parent: type[Model] | None = None

    def bump(self, instance: Model, using: str) -> None:
        if self.parent is None:
            organisation_id = getattr(instance, "organisation_id", None)
            if organisation_id is not None:
                bump_data_version(organisation_id, using=using)
            return
        field = instance._meta.get_field(self.field)
        if field.is_cached(instance):
            parent = getattr(instance, self.field)
            if parent is not None and parent.organisation_id is not None:
                bump_data_version(parent.organisation_id, using=using)
            return
        parent_pk = getattr(instance, field.attname)
        if parent_pk is not None:
            bump_data_version_via(self.parent, parent_pk, using=using)


def _has_organisation(model: type[Model]) -> bool:
    try:
        field = model._meta.get_field("organisation")
    except Exception:
        return False
    return getattr(field, "related_model", None) is Organisation


def organisation_path(model: type[Model]) -> OrganisationPath | None:
    if _has_organisation(model):
        return OrganisationPath("organisation")
    for field in model._meta.concrete_fields:
        related = getattr(field, "related_model", None)
        if field.many_to_one and related is not None and _has_organisation(related):
            return OrganisationPath(field.name, related)
    return None


WATCHED: dict[type[Model], OrganisationPath] = {}


def watched_models() -> dict[type[Model], OrganisationPath]:
    models: list[type[Model]] = []
    for name in DIAGNOSIS_MODELS:
        try:
            models.append(apps.get_model("diagnosis", name))
        except LookupError:
            continue
    models.extend(apps.get_model("organisations", name) for name in ROSTER_MODELS)
    for label in WHOLE_APPS:
        if apps.is_installed(label):
            models.extend(apps.get_app_config(label).get_models())
    paths = {model: organisation_path(model) for model in models}
    return {model: path for model, path in paths.items() if path is not None}


def _origin_model(origin) -> type[Model] | None:
    if isinstance(origin, QuerySet):
        return origin.model
    if isinstance(origin, Model):
        return type(origin)
    return None


def on_save(
    sender, instance, created=False, raw=False, using="default", update_fields=None, **kwargs
):
    if raw or (created and sender._meta.label_lower in CHANGES_ONLY):
        return
    ignored = IGNORED_UPDATE_FIELDS.get(sender._meta.label_lower)
    if ignored and update_fields and set(update_fields) <= ignored:
        return
    WATCHED[sender].bump(instance, using)


def on_delete(sender, instance, using="default", origin=None, **kwargs):
    root = _origin_model(origin)
    if root is Organisation:
        return  # the organisation and its version row are going; nothing to regenerate
    if root is not None and root is not sender and root in WATCHED:
        return  # a cascade: the deleted root row bumps the version itself
    WATCHED[sender].bump(instance, using)


def on_m2m_changed(sender, instance, action, using="default", **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    path = WATCHED.get(type(instance))
    if path is not None:
        path.bump(instance, using)


def on_bulk_change(sender, organisation_id, using="default", **kwargs):
    bump_data_version(organisation_id, using=using)


def _document_fields(instance: Organisation) -> dict[str, object]:
    """The document fields that are loaded (deferred ones are left out); a file as its name."""
    values = {}
    for name in ORGANISATION_DOCUMENT_FIELDS:
        if name in instance.__dict__:
            value = instance.__dict__[name]
            values[name] = getattr(value, "name", value) or ""
    return values


def on_organisation_init(sender, instance, **kwargs):
    setattr(instance, _LOADED, _document_fields(instance))


def on_organisation_save(sender, instance, created=False, raw=False, using="default", **kwargs):
    before = getattr(instance, _LOADED, None)
    after = _document_fields(instance)
    setattr(instance, _LOADED, after)
    if raw or created or before is None:
        return  # a new organisation has no documents yet
    if any(name in before and before[name] != value for name, value in after.items()):
        bump_data_version(instance.pk, using=using)


def connect() -> None:
    WATCHED.clear()
    WATCHED.update(watched_models())
    for model in WATCHED:
        uid = f"reports-version-{model._meta.label_lower}"
        post_save.connect(on_save, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(on_delete, sender=model, dispatch_uid=f"{uid}-delete")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                on_m2m_changed,
                sender=field.remote_field.through,
                dispatch_uid=f"{uid}-{field.name}",
            )
    post_init.connect(on_organisation_init, sender=Organisation, dispatch_uid="reports-org-init")
    post_save.connect(on_organisation_save, sender=Organisation, dispatch_uid="reports-org-save")
    organisation_data_changed.connect(on_bulk_change, dispatch_uid="reports-version-bulk")
    # The questionnaire stores answers with upserts (no post_save) and says so with this signal.
    answers_changed.connect(on_bulk_change, dispatch_uid="reports-version-answers")
