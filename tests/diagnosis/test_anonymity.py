"""The anonymity threshold k of a round (diagnosis.anonymity): nothing of a round below k, no
group figure or group label below k, who has submitted only in a named round, and the
questionnaire's promise word for word as docs/permissions.md states it."""

import html
import re
from datetime import timedelta
from pathlib import Path

import pandas as pd
import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from diagnosis import anonymity
from diagnosis.models import Assessment
from diagnosis.results import assessment_results
from maturity import scoring
from organisations.models import Role
from tests.diagnosis.factories import (
    AssessmentFactory,
    RespondentFactory,
    SubmittedRespondentFactory,
    give_answers,
    give_text_answers,
)
from tests.diagnosis.helpers import respondent_with_link
from tests.diagnosis.results_scenario import F1, LD, LEAD
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

DOCS = Path(__file__).resolve().parents[2] / "docs" / "permissions.md"
ANSWERS = F1 | {"f4_1": 2, "f4_2": 4, "f4_4": 3}


def owner_of(assessment):
    return MembershipFactory(organisation=assessment.organisation, role=Role.OWNER).user


def submitted(assessment, group=LEAD, n=1, text="", **fields):
    people = []
    for _ in range(n):
        person = SubmittedRespondentFactory(assessment=assessment, group=group, **fields)
        give_answers(person, ANSWERS)
        if text:
            give_text_answers(person, {"ctx_value": text})
        people.append(person)
    return people


def page(client, name, assessment, language="en") -> str:
    url = reverse(name, args=[assessment.organisation.slug, assessment.pk])
    return client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()


# --- The round: nothing below k ----------------------------------------------------------------


def test_one_response_of_three_needed_shows_no_score_and_says_two_more_are_needed(client):
    assessment = AssessmentFactory(anonymity_threshold=3)
    submitted(assessment, text="We win on reliable deliveries.")
    RespondentFactory.create_batch(2, assessment=assessment)
    client.force_login(owner_of(assessment))
    results = assessment_results(assessment)
    assert results.withheld
    assert results.needed == 2
    assert results.overall.score is None
    assert results.dimensions == ()
    text = page(client, "workspace_results", assessment)
    assert "2 more responses are needed before results are shown." in text
    assert "Level 4" not in text
    assert "Learning culture" not in text
    quotes = page(client, "workspace_perspectives", assessment)
    assert "2 more responses are needed before results are shown." in quotes
    assert "We win on reliable deliveries." not in quotes


def test_scores_and_quotes_appear_once_k_people_have_submitted(client):
    assessment = AssessmentFactory(anonymity_threshold=3)
    submitted(assessment, n=3, text="We win on reliable deliveries.")
    client.force_login(owner_of(assessment))
    results = assessment_results(assessment)
    assert not results.withheld
    assert results.dimension("f1-learning-culture").score == 4.0
    text = page(client, "workspace_results", assessment)
    assert "more responses are needed" not in text
    assert "Level 4" in text
    assert page(client, "workspace_perspectives", assessment).count("reliable deliveries") == 3


def test_a_higher_threshold_is_the_rule_and_plurals_follow_the_count(client):
    assessment = AssessmentFactory(anonymity_threshold=5)
    submitted(assessment, n=4)
    client.force_login(owner_of(assessment))
    assert "1 more response is needed before results are shown." in page(
        client, "workspace_results", assessment
    )
    assert "1 extra antwoord is nodig voordat er resultaten worden getoond." in page(
        client, "workspace_results", assessment, "nl"
    )
    submitted(assessment)
    assert assessment_results(assessment).dimension("f1-learning-culture").n == 5


def test_challenge_suggestions_wait_for_the_threshold_too(client):
    assessment = AssessmentFactory()
    submitted(assessment, n=2)
    client.force_login(owner_of(assessment))
    url = reverse("workspace_challenges", args=[assessment.organisation.slug])
    text = client.get(url).content.decode()
    assert "1 more response is needed before results are shown." in text
    assert "is the weakest feature" not in text
    submitted(assessment)
    assert "is the weakest feature" in client.get(url).content.decode()


def test_a_figure_resting_on_fewer_than_k_people_is_not_shown():
    assessment = AssessmentFactory()
    people = submitted(assessment, n=4)
    give_answers(people[0], {"cap_curation": (2, 4), "ob_resources_1": 2})
    results = assessment_results(assessment)
    assert results.capability_gaps == ()
    resources = results.dimension("obstacle-resources")
    assert resources is None or resources.score is None
    for person in people[1:3]:
        give_answers(person, {"cap_curation": (2, 4)})
    assert [gap.code for gap in assessment_results(assessment).capability_gaps] == ["cap-curation"]


# --- Groups: the same rule per group -----------------------------------------------------------


def test_a_group_of_two_in_a_round_of_five_shows_no_group_figure_and_unlabelled_quotes(client):
    assessment = AssessmentFactory(groups=[LD, LEAD])
    submitted(assessment, LEAD, n=3, text="Quoted from the leadership team.")
    submitted(assessment, LD, n=2, text="Quoted from the L&D team.")
    client.force_login(owner_of(assessment))
    f1 = assessment_results(assessment).dimension("f1-learning-culture")
    assert f1.score == 4.0
    assert f1.n == 5
    assert all(group.suppressed and group.score is None for group in f1.groups)
    text = page(client, "workspace_results", assessment)
    assert "By respondent group" in text
    assert "n=3" not in text
    quotes = page(client, "workspace_perspectives", assessment)
    assert quotes.count("Quoted from the") == 5
    assert "Leadership team</span>" not in quotes
    assert "L&amp;D team</span>" not in quotes


def test_groups_of_k_or_more_are_shown_and_label_their_quotes(client):
    assessment = AssessmentFactory(groups=[LD, LEAD])
    submitted(assessment, LEAD, n=3, text="Leaders say so.")
    submitted(assessment, LD, n=3, text="The L&D team says so.")
    client.force_login(owner_of(assessment))
    f1 = assessment_results(assessment).dimension("f1-learning-culture")
    assert [(g.group, g.n, g.score) for g in f1.groups] == [("ld", 3, 4.0), ("leadership", 3, 4.0)]
    assert "n=3" in page(client, "workspace_results", assessment)
    quotes = page(client, "workspace_perspectives", assessment)
    assert quotes.count("Leadership team</span>") == 3
    assert quotes.count("L&amp;D team</span>") == 3


def test_the_group_rule_is_the_scoring_engines_suppression_with_k_as_minimum():
    people = pd.DataFrame(
        {"respondent": range(9), "group": ["a"] * 4 + ["b"] * 3 + ["c"] * 2}
    )  # fmt: skip
    assert anonymity.shown_groups(people, 3) == {"a"}  # c hidden, and b so c cannot be derived
    assert anonymity.shown_groups(people, 2) == {"a", "b", "c"}
    assert anonymity.shown_groups(people, 5) == frozenset()
    scores = people.assign(dimension="d", score=1.0, score_100=0.0)
    engine = scoring.group_scores(scores, people, min_group_size=3)
    assert set(engine.loc[~engine["suppressed"], "group"]) == anonymity.shown_groups(people, 3)


def test_pseudonyms_differ_between_exports_but_not_within_one():
    first, second = anonymity.Pseudonyms(), anonymity.Pseudonyms()
    assert first.of(7) == first.of(7)
    assert re.fullmatch(r"R-[0-9A-F]{8}", first.of(7))
    assert first.many(range(50)) != second.many(range(50))
    assert len(set(first.many(range(50)))) == 50


# --- Who has submitted: only in a named round --------------------------------------------------


def detail(client, assessment) -> str:
    return page(client, "assessment_detail", assessment)


def row_of(text: str, name: str) -> str:
    return next(row for row in re.findall(r"<tr>.*?</tr>", text, re.S) if name in row)


def round_with_people(anonymous: bool) -> Assessment:
    assessment = AssessmentFactory(anonymous=anonymous, groups=[LD, LEAD])
    SubmittedRespondentFactory(assessment=assessment, group=LEAD, person__name="Marcus Bell")
    SubmittedRespondentFactory(assessment=assessment, group=LEAD, person__name="Priya Shah")
    RespondentFactory(
        assessment=assessment, group=LEAD, person__name="Tom Visser", invited_at=timezone.now()
    )
    RespondentFactory(assessment=assessment, group=LD, person__name="Lena de Vries")
    return assessment


def test_an_anonymous_round_lists_who_was_asked_but_not_who_submitted(client):
    assessment = round_with_people(anonymous=True)
    client.force_login(owner_of(assessment))
    text = detail(client, assessment)
    assert "2 of 4 people submitted" in text  # counts stay
    for name in ("Marcus Bell", "Tom Visser"):
        row = row_of(text, name)
        assert "status-submitted" not in row
        assert "In progress" not in row
        assert "Send the link again" in row
        assert "Withdraw link" in row
    assert "status-submitted" not in text
    assert "Reminders</th>" not in text
    # The L&D team (1 asked) may not show a count of its own, and leadership neither, or the
    # total would give it away: they are added up.
    assert "Smaller groups together" in text


def test_a_named_round_shows_who_has_submitted(client):
    assessment = round_with_people(anonymous=False)
    client.force_login(owner_of(assessment))
    text = detail(client, assessment)
    assert "2 of 4 people submitted" in text
    assert "Submitted" in row_of(text, "Marcus Bell")
    assert "status-submitted" in row_of(text, "Priya Shah")
    assert "status-submitted" not in row_of(text, "Tom Visser")
    assert "Reminders</th>" in text


def test_resending_in_an_anonymous_round_says_the_same_whether_or_not_they_submitted(
    client, django_capture_on_commit_callbacks
):
    assessment = AssessmentFactory(anonymous=True)
    done = SubmittedRespondentFactory(
        assessment=assessment, person__name="Marcus Bell", revoked_at=None
    )
    waiting = RespondentFactory(assessment=assessment, person__name="Tom Visser")
    client.force_login(owner_of(assessment))
    notes = []
    for person in (done, waiting):
        url = reverse(
            "respondent_resend", args=[assessment.organisation.slug, assessment.pk, person.pk]
        )
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, follow=True)
        notes.append([str(m) for m in response.context["messages"]])
    assert notes[0] == [n.replace("Tom Visser", "Marcus Bell") for n in notes[1]]
    assert notes[0] == ["Unless Marcus Bell has submitted already, their link is on its way."]
    assert [message.to for message in mail.outbox] == [[waiting.person.email]]


def test_reminders_still_reach_those_who_have_not_submitted_in_an_anonymous_round(
    client, django_capture_on_commit_callbacks
):
    assessment = AssessmentFactory(anonymous=True)
    long_ago = timezone.now() - timedelta(days=5)
    SubmittedRespondentFactory(assessment=assessment, invited_at=long_ago)
    waiting = RespondentFactory(
        assessment=assessment, person__name="Tom Visser", invited_at=long_ago
    )
    client.force_login(owner_of(assessment))
    url = reverse("assessment_remind", args=[assessment.organisation.slug, assessment.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, follow=True)
    (note,) = [str(m) for m in response.context["messages"]]
    assert note == "A reminder is on its way to 1 person."
    assert "Tom Visser" not in note
    assert [message.to for message in mail.outbox] == [[waiting.person.email]]


# --- The promise: the docs and the questionnaire say the same, word for word -------------------


def documented_promises() -> dict[str, str]:
    """The quoted promises of docs/permissions.md, section "What anonymity means here"."""
    text = DOCS.read_text()
    section = text.split("## What anonymity means here", 1)[1].split("\n## ", 1)[0]
    quotes = re.findall(r"^> \*\*(Anonymous|Named) round:\*\* (.+)$", section, re.M)
    return {kind.lower(): promise for kind, promise in quotes}


@pytest.mark.parametrize("kind", ["anonymous", "named"])
def test_the_questionnaire_promises_word_for_word_what_the_docs_say(client, kind):
    promises = documented_promises()
    assert set(promises) == {"anonymous", "named"}
    respondent, token = respondent_with_link(
        assessment__anonymous=kind == "anonymous", assessment__anonymity_threshold=3
    )
    url = reverse("questionnaire_link_start", args=[respondent.assessment.organisation.slug, token])
    shown = " ".join(html.unescape(client.get(url).content.decode()).split())
    assert promises[kind] in shown
    other = promises["named" if kind == "anonymous" else "anonymous"]
    assert other not in shown


def test_the_promise_carries_the_rounds_own_threshold(client):
    respondent, token = respondent_with_link(assessment__anonymity_threshold=5)
    url = reverse("questionnaire_link_start", args=[respondent.assessment.organisation.slug, token])
    shown = html.unescape(client.get(url).content.decode())
    assert "at least 5 people have submitted" in shown
    assert "at least 3 people" not in shown


# --- The promise holds after the round opened ---------------------------------------------------


def edit(client, assessment, **changes):
    data = {
        "title": assessment.title,
        "period": assessment.period,
        "groups": assessment.groups,
        "anonymous": str(assessment.anonymous),
        "anonymity_threshold": str(assessment.anonymity_threshold),
        "framework_version": assessment.framework_version_id,
        "send_reminders": "on",
    } | changes
    url = reverse("assessment_edit", args=[assessment.organisation.slug, assessment.pk])
    return client.post(url, data)


def test_an_opened_anonymous_round_cannot_become_named_or_lower_its_threshold(client):
    assessment = AssessmentFactory(anonymity_threshold=4, opened_at=timezone.now())
    client.force_login(owner_of(assessment))
    response = edit(client, assessment, anonymous="False", anonymity_threshold="3")
    errors = response.context["form"].errors
    assert "stays anonymous" in errors["anonymous"][0]
    assert "raised, not lowered" in errors["anonymity_threshold"][0]
    assessment.refresh_from_db()
    assert (assessment.anonymous, assessment.anonymity_threshold) == (True, 4)
    assert edit(client, assessment, anonymity_threshold="6").status_code == 302  # stricter: fine
    assessment.refresh_from_db()
    assert assessment.anonymity_threshold == 6


def test_a_draft_round_may_still_become_named(client):
    assessment = AssessmentFactory(status="draft")
    client.force_login(owner_of(assessment))
    assert edit(client, assessment, anonymous="False").status_code == 302
    assessment.refresh_from_db()
    assert assessment.anonymous is False
