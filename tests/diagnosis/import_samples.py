"""Response files for the import tests: the worked examples of docs/frameworks.md."""

from pathlib import Path

from maturity.framework_files import parse_framework
from maturity.models import FrameworkVersion
from maturity.services import framework_import

DOCS = Path(__file__).resolve().parents[2] / "docs" / "frameworks.md"


def _block(language: str) -> str:
    return DOCS.read_text(encoding="utf-8").split(f"```{language}\n", 1)[1].split("```", 1)[0]


def worked_framework_text() -> str:
    """The worked framework file (onboarding-check) of docs/frameworks.md."""
    return _block("yaml")


def worked_responses() -> str:
    """The worked response file of docs/frameworks.md, "Importing responses"."""
    return _block("csv")


def onboarding_check(organisation) -> FrameworkVersion:
    """The worked framework, stored as the organisation's own."""
    parsed = parse_framework(worked_framework_text(), filename="frameworks.md")
    return framework_import(parsed, organisation=organisation).version


HEADER = (
    "respondent,group,language,support_1,support_2,support_level.current,"
    "support_level.target,moments_review,moments_alone,effort_admin,effort_people,effort_work,"
    "first_weeks_format,best_help"
)


def rows(*lines: str, header: str = HEADER) -> str:
    """A response file for onboarding-check: the header, then ``lines``."""
    return "\n".join([header, *lines]) + "\n"


# A complete, valid row; tests change one cell of it.
GOOD = "R-{n},leadership,en,4,2,2,4,3,1,50,30,20,on-the-job,Shadowing"


def good(n: int) -> str:
    return GOOD.format(n=n)
