"""Filling the result shapes (`diagnosis.result_types`): plain numbers from pandas values, and
the translated words: the engine's reason codes (`maturity.reasons`) in one map, level and group
names, and the order groups are listed in."""

from __future__ import annotations

import pandas as pd
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy

from maturity import reasons
from maturity.models import default_level_label, translated
from maturity.scoring import UNASSIGNED_GROUP

from .models import RespondentGroup

GROUP_ORDER = [*RespondentGroup.values, UNASSIGNED_GROUP]
# Each reason code of the engine (`maturity.reasons`) in words: the one map.
_NOTES = {
    reasons.NO_SHARED_ITEM: gettext_lazy("No statement was answered by two or more respondents."),
    reasons.RANDOM_SPREAD: gettext_lazy("Answers are as scattered as random answering, or more."),
    reasons.TOO_FEW_ITEMS: gettext_lazy("The scale has fewer than two statements."),
    reasons.NO_SPREAD: gettext_lazy("Everyone gave the same total, so there is no spread."),
    reasons.SMALLER_GROUP_HIDDEN: gettext_lazy(
        "Hidden so that a smaller group cannot be worked out from the total."
    ),
}
_COUNTED_NOTES = {  # reasons with a number, n
    reasons.TOO_FEW_RESPONDENTS: ngettext_lazy(
        "Fewer than %(n)s respondent.", "Fewer than %(n)s respondents.", "n"
    ),
    reasons.TOO_FEW_COMPLETE: ngettext_lazy(
        "Fewer than %(n)s respondent answered every statement.",
        "Fewer than %(n)s respondents answered every statement.",
        "n",
    ),
    reasons.TOO_FEW_ORGANISATIONS: ngettext_lazy(
        "Fewer than %(n)s other organisation to compare with.",
        "Fewer than %(n)s other organisations to compare with.",
        "n",
    ),
}


def to_float(value) -> float | None:
    return None if pd.isna(value) else float(value)


def to_int(value) -> int | None:
    return None if pd.isna(value) else int(value)


def to_bool(value) -> bool | None:
    return None if pd.isna(value) else bool(value)


def note(reason) -> str:
    """The engine's reason code (`maturity.reasons`) as a translated sentence ("" for none)."""
    if reason is None or pd.isna(reason):
        return ""
    code, n = reasons.parse(reason)
    if code in _COUNTED_NOTES:
        return str(_COUNTED_NOTES[code] % {"n": n or 0})
    return str(_NOTES[code])


def level_label(labels: dict, level: int | None) -> str:
    """The framework's name for ``level``, else the product's default; "" without a level."""
    if level is None:
        return ""
    return translated(labels.get(str(level))) or default_level_label(level)


def group_label(group: str) -> str:
    if group == UNASSIGNED_GROUP:
        return _("No group")
    return str(RespondentGroup(group).label) if group in RespondentGroup.values else group
