"""The text rule at the boundary: control characters (other than tab and newline) are refused
next to the field on every form and in the questionnaire's free-text answers; nothing is
stored."""

import pytest
from django.urls import reverse

from actions.dimensions import default_action_dimensions
from actions.forms import ActionForm
from diagnosis.answers import AnswerRefused, text_save
from diagnosis.forms import AssessmentForm, InviteForm
from diagnosis.models import KeyChallenge, Priority, TextAnswer
from diagnosis.workspace_forms import KnowledgeGapForm
from lndstrategy.text import CONTROL_MESSAGE, chart_label, document_text, validate_text
from organisations.forms import InvitationSignupForm, OrganisationForm, PersonForm
from organisations.models import Role
from policy.models import Policy
from tests.diagnosis.factories import AssessmentFactory, KeyChallengeFactory, RespondentFactory
from tests.diagnosis.results_scenario import build_scenario
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

CONTROL = "Control\x01char\x0bvt"
MESSAGE = str(CONTROL_MESSAGE)


def field_block(html: str, field_id: str) -> str:
    start = html.index(f'id="div_{field_id}"')
    following = html.find('id="div_', start + 1)
    return html[start : following if following != -1 else len(html)]


def test_a_key_challenge_with_a_control_character_is_refused_next_to_its_title(client):
    scenario = build_scenario()
    organisation = scenario.assessment.organisation
    client.force_login(MembershipFactory(organisation=organisation, role=Role.OWNER).user)
    data = {
        "assessment": scenario.assessment.pk,
        "title": CONTROL,
        "description": "Teams wait for approval.",
        "priority": Priority.HIGH,
        "dimension_codes": ["f4-autonomy"],
    }
    html = client.post(
        reverse("workspace_challenge_create", args=[organisation.slug]), data
    ).content.decode()
    assert "invisible control characters" in field_block(html, "id_title")
    assert not KeyChallenge.objects.exists()
    # The same challenge without the control characters is stored.
    client.post(
        reverse("workspace_challenge_create", args=[organisation.slug]),
        data | {"title": "Control char vt"},
    )
    assert KeyChallenge.objects.get().title == "Control char vt"


def test_a_policy_with_a_control_character_is_refused_next_to_its_statement(client):
    owner = MembershipFactory(role=Role.OWNER)
    challenge = KeyChallengeFactory(organisation=owner.organisation)
    client.force_login(owner.user)
    data = {"statement": CONTROL, "rationale": "Why.", "challenges": [challenge.pk]}
    html = client.post(
        reverse("policy_create", args=[owner.organisation.slug]), data
    ).content.decode()
    assert "invisible control characters" in field_block(html, "id_statement")
    assert not Policy.objects.exists()
    client.post(
        reverse("policy_create", args=[owner.organisation.slug]),
        data | {"statement": "Teams decide"},
    )
    assert Policy.objects.get().statement == "Teams decide"


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (
            lambda org: ActionForm(
                {"title": CONTROL}, organisation=org, dimensions=default_action_dimensions()
            ),
            "title",
        ),
        (lambda org: OrganisationForm({"name": CONTROL, "brand_colour": "#000000"}), "name"),
        (lambda org: AssessmentForm({"title": CONTROL}, organisation=org), "title"),
        (
            lambda org: InviteForm(
                {"name": CONTROL, "email": "a@example.com", "group": "staff"},
                assessment=AssessmentFactory(organisation=org),
            ),
            "name",
        ),
        (lambda org: KnowledgeGapForm({"competence": CONTROL, "target_group": "x"}), "competence"),
        (lambda org: PersonForm({"name": CONTROL, "email": "p@example.com"}), "name"),
        (
            lambda org: InvitationSignupForm(
                {"username": "new", "first_name": CONTROL}, email="new@example.com"
            ),
            "first_name",
        ),
    ],
    ids=["action", "organisation", "round", "invitee", "knowledge-gap", "person", "sign-up"],
)
def test_every_free_text_field_refuses_control_characters_with_the_message_on_the_field(
    make, field
):
    form = make(OrganisationFactory())
    assert not form.is_valid()
    assert MESSAGE in form.errors[field]


def test_tabs_newlines_and_ordinary_unicode_pass_the_rule():
    validate_text("Line one\r\n\tLine two — café ＝ 日本語 🙂")
    form = OrganisationForm({"name": "Café\tNorth", "size": "", "brand_colour": "#000000"})
    form.is_valid()
    assert "name" not in form.errors


@pytest.mark.parametrize("text", [CONTROL, "Null\x00byte"], ids=["control", "nul"])
def test_a_free_text_answer_with_control_characters_is_refused_and_not_stored(
    text, default_framework
):
    respondent = RespondentFactory(assessment__framework_version=default_framework)
    with pytest.raises(AnswerRefused) as refused:
        text_save(respondent, "ctx_value", {"text": text})
    assert "invisible control characters" in str(refused.value.messages)
    assert not TextAnswer.objects.exists()
    text_save(respondent, "ctx_value", {"text": "Reliable\ndeliveries"})
    assert TextAnswer.objects.get().text == "Reliable\ndeliveries"


def test_documents_drop_control_characters_and_bidirectional_overrides():
    assert document_text(CONTROL) == "Controlcharvt"
    assert document_text("abc\u202edcba\u202c \u2066x\u2069") == "abcdcba x"
    assert document_text("Tab\tand\nnewline") == "Tab\tand\nnewline"
    assert document_text(3.5) == 3.5


def test_chart_labels_are_escaped_so_plotly_shows_them_as_text():
    label = chart_label('<a href="https://evil.example">Click</a><br><b>B</b> & co')
    assert label == (
        '&lt;a href="https://evil.example"&gt;Click&lt;/a&gt;'
        "&lt;br&gt;&lt;b&gt;B&lt;/b&gt; &amp; co"
    )
