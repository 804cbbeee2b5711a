import json
import re

import pytest
from django.urls import reverse

from actions.models import ActionStatus
from organisations.models import Role
from tests.actions.factories import ActionFactory
from tests.diagnosis.factories import KeyChallengeFactory
from tests.factories import MembershipFactory, UserFactory, person_of
from tests.policy.factories import PolicyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner():
    return MembershipFactory(role=Role.OWNER)


def url(name, organisation, *args):
    return reverse(name, args=[organisation.slug, *args])


def test_the_kernel_shows_challenges_policies_and_actions_as_one_tree(client, owner):
    organisation = owner.organisation
    challenge = KeyChallengeFactory(organisation=organisation, title="Decisions are slow")
    bare = KeyChallengeFactory(organisation=organisation, title="Nobody owns learning")
    policy = PolicyFactory(
        organisation=organisation, challenges=[challenge], statement="Decide close to the work."
    )
    ActionFactory(organisation=organisation, policy=policy, title="Move decision rights")
    client.force_login(owner.user)
    html = client.get(url("actions_index", organisation)).content.decode()
    tree = html[html.index('class="kernel list-unstyled"') :]
    assert tree.index("Decisions are slow") < tree.index("Decide close to the work.")
    assert tree.index("Decide close to the work.") < tree.index("Move decision rights")
    assert "Nobody owns learning" in tree
    assert f"?challenge={bare.pk}" in tree


def test_the_coherence_page_lists_findings_with_links_to_fix_them(client, owner):
    organisation = owner.organisation
    challenge = KeyChallengeFactory(organisation=organisation, title="Nobody owns learning")
    client.force_login(owner.user)
    html = client.get(url("coherence_check", organisation)).content.decode()
    assert "Key challenge “Nobody owns learning” has no guiding policy." in html
    assert f'href="/orgs/{organisation.slug}/policy/new/?challenge={challenge.pk}"' in html
    assert 'id="coherence-score"' in html


def test_the_coherence_page_hides_fix_links_from_viewers(client, owner):
    viewer = MembershipFactory(organisation=owner.organisation, role=Role.VIEWER)
    KeyChallengeFactory(organisation=owner.organisation)
    client.force_login(viewer.user)
    html = client.get(url("coherence_check", owner.organisation)).content.decode()
    assert "has no guiding policy" in html
    assert "Fix this" not in html


def test_the_roadmap_hands_a_timeline_figure_to_a_static_script(client, owner):
    organisation = owner.organisation
    ActionFactory(organisation=organisation, title="Dated action")
    ActionFactory(organisation=organisation, title="Someday", start_date=None, end_date=None)
    ActionFactory(organisation=organisation, title="Gone", status=ActionStatus.DROPPED)
    client.force_login(owner.user)
    html = client.get(url("roadmap", organisation) + "?group=horizon").content.decode()
    data = re.search(r'<script id="roadmap-data" type="application/json">(.*?)</script>', html)
    figure = json.loads(data.group(1))
    [trace] = figure["data"]
    assert trace["y"][1] == ["Dated action"]
    assert trace["type"] == "bar"
    assert figure["layout"]["xaxis"]["type"] == "date"
    assert "actions/roadmap.js" in html
    assert "vendor/plotly/plotly.min.js" in html
    assert "Someday" in html  # listed under actions without dates
    assert "Gone" not in html
    # No inline script runs without the page's nonce.
    for tag in re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", html):
        assert "nonce=" in tag


def test_the_accountability_matrix_counts_actions_per_leader_and_feature(client, owner):
    organisation = owner.organisation
    leader = MembershipFactory(
        organisation=organisation, role=Role.LEADER, user=UserFactory(first_name="Priya")
    ).user
    for dimensions in (["f4-autonomy"], ["f4-autonomy", "f5-supportive-leadership"]):
        ActionFactory(
            organisation=organisation, owner=person_of(leader, organisation), dimensions=dimensions
        )
    client.force_login(owner.user)
    html = client.get(url("accountability_matrix", organisation)).content.decode()
    row = html[html.index("Priya") :]
    row = row[: row.index("</tr>")]
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row)
    assert [c if c.isdigit() else "" for c in cells[:6]] == ["", "", "", "2", "1", ""]
    assert "No leader is accountable yet for:" in html


def test_the_strategy_pages_speak_dutch(client, owner, settings):
    KeyChallengeFactory(organisation=owner.organisation, title="Niemand is eigenaar van leren")
    client.force_login(owner.user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    coherence = client.get(url("coherence_check", owner.organisation)).content.decode()
    assert "Samenhangscheck" in coherence
    assert "Kernuitdaging “Niemand is eigenaar van leren” heeft geen richtinggevend beleid." in (
        coherence
    )
    library = client.get(url("policy_library", owner.organisation)).content.decode()
    assert "Beleidsbibliotheek" in library
    assert "Opleiden is niet langer ons standaardantwoord" in library
    form = client.get(url("action_create", owner.organisation)).content.decode()
    assert "Verantwoordelijke eigenaar" in form
    assert "4 · Verantwoordelijkheid en autonomie" in form
