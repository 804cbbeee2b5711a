"""What the coherence check needs from the diagnosis: the desired quadrant balance and the
weakest dimensions, from the organisation's latest assessment that is not a draft.

Read from `diagnosis.results.assessment_results` (submitted respondents only), so the strategy
pages and the diagnosis show the same numbers. A fixed number of queries.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from diagnosis.models import Assessment, AssessmentStatus
from diagnosis.result_types import AssessmentResults
from diagnosis.results import assessment_results
from organisations.models import Organisation


@dataclass(frozen=True)
class DiagnosisInputs:
    # Desired share of L&D effort per quadrant (0..100), None when nobody split their points.
    desired_quadrants: Mapping[str, float] | None = None
    # Weakest maturity dimensions (features of a learning organisation), weakest first.
    weakest_dimensions: tuple[str, ...] = ()
    dimension_names: Mapping[str, str] = field(default_factory=dict)
    assessment_title: str = ""


def latest_assessment(organisation: Organisation) -> Assessment | None:
    return (
        Assessment.objects.filter(organisation=organisation)
        .exclude(status=AssessmentStatus.DRAFT)
        .select_related("framework_version")
        .order_by("-created_at", "-pk")
        .first()
    )


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
    )


def diagnosis_inputs(organisation: Organisation) -> DiagnosisInputs:
    assessment = latest_assessment(organisation)
    if assessment is None:
        return DiagnosisInputs()
    return inputs_from_results(assessment_results(assessment))
