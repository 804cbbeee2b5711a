"""Counts and times read as a person would write them: "1 group", "just now", never "0 minutes"."""

from datetime import date, timedelta

import pytest
from django.utils import timezone, translation

from reports.comparison_charts import agreement_chart
from reports.strategy_charts import roadmap_chart
from reports.templatetags.freshness import ago
from tests.reports.test_charts import feature, group, scores_with


def words(text: str) -> str:
    return text.replace("\xa0", " ")  # Django joins a number and its unit with a no-break space


pytestmark = pytest.mark.django_db


def test_something_updated_seconds_ago_was_updated_just_now_not_0_minutes_ago():
    assert ago(timezone.now() - timedelta(seconds=20)) == "just now"
    assert words(ago(timezone.now() - timedelta(minutes=1, seconds=5))) == "1 minute ago"
    assert words(ago(timezone.now() - timedelta(minutes=5, seconds=5))) == "5 minutes ago"


def test_just_now_and_minutes_ago_are_dutch_on_a_dutch_page():
    with translation.override("nl"):
        assert ago(timezone.now() - timedelta(seconds=20)) == "zojuist"
        assert words(ago(timezone.now() - timedelta(minutes=5, seconds=5))) == "5 minuten geleden"


def test_the_scores_of_one_group_are_one_group_not_1_groups(default_framework):
    one = scores_with(dimensions=[feature("f1", 3.0, [group("leadership", 5, 3.2, False)])])
    assert agreement_chart(one, "en")["summary"] == "Scores of 1 group side by side."
    with translation.override("nl"):
        assert "1 groep" in agreement_chart(one, "nl")["summary"]


def action(title: str, owner: str) -> dict:
    return {
        "title": title,
        "owner": owner,
        "horizon": "now",
        "start": None,
        "end": None,
        "status": "planned",
    }


def test_one_action_by_one_owner_is_counted_in_the_singular_and_more_in_the_plural():
    one = {"strategy": {"actions": [action("Coach the coaches", "Ann")]}}
    summary = roadmap_chart(one, "en", today=date(2026, 1, 5))["summary"]
    assert summary.startswith("1 action by 1 owner: ")
    two = {"strategy": {"actions": [action("Coach", "Ann"), action("Pair up", "Bo")]}}
    summary = roadmap_chart(two, "en", today=date(2026, 1, 5))["summary"]
    assert summary.startswith("2 actions by 2 owners: ")
