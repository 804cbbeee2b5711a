"""Read stored frameworks: as pandas frames for the scoring engine, and for the framework pages.

Frames for ``maturity.scoring`` / ``maturity.comparisons`` (columns documented in
:mod:`maturity.framework_frames`). Each takes a ``FrameworkVersion`` (or its id) and runs one
query, however large the framework; rows are in questionnaire order::

    from maturity import scoring, selectors

    items = selectors.items_frame(version, responses=selectors.LIKERT_RESPONSES)
    dimensions = selectors.dimensions_frame(version)   # name in the active language
    answers = ...  # respondent, item (code: map Answer.item_id with items' item_id), value
    scores = scoring.respondent_scores(answers, items)
    scoring.overall_score(scoring.aggregate_scores(scores), dimensions)

* :func:`items_frame` -- item, item_id, dimension, reverse, scale_min, scale_max, response,
  dont_know, position, scale, weight. Pass ``responses=`` to keep some response types only:
  scoring wants the ``LIKERT_RESPONSES`` items (likert5, level5 and named scales);
  current_target and points100 answers go to the comparisons.
* :func:`dimensions_frame` -- dimension, dimension_id, kind, section, position, name, names,
  weight, block.
* :func:`levels_frame` -- dimension, level, description: the level descriptors.
* :func:`framework_frames` -- all three (3 queries).

Note the quadrant item codes of the default framework are ``q_<quadrant>`` (e.g.
``q_individual_productive``) while ``comparisons.QUADRANTS`` names the quadrant itself; strip
the prefix (``QUADRANT_ITEM_PREFIX``) when building the ``splits`` frame.

For the pages: :func:`framework_summaries` (the list, 2 queries) and
:func:`framework_version_detail` (one version with its whole tree, 5 queries), both limited to
what one organisation may see (``Framework.objects.visible_in``); :func:`framework_code_problem`
says why a code may not be used for an owner.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Prefetch, Q
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from organisations.models import Membership, Organisation, Role

from . import framework_frames as frames
from .framework_files import ResponseType
from .framework_frames import LIKERT_RESPONSES, QUADRANT_ITEM_PREFIX, FrameworkFrames
from .models import (
    BUILT_IN,
    Block,
    Dimension,
    Framework,
    FrameworkVersion,
    Item,
    Norm,
    Question,
    Section,
    consultants_of,
)
from .shipped import shipped_codes, shipped_default_framework

__all__ = [
    "LIKERT_RESPONSES",
    "QUADRANT_ITEM_PREFIX",
    "FrameworkFrames",
    "FrameworkSummary",
    "dimensions_frame",
    "framework_code_problem",
    "framework_frames",
    "framework_summaries",
    "framework_version_detail",
    "items_frame",
    "levels_frame",
]


def _version_id(version: FrameworkVersion | int) -> int:
    return version.pk if isinstance(version, FrameworkVersion) else int(version)


def _language(language: str | None) -> str:
    return language or get_language() or "en"


def _scale_of(version: FrameworkVersion | int) -> frames.ScaleOf:
    """``version.scale``; for an id, the version is read first (its scales: one query)."""
    if not isinstance(version, FrameworkVersion):
        scales = FrameworkVersion.objects.filter(pk=version).values_list("scales", flat=True)
        version = FrameworkVersion(scales=scales.first() or {})
    return version.scale


def items_frame(
    version: FrameworkVersion | int, *, responses: Iterable[ResponseType | str] | None = None
) -> pd.DataFrame:
    """The version's items (optionally only those answered with ``responses``), each with the
    range of its scale. One query; two when given an id (the version's scales)."""
    queryset = Item.objects.filter(version_id=_version_id(version))
    if responses is not None:
        queryset = queryset.filter(response__in=[ResponseType(r).value for r in responses])
    rows = queryset.order_by("dimension__section__position", "dimension__position", "position")
    fields = ("id", "code", "dimension__code", "reverse", "response", "dont_know", "scale")
    return frames.items_frame(
        (
            {**row, "dimension": row.pop("dimension__code")}
            for row in rows.values(*fields, "weight")
        ),
        _scale_of(version),
    )


def _dimension_rows(version: FrameworkVersion | int, *fields: str):
    return (
        Dimension.objects.filter(version_id=_version_id(version))
        .order_by("section__position", "position")
        .values("id", "code", *fields)
    )


def dimensions_frame(version: FrameworkVersion | int, *, language: str | None = None):
    """The version's dimensions; ``name`` in ``language`` (default: the active one). One query."""
    rows = _dimension_rows(version, "kind", "section__code", "name", "weight", "block__code")
    return frames.dimensions_frame(
        (
            {**row, "section": row.pop("section__code"), "block": row.pop("block__code")}
            for row in rows
        ),
        _language(language),
    )


def levels_frame(version: FrameworkVersion | int, *, language: str | None = None):
    """Level descriptors of the version's dimensions, in ``language``. One query."""
    return frames.levels_frame(_dimension_rows(version, "levels"), _language(language))


def framework_frames(
    version: FrameworkVersion | int,
    *,
    responses: Iterable[ResponseType | str] | None = None,
    language: str | None = None,
) -> FrameworkFrames:
    """items, dimensions and levels of one version. Three queries (four given an id)."""
    return FrameworkFrames(
        items=items_frame(version, responses=responses),
        dimensions=dimensions_frame(version, language=language),
        levels=levels_frame(version, language=language),
    )


# --- the framework pages ---------------------------------------------------------------------


@dataclass(frozen=True)
class FrameworkSummary:
    framework: Framework  # with organisation and practice loaded
    versions: list[FrameworkVersion]  # newest first; annotated by FrameworkVersion.with_counts()
    is_default: bool  # the framework shipped with the product
    default_version: int | None  # which stored version matches the shipped file

    @property
    def latest(self) -> FrameworkVersion | None:
        return self.versions[0] if self.versions else None


def _listed_versions():
    return (
        FrameworkVersion.objects.with_counts()
        .with_source_flag()
        .select_related("imported_by")
        .defer("definition", "source")
        .order_by("-version")
    )


def framework_summaries(*, organisation: Organisation | int) -> list[FrameworkSummary]:
    """Every framework ``organisation`` may see, with its versions and their counts: the
    default first, then the other built-in ones, its own and its consultants'. Two queries."""
    shipped = shipped_default_framework()
    frameworks = (
        Framework.objects.visible_in(organisation)
        .select_related("organisation", "practice")
        .prefetch_related(Prefetch("versions", _listed_versions()))
    )
    summaries = []
    for framework in frameworks:
        versions = list(framework.versions.all())
        is_default = framework.is_built_in and framework.code == shipped.code
        matching = [v.version for v in versions if v.content_hash == shipped.content_hash]
        default_version = matching[0] if is_default and matching else None
        summaries.append(FrameworkSummary(framework, versions, is_default, default_version))
    return sorted(
        summaries,
        key=lambda summary: (
            not summary.is_default,
            not summary.framework.is_built_in,
            summary.framework.organisation_id is None,  # the organisation's own before shared
            summary.framework.code,
        ),
    )


def framework_version_detail(*, organisation: Organisation | int, pk: int) -> FrameworkVersion:
    """One version ``organisation`` may see, with sections -> dimensions -> items and
    sections -> questions prefetched, and the counts of
    :meth:`FrameworkVersionQuerySet.with_counts`, its blocks (with their dimensions' codes) and
    norms. Eight queries.

    Raises ``FrameworkVersion.DoesNotExist``, also for a version ``organisation`` may not see."""
    items = Prefetch("items", Item.objects.order_by("position"))
    dimensions = Prefetch(
        "dimensions", Dimension.objects.order_by("position").prefetch_related(items)
    )
    questions = Prefetch("questions", Question.objects.order_by("position"))
    sections = Prefetch(
        "sections", Section.objects.order_by("position").prefetch_related(dimensions, questions)
    )
    return (
        FrameworkVersion.objects.with_counts()
        .with_source_flag()
        .visible_in(organisation)
        .select_related("framework__organisation", "framework__practice", "imported_by")
        .defer("definition", "source")
        .prefetch_related(
            sections,
            Prefetch("blocks", Block.objects.prefetch_related("dimensions")),
            Prefetch("norms", Norm.objects.select_related("dimension")),
        )
        .get(pk=pk)
    )


def _display_name(user: AbstractBaseUser) -> str:
    return user.get_full_name() or user.get_username()


def framework_code_problem(
    *,
    code: str,
    organisation: Organisation | None = None,
    practice: AbstractBaseUser | None = None,
) -> str | None:
    """Why a framework of ``code`` may not be stored for this owner, or None when it may.

    The owner's own framework of that code is never a problem (the file becomes a new version).
    Codes of the shipped files and of built-in frameworks are reserved; and a code is never
    shown twice to one organisation, so an organisation's code may not be one its consultants
    share, a practice's code not one of its client organisations' or their other consultants'.
    A built-in framework may not take a code an organisation or practice already uses, unless
    it is a shipped one.
    """
    if organisation is None and practice is None:
        if code in shipped_codes():
            return None  # reserved for the built-in framework: no tenant may hold it
        taken = Framework.objects.filter(code=code).exclude(BUILT_IN).first()
        if taken is None:
            return None
        return _(
            "“%(code)s” is already the code of a framework of an organisation or a practice; "
            "a built-in framework needs a code of its own."
        ) % {"code": code}
    if code in shipped_codes() or Framework.objects.built_in().filter(code=code).exists():
        return _(
            "“%(code)s” is the code of a built-in framework, which nobody can change. "
            "Give your framework another code."
        ) % {"code": code}
    if organisation is not None:
        shared = (
            Framework.objects.filter(code=code, practice__in=consultants_of(organisation))
            .select_related("practice")
            .first()
        )
        if shared is None:
            return None
        return _(
            "“%(code)s” is already the code of a framework that %(name)s shares with this "
            "organisation. Give your framework another code."
        ) % {"code": code, "name": _display_name(shared.practice)}
    clients = Membership.objects.filter(user=practice, role=Role.CONSULTANT).values(
        "organisation_id"
    )
    consultants = Membership.objects.filter(organisation__in=clients, role=Role.CONSULTANT).values(
        "user_id"
    )
    seen = (
        Framework.objects.filter(code=code)
        .filter(Q(organisation__in=clients) | Q(practice__in=consultants))
        .exclude(practice=practice)
        .select_related("organisation", "practice")
        .first()
    )
    if seen is None:
        return None
    if seen.organisation is not None:
        return _(
            "“%(code)s” is already the code of a framework of %(organisation)s, one of your "
            "client organisations. Give your framework another code."
        ) % {"code": code, "organisation": seen.organisation.name}
    return _(
        "“%(code)s” is already the code of a framework that %(name)s shares with one of your "
        "client organisations. Give your framework another code."
    ) % {"code": code, "name": _display_name(seen.practice)}


def norms_target(
    *, organisation: Organisation | int, user: AbstractBaseUser, pk: int
) -> FrameworkVersion:
    """A version whose norms ``user`` may add from ``organisation``'s pages: one of the
    organisation's own frameworks, or of the user's practice shared with it. Never a built-in
    one, whose norms every organisation would see. Raises ``FrameworkVersion.DoesNotExist``."""
    return (
        FrameworkVersion.objects.visible_in(organisation)
        .filter(Q(framework__organisation=organisation) | Q(framework__practice=user.pk))
        .select_related("framework")
        .get(pk=pk)
    )
