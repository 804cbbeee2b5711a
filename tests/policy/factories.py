import factory

from policy.models import Policy, PolicyStatus
from tests.diagnosis.factories import KeyChallengeFactory
from tests.factories import OrganisationFactory


class PolicyFactory(factory.django.DjangoModelFactory):
    """A policy addressing one new key challenge of its organisation, unless given
    `challenges=[...]`."""

    class Meta:
        model = Policy
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    statement = factory.Sequence(lambda n: f"Guiding policy {n}")
    rationale = "Because the challenge calls for it."
    status = PolicyStatus.DRAFT
    position = factory.Sequence(lambda n: n)

    @factory.post_generation
    def challenges(self, create, extracted, **kwargs):
        if not create:
            return
        if extracted is None:
            extracted = [KeyChallengeFactory(organisation=self.organisation)]
        self.challenges.set(extracted)
