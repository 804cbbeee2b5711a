"""Suggestions for the weakest dimensions of the diagnosis: library policies not yet adopted
and action ideas that strengthen them. Pure, like `actions.coherence`, which uses it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class SuggestionSource:
    """A library policy or an action idea, with the dimensions it strengthens."""

    code: str
    title: str
    dimension_codes: tuple[str, ...]


@dataclass(frozen=True)
class Suggestion:
    dimension: str
    dimension_name: str
    policies: tuple[SuggestionSource, ...]
    ideas: tuple[SuggestionSource, ...]


def suggestions(
    weakest: Sequence[str],
    library: Sequence[SuggestionSource],
    ideas: Sequence[SuggestionSource],
    *,
    adopted: Iterable[str] = (),
    names: Mapping[str, str] | None = None,
    per_dimension: int = 2,
) -> tuple[Suggestion, ...]:
    """For each weak dimension (weakest first): library policies not yet adopted and action
    ideas that strengthen it, at most `per_dimension` of each, in library order."""
    adopted = set(adopted)
    names = names or {}
    out = []
    for dimension in weakest:
        policies = [
            entry
            for entry in library
            if dimension in entry.dimension_codes and entry.code not in adopted
        ]
        matching_ideas = [idea for idea in ideas if dimension in idea.dimension_codes]
        if policies or matching_ideas:
            out.append(
                Suggestion(
                    dimension,
                    names.get(dimension, dimension),
                    tuple(policies[:per_dimension]),
                    tuple(matching_ideas[:per_dimension]),
                )
            )
    return tuple(out)
