"""The two example instruments shipped in maturity/frameworks/examples/, and their response files.

``learning-climate-frequency`` asks seven dimensions on a six-point frequency scale with a "not
applicable" point; ``learning-organisation-blocks`` groups eight sub-scales into three building
blocks on a seven-point agreement scale with "don't know", reverse-worded items, weights and
illustrative norms. Each has a response file in the import format of ``import_responses``.

The expected scores below are worked out by hand from the cells of the response files, with the
scoring rules (docs/maturity-model.md; weights in docs/frameworks.md), written out step by step so
that anyone can check them:

- a reverse-worded item scores lowest + highest - answer: 7 - x on the 1-6 scale, 8 - x on 1-7;
- an empty cell, ``dk`` and a scale's missing point (9 "not applicable" on the frequency scale,
  0 "don't know" on the agreement scale) are unanswered;
- a respondent counts for a dimension when they answered at least half of its items (counted in
  items: an item's weight doesn't count towards the half); their dimension score is the mean of
  their answered items, weighted by the items' weights;
- a dimension's score is the mean of the scores of the respondents who count for it, and
  score_100 = (score - lowest) / (highest - lowest) * 100;
- a block scores the plain average of its dimensions' score_100;
- the overall score_100 is the mean of the dimensions' score_100 weighted by the dimensions'
  weights.
"""

import csv
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from diagnosis.models import Assessment
from diagnosis.selectors import assessment_frames
from maturity import scoring
from maturity.framework_files import ParsedFramework, load_framework
from maturity.models import Block, Dimension, FrameworkVersion, Item, Norm
from maturity.selectors import framework_code_problem
from organisations.models import RespondentGroup
from tests.factories import OrganisationFactory

EXAMPLES = Path(__file__).resolve().parents[2] / "maturity" / "frameworks" / "examples"
CLIMATE = EXAMPLES / "learning-climate-frequency.yaml"
CLIMATE_RESPONSES = EXAMPLES / "learning-climate-frequency-responses.csv"
BLOCKS = EXAMPLES / "learning-organisation-blocks.yaml"
BLOCKS_RESPONSES = EXAMPLES / "learning-organisation-blocks-responses.csv"

# --- learning-climate-frequency-responses.csv, by hand ------------------------------------------
# Ten respondents (lc-01 ... lc-10); scale 1 (almost never) to 6 (almost always), 9 = not
# applicable; keep_2, keep_4 and outward_3 offer "don't know" (dk). Every weight is 1.
# Each line: a respondent's cells in item order -> their score; "7-2=5" is a reversed cell 2, "-"
# an empty cell. (The same layout for the second file, with 8-x for reversed cells.)
# learning-in-work: work_1, work_2, work_3 (reversed), work_4
#   counts when at least 4/2 = 2 of its 4 items are answered
#   lc-01: 4, 5, 7-2=5, 5 -> (4 + 5 + 5 + 5) / 4 = 19/4
#   lc-02: 5, 5, 7-3=4, 5 -> (5 + 5 + 4 + 5) / 4 = 19/4
#   lc-03: 3, 4, 7-4=3, 4 -> (3 + 4 + 3 + 4) / 4 = 7/2
#   lc-04: 4, 3, 7-3=4, 5 -> (4 + 3 + 4 + 5) / 4 = 4
#   lc-05: 2, 3, 7-5=2, 4 -> (2 + 3 + 2 + 4) / 4 = 11/4
#   lc-06: 5, 4, 7-2=5, - -> (5 + 4 + 5) / 3 = 14/3
#   lc-07: 4, 4, 7-3=4, 4 -> (4 + 4 + 4 + 4) / 4 = 4
#   lc-08: 5, 4, 7-2=5, 5 -> (5 + 4 + 5 + 5) / 4 = 19/4
#   lc-09: 3, -, -, - -> 1 of 4 answered: left out
#   lc-10: 5, 5, 7-1=6, 6 -> (5 + 5 + 6 + 6) / 4 = 11/2
#   score = (19/4 + 19/4 + 7/2 + 4 + 11/4 + 14/3 + 4 + 19/4 + 11/2) / 9 = 116/27 = 4.2962962963
#   score_100 = (116/27 - 1) / (6 - 1) * 100 = 1780/27 = 65.9259259259
# asking-and-listening: dialogue_1, dialogue_2, dialogue_3 (reversed)
#   counts when at least 3/2 = 1.5 of its 3 items are answered
#   lc-01: 4, 4, 7-3=4 -> (4 + 4 + 4) / 3 = 4
#   lc-02: 5, 4, 7-2=5 -> (5 + 4 + 5) / 3 = 14/3
#   lc-03: 3, 3, 7-4=3 -> (3 + 3 + 3) / 3 = 3
#   lc-04: 4, -, 7-3=4 -> (4 + 4) / 2 = 4
#   lc-05: 3, 2, 7-5=2 -> (3 + 2 + 2) / 3 = 7/3
#   lc-06: -, -, 7-4=3 -> 1 of 3 answered: left out
#   lc-07: 4, 4, 7-3=4 -> (4 + 4 + 4) / 3 = 4
#   lc-08: 5, 5, 7-2=5 -> (5 + 5 + 5) / 3 = 5
#   lc-09: 4, 3, 7-3=4 -> (4 + 3 + 4) / 3 = 11/3
#   lc-10: 5, 4, 7-2=5 -> (5 + 4 + 5) / 3 = 14/3
#   score = (4 + 14/3 + 3 + 4 + 7/3 + 4 + 5 + 11/3 + 14/3) / 9 = 106/27 = 3.9259259259
#   score_100 = (106/27 - 1) / (6 - 1) * 100 = 1580/27 = 58.5185185185
# learning-as-a-team: team_1, team_2, team_3
#   counts when at least 3/2 = 1.5 of its 3 items are answered
#   lc-01: 5, 4, 4 -> (5 + 4 + 4) / 3 = 13/3
#   lc-02: 5, 5, 4 -> (5 + 5 + 4) / 3 = 14/3
#   lc-03: 4, 3, 3 -> (4 + 3 + 3) / 3 = 10/3
#   lc-04: 4, 4, - -> (4 + 4) / 2 = 4
#   lc-05: 3, 3, 2 -> (3 + 3 + 2) / 3 = 8/3
#   lc-06: 9 (not applicable), 9 (not applicable), 9 (not applicable) -> 0 of 3 answered: left out
#   lc-07: 4, 4, 3 -> (4 + 4 + 3) / 3 = 11/3
#   lc-08: 5, 4, 5 -> (5 + 4 + 5) / 3 = 14/3
#   lc-09: 4, 3, 3 -> (4 + 3 + 3) / 3 = 10/3
#   lc-10: 6, 5, 5 -> (6 + 5 + 5) / 3 = 16/3
#   score = (13/3 + 14/3 + 10/3 + 4 + 8/3 + 11/3 + 14/3 + 10/3 + 16/3) / 9 = 4
#   score_100 = (4 - 1) / (6 - 1) * 100 = 60
# keeping-what-we-learn: keep_1, keep_2, keep_3 (reversed), keep_4
#   counts when at least 4/2 = 2 of its 4 items are answered
#   lc-01: 3, 2, 7-4=3, 3 -> (3 + 2 + 3 + 3) / 4 = 11/4
#   lc-02: 4, 3, 7-3=4, 4 -> (4 + 3 + 4 + 4) / 4 = 15/4
#   lc-03: 2, dk, 7-5=2, dk -> (2 + 2) / 2 = 2
#   lc-04: 2, dk, 7-4=3, 2 -> (2 + 3 + 2) / 3 = 7/3
#   lc-05: 1, 1, 7-6=1, dk -> (1 + 1 + 1) / 3 = 1
#   lc-06: 3, dk, 7-4=3, dk -> (3 + 3) / 2 = 3
#   lc-07: 3, 2, 7-4=3, 3 -> (3 + 2 + 3 + 3) / 4 = 11/4
#   lc-08: 3, 3, 7-3=4, 3 -> (3 + 3 + 4 + 3) / 4 = 13/4
#   lc-09: -, dk, 7-5=2, - -> 1 of 4 answered: left out
#   lc-10: 4, 3, 7-2=5, 4 -> (4 + 3 + 5 + 4) / 4 = 4
#   score = (11/4 + 15/4 + 2 + 7/3 + 1 + 3 + 11/4 + 13/4 + 4) / 9 = 149/54 = 2.7592592593
#   score_100 = (149/54 - 1) / (6 - 1) * 100 = 950/27 = 35.1851851852
# room-to-act: act_1, act_2, act_3
#   counts when at least 3/2 = 1.5 of its 3 items are answered
#   lc-01: 4, 3, 4 -> (4 + 3 + 4) / 3 = 11/3
#   lc-02: 5, 4, 4 -> (5 + 4 + 4) / 3 = 13/3
#   lc-03: 3, 2, 3 -> (3 + 2 + 3) / 3 = 8/3
#   lc-04: 4, 3, - -> (4 + 3) / 2 = 7/2
#   lc-05: 2, 2, 3 -> (2 + 2 + 3) / 3 = 7/3
#   lc-06: 4, -, - -> 1 of 3 answered: left out
#   lc-07: 3, 3, 4 -> (3 + 3 + 4) / 3 = 10/3
#   lc-08: 5, 5, 4 -> (5 + 5 + 4) / 3 = 14/3
#   lc-09: 3, 3, 3 -> (3 + 3 + 3) / 3 = 3
#   lc-10: 5, 4, 5 -> (5 + 4 + 5) / 3 = 14/3
#   score = (11/3 + 13/3 + 8/3 + 7/2 + 7/3 + 10/3 + 14/3 + 3 + 14/3) / 9 = 193/54 = 3.5740740741
#   score_100 = (193/54 - 1) / (6 - 1) * 100 = 1390/27 = 51.4814814815
# looking-outward: outward_1, outward_2, outward_3
#   counts when at least 3/2 = 1.5 of its 3 items are answered
#   lc-01: 3, 4, 4 -> (3 + 4 + 4) / 3 = 11/3
#   lc-02: 4, 4, 5 -> (4 + 4 + 5) / 3 = 13/3
#   lc-03: 9 (not applicable), 3, dk -> 1 of 3 answered: left out
#   lc-04: 2, 4, 3 -> (2 + 4 + 3) / 3 = 3
#   lc-05: 9 (not applicable), 3, 9 (not applicable) -> 1 of 3 answered: left out
#   lc-06: 3, 3, dk -> (3 + 3) / 2 = 3
#   lc-07: 4, 5, 4 -> (4 + 5 + 4) / 3 = 13/3
#   lc-08: 5, 4, 5 -> (5 + 4 + 5) / 3 = 14/3
#   lc-09: 3, 4, dk -> (3 + 4) / 2 = 7/2
#   lc-10: 4, 5, 4 -> (4 + 5 + 4) / 3 = 13/3
#   score = (11/3 + 13/3 + 3 + 3 + 13/3 + 14/3 + 7/2 + 13/3) / 8 = 185/48 = 3.8541666667
#   score_100 = (185/48 - 1) / (6 - 1) * 100 = 685/12 = 57.0833333333
# leaders-who-foster-learning: lead_1, lead_2, lead_3 (reversed), lead_4
#   counts when at least 4/2 = 2 of its 4 items are answered
#   lc-01: 4, 5, 7-2=5, 4 -> (4 + 5 + 5 + 4) / 4 = 9/2
#   lc-02: 5, 5, 7-2=5, 5 -> (5 + 5 + 5 + 5) / 4 = 5
#   lc-03: 3, 3, 7-4=3, 3 -> (3 + 3 + 3 + 3) / 4 = 3
#   lc-04: 3, 4, 7-3=4, 4 -> (3 + 4 + 4 + 4) / 4 = 15/4
#   lc-05: 2, 2, 7-5=2, 3 -> (2 + 2 + 2 + 3) / 4 = 9/4
#   lc-06: 4, 4, 7-3=4, 4 -> (4 + 4 + 4 + 4) / 4 = 4
#   lc-07: 4, 3, 7-3=4, 4 -> (4 + 3 + 4 + 4) / 4 = 15/4
#   lc-08: 5, 6, 7-1=6, 5 -> (5 + 6 + 6 + 5) / 4 = 11/2
#   lc-09: -, 3, -, - -> 1 of 4 answered: left out
#   lc-10: 5, 5, 7-2=5, 6 -> (5 + 5 + 5 + 6) / 4 = 21/4
#   score = (9/2 + 5 + 3 + 15/4 + 9/4 + 4 + 15/4 + 11/2 + 21/4) / 9 = 37/9 = 4.1111111111
#   score_100 = (37/9 - 1) / (6 - 1) * 100 = 560/9 = 62.2222222222
# overall score_100 = (1780/27 + 1580/27 + 60 + 950/27 + 1390/27 + 685/12 +
#       560/9) / 7 = 4685/84 = 55.7738095238
EXPECTED_CLIMATE = {
    "dimensions": {
        "learning-in-work": {"n": 9, "score": 116 / 27, "score_100": 1780 / 27},
        "asking-and-listening": {"n": 9, "score": 106 / 27, "score_100": 1580 / 27},
        "learning-as-a-team": {"n": 9, "score": 4.0, "score_100": 60.0},
        "keeping-what-we-learn": {"n": 9, "score": 149 / 54, "score_100": 950 / 27},
        "room-to-act": {"n": 9, "score": 193 / 54, "score_100": 1390 / 27},
        "looking-outward": {"n": 8, "score": 185 / 48, "score_100": 685 / 12},
        "leaders-who-foster-learning": {"n": 9, "score": 37 / 9, "score_100": 560 / 9},
    },
    "overall_100": 4685 / 84,
}

# --- learning-organisation-blocks-responses.csv (separated by semicolons), by hand --------------
# Eight respondents (lo-101 ... lo-108); scale 1 (strongly disagree) to 7 (strongly agree),
# 0 = don't know. try_1 weighs 2 in trying-things-out; safe-to-speak weighs 2 in the overall score.
# lo-106 answered try_1 (weight 2) alone in trying-things-out: 1 of 3 items, so they don't count.
# safe-to-speak: safe_1, safe_2 (reversed), safe_3 (reversed)
#   counts when at least 3/2 = 1.5 of its 3 items are answered
#   lo-101: 6, 8-2=6, 8-3=5 -> (6 + 6 + 5) / 3 = 17/3
#   lo-102: 6, 8-2=6, 8-2=6 -> (6 + 6 + 6) / 3 = 6
#   lo-103: 4, 8-4=4, 8-5=3 -> (4 + 4 + 3) / 3 = 11/3
#   lo-104: 5, 8-3=5, 8-3=5 -> (5 + 5 + 5) / 3 = 5
#   lo-105: 3, 8-5=3, 8-6=2 -> (3 + 3 + 2) / 3 = 8/3
#   lo-106: 5, 8-3=5, 8-4=4 -> (5 + 5 + 4) / 3 = 14/3
#   lo-107: 6, 8-2=6, 8-3=5 -> (6 + 6 + 5) / 3 = 17/3
#   lo-108: 7, 8-1=7, 8-2=6 -> (7 + 7 + 6) / 3 = 20/3
#   score = (17/3 + 6 + 11/3 + 5 + 8/3 + 14/3 + 17/3 + 20/3) / 8 = 5
#   score_100 = (5 - 1) / (7 - 1) * 100 = 200/3 = 66.6666666667
# room-for-other-views: views_1, views_2, views_3 (reversed)
#   counts when at least 3/2 = 1.5 of its 3 items are answered
#   lo-101: 6, 6, 8-2=6 -> (6 + 6 + 6) / 3 = 6
#   lo-102: 6, 7, 8-2=6 -> (6 + 7 + 6) / 3 = 19/3
#   lo-103: 5, 5, 8-3=5 -> (5 + 5 + 5) / 3 = 5
#   lo-104: 5, 0 (don't know), 8-3=5 -> (5 + 5) / 2 = 5
#   lo-105: 4, 4, 8-5=3 -> (4 + 4 + 3) / 3 = 11/3
#   lo-106: -, -, 8-3=5 -> 1 of 3 answered: left out
#   lo-107: 6, 5, 8-2=6 -> (6 + 5 + 6) / 3 = 17/3
#   lo-108: 6, 6, 8-1=7 -> (6 + 6 + 7) / 3 = 19/3
#   score = (6 + 19/3 + 5 + 5 + 11/3 + 17/3 + 19/3) / 7 = 38/7 = 5.4285714286
#   score_100 = (38/7 - 1) / (7 - 1) * 100 = 1550/21 = 73.8095238095
# time-to-reflect: reflect_1, reflect_2 (reversed), reflect_3
#   counts when at least 3/2 = 1.5 of its 3 items are answered
#   lo-101: 4, 8-5=3, 4 -> (4 + 3 + 4) / 3 = 11/3
#   lo-102: 5, 8-4=4, 5 -> (5 + 4 + 5) / 3 = 14/3
#   lo-103: 3, 8-6=2, 3 -> (3 + 2 + 3) / 3 = 8/3
#   lo-104: 3, 8-6=2, - -> (3 + 2) / 2 = 5/2
#   lo-105: 2, 8-7=1, 2 -> (2 + 1 + 2) / 3 = 5/3
#   lo-106: 0 (don't know), 0 (don't know), 4 -> 1 of 3 answered: left out
#   lo-107: 4, 8-5=3, 4 -> (4 + 3 + 4) / 3 = 11/3
#   lo-108: 5, 8-3=5, 5 -> (5 + 5 + 5) / 3 = 5
#   score = (11/3 + 14/3 + 8/3 + 5/2 + 5/3 + 11/3 + 5) / 7 = 143/42 = 3.4047619048
#   score_100 = (143/42 - 1) / (7 - 1) * 100 = 2525/63 = 40.0793650794
# trying-things-out: try_1 (weight 2), try_2, try_3 (reversed)
#   counts when at least 3/2 = 1.5 of its 3 items are answered
#   lo-101: 5, 4, 8-3=5 -> (2*5 + 4 + 5) / (2 + 1 + 1) = 19/4
#   lo-102: 6, 5, 8-2=6 -> (2*6 + 5 + 6) / (2 + 1 + 1) = 23/4
#   lo-103: 4, 3, 8-4=4 -> (2*4 + 3 + 4) / (2 + 1 + 1) = 15/4
#   lo-104: 0 (don't know), 3, 8-5=3 -> (3 + 3) / 2 = 3
#   lo-105: 3, 2, 8-5=3 -> (2*3 + 2 + 3) / (2 + 1 + 1) = 11/4
#   lo-106: 5, -, - -> 1 of 3 answered: left out
#   lo-107: 5, 5, 8-3=5 -> (2*5 + 5 + 5) / (2 + 1 + 1) = 20/4 = 5
#   lo-108: 6, -, 8-2=6 -> (2*6 + 6) / (2 + 1) = 18/3 = 6
#   score = (19/4 + 23/4 + 15/4 + 3 + 11/4 + 5 + 6) / 7 = 31/7 = 4.4285714286
#   score_100 = (31/7 - 1) / (7 - 1) * 100 = 400/7 = 57.1428571429
# gathering-and-interpreting: info_1, info_2, info_3 (reversed)
#   counts when at least 3/2 = 1.5 of its 3 items are answered
#   lo-101: 6, 5, 8-2=6 -> (6 + 5 + 6) / 3 = 17/3
#   lo-102: 6, 6, 8-2=6 -> (6 + 6 + 6) / 3 = 6
#   lo-103: 5, 4, 8-4=4 -> (5 + 4 + 4) / 3 = 13/3
#   lo-104: 5, 4, 8-3=5 -> (5 + 4 + 5) / 3 = 14/3
#   lo-105: 4, 3, 8-5=3 -> (4 + 3 + 3) / 3 = 10/3
#   lo-106: 0 (don't know), 0 (don't know), 0 (don't know) -> 0 of 3 answered: left out
#   lo-107: 6, 5, 8-3=5 -> (6 + 5 + 5) / 3 = 16/3
#   lo-108: 6, 6, 8-2=6 -> (6 + 6 + 6) / 3 = 6
#   score = (17/3 + 6 + 13/3 + 14/3 + 10/3 + 16/3 + 6) / 7 = 106/21 = 5.0476190476
#   score_100 = (106/21 - 1) / (7 - 1) * 100 = 4250/63 = 67.4603174603
# passing-knowledge-on: share_1, share_2, share_3 (reversed), share_4
#   counts when at least 4/2 = 2 of its 4 items are answered
#   lo-101: 4, 5, 8-5=3, 4 -> (4 + 5 + 3 + 4) / 4 = 4
#   lo-102: 5, 6, 8-4=4, 5 -> (5 + 6 + 4 + 5) / 4 = 5
#   lo-103: 3, 5, 8-6=2, 3 -> (3 + 5 + 2 + 3) / 4 = 13/4
#   lo-104: 3, -, 8-5=3, 0 (don't know) -> (3 + 3) / 2 = 3
#   lo-105: 2, 3, 8-6=2, 2 -> (2 + 3 + 2 + 2) / 4 = 9/4
#   lo-106: 4, -, -, - -> 1 of 4 answered: left out
#   lo-107: 4, 5, 8-4=4, 4 -> (4 + 5 + 4 + 4) / 4 = 17/4
#   lo-108: 5, 6, 8-3=5, - -> (5 + 6 + 5) / 3 = 16/3
#   score = (4 + 5 + 13/4 + 3 + 9/4 + 17/4 + 16/3) / 7 = 325/84 = 3.869047619
#   score_100 = (325/84 - 1) / (7 - 1) * 100 = 6025/126 = 47.8174603175
# leaders-who-ask: ask_1, ask_2, ask_3 (reversed)
#   counts when at least 3/2 = 1.5 of its 3 items are answered
#   lo-101: 6, 6, 8-2=6 -> (6 + 6 + 6) / 3 = 6
#   lo-102: 7, 6, 8-1=7 -> (7 + 6 + 7) / 3 = 20/3
#   lo-103: 4, 4, 8-5=3 -> (4 + 4 + 3) / 3 = 11/3
#   lo-104: 5, 5, 8-3=5 -> (5 + 5 + 5) / 3 = 5
#   lo-105: 3, 3, 8-6=2 -> (3 + 3 + 2) / 3 = 8/3
#   lo-106: 5, 4, - -> (5 + 4) / 2 = 9/2
#   lo-107: 5, 5, 8-3=5 -> (5 + 5 + 5) / 3 = 5
#   lo-108: 6, 6, 8-2=6 -> (6 + 6 + 6) / 3 = 6
#   score = (6 + 20/3 + 11/3 + 5 + 8/3 + 9/2 + 5 + 6) / 8 = 79/16 = 4.9375
#   score_100 = (79/16 - 1) / (7 - 1) * 100 = 525/8 = 65.625
# leaders-who-make-room: room_1, room_2, room_3 (reversed)
#   counts when at least 3/2 = 1.5 of its 3 items are answered
#   lo-101: 5, 5, 8-2=6 -> (5 + 5 + 6) / 3 = 16/3
#   lo-102: 6, 6, 8-1=7 -> (6 + 6 + 7) / 3 = 19/3
#   lo-103: 3, 4, 8-5=3 -> (3 + 4 + 3) / 3 = 10/3
#   lo-104: 4, 4, 8-4=4 -> (4 + 4 + 4) / 3 = 4
#   lo-105: 2, 3, 8-6=2 -> (2 + 3 + 2) / 3 = 7/3
#   lo-106: 0 (don't know), -, 8-3=5 -> 1 of 3 answered: left out
#   lo-107: 5, 4, 8-3=5 -> (5 + 4 + 5) / 3 = 14/3
#   lo-108: 6, 5, 8-2=6 -> (6 + 5 + 6) / 3 = 17/3
#   score = (16/3 + 19/3 + 10/3 + 4 + 7/3 + 14/3 + 17/3) / 7 = 95/21 = 4.5238095238
#   score_100 = (95/21 - 1) / (7 - 1) * 100 = 3700/63 = 58.7301587302
# block supportive-environment = (200/3 + 1550/21 + 2525/63) / 3 = 1625/27 = 60.1851851852
# block learning-practices = (400/7 + 4250/63 + 6025/126) / 3 = 21725/378 = 57.4735449735
# block reinforcing-leadership = (525/8 + 3700/63) / 2 = 62675/1008 = 62.1775793651
# overall score_100 = (2*200/3 + 1550/21 + 2525/63 + 400/7 + 4250/63 + 6025/126 + 525/8 +
#       3700/63) / 9 = 274175/4536 = 60.4442239859
EXPECTED_BLOCKS = {
    "dimensions": {
        "safe-to-speak": {"n": 8, "score": 5.0, "score_100": 200 / 3},
        "room-for-other-views": {"n": 7, "score": 38 / 7, "score_100": 1550 / 21},
        "time-to-reflect": {"n": 7, "score": 143 / 42, "score_100": 2525 / 63},
        "trying-things-out": {"n": 7, "score": 31 / 7, "score_100": 400 / 7},
        "gathering-and-interpreting": {"n": 7, "score": 106 / 21, "score_100": 4250 / 63},
        "passing-knowledge-on": {"n": 7, "score": 325 / 84, "score_100": 6025 / 126},
        "leaders-who-ask": {"n": 8, "score": 79 / 16, "score_100": 525 / 8},
        "leaders-who-make-room": {"n": 7, "score": 95 / 21, "score_100": 3700 / 63},
    },
    "blocks": {
        "supportive-environment": 1625 / 27,
        "learning-practices": 21725 / 378,
        "reinforcing-leadership": 62675 / 1008,
    },
    "overall_100": 274175 / 4536,
}


# --- the framework files ----------------------------------------------------------------------


def test_the_frequency_example_asks_seven_custom_dimensions_on_a_six_point_scale() -> None:
    framework = load_framework(CLIMATE)

    assert framework.code == "learning-climate-frequency"
    assert framework.languages == ("en", "nl")
    scale = framework.scale("often6")
    assert scale is not None
    assert [point.value for point in scale.ordinal] == [1, 2, 3, 4, 5, 6]
    assert (scale.ordinal[0].label, scale.ordinal[-1].label) == (
        {"en": "Almost never", "nl": "Bijna nooit"},
        {"en": "Almost always", "nl": "Bijna altijd"},
    )
    assert [(p.value, p.label["en"]) for p in scale.points if p.missing] == [(9, "Not applicable")]
    assert [d.code for d in framework.dimensions] == list(EXPECTED_CLIMATE["dimensions"])
    assert {d.kind for d in framework.dimensions} == {"custom"}
    assert [len(d.items) for d in framework.dimensions] == [4, 3, 3, 4, 3, 3, 4]
    assert {(item.response, item.scale) for item in framework.items} == {("scale", "often6")}
    assert [item.code for item in framework.items if item.reverse] == [
        "work_3",
        "dialogue_3",
        "keep_3",
        "lead_3",
    ]
    assert [item.code for item in framework.items if item.dont_know] == [
        "keep_2",
        "keep_4",
        "outward_3",
    ]
    assert [d.code for d in framework.dimensions if d.needs_owner] == [
        "keeping-what-we-learn",
        "room-to-act",
        "leaders-who-foster-learning",
    ]
    assert [question.code for question in framework.questions] == ["one_example"]
    assert framework.blocks == ()
    assert framework.norms == ()


def test_the_blocks_example_groups_eight_sub_scales_into_three_building_blocks() -> None:
    framework = load_framework(BLOCKS)

    assert framework.code == "learning-organisation-blocks"
    assert framework.languages == ("en", "nl")
    scale = framework.scale("agree7")
    assert scale is not None
    assert [point.value for point in scale.ordinal] == [1, 2, 3, 4, 5, 6, 7]
    assert (scale.ordinal[0].label["en"], scale.ordinal[-1].label["en"]) == (
        "Strongly disagree",
        "Strongly agree",
    )
    assert [(p.value, p.label) for p in scale.points if p.missing] == [
        (0, {"en": "Don't know", "nl": "Weet ik niet"})
    ]
    assert {block.code: block.dimension_codes for block in framework.blocks} == {
        "supportive-environment": ("safe-to-speak", "room-for-other-views", "time-to-reflect"),
        "learning-practices": (
            "trying-things-out",
            "gathering-and-interpreting",
            "passing-knowledge-on",
        ),
        "reinforcing-leadership": ("leaders-who-ask", "leaders-who-make-room"),
    }
    assert {d.block_code for d in framework.dimensions} == set(EXPECTED_BLOCKS["blocks"])
    assert all(len(d.items) >= 3 and d.kind == "custom" for d in framework.dimensions)
    assert {(item.response, item.scale) for item in framework.items} == {("scale", "agree7")}
    assert len([item for item in framework.items if item.reverse]) == 9
    assert {item.code: item.weight for item in framework.items if item.weight != 1} == {"try_1": 2}
    assert {d.code: d.weight for d in framework.dimensions if d.weight != 1} == {"safe-to-speak": 2}


def test_the_blocks_example_carries_illustrative_norms_for_every_sub_scale() -> None:
    framework = load_framework(BLOCKS)

    (norms,) = framework.norms
    assert (norms.source, norms.year) == ("Illustrative reference sample (example figures)", 2025)
    assert [value.dimension_code for value in norms.values] == [
        d.code for d in framework.dimensions
    ]
    for value in norms.values:
        assert 1 <= value.first_quartile <= value.median <= value.third_quartile <= 7
    assert {value.n for value in norms.values} == {480}


@pytest.mark.django_db
def test_both_examples_import_with_the_command_and_a_second_run_changes_nothing() -> None:
    out = StringIO()
    call_command("import_framework", str(CLIMATE), str(BLOCKS), stdout=out)
    again = StringIO()
    call_command("import_framework", str(CLIMATE), str(BLOCKS), stdout=again)

    assert out.getvalue().splitlines() == [
        "imported learning-climate-frequency v1",
        "imported learning-organisation-blocks v1",
    ]
    assert again.getvalue().splitlines() == [
        "unchanged: learning-climate-frequency v1 already stored",
        "unchanged: learning-organisation-blocks v1 already stored",
    ]
    climate = FrameworkVersion.objects.get(framework__code="learning-climate-frequency")
    assert climate.scale("often6").maximum == 6
    assert sorted(
        Dimension.objects.filter(version=climate, needs_owner=True).values_list("code", flat=True)
    ) == ["keeping-what-we-learn", "leaders-who-foster-learning", "room-to-act"]
    assert Item.objects.filter(version=climate).count() == 24
    assert all(len(levels) == 5 for levels in climate.dimensions.values_list("levels", flat=True))


@pytest.mark.django_db
def test_the_imported_blocks_example_stores_its_blocks_weights_and_norms() -> None:
    call_command("import_framework", str(BLOCKS), stdout=StringIO())
    version = FrameworkVersion.objects.get(framework__code="learning-organisation-blocks")

    blocks = {
        block.code: sorted(block.dimensions.values_list("code", flat=True))
        for block in Block.objects.filter(version=version)
    }
    assert blocks == {
        block.code: sorted(block.dimension_codes) for block in load_framework(BLOCKS).blocks
    }
    assert Dimension.objects.get(version=version, code="safe-to-speak").weight == 2.0
    assert Item.objects.get(version=version, code="try_1").weight == 2.0
    assert Norm.objects.filter(version=version).count() == 8
    norm = Norm.objects.get(version=version, dimension__code="time-to-reflect")
    assert (norm.median, norm.first_quartile, norm.third_quartile, norm.year) == (
        3.7,
        3.0,
        4.7,
        2025,
    )


@pytest.mark.django_db
def test_the_example_codes_are_reserved_for_the_built_in_frameworks() -> None:
    organisation = OrganisationFactory()

    for code in ("learning-climate-frequency", "learning-organisation-blocks"):
        assert framework_code_problem(code=code, organisation=organisation, practice=None)
    assert (
        framework_code_problem(code="our-climate", organisation=organisation, practice=None) is None
    )


# --- the response files -----------------------------------------------------------------------


def read_responses(path: Path) -> tuple[str, list[dict[str, str]]]:
    """The separator a reader detects (comma or semicolon) and the rows of a response file."""
    text = path.read_text(encoding="utf-8")
    delimiter = csv.Sniffer().sniff(text.splitlines()[0], delimiters=",;").delimiter
    return delimiter, list(csv.DictReader(StringIO(text), delimiter=delimiter))


@pytest.mark.parametrize(
    ("framework_path", "responses_path", "delimiter"),
    [(CLIMATE, CLIMATE_RESPONSES, ","), (BLOCKS, BLOCKS_RESPONSES, ";")],
    ids=["climate", "blocks"],
)
def test_a_response_file_has_a_column_per_item_and_only_cells_its_scale_allows(
    framework_path: Path, responses_path: Path, delimiter: str
) -> None:
    framework = load_framework(framework_path)
    found, rows = read_responses(responses_path)

    assert found == delimiter
    assert list(rows[0]) == [
        "respondent",
        "group",
        "language",
        *(item.code for item in framework.items),
        *(question.code for question in framework.questions),
    ]
    assert 8 <= len(rows) <= 12
    assert len({row["respondent"] for row in rows}) == len(rows)
    assert {row["group"] for row in rows} <= set(RespondentGroup.values)
    assert {row["language"] for row in rows} == set(framework.languages)
    cells = []
    for item in framework.items:
        points = {str(point.value) for point in framework.scale(item.scale).points}
        allowed = points | {""} | ({"dk"} if item.dont_know else set())
        column = [row[item.code] for row in rows]
        assert set(column) <= allowed, item.code
        cells += column
    assert "" in cells
    missing = {str(p.value) for s in framework.scales for p in s.points if p.missing}
    assert missing & set(cells)


def test_the_frequency_response_file_uses_dont_know_and_not_applicable_and_has_free_text() -> None:
    _, rows = read_responses(CLIMATE_RESPONSES)

    assert [row["respondent"] for row in rows if row["keep_2"] == "dk"] == [
        "lc-03",
        "lc-04",
        "lc-06",
        "lc-09",
    ]
    assert [row["respondent"] for row in rows if "9" in (row["team_1"], row["outward_1"])] == [
        "lc-03",
        "lc-05",
        "lc-06",
    ]
    answers = [row["one_example"] for row in rows if row["one_example"]]
    assert len(answers) == 7
    assert "After the audit, we rewrote the intake checklist" in answers[0]


def flat(scores: dict, prefix: str = "") -> dict:
    """Nested scores as one flat mapping ("dimensions.room-to-act.n": 9), for pytest.approx."""
    found = {}
    for key, value in scores.items():
        if isinstance(value, dict):
            found |= flat(value, f"{prefix}{key}.")
        else:
            found[f"{prefix}{key}"] = value
    return found


def hand_check(framework: ParsedFramework, rows: list[dict[str, str]]) -> dict:
    """The rules of the module docstring in plain Python, straight from the cells: a guard that
    the constants above still describe the response files (it is not the product's scoring)."""
    result: dict = {"dimensions": {}, "blocks": {}}
    for dimension in framework.dimensions:
        scale = framework.scale(dimension.items[0].scale)
        low, high = scale.minimum, scale.maximum
        scored = {str(point.value) for point in scale.ordinal}
        scores = []
        for row in rows:
            answered = [
                (
                    item.weight,
                    (low + high - int(row[item.code])) if item.reverse else int(row[item.code]),
                )
                for item in dimension.items
                if row[item.code] in scored
            ]
            if 2 * len(answered) >= len(dimension.items):
                scores.append(sum(w * v for w, v in answered) / sum(w for w, _ in answered))
        score = sum(scores) / len(scores)
        result["dimensions"][dimension.code] = {
            "n": len(scores),
            "score": score,
            "score_100": (score - low) / (high - low) * 100,
        }
    by_code = result["dimensions"]
    for block in framework.blocks:
        members = [by_code[code]["score_100"] for code in block.dimension_codes]
        result["blocks"][block.code] = sum(members) / len(members)
    weights = {d.code: d.weight for d in framework.dimensions}
    result["overall_100"] = sum(weights[c] * by_code[c]["score_100"] for c in by_code) / sum(
        weights.values()
    )
    return result


@pytest.mark.parametrize(
    ("framework_path", "responses_path", "expected"),
    [(CLIMATE, CLIMATE_RESPONSES, EXPECTED_CLIMATE), (BLOCKS, BLOCKS_RESPONSES, EXPECTED_BLOCKS)],
    ids=["climate", "blocks"],
)
def test_the_hand_computed_scores_still_describe_the_response_files(
    framework_path: Path, responses_path: Path, expected: dict
) -> None:
    checked = hand_check(load_framework(framework_path), read_responses(responses_path)[1])

    assert flat(checked) == pytest.approx(flat({"blocks": {}, **expected}), abs=1e-9)


# --- end to end: import the response file, compare the product's scores with the hand's ------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("framework_path", "responses_path", "expected"),
    [(CLIMATE, CLIMATE_RESPONSES, EXPECTED_CLIMATE), (BLOCKS, BLOCKS_RESPONSES, EXPECTED_BLOCKS)],
    ids=["climate", "blocks"],
)
def test_imported_responses_score_exactly_as_computed_by_hand(
    framework_path: Path, responses_path: Path, expected: dict
) -> None:
    organisation = OrganisationFactory()
    code = load_framework(framework_path).code
    call_command("import_framework", str(framework_path), stdout=StringIO())
    call_command(
        "import_responses",
        "--org",
        organisation.slug,
        "--framework",
        code,
        "--round",
        "Imported",
        str(responses_path),
        stdout=StringIO(),
    )
    assessment = Assessment.objects.get(organisation=organisation, title="Imported")
    frames = assessment_frames(assessment)

    respondents = scoring.respondent_scores(frames.answers, frames.scored_items)
    aggregated = scoring.aggregate_scores(respondents).set_index("dimension")
    found = {
        code: {"n": int(row.n), "score": row.score, "score_100": row.score_100}
        for code, row in aggregated.iterrows()
    }
    assert flat(found) == pytest.approx(flat(expected["dimensions"]), abs=1e-9)
    blocks = scoring.block_scores(aggregated.reset_index(), frames.dimensions)
    assert dict(zip(blocks["block"], blocks["score_100"], strict=True)) == pytest.approx(
        expected.get("blocks", {}), abs=1e-9
    )
    overall = scoring.overall_score(aggregated.reset_index(), frames.dimensions)
    assert overall.score_100 == pytest.approx(expected["overall_100"], abs=1e-9)
