"""What anonymity means here: the one place the reporting rules of a round are decided.

Every round has a reporting minimum k (`Assessment.anonymity_threshold`, never below
`MIN_ANONYMITY_THRESHOLD`). The rules, applied wherever results go (pages, charts, the
snapshot, the PDF, XLSX and CSV):

- **Round.** Until at least k responses count, nothing of the round is shown, quoted or
  exported: no score, no chart, no quote, no row of answers. Pages say how many more responses
  are needed (`Disclosure.message`).
- **Groups.** A group's figures are shown, and a quote is labelled with its group, only when
  the group holds at least k of the counted responses, and the hidden groups together hold at
  least k as well, so a small group cannot be worked out from the total by subtraction. This is
  exactly the suppression of `maturity.scoring.group_scores`, with ``min_group_size`` = k.
- **Who.** Only in a round created as *named* may the owner see who has submitted (and quotes
  carry names). In an anonymous round owners see counts, and reminders go to those who have not
  submitted without the owner learning who they are.
- **Row-level exports** carry pseudonyms drawn at random for each export (`Pseudonyms`), so two
  exports cannot be linked to each other, and carry a group only where the group rule allows.

``docs/permissions.md`` ("What anonymity means here") states the same for people, and the
questionnaire's promise (`PROMISE_ANONYMOUS` / `PROMISE_NAMED`) repeats it word for word.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, replace

import pandas as pd
from django.utils.translation import gettext_lazy, ngettext

from maturity import scoring

from .models import MIN_ANONYMITY_THRESHOLD, Assessment

# The questionnaire's promise; docs/permissions.md quotes these sentences (a test checks it).
PROMISE_ANONYMOUS = gettext_lazy(
    "This round is anonymous: nobody in your organisation can see whether you have answered or "
    "which answers are yours. Results are shown only once at least %(k)s people have submitted, "
    "and a group's results only when that group has at least %(k)s; written answers are quoted "
    "under a number, without your name."
)
PROMISE_NAMED = gettext_lazy(
    "This round is named: the people who run it can see whether you have submitted, and your "
    "written answers are quoted with your name. Scores are shown only as averages, once at "
    "least %(k)s people have submitted, and a group's scores only when that group has at least "
    "%(k)s."
)


def threshold(assessment: Assessment) -> int:
    """The round's reporting minimum k (never below the product's minimum)."""
    return max(MIN_ANONYMITY_THRESHOLD, int(assessment.anonymity_threshold or 0))


def promise(assessment: Assessment) -> str:
    """What the questionnaire promises respondents of this round."""
    text = PROMISE_ANONYMOUS if assessment.anonymous else PROMISE_NAMED
    return str(text) % {"k": threshold(assessment)}


def needed_message(needed: int) -> str:
    return ngettext(
        "%(n)s more response is needed before results are shown.",
        "%(n)s more responses are needed before results are shown.",
        needed,
    ) % {"n": needed}


@dataclass(frozen=True)
class Disclosure:
    """Whether a round's results may be shown: k, how many responses count, how many more."""

    threshold: int
    counted: int
    anonymous: bool = True

    @property
    def shown(self) -> bool:
        return self.counted >= self.threshold

    @property
    def withheld(self) -> bool:
        return not self.shown

    @property
    def needed(self) -> int:
        return max(0, self.threshold - self.counted)

    @property
    def message(self) -> str:
        return needed_message(self.needed) if self.withheld else ""

    def as_dict(self) -> dict:
        return {
            "threshold": self.threshold,
            "counted": self.counted,
            "needed": self.needed,
            "shown": self.shown,
            "anonymous": self.anonymous,
        }


def disclosure(assessment: Assessment, counted: int) -> Disclosure:
    """The rule for ``assessment`` when ``counted`` responses count."""
    return Disclosure(threshold(assessment), int(counted), bool(assessment.anonymous))


def round_disclosure(assessment: Assessment) -> Disclosure:
    """The rule for ``assessment`` as its submitted responses stand now (one query)."""
    counted = assessment.respondents.filter(submitted_at__isnull=False).count()
    return disclosure(assessment, counted)


def message_of(data: dict | None) -> str:
    """The "n more responses are needed" sentence of a stored `Disclosure.as_dict` ("" when
    the round is shown or there is none)."""
    if not data or data.get("shown", True):
        return ""
    return needed_message(int(data.get("needed", 0)))


def shown_groups(people: pd.DataFrame, k: int) -> frozenset[str]:
    """The groups of ``people`` (respondent, group: the counted respondents) whose figures and
    labels may be shown: `maturity.scoring.group_scores` decides, with ``min_group_size`` = k,
    including the complementary suppression of the next smallest groups."""
    if people.empty:
        return frozenset()
    scores = pd.DataFrame(
        {
            "respondent": people["respondent"].to_numpy(),
            "dimension": "round",
            "score": 1.0,
            "score_100": 0.0,
        }
    )
    table = scoring.group_scores(scores, people[["respondent", "group"]], min_group_size=k)
    return frozenset(table.loc[~table["suppressed"].astype(bool), "group"])


def group_labels(people: pd.DataFrame, k: int, labels) -> list[str]:
    """One label per row of ``people``: its group's label where the group may be shown, else ""."""
    shown = shown_groups(people, k)
    return [labels(group) if group in shown else "" for group in people["group"]]


class Pseudonyms:
    """Pseudonyms for one export: a fresh random key per instance, so the same respondent keeps
    one pseudonym within an export and gets an unrelated one in the next export."""

    def __init__(self, key: bytes | None = None):
        self._key = key or secrets.token_bytes(32)

    def of(self, respondent_id: int) -> str:
        digest = hmac.new(self._key, str(respondent_id).encode(), hashlib.sha256)
        return "R-" + digest.hexdigest()[:8].upper()

    def many(self, respondent_ids: Iterable[int]) -> list[str]:
        return [self.of(respondent_id) for respondent_id in respondent_ids]


def shown_counts(sizes: dict[str, int], k: int) -> frozenset[str]:
    """Groups of these sizes that may be shown on their own (the same rule as `shown_groups`)."""
    members = [group for group, size in sizes.items() for _ in range(size)]
    people = pd.DataFrame({"respondent": range(len(members)), "group": members})
    return shown_groups(people, k)


def pooled_rates(rates: list, k: int, label: str) -> list:
    """Response rates per group (`diagnosis.services.GroupRate`) for an anonymous round: groups
    that may not be shown on their own (fewer than k asked) are added up into one row, so a
    count never tells whether one particular person has submitted."""
    shown = shown_counts({rate.group: rate.asked for rate in rates if rate.asked}, k)
    hidden = [rate for rate in rates if rate.asked and rate.group not in shown]
    if not hidden:
        return rates
    pooled = replace(
        hidden[0],
        group="pooled",
        label=label,
        asked=sum(rate.asked for rate in hidden),
        submitted=sum(rate.submitted for rate in hidden),
        in_progress=sum(rate.in_progress for rate in hidden),
    )
    return [rate for rate in rates if rate not in hidden] + [pooled]


def link_status(respondent, now) -> str:
    """A respondent's invitation as an owner of an anonymous round may see it: whether the link
    was sent, withdrawn or expired, never whether they started or submitted. An imported response
    had no link: it says so, which every imported respondent shares."""
    if respondent.is_imported:
        return "imported"
    if respondent.revoked_at:
        return "revoked"
    if (
        respondent.person.user_id is None
        and respondent.token_expires_at
        and (respondent.token_expires_at <= now)
    ):
        return "expired"
    if respondent.person.user_id is not None:
        return "member"
    return "invited" if respondent.invited_at else "not_sent"
