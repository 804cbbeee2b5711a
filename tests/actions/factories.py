import datetime

import factory

from actions.models import (
    Action,
    ActionStatus,
    GapCause,
    Horizon,
    PerformanceGap,
    Quadrant,
    WorkType,
)
from organisations.models import Role
from tests.factories import MembershipFactory, OrganisationFactory, person_of
from tests.policy.factories import PolicyFactory


class ActionFactory(factory.django.DjangoModelFactory):
    """An action of its policy's organisation, owned by a new leader unless `owner=` is given."""

    class Meta:
        model = Action

    organisation = factory.SubFactory(OrganisationFactory)
    policy = factory.SubFactory(PolicyFactory, organisation=factory.SelfAttribute("..organisation"))
    title = factory.Sequence(lambda n: f"Action {n}")
    owner = factory.LazyAttribute(
        lambda action: person_of(
            MembershipFactory(organisation=action.organisation, role=Role.LEADER).user,
            action.organisation,
        )
    )
    dimensions = factory.LazyFunction(lambda: ["f1-learning-culture"])
    quadrant = Quadrant.INDIVIDUAL_PRODUCTIVE
    work_type = WorkType.KNOWN
    horizon = Horizon.NOW
    start_date = factory.LazyFunction(lambda: datetime.date.today())
    end_date = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=90))
    effort_days = 10
    metric_name = "Customer satisfaction"
    metric_baseline = 70
    metric_target = 80
    status = ActionStatus.PLANNED


class PerformanceGapFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PerformanceGap

    organisation = factory.SubFactory(OrganisationFactory)
    outcome = "Fewer late deliveries"
    metric_name = "On-time deliveries"
    metric_unit = "%"
    current_value = 82
    target_value = 95
    drivers = "Route planning, driver experience, warehouse hand-over."
    cause = GapCause.PROCESS
