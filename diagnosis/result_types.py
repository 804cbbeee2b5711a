"""The plain-data shapes of diagnosis results (built by `diagnosis.results`).

Every value is a str, int, float, bool, None or a tuple of these shapes, so ``as_dict()`` is
JSON-serialisable (NaN never appears: a missing number is None) and ``from_dict()`` rebuilds the
object from a stored snapshot. Texts (names, level labels, notes) are in the language that was
active when the results were built; ``language`` records which.
"""

from __future__ import annotations

import types
from dataclasses import asdict, dataclass, fields, is_dataclass
from typing import Any, Self, Union, get_args, get_origin, get_type_hints

from django.utils.translation import gettext_lazy

from lndstrategy.numbers import rounded


class PlainData:
    """`as_dict` / `from_dict` for frozen dataclasses of plain data."""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)  # type: ignore[call-overload]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        return _build(cls, data)


def _build(kind: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = get_origin(kind)
    if origin in (Union, types.UnionType):
        inner = [arg for arg in get_args(kind) if arg is not type(None)]
        return _build(inner[0], value)
    if origin is tuple:
        inner = get_args(kind)[0]
        return tuple(_build(inner, entry) for entry in value)
    if isinstance(kind, type) and is_dataclass(kind):
        hints = get_type_hints(kind)
        given = [f for f in fields(kind) if f.name in value]  # missing: the field's default
        return kind(**{f.name: _build(hints[f.name], value[f.name]) for f in given})
    return value


def bar_width(score_100: float | None) -> int:
    """A 0..100 score as a whole percentage, for a progress bar's width class."""
    out = rounded(score_100, 0)
    return 0 if out is None else max(0, min(100, int(out)))


def whole(value: float | None) -> int | float | None:
    """A scale bound as shown ("7", not "7.0")."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


NORM_POSITION_LABELS = {
    "below": gettext_lazy("Below the first quartile"),
    "between": gettext_lazy("Between the first and third quartile"),
    "above": gettext_lazy("Above the third quartile"),
}


@dataclass(frozen=True)
class NormResult(PlainData):
    """A published norm of one dimension (its source's median and quartiles, on the dimension's
    scale) and where the organisation's score falls against it."""

    source: str
    year: int | None
    median: float
    q1: float
    q3: float
    n: int
    median_100: float | None  # the same on 0..100, for charts that mix scales
    q1_100: float | None
    q3_100: float | None
    position: str | None  # "below" q1, "between" q1 and q3, "above" q3; None without a score

    @property
    def label(self) -> str:
        """The source and its year, as every norm is labelled."""
        return f"{self.source} ({self.year})" if self.year else self.source

    @property
    def position_label(self) -> str:
        return str(NORM_POSITION_LABELS.get(self.position, "")) if self.position else ""


@dataclass(frozen=True)
class GroupScore(PlainData):
    group: str
    label: str
    n: int | None
    score: float | None
    score_100: float | None
    level: int | None
    level_label: str
    suppressed: bool
    note: str  # why it is suppressed; "" when shown

    @property
    def bar(self) -> int:
        return bar_width(self.score_100)


@dataclass(frozen=True)
class DimensionResult(PlainData):
    code: str
    kind: str
    name: str
    description: str
    n: int  # respondents whose score counts
    score: float | None  # mean on 1..5
    score_100: float | None
    level: int | None
    level_label: str
    level_descriptor: str
    sd: float | None
    rwg_j: float | None  # agreement among everyone counted
    no_agreement: bool | None
    agreement_note: str
    leadership_rwg_j: float | None  # among the leadership team, when its group is shown
    leadership_no_agreement: bool | None
    alpha: float | None
    alpha_note: str
    groups: tuple[GroupScore, ...]
    # The scale of the dimension's items (score is on it), its weight in the overall score, its
    # block ("" for none) and the framework's norms. Defaults: what snapshots built before
    # these fields describe (the 1-5 scale, weight 1, no blocks, no norms).
    scale_min: float | None = 1.0
    scale_max: float | None = 5.0
    weight: float = 1.0
    block: str = ""
    norms: tuple[NormResult, ...] = ()

    @property
    def bar(self) -> int:
        return bar_width(self.score_100)

    @property
    def disagreement(self) -> bool:
        return bool(self.leadership_no_agreement or self.no_agreement)

    @property
    def out_of(self) -> int | float | None:
        """The top of the dimension's scale: its score is shown "out of" this."""
        return whole(self.scale_max)


@dataclass(frozen=True)
class RankedDimension(PlainData):
    rank: int
    code: str
    name: str
    score: float
    score_100: float
    level: int | None
    level_label: str


@dataclass(frozen=True)
class RatingGap(PlainData):
    rank: int
    code: str
    name: str
    n: int
    current: float
    target: float
    gap: float


@dataclass(frozen=True)
class QuadrantShare(PlainData):
    quadrant: str
    label: str
    today: float
    desired: float
    shift: float


@dataclass(frozen=True)
class QuadrantBalance(PlainData):
    shares: tuple[QuadrantShare, ...]
    n_respondents: int
    n_ignored: int


@dataclass(frozen=True)
class ChoiceShare(PlainData):
    code: str
    label: str
    description: str
    count: int
    share: float  # percent of those who chose an option

    @property
    def bar(self) -> int:
        return bar_width(self.share)


@dataclass(frozen=True)
class ChoiceDistribution(PlainData):
    item: str
    question: str
    n: int  # respondents who chose an option
    n_dont_know: int
    options: tuple[ChoiceShare, ...]


@dataclass(frozen=True)
class ResponseCount(PlainData):
    group: str
    label: str
    invited: int  # respondents listed
    started: int
    submitted: int


class ScoreOnScale:
    """The page helpers of a score that is shown on its dimensions' shared scale when they
    share one (``scale_max`` set), else on 0..100."""

    score: float | None
    score_100: float | None
    scale_max: float | None

    @property
    def bar(self) -> int:
        return bar_width(self.score_100)

    @property
    def shown_score(self) -> float | None:
        """What is shown "out of" :attr:`out_of`: the score on the shared scale, else 0..100."""
        return self.score if self.scale_max is not None else self.score_100

    @property
    def out_of(self) -> int | float:
        return whole(self.scale_max) if self.scale_max is not None else 100


@dataclass(frozen=True)
class OverallResult(ScoreOnScale, PlainData):
    score: float | None  # on the scale the counted dimensions share; None when they differ
    score_100: float | None  # the primary number: the weighted mean of the dimensions' 0..100
    level: int | None
    level_label: str
    n_dimensions: int
    scale_min: float | None = 1.0  # None when the dimensions' scales differ
    scale_max: float | None = 5.0


@dataclass(frozen=True)
class BlockResult(ScoreOnScale, PlainData):
    """A block of dimensions: the plain mean of its scored dimensions' 0..100 scores."""

    code: str
    name: str
    description: str
    n_dimensions: int  # dimensions with a score that count
    score: float | None  # on the scale its dimensions share; None when they differ or no score
    score_100: float | None
    level: int | None
    level_label: str
    scale_min: float | None
    scale_max: float | None
    dimensions: tuple[str, ...]  # codes of its dimensions, in framework order


@dataclass(frozen=True)
class NormSource:
    """One source of norms with the rows of the dimensions it gives values for (for pages)."""

    label: str
    rows: tuple[tuple[DimensionResult, NormResult], ...]


@dataclass(frozen=True)
class AssessmentResults(PlainData):
    assessment_id: int
    title: str
    organisation_id: int
    framework_version_id: int
    language: str
    anonymous: bool
    min_group_size: int
    include_in_progress: bool
    n_respondents: int  # respondents whose answers count
    responses: tuple[ResponseCount, ...]
    overall: OverallResult
    dimensions: tuple[DimensionResult, ...]  # features and custom dimensions, framework order
    obstacles: tuple[DimensionResult, ...]  # most serious (lowest score) first
    strengths: tuple[RankedDimension, ...]
    gaps: tuple[RankedDimension, ...]  # weakest first
    quadrants: QuadrantBalance
    capability_gaps: tuple[RatingGap, ...]  # largest gap first
    culture_gaps: tuple[RatingGap, ...]
    type_of_work: ChoiceDistribution | None
    # Fewer than `min_group_size` (the round's k) responses count: nothing above is filled in.
    withheld: bool = False
    needed: int = 0  # how many more responses before results are shown
    blocks: tuple[BlockResult, ...] = ()  # in framework order; () when the framework has none
    # What the framework contains (`maturity.outline`): which cards and words fit it.
    framework: dict[str, Any] | None = None

    @property
    def has_scores(self) -> bool:
        return any(d.score is not None for d in self.dimensions + self.obstacles)

    @property
    def block_groups(self) -> tuple[tuple[BlockResult | None, tuple[DimensionResult, ...]], ...]:
        """The dimensions under their blocks, in framework order, then the maturity dimensions
        outside any block (under None)."""
        by_code = {d.code: d for d in self.dimensions + self.obstacles}
        groups = [
            (block, tuple(by_code[code] for code in block.dimensions if code in by_code))
            for block in self.blocks
        ]
        placed = {code for block in self.blocks for code in block.dimensions}
        rest = tuple(d for d in self.dimensions if d.code not in placed)
        return tuple(groups + ([(None, rest)] if rest else []))

    @property
    def norm_sources(self) -> tuple[NormSource, ...]:
        """Every source of norms with the dimensions it covers, in the order first met."""
        sources: dict[str, list] = {}
        for dimension in self.dimensions + self.obstacles:
            for norm in dimension.norms:
                sources.setdefault(norm.label, []).append((dimension, norm))
        return tuple(NormSource(label, tuple(rows)) for label, rows in sources.items())

    @property
    def disagreements(self) -> tuple[DimensionResult, ...]:
        return tuple(d for d in self.dimensions + self.obstacles if d.disagreement)

    def dimension(self, code: str) -> DimensionResult | None:
        return next((d for d in self.dimensions + self.obstacles if d.code == code), None)


@dataclass(frozen=True)
class DimensionChange(PlainData):
    code: str
    name: str
    score_before: float | None
    score_after: float | None
    delta: float | None
    delta_100: float | None
    level_before: int | None
    level_after: int | None
    level_change: int | None


@dataclass(frozen=True)
class AssessmentChange(PlainData):
    before_id: int
    after_id: int
    overall_before: float | None  # 0..100
    overall_after: float | None
    overall_delta: float | None
    dimensions: tuple[DimensionChange, ...]
