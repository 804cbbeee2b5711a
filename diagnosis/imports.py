"""Importing responses from another survey tool: a closed round with every answer, in one go.

A response file (``diagnosis.response_files``, checked by ``diagnosis.response_rules``) becomes
a new round of the organisation on one framework version: a closed, anonymous `Assessment`
whose respondents are all submitted. Imported respondents are nobody on the roster: each keeps
only ``external_ref``, an HMAC-SHA256 of the other tool's id under a key derived from the
secret key and the round, so the id itself is stored nowhere and the same id in two rounds
gives unrelated hashes. Answers are stored exactly as the questionnaire stores them
(``diagnosis/answers.py``), and from then on the round is like any other: the anonymity rules
(``diagnosis.anonymity``) hold, and the data version is bumped in the same transaction so the
reports are rebuilt after the commit (``docs/regeneration.md``).

Everything is written in one transaction with one ``bulk_create`` per table, so the number of
queries does not grow with the rows; nothing is stored when anything is wrong.
"""

from __future__ import annotations

import difflib

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from lndstrategy.text import CONTROL_MESSAGE, has_control_characters
from maturity.framework_files import DEFAULT_FRAMEWORK_CODE, pick_text
from maturity.models import Framework, FrameworkVersion, Item, Question
from organisations.models import Organisation, RespondentGroup

from .models import Answer, Assessment, AssessmentStatus, Respondent, TextAnswer
from .response_files import read_table
from .response_rules import (
    ORDINAL,
    ImportedResponses,
    Instrument,
    InstrumentItem,
    ScaleSpec,
    check_responses,
    groups_in,
)
from .services import default_framework_choice
from .signals import answers_changed

EXTERNAL_REF_SALT = "lndstrategy.diagnosis.imported-respondent"
MAX_NAME = 200  # Assessment.title
DEFAULT_GROUP = RespondentGroup.OTHER.value


class ImportRefused(ValidationError):
    """The round cannot be made as asked (its name, its framework); nothing was stored."""


# --- Reading -------------------------------------------------------------------------------


def external_ref(*, assessment_id: int, respondent: str) -> str:
    """The stored stand-in for the other tool's respondent id: a keyed hash, per round."""
    return salted_hmac(
        f"{EXTERNAL_REF_SALT}:{assessment_id}", respondent, algorithm="sha256"
    ).hexdigest()


def instrument_of(version: FrameworkVersion) -> Instrument:
    """What a response file for ``version`` may answer (two queries)."""
    rows = (
        Item.objects.filter(version=version)
        .order_by("dimension__section__position", "dimension__position", "position")
        .values_list(
            "code", "response", "dont_know", "options", "scale", "dimension__code",
            "dimension__name",
        )
    )  # fmt: skip
    items = []
    for code, response, dont_know, options, scale_code, dimension, name in rows:
        scale = None
        if response in ORDINAL:
            found = version.scale(scale_code or response)
            if found is not None:
                scale = ScaleSpec(
                    code=found.code,
                    points=tuple(sorted(point.value for point in found.ordinal)),
                    missing=tuple(
                        (point.value, pick_text(point.label, "en"))
                        for point in found.points
                        if point.missing
                    ),
                )
        items.append(
            InstrumentItem(
                code=code,
                response=response,
                dont_know=dont_know,
                dimension=dimension,
                dimension_name=pick_text(name, "en"),
                scale=scale,
                options=tuple(option["code"] for option in options or []),
            )
        )
    questions = Question.objects.filter(version=version).order_by("section__position", "position")
    return Instrument(
        label=f"{version.framework.code} v{version.version}",
        items=tuple(items),
        questions=tuple(questions.values_list("code", flat=True)),
        languages=tuple(version.languages),
        groups=tuple(RespondentGroup.values),
        default_group=DEFAULT_GROUP,
    )


def response_file_check(
    *, content: bytes, filename: str, version: FrameworkVersion
) -> ImportedResponses:
    """Read and check a response file for ``version``; ``ResponseFileError`` lists what is
    wrong (``FILE:ROW:COLUMN: reason``)."""
    table = read_table(content, filename=filename)
    return check_responses(table, instrument_of(version), filename=filename)


def import_versions(*, organisation: Organisation) -> QuerySet[FrameworkVersion]:
    """The framework versions responses may be imported on: those the organisation may use."""
    return (
        FrameworkVersion.objects.visible_in(organisation)
        .select_related("framework")
        .order_by("framework__code", "-version")
    )


def _owner_rank(framework: Framework, organisation: Organisation) -> int:
    if framework.organisation_id == organisation.pk:
        return 0
    return 1 if framework.practice_id is not None else 2


def import_version_for(
    *, organisation: Organisation, code: str, number: int | None = None
) -> FrameworkVersion:
    """The version ``number`` (default: the latest) of the framework ``code`` the organisation
    may use; ``ImportRefused`` saying what is available otherwise. The built-in default
    framework is imported on first use, as when a round is created."""
    visible = Framework.objects.visible_in(organisation)
    frameworks = list(visible.filter(code=code))
    if not frameworks and code == DEFAULT_FRAMEWORK_CODE:
        default_framework_choice()
        frameworks = list(visible.filter(code=code))
    if not frameworks:
        codes = sorted(set(visible.values_list("code", flat=True)) | {DEFAULT_FRAMEWORK_CODE})
        close = difflib.get_close_matches(code, codes, n=1)
        hint = _(" (did you mean “%(code)s”?)") % {"code": close[0]} if close else ""
        raise ImportRefused(
            _("No framework “%(code)s” is available to %(organisation)s%(hint)s.")
            % {"code": code, "organisation": organisation.name, "hint": hint}
        )
    framework = min(frameworks, key=lambda found: _owner_rank(found, organisation))
    versions = framework.versions.select_related("framework")
    version = (
        versions.filter(version=number).first()
        if number is not None
        else versions.order_by("-version").first()
    )
    if version is None:
        numbers = ", ".join(
            f"v{n}"
            for n in framework.versions.order_by("version").values_list("version", flat=True)
        )
        raise ImportRefused(
            _("%(code)s has no version %(number)s; its versions are %(versions)s.")
            % {"code": code, "number": number, "versions": numbers}
        )
    return version


def round_name_problem(*, organisation: Organisation, name: str) -> str:
    """Why ``name`` cannot name a new round of the organisation ("" when it can)."""
    if not name.strip():
        return _("Give the round a name.")
    if len(name.strip()) > MAX_NAME:
        return _("Keep the name under %(max)s characters.") % {"max": MAX_NAME}
    if has_control_characters(name):
        return str(CONTROL_MESSAGE)
    if Assessment.objects.filter(organisation=organisation, title__iexact=name.strip()).exists():
        return _(
            "This organisation already has a round called “%(name)s”; choose another name."
        ) % {"name": name.strip()}
    return ""


# --- Writing -------------------------------------------------------------------------------


@transaction.atomic
def responses_import(
    *,
    organisation: Organisation,
    framework_version: FrameworkVersion,
    name: str,
    responses: ImportedResponses,
    created_by: AbstractBaseUser | None = None,
) -> Assessment:
    """Store ``responses`` as a new closed round called ``name``; ``ImportRefused`` when the
    name is taken or invalid. Queries: a fixed number, however many rows."""
    # One import at a time per organisation, so two imports cannot take one name.
    list(Organisation.objects.select_for_update().filter(pk=organisation.pk).values_list("pk"))
    problem = round_name_problem(organisation=organisation, name=name)
    if problem:
        raise ImportRefused(problem)
    now = timezone.now()
    assessment = Assessment.objects.create(
        organisation=organisation,
        framework_version=framework_version,
        title=name.strip(),
        groups=groups_in(responses.responses, RespondentGroup.values),
        anonymous=True,
        status=AssessmentStatus.CLOSED,
        send_reminders=False,
        created_by=created_by,
        opened_at=now,
        closed_at=now,
    )
    respondents = Respondent.objects.bulk_create(
        Respondent(
            organisation=organisation,
            assessment=assessment,
            external_ref=external_ref(assessment_id=assessment.pk, respondent=response.respondent),
            group=response.group,
            language=response.language,
            started_at=now,
            submitted_at=now,
        )
        for response in responses.responses
    )
    items = dict(Item.objects.filter(version=framework_version).values_list("code", "pk"))
    questions = dict(Question.objects.filter(version=framework_version).values_list("code", "pk"))
    pairs = list(zip(respondents, responses.responses, strict=True))
    Answer.objects.bulk_create(
        Answer(
            respondent=respondent,
            item_id=items[answer.item],
            value=answer.value,
            target=answer.target,
            choice=answer.choice,
            dont_know=answer.dont_know,
        )
        for respondent, response in pairs
        for answer in response.answers
    )
    TextAnswer.objects.bulk_create(
        TextAnswer(respondent=respondent, question_id=questions[code], text=text)
        for respondent, response in pairs
        for code, text in response.texts
    )
    # Bulk inserts send no post_save: say so once, inside the transaction (docs/regeneration.md).
    answers_changed.send(
        sender=Respondent, organisation_id=organisation.pk, assessment_id=assessment.pk
    )
    return assessment
