"""Why the scoring engine leaves a figure out, as codes: ``maturity.scoring`` and
``maturity.comparisons`` put them in their ``reason`` columns, and the pages translate each
code in one map (`diagnosis.result_values.note`). Plain Python: no Django imports.

A reason that carries a number is written ``code:n`` (``too_few_respondents:5``); build it with
:func:`reason` and read it with :func:`parse`, never by matching sentences.
"""

from __future__ import annotations

from typing import Final

RANDOM_SPREAD: Final = "random_spread"  # rwg(j): as much spread as random answering, or more
NO_SHARED_ITEM: Final = "no_shared_item"  # rwg(j): no item answered by two or more
TOO_FEW_RESPONDENTS: Final = "too_few_respondents"  # with n: the minimum
TOO_FEW_ITEMS: Final = "too_few_items"  # alpha: fewer than two items
TOO_FEW_COMPLETE: Final = "too_few_complete"  # alpha, with n: complete responses needed
NO_SPREAD: Final = "no_spread"  # alpha: everyone gave the same total
SMALLER_GROUP_HIDDEN: Final = "smaller_group_hidden"  # a group hidden so a smaller one is too
TOO_FEW_ORGANISATIONS: Final = "too_few_organisations"  # benchmark, with n: others needed

CODES: Final = frozenset(
    {
        RANDOM_SPREAD, NO_SHARED_ITEM, TOO_FEW_RESPONDENTS, TOO_FEW_ITEMS, TOO_FEW_COMPLETE,
        NO_SPREAD, SMALLER_GROUP_HIDDEN, TOO_FEW_ORGANISATIONS,
    }
)  # fmt: skip


def reason(code: str, n: int | None = None) -> str:
    """The reason ``code``, with its number ``n`` where it has one."""
    if code not in CODES:
        raise ValueError(f"Unknown reason code {code!r}")
    return code if n is None else f"{code}:{int(n)}"


def parse(text: str) -> tuple[str, int | None]:
    """(code, n) of a reason written by :func:`reason`."""
    code, _, number = text.partition(":")
    if code not in CODES:
        raise ValueError(f"Unknown reason {text!r}")
    return code, int(number) if number else None
