"""What the questionnaire pages show: sections, items with the respondent's answers, progress.

Plain data for the templates, with framework texts already translated into the active language.
Every function runs a fixed number of queries, however many items or answers there are.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef
from django.utils.translation import gettext as _

from lndstrategy.numbers import rounded
from maturity.framework_files import ResponseType
from maturity.models import Dimension, FrameworkVersion, Item, Question, Section, translated

from .answers import DONT_KNOW, complete_answer, item_scale
from .models import Answer, Respondent, TextAnswer


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    description: str = ""


@dataclass
class ItemView:
    code: str
    text: str
    help: str
    response: str
    dont_know_allowed: bool
    choices: list[Choice]
    answer: Answer | None = None
    # The points of the item's scale that are not scored ("don't know", "not applicable").
    missing_choices: list[Choice] = field(default_factory=list)

    @property
    def selected(self) -> str:
        answer = self.answer
        if answer is None:
            return ""
        if answer.dont_know and answer.value is None:
            return DONT_KNOW  # a missing point of a scale keeps its value: that one is shown
        if answer.choice:
            return answer.choice
        return "" if answer.value is None else str(int(answer.value))

    @property
    def first(self) -> str:
        """Current level (current_target) or today's points (points100)."""
        value = self.answer.value if self.answer and not self.answer.dont_know else None
        return "" if value is None else str(int(value))

    @property
    def second(self) -> str:
        """Target level (current_target) or desired points (points100)."""
        value = self.answer.target if self.answer and not self.answer.dont_know else None
        return "" if value is None else str(int(value))

    @property
    def dont_know(self) -> bool:
        return bool(self.answer and self.answer.dont_know)

    @property
    def complete(self) -> bool:
        return answer_is_complete(self.response, self.answer)


@dataclass
class DimensionView:
    code: str
    name: str
    description: str
    kind: str
    levels: list[Choice]
    items: list[ItemView] = field(default_factory=list)


@dataclass
class QuestionView:
    code: str
    text: str
    help: str
    answer: str


@dataclass
class SectionSummary:
    number: int
    pk: int
    title: str
    intro: str
    total: int
    answered: int

    @property
    def complete(self) -> bool:
        return self.answered >= self.total


@dataclass
class SectionPage:
    summaries: list[SectionSummary]
    section: SectionSummary
    questions: list[QuestionView]
    dimensions: list[DimensionView]

    @property
    def number(self) -> int:
        return self.section.number

    @property
    def previous(self) -> int | None:
        return self.number - 1 if self.number > 1 else None

    @property
    def next(self) -> int | None:
        return self.number + 1 if self.number < len(self.summaries) else None

    @property
    def has_points(self) -> bool:
        return any(item.response == "points100" for d in self.dimensions for item in d.items)

    @property
    def percent(self) -> int:
        return progress_percent(self.summaries)

    @property
    def points_totals(self) -> dict[str, int]:
        """Today's and the desired points given so far on this page's 100-point split."""
        items = [i for d in self.dimensions for i in d.items if i.response == "points100"]
        return {
            "today": sum(int(i.first or 0) for i in items),
            "desired": sum(int(i.second or 0) for i in items),
        }


def answer_is_complete(response: str, answer: Answer | None) -> bool:
    """Python twin of `answers.complete_answer()`."""
    if answer is None:
        return False
    if answer.dont_know:
        return True
    if response in ("current_target", "points100"):
        return answer.value is not None and answer.target is not None
    if response == "choice":
        return bool(answer.choice)
    return answer.value is not None


def progress_percent(summaries: list[SectionSummary]) -> int:
    total = sum(summary.total for summary in summaries)
    answered = sum(min(summary.answered, summary.total) for summary in summaries)
    return int(rounded(100 * answered / total, 0)) if total else 0


def section_summaries(respondent: Respondent) -> list[SectionSummary]:
    """Each section with how many of its questions the respondent has answered (3 queries)."""
    version_id = respondent.assessment.framework_version_id
    sections = (
        Section.objects.filter(version_id=version_id)
        .annotate(
            n_items=Count("dimensions__items", distinct=True),
            n_questions=Count("questions", distinct=True),
        )
        .order_by("position")
    )
    answered = dict(
        Answer.objects.filter(respondent=respondent)
        .filter(complete_answer())
        .values("item__dimension__section_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("item__dimension__section_id", "n")
    )
    texts = dict(
        TextAnswer.objects.filter(respondent=respondent)
        .values("question__section_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("question__section_id", "n")
    )
    return [
        SectionSummary(
            number=number,
            pk=section.pk,
            title=translated(section.title),
            intro=translated(section.intro),
            total=section.n_items + section.n_questions,
            answered=answered.get(section.pk, 0) + texts.get(section.pk, 0),
        )
        for number, section in enumerate(sections, start=1)
    ]


def _choices(item: Item, dimension: Dimension, version: FrameworkVersion) -> list[Choice]:
    kind = item.response_type
    if kind in (ResponseType.LIKERT5, ResponseType.SCALE):
        return _points(item, version, missing=False)
    if kind == ResponseType.CHOICE:
        return [
            Choice(o["code"], translated(o["label"]), translated(o.get("description")))
            for o in item.options
        ]
    if kind in (ResponseType.LEVEL5, ResponseType.CURRENT_TARGET):
        return _levels(dimension, version)
    return []


def _points(item: Item, version: FrameworkVersion, *, missing: bool) -> list[Choice]:
    """The scored points of the item's scale in the order the framework lists them, or (with
    ``missing``) its points that are not scored; each with its label in the active language."""
    scale = item_scale(item, version)
    if scale is None:
        return []
    return [
        Choice(str(point.value), translated(point.label) or str(point.value))
        for point in scale.points
        if point.missing == missing
    ]


def _levels(dimension: Dimension, version: FrameworkVersion) -> list[Choice]:
    """The five maturity levels to choose from: each named (the framework's name, else the
    product's default) with the dimension's description of it."""
    return [
        Choice(str(level), version.level_label(level), dimension.level_description(level))
        for level in range(1, 6)
    ]


def section_page(respondent: Respondent, number: int) -> SectionPage | None:
    """Everything one section page shows, or None if there is no such section."""
    summaries = section_summaries(respondent)
    if not 1 <= number <= len(summaries):
        return None
    summary = summaries[number - 1]
    version = respondent.assessment.framework_version
    dimensions = list(Dimension.objects.filter(section_id=summary.pk).order_by("position"))
    items = list(Item.objects.filter(dimension__section_id=summary.pk).order_by("position"))
    answers = {
        answer.item_id: answer
        for answer in Answer.objects.filter(respondent=respondent, item__in=[i.pk for i in items])
    }
    views = {
        dimension.pk: DimensionView(
            code=dimension.code,
            name=translated(dimension.name),
            description=translated(dimension.description),
            kind=dimension.kind,
            levels=_levels(dimension, version) if dimension.levels else [],
        )
        for dimension in dimensions
    }
    by_pk = {dimension.pk: dimension for dimension in dimensions}
    for item in items:
        views[item.dimension_id].items.append(
            ItemView(
                code=item.code,
                text=translated(item.text),
                help=translated(item.help),
                response=item.response,
                dont_know_allowed=item.dont_know,
                choices=_choices(item, by_pk[item.dimension_id], version),
                answer=answers.get(item.pk),
                missing_choices=(
                    _points(item, version, missing=True)
                    if item.response in (ResponseType.LIKERT5, ResponseType.SCALE)
                    else []
                ),
            )
        )
    questions = list(Question.objects.filter(section_id=summary.pk).order_by("position"))
    texts = dict(
        TextAnswer.objects.filter(
            respondent=respondent, question__in=[q.pk for q in questions]
        ).values_list("question_id", "text")
    )
    return SectionPage(
        summaries=summaries,
        section=summary,
        questions=[
            QuestionView(q.code, translated(q.text), translated(q.help), texts.get(q.pk, ""))
            for q in questions
        ],
        dimensions=list(views.values()),
    )


@dataclass
class Unanswered:
    section: SectionSummary
    texts: list[str]


def unanswered(respondent: Respondent, summaries: list[SectionSummary]) -> list[Unanswered]:
    """Per section, the questions still without an answer (2 queries)."""
    version_id = respondent.assessment.framework_version_id
    done = Answer.objects.filter(respondent=respondent, item=OuterRef("pk")).filter(
        complete_answer()
    )
    items = (
        Item.objects.filter(version_id=version_id)
        .annotate(done=Exists(done))
        .filter(done=False)
        .values_list("dimension__section_id", "text")
    )
    written = TextAnswer.objects.filter(respondent=respondent, question=OuterRef("pk"))
    questions = (
        Question.objects.filter(version_id=version_id)
        .annotate(done=Exists(written))
        .filter(done=False)
        .order_by("position")
        .values_list("section_id", "text")
    )
    missing: dict[int, list[str]] = {}
    for section_id, text in [*questions, *items]:
        missing.setdefault(section_id, []).append(translated(text))
    return [
        Unanswered(summary, missing[summary.pk]) for summary in summaries if summary.pk in missing
    ]


@dataclass
class GivenAnswer:
    text: str  # the statement or question
    words: str  # the answer, in words


@dataclass
class GivenSection:
    section: SectionSummary
    answers: list[GivenAnswer]


def answer_words(item: Item, answer: Answer, version: FrameworkVersion) -> str:
    """The respondent's answer to ``item`` as the page offered it: the label of the chosen point
    (scored or missing), level or option, or the numbers of a two-part answer."""
    if answer.dont_know and answer.value is None:
        return _("Don't know")
    kind = item.response_type
    if kind == ResponseType.CHOICE:
        labels = {o["code"]: translated(o["label"]) for o in item.options}
        return labels.get(answer.choice, answer.choice)
    if kind == ResponseType.CURRENT_TARGET:
        return _("now %(current)s, target %(target)s") % {
            "current": _number(answer.value),
            "target": _number(answer.target),
        }
    if kind == ResponseType.POINTS100:
        return _("today %(today)s points, desired %(desired)s") % {
            "today": _number(answer.value),
            "desired": _number(answer.target),
        }
    value = _number(answer.value)
    if kind == ResponseType.LEVEL5:
        return f"{value} · {version.level_label(int(value))}" if value != "–" else value
    scale = item_scale(item, version)
    point = next((p for p in scale.points if str(p.value) == value), None) if scale else None
    return (translated(point.label) if point else "") or value


def _number(value: float | None) -> str:
    return "–" if value is None else str(int(value))


def given_answers(respondent: Respondent, summaries: list[SectionSummary]) -> list[GivenSection]:
    """Per section, in the questionnaire's order, the answers given so far in words (1 query)."""
    version = respondent.assessment.framework_version
    answers = (
        Answer.objects.filter(respondent=respondent)
        .select_related("item__dimension")
        .order_by(
            "item__dimension__section__position", "item__dimension__position", "item__position"
        )
    )
    given: dict[int, list[GivenAnswer]] = {}
    for answer in answers:
        item = answer.item
        given.setdefault(item.dimension.section_id, []).append(
            GivenAnswer(translated(item.text), answer_words(item, answer, version))
        )
    return [
        GivenSection(summary, given[summary.pk]) for summary in summaries if summary.pk in given
    ]
