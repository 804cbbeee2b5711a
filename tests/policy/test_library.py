from django.utils import translation

from actions.ideas import IDEAS
from maturity.models import Dimension
from policy.library import FEATURE_CODES, LIBRARY, library_entry

SEED_000 = (
    "help-the-organisation-change",
    "credible-business-unit",
    "support-and-challenge-leadership",
    "social-structures-for-learning",
    "aligned-goals-and-tools",
    "education-is-not-the-default",
)


def test_the_library_holds_the_six_policies_of_the_strategy_article_and_more():
    codes = [entry.code for entry in LIBRARY]
    assert set(SEED_000) <= set(codes)
    assert len(codes) == len(set(codes)) >= 10


def test_every_library_entry_and_action_idea_is_written_in_english_and_dutch():
    for entry in LIBRARY:
        for text in (entry.statement_text, entry.rationale_text):
            assert set(text) == {"en", "nl"}
            assert text["en"] != text["nl"]
    for idea in IDEAS:
        for text in (idea.title_text, idea.description_text):
            assert set(text) == {"en", "nl"}
            assert text["en"] != text["nl"]


def test_library_texts_follow_the_active_language():
    entry = library_entry("education-is-not-the-default")
    with translation.override("nl"):
        assert entry.statement.startswith("Opleiden is niet langer")
    with translation.override("en"):
        assert entry.statement.startswith("Training is no longer")


def test_every_dimension_code_in_the_library_and_ideas_exists_in_the_default_framework(
    default_framework,
):
    known = set(Dimension.objects.filter(version=default_framework).values_list("code", flat=True))
    for entry in (*LIBRARY, *IDEAS):
        assert entry.dimension_codes, entry.code
        assert set(entry.dimension_codes) <= known, entry.code
    assert set(FEATURE_CODES) <= known


def test_every_feature_has_library_policies_and_action_ideas_to_suggest():
    for feature in FEATURE_CODES:
        assert any(feature in entry.dimension_codes for entry in LIBRARY), feature
        assert any(feature in idea.dimension_codes for idea in IDEAS), feature


def test_a_statement_matches_its_entry_whatever_the_spacing_or_language():
    entry = library_entry("credible-business-unit")
    assert entry.matches("  " + entry.statement_text["en"].replace(" ", "  ") + "\n")
    assert entry.matches(entry.statement_text["nl"])
    assert not entry.matches("We are a support desk.")
    assert library_entry("no-such-code") is None
    assert library_entry(None) is None
