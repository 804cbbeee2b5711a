import factory
from django.utils import timezone

from diagnosis.models import (
    Answer,
    Assessment,
    AssessmentStatus,
    KeyChallenge,
    KnowledgeGap,
    Respondent,
    RespondentGroup,
    SourcingApproach,
    TextAnswer,
)
from maturity.models import Item, Question
from maturity.services import default_framework_version
from tests.factories import OrganisationFactory, PersonFactory


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessment

    organisation = factory.SubFactory(OrganisationFactory)
    framework_version = factory.LazyFunction(default_framework_version)
    title = factory.Sequence(lambda n: f"Diagnostic round {n}")
    period = "2026 Q4"
    groups = factory.LazyFunction(lambda: [RespondentGroup.LD, RespondentGroup.LEADERSHIP])
    status = AssessmentStatus.OPEN


class RespondentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Respondent

    assessment = factory.SubFactory(AssessmentFactory)
    organisation = factory.SelfAttribute("assessment.organisation")
    person = factory.SubFactory(
        PersonFactory, organisation=factory.SelfAttribute("..assessment.organisation")
    )
    group = RespondentGroup.LEADERSHIP


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer

    respondent = factory.SubFactory(RespondentFactory)
    item = factory.LazyAttribute(
        lambda answer: answer.respondent.assessment.framework_version.items.first()
    )
    value = 3


class TextAnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TextAnswer

    respondent = factory.SubFactory(RespondentFactory)
    question = factory.LazyAttribute(
        lambda answer: answer.respondent.assessment.framework_version.questions.first()
    )
    text = factory.Faker("paragraph")


class KeyChallengeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KeyChallenge

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Key challenge {n}")
    dimension_codes = factory.LazyFunction(lambda: ["f4-autonomy"])


# --- Added for the diagnosis workspace and results ---------------------------------------------


class SubmittedRespondentFactory(RespondentFactory):
    """A respondent who has answered and submitted."""

    started_at = factory.LazyFunction(timezone.now)
    submitted_at = factory.LazyFunction(timezone.now)


class KnowledgeGapFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KnowledgeGap

    organisation = factory.SubFactory(OrganisationFactory)
    target_group = factory.Sequence(lambda n: f"Target group {n}")
    competence = "Data-driven decision making"
    present_level = 2
    needed_level = 4
    approach = SourcingApproach.BUILD


def give_answers(respondent: Respondent, answers: dict[str, object]) -> list[Answer]:
    """Store answers by item code: a number is the value; None is "don't know"; a pair is
    (value, target) — current/target or today/desired; a string is a choice code."""
    items = {
        item.code: item
        for item in Item.objects.filter(
            version_id=respondent.assessment.framework_version_id, code__in=answers
        )
    }
    rows = []
    for code, given in answers.items():
        answer = Answer(respondent=respondent, item=items[code])
        if given is None:
            answer.dont_know = True
        elif isinstance(given, str):
            answer.choice = given
        elif isinstance(given, tuple):
            answer.value, answer.target = given
        else:
            answer.value = given
        rows.append(answer)
    return Answer.objects.bulk_create(rows)


def give_text_answers(respondent: Respondent, texts: dict[str, str]) -> list[TextAnswer]:
    """Store free-text answers by question code."""
    questions = {
        question.code: question
        for question in Question.objects.filter(
            version_id=respondent.assessment.framework_version_id, code__in=texts
        )
    }
    return TextAnswer.objects.bulk_create(
        TextAnswer(respondent=respondent, question=questions[code], text=text)
        for code, text in texts.items()
    )
