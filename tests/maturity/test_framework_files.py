"""Framework files: the shipped frameworks load, and every kind of broken file is pinned to a line.

Malformed fixtures are written inline so the line numbers asserted on can be counted in the test.
"""

from __future__ import annotations

import dataclasses
import json
import textwrap
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maturity.framework_files import (
    DEFAULT_FRAMEWORK_PATH,
    MAX_FILE_BYTES,
    DimensionKind,
    FrameworkFileError,
    FrameworkProblem,
    ParsedFramework,
    ResponseType,
    load_default_framework,
    load_framework,
    parse_framework,
)
from tests.maturity.samples import EXAMPLE_PATH, MINIMAL


def problems_in(text: str, filename: str | None = None) -> list[FrameworkProblem]:
    with pytest.raises(FrameworkFileError) as raised:
        parse_framework(text, filename=filename)
    return raised.value.errors


def places(problems: list[FrameworkProblem]) -> list[tuple[int | None, str]]:
    return [(problem.line, problem.path) for problem in problems]


# --- the shipped frameworks ------------------------------------------------------------------


def test_the_default_framework_loads_cleanly() -> None:
    framework = load_default_framework()

    assert framework.code == "ld-strategy"
    assert framework.languages == ("en", "nl")
    assert len(framework.content_hash) == 64
    kinds = [dimension.kind for dimension in framework.dimensions]
    assert kinds.count(DimensionKind.FEATURE) == 6
    assert kinds.count(DimensionKind.CAPABILITY) == 7
    assert kinds.count(DimensionKind.CULTURE) == 5
    assert kinds.count(DimensionKind.OBSTACLE) == 4
    assert kinds.count(DimensionKind.QUADRANT) == 1
    assert kinds.count(DimensionKind.WORK_TYPE) == 1
    assert len(framework.questions) == 5


def test_each_feature_of_a_learning_organisation_has_four_likert_items_some_reversed() -> None:
    features = [d for d in load_default_framework().dimensions if d.kind == DimensionKind.FEATURE]

    for feature in features:
        assert len(feature.items) >= 4
        assert all(item.response == ResponseType.LIKERT5 for item in feature.items)
        assert all(item.dont_know for item in feature.items)
        assert any(item.reverse for item in feature.items)


def test_the_default_framework_asks_what_the_brief_asks() -> None:
    framework = load_default_framework()
    by_kind = {kind: [d for d in framework.dimensions if d.kind == kind] for kind in DimensionKind}

    (quadrants,) = by_kind[DimensionKind.QUADRANT]
    assert [item.response for item in quadrants.items] == [ResponseType.POINTS100] * 4
    (work_type,) = by_kind[DimensionKind.WORK_TYPE]
    assert [o.code for o in work_type.items[0].options] == ["known", "complex", "discovery"]
    for kind in (DimensionKind.CAPABILITY, DimensionKind.CULTURE):
        for dimension in by_kind[kind]:
            assert [i.response for i in dimension.items] == [ResponseType.CURRENT_TARGET]
    for obstacle in by_kind[DimensionKind.OBSTACLE]:
        assert any(item.reverse for item in obstacle.items)  # "this holds us back"


def test_every_scored_dimension_describes_levels_one_to_five_in_english_and_dutch() -> None:
    framework = load_default_framework()

    for dimension in framework.dimensions:
        if any(item.response.uses_levels for item in dimension.items):
            assert [level.level for level in dimension.levels] == [1, 2, 3, 4, 5]
            assert all(set(level.description) == {"en", "nl"} for level in dimension.levels)


def test_the_example_framework_loads_cleanly() -> None:
    framework = load_framework(EXAMPLE_PATH)

    assert framework.code == "team-learning-pulse"
    assert [d.kind for d in framework.dimensions] == [DimensionKind.CUSTOM] * 3
    assert framework.source == str(EXAMPLE_PATH)


def test_the_worked_example_in_the_documentation_is_a_valid_framework() -> None:
    docs = (Path(__file__).resolve().parents[2] / "docs" / "frameworks.md").read_text()
    example = docs.split("```yaml\n", 1)[1].split("```", 1)[0]

    framework = parse_framework(example, filename="frameworks.md")

    assert framework.code == "onboarding-check"
    responses = {item.response for item in framework.items}
    assert responses == set(ResponseType) - {ResponseType.LEVEL5}
    assert len(framework.questions) == 1


# --- the parsed tree -------------------------------------------------------------------------


def test_a_minimal_framework_parses_into_a_frozen_tree_with_defaults_filled_in() -> None:
    framework = parse_framework(MINIMAL)

    (section,) = framework.sections
    (dimension,) = framework.dimensions
    (item,) = framework.items
    assert (section.code, section.position, section.dimension_codes) == ("s1", 1, ("d1",))
    assert (dimension.section_code, dimension.position, dimension.description) == ("s1", 1, {})
    assert (item.dimension_code, item.reverse, item.dont_know, item.options) == (
        "d1",
        False,
        False,
        (),
    )
    assert item.response.answer_fields == ("value",)
    with pytest.raises(dataclasses.FrozenInstanceError):
        framework.code = "other"  # type: ignore[misc]


def test_the_content_hash_ignores_layout_comments_and_the_version_number() -> None:
    original = parse_framework(MINIMAL)
    reformatted = yaml.safe_dump(yaml.safe_load(MINIMAL), default_flow_style=False)
    bumped = MINIMAL.replace("version: 1", "version: 2")
    reworded = MINIMAL.replace("Item one", "Item 1")

    assert parse_framework("# a comment\n" + reformatted).content_hash == original.content_hash
    assert parse_framework(bumped).content_hash == original.content_hash
    assert parse_framework(reworded).content_hash != original.content_hash


def test_a_json_file_parses_to_the_same_framework_as_its_yaml() -> None:
    as_json = json.dumps(yaml.safe_load(MINIMAL), indent=2)

    assert parse_framework(as_json, filename="mini.json") == parse_framework(MINIMAL)


def test_as_dict_is_plain_json() -> None:
    data = load_default_framework().as_dict()

    assert json.loads(json.dumps(data)) == data
    assert data["dimensions"][0]["items"][0]["response"] == "likert5"


# --- broken files ----------------------------------------------------------------------------


def test_it_gives_the_line_and_column_of_bad_yaml_syntax() -> None:
    text = textwrap.dedent("""\
        code: mini
        version: 1
        title: {en: Mini
        languages: [en]
        """)

    (problem,) = problems_in(text)

    assert (problem.line, problem.column) == (4, 10)
    assert problem.message.startswith("invalid YAML")
    assert "line 3" in problem.message  # where the unclosed mapping started


def test_it_gives_the_line_and_column_of_bad_json_syntax() -> None:
    text = '{\n  "code": "mini",\n  "version": 1,\n}\n'

    (problem,) = problems_in(text, filename="mini.json")

    assert (problem.line, problem.column, problem.path) == (4, 1, "")
    assert problem.message.startswith("invalid JSON")


def test_it_names_a_missing_key_at_the_line_of_the_mapping_that_lacks_it() -> None:
    text = textwrap.dedent("""\
        code: mini
        version: 1
        title: {en: Mini}
        languages: [en]
        sections:
          - code: s1
            dimensions: [d1]
        dimensions:
          - code: d1
            name: {en: D1}
            items:
              - code: i1
                text: {en: Item one}
                response: choice
                options: [{code: a, label: {en: A}}, {code: b, label: {en: B}}]
        """)

    problems = problems_in(text)

    assert places(problems) == [(6, "sections[0]"), (9, "dimensions[0]")]
    assert problems[0].message == 'missing required key "title"'
    assert problems[1].message == 'missing required key "kind"'


def test_it_names_the_line_of_a_value_of_the_wrong_type() -> None:
    text = textwrap.dedent("""\
        code: mini
        version: "1"
        title: {en: Mini}
        languages: en
        sections:
          - code: s1
            title: {en: One}
            dimensions: [d1]
        dimensions:
          - code: d1
            kind: custom
            name: {en: D1}
            levels:
              - {level: 1, description: {en: one}}
              - {level: 2, description: {en: two}}
              - {level: 3, description: {en: three}}
              - {level: 4, description: {en: four}}
              - {level: 5, description: {en: five}}
            items:
              - code: i1
                text: {en: Item one}
                response: likert5
                reverse: 1
        """)

    problems = problems_in(text)

    assert places(problems) == [
        (2, "version"),
        (4, "languages"),
        (23, "dimensions[0].items[0].reverse"),
    ]
    assert problems[0].message == 'expected a whole number, got the text "1"'
    assert problems[1].message == 'expected a list, got the text "en"'
    assert problems[2].message == "expected true or false, got the number 1"


def test_it_explains_that_yaml_reads_a_bare_no_as_false() -> None:
    text = MINIMAL.replace("text: {en: Item one}", "text: {en: no}")

    (problem,) = problems_in(text)

    assert (problem.line, problem.path) == (21, "dimensions[0].items[0].text.en")
    assert "put the text in quotes" in problem.message


def test_it_suggests_the_right_spelling_of_an_unknown_key() -> None:
    text = MINIMAL.replace("response: likert5", "response: likert5\n        dont-know: true")

    (problem,) = problems_in(text)

    assert (problem.line, problem.path) == (23, "dimensions[0].items[0].dont-know")
    assert problem.message == 'unknown key "dont-know" (did you mean "dont_know"?)'


def test_it_lists_the_allowed_values_of_an_unknown_kind_or_response() -> None:
    text = MINIMAL.replace("kind: custom", "kind: skill").replace("likert5", "likert7")

    problems = problems_in(text)

    assert places(problems) == [(11, "dimensions[0].kind"), (22, "dimensions[0].items[0].response")]
    assert problems[0].message.startswith('the text "skill" is not one of: feature, quadrant')
    assert problems[1].message.endswith("current_target, points100, choice, scale")


def test_it_rejects_codes_that_are_not_lowercase_identifiers() -> None:
    text = MINIMAL.replace("code: i1", "code: Item 1")

    (problem,) = problems_in(text)

    assert (problem.line, problem.path) == (20, "dimensions[0].items[0].code")
    assert problem.message.startswith('"Item 1" is not a valid code')


def test_it_names_the_line_of_a_duplicate_item_code() -> None:
    text = textwrap.dedent("""\
        code: mini
        version: 1
        title: {en: Mini}
        languages: [en]
        sections:
          - code: s1
            title: {en: One}
            dimensions: [d1]
        dimensions:
          - code: d1
            kind: custom
            name: {en: D1}
            levels:
              - {level: 1, description: {en: one}}
              - {level: 2, description: {en: two}}
              - {level: 3, description: {en: three}}
              - {level: 4, description: {en: four}}
              - {level: 5, description: {en: five}}
            items:
              - code: f1_1
                text: {en: First}
                response: likert5
              - code: f1_1
                text: {en: Second}
                response: likert5
        """)

    errors = problems_in(text)

    assert places(errors) == [(23, "dimensions[0].items[1].code")]
    assert str(errors[0]) == (
        'line 23, dimensions[0].items[1].code: duplicate item code "f1_1" (first used at line 20)'
    )


def test_it_names_duplicate_section_dimension_and_question_codes() -> None:
    text = textwrap.dedent("""\
        code: mini
        version: 1
        title: {en: Mini}
        languages: [en]
        sections:
          - code: s1
            title: {en: One}
            dimensions: [d1]
            questions:
              - {code: why, text: {en: Why}}
              - {code: why, text: {en: Why again}}
          - code: s1
            title: {en: Two}
            questions:
              - {code: i1, text: {en: Clash with an item}}
        dimensions:
          - code: d1
            kind: custom
            name: {en: D1}
            items: [{code: i1, text: {en: I}, response: choice, options: [{code: a, label: {en: A}}, {code: b, label: {en: B}}]}]
          - code: d1
            kind: custom
            name: {en: D1 again}
            items: [{code: i2, text: {en: I}, response: choice, options: [{code: a, label: {en: A}}, {code: a, label: {en: B}}]}]
        """)  # noqa: E501

    problems = problems_in(text)

    assert places(problems) == [
        (11, "sections[0].questions[1].code"),
        (12, "sections[1].code"),
        (20, "dimensions[0].items[0].code"),
        (21, "dimensions[1].code"),
        (24, "dimensions[1].items[0].options[1].code"),
    ]
    assert [problem.message for problem in problems] == [
        'duplicate question code "why" (first used at line 10)',
        'duplicate section code "s1" (first used at line 6)',
        'item code "i1" is already used by a question at line 15; '
        "items and questions share one set of codes",
        'duplicate dimension code "d1" (first used at line 17)',
        'duplicate option code "a" (first used at line 24)',
    ]


def test_it_reports_a_level_out_of_range_and_the_level_left_missing() -> None:
    text = MINIMAL.replace(
        "{level: 5, description: {en: five}}", "{level: 6, description: {en: six}}"
    )

    problems = problems_in(text)

    assert places(problems) == [(13, "dimensions[0].levels"), (18, "dimensions[0].levels[4].level")]
    assert [problem.message for problem in problems] == [
        "level 5 is missing: describe each of the levels 1 to 5 exactly once",
        "level 6 is out of range: levels run from 1 to 5",
    ]


def test_it_reports_a_level_listed_twice() -> None:
    text = MINIMAL.replace(
        "{level: 4, description: {en: four}}", "{level: 3, description: {en: 3b}}"
    )

    problems = problems_in(text)

    assert places(problems) == [(13, "dimensions[0].levels"), (17, "dimensions[0].levels[3].level")]
    assert problems[0].message.startswith("level 4 is missing")
    assert problems[1].message == "level 3 is listed twice (first at line 16)"


def test_it_requires_levels_when_items_are_answered_on_the_one_to_five_scale() -> None:
    text = textwrap.dedent("""\
        code: mini
        version: 1
        title: {en: Mini}
        languages: [en]
        sections:
          - code: s1
            title: {en: One}
            dimensions: [d1]
        dimensions:
          - code: d1
            kind: capability
            name: {en: D1}
            items:
              - code: i1
                text: {en: Where are we and where should we be}
                response: current_target
        """)

    (problem,) = problems_in(text)

    assert (problem.line, problem.path) == (10, "dimensions[0]")
    assert problem.message.startswith('missing "levels"')


def test_it_names_the_line_of_an_unknown_dimension_referenced_by_a_section() -> None:
    text = textwrap.dedent("""\
        code: mini
        version: 1
        title: {en: Mini}
        languages: [en]
        sections:
          - code: s1
            title: {en: One}
            dimensions:
              - openness
              - colegiality
        dimensions:
          - code: openness
            kind: quadrant
            name: {en: Openness}
            items:
              - {code: i1, text: {en: One}, response: points100}
              - {code: i2, text: {en: Two}, response: points100}
          - code: collegiality
            kind: quadrant
            name: {en: Collegiality}
            items:
              - {code: i3, text: {en: One}, response: points100}
              - {code: i4, text: {en: Two}, response: points100}
        """)

    problems = problems_in(text)

    assert places(problems) == [(10, "sections[0].dimensions[1]"), (18, "dimensions[1].code")]
    assert problems[0].message == 'unknown dimension "colegiality" (did you mean "collegiality"?)'


def test_it_reports_a_dimension_in_no_section_and_one_placed_in_two() -> None:
    text = textwrap.dedent("""\
        code: mini
        version: 1
        title: {en: Mini}
        languages: [en]
        sections:
          - code: s1
            title: {en: One}
            dimensions: [d1]
          - code: s2
            title: {en: Two}
            dimensions:
              - d1
        dimensions:
          - code: d1
            kind: work_type
            name: {en: D1}
            items: [{code: i1, text: {en: I}, response: choice, options: [{code: a, label: {en: A}}, {code: b, label: {en: B}}]}]
          - code: d2
            kind: work_type
            name: {en: D2}
            items: [{code: i2, text: {en: I}, response: choice, options: [{code: a, label: {en: A}}, {code: b, label: {en: B}}]}]
        """)  # noqa: E501

    problems = problems_in(text)

    assert places(problems) == [(12, "sections[1].dimensions[0]"), (18, "dimensions[1].code")]
    assert problems[0].message == (
        'dimension "d1" is already placed in a section at line 8; '
        "each dimension belongs to exactly one section"
    )
    assert problems[1].message.startswith('dimension "d2" is not in any section')


def test_it_names_every_text_missing_its_dutch_translation_when_dutch_is_declared() -> None:
    text = textwrap.dedent("""\
        code: mini
        version: 1
        title:
          en: Mini
          nl: Mini
        languages: [en, nl]
        sections:
          - code: s1
            title: {en: One, nl: Een}
            dimensions: [d1]
        dimensions:
          - code: d1
            kind: custom
            name: {en: D1, nl: D1}
            levels:
              - {level: 1, description: {en: one, nl: een}}
              - {level: 2, description: {en: two, nl: twee}}
              - {level: 3, description: {en: three}}
              - {level: 4, description: {en: four, nl: vier}}
              - {level: 5, description: {en: five, nl: vijf}}
            items:
              - code: i1
                text:
                  en: Item one
                response: likert5
        """)

    problems = problems_in(text)

    assert places(problems) == [
        (18, "dimensions[0].levels[2].description"),
        (23, "dimensions[0].items[0].text"),
    ]
    assert {p.message for p in problems} == {'missing the Dutch ("nl") translation'}


def test_it_rejects_text_in_a_language_the_framework_does_not_declare() -> None:
    text = MINIMAL.replace("name: {en: D1}", "name: {en: D1, de: D1}")

    (problem,) = problems_in(text)

    assert (problem.line, problem.path) == (12, "dimensions[0].name.de")
    assert problem.message.startswith('text in "de", which is not in languages (en)')


def test_english_is_always_required() -> None:
    text = MINIMAL.replace("languages: [en]", "languages: [nl]").replace("{en: Mini}", "{nl: Mini}")

    problems = problems_in(text)

    assert places(problems)[:2] == [(3, "title"), (4, "languages")]
    assert problems[0].message == 'missing required key "en"'
    assert problems[1].message.startswith('languages must include "en"')


def test_it_only_allows_reverse_on_items_on_an_ordered_scale() -> None:
    text = MINIMAL.replace("likert5", "current_target\n        reverse: true")

    (problem,) = problems_in(text)

    assert (problem.line, problem.path) == (23, "dimensions[0].items[0].reverse")
    assert problem.message == (
        "reverse only applies to items on an ordered scale (likert5, level5, scale), "
        "not current_target"
    )


def test_a_reverse_worded_level5_item_is_accepted() -> None:
    framework = parse_framework(MINIMAL.replace("likert5", "level5\n        reverse: true"))

    assert framework.items[0].reverse is True


def test_a_choice_item_needs_at_least_two_options() -> None:
    text = MINIMAL.replace(
        "response: likert5",
        "response: choice\n        options:\n          - {code: a, label: {en: A}}",
    )

    (problem,) = problems_in(text)

    assert (problem.line, problem.path) == (23, "dimensions[0].items[0].options")
    assert problem.message == "a choice item needs at least 2 options"


def test_points_items_share_one_split_and_cannot_be_mixed_with_other_responses() -> None:
    text = MINIMAL.replace("response: likert5", "response: points100\n        dont_know: true")

    problems = problems_in(text)

    assert places(problems) == [
        (19, "dimensions[0].items"),
        (23, "dimensions[0].items[0].dont_know"),
    ]
    assert problems[0].message == "a points100 split needs at least 2 items"


def test_it_reports_a_key_written_twice_in_one_mapping() -> None:
    text = MINIMAL.replace("    name: {en: D1}\n", "    name: {en: D1}\n    name: {en: D1 again}\n")

    (problem,) = problems_in(text)

    assert (problem.line, problem.path) == (13, "dimensions[0].name")
    assert problem.message == "duplicate key (first used at line 12)"


def test_it_collects_every_problem_in_one_pass_sorted_by_line() -> None:
    text = (
        MINIMAL.replace("version: 1", "version: 0")
        .replace("dimensions: [d1]", "dimensions: [d9]")
        .replace("response: likert5", "response: likert5\n        reverse: maybe")
    )

    problems = problems_in(text)

    assert places(problems) == [
        (2, "version"),
        (8, "sections[0].dimensions[0]"),
        (10, "dimensions[0].code"),
        (23, "dimensions[0].items[0].reverse"),
    ]


def test_the_error_lists_each_problem_with_its_line_and_path() -> None:
    text = MINIMAL.replace("version: 1", "version: 0").replace("kind: custom", "kind: skill")

    with pytest.raises(FrameworkFileError) as raised:
        parse_framework(text, filename="mini.yaml")

    assert str(raised.value) == (
        "framework file mini.yaml has 2 problems:\n"
        "  line 2, version: version must be a whole number from 1 to 1000000\n"
        '  line 11, dimensions[0].kind: the text "skill" is not one of: feature, quadrant, '
        "capability, culture, obstacle, work_type, custom"
    )


def test_a_json_file_has_line_numbers_too() -> None:
    data = yaml.safe_load(MINIMAL)
    data["dimensions"][0]["kind"] = "skill"
    text = json.dumps(data, indent=2)
    expected_line = next(n for n, line in enumerate(text.splitlines(), 1) if '"skill"' in line)

    (problem,) = problems_in(text, filename="mini.json")

    assert (problem.line, problem.path) == (expected_line, "dimensions[0].kind")


def test_it_rejects_a_file_over_one_megabyte_before_parsing_it(tmp_path: Path) -> None:
    big = MINIMAL + "# padding\n" * (MAX_FILE_BYTES // 10 + 1)
    path = tmp_path / "big.yaml"
    path.write_text(big)

    for raised_by in (lambda: parse_framework(big), lambda: load_framework(path)):
        with pytest.raises(FrameworkFileError) as raised:
            raised_by()
        (problem,) = raised.value.errors
        assert (problem.line, problem.path) == (None, "")
        assert problem.message == (
            f"the file is {len(big):,} bytes; framework files may be at most 1 MB (1,048,576 bytes)"
        )


def test_it_rejects_an_alias_bomb_without_expanding_it() -> None:
    text = textwrap.dedent("""\
        a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
        b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
        c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
        d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
        e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
        f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
        g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
        """)
    started = time.monotonic()

    (problem,) = problems_in(text)

    assert time.monotonic() - started < 1
    assert (problem.line, problem.column) == (1, 4)
    assert "anchors and aliases" in problem.message


def test_it_rejects_nesting_deeper_than_the_loader_allows() -> None:
    (problem,) = problems_in("code: " + "[" * 200 + "]" * 200 + "\n")

    assert problem.line == 1
    assert "nested more than" in problem.message


def test_it_rejects_json_nested_deeper_than_python_can_parse() -> None:
    (problem,) = problems_in("[" * 100_000 + "]" * 100_000, filename="deep.json")

    assert problem.message == "invalid JSON: the file is nested too deeply"


def test_it_rejects_bytes_that_are_not_utf8() -> None:
    with pytest.raises(FrameworkFileError) as raised:
        parse_framework(MINIMAL.encode("utf-8").replace(b"Mini}", b"Mini\xff}"))

    (problem,) = raised.value.errors
    assert (problem.line, problem.message) == (3, "the file is not UTF-8 text")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the file is empty"),
        ("# only a comment\n", "the file is empty"),
        ("- a list\n", "expected a mapping of keys to values, got a list"),
    ],
)
def test_it_rejects_a_file_that_is_not_a_mapping(text: str, message: str) -> None:
    (problem,) = problems_in(text)

    assert problem.message == message


# --- robustness ------------------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)
framework_keys = st.sampled_from(
    ["code", "version", "title", "languages", "sections", "dimensions", "items", "levels", "en"]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(framework_keys, json_values, max_size=6))
def test_any_structure_is_either_a_framework_or_a_list_of_problems(data: dict) -> None:
    for text, filename in ((yaml.safe_dump(data), None), (json.dumps(data), "x.json")):
        outcome: ParsedFramework | list[FrameworkProblem]
        try:
            outcome = parse_framework(text, filename=filename)
        except FrameworkFileError as error:
            outcome = error.errors
        if not isinstance(outcome, ParsedFramework):
            assert outcome
            assert all(isinstance(p.message, str) and p.message for p in outcome)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200))
def test_any_text_is_either_a_framework_or_a_list_of_problems(text: str) -> None:
    with pytest.raises(FrameworkFileError):
        parse_framework(text)


def test_the_default_framework_path_points_at_the_shipped_file() -> None:
    assert DEFAULT_FRAMEWORK_PATH.name == "ld-strategy.yaml"
    assert DEFAULT_FRAMEWORK_PATH.is_file()
