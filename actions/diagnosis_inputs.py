"""What the coherence check needs from the diagnosis: the desired quadrant balance and the
weakest dimensions, from the organisation's current round (the most recent round with results to
show, `diagnosis.selectors.assessment_current`): the round the dashboard and the PDF describe.

Read from `diagnosis.results.assessment_results` (submitted respondents only), so the strategy
pages and the diagnosis show the same numbers. A fixed number of queries.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from diagnosis.result_types import AssessmentResults
from diagnosis.results import assessment_results
from diagnosis.selectors import assessment_current
from organisations.models import Organisation


@dataclass(frozen=True)
class DiagnosisInputs:
    # Desired share of L&D effort per quadrant (0..100), None when nobody split their points.
    desired_quadrants: Mapping[str, float] | None = None
    # Weakest maturity dimensions (features of a learning organisation), weakest first.
    weakest_dimensions: tuple[str, ...] = ()
    dimension_names: Mapping[str, str] = field(default_factory=dict)
    assessment_title: str = ""
    assessment_id: int | None = None  # the current round they come from


def inputs_from_results(results: AssessmentResults) -> DiagnosisInputs:
    quadrants = results.quadrants
    desired = (
        {share.quadrant: share.desired for share in quadrants.shares}
        if quadrants.n_respondents
        else None
    )
    return DiagnosisInputs(
        desired_quadrants=desired,
        weakest_dimensions=tuple(ranked.code for ranked in results.gaps),
        dimension_names={dimension.code: dimension.name for dimension in results.dimensions},
        assessment_title=results.title,
        assessment_id=results.assessment_id,
    )


def diagnosis_inputs(organisation: Organisation) -> DiagnosisInputs:
    assessment = assessment_current(organisation=organisation)
    if assessment is None:
        return DiagnosisInputs()
    return inputs_from_results(assessment_results(assessment))
