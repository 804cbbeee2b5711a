"""Organisations with a full strategy for the export tests, and text that tries to break out."""

import io
import subprocess
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from diagnosis.models import Respondent
from organisations.models import Role
from reports import services
from tests.actions.factories import ActionFactory
from tests.diagnosis.factories import KeyChallengeFactory, KnowledgeGapFactory, give_text_answers
from tests.factories import MembershipFactory, OrganisationFactory
from tests.policy.factories import PolicyFactory
from tests.reports.factories import answered_assessment

HYPERLINK = '=HYPERLINK("http://x","y")'
SCRIPT = "<script>alert(1)</script>"
ATTACHMENT = "<link rel=attachment href=file:///etc/passwd>"
METADATA = "<img src=http://169.254.169.254/>"
INJECTIONS = (HYPERLINK, SCRIPT, ATTACHMENT, METADATA)


def logo_png() -> bytes:
    image = Image.new("RGB", (240, 80), "#ffffff")
    draw = ImageDraw.Draw(image)
    draw.rectangle((8, 8, 72, 72), fill="#d55e00")
    draw.rectangle((84, 30, 230, 50), fill="#0072b2")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def organisation_with_strategy(
    *,
    challenge: str = "Decisions wait for managers",
    policy: str = "Push decisions to the teams that do the work",
    action: str = "Team retrospectives every month",
    context: str = "We win on reliable deliveries.",
    brand_colour: str = "#0b6e4f",
    logo: bool = True,
    respondents: int = 6,
    anonymous: bool = True,
):
    """An organisation with answers, strategic context, a challenge, a policy addressing it,
    an action carrying it out, a consultant and an owner; returns it with its snapshot."""
    organisation = OrganisationFactory(
        name="Northwind Test Logistics",
        brand_colour=brand_colour,
        logo=SimpleUploadedFile("logo.png", logo_png()) if logo else "",
    )
    consultant = MembershipFactory(
        organisation=organisation,
        role=Role.CONSULTANT,
        user__first_name="Carla",
        user__last_name="Jansen",
    )
    MembershipFactory(organisation=organisation, role=Role.OWNER)
    assessment = answered_assessment(organisation, respondents=respondents)
    if not anonymous:
        assessment.anonymous = False
        assessment.save(update_fields=["anonymous"])
    for respondent in Respondent.objects.filter(assessment=assessment).order_by("pk")[:3]:
        give_text_answers(respondent, {"ctx_value": context})
    key_challenge = KeyChallengeFactory(
        organisation=organisation, title=challenge, description=f"{challenge} (described)"
    )
    KnowledgeGapFactory(organisation=organisation, competence=challenge)
    guiding = PolicyFactory(
        organisation=organisation, statement=policy, rationale=policy, challenges=[key_challenge]
    )
    ActionFactory(organisation=organisation, policy=guiding, title=action, metric_name=action)
    ActionFactory(organisation=organisation, policy=guiding, title="Coach the team leads")
    snapshot = services.snapshot_build(organisation, force=True)
    return organisation, snapshot, consultant


def injected_organisation(**extra):
    """Every free-text field the documents show carries an injection attempt."""
    return organisation_with_strategy(
        challenge=f"{HYPERLINK} {METADATA}",
        policy=f"{SCRIPT} {ATTACHMENT}",
        action=f"{HYPERLINK}",
        context=f"{SCRIPT} {ATTACHMENT} {METADATA}",
        **extra,
    )


def pdf_text(path: Path, first: int | None = None, last: int | None = None) -> str:
    """The PDF's text, extracted by poppler's pdftotext (optionally some pages only)."""
    pages = []
    if first:
        pages += ["-f", str(first)]
    if last:
        pages += ["-l", str(last)]
    result = subprocess.run(
        ["pdftotext", "-layout", *pages, str(path), "-"], capture_output=True, check=True
    )
    return result.stdout.decode()


def pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True).stdout.decode()
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
