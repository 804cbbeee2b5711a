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
# point 9, likert5 redeclared with words (and a "not applicable" point 0) of its own, and the
# longest and shortest scales there can be (11 points, 0 to 10; 2 points).
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
  - code: likely11
    name: {en: How likely, nl: Hoe waarschijnlijk}
    points:
      - {value: 0, label: {en: 0 Not at all likely, nl: 0 Helemaal niet waarschijnlijk}}
      - {value: 1, label: {en: "1", nl: "1"}}
      - {value: 2, label: {en: "2", nl: "2"}}
      - {value: 3, label: {en: "3", nl: "3"}}
      - {value: 4, label: {en: "4", nl: "4"}}
      - {value: 5, label: {en: "5", nl: "5"}}
      - {value: 6, label: {en: "6", nl: "6"}}
      - {value: 7, label: {en: "7", nl: "7"}}
      - {value: 8, label: {en: "8", nl: "8"}}
      - {value: 9, label: {en: "9", nl: "9"}}
      - {value: 10, label: {en: 10 Extremely likely, nl: 10 Zeer waarschijnlijk}}
  - code: yesno
    name: {en: Yes or no, nl: Ja of nee}
    points:
      - {value: 1, label: {en: "No", nl: Nee}}
      - {value: 2, label: {en: "Yes", nl: Ja}}
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
  - code: range
    title: {en: Longest and shortest, nl: Langste en kortste}
    dimensions: [advocacy, presence]
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
  - code: advocacy
    kind: custom
    name: {en: Advocacy, nl: Aanbevelen}
    items:
      - code: likely_1
        text:
          en: How likely are you to recommend working here to a friend?
          nl: Hoe waarschijnlijk raad je een vriend aan hier te werken?
        response: scale
        scale: likely11
        dont_know: true
  - code: presence
    kind: custom
    name: {en: Presence, nl: Aanwezigheid}
    items:
      - code: mentor_1
        text: {en: I have a mentor., nl: Ik heb een mentor.}
        response: scale
        scale: yesno
"""


def scales_framework() -> FrameworkVersion:
    """A framework whose items use scales it declares (see ``SCALES_FRAMEWORK``)."""
    return framework_import(parse_framework(SCALES_FRAMEWORK)).version
