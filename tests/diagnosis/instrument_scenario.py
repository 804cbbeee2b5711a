"""A round on a small framework of its own: a 7-point scale with a "can't say" point, reverse
items, item and dimension weights, two blocks and published norms. Shared by the results, page
and report tests; the numbers are those of tests/maturity/test_scoring_scales.py and of the
second worked example in docs/maturity-model.md.

Answers (reverse items scored 8 - answer; r1 says "can't say" to e2: value 0, dont_know):

         d1 (w 2)  d2 (rev)  e1  e2        s1  s2 (rev)
    r1   6         2 -> 6    5   can't say 4   3 -> 5
    r2   4         5 -> 3    3   4         7   1 -> 7
    r3   7         1 -> 7    6   5         2   6 -> 2

dialogue   (block people):  r1 (12 + 6) / 3 = 6, r2 11/3, r3 7 -> 50/9 = 5.556 on 1-7,
           (50/9 - 1) / 6 * 100 = 75.93, level 4
experiment (block people):  r1 5, r2 3.5, r3 5.5 -> 14/3 = 4.667, 61.11, level 4
support    (block leaders, weight 2): r1 4.5, r2 7, r3 2 -> 4.5, 58.33, level 3
blocks:    people (75.93 + 61.11) / 2 = 68.52 -> 46/9 = 5.111 on 1-7, level 4;
           leaders 58.33, 4.5, level 3
overall:   (75.93 + 61.11 + 2 * 58.33) / 4 = 63.43, 1 + 6 * 0.6343 = 4.806 out of 7, level 4
norms (Learning climate study, 2021): dialogue q1 4.5 .. q3 5.9 -> between; experiment
           q3 4.5 -> above; support q1 4.6 -> below
"""

import textwrap
from dataclasses import dataclass

from diagnosis.models import Answer, Assessment, Respondent, RespondentGroup
from maturity.framework_files import parse_framework
from maturity.models import FrameworkVersion, Item
from maturity.services import framework_import
from tests.diagnosis.factories import AssessmentFactory, SubmittedRespondentFactory, give_answers

INSTRUMENT = textwrap.dedent("""\
    code: team-climate
    version: 1
    title: {en: Team climate, nl: Teamklimaat}
    languages: [en, nl]
    scales:
      - code: agree7
        name: {en: Agreement, nl: Instemming}
        points:
          - {value: 1, label: {en: Strongly disagree, nl: Zeer oneens}}
          - {value: 2, label: {en: Disagree, nl: Oneens}}
          - {value: 3, label: {en: Somewhat disagree, nl: Enigszins oneens}}
          - {value: 4, label: {en: Neither, nl: Neutraal}}
          - {value: 5, label: {en: Somewhat agree, nl: Enigszins eens}}
          - {value: 6, label: {en: Agree, nl: Eens}}
          - {value: 7, label: {en: Strongly agree, nl: Zeer eens}}
          - {value: 0, label: {en: "Can't say", nl: Weet niet}, missing: true}
    blocks:
      - code: people
        name: {en: Learning together, nl: Samen leren}
        dimensions: [dialogue, experiment]
      - code: leaders
        name: {en: Leadership that supports learning, nl: Leiderschap dat leren steunt}
        dimensions: [support]
    norms:
      - source: Learning climate study
        year: 2021
        dimensions:
          dialogue: {median: 5.2, q1: 4.5, q3: 5.9, n: 900}
          experiment: {median: 4.0, q1: 3.5, q3: 4.5, n: 900}
          support: {median: 5.0, q1: 4.6, q3: 5.5, n: 900}
    sections:
      - code: team
        title: {en: Our team, nl: Ons team}
        dimensions: [dialogue, experiment, support]
    dimensions:
      - code: dialogue
        kind: custom
        name: {en: Dialogue and inquiry, nl: Dialoog en onderzoek}
        items:
          - code: d1
            response: scale
            scale: agree7
            weight: 2
            text: {en: We ask each other why., nl: We vragen elkaar waarom.}
          - code: d2
            response: scale
            scale: agree7
            reverse: true
            text: {en: Views are kept quiet., nl: Meningen blijven onuitgesproken.}
      - code: experiment
        kind: custom
        name: {en: Room to experiment, nl: Ruimte om te experimenteren}
        items:
          - {code: e1, response: scale, scale: agree7, text: {en: We try things., nl: We proberen dingen.}}
          - {code: e2, response: scale, scale: agree7, text: {en: Mistakes teach., nl: Fouten leren.}}
      - code: support
        kind: custom
        name: {en: Support from leaders, nl: Steun van leidinggevenden}
        weight: 2
        items:
          - {code: s1, response: scale, scale: agree7, text: {en: Leaders make time., nl: Leiders maken tijd.}}
          - code: s2
            response: scale
            scale: agree7
            reverse: true
            text: {en: Learning waits., nl: Leren moet wachten.}
    """)  # noqa: E501

ANSWERS = [
    {"d1": 6, "d2": 2, "e1": 5, "s1": 4, "s2": 3},  # e2: "can't say"
    {"d1": 4, "d2": 5, "e1": 3, "e2": 4, "s1": 7, "s2": 1},
    {"d1": 7, "d2": 1, "e1": 6, "e2": 5, "s1": 2, "s2": 6},
]
DIALOGUE, EXPERIMENT, SUPPORT = 50 / 9, 14 / 3, 4.5
DIALOGUE_100, EXPERIMENT_100, SUPPORT_100 = 4100 / 54, 1100 / 18, 350 / 6
PEOPLE_100 = (DIALOGUE_100 + EXPERIMENT_100) / 2
OVERALL_100 = (DIALOGUE_100 + EXPERIMENT_100 + 2 * SUPPORT_100) / 4  # 13700 / 216
OVERALL = 1 + 6 * OVERALL_100 / 100


@dataclass
class InstrumentRound:
    version: FrameworkVersion
    assessment: Assessment
    respondents: list[Respondent]


def instrument_version(**owner) -> FrameworkVersion:
    return framework_import(
        parse_framework(INSTRUMENT, filename="team-climate.yaml"), **owner
    ).version


def build_instrument_round(**assessment_fields) -> InstrumentRound:
    version = instrument_version()
    assessment = AssessmentFactory(framework_version=version, **assessment_fields)
    people = [
        SubmittedRespondentFactory(assessment=assessment, group=RespondentGroup.LEADERSHIP)
        for _ in ANSWERS
    ]
    for person, answers in zip(people, ANSWERS, strict=True):
        give_answers(person, answers)
    # The scale's "can't say" point: the point's value is kept, flagged as don't know.
    Answer.objects.create(
        respondent=people[0], item=Item.objects.get(version=version, code="e2"), value=0,
        dont_know=True,
    )  # fmt: skip
    return InstrumentRound(version, assessment, people)
