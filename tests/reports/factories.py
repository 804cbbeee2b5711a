"""Answered assessments for the reports tests: every item of the framework answered."""

import random

from django.utils import timezone

from diagnosis.models import Answer, AssessmentStatus, RespondentGroup
from organisations.signals import organisation_data_changed
from tests.diagnosis.factories import AssessmentFactory, RespondentFactory

QUADRANT_SPLITS = ((40, 30, 20, 10), (25, 25, 25, 25), (10, 20, 30, 40))


def answer_everything(respondent, *, seed: int = 0, likert: float | None = None) -> list[Answer]:
    """Answer every item of the respondent's framework (bulk) and submit the response."""
    rng = random.Random(seed)
    items = list(respondent.assessment.framework_version.items.order_by("pk"))
    split = QUADRANT_SPLITS[seed % len(QUADRANT_SPLITS)]
    desired = QUADRANT_SPLITS[(seed + 1) % len(QUADRANT_SPLITS)]
    quadrant = 0
    answers = []
    for item in items:
        answer = Answer(respondent=respondent, item=item)
        if item.response in ("likert5", "level5"):
            answer.value = likert if likert is not None else rng.randint(1, 5)
        elif item.response == "current_target":
            answer.value = rng.randint(1, 3)
            answer.target = rng.randint(3, 5)
        elif item.response == "points100":
            answer.value, answer.target = split[quadrant % 4], desired[quadrant % 4]
            quadrant += 1
        elif item.response == "choice":
            answer.choice = item.options[seed % len(item.options)]["code"]
        answers.append(answer)
    Answer.objects.bulk_create(answers)
    respondent.submitted_at = timezone.now()
    respondent.save(update_fields=["submitted_at"])
    organisation_data_changed.send(sender=Answer, organisation_id=respondent.organisation_id)
    return answers


def answered_assessment(organisation=None, *, respondents: int = 4, likert: float | None = None):
    """An open assessment with ``respondents`` submitted, fully answered responses."""
    extra = {"organisation": organisation} if organisation else {}
    assessment = AssessmentFactory(status=AssessmentStatus.OPEN, **extra)
    groups = [RespondentGroup.LEADERSHIP, RespondentGroup.LD]
    for number in range(respondents):
        respondent = RespondentFactory(assessment=assessment, group=groups[number % 2])
        answer_everything(respondent, seed=number, likert=likert)
    return assessment
