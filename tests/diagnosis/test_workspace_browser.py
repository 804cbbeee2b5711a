"""The diagnosis workspace in real Chromium: results, adopting a key challenge, knowledge gaps."""

import re

import pytest
from playwright.sync_api import expect

from diagnosis.models import KeyChallenge, KnowledgeGap
from organisations.models import Role
from tests.diagnosis.results_scenario import build_scenario
from tests.factories import PASSWORD, MembershipFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in_as_owner(live_server, page, organisation):
    owner = MembershipFactory(organisation=organisation, role=Role.OWNER).user
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(owner.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("heading", name="Your organisations").wait_for()


def watch_console(page) -> list[str]:
    """Script errors and console errors (CSP refusals among them); the favicon may be missing."""
    problems: list[str] = []

    def on_console(message):
        if message.type == "error" and not message.location["url"].endswith("/favicon.ico"):
            problems.append(message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(str(error)))
    return problems


def test_the_owner_reads_the_results_and_adopts_a_suggested_key_challenge(
    live_server, page, artifacts_dir
):
    assessment = build_scenario().assessment
    problems = watch_console(page)
    log_in_as_owner(live_server, page, assessment.organisation)
    slug = assessment.organisation.slug

    page.goto(f"{live_server.url}/orgs/{slug}/diagnosis/assessments/{assessment.pk}/results/")
    features = page.get_by_role("region", name="Features of a learning organisation")
    autonomy = features.get_by_role("row").filter(has_text="Accountability and autonomy")
    expect(autonomy).to_contain_text("Level 2 · Emerging")
    expect(autonomy).to_contain_text("Respondents do not agree")
    problem_solving = features.get_by_role("row").filter(has_text="Focus on problem solving")
    expect(problem_solving).to_contain_text("The leadership team does not agree")
    page.screenshot(path=artifacts_dir / "workspace-results.png", full_page=True)

    page.get_by_role("navigation", name="Diagnosis workspace").get_by_role(
        "link", name="Key challenges"
    ).click()
    suggestions = page.get_by_role("region", name="Suggestions from the results")
    title = "The leadership team does not agree on “Focus on problem solving and performance”"
    expect(suggestions.get_by_role("heading", name=title)).to_be_visible()
    suggestions.get_by_role("button", name=f"Adopt: {title}").click()

    listed = page.get_by_role("region", name="High priority")
    expect(listed.get_by_role("heading", name=title)).to_be_visible()
    expect(suggestions.get_by_role("heading", name=title)).to_have_count(0)
    expect(page.get_by_role("heading", name="1 key challenge")).to_be_visible()
    page.screenshot(path=artifacts_dir / "workspace-key-challenge-adopted.png", full_page=True)
    challenge = KeyChallenge.objects.get()
    assert challenge.dimension_codes == ["f2-problem-solving"]
    assert challenge.assessment == assessment
    assert problems == []


def test_the_owner_records_and_edits_a_knowledge_gap_in_place(live_server, page, artifacts_dir):
    assessment = build_scenario().assessment
    problems = watch_console(page)
    log_in_as_owner(live_server, page, assessment.organisation)
    page.goto(f"{live_server.url}/orgs/{assessment.organisation.slug}/diagnosis/knowledge-gaps/")

    form = page.locator("#gap-create")
    form.get_by_label("Target group or core task").fill("Planners")
    form.get_by_label("Competence needed").fill("Scenario planning")
    form.get_by_label("Present level (1–5)").select_option("4")
    form.get_by_label("Needed level (1–5)").select_option("2")
    form.get_by_label("Build, buy or borrow").select_option("borrow")
    form.get_by_role("button", name="Add knowledge gap").click()
    expect(page.locator("#div_id_needed_level")).to_contain_text(
        "The needed level cannot be below the present level."
    )
    expect(form.get_by_label("Competence needed")).to_have_value("Scenario planning")

    form.get_by_label("Needed level (1–5)").select_option("5")
    form.get_by_role("button", name="Add knowledge gap").click()
    row = page.get_by_role("row").filter(has_text="Scenario planning")
    expect(row).to_contain_text("+1")
    expect(form.get_by_label("Competence needed")).to_have_value("")

    row.get_by_role("link", name=re.compile("Edit")).click()
    gap = KnowledgeGap.objects.get()
    editor = page.locator(f"#gap-{gap.pk}")
    editor.get_by_label("Build, buy or borrow").select_option("buy")
    editor.get_by_role("button", name="Save").click()
    expect(page.get_by_role("row").filter(has_text="Scenario planning")).to_contain_text(
        "Buy (hire)"
    )
    page.screenshot(path=artifacts_dir / "workspace-knowledge-gaps.png", full_page=True)
    gap.refresh_from_db()
    assert gap.approach == "buy"
    assert problems == []
