"""The strategic context in the respondents' own words: every free-text answer, per question.

In an anonymous assessment respondents appear as "Respondent 1", "Respondent 2", ...: the
numbers follow a keyed hash of the respondent (keyed with the secret key and the assessment),
so they stay the same from one visit to the next but do not reveal the order in which people
were invited. In a named round respondents appear under their names.

The rules of `diagnosis.anonymity` hold in both kinds of round: below the round's reporting
minimum k nothing is quoted at all, and a quote is labelled with its group only when that group
may be shown (at least k of its respondents count, and the hidden groups hold at least k
together); otherwise a lone L&D team member, say, could be recognised by their group.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import pandas as pd
from django.conf import settings
from django.utils.translation import gettext as _
from pandas.util import hash_pandas_object

from maturity.models import translated

from . import anonymity, selectors
from .models import Assessment
from .result_values import GROUP_ORDER, group_label


@dataclass(frozen=True)
class Perspective:
    respondent: str  # name, or a pseudonym in an anonymous assessment
    group: str  # group label, or "" when the group is too small to name
    text: str


@dataclass(frozen=True)
class QuestionPerspectives:
    code: str
    text: str
    help: str
    perspectives: tuple[Perspective, ...]


def pseudonym_numbers(respondents: pd.DataFrame, assessment: Assessment) -> pd.Series:
    """1.. per respondent in keyed-hash order (index: respondent pk)."""
    if respondents.empty:
        return pd.Series(dtype="int64")
    seed = f"{settings.SECRET_KEY}:respondent-pseudonyms:{assessment.pk}".encode()
    key = hashlib.sha256(seed).hexdigest()[:16]
    ids = respondents["respondent"].astype(str).astype(object)
    hashes = hash_pandas_object(ids, index=False, hash_key=key)
    order = hashes.rank(method="first").astype("int64")
    return pd.Series(order.to_numpy(), index=respondents["respondent"].to_numpy())


def perspectives(
    assessment: Assessment, *, min_group_size: int | None = None, include_in_progress: bool = False
) -> list[QuestionPerspectives]:
    """Every question of the assessment's framework with each counted respondent's answer
    (three queries); no answer at all while fewer than the round's k respondents count."""
    k = max(anonymity.threshold(assessment), min_group_size or 0)
    everyone = selectors.respondents_frame(assessment)
    texts = selectors.text_answers_frame(assessment, include_in_progress=include_in_progress)
    questions = selectors.questions_frame([assessment.framework_version_id])
    people = selectors.counted(everyone, include_in_progress=include_in_progress).copy()
    if len(people) < k:
        texts = texts.iloc[0:0]
    people["group_label"] = anonymity.group_labels(people, k, group_label)
    people["number"] = people["respondent"].map(pseudonym_numbers(everyone, assessment))
    if assessment.anonymous:
        people["label"] = [_("Respondent %(n)s") % {"n": n} for n in people["number"]]
        people["order"] = people["number"]
    else:
        rank = people["group"].map({g: i for i, g in enumerate(GROUP_ORDER)})
        people = people.assign(label=people["name"], _rank=rank.fillna(len(GROUP_ORDER)))
        people = people.sort_values(["_rank", "label"], kind="stable")
        people["order"] = range(len(people))
    answers = texts.merge(people, on="respondent").sort_values(["question", "order"])
    by_question = {
        question: tuple(
            Perspective(row.label, row.group_label, row.text) for row in rows.itertuples()
        )
        for question, rows in answers.groupby("question", sort=False)
    }
    return [
        QuestionPerspectives(
            code=row.code,
            text=translated(row.text),
            help=translated(row.help),
            perspectives=by_question.get(row.question, ()),
        )
        for row in questions.itertuples()
    ]
