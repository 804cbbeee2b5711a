"""The questionnaire pages: personal links, members answering as themselves, autosave, submit."""

import html
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from diagnosis.answers import answer_save, text_save
from diagnosis.models import Answer, AssessmentStatus, Respondent, RespondentGroup
from organisations.models import Role
from tests.factories import MembershipFactory, OrganisationFactory, person_of

from .factories import AssessmentFactory, RespondentFactory
from .helpers import respondent_with_link, scales_framework

pytestmark = pytest.mark.django_db

UNUSABLE = "This link cannot be used"
HTMX = {"HTTP_HX_REQUEST": "true"}
QUADRANTS = (
    "q_individual_productive",
    "q_organisational_productive",
    "q_individual_generative",
    "q_organisational_generative",
)


def link_url(respondent, token, page="start", *args) -> str:
    slug = respondent.assessment.organisation.slug
    return reverse(f"questionnaire_link_{page}", args=[slug, token, *args])


@pytest.fixture
def invited(default_framework):
    return respondent_with_link(assessment__framework_version=default_framework)


def answers_of(respondent) -> dict:
    return dict(Answer.objects.filter(respondent=respondent).values_list("item__code", "value"))


# --- Personal links ---------------------------------------------------------------------------


def test_a_personal_link_opens_the_questionnaire_without_an_account(client, invited):
    respondent, token = invited
    response = client.get(link_url(respondent, token))
    assert response.status_code == 200
    assert respondent.assessment.title in response.text
    assert "open the link from your email again" in response.text  # resume later
    section = client.get(link_url(respondent, token, "section", 1))
    assert "Strategic context" in section.text


@pytest.mark.parametrize("problem", ["expired", "revoked", "tampered", "unknown", "other_org"])
def test_unusable_links_all_show_the_same_friendly_page(client, invited, problem):
    respondent, token = invited
    url = link_url(respondent, token)
    if problem == "expired":
        Respondent.objects.filter(pk=respondent.pk).update(
            token_expires_at=timezone.now() - timedelta(minutes=1)
        )
    elif problem == "revoked":
        Respondent.objects.filter(pk=respondent.pk).update(revoked_at=timezone.now())
    elif problem == "tampered":
        url = url.replace(token, token[:-1] + ("A" if token[-1] != "A" else "B"))
    elif problem == "unknown":
        url = url.replace(token, "x" * 43)
    else:
        url = url.replace(respondent.assessment.organisation.slug, OrganisationFactory().slug)
    for target in (url, url + "1/", url + "review/"):
        response = client.get(target)
        assert response.status_code == 404
        assert UNUSABLE in response.text
    response = client.post(url + "save/", {"item": "f1_1", "value": "3"}, **HTMX)
    assert response.status_code == 404
    assert answers_of(respondent) == {}


def test_a_link_writes_only_to_its_own_respondent_and_assessment(client, invited):
    respondent, token = invited
    other, _other_token = respondent_with_link(assessment=respondent.assessment)
    elsewhere, _ = respondent_with_link(assessment__organisation=respondent.organisation)
    response = client.post(
        link_url(respondent, token, "save"), {"item": "f1_1", "value": "4"}, **HTMX
    )
    assert response.status_code == 200
    assert answers_of(respondent) == {"f1_1": 4.0}
    assert answers_of(other) == {}
    assert answers_of(elsewhere) == {}


def test_issuing_the_link_again_keeps_it_working_until_it_is_withdrawn_and_restored(
    client, invited
):
    from diagnosis.services import respondent_issue_token, respondent_resend, respondent_revoke

    respondent, token = invited
    assert respondent_issue_token(respondent) == token
    assert client.get(link_url(respondent, token)).status_code == 200
    respondent_revoke(respondent)
    respondent_resend(respondent)
    new_token = respondent_issue_token(respondent)
    assert client.get(link_url(respondent, token)).status_code == 404
    assert client.get(link_url(respondent, new_token)).status_code == 200


# --- Autosave ---------------------------------------------------------------------------------


def test_an_autosave_answers_with_a_small_saved_fragment(client, invited):
    respondent, token = invited
    response = client.post(
        link_url(respondent, token, "save"),
        {"item": "f1_1", "value": "4", "section": "2", "csrfmiddlewaretoken": "x"},
        **HTMX,
    )
    assert response.status_code == 200
    assert response["X-Answer-Status"] == "saved"
    assert "Saved" in response.text
    assert "<html" not in response.text
    assert answers_of(respondent) == {"f1_1": 4.0}


def test_free_text_autosaves_too(client, invited):
    respondent, token = invited
    response = client.post(
        link_url(respondent, token, "save"),
        {"question": "ctx_value", "text": "We deliver the same day."},
        **HTMX,
    )
    assert response.status_code == 200
    assert respondent.text_answers.get().text == "We deliver the same day."


@pytest.mark.parametrize(
    ("data", "status"),
    [
        ({"item": "f1_1", "value": "9"}, 400),
        ({"item": "f1_1", "choice": "known"}, 400),
        ({"item": "speak_1", "value": "3"}, 400),
        ({"item": "f1_1", "value": "3", "respondent": "1"}, 400),
        ({"item": "f1_1", "question": "ctx_value", "value": "3"}, 400),
        ({"value": "3"}, 400),
    ],
)
def test_a_refused_autosave_explains_itself_next_to_the_field(client, invited, data, status):
    respondent, token = invited
    response = client.post(link_url(respondent, token, "save"), data, **HTMX)
    assert response.status_code == status
    assert response["X-Answer-Status"] == "refused"
    assert "Not saved:" in response.text
    assert answers_of(respondent) == {}


def test_an_autosave_to_a_closed_assessment_is_a_conflict(client, invited):
    respondent, token = invited
    respondent.assessment.status = AssessmentStatus.CLOSED
    respondent.assessment.save()
    response = client.post(
        link_url(respondent, token, "save"), {"item": "f1_1", "value": "3"}, **HTMX
    )
    assert response.status_code == 409
    assert "closed" in response.text
    assert answers_of(respondent) == {}


def test_without_javascript_the_save_button_returns_to_the_section(client, invited):
    respondent, token = invited
    response = client.post(
        link_url(respondent, token, "save"), {"item": "f1_1", "value": "2", "section": "2"}
    )
    assert response.status_code == 302
    assert response.url == link_url(respondent, token, "section", 2)


def test_a_reloaded_section_shows_the_saved_answers(client, invited):
    respondent, token = invited
    answer_save(respondent, "f1_1", {"value": "4"})
    answer_save(respondent, "q_individual_productive", {"today": "60", "desired": "20"})
    text_save(respondent, "ctx_change", {"text": "Customers want live tracking."})
    features = client.get(link_url(respondent, token, "section", 2)).text
    assert 'id="f1_1-4" value="4" checked' in features
    assert 'hx-post="' in features
    quadrants = client.get(link_url(respondent, token, "section", 3)).text
    assert 'name="today" id="q_individual_productive-today" value="60"' in quadrants
    assert 'data-points-total="today">60<' in quadrants
    context = client.get(link_url(respondent, token, "section", 1)).text
    assert "Customers want live tracking.</textarea>" in context


def test_a_section_that_does_not_exist_is_not_found(client, invited):
    respondent, token = invited
    assert client.get(link_url(respondent, token, "section", 99)).status_code == 404


def test_each_answer_has_a_labelled_group_and_a_live_save_status(client, invited):
    respondent, token = invited
    page = client.get(link_url(respondent, token, "section", 2)).text
    assert page.count("<fieldset") == page.count("<legend")
    assert page.count('role="status" aria-live="polite"') == 28  # one per feature statement
    assert page.count("t know</label>") == 28
    assert "style=" not in page  # the Content-Security-Policy forbids inline styles


def test_the_questionnaire_speaks_dutch(client, invited):
    respondent, token = invited
    page = client.get(link_url(respondent, token, "section", 1), HTTP_ACCEPT_LANGUAGE="nl").text
    assert "Strategische context" in page
    assert "Hoe creëert onze organisatie waarde" in page


# --- Review and submit ------------------------------------------------------------------------


def test_the_review_lists_what_is_unanswered_and_the_split_that_does_not_add_up(client, invited):
    respondent, token = invited
    answer_save(respondent, "f1_1", {"value": "4"})
    page = client.get(link_url(respondent, token, "review")).text
    missing, given = page.split('class="given-answers')
    assert "Not answered yet" in missing
    assert "People here learn from each other" not in missing  # f1_1 is answered
    assert "When colleagues here talk about learning" in missing  # f1_2 is not
    assert "the points for today add up to 0" in page
    assert "People here learn from each other" in given
    assert "When colleagues here talk about learning" not in given


def test_submitting_with_a_split_that_does_not_add_up_is_refused(client, invited):
    respondent, token = invited
    response = client.post(link_url(respondent, token, "submit"))
    assert response.status_code == 422
    assert "Your answers were not submitted" in response.text
    respondent.refresh_from_db()
    assert respondent.submitted_at is None


def test_after_submitting_the_answers_are_shown_read_only(client, invited):
    respondent, token = invited
    for code, today in zip(QUADRANTS, (70, 10, 15, 5), strict=True):
        answer_save(respondent, code, {"today": str(today), "desired": "25"})
    response = client.post(link_url(respondent, token, "submit"))
    assert response.status_code == 302
    start = client.get(response.url).text
    assert "Thank you: you submitted your answers" in start
    section = client.get(link_url(respondent, token, "section", 3)).text
    assert "<fieldset disabled" in section
    assert "hx-post" not in section
    assert 'value="70"' in section
    save = client.post(link_url(respondent, token, "save"), {"item": "f1_1", "value": "3"}, **HTMX)
    assert save.status_code == 409
    assert answers_of(respondent).get("f1_1") is None


# --- Members ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "group"),
    [
        (Role.OWNER, RespondentGroup.LD),
        (Role.LEADER, RespondentGroup.LEADERSHIP),
        (Role.CONSULTANT, RespondentGroup.OTHER),
        (Role.VIEWER, RespondentGroup.OTHER),
    ],
)
def test_a_member_answers_as_themselves_in_the_group_of_their_role(
    client, default_framework, role, group
):
    assessment = AssessmentFactory()
    member = MembershipFactory(organisation=assessment.organisation, role=role)
    client.force_login(member.user)
    begin = reverse(
        "questionnaire_member_begin", args=[assessment.organisation.slug, assessment.pk]
    )
    assert client.post(begin).status_code == 302
    client.post(begin)  # pressing "Start" again finds the same respondent
    respondent = Respondent.objects.get(assessment=assessment, person__user=member.user)
    assert respondent.group == group
    save = reverse("questionnaire_member_save", args=[assessment.organisation.slug, assessment.pk])
    assert client.post(save, {"item": "f2_1", "value": "5"}, **HTMX).status_code == 200
    assert answers_of(respondent) == {"f2_1": 5.0}


@pytest.mark.parametrize("role", [Role.VIEWER, Role.CONSULTANT])
def test_opening_the_questionnaire_does_not_make_a_member_a_respondent(
    client, default_framework, role
):
    assessment = AssessmentFactory()
    member = MembershipFactory(organisation=assessment.organisation, role=role)
    client.force_login(member.user)
    args = [assessment.organisation.slug, assessment.pk]
    start = reverse("questionnaire_member_start", args=args)
    page = client.get(start)
    assert page.status_code == 200
    assert f'action="{reverse("questionnaire_member_begin", args=args)}"' in page.text
    assert ">Start</button>" in page.text
    for other in (
        reverse("questionnaire_member_section", args=[*args, 1]),
        reverse("questionnaire_member_review", args=args),
    ):
        assert client.get(other).url == start
    assert not Respondent.objects.exists()


def test_pressing_start_makes_the_member_a_respondent_and_opens_the_first_section(
    client, default_framework
):
    assessment = AssessmentFactory()
    member = MembershipFactory(organisation=assessment.organisation, role=Role.VIEWER)
    client.force_login(member.user)
    args = [assessment.organisation.slug, assessment.pk]
    begin = reverse("questionnaire_member_begin", args=args)
    response = client.post(begin, follow=True)
    assert response.redirect_chain[-1][0] == reverse(
        "questionnaire_member_section", args=[*args, 1]
    )
    assert Respondent.objects.get().person.user == member.user
    start = client.get(reverse("questionnaire_member_start", args=args))
    assert begin not in start.text
    assert "Review and submit" in start.text


def test_a_member_cannot_press_start_in_a_closed_assessment(client, default_framework):
    assessment = AssessmentFactory(status=AssessmentStatus.CLOSED)
    member = MembershipFactory(organisation=assessment.organisation)
    client.force_login(member.user)
    args = [assessment.organisation.slug, assessment.pk]
    response = client.post(reverse("questionnaire_member_begin", args=args))
    assert response.status_code == 409
    assert "closed, and you did not take part" in response.text
    assert not Respondent.objects.exists()


def test_a_member_keeps_the_group_the_owner_chose(client, default_framework):
    assessment = AssessmentFactory()
    member = MembershipFactory(organisation=assessment.organisation, role=Role.LEADER)
    RespondentFactory(
        assessment=assessment,
        person=person_of(member.user, assessment.organisation),
        group=RespondentGroup.STAFF,
    )
    client.force_login(member.user)
    client.post(
        reverse("questionnaire_member_begin", args=[assessment.organisation.slug, assessment.pk])
    )
    assert Respondent.objects.get(person__user=member.user).group == RespondentGroup.STAFF


@pytest.mark.parametrize(
    ("status", "text"),
    [
        (AssessmentStatus.DRAFT, "not open yet"),
        (AssessmentStatus.CLOSED, "closed, and you did not take part"),
    ],
)
def test_a_member_cannot_start_an_assessment_that_is_not_open(
    client, default_framework, status, text
):
    assessment = AssessmentFactory(status=status)
    member = MembershipFactory(organisation=assessment.organisation)
    client.force_login(member.user)
    slug = assessment.organisation.slug
    page = client.get(reverse("questionnaire_member_section", args=[slug, assessment.pk, 1]))
    assert text in page.text
    save = client.post(
        reverse("questionnaire_member_save", args=[slug, assessment.pk]),
        {"item": "f1_1", "value": "3"},
        **HTMX,
    )
    assert save.status_code == 409
    assert not Respondent.objects.exists()


def test_a_member_cannot_answer_another_organisations_assessment(client, default_framework):
    foreign = AssessmentFactory()
    member = MembershipFactory()
    client.force_login(member.user)
    url = reverse("questionnaire_member_save", args=[member.organisation.slug, foreign.pk])
    assert client.post(url, {"item": "f1_1", "value": "3"}, **HTMX).status_code == 404
    assert not Answer.objects.exists()


# --- Query counts -----------------------------------------------------------------------------


def count_queries(callable_) -> int:
    with CaptureQueriesContext(connection) as queries:
        callable_()
    return len(queries)


def answer_everything(respondent) -> None:
    items = respondent.assessment.framework_version.items.all()
    for item in items:
        data = {
            "likert5": {"value": "4"},
            "current_target": {"current": "2", "target": "4"},
            "points100": {"today": "25", "desired": "25"},
            "choice": {"choice": "complex"},
        }[item.response]
        answer_save(respondent, item.code, data)
    for question in respondent.assessment.framework_version.questions.all():
        text_save(respondent, question.code, {"text": "An answer in my own words."})


def test_the_section_page_runs_a_fixed_number_of_queries(
    client, invited, django_assert_max_num_queries
):
    respondent, token = invited
    urls = [link_url(respondent, token, "section", n) for n in (1, 2, 3, 5)]
    urls += [link_url(respondent, token), link_url(respondent, token, "review")]
    empty = [count_queries(lambda url=url: client.get(url)) for url in urls]
    answer_everything(respondent)
    for _ in range(15):  # other respondents with answers of their own
        other = RespondentFactory(assessment=respondent.assessment)
        answer_save(other, "f1_1", {"value": "3"})
    full = [count_queries(lambda url=url: client.get(url)) for url in urls]
    assert full == empty
    for url in urls:  # the review: 8, and 1 for the answers it lists in words
        with django_assert_max_num_queries(9):
            assert client.get(url).status_code == 200


def test_an_autosave_runs_a_fixed_number_of_queries(client, invited, django_assert_max_num_queries):
    respondent, token = invited
    url = link_url(respondent, token, "save")
    client.post(url, {"item": "f1_2", "value": "1"}, **HTMX)  # first save marks "started"
    before = count_queries(lambda: client.post(url, {"item": "f1_1", "value": "3"}, **HTMX))
    answer_everything(respondent)
    for _ in range(15):
        RespondentFactory(assessment=respondent.assessment)
    after = count_queries(lambda: client.post(url, {"item": "f1_1", "value": "5"}, **HTMX))
    assert after == before
    # Link lookup, item, locked respondent, upsert, the reports app's data-version bump; the
    # test's own transaction adds a savepoint and its release.
    with django_assert_max_num_queries(7):
        client.post(url, {"item": "cap_curation", "current": "3", "target": "5"}, **HTMX)


def test_a_members_autosave_runs_a_fixed_number_of_queries(
    client, default_framework, django_assert_max_num_queries
):
    assessment = AssessmentFactory()
    member = MembershipFactory(organisation=assessment.organisation)
    client.force_login(member.user)
    url = reverse("questionnaire_member_save", args=[assessment.organisation.slug, assessment.pk])
    client.post(url, {"item": "f1_2", "value": "1"}, **HTMX)
    respondent = Respondent.objects.get(person__user=member.user)
    answer_everything(respondent)
    # Session, user, membership, assessment, respondent, then as above.
    with django_assert_max_num_queries(11):
        assert client.post(url, {"item": "f1_1", "value": "5"}, **HTMX).status_code == 200


def test_a_level_question_shows_the_descriptor_of_each_level(client, default_framework):
    from .helpers import pulse_framework

    respondent, token = respondent_with_link(assessment__framework_version=pulse_framework())
    pages = [client.get(link_url(respondent, token, "section", n)).text for n in (1, 2, 3, 4)]
    level_page = next(page for page in pages if "review_3" in page)
    assert 'name="value" id="review_3-3" value="3"' in level_page
    assert "We hold reviews now and then, but the lessons are not always acted upon." in level_page
    assert 'id="review_3-dk"' not in level_page  # this item offers no "don't know"


def test_capabilities_show_today_and_target_with_what_the_levels_mean(client, invited):
    respondent, token = invited
    page = client.get(link_url(respondent, token, "section", 5)).text
    assert page.count("What the levels mean") == 7
    assert 'name="current" id="cap_curation-current-1"' in page
    assert 'name="target" id="cap_curation-target-5"' in page
    assert "A fixed course catalogue, bought or built once" in page
    culture = client.get(link_url(respondent, token, "section", 6)).text
    assert ">Needed</legend>" in culture


# --- Items on a scale the framework declares --------------------------------------------------


@pytest.fixture
def on_scales():
    """Invited to a round on a framework with a 6-point frequency scale (section 1), a 7-point
    agreement scale with the missing point 9 (section 2), its own likert5 words (section 3) and
    scales of 11 and 2 points (section 4)."""
    return respondent_with_link(assessment__framework_version=scales_framework())


def labels_in_order(page: str, item: str) -> list[str]:
    pattern = rf'<label class="btn btn-outline-(?:primary|secondary)" for="{item}-[^"]+">([^<]+)<'
    return [html.unescape(label) for label in re.findall(pattern, page)]


def test_a_six_point_scale_shows_each_point_with_its_label_and_dont_know_where_offered(
    client, on_scales
):
    respondent, token = on_scales
    page = client.get(link_url(respondent, token, "section", 1)).text
    points = ["Almost never", "Rarely", "Sometimes", "Often", "Very often", "Almost always"]
    assert labels_in_order(page, "share_1") == [*points, "Don't know"]
    assert labels_in_order(page, "share_2") == points  # share_2 offers no "don't know"
    assert 'name="value" id="share_2-6" value="6"' in page
    assert page.count("<fieldset") == page.count("<legend") == 2
    assert '<legend class="fs-6 fw-semibold">We ask each other for feedback.</legend>' in page


def test_the_missing_point_of_a_seven_point_scale_stands_apart_after_the_scored_ones(
    client, on_scales
):
    respondent, token = on_scales
    page = client.get(link_url(respondent, token, "section", 2)).text
    form = page[page.index('for="support_2-1"') : page.index('id="status-support_2"')]
    assert labels_in_order(page, "support_2") == [
        "Strongly disagree",
        "Disagree",
        "Somewhat disagree",
        "Neither agree nor disagree",
        "Somewhat agree",
        "Agree",
        "Strongly agree",
        "Not applicable here",
    ]
    assert form.index("Strongly agree") < form.index("likert-missing") < form.index('value="9"')
    assert 'class="btn btn-outline-secondary" for="support_2-9"' in form  # not a scored point


def test_scale_labels_are_shown_in_the_respondents_language(client, on_scales):
    respondent, token = on_scales
    page = client.get(link_url(respondent, token, "section", 2), HTTP_ACCEPT_LANGUAGE="nl").text
    assert "Enigszins eens" in page
    assert "Niet van toepassing" in page
    assert "Weet ik niet" in page
    assert "Somewhat agree" not in page


def test_a_redeclared_likert5_shows_the_frameworks_own_words(client, on_scales, invited):
    respondent, token = on_scales
    page = client.get(link_url(respondent, token, "section", 3)).text
    assert labels_in_order(page, "clear_1") == [
        "Not true at all",
        "Hardly true",
        "Partly true",
        "Mostly true",
        "Completely true",
        "Does not apply",
    ]
    assert "Strongly disagree" not in page
    default, default_token = invited  # the built-in words, where the framework keeps them
    features = client.get(link_url(default, default_token, "section", 2)).text
    assert labels_in_order(features, "f1_1") == [
        "Strongly disagree",
        "Disagree",
        "Neither agree nor disagree",
        "Agree",
        "Strongly agree",
        "Don't know",
    ]


def test_a_scale_answer_autosaves_and_shows_checked_when_the_page_is_reloaded(client, on_scales):
    respondent, token = on_scales
    url = link_url(respondent, token, "save")
    for item, value in (("support_1", "5"), ("support_2", "9")):
        response = client.post(url, {"item": item, "value": value, "section": "2"}, **HTMX)
        assert response.status_code == 200
        assert response["X-Answer-Status"] == "saved"
    assert client.post(url, {"item": "share_1", "value": "dont_know"}, **HTMX).status_code == 200
    assert answers_of(respondent) == {"support_1": 5.0, "support_2": 9.0, "share_1": None}
    page = client.get(link_url(respondent, token, "section", 2)).text
    assert 'id="support_1-5" value="5" checked' in page
    assert 'id="support_2-9" value="9" checked' in page  # the missing point that was chosen
    assert 'id="support_2-dk"' not in page
    assert page.count(" checked") == 2
    assert (
        'id="share_1-dk" value="dont_know" checked'
        in client.get(link_url(respondent, token, "section", 1)).text
    )


@pytest.mark.parametrize("value", ["0", "8", "10", "abc"])
def test_a_value_off_the_scale_is_refused_next_to_the_field_with_the_values_allowed(
    client, on_scales, value
):
    respondent, token = on_scales
    url = link_url(respondent, token, "save")
    response = client.post(url, {"item": "support_2", "value": value}, **HTMX)
    assert response.status_code == 400
    assert response["X-Answer-Status"] == "refused"
    assert "Not saved: Choose a value from 1 to 7, or 9." in response.text
    assert answers_of(respondent) == {}


def test_progress_counts_scale_answers_scored_missing_and_dont_know(client, on_scales):
    respondent, token = on_scales
    answer_save(respondent, "share_1", {"value": "dont_know"})
    answer_save(respondent, "share_2", {"value": "1"})
    answer_save(respondent, "support_2", {"value": "9"})
    page = client.get(link_url(respondent, token)).text
    assert "43%" in page  # 3 of 7 statements
    review = client.get(link_url(respondent, token, "review")).text
    missing, _given = review.split('class="given-answers')
    assert "My manager makes time for learning." in missing
    assert "I know what is expected of me." in missing
    assert "We ask each other for feedback." not in missing
    assert "Mistakes are held against you." not in missing


def given_words(page: str) -> dict[str, str]:
    pairs = re.findall(r"<dt>([^<]+)</dt><dd>([^<]+)</dd>", page)
    return {html.unescape(text): html.unescape(words) for text, words in pairs}


def test_the_review_shows_the_label_of_each_chosen_point(client, on_scales):
    respondent, token = on_scales
    answer_save(respondent, "share_1", {"value": "dont_know"})
    answer_save(respondent, "share_2", {"value": "6"})
    answer_save(respondent, "support_1", {"value": "3"})
    answer_save(respondent, "support_2", {"value": "9"})
    answer_save(respondent, "clear_1", {"value": "4"})
    review = client.get(link_url(respondent, token, "review")).text
    assert given_words(review) == {
        "We share what we learned from a mistake.": "Don't know",
        "We ask each other for feedback.": "Almost always",
        "My manager makes time for learning.": "Somewhat disagree",
        "Mistakes are held against you.": "Not applicable here",
        "I know what is expected of me.": "Mostly true",
    }
    dutch = client.get(link_url(respondent, token, "review"), HTTP_ACCEPT_LANGUAGE="nl").text
    assert given_words(dutch)["Fouten worden je aangerekend."] == "Niet van toepassing"
    assert given_words(dutch)["Ik weet wat er van me verwacht wordt."] == "Grotendeels waar"


def test_the_review_words_every_kind_of_answer_of_the_default_framework(client, invited):
    respondent, token = invited
    answer_save(respondent, "f1_1", {"value": "4"})
    answer_save(respondent, "f1_2", {"value": "dont_know"})
    answer_save(respondent, "cap_curation", {"current": "2", "target": "4"})
    answer_save(respondent, "q_individual_productive", {"today": "60", "desired": "25"})
    answer_save(respondent, "work_type_priority", {"choice": "complex"})
    words = list(given_words(client.get(link_url(respondent, token, "review")).text).values())
    assert words[:2] == ["Agree", "Don't know"]
    assert "today 60 points, desired 25" in words
    assert "now 2, target 4" in words
    assert len(words) == 5
