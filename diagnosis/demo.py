"""Demo assessments: Northwind's closed 2025 round and open 2026 round, and Harbour's open round.

Northwind's 2025 round is *named* (its owner sees who submitted); the 2026 rounds are anonymous
(counts only), and Harbour's three submitted responses just reach the reporting minimum of 3.

Answers are generated from a profile per person with a fixed random seed, so every run gives the
same numbers. The 2026 round shows what a diagnosis usually finds: learning culture and autonomy
low, leaders rating their own supportiveness far higher than staff do, effort concentrated on
individual productive learning while the team wants more generative learning, and clear gaps in
performance consulting and measurement. Running it again changes nothing.
"""

import random
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from maturity.models import FrameworkVersion, Item
from organisations.demo import HARBOUR, NORTHWIND
from organisations.models import Membership, Organisation
from organisations.services import person_for_email, person_for_member
from organisations.signals import organisation_data_changed

from . import demo_texts
from .models import Answer, Assessment, AssessmentStatus, Respondent, TextAnswer
from .services import default_framework_choice, respondent_issue_token

FEATURES = {
    "f1-learning-culture": 2.7,
    "f2-problem-solving": 3.3,
    "f3-outside-ideas": 2.6,
    "f4-autonomy": 2.1,
    "f5-supportive-leadership": 3.0,
    "f6-lasting-improvement": 2.6,
    "obstacle-skills": 2.9,
    "obstacle-mandate": 2.1,
    "obstacle-understanding": 2.4,
    "obstacle-resources": 2.7,
}
# Where groups see things differently: (dimension, group) -> shift of the group's scores.
DISAGREEMENT = {
    ("f5-supportive-leadership", "leadership"): 1.4,
    ("f5-supportive-leadership", "ld"): -0.9,
    ("f5-supportive-leadership", "staff"): -1.2,
    ("f3-outside-ideas", "ld"): 1.0,
    ("f3-outside-ideas", "leadership"): -0.6,
}
CURRENT_TARGET = {  # dimension: (current, target)
    "cap-curation": (2.6, 4.0),
    "cap-user-focused-design": (1.8, 3.8),
    "cap-performance-consulting": (1.5, 4.4),
    "cap-measurement": (1.5, 4.2),
    "cap-digital-ecosystem": (2.8, 4.0),
    "cap-change-management": (2.0, 4.0),
    "cap-social-learning": (1.8, 4.2),
    "culture-openness": (2.7, 4.3),
    "culture-collegiality": (3.4, 4.2),
    "culture-transparency": (2.2, 4.2),
    "culture-diversity": (2.9, 4.0),
    "culture-initiative": (2.1, 4.5),
}
QUADRANTS = (
    "q_individual_productive",
    "q_organisational_productive",
    "q_individual_generative",
    "q_organisational_generative",
)
WORK_TYPES = {"leadership": "complex", "ld": "discovery", "staff": "known", "other": "complex"}


@dataclass(frozen=True)
class Person:
    key: str  # a demo username for members, an email address for invited people
    name: str
    group: str
    state: str  # "submitted", "halfway", "started" or "invited"
    lean: float = 0.0  # how rosy this person's view is


@dataclass(frozen=True)
class Round:
    organisation: str
    title: str
    period: str
    status: str
    groups: tuple[str, ...]
    people: tuple[Person, ...]
    texts: dict
    opened: datetime
    closes_on: date
    closed: datetime | None = None
    shift: float = 0.0  # added to every score: an earlier, weaker round is negative
    today: tuple[int, int, int, int] = (60, 18, 15, 7)
    desired: tuple[int, int, int, int] = (28, 22, 27, 23)
    anonymous: bool = True  # a named round shows the owner who has submitted


def _rounds(now: datetime) -> list[Round]:
    northwind_people = (
        Person("lnd.leader", "Lena de Vries", "ld", "submitted", -0.2),
        Person("ceo", "Marcus Bell", "leadership", "submitted", 0.6),
        Person("coo", "Priya Shah", "leadership", "submitted", 0.2),
        Person("hr.director", "Tom Visser", "leadership", "submitted", 0.0),
        Person("noor.elamrani@northwind.example", "Noor El Amrani", "ld", "submitted", -0.3),
        Person("sofia.lindqvist@northwind.example", "Sofia Lindqvist", "staff", "submitted", -0.4),
        Person("daan.mulder@northwind.example", "Daan Mulder", "staff", "halfway", -0.2),
        Person("eva.kramer@northwind.example", "Eva Kramer", "leadership", "invited"),
    )
    tz = timezone.get_current_timezone()
    return [
        Round(
            NORTHWIND,
            "Diagnostic round 2025",
            "2025",
            AssessmentStatus.CLOSED,
            ("ld", "leadership"),
            (
                *northwind_people[:4],
                Person("pieter.degroot@northwind.example", "Pieter de Groot", "ld", "submitted"),
            ),
            demo_texts.NORTHWIND_2025,
            opened=datetime(2025, 10, 1, 9, tzinfo=tz),
            closes_on=date(2025, 10, 31),
            closed=datetime(2025, 11, 1, 9, tzinfo=tz),
            shift=-0.4,
            today=(70, 15, 10, 5),
            desired=(35, 20, 25, 20),
            anonymous=False,
        ),
        Round(
            NORTHWIND,
            "Diagnostic round 2026",
            "2026",
            AssessmentStatus.OPEN,
            ("ld", "leadership", "staff"),
            northwind_people,
            demo_texts.NORTHWIND_2026 | demo_texts.NORTHWIND_HALFWAY,
            opened=now - timedelta(days=12),
            closes_on=(now + timedelta(days=18)).date(),
        ),
        Round(
            HARBOUR,
            "Learning and development diagnostic 2026",
            "2026",
            AssessmentStatus.OPEN,
            ("ld", "leadership", "staff"),
            (
                Person("harbour.cmo", "Ines Martens", "leadership", "submitted", 0.3),
                Person("karin.bos@harbour.example", "Karin Bos", "leadership", "submitted", 0.1),
                Person("ruben.smit@harbour.example", "Ruben Smit", "ld", "submitted", -0.1),
                Person("harbour.lead", "Sam Okafor", "ld", "halfway"),
                Person("ward.lead@harbour.example", "Joost Willems", "staff", "started", -0.3),
            ),
            demo_texts.HARBOUR_2026,
            opened=now - timedelta(days=5),
            closes_on=(now + timedelta(days=25)).date(),
        ),
    ]


def _level(rng: random.Random, centre: float) -> int:
    return max(1, min(5, round(centre + rng.gauss(0, 0.55))))


def _split(rng: random.Random, base: tuple[int, ...]) -> list[int]:
    points = [max(0, value + rng.choice((-5, 0, 0, 5))) for value in base]
    points[0] += 100 - sum(points)
    return points


def _answers(person: Person, plan: Round, items: list[Item]) -> list[Answer]:
    rng = random.Random(f"{plan.title}:{person.key}")
    today, desired = _split(rng, plan.today), _split(rng, plan.desired)
    if person.group == "ld":  # the L&D team wants the biggest shift to generative learning
        desired = _split(rng, (20, 20, 30, 30))
    answers = []
    for item in items:
        code, dimension = item.code, item.dimension.code
        answer = Answer(item=item)
        if dimension in FEATURES:
            if (
                person.group == "staff"
                and dimension == "f6-lasting-improvement"
                and rng.random() < 0.4
            ):
                answer.dont_know = True
            else:
                shift = DISAGREEMENT.get((dimension, person.group), 0.0)
                score = _level(rng, FEATURES[dimension] + plan.shift + person.lean + shift)
                answer.value = 6 - score if item.reverse else score
        elif dimension in CURRENT_TARGET:
            current, target = CURRENT_TARGET[dimension]
            answer.value = _level(rng, current + plan.shift + person.lean / 2)
            answer.target = max(answer.value, _level(rng, target))
        elif code in QUADRANTS:
            index = QUADRANTS.index(code)
            answer.value, answer.target = today[index], desired[index]
        elif item.response == "choice":
            answer.choice = WORK_TYPES.get(person.group, "complex")
        else:
            continue
        answers.append(answer)
    if person.state == "halfway":  # context and the first features only
        answers = [a for a in answers if a.item.dimension.code.startswith(("f1", "f2", "f3"))]
    elif person.state == "started":
        answers = answers[:6]
    elif person.state == "invited":
        answers = []
    return answers


def _respondent(assessment: Assessment, person: Person, plan: Round) -> Respondent:
    User = get_user_model()
    user = None if "@" in person.key else User.objects.get(username=person.key)
    timeline = {
        "invited_at": plan.opened + timedelta(hours=1),
        "started_at": None if person.state == "invited" else plan.opened + timedelta(days=1),
        "submitted_at": plan.opened + timedelta(days=3) if person.state == "submitted" else None,
        "reminded_at": plan.opened + timedelta(days=4) if person.state == "invited" else None,
        "reminder_count": 1 if person.state == "invited" else 0,
    }
    organisation = assessment.organisation
    if user is not None:
        roster_person = person_for_member(
            membership=Membership.objects.select_related("organisation", "user").get(
                organisation=organisation, user=user
            )
        )
    else:
        roster_person = person_for_email(
            organisation=organisation, email=person.key, name=person.name, group=person.group
        )
    respondent, _ = Respondent.objects.update_or_create(
        assessment=assessment,
        person=roster_person,
        defaults={"organisation": organisation, "group": person.group, **timeline},
    )
    if user is None and respondent.token_hash is None and plan.status == AssessmentStatus.OPEN:
        respondent_issue_token(respondent)  # nobody knows this token; "send new link" does
    return respondent


def _seed_round(plan: Round, version: FrameworkVersion, items: list[Item], questions: dict):
    organisation = Organisation.objects.get(slug=plan.organisation)
    existing = Assessment.objects.filter(organisation=organisation, title=plan.title).first()
    if existing and existing.opened_at and plan.status == AssessmentStatus.OPEN:
        # Keep an open round's dates from its first seeding, so a second run changes nothing.
        plan = replace(plan, opened=existing.opened_at, closes_on=existing.closes_on)
    assessment, _ = Assessment.objects.update_or_create(
        organisation=organisation,
        title=plan.title,
        defaults={
            "framework_version": version,
            "period": plan.period,
            "status": plan.status,
            "groups": list(plan.groups),
            "anonymous": plan.anonymous,
            "closes_on": plan.closes_on,
            "opened_at": plan.opened,
            "closed_at": plan.closed,
        },
    )
    Assessment.objects.filter(pk=assessment.pk).update(created_at=plan.opened - timedelta(days=2))
    for person in plan.people:
        respondent = _respondent(assessment, person, plan)
        answers = _answers(person, plan, items)
        for answer in answers:
            answer.respondent = respondent
        Answer.objects.filter(respondent=respondent).exclude(
            item__in=[answer.item for answer in answers]
        ).delete()
        Answer.objects.bulk_create(
            answers,
            update_conflicts=True,
            unique_fields=["respondent", "item"],
            update_fields=["value", "target", "choice", "dont_know"],
        )
        texts = plan.texts.get(person.key, {})
        TextAnswer.objects.filter(respondent=respondent).exclude(
            question__code__in=list(texts)
        ).delete()
        TextAnswer.objects.bulk_create(
            [
                TextAnswer(respondent=respondent, question=questions[code], text=text)
                for code, text in texts.items()
            ],
            update_conflicts=True,
            unique_fields=["respondent", "question"],
            update_fields=["text"],
        )
    return assessment


@transaction.atomic
def seed_demo() -> None:
    version = default_framework_choice()
    items = list(Item.objects.filter(version=version).select_related("dimension"))
    questions = {question.code: question for question in version.questions.all()}
    organisation_ids = set()
    for plan in _rounds(timezone.now()):
        organisation_ids.add(_seed_round(plan, version, items, questions).organisation_id)
    for organisation_id in sorted(organisation_ids):
        # The answers went in as bulk upserts, which send no per-row signals.
        organisation_data_changed.send(sender=Answer, organisation_id=organisation_id)
