"""The built-in answer scales: ``likert5`` (agreement) and ``level5`` (the level that fits).

A framework file may declare scales of its own (2 to 11 ordinal points, labelled in every
language, optionally with points that count as "don't know" or "not applicable") and may
redeclare ``likert5`` to change its words. Plain Python: no Django imports.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Final

Text = dict[str, str]
"""Translated text: language code -> text. Always has "en" and every declared language."""


@dataclass(frozen=True)
class ScalePoint:
    value: int
    label: Text
    missing: bool = False  # "don't know" / "not applicable": offered, never scored


@dataclass(frozen=True)
class Scale:
    """A named answer scale: its points in order; the ordinal ones are consecutive whole numbers."""

    code: str
    name: Text
    points: tuple[ScalePoint, ...]

    @property
    def ordinal(self) -> tuple[ScalePoint, ...]:
        return tuple(point for point in self.points if not point.missing)

    @property
    def minimum(self) -> int:
        return min(point.value for point in self.ordinal)

    @property
    def maximum(self) -> int:
        return max(point.value for point in self.ordinal)


LIKERT5: Final = Scale(
    code="likert5",
    name={"en": "Agreement", "nl": "Mate van instemming"},
    points=(
        ScalePoint(1, {"en": "Strongly disagree", "nl": "Helemaal oneens"}),
        ScalePoint(2, {"en": "Disagree", "nl": "Oneens"}),
        ScalePoint(3, {"en": "Neither agree nor disagree", "nl": "Niet eens, niet oneens"}),
        ScalePoint(4, {"en": "Agree", "nl": "Eens"}),
        ScalePoint(5, {"en": "Strongly agree", "nl": "Helemaal eens"}),
    ),
)
LEVEL5: Final = Scale(
    code="level5",
    name={"en": "Level that fits best", "nl": "Niveau dat het best past"},
    points=tuple(
        ScalePoint(level, {"en": f"Level {level}", "nl": f"Niveau {level}"})
        for level in range(1, 6)
    ),
)
BUILT_IN_SCALES: Final = {LIKERT5.code: LIKERT5, LEVEL5.code: LEVEL5}


def scale_as_dict(scale: Scale) -> dict[str, Any]:
    """``scale`` as plain JSON-ready data, as ``ParsedFramework.as_dict`` writes it."""
    return asdict(scale) | {"points": [asdict(point) for point in scale.points]}
