"""Helpers for the assessment and questionnaire tests."""

from diagnosis.models import Respondent
from diagnosis.services import respondent_issue_token
from maturity.framework_files import FRAMEWORKS_DIR, load_framework, parse_framework
from maturity.models import FrameworkVersion
from maturity.services import framework_import

from .factories import RespondentFactory


def pulse_framework() -> FrameworkVersion:
    """The example framework: Likert and level items only, so it has no 100-point split."""
    path = FRAMEWORKS_DIR / "examples" / "team-learning-pulse.yaml"
    return framework_import(load_framework(path)).version


def respondent_with_link(**fields) -> tuple[Respondent, str]:
    """An invited respondent and the raw token of their personal link."""
    respondent = RespondentFactory(**fields)
    return respondent, respondent_issue_token(respondent)


# An instrument of its own: a 6-point frequency scale, a 7-point agreement scale with a missing
# point 9, and likert5 redeclared with words (and a "not applicable" point 0) of its own.
SCALES_FRAMEWORK = """\
code: own-scales
version: 1
title: {en: Own scales, nl: Eigen schalen}
languages: [en, nl]
scales:
  - code: often6
    name: {en: How often, nl: Hoe vaak}
    points:
      - {value: 1, label: {en: Almost never, nl: Bijna nooit}}
      - {value: 2, label: {en: Rarely, nl: Zelden}}
      - {value: 3, label: {en: Sometimes, nl: Soms}}
      - {value: 4, label: {en: Often, nl: Vaak}}
      - {value: 5, label: {en: Very often, nl: Heel vaak}}
      - {value: 6, label: {en: Almost always, nl: Bijna altijd}}
  - code: agree7
    name: {en: Agreement, nl: Instemming}
    points:
      - {value: 1, label: {en: Strongly disagree, nl: Helemaal oneens}}
      - {value: 2, label: {en: Disagree, nl: Oneens}}
      - {value: 3, label: {en: Somewhat disagree, nl: Enigszins oneens}}
      - {value: 4, label: {en: Neither agree nor disagree, nl: Neutraal}}
      - {value: 5, label: {en: Somewhat agree, nl: Enigszins eens}}
      - {value: 6, label: {en: Agree, nl: Eens}}
      - {value: 7, label: {en: Strongly agree, nl: Helemaal eens}}
      - {value: 9, label: {en: Not applicable here, nl: Niet van toepassing}, missing: true}
  - code: likert5
    name: {en: How true, nl: Hoe waar}
    points:
      - {value: 1, label: {en: Not true at all, nl: Helemaal niet waar}}
      - {value: 2, label: {en: Hardly true, nl: Nauwelijks waar}}
      - {value: 3, label: {en: Partly true, nl: Deels waar}}
      - {value: 4, label: {en: Mostly true, nl: Grotendeels waar}}
      - {value: 5, label: {en: Completely true, nl: Helemaal waar}}
      - {value: 0, label: {en: Does not apply, nl: Geldt niet}, missing: true}
sections:
  - code: how_often
    title: {en: How often, nl: Hoe vaak}
    dimensions: [sharing]
  - code: agreement
    title: {en: Agreement, nl: Instemming}
    dimensions: [support]
  - code: how_true
    title: {en: How true, nl: Hoe waar}
    dimensions: [clarity]
dimensions:
  - code: sharing
    kind: custom
    name: {en: Sharing, nl: Delen}
    items:
      - code: share_1
        text:
          en: We share what we learned from a mistake.
          nl: We delen wat we van een fout leerden.
        response: scale
        scale: often6
        dont_know: true
      - code: share_2
        text:
          en: We ask each other for feedback.
          nl: We vragen elkaar om feedback.
        response: scale
        scale: often6
  - code: support
    kind: custom
    name: {en: Support, nl: Steun}
    items:
      - code: support_1
        text:
          en: My manager makes time for learning.
          nl: Mijn leidinggevende maakt tijd voor leren.
        response: scale
        scale: agree7
        dont_know: true
      - code: support_2
        text:
          en: Mistakes are held against you.
          nl: Fouten worden je aangerekend.
        response: scale
        scale: agree7
        reverse: true
  - code: clarity
    kind: custom
    name: {en: Clarity, nl: Helderheid}
    levels:
      - {level: 1, description: {en: Nobody knows, nl: Niemand weet het}}
      - {level: 2, description: {en: A few know, nl: Enkelen weten het}}
      - {level: 3, description: {en: Many know, nl: Velen weten het}}
      - {level: 4, description: {en: Most know, nl: De meesten weten het}}
      - {level: 5, description: {en: Everybody knows, nl: Iedereen weet het}}
    items:
      - code: clear_1
        text:
          en: I know what is expected of me.
          nl: Ik weet wat er van me verwacht wordt.
        response: likert5
"""


def scales_framework() -> FrameworkVersion:
    """A framework whose items use scales it declares (see ``SCALES_FRAMEWORK``)."""
    return framework_import(parse_framework(SCALES_FRAMEWORK)).version
