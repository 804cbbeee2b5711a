"""Saving a respondent's answers, and submitting them: the one place answers are validated.

Every autosave comes through `answer_save` (scored items) or `text_save` (free-text questions).
Anything that does not fit is refused with `AnswerRefused` (HTTP 400) or, when answers may no
longer change, `AnswerLocked` (HTTP 409), and nothing is stored. Refused are: an item or
question of another framework version, a value out of range, a field that does not belong to
the item's response type, "don't know" where the item does not offer it, repeated fields, a
closed assessment, a withdrawn link and a respondent who has submitted.

Wire format of a save (form fields, all strings):

=============== ==========================================================================
likert5, level5 ``value``: a point of the item's scale, "1".."5" for the built-in ones (a
                framework that redeclares ``likert5`` sets its points), or "dont_know" where
                the item allows it
scale           ``value``: the value of any point of the item's scale (``Item.scale``), scored
                or missing, e.g. "1".."7" or "9", or "dont_know" where the item allows it
current_target  ``current`` and ``target``: "1".."5" or blank; ``dont_know``: "on"
points100       ``today`` and ``desired``: whole numbers 0..100, or blank
choice          ``choice``: an option code, or "dont_know" where the item allows it
=============== ==========================================================================

What a point of a scale stores: ``Answer.value`` is the point's value; a *missing* point ("don't
know", "not applicable") also sets ``dont_know``, keeping its value so the pages can show which
one was chosen. The generic "dont_know" stores no value and sets ``dont_know``.
"""

import re
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lndstrategy.text import CONTROL_MESSAGE, has_control_characters
from maturity.framework_files import ORDINAL_RESPONSES, ResponseType
from maturity.models import FrameworkVersion, Item, Question, translated
from maturity.scales import Scale

from .models import Answer, Respondent, TextAnswer
from .signals import answers_changed

DONT_KNOW = "dont_know"
MAX_TEXT = 5000
IGNORED_FIELDS = frozenset({"csrfmiddlewaretoken"})
FIELDS = {
    ResponseType.LIKERT5: frozenset({"value"}),
    ResponseType.LEVEL5: frozenset({"value"}),
    ResponseType.CURRENT_TARGET: frozenset({"current", "target", "dont_know"}),
    ResponseType.POINTS100: frozenset({"today", "desired"}),
    ResponseType.CHOICE: frozenset({"choice"}),
    ResponseType.SCALE: frozenset({"value"}),
}
LEVEL = re.compile(r"[1-5]")
POINTS = re.compile(r"[0-9]{1,3}")


class AnswerRefused(ValidationError):
    """The request does not fit the questionnaire; nothing was stored."""

    status_code = 400


class AnswerLocked(AnswerRefused):
    """Answers may not change any more (closed round, submitted, withdrawn link)."""

    status_code = 409


class SubmitRefused(ValidationError):
    """The answers cannot be submitted yet; the messages say why."""

    status_code = 422


def complete_answer() -> Q:
    """Answers that count as given (for progress and the review page)."""
    return (
        Q(dont_know=True)
        | Q(item__response__in=sorted(ORDINAL_RESPONSES), value__isnull=False)
        | Q(
            item__response__in=["current_target", "points100"],
            value__isnull=False,
            target__isnull=False,
        )
        | (Q(item__response="choice") & ~Q(choice=""))
    )


def _locked_respondent(respondent: Respondent) -> Respondent:
    """Re-read and lock the respondent inside the caller's transaction; refuse if locked."""
    locked = (
        Respondent.objects.select_for_update(of=("self",))
        .select_related("assessment")
        .get(pk=respondent.pk)
    )
    if not locked.assessment.is_open:
        raise AnswerLocked(_("This questionnaire is closed, so answers can no longer change."))
    if locked.submitted_at is not None:
        raise AnswerLocked(_("You have submitted your answers; they can no longer change."))
    if locked.revoked_at is not None:
        raise AnswerLocked(_("This link has been withdrawn."))
    return locked


def _single_values(data: Mapping, allowed: frozenset[str]) -> dict[str, str]:
    values: dict[str, str] = {}
    for key in data:
        if key in IGNORED_FIELDS:
            continue
        if key not in allowed:
            raise AnswerRefused(
                _("“%(field)s” is not part of this kind of question.") % {"field": key[:40]}
            )
        many = data.getlist(key) if hasattr(data, "getlist") else [data[key]]
        if len(many) != 1 or not isinstance(many[0], str):
            raise AnswerRefused(_("Send one value per field."))
        values[key] = many[0].strip()
    return values


def _level(raw: str, *, required: bool) -> int | None:
    if raw == "" and not required:
        return None
    if not LEVEL.fullmatch(raw):
        raise AnswerRefused(_("Choose a value from 1 to 5."))
    return int(raw)


def _points(raw: str) -> int | None:
    if raw == "":
        return None
    if not POINTS.fullmatch(raw) or int(raw) > 100:
        raise AnswerRefused(_("Enter a whole number from 0 to 100."))
    return int(raw)


def _dont_know(item: Item) -> dict:
    if not item.dont_know:
        raise AnswerRefused(_("This question has no “don't know” option."))
    return {"value": None, "target": None, "choice": "", "dont_know": True}


def item_scale(item: Item, version: FrameworkVersion) -> Scale | None:
    """The scale an ordinal item is answered on, as ``version`` declares it (or built in)."""
    if not item.response_type.is_ordinal:
        return None
    return version.scale(item.scale or item.response)


def _point(raw: str, scale: Scale) -> dict:
    """The Answer fields for the point of ``scale`` whose value is ``raw``."""
    point = next((p for p in scale.points if str(p.value) == raw), None)
    if point is None:
        missing = [str(p.value) for p in scale.points if p.missing]
        if missing:
            raise AnswerRefused(
                _("Choose a value from %(low)s to %(high)s, or %(missing)s.")
                % {"low": scale.minimum, "high": scale.maximum, "missing": ", ".join(missing)}
            )
        raise AnswerRefused(
            _("Choose a value from %(low)s to %(high)s.")
            % {"low": scale.minimum, "high": scale.maximum}
        )
    return {"value": float(point.value), "target": None, "choice": "", "dont_know": point.missing}


def parse_answer(item: Item, data: Mapping, version: FrameworkVersion | None = None) -> dict | None:
    """The Answer fields for `data`, or None when the answer is cleared.

    ``version`` is the item's framework version, for the scale of an ordinal item (read from
    ``item.version`` when not given)."""
    kind = item.response_type
    values = _single_values(data, FIELDS[kind])
    if kind.is_ordinal:
        raw = values.get("value", "")
        if raw == DONT_KNOW:
            return _dont_know(item)
        scale = item_scale(item, version or item.version)
        if scale is None:  # an unknown scale: the import refuses it, so this does not happen
            raise AnswerRefused(_("This question cannot be answered."))
        return _point(raw, scale)
    if kind == ResponseType.CHOICE:
        raw = values.get("choice", "")
        if raw == DONT_KNOW:
            return _dont_know(item)
        if raw not in item.option_codes:
            raise AnswerRefused(_("Choose one of the options."))
        return {"value": None, "target": None, "choice": raw, "dont_know": False}
    if kind == ResponseType.CURRENT_TARGET:
        flag = values.get("dont_know", "")
        if flag not in ("", "on"):
            raise AnswerRefused(_("“Don't know” is either ticked or not."))
        if flag == "on":
            return _dont_know(item)
        current = _level(values.get("current", ""), required=False)
        target = _level(values.get("target", ""), required=False)
    else:  # points100: today and desired
        current = _points(values.get("today", ""))
        target = _points(values.get("desired", ""))
    if current is None and target is None:
        return None
    return {"value": current, "target": target, "choice": "", "dont_know": False}


def _touch(respondent: Respondent) -> None:
    if respondent.started_at is None:
        respondent.started_at = timezone.now()
        respondent.save(update_fields=["started_at"])
    answers_changed.send(
        sender=Respondent,
        organisation_id=respondent.organisation_id,
        assessment_id=respondent.assessment_id,
    )


def answer_save(respondent: Respondent, item_code: str, data: Mapping) -> Answer | None:
    """Store the respondent's answer to one item; None when the answer was cleared."""
    item = (
        Item.objects.filter(version_id=respondent.assessment.framework_version_id, code=item_code)
        .select_related("version")
        .only("pk", "response", "dont_know", "options", "scale", "version__scales")
        .order_by()
        .first()
        if isinstance(item_code, str)
        else None
    )
    if item is None:
        raise AnswerRefused(_("This question is not part of this questionnaire."))
    fields = parse_answer(item, data)
    with transaction.atomic():
        locked = _locked_respondent(respondent)
        if fields is None:
            Answer.objects.filter(respondent=locked, item=item).delete()
            answer = None
        else:
            # One upsert: insert, or update the (respondent, item) row already there.
            answer = Answer.objects.bulk_create(
                [Answer(respondent=locked, item=item, **fields)],
                update_conflicts=True,
                unique_fields=["respondent", "item"],
                update_fields=[*fields, "updated_at"],
            )[0]
        _touch(locked)
    return answer


def text_save(respondent: Respondent, question_code: str, data: Mapping) -> TextAnswer | None:
    """Store a free-text answer; an empty text removes it."""
    question = (
        Question.objects.filter(
            version_id=respondent.assessment.framework_version_id, code=question_code
        )
        .only("pk")
        .order_by()
        .first()
        if isinstance(question_code, str)
        else None
    )
    if question is None:
        raise AnswerRefused(_("This question is not part of this questionnaire."))
    text = _single_values(data, frozenset({"text"})).get("text", "")
    if has_control_characters(text):  # the text rule (NUL included): nothing is stored
        raise AnswerRefused(CONTROL_MESSAGE)
    if len(text) > MAX_TEXT:
        raise AnswerRefused(
            _("Please keep your answer under %(max)s characters.") % {"max": f"{MAX_TEXT:,}"}
        )
    with transaction.atomic():
        locked = _locked_respondent(respondent)
        if not text:
            TextAnswer.objects.filter(respondent=locked, question=question).delete()
            answer = None
        else:
            answer = TextAnswer.objects.bulk_create(
                [TextAnswer(respondent=locked, question=question, text=text)],
                update_conflicts=True,
                unique_fields=["respondent", "question"],
                update_fields=["text", "updated_at"],
            )[0]
        _touch(locked)
    return answer


POINTS_PROBLEM = gettext_lazy(
    "“%(name)s”: the points for %(column)s add up to %(total)s; they must add up to 100."
)


def points_problems(respondent: Respondent) -> list[str]:
    """Every 100-point split whose today or desired column does not add up to exactly 100."""
    version_id = respondent.assessment.framework_version_id
    dimensions = {
        row["dimension_id"]: row["dimension__name"]
        for row in Item.objects.filter(version_id=version_id, response="points100")
        .values("dimension_id", "dimension__name")
        .order_by()
        .distinct()
    }
    totals = {
        row["item__dimension_id"]: row
        for row in Answer.objects.filter(respondent=respondent, item__response="points100")
        .values("item__dimension_id")
        .annotate(today=Sum("value"), desired=Sum("target"))
        .order_by()
    }
    problems = []
    for dimension_id, name in dimensions.items():
        row = totals.get(dimension_id, {})
        for column, label in (("today", _("today")), ("desired", _("the desired split"))):
            total = int(row.get(column) or 0)
            if total != 100:
                problems.append(
                    str(POINTS_PROBLEM)
                    % {"name": translated(name), "column": label, "total": total}
                )
    return problems


def respondent_submit(respondent: Respondent) -> Respondent:
    """Submit the answers; from then on they are read-only."""
    with transaction.atomic():
        locked = _locked_respondent(respondent)
        problems = points_problems(locked)
        if problems:
            raise SubmitRefused(problems)
        now = timezone.now()
        locked.submitted_at = now
        locked.started_at = locked.started_at or now
        locked.save(update_fields=["submitted_at", "started_at"])
        answers_changed.send(
            sender=Respondent,
            organisation_id=locked.organisation_id,
            assessment_id=locked.assessment_id,
        )
    return locked
