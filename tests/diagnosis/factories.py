import factory

from diagnosis.models import (
    Answer,
    Assessment,
    AssessmentStatus,
    KeyChallenge,
    Respondent,
    RespondentGroup,
    TextAnswer,
)
from maturity.services import default_framework_version
from tests.factories import OrganisationFactory


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
    name = factory.Faker("name")
    email = factory.Sequence(lambda n: f"respondent{n}@example.org")
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
