"""One assessment with hand-checkable answers, shared by the results and workspace tests.

Respondents: r1–r3 leadership, r4 L&D, r5–r6 staff (all submitted), r7 leadership still in
progress (wild answers that must not count). Reverse items (f4_3, ob_*_1) are scored 6 − answer.

f1 (learning culture): r1–r6 answer f1_1, f1_3, f1_5 with 4 → everyone 4.0; mean 4.0, 75.0,
    level 4; sd 0, every item variance 0 → rwg(j) 1.
f2 (problem solving): r1 5,5,5; r2 1,1,1; r3 3,3,3 on f2_1, f2_2, f2_4 → 5, 1, 3; mean 3.0,
    50.0, level 3. Item variances 4 each ≥ 2 (random answering) → rwg(j) 0, no agreement, also
    within the leadership team (the only group, 3 people, so shown).
f4 (autonomy; f4_3 reverse) after reverse-scoring:
    r1 4,4,4,4 → 4; r2 4,3,4,4 → 3.75; r3 3,4,3,DK → 3.333; r4 1,1,1,1 → 1;
    r5 2,2,2,2 → 2; r6 1,2,1,1 → 1.25. Mean 15.3333 / 6 = 2.5556, 38.89, level 2.
    sd of the six scores 1.3077. Items: f4_1 (4,4,3,1,2,1) var 1.9; f4_2 (4,3,4,1,2,2) 1.4667;
    f4_3 1.9; f4_4 (4,4,1,2,1) 2.3; s² 1.8917, r 0.9458, J 4 → rwg(j) 0.1864: no agreement.
    Leadership (r1–r3): variances 1/3, 1/3, 1/3, 0 → s² 0.25, r 0.125 →
    rwg(j) 3.5 / 3.625 = 0.9655: the leadership team agrees.
    Groups: L&D (1) and staff (2) suppressed; leadership (3) shown, mean 3.6944, level 4.
    Alpha over the 5 complete respondents (r1, r2, r4, r5, r6): item variances 2.3, 1.3, 2.3,
    2.3 (sum 8.2); totals 16, 15, 4, 8, 5 → variance 31.3; alpha 4/3 × (1 − 8.2/31.3) = 0.9840.
Overall: (75 + 50 + 38.89) / 3 = 54.63 → 3.1852 on 1–5, level 3.
Strength f1, weakness f4 (3 scored features: one per side).
Obstacles: r1, r2 and r3 answer alike: resources 5,1,1 → 1,1,1 → 1.0 (level 1); mandate
    4,4,4 → 2,4,4 → 3.333.
Quadrants: r1 today 40/20/20/20, desired 25/25/25/25; r2 today 70/10/10/10, desired
    40/20/20/20; r4 today 55/15/15/15, desired 32.5/22.5/22.5/22.5; r3's today adds up to 90 →
    ignored. Individual productive: today 55, desired 32.5, shift −22.5 (3 respondents).
Capabilities: curation r1 2→4, r2 3→4, r3 1→4, r4 4→4 → 2.5→4, gap 1.5 (n 4); measurement
    r1 1→5, r2 don't know → n 1, below k = 3: not shown. Culture: openness r1 2→4, r2 3→3,
    r3 1→4, r4 4→3 → 2.5→3.5, gap 1.
Every figure rests on at least k = 3 respondents, or it is not shown (diagnosis.anonymity).
Type of work: complex r1, r2; discovery r3; r4 don't know → n 3, complex 66.67 %.
"""

from dataclasses import dataclass

from diagnosis.models import Assessment, Respondent, RespondentGroup
from tests.diagnosis.factories import (
    AssessmentFactory,
    RespondentFactory,
    SubmittedRespondentFactory,
    give_answers,
)

LEAD, LD, STAFF = RespondentGroup.LEADERSHIP, RespondentGroup.LD, RespondentGroup.STAFF
F1 = {"f1_1": 4, "f1_3": 4, "f1_5": 4}


@dataclass
class Scenario:
    assessment: Assessment
    respondents: list[Respondent]  # r1..r7, r7 in progress


def build_scenario(**assessment_fields) -> Scenario:
    assessment = AssessmentFactory(
        groups=[LD, LEAD, STAFF], **assessment_fields
    )  # fmt: skip
    groups = [LEAD, LEAD, LEAD, LD, STAFF, STAFF]
    people = [SubmittedRespondentFactory(assessment=assessment, group=g) for g in groups]
    people.append(RespondentFactory(assessment=assessment, group=LEAD))  # r7, in progress
    r1, r2, r3, r4, r5, r6, r7 = people
    f4 = {
        r1: (4, 4, 2, 4), r2: (4, 3, 2, 4), r3: (3, 4, 3, None), r4: (1, 1, 5, 1),
        r5: (2, 2, 4, 2), r6: (1, 2, 5, 1), r7: (5, 5, 1, 5),
    }  # fmt: skip
    f2 = {r1: 5, r2: 1, r3: 3}
    for person, values in f4.items():
        answers = dict(zip(["f4_1", "f4_2", "f4_3", "f4_4"], values, strict=True))
        if person is not r7:
            answers |= F1
        if person in f2:
            answers |= {code: f2[person] for code in ("f2_1", "f2_2", "f2_4")}
        give_answers(person, answers)
    give_answers(
        r1,
        {
            "ob_resources_1": 5, "ob_resources_2": 1, "ob_resources_3": 1,
            "ob_mandate_1": 4, "ob_mandate_2": 4, "ob_mandate_3": 4,
            "q_individual_productive": (40, 25), "q_organisational_productive": (20, 25),
            "q_individual_generative": (20, 25), "q_organisational_generative": (20, 25),
            "cap_curation": (2, 4), "cap_measurement": (1, 5), "culture_openness": (2, 4),
            "work_type_priority": "complex",
        },
    )  # fmt: skip
    give_answers(
        r2,
        {
            "q_individual_productive": (70, 40), "q_organisational_productive": (10, 20),
            "q_individual_generative": (10, 20), "q_organisational_generative": (10, 20),
            "cap_curation": (3, 4), "cap_measurement": None, "culture_openness": (3, 3),
            "work_type_priority": "complex",
        },
    )  # fmt: skip
    give_answers(
        r3,
        {
            "q_individual_productive": (30, 25), "q_organisational_productive": (20, 25),
            "q_individual_generative": (20, 25), "q_organisational_generative": (20, 25),
            "cap_curation": (1, 4), "culture_openness": (1, 4),
            "work_type_priority": "discovery",
        },
    )  # fmt: skip
    give_answers(
        r4,
        {
            "q_individual_productive": (55, 32.5), "q_organisational_productive": (15, 22.5),
            "q_individual_generative": (15, 22.5), "q_organisational_generative": (15, 22.5),
            "cap_curation": (4, 4), "culture_openness": (4, 3),
            "work_type_priority": None,
        },
    )  # fmt: skip
    obstacles = {
        "ob_resources_1": 5, "ob_resources_2": 1, "ob_resources_3": 1,
        "ob_mandate_1": 4, "ob_mandate_2": 4, "ob_mandate_3": 4,
    }  # fmt: skip
    for person in (r2, r3):  # the same as r1, so that three people score the obstacles
        give_answers(person, obstacles)
    give_answers(r7, {"cap_curation": (5, 1), "work_type_priority": "known"})
    return Scenario(assessment, people)
