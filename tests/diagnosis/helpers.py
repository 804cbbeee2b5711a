"""Helpers for the assessment and questionnaire tests."""

from diagnosis.models import Respondent
from diagnosis.services import respondent_issue_token
from maturity.framework_files import FRAMEWORKS_DIR, load_framework
from maturity.models import FrameworkVersion
from maturity.services import framework_import

from .factories import RespondentFactory


def pulse_framework() -> FrameworkVersion:
    """The example framework: Likert and level items only, so it has no 100-point split."""
    path = FRAMEWORKS_DIR / "examples" / "team-learning-pulse.yaml"
    return framework_import(load_framework(path)).version


def respondent_with_link(**fields) -> tuple[Respondent, str]:
    """An invited respondent and the raw token of their personal link."""
    respondent = RespondentFactory(**fields)
    return respondent, respondent_issue_token(respondent)
